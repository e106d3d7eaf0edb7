"""The release page: date precision, sources, links, translation status,
correction log, related releases and machine-readable metadata."""

import datetime
import json
import re

import pytest
from django.utils import timezone, translation
from django.utils.html import escape


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_unknown_date_and_year_precision_are_shown_honestly(client, make_article):
    undated = make_article()
    yearly = make_article(published_on=datetime.date(2023, 1, 1), date_precision="year")

    assert "date unknown" in page(client, undated)
    assert "about 2023" in page(client, yearly)


def test_source_links_to_the_original(client, make_article, make_source):
    source = make_source(name="Haiyan County People's Government")
    article = make_article(source=source, source_url="http://www.haiyan.gov.cn/art/1.html")

    text = page(client, article)

    assert 'href="http://www.haiyan.gov.cn/art/1.html"' in text
    assert source.get_absolute_url() in text


def test_reviewed_release_says_when(client, make_article):
    article = make_article(translation_status="reviewed")
    article.reviewed_at = timezone.make_aware(datetime.datetime(2024, 6, 3, 10, 0))
    article.save()

    text = page(client, article)

    assert "Reviewed by editors on 3 June 2024." in text
    assert "not yet reviewed" not in text


def test_corrected_release_shows_machine_text_and_public_log(
    client, make_article, django_user_model
):
    article = make_article(title="Machine title", body="Machine body.")
    editor = django_user_model.objects.create_user("ed", "secret-editor@example.com", "pw")
    article.title = "Corrected title"
    article.translation_status = "reviewed"
    article._history_user = editor
    article.save()

    text = page(client, article)

    assert "<details" in text and "Machine title" in text and "Machine body." in text
    assert "editors changed the title, translation status" in text
    assert "published from the machine translation" in text
    assert "secret-editor@example.com" not in text
    assert ">ed<" not in text


def test_related_releases_share_a_place_or_organization(
    client, make_article, make_region, make_organization
):
    region, organization = make_region(), make_organization()
    article = make_article(regions=[region])
    by_place = make_article(title="Same place", regions=[region])
    by_org = make_article(title="Same body", organizations=[organization])
    make_article(title="Unrelated")
    article.organizations.add(organization)

    text = page(client, article)

    assert by_place.title in text and by_org.title in text
    assert "Unrelated" not in text


def test_json_ld_canonical_and_open_graph(client, make_article, make_source):
    article = make_article(
        title="Carbon </script><script>alert(1)</script> day",
        published_on=datetime.date(2024, 5, 15),
        date_precision="day",
        source=make_source(name="Platform"),
    )

    text = page(client, article)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    )

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2024-05-15"
    assert "<script>alert(1)" not in text
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in text
    assert '<meta property="og:type" content="article">' in text


def test_detail_query_count_is_bounded(
    client,
    make_article,
    make_region,
    make_organization,
    make_topic,
    django_assert_max_num_queries,
):
    regions = [make_region() for _ in range(5)]
    organizations = [make_organization() for _ in range(5)]
    topics = [make_topic() for _ in range(3)]
    article = make_article(regions=regions, organizations=organizations, topics=topics)
    for n in range(10):
        make_article(regions=regions[:2], organizations=organizations[:1])
        article.title = f"Edit {n}"
        article.save()

    with django_assert_max_num_queries(8):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200


def test_release_without_revision_history_still_renders(client, db):
    from articles.models import Article

    Article.objects.bulk_create([Article(slug="bulk", title="Bulk", body="Text.")])

    response = client.get("/articles/bulk/")

    assert response.status_code == 200
    assert "No corrections so far." in response.content.decode()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "JavaScript:x"])
def test_a_stored_address_of_another_scheme_is_never_a_link(client, make_article, url):
    # As an import made before addresses were checked may have stored it.
    article = make_article(title="Notice", source_url=url)

    page = client.get(article.get_absolute_url()).content.decode()
    api = client.get(f"/api/articles/{article.slug}/").json()
    csv_text = client.get("/articles/export.csv").content.decode()

    assert url not in page
    assert escape(url) not in page
    assert 'href="' + url.split(":")[0].lower() not in page.lower()
    assert "isBasedOn" not in page
    assert api["source_url"] is None
    assert url not in csv_text


def test_an_editor_cannot_save_an_address_of_another_scheme(editor_client, make_article):
    from tests.editorial import article_form_data, change_url

    article = make_article(title="Notice", source_url="https://example.org/original")

    response = editor_client.post(
        change_url(article), article_form_data(article, source_url="javascript:alert(1)")
    )

    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    article.refresh_from_db()
    assert article.source_url == "https://example.org/original"


def test_control_characters_an_editor_pastes_are_cleaned(editor_client, make_article, client):
    from tests.editorial import article_form_data, change_url

    article = make_article(title="Notice")

    response = editor_client.post(
        change_url(article),
        article_form_data(article, title="Line\x0bbreak", body="One\x0b two.\n\nThree."),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Line break"
    assert article.body == "One  two.\n\nThree."
    assert client.get("/feeds/releases.atom").status_code == 200


def test_corrected_release_not_yet_reviewed_says_review_is_under_way(
    client, make_article, make_editor
):
    article = make_article(title="Machine title", body="Carbon GSP pilot.")
    article.body = "Carbon inclusion (Puhui) pilot."
    article.start_review()
    article.save_revision(make_editor(), "Glossary term")

    text = page(client, article)
    with translation.override("zh-hans"):  # the Chinese page's address, and no leak after it
        chinese = page(client, article)

    assert (
        "Machine translation; editors have corrected parts of it and review is under way." in text
    )
    assert "being reviewed by editors" not in text and "not yet reviewed" not in text
    assert "编辑已校正其中部分内容，审校仍在进行中" in chinese


def test_release_sent_back_to_review_without_corrections_claims_none(client, make_article):
    article = make_article(translation_status="in_review")

    text = page(client, article)

    assert "Machine translation, being reviewed by editors." in text
    assert "have corrected parts" not in text
