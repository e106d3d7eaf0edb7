"""Hostile text goes in through the importer and comes out everywhere escaped,
executed nowhere, and complete."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.importer import import_releases
from articles.models import Article
from tests.hostile import EXECUTABLE_MARKERS, HOSTILE_STRINGS, MEGA_LINE

RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)


@pytest.fixture
def hostile_articles(db, tmp_path):
    path = tmp_path / "hostile.jsonl"
    lines = [
        json.dumps(
            {
                "title": f"Hostile {n}: {text}",
                "body": f"Before.\n\n{text}\n\nAfter {n}.",
                "source_url": f"https://example.org/hostile/{n}",
                "published": "2024-05-15",
            }
        )
        for n, text in enumerate(HOSTILE_STRINGS)
    ]
    lines.append(
        json.dumps(
            {
                "title": "A release with a one-megabyte line",
                "body": MEGA_LINE,
                "source_url": "https://example.org/hostile/mega",
            }
        )
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    report = import_releases([path], retrieved_at=RETRIEVED)
    assert [r.status for r in report.results] == ["created"] * (len(HOSTILE_STRINGS) + 1), [
        r.error for r in report.results
    ]
    return list(Article.objects.order_by("id"))


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def visible(text):
    """What survives the importer's normalisation: the same words, with white
    space folded and zero-width formatting characters dropped."""
    return " ".join(text.translate(INVISIBLE).split())


def test_hostile_text_is_stored_word_for_word(hostile_articles):
    *articles, mega = hostile_articles
    for article, text in zip(articles, HOSTILE_STRINGS, strict=True):
        assert visible(text) in visible(article.title), article.title
        assert visible(text) in visible(article.body), article.body
        assert article.machine_body == article.body
    assert visible(mega.body) == visible(MEGA_LINE)


def assert_inert(html):
    for marker in EXECUTABLE_MARKERS:
        assert marker not in html, marker


def test_hostile_text_is_escaped_on_the_public_pages(client, hostile_articles):
    assert_inert(client.get(reverse("articles:list")).content.decode())
    for article in hostile_articles[:-1]:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert_inert(html)
        assert "&lt;" in html or "<" not in article.title


def test_hostile_text_is_escaped_in_the_admin(editor_client, hostile_articles):
    response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    assert_inert(response.content.decode())
    for article in hostile_articles[:3]:
        response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert response.status_code == 200
        assert_inert(response.content.decode())


def test_the_megabyte_release_renders(client, hostile_articles):
    response = client.get(hostile_articles[-1].get_absolute_url())

    assert response.status_code == 200
    assert len(response.content) > 1_000_000


def test_hostile_text_survives_the_feeds_as_well_formed_xml(client, hostile_articles):
    from xml.etree import ElementTree

    for name in ("articles:feed_atom", "articles:feed_rss"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        root = ElementTree.fromstring(response.content)  # raises on broken XML
        titles = " ".join(
            element.text or "" for element in root.iter() if element.tag.endswith("title")
        )
        assert visible("<script>alert('xss')</script>") in visible(titles)


def test_hostile_text_comes_back_unchanged_from_the_api(client, hostile_articles):
    for article in hostile_articles[:-1]:
        data = client.get(reverse("articles:api_article", kwargs={"slug": article.slug})).json()
        assert data["title"] == article.title
        assert data["body"] == article.body


def test_searching_for_hostile_text_finds_it_and_stays_inert(client, hostile_articles):
    # PostgreSQL's text parser leaves out whatever looks like markup, so the
    # search is for the SQL fragment's words.
    response = client.get(reverse("articles:list"), {"q": "'; DROP TABLE"})

    assert response.status_code == 200
    html = response.content.decode()
    assert_inert(html)
    assert "Hostile 10" in html


def import_one(tmp_path, **record):
    record.setdefault("title", "A release")
    record.setdefault("body", "Some text about carbon.")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record), encoding="utf-8")
    return import_releases([path], retrieved_at=RETRIEVED).results[0]


def test_control_characters_in_any_imported_field_are_cleaned(db, tmp_path, client):
    result = import_one(
        tmp_path,
        title="Line\x0bbreak",
        source="Ecology\u001bBureau",
        source_url="https://example.org/a\x1b",
        published="2024-05-15\x0b",
    )

    assert result.status == "created", result.error
    article = Article.objects.select_related("source").get()
    assert article.title == "Line break"
    assert article.source.name == "Ecology Bureau"
    assert article.published_on.isoformat() == "2024-05-15"
    for url in ("/feeds/releases.atom", "/feeds/releases.rss"):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>"]
)
def test_imported_addresses_other_than_http_are_left_out_with_a_warning(db, tmp_path, url):
    result = import_one(tmp_path, source_url=url)

    assert result.status == "created"
    assert "not an http or https address" in "; ".join(result.warnings)
    assert Article.objects.get().source_url == ""


def test_overlong_title_and_source_are_cut_with_a_warning(db, tmp_path):
    result = import_one(tmp_path, title="T" * 600, source="S" * 250)

    assert result.status == "created"
    assert "title cut to 500 of its 600 characters" in "; ".join(result.warnings)
    assert "source name cut to 200 of its 250 characters" in "; ".join(result.warnings)
    article = Article.objects.select_related("source").get()
    assert len(article.title) == 500
    assert article.source.name == "S" * 200
