"""Readers see the original beside the translation: a link to the page the
release came from, the Chinese text paragraph by paragraph, and the original
in the API and the CSV export; releases awaiting translation stay off every
public list."""

import csv
import datetime
import io
import json
import re

import pytest

from articles.models import Article

ZH_BODY = "第一段。\n\n第二段<script>alert(1)</script>。"
EN_BODY = "First paragraph.\n\nSecond paragraph, in two.\n\nIts second half."


@pytest.fixture
def translated(make_article):
    return make_article(
        title="Fujian and Ningxia cooperate",
        body=EN_BODY,
        original_title="福建与宁夏合作",
        original_body=ZH_BODY,
        original_url="https://sthjt.example.gov.cn/news/1.html",
        source_url="https://english.example.gov.cn/news/1.html",
        alignment=[[[0], [0]], [[1], [1, 2]]],
    )


def test_the_release_page_shows_the_original_paragraph_by_paragraph(client, translated):
    html = client.get(translated.get_absolute_url()).content.decode()

    assert 'href="https://sthjt.example.gov.cn/news/1.html"' in html
    assert "Read it on sthjt.example.gov.cn" in html
    section = html[html.index('class="original"') :]
    assert '<h3 lang="zh-Hans">福建与宁夏合作</h3>' in section
    rows = re.findall(r'<td lang="zh-Hans">(.*?)</td>\s*<td lang="en">(.*?)</td>', section, re.S)
    assert rows == [
        ("第一段。", "First paragraph."),
        (
            "第二段&lt;script&gt;alert(1)&lt;/script&gt;。",
            "Second paragraph, in two.<br><br>Its second half.",
        ),
    ]
    assert "<script>alert(1)" not in html


def test_without_an_original_the_page_links_the_scraped_page_and_shows_no_section(
    client, make_article
):
    article = make_article(source_url="https://english.example.gov.cn/a.html")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Read it on english.example.gov.cn" in html
    assert 'class="original"' not in html


def test_json_ld_names_the_work_translated(client, translated):
    html = client.get(translated.get_absolute_url()).content.decode()

    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["isBasedOn"] == "https://sthjt.example.gov.cn/news/1.html"
    assert data["translationOfWork"]["name"] == "福建与宁夏合作"


def test_the_api_and_the_csv_carry_the_original(client, translated):
    listed = client.get("/api/articles/").json()["results"][0]
    detail = client.get(f"/api/articles/{translated.slug}/").json()
    table = list(
        csv.DictReader(io.StringIO(client.get("/articles/export.csv").content.decode("utf-8-sig")))
    )

    assert listed["original_title"] == "福建与宁夏合作"
    assert listed["original_url"] == "https://sthjt.example.gov.cn/news/1.html"
    assert detail["original_body"] == ZH_BODY
    assert table[0]["original_title"] == "福建与宁夏合作"
    assert table[0]["original_url"] == "https://sthjt.example.gov.cn/news/1.html"


def test_a_release_awaiting_translation_is_on_no_public_page(client, make_article, translated):
    waiting = make_article(
        title="",
        body="",
        original_title="等待翻译的稿件",
        original_body="正文。",
        translation_status=Article.Status.AWAITING,
    )

    assert client.get(waiting.get_absolute_url()).status_code == 404
    for url in ["/", "/articles/", "/feeds/releases.atom", "/feeds/releases.rss",
                "/articles/export.csv", "/sitemap.xml"]:  # fmt: skip
        assert "等待翻译" not in client.get(url).content.decode(), url
    assert client.get("/api/articles/").json()["count"] == 1
    assert client.get(f"/api/articles/{waiting.slug}/").status_code == 404


def test_counts_per_place_and_organization_leave_out_releases_awaiting_translation(
    client, make_article, make_region, make_organization, make_source
):
    fujian = make_region(name="Fujian", slug="fujian", code="350000")
    exchange = make_organization(name="Fujian Exchange", slug="fujian-exchange")
    portal = make_source(name="Fujian Portal")
    may = datetime.date(2024, 5, 15)
    make_article(
        title="Fujian trades", regions=[fujian], organizations=[exchange], source=portal,
        published_on=may,
    )  # fmt: skip
    make_article(
        title="",
        body="",
        original_title="福建交易",
        original_body="正文。",
        translation_status=Article.Status.AWAITING,
        regions=[fujian],
        organizations=[exchange],
        source=portal,
        published_on=may,
    )

    listing = client.get("/articles/").context["facets"]
    regions = client.get("/regions/").context["provinces"]

    assert [(p.name, p.release_count) for p in listing["regions"]] == [("Fujian", 1)]
    assert [(o.name, o.release_count) for o in listing["organizations"]] == [("Fujian Exchange", 1)]
    assert [(p.name, p.release_count) for p in regions if p.name == "Fujian"] == [("Fujian", 1)]
    assert [(s.name, s.release_count) for s in listing["sources"]] == [("Fujian Portal", 1)]
    assert listing["years"] == [(2024, 1)]
    assert Article.objects.published().per_month(datetime.date(2024, 1, 1)) == [
        (datetime.date(2024, 5, 1), 1)
    ]


def test_sources_list_their_website(client, make_source):
    make_source(name="Example Ecology Department", url="https://sthjt.example.gov.cn/")
    make_source(name="Hostile Source", url="javascript:alert(1)")

    html = client.get("/sources/").content.decode()

    assert 'href="https://sthjt.example.gov.cn/"' in html
    assert "javascript:" not in html


def test_a_list_that_can_match_nothing_still_counts(db):
    assert Article.objects.published().none().count() == 0
    assert Article.objects.published().filter(pk__in=[]).count() == 0
