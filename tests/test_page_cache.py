"""Public pages are cached whole under the content version: never stale,
revalidated with an ETag, and never shared when they are a
reader's own."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.db import content_version
from articles.models import Article, Region

LIST = reverse("articles:list")


def version():
    return content_version.current().number


def test_a_cached_release_page_shows_an_editors_correction_at_once(client, make_article):
    article = make_article(title="Carbon GSP pilot opens")
    assert "Carbon GSP pilot opens" in client.get(article.get_absolute_url()).content.decode()

    article.title = "Carbon inclusion pilot opens"
    article.save()

    text = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Carbon inclusion pilot opens</h1>" in text


def test_a_cached_list_follows_deletions_and_renamed_places(client, make_article, make_region):
    region = make_region(name="Nanjing")
    kept, deleted = make_article(regions=[region]), make_article(title="Withdrawn release")
    first = client.get(LIST).content.decode()
    assert (
        "Withdrawn release" in first
        and "Nanjing" in client.get(kept.get_absolute_url()).content.decode()
    )

    deleted.delete()
    Region.objects.filter(pk=region.pk).update(name="Ningxia")

    assert "Withdrawn release" not in client.get(LIST).content.decode()
    text = client.get(kept.get_absolute_url()).content.decode()
    assert "Ningxia" in text and "Nanjing" not in text


def test_every_kind_of_write_moves_the_content_version(make_article, make_region, make_topic):
    article = make_article()
    seen = [version()]

    def moved():
        seen.append(version())
        return seen[-1] != seen[-2]

    Article.objects.bulk_create([Article(slug="bulk", title="Bulk", body="Body")])
    assert moved()
    Article.objects.filter(pk=article.pk).update(title="Updated in bulk")
    assert moved()
    article.regions.add(make_region())
    assert moved()
    article.topics.add(make_topic())
    assert moved()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET body = 'raw' WHERE id = %s", [article.pk])
    assert moved()
    Article.objects.filter(slug="bulk").delete()
    assert moved()
    list(Article.objects.all())
    assert not moved()


def test_a_correction_of_wording_keeps_the_counts_but_not_the_page(
    client, make_article, make_topic, django_assert_max_num_queries
):
    topic = make_topic()
    articles = [make_article(topics=[topic]) for _ in range(30)]
    before = content_version.current()
    client.get(LIST)  # counts the total and the choices, and keeps them

    articles[-1].title = "Carbon inclusion, not carbon GSP"
    articles[-1].save()
    after_wording = content_version.current()
    # The page is built again, but the total, the page's keys and the counts
    # per choice still hold: the version, the page's rows and their links.
    with django_assert_max_num_queries(5):
        page = client.get(LIST).content.decode()

    assert "Carbon inclusion, not carbon GSP" in page
    assert after_wording.number > before.number
    assert after_wording.listing_number == before.listing_number

    articles[1].published_on = datetime.date(2020, 5, 24)
    articles[1].save()
    articles[2].topics.clear()
    assert content_version.current().listing_number == before.listing_number + 2


def test_an_unchanged_page_is_revalidated_with_an_empty_304(client, make_article):
    article = make_article()
    first = client.get(article.get_absolute_url())
    assert first["Cache-Control"] == "no-cache"

    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""

    article.title = "Corrected"
    article.save()
    after_edit = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert after_edit.status_code == 200 and after_edit["ETag"] != first["ETag"]
    assert "Corrected" in after_edit.content.decode()


def test_pages_differ_by_language_and_query_string(client, make_article):
    make_article(title="Quota auction")
    make_article(title="Forest sink")

    english, chinese = client.get("/"), client.get("/zh-hans/")
    found = client.get(LIST, {"q": "quota"}).content.decode()
    other = client.get(LIST, {"q": "forest"}).content.decode()

    assert english["ETag"] != chinese["ETag"]
    assert 'lang="zh-hans"' in chinese.content.decode()
    assert "auction" in found and "sink" not in found
    assert "sink" in other and "auction" not in other


def test_refused_queries_are_answered_but_never_stored(client, db):
    response = client.get(LIST, {"region": "atlantis"})
    # A stored page would cost the content version alone, not the look-up.
    with CaptureQueriesContext(connection) as again:
        repeated = client.get(LIST, {"region": "atlantis"})

    assert response.status_code == repeated.status_code == 400
    assert not response.has_header("ETag")
    assert len(again) > 1


def test_a_signed_in_editor_never_gets_or_leaves_a_shared_page(editor_client, make_article):
    article = make_article(title="Shared title")
    reader = Client()
    reader_etag = reader.get(article.get_absolute_url())["ETag"]

    response = editor_client.get(article.get_absolute_url())

    assert response.status_code == 200 and not response.has_header("ETag")
    assert reader.get(article.get_absolute_url())["ETag"] == reader_etag


def test_the_api_counts_every_request_against_the_limit_even_when_cached(client, db, settings):
    settings.API_REQUESTS_PER_MINUTE = 3

    statuses = [client.get("/api/articles/").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db(transaction=True)
def test_readers_see_a_new_version_only_once_the_writes_are_committed(make_article):
    """A reader who saw the new number before the commit would store a page
    built from the old data under it, for good."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite readers never see uncommitted writes from another connection")
    import psycopg

    settings_dict = connection.settings_dict
    other = psycopg.connect(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
        autocommit=True,
    )

    def seen_by_another_reader():
        return other.execute(f"SELECT number FROM {content_version.TABLE} WHERE id = 1").fetchone()[
            0
        ]

    before = seen_by_another_reader()
    with transaction.atomic():
        make_article()
        assert seen_by_another_reader() == before
    # Bumped at commit, once for each kind of change (text, listing), not
    # once per row written.
    assert before < seen_by_another_reader() <= before + 2
    other.close()


def test_the_triggers_come_back_after_a_migration_drops_them(make_article):
    """SQLite drops a table's triggers when a migration rebuilds the table;
    the post_migrate hook puts them back."""
    from django.apps import apps

    from articles.apps import repair_triggers

    article = make_article()
    if connection.vendor == "postgresql":
        # As after a commit: no foreign-key checks pending on the tables.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    content_version.uninstall()
    before = version()
    Article.objects.filter(pk=article.pk).update(title="Written while unwatched")
    assert version() == before

    repair_triggers(sender=apps.get_app_config("articles"), using="default")
    Article.objects.filter(pk=article.pk).update(title="Watched again")

    assert version() > before


def test_tracking_parameters_share_one_cached_page(
    client, make_article, django_assert_max_num_queries
):
    make_article(title="Carbon market notice")
    client.get("/articles/", {"utm_source": "first"})

    for n in range(5):
        with django_assert_max_num_queries(1):  # the content version only
            response = client.get("/articles/", {"utm_source": f"random-{n}", "fbclid": n})
        assert response.status_code == 200
        assert "random-" not in response.content.decode()
    assert client.get("/articles/", {"q": "carbon", "utm_source": "x"}).status_code == 200


def test_unknown_parameters_never_reach_a_cached_feed_or_api_link(client, make_article):
    for n in range(25):
        make_article(title=f"Release {n}")

    api = client.get("/api/articles/", {"page_size": 10, "utm_campaign": "spam"}).json()
    feed = client.get("/feeds/releases.atom", {"utm_campaign": "spam"}).content.decode()

    assert "utm_campaign" not in api["next"]
    assert "page_size=10" in api["next"]
    assert "utm_campaign" not in feed
