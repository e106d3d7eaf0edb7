"""The timeline: releases per month for any filtered list, split by a facet,
each piece a link to that month's list."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from articles.models import PolicyFacet
from articles.ops.fixtures import load_missing

URL = reverse("articles:timeline")


@pytest.fixture
def facets(db):
    load_missing("facets")
    return {facet.slug: facet for facet in PolicyFacet.objects.all()}


def links(page):
    return [unescape(href) for href in re.findall(r'<a href="([^"]*date_after[^"]*)"', page)]


def test_months_are_counted_and_each_bar_leads_to_its_month(client, facets, make_article):
    notice = facets["notice"]
    for day in (datetime.date(2024, 5, 3), datetime.date(2024, 5, 20), datetime.date(2024, 7, 1)):
        make_article(published_on=day, date_precision="day", document_type=notice)
    make_article(published_on=None)  # undated: not on a timeline

    page = client.get(URL).content.decode()

    assert "3 dated releases" in page
    assert "May 2024: 2" in page and "July 2024: 1" in page
    assert page.count("<g transform") == 3  # June is there, empty
    assert "/articles/?date_after=2024-05-01&date_before=2024-05-31" in links(page)


def test_a_timeline_split_by_document_type_links_each_piece_to_its_kind(
    client, facets, make_article
):
    may = datetime.date(2024, 5, 10)
    make_article(published_on=may, document_type=facets["notice"])
    make_article(published_on=may, document_type=facets["plan-programme"])
    make_article(published_on=may, document_type=facets["plan-programme"])

    page = client.get(URL, {"stack": "document_type"}).content.decode()

    assert "May 2024, Plan or programme: 2" in page and "May 2024, Notice: 1" in page
    assert (
        "/articles/?date_after=2024-05-01&date_before=2024-05-31&document_type=plan-programme"
        in links(page)
    )


def test_a_release_in_two_sectors_is_in_both_pieces_but_counted_once(client, facets, make_article):
    may = datetime.date(2024, 5, 10)
    both = make_article(published_on=may)
    both.facets.add(facets["steel"], facets["power"])
    make_article(published_on=may)  # no sector

    page = client.get(URL, {"stack": "sector"}).content.decode()

    assert "2 dated releases" in page
    assert "May 2024, Steel: 1" in page and "May 2024, Power: 1" in page
    assert "May 2024: 1" in page  # the piece of releases with no sector
    assert "Other or none" in page


def test_the_timeline_keeps_the_lists_filters(client, facets, make_article):
    steel = facets["steel"]
    make_article(published_on=datetime.date(2024, 3, 1)).facets.add(steel)
    make_article(published_on=datetime.date(2024, 4, 1))

    page = client.get(URL, {"sector": "steel", "stack": "level"}).content.decode()

    assert "1 dated release" in page
    assert all("sector=steel" in href for href in links(page))
    assert '<input type="hidden" name="sector" value="steel">' in page


def test_a_release_dated_in_the_future_does_not_stretch_the_timeline(client, facets, make_article):
    make_article(published_on=datetime.date(2024, 5, 1))
    make_article(published_on=datetime.date.today() + datetime.timedelta(days=800))

    page = client.get(URL).content.decode()

    assert "1 dated release" in page
    last_year = str(datetime.date.today().year + 2)
    assert f">{last_year}<" not in page


def test_an_unknown_split_is_refused_with_a_reason(client, facets):
    response = client.get(URL, {"stack": "colour"})

    assert response.status_code == 400
    assert "cannot be split that way" in response.content.decode()


def test_the_timeline_stays_within_its_query_bound(
    client, facets, make_article, django_assert_max_num_queries
):
    for month in range(1, 13):
        article = make_article(
            published_on=datetime.date(2023, month, 5), document_type=facets["notice"]
        )
        article.facets.add(facets["county"])

    for stack in ("", "document_type", "level", "topic"):
        with django_assert_max_num_queries(10):
            assert client.get(URL, {"stack": stack, "level": "county"}).status_code == 200


def test_the_chinese_timeline_names_its_pieces_in_chinese_and_links_chinese_lists(
    client, facets, make_article
):
    make_article(published_on=datetime.date(2024, 5, 10), document_type=facets["notice"])
    facets["notice"].name_zh = "通知"
    facets["notice"].save()

    english = client.get(URL, {"stack": "document_type"}).content.decode()
    chinese = client.get("/zh-hans" + URL, {"stack": "document_type"}).content.decode()

    assert "Notice: 1" in english and "通知: 1" in chinese
    assert any(href.startswith("/zh-hans/articles/?") for href in links(chinese))
