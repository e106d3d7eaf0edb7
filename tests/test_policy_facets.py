"""Policy facets: document type, instruments, sectors, level of government and
issuing body, assigned at import, kept when editors change them, and
filtered and counted on the list, the API and the CSV."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.importer import import_releases
from articles.models import Article, LinkDecision, PolicyFacet, Region, Topic
from articles.ops.fixtures import load_missing
from tests.editorial import article_form_data, change_url

RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)


@pytest.fixture
def vocabulary(db):
    load_missing("facets")
    return {facet.slug: facet for facet in PolicyFacet.objects.all()}


@pytest.fixture
def world(vocabulary, make_region, make_organization, make_source):
    china = make_region(name="China", kind=Region.Kind.COUNTRY)
    guangdong = make_region(name="Guangdong", parent=china)
    shenzhen = make_region(name="Shenzhen", kind=Region.Kind.PREFECTURE_CITY, parent=guangdong)
    wuhua = make_region(name="Wuhua County", kind=Region.Kind.COUNTY, parent=guangdong)
    return {
        "guangdong": guangdong,
        "shenzhen": shenzhen,
        "wuhua": wuhua,
        "department": make_organization(
            name="Guangdong Provincial Department of Ecology and Environment", region=guangdong
        ),
        "ministry": make_organization(name="Ministry of Ecology and Environment"),
        "source": make_source(name="Guangdong Ecology", region=guangdong),
    }


def imported(tmp_path, *records, name="batch.jsonl"):
    path = tmp_path / name
    lines = [
        json.dumps({"source": "Guangdong Ecology", "published": "2024-05-24", **record})
        for record in records
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_releases([path], retrieved_at=RETRIEVED)


def release(title):
    return Article.objects.get(machine_title=title)


def slugs(article, kind):
    return {facet.slug for facet in article.facets.all() if facet.kind == kind}


@pytest.mark.parametrize(
    ("title", "document_type"),
    [
        ("Notice on the 2024 carbon emission allowance allocation", "notice"),
        ("Notice on issuing the Implementation Plan for Carbon Peaking", "plan-programme"),
        ("Press conference on the Action Plan for carbon peaking", "press-conference"),
        ("Interim Measures for the Administration of Carbon Trading", "measures-standard"),
        ("Regulations on the administration of carbon emission trading", "law-regulation"),
        ("Guangdong carbon market closes lower", "data-statistics"),
        ("Shenzhen holds a training session on low-carbon work", "news-report"),
        ("关于印发碳达峰实施方案的通知", "plan-programme"),
    ],
)
def test_the_headline_names_the_document_type(world, tmp_path, title, document_type):
    imported(tmp_path, {"title": title, "body": "The work goes on across the province."})

    assert Article.objects.get().document_type.slug == document_type


def test_instruments_and_sectors_need_more_than_a_passing_mention(world, tmp_path):
    imported(
        tmp_path,
        {
            "title": "Steel mills enter the carbon market",
            "body": "Allowances for steel mills. The carbon market covers them. "
            "Verification of their emission reports starts. Verification is yearly. "
            "A cement plant was also visited.",
        },
    )

    article = Article.objects.get()
    assert slugs(article, "instrument") == {"emissions-trading", "mrv-data-quality"}
    assert slugs(article, "sector") == {"steel"}  # cement: named once, in passing


def test_the_issuing_body_is_the_first_organization_the_headline_names(world, tmp_path):
    imported(
        tmp_path,
        {
            "title": "Ministry of Ecology and Environment issues carbon market rules",
            "body": "The Guangdong Provincial Department of Ecology and Environment applies them.",
        },
    )

    article = Article.objects.get()
    assert article.issuing_body == world["ministry"]
    assert slugs(article, "level") == {"national"}


@pytest.mark.parametrize(
    ("body", "level"),
    [
        # The issuer's level, whatever places the text names.
        (
            "The Guangdong Provincial Department of Ecology and Environment met in Wuhua County.",
            "provincial",
        ),
        # No issuer: a report is about the most specific place it names.
        ("Wuhua County opened a low-carbon park near Shenzhen.", "county"),
    ],
)
def test_the_level_of_government_follows_the_issuer_then_the_places(world, tmp_path, body, level):
    imported(tmp_path, {"title": "A low-carbon park opens", "body": body})

    assert slugs(Article.objects.get(), "level") == {level}


def test_a_release_has_one_to_three_primary_topics(vocabulary, tmp_path, db):
    load_missing("topics")
    body = (
        "The carbon market opened. Carbon trading rose. Carbon emission quota prices rose. "
        "The carbon market is growing. Green finance products followed, green finance "
        "loans grew and green finance rules came. Energy conservation was mentioned once; "
        "so were photovoltaic panels."
    )
    imported(tmp_path, {"title": "Carbon market report", "body": body})

    topics = set(Article.objects.get().topics.values_list("name", flat=True))
    assert topics == {"Carbon market", "Green finance"}
    assert Topic.objects.count() == 10


def test_editors_choices_in_the_admin_survive_a_reimport(world, tmp_path, editor_client):
    record = {
        "title": "Notice on the carbon market opening",
        "body": "The carbon market opens. The carbon market trades allowances. Steel mills join.",
        "source_url": "https://example.gov.cn/notice.html",
    }
    imported(tmp_path, record)
    article = Article.objects.get()
    assert article.document_type.slug == "notice"
    assert "emissions-trading" in slugs(article, "instrument")
    plan, finance, trading = (
        PolicyFacet.objects.get(slug=slug)
        for slug in ("plan-programme", "green-finance", "emissions-trading")
    )

    # An editor retypes it, swaps an instrument and names the issuer.
    facets = {facet.pk for facet in article.facets.all()} - {trading.pk} | {finance.pk}
    response = editor_client.post(
        change_url(article),
        article_form_data(
            article,
            document_type=plan.pk,
            issuing_body=world["department"].pk,
            facets=sorted(facets),
        ),
    )
    assert response.status_code == 302
    assert {(d.facet_id, d.action) for d in LinkDecision.objects.filter(facet__isnull=False)} == {
        (trading.pk, "remove"),
        (finance.pk, "add"),
    }

    # New machine text for the same page.
    imported(tmp_path, {**record, "body": record["body"] + " More allowances."}, name="b.jsonl")

    article.refresh_from_db()
    assert article.machine_body.endswith("More allowances.")
    assert article.document_type == plan
    assert article.issuing_body == world["department"]
    assert "emissions-trading" not in slugs(article, "instrument")
    assert "green-finance" in slugs(article, "instrument")


def test_the_list_filters_and_counts_by_every_facet(world, make_article, client):
    notice, plan = (
        PolicyFacet.objects.get(slug="notice"),
        PolicyFacet.objects.get(slug="plan-programme"),
    )
    county = PolicyFacet.objects.get(slug="county")
    steel = PolicyFacet.objects.get(slug="steel")
    first = make_article(title="Notice about steel", document_type=notice)
    first.facets.set([county, steel])
    make_article(title="A plan for the county", document_type=plan).facets.set([county])
    waiting = make_article(
        title="Awaiting", document_type=notice, translation_status=Article.Status.AWAITING
    )
    waiting.facets.set([steel])
    make_article(title="Issued by the department", issuing_body=world["department"])

    page = client.get(reverse("articles:list")).content.decode()
    assert "Notice (1)" in page and "Plan or programme (1)" in page
    assert "County (2)" in page and "Steel (1)" in page
    assert "Guangdong Provincial Department of Ecology and Environment (1)" in page

    for params, titles in [
        ({"document_type": "notice"}, {"Notice about steel"}),
        ({"level": "county"}, {"Notice about steel", "A plan for the county"}),
        ({"sector": "steel", "level": "county"}, {"Notice about steel"}),
        ({"issuing_body": world["department"].slug}, {"Issued by the department"}),
    ]:
        response = client.get("/api/articles/", params)
        assert {row["title"] for row in response.json()["results"]} == titles, params
    row = client.get("/api/articles/", {"document_type": "notice"}).json()["results"][0]
    assert (row["document_type"], row["level"], row["sectors"]) == ("notice", "county", ["steel"])

    export = client.get("/articles/export.csv", {"sector": "steel"}).content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(export)))
    assert [row[header.index("document_type")] for row in rows] == ["Notice"]


def test_an_unknown_facet_value_is_refused_with_a_reason(world, client):
    response = client.get(reverse("articles:list"), {"sector": "unicorns"})

    assert response.status_code == 400
    assert "There is no sector with that name." in response.content.decode()


def test_a_filtered_list_stays_within_its_query_bound(
    world, make_article, client, django_assert_max_num_queries
):
    steel = PolicyFacet.objects.get(slug="steel")
    for _ in range(30):
        make_article(document_type=PolicyFacet.objects.get(slug="notice")).facets.add(steel)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("articles:list"), {"sector": "steel"})
    assert response.status_code == 200


def test_the_release_page_shows_its_policy_facets(world, make_article, client):
    article = make_article(
        document_type=PolicyFacet.objects.get(slug="notice"), issuing_body=world["ministry"]
    )
    article.facets.add(PolicyFacet.objects.get(slug="national"))

    page = client.get(article.get_absolute_url()).content.decode()
    assert "?document_type=notice" in page and "?level=national" in page
    assert "Ministry of Ecology and Environment" in page


def test_changing_a_facet_or_a_document_type_refreshes_the_cached_lists(
    vocabulary, make_article, client
):
    article = make_article(title="A release to retype")
    url = reverse("articles:list")
    assert "A release to retype" not in client.get(url, {"sector": "steel"}).content.decode()
    assert (
        "A release to retype" not in client.get(url, {"document_type": "notice"}).content.decode()
    )

    article.facets.add(vocabulary["steel"])
    Article.objects.filter(pk=article.pk).update(document_type=vocabulary["notice"])

    assert "A release to retype" in client.get(url, {"sector": "steel"}).content.decode()
    assert "A release to retype" in client.get(url, {"document_type": "notice"}).content.decode()
