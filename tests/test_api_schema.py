"""The API's OpenAPI document: a valid document, every list filter in it,
real responses that match it, and a page that describes it for people."""

import datetime

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from articles.models import PolicyFacet
from articles.ops.fixtures import load_missing
from articles.portal.filters import FILTER_PARAMS


@pytest.fixture
def schema(client, db):
    load_missing("facets")
    response = client.get("/api/schema/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return response.json()


def conforms(schema, name, data):
    """`data` checked against components/schemas/`name`, references resolved."""
    validator = Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": schema["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]
    assert errors == []


def test_the_document_is_valid_openapi(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_list_filter_is_a_documented_parameter(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/articles/"]["get"]["parameters"]}

    assert set(FILTER_PARAMS) | {"page", "page_size", "include"} == set(parameters)
    assert parameters["sort"]["schema"]["enum"] == ["relevance", "newest", "oldest"]
    assert parameters["date_after"]["schema"]["format"] == "date"
    sectors = set(PolicyFacet.objects.filter(kind="sector").values_list("slug", flat=True))
    assert set(parameters["sector"]["schema"]["enum"]) == sectors


def test_real_responses_match_the_document(client, schema, make_article, make_region):
    facets = {facet.slug: facet for facet in PolicyFacet.objects.all()}
    region = make_region(slug="hainan", name="Hainan")
    article = make_article(
        title="Hainan notice on carbon inclusion",
        regions=[region],
        published_on=datetime.date(2024, 5, 1),
        date_precision="month",
        source_url="https://example.org/notice",
        document_type=facets["notice"],
    )
    article.facets.add(facets["carbon-inclusion"], facets["provincial"])
    make_article(title="Undated", published_on=None)

    listing = client.get("/api/articles/", {"include": "summary,facets"}).json()
    conforms(schema, "ArticlePage", listing)
    assert listing["facets"]["document_types"] == [{"slug": "notice", "name": "Notice", "count": 1}]
    conforms(schema, "ArticleDetail", client.get(f"/api/articles/{article.slug}/").json())
    conforms(schema, "RegionPage", client.get("/api/regions/").json())
    conforms(schema, "OrganizationPage", client.get("/api/organizations/").json())
    conforms(schema, "Errors", client.get("/api/articles/", {"year": "x"}).json())


def test_the_api_page_lists_every_endpoint_parameter_and_field(client, schema):
    page = client.get("/api/").content.decode()

    for path in schema["paths"]:
        assert f"GET {path}" in page
    assert "<code>issuing_body</code>" in page and "<code>include</code>" in page
    assert "<code>original_body</code>" in page
    assert 'href="/api/schema/"' in page
    assert 'href="/api/"' in client.get("/").content.decode()  # the footer leads here


def test_summaries_and_facet_counts_are_asked_for_and_odd_extras_refused(
    client, make_article, django_assert_max_num_queries
):
    make_article(title="One", body="The first paragraph.\n\nThe second.")

    plain = client.get("/api/articles/").json()
    assert "summary" not in plain["results"][0] and "facets" not in plain
    with django_assert_max_num_queries(10):
        extended = client.get("/api/articles/", {"include": "summary,facets"}).json()
    assert extended["results"][0]["summary"] == "The first paragraph."
    assert {"regions", "topics", "years", "sectors", "issuing_bodies"} <= set(extended["facets"])

    refused = client.get("/api/articles/", {"include": "summary,everything"})
    assert refused.status_code == 400
    assert "everything" in refused.json()["errors"]["include"]
