"""A release's card in a list: every place it is linked to (or the broadest
few and how many more), its issuing body, document type and a one-line summary."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import PolicyFacet

LIST = "/articles/"


def card_of(html, title):
    """The HTML of the card whose heading is `title`."""
    for card in re.findall(r'<article class="card">.*?</article>', html, re.S):
        if f">{title}</a></h3>" in card:
            return card
    raise AssertionError(f"no card for {title!r}")


@pytest.fixture
def document_type(db):
    return PolicyFacet.objects.create(
        kind=PolicyFacet.Kind.DOCUMENT_TYPE, name="Notice", name_zh="通知", slug="notice"
    )


def test_a_card_names_every_place_of_a_release_with_a_few(client, make_article, make_region):
    fujian = make_region(name="Fujian", slug="fujian")
    ningxia = make_region(name="Ningxia", slug="ningxia", kind="autonomous_region")
    make_article(title="Two provinces", regions=[fujian, ningxia])

    card = card_of(client.get(LIST).content.decode(), "Two provinces")

    assert ">Fujian</a>" in card and ">Ningxia</a>" in card
    assert "more place" not in card


def test_a_card_with_many_places_names_the_broadest_first_and_counts_the_rest(
    client, make_article, make_region
):
    province = make_region(name="Zhejiang", slug="zhejiang")
    city = make_region(name="Jiaxing", slug="jiaxing", kind="prefecture_city", parent=province)
    counties = [
        make_region(name=f"County {letter}", slug=f"county-{letter}", kind="county", parent=city)
        for letter in "abcd"
    ]
    article = make_article(title="Many places", regions=[*counties, city, province])

    card = card_of(client.get(LIST).content.decode(), "Many places")

    named = re.findall(r'href="/regions/[-\w]+/">([^<]+)</a>', card)
    assert named == ["Zhejiang", "Jiaxing", "County a", "County b"]
    assert f'<a class="more-places" href="{article.get_absolute_url()}">+2 more places</a>' in card


def test_a_card_shows_the_issuing_body_document_type_and_a_summary(
    client, make_article, make_organization, document_type
):
    ministry = make_organization(name="Ministry of Ecology and Environment")
    make_article(
        title="Allowance notice",
        issuing_body=ministry,
        document_type=document_type,
        body="The ministry sets the 2024 allowance rules for power plants. " * 10
        + "\n\nSecond paragraph.",
    )

    card = card_of(client.get(LIST).content.decode(), "Allowance notice")

    assert "issued by Ministry of Ecology and Environment" in card
    assert f'href="{document_type.get_absolute_url()}">Notice</a>' in card
    summary = re.search(r'<p\s+class="summary">([^<]*)</p>', card).group(1)
    assert summary.startswith("The ministry sets the 2024 allowance rules")
    assert len(summary) <= 160 and summary.endswith("…")
    assert "Second paragraph" not in card


def test_a_card_escapes_what_was_imported(client, make_article, make_organization):
    make_article(
        title="Escaped",
        issuing_body=make_organization(name="<b>Bureau</b>"),
        body="<script>alert(1)</script> opening.",
    )

    card = card_of(client.get(LIST).content.decode(), "Escaped")

    assert "<script>" not in card and "<b>" not in card
    assert "&lt;b&gt;Bureau&lt;/b&gt;" in card


def test_the_home_page_cards_show_issuing_body_and_document_type(
    client, make_article, make_organization, document_type
):
    make_article(
        title="Home card",
        issuing_body=make_organization(name="Guangdong Ecology Department"),
        document_type=document_type,
        published_on=datetime.date(2024, 5, 1),
    )

    card = card_of(client.get("/").content.decode(), "Home card")

    assert "issued by Guangdong Ecology Department" in card and ">Notice</a>" in card


def test_cards_with_many_places_keep_the_list_within_its_query_bound(
    client,
    make_article,
    make_region,
    make_organization,
    document_type,
    settings,
    django_assert_max_num_queries,
):
    settings.ARTICLES_PER_PAGE = 40
    places = [make_region() for _ in range(7)]
    issuers = [make_organization() for _ in range(3)]
    for n in range(40):
        make_article(regions=places, issuing_body=issuers[n % 3], document_type=document_type)

    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    with django_assert_max_num_queries(10):
        subject = client.get(reverse("articles:region_detail", kwargs={"slug": places[0].slug}))

    assert response.content.decode().count("+3 more places") == 40
    assert subject.status_code == 200 and subject.content.decode().count("+3 more places") == 40
