"""The first path through the site: list, detail and admin pages."""

import datetime

import pytest
from django.urls import reverse


def test_release_list_shows_newest_first(client, make_article):
    make_article(title="Older release", published_on=datetime.date(2022, 7, 28))
    make_article(title="Newer release", published_on=datetime.date(2024, 5, 15))

    response = client.get(reverse("articles:list"))

    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("Newer release") < text.index("Older release")
    assert "2 releases" in text


def test_release_list_query_count_does_not_grow_with_rows(
    client, make_article, make_source, django_assert_max_num_queries
):
    source = make_source()
    for _ in range(25):
        make_article(source=source)

    # The content version, the count, the page's keys, its rows, two
    # prefetches (places, topics), the counts per province and the counts
    # per organization, topic, source and year.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("articles:list"))
    # Another page: the total and the counts come from the cache until the
    # releases change.
    with django_assert_max_num_queries(5):
        again = client.get(reverse("articles:list"), {"page": 2})

    assert response.status_code == again.status_code == 200


def test_release_list_paginates(client, make_article, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(title=f"Release {n}")

    response = client.get(reverse("articles:list"), {"page": 3})

    assert response.status_code == 200
    assert "Page 3 of 3" in response.content.decode()


@pytest.mark.parametrize("page", ["999999", "-1", "abc", "1" * 500])
def test_release_list_survives_odd_page_numbers(client, make_article, page):
    make_article()

    assert client.get(reverse("articles:list"), {"page": page}).status_code == 200


def test_detail_shows_paragraphs_links_and_date_precision(
    client, make_article, make_region, make_organization
):
    region = make_region(name="Qinghai")
    organization = make_organization(name="Qinghai Provincial Department of Ecology")
    article = make_article(
        title="Low Carbon Day in Qinghai",
        body="First paragraph.\n\nSecond paragraph.",
        published_on=datetime.date(2024, 5, 1),
        date_precision="month",
        regions=[region],
        organizations=[organization],
    )

    response = client.get(article.get_absolute_url())

    text = response.content.decode()
    assert response.status_code == 200
    assert "<p>First paragraph.</p>" in text
    assert "<p>Second paragraph.</p>" in text
    assert "about May 2024" in text
    assert region.get_absolute_url() in text
    assert organization.get_absolute_url() in text
    assert "Machine translation, not yet reviewed" in text


def test_detail_escapes_imported_text(client, make_article):
    article = make_article(title="<script>alert(1)</script>", body="<img src=x onerror=alert(1)>")

    text = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<img src=x" not in text


def test_unknown_release_is_404(client, db):
    assert client.get(reverse("articles:detail", kwargs={"slug": "nope"})).status_code == 404


def test_region_page_lists_releases_from_places_below_it(client, make_region, make_article):
    province = make_region(name="Zhejiang", slug="zhejiang")
    county = make_region(name="Haiyan County", kind="county", parent=province)
    make_article(title="Haiyan supports green enterprises", regions=[county])

    response = client.get(province.get_absolute_url())

    assert response.status_code == 200
    assert "Haiyan supports green enterprises" in response.content.decode()


@pytest.mark.parametrize("model", ["article", "region", "organization", "source", "topic"])
def test_admin_change_list_and_add_form_open(editor_client, make_article, model):
    make_article()

    assert editor_client.get(reverse(f"admin:articles_{model}_changelist")).status_code == 200
    assert editor_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200


def test_admin_article_change_form_opens(editor_client, make_article, make_region):
    article = make_article(regions=[make_region()])

    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_admin_requires_login(client, db):
    response = client.get(reverse("admin:articles_article_changelist"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
