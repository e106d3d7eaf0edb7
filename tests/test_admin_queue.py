"""The change list as a work queue: "Save and next" and the position in the list."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, GlossaryTerm
from tests.editorial import article_form_data, change_url


def in_list(article, filters):
    return f"{change_url(article)}?{urlencode({'_changelist_filters': urlencode(filters)})}"


@pytest.fixture
def queue(make_article, make_source):
    """Three machine translations from one source, newest first, and others
    the filters leave out."""
    source, other = make_source(name="Guangdong Ecology"), make_source()
    releases = [
        make_article(source=source, published_on=datetime.date(2024, 6, day), title=f"June {day}")
        for day in (30, 20, 10)
    ]
    make_article(source=other, published_on=datetime.date(2024, 6, 25))
    make_article(
        source=source, published_on=datetime.date(2024, 6, 15), translation_status="reviewed"
    )
    filters = {"source__id__exact": source.pk, "translation_status__exact": "machine"}
    return releases, filters


def test_the_form_shows_the_position_in_the_filtered_list(editor_client, queue):
    releases, filters = queue

    page = editor_client.get(in_list(releases[1], filters)).content.decode()

    assert "<strong>2 of 3</strong> in" in page
    assert 'name="_save_next"' in page


def test_save_and_next_saves_and_opens_the_next_release_keeping_the_filters(editor_client, queue):
    releases, filters = queue
    first, second, _ = releases

    response = editor_client.post(
        in_list(first, filters),
        article_form_data(first, title="June 30, corrected", _continue="", _save_next="1"),
    )

    assert response.status_code == 302
    assert response["Location"] == in_list(second, filters)
    first.refresh_from_db()
    assert first.title == "June 30, corrected"
    assert first.translation_status == Article.Status.IN_REVIEW  # so it left the list
    page = editor_client.get(response["Location"]).content.decode()
    assert "“June 30, corrected” was saved." in page
    assert "<strong>1 of 2</strong> in" in page


def test_save_and_next_on_the_last_release_returns_to_the_list(editor_client, queue):
    releases, filters = queue
    last = releases[-1]

    response = editor_client.post(
        in_list(last, filters), article_form_data(last, _continue="", _save_next="1")
    )

    changelist = reverse("admin:articles_article_changelist")
    assert response["Location"] == f"{changelist}?{urlencode(filters)}"
    assert (
        "That was the last release of this list."
        in editor_client.get(response["Location"]).content.decode()
    )


def test_a_release_no_longer_in_the_list_leads_to_the_lists_first(editor_client, queue):
    releases, filters = queue
    done = releases[1]
    done.translation_status = Article.Status.REVIEWED
    done.save()

    response = editor_client.post(
        in_list(done, filters), article_form_data(done, _continue="", _save_next="1")
    )

    assert response["Location"] == in_list(releases[0], filters)


def test_the_open_flags_filter_is_a_queue_too(editor_client, make_article):
    GlossaryTerm.objects.create(preferred="carbon inclusion", wrong_renderings="carbon GSP")
    older = make_article(body="The carbon GSP pilot.", published_on=datetime.date(2024, 1, 1))
    make_article(body="Clean text.", published_on=datetime.date(2024, 2, 1))
    newer = make_article(body="A carbon GSP platform.", published_on=datetime.date(2024, 3, 1))
    from articles.editorial.quality import refresh_quality_flags

    for article in Article.objects.all():
        refresh_quality_flags(article)
    filters = {"flags": "open"}

    listed = editor_client.get(reverse("admin:articles_article_changelist"), filters)
    response = editor_client.post(
        in_list(newer, filters),
        article_form_data(newer, body="A carbon inclusion platform.", _continue="", _save_next="1"),
    )

    assert [a.pk for a in listed.context["cl"].result_list] == [newer.pk, older.pk]
    assert response["Location"] == in_list(older, filters)
    assert not newer.quality_flags.open().exists()


def test_releases_awaiting_translation_head_the_default_list(editor_client, make_article):
    make_article(published_on=datetime.date(2024, 5, 1))
    make_article(published_on=datetime.date(2024, 4, 1), translation_status="in_review")
    awaiting = make_article(published_on=datetime.date(2023, 1, 1), translation_status="awaiting")

    response = editor_client.get(reverse("admin:articles_article_changelist"))

    assert response.context["cl"].result_list[0] == awaiting


def test_the_queue_position_costs_a_bounded_number_of_queries(
    editor_client, queue, make_article, django_assert_max_num_queries
):
    releases, filters = queue
    for day in range(1, 10):
        make_article(source=releases[0].source, published_on=datetime.date(2024, 5, day))

    with django_assert_max_num_queries(20):
        response = editor_client.get(in_list(releases[1], filters))
    assert "<strong>2 of 12</strong>" in response.content.decode()


def test_filters_the_list_would_refuse_still_open_the_form(editor_client, queue):
    releases, _ = queue

    for filters in ({"last_edited_by__password__startswith": "p"}, {"published_on__year": "x"}):
        response = editor_client.get(in_list(releases[0], filters))
        assert response.status_code == 200
        assert "queue-position" not in response.content.decode()


@pytest.fixture
def long_queue(make_source):
    """1,005 machine translations from one source, newest first."""
    source = make_source(name="Hubei Ecology")
    Article.objects.bulk_create(
        Article(
            slug=f"long-{n}",
            title=f"Release {n}",
            body="Text.",
            machine_title=f"Release {n}",
            machine_body="Text.",
            source=source,
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(1005)
    )
    newest_first = list(Article.objects.filter(source=source).order_by("-published_on"))
    return newest_first, {"source__id__exact": source.pk}


def test_a_long_queue_is_counted_no_further_than_a_thousand(editor_client, long_queue):
    releases, filters = long_queue

    with CaptureQueriesContext(connection) as queries:
        page = editor_client.get(in_list(releases[11], filters)).content.decode()

    assert "<strong>12 of more than 1,000</strong> in" in page
    numbering = [q["sql"] for q in queries if "ROW_NUMBER" in q["sql"].upper()]
    assert len(numbering) == 1 and "LIMIT 1001" in numbering[0].upper()


def test_past_the_first_thousand_the_form_says_so_and_save_and_next_still_moves_on(
    editor_client, long_queue
):
    releases, filters = long_queue
    deep = releases[1002]

    page = editor_client.get(in_list(deep, filters)).content.decode()
    response = editor_client.post(
        in_list(deep, filters), article_form_data(deep, _continue="", _save_next="1")
    )

    assert "Past the first 1,000 of" in page
    assert response["Location"] == in_list(releases[1003], filters)


def test_the_thousandth_release_leads_to_the_next_one_beyond_the_count(editor_client, long_queue):
    releases, filters = long_queue
    thousandth = releases[999]

    page = editor_client.get(in_list(thousandth, filters)).content.decode()
    response = editor_client.post(
        in_list(thousandth, filters), article_form_data(thousandth, _continue="", _save_next="1")
    )

    assert "<strong>1,000 of more than 1,000</strong>" in page
    assert response["Location"] == in_list(releases[1000], filters)
