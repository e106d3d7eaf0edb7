"""The read-only JSON API and CSV export."""

import csv
import datetime
import io

import pytest


def test_api_lists_articles_with_count_and_links(client, make_article, make_region):
    region = make_region(slug="hainan")
    for n in range(3):
        make_article(title=f"R{n}", regions=[region], published_on=datetime.date(2024, 1, n + 1))

    data = client.get("/api/articles/", {"page_size": 2, "region": "hainan"}).json()

    assert data["count"] == 3 and data["pages"] == 2
    assert [a["title"] for a in data["results"]] == ["R2", "R1"]
    assert data["results"][0]["regions"] == ["hainan"]
    assert data["next"] == "http://testserver/api/articles/?page_size=2&region=hainan&page=2"
    assert data["previous"] is None
    second = client.get("/api/articles/", {"page_size": 2, "region": "hainan", "page": 2}).json()
    assert [a["title"] for a in second["results"]] == ["R0"]


def test_api_article_detail_has_text_and_machine_text(client, make_article):
    article = make_article(title="T", body="Body.")

    data = client.get(f"/api/articles/{article.slug}/").json()

    assert data["body"] == "Body." and data["machine_body"] == "Body."
    assert client.get("/api/articles/missing/").status_code == 404


def test_api_rejects_bad_filters_with_reasons(client, db):
    response = client.get("/api/articles/", {"region": "atlantis", "year": "x"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"region", "year"}


def test_api_regions_and_organizations(client, make_region, make_organization):
    province = make_region(name="Fujian", slug="fujian", code="350000")
    make_region(name="Xiamen", slug="xiamen", kind="prefecture_city", parent=province)
    make_organization(name="Fujian Ecology Department", region=province)

    regions = client.get("/api/regions/", {"kind": "prefecture_city"}).json()
    organizations = client.get("/api/organizations/").json()

    assert [(r["slug"], r["parent"]) for r in regions["results"]] == [("xiamen", "fujian")]
    assert organizations["results"][0]["region"] == "fujian"
    assert client.get("/api/regions/", {"kind": "planet"}).status_code == 400


def test_api_query_count_is_bounded(
    client, make_article, make_region, make_topic, django_assert_max_num_queries
):
    regions = [make_region() for _ in range(3)]
    topics = [make_topic() for _ in range(3)]
    for _ in range(60):
        make_article(regions=regions, topics=topics)

    # The content version, the count, the page's keys, its rows and one
    # query per kind of link (places, organizations, topics, policy facets).
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/articles/", {"page_size": 200}).json()["results"]) == 60


def rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_export_of_a_filtered_list(client, make_article, make_topic):
    topic = make_topic(slug="green-finance", name="Green finance")
    make_article(title="Wanted", topics=[topic], published_on=datetime.date(2024, 2, 1))
    make_article(title="Not wanted")

    response = client.get("/articles/export.csv", {"topic": "green-finance"})
    table = rows(response)

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert table[0][:3] == ["title", "published_on", "date_precision"]
    assert [row[0] for row in table[1:]] == ["Wanted"]
    assert table[1][7] == "Green finance"
    assert rows(client.get("/articles/", {"format": "csv", "topic": "green-finance"})) == table


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])
def test_csv_export_defuses_formulas(client, make_article, title):
    make_article(title=title)

    assert rows(client.get("/articles/export.csv"))[1][0] == "'" + title


def test_csv_export_is_capped(client, make_article, settings):
    settings.CSV_EXPORT_MAX_ROWS = 3
    for _ in range(5):
        make_article()

    assert len(rows(client.get("/articles/export.csv"))) == 1 + 3
