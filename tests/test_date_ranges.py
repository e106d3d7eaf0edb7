"""Date ranges and years find releases dated only to a month or a year when
their period overlaps the range, on the list, the feeds, the API and the CSV."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest

from articles.models import Article

LIST = "/articles/"
JULY = {"date_after": "2024-07-01", "date_before": "2024-07-31"}


def titles(response):
    assert response.status_code == 200
    return sorted(article.title for article in response.context["page_obj"])


@pytest.fixture
def dated(make_article):
    """Releases dated to the day, to a month and to a year."""
    make_article(title="Day 5 July", published_on=datetime.date(2024, 7, 5), date_precision="day")
    make_article(title="About July", published_on=datetime.date(2024, 7, 1), date_precision="month")
    make_article(title="About May", published_on=datetime.date(2024, 5, 15), date_precision="month")
    make_article(title="About 2024", published_on=datetime.date(2024, 1, 1), date_precision="year")
    make_article(title="Day 30 June", published_on=datetime.date(2024, 6, 30), date_precision="day")
    make_article(title="About 2023", published_on=datetime.date(2023, 1, 1), date_precision="year")
    make_article(title="Undated")


def test_a_month_or_year_is_stored_as_the_first_day_of_its_period(dated):
    assert Article.objects.get(title="About May").published_on == datetime.date(2024, 5, 1)
    release = Article.objects.get(title="Day 5 July")
    release.date_precision = Article.Precision.YEAR
    release.save()
    release.refresh_from_db()
    assert release.published_on == datetime.date(2024, 1, 1)


def test_a_range_of_a_month_finds_releases_dated_about_that_month_or_year(client, dated):
    assert titles(client.get(LIST, JULY)) == ["About 2024", "About July", "Day 5 July"]


def test_a_range_inside_a_month_finds_a_release_dated_about_that_month(client, dated):
    response = client.get(LIST, {"date_after": "2024-05-10", "date_before": "2024-05-31"})
    assert titles(response) == ["About 2024", "About May"]


def test_open_ended_ranges_overlap_the_period(client, dated):
    after = titles(client.get(LIST, {"date_after": "2024-07-20"}))
    assert after == ["About 2024", "About July"]
    before = titles(client.get(LIST, {"date_before": "2024-05-02"}))
    assert before == ["About 2023", "About 2024", "About May"]


def test_a_day_range_keeps_day_dated_releases_outside_it_out(client, dated):
    response = client.get(LIST, {"date_after": "2024-07-02", "date_before": "2024-07-04"})
    assert titles(response) == ["About 2024", "About July"]


def test_a_year_finds_releases_dated_to_the_day_month_or_year_in_it(client, dated):
    assert titles(client.get(LIST, {"year": "2024"})) == [
        "About 2024",
        "About July",
        "About May",
        "Day 30 June",
        "Day 5 July",
    ]
    assert titles(client.get(LIST, {"year": "2023"})) == ["About 2023"]


def test_a_month_dated_release_says_about_that_month_on_its_card(client, dated):
    text = client.get(LIST, JULY).content.decode()
    assert "about July 2024" in text
    assert "about 2024" in text


def test_api_csv_and_feed_honour_the_overlapping_range(client, dated):
    api = client.get("/api/articles/", JULY).json()
    assert sorted(row["title"] for row in api["results"]) == [
        "About 2024",
        "About July",
        "Day 5 July",
    ]

    export = client.get("/articles/export.csv", JULY)
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    first_column = [row[next(iter(row))] for row in rows]
    assert sorted(first_column) == ["About 2024", "About July", "Day 5 July"]

    feed = ET.fromstring(client.get("/feeds/releases.atom", JULY).content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert sorted(e.find(f"{atom}title").text for e in feed.iter(f"{atom}entry")) == [
        "About 2024",
        "About July",
        "Day 5 July",
    ]
