"""Atom and RSS feeds (latest and filtered), sitemap.xml and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.processes import manage

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_titles(client, params=None):
    response = client.get("/feeds/releases.atom", params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_atom_feed_lists_latest_releases_newest_first(client, make_article):
    make_article(title="Old", published_on=datetime.date(2022, 1, 1))
    make_article(title="New", published_on=datetime.date(2024, 1, 1))
    make_article(title="Undated")

    assert atom_titles(client) == ["New", "Old", "Undated"]


def test_rss_feed_is_valid_rss(client, make_article, make_topic):
    make_article(title="Carbon <market> & more", topics=[make_topic(name="Carbon market")])

    response = client.get("/feeds/releases.rss")
    root = ET.fromstring(response.content)

    assert root.tag == "rss" and root.get("version") == "2.0"
    item = root.find("channel/item")
    assert item.find("title").text == "Carbon <market> & more"
    assert item.find("category").text == "Carbon market"
    assert item.find("link").text.startswith("http://testserver/articles/")


def test_filtered_feeds_follow_the_list_parameters(client, make_article, make_region, make_topic):
    province = make_region(name="Guangdong", slug="guangdong")
    city = make_region(slug="shenzhen", kind="prefecture_city", parent=province)
    topic = make_topic(slug="ccer-and-offsets")
    make_article(title="Shenzhen CCER", regions=[city], topics=[topic])
    make_article(title="Shenzhen other", regions=[city])
    make_article(title="Elsewhere CCER", topics=[topic])

    assert atom_titles(client, {"region": "guangdong", "topic": "ccer-and-offsets"}) == [
        "Shenzhen CCER"
    ]
    assert sorted(atom_titles(client, {"q": "CCER"})) == ["Elsewhere CCER", "Shenzhen CCER"]


def test_feed_with_unknown_filter_is_400(client, db):
    assert client.get("/feeds/releases.atom", {"region": "atlantis"}).status_code == 400


def test_feed_query_count_is_bounded(
    client, make_article, make_topic, django_assert_max_num_queries
):
    topics = [make_topic() for _ in range(3)]
    for _ in range(60):
        make_article(topics=topics)

    with django_assert_max_num_queries(6):
        assert client.get("/feeds/releases.rss").status_code == 200


def test_sitemap_lists_releases_and_linked_subjects_in_both_languages(
    client, make_article, make_region
):
    region = make_region(slug="qinghai")
    make_region(slug="unlinked-place")
    article = make_article(regions=[region])

    response = client.get("/sitemap.xml")
    text = response.content.decode()

    assert response.status_code == 200
    ET.fromstring(response.content)
    assert f"http://testserver{article.get_absolute_url()}" in text
    assert f"http://testserver/zh-hans{article.get_absolute_url()}" in text
    assert "/regions/qinghai/" in text
    assert "unlinked-place" not in text


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


ROBOTS = """
from django.test import Client
print(Client(HTTP_HOST="localhost").get("/robots.txt").content.decode())
"""


@pytest.mark.slow
def test_robots_txt_keeps_crawlers_out_of_the_admin_wherever_it_lives(tmp_path):
    result = manage(
        "shell",
        "-c",
        ROBOTS,
        database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        DJANGO_ADMIN_URL="backstage-7f3a/",
    )

    assert result.returncode == 0, result.stderr
    assert "Disallow: /backstage-7f3a/" in result.stdout
    assert "/admin/" not in result.stdout


def well_formed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    ET.fromstring(response.content)
    return response.content.decode()


def test_control_character_in_query_gives_a_valid_feed(client, make_article):
    make_article(title="Carbon market opens")

    well_formed(client, "/feeds/releases.atom", {"q": "\x1b"})
    well_formed(client, "/feeds/releases.rss", {"q": "a\x0bb"})
    well_formed(client, "/feeds/releases.atom", {"q": "carbon\x01market"})


def test_control_characters_already_stored_cannot_break_the_feeds(
    client, make_article, make_source, make_topic
):
    # Stored as an older import or a database console could have left them.
    source = make_source(name="Ecology \x1b Bureau")
    make_article(
        title="Line\x0bbreak pasted from a word processor",
        body="First\x0c paragraph.",
        source=source,
        topics=[make_topic(name="Topic\x08")],
        published_on=datetime.date(2024, 6, 1),
    )

    for url in ("/feeds/releases.atom", "/feeds/releases.rss"):
        text = well_formed(client, url)
        assert "Line break pasted from a word processor" in text
        assert "Ecology   Bureau" in text


def test_an_undated_release_has_no_publication_date_in_either_feed(client, make_article):
    make_article(title="Dated", published_on=datetime.date(2024, 3, 4))
    make_article(title="Undated")

    atom = ET.fromstring(client.get("/feeds/releases.atom").content)
    published = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}published")
        for entry in atom.iter(f"{ATOM}entry")
    }
    assert published["Dated"].text.startswith("2024-03-04")
    assert published["Undated"] is None

    rss = ET.fromstring(client.get("/feeds/releases.rss").content)
    pubdates = {item.find("title").text: item.find("pubDate") for item in rss.iter("item")}
    assert "04 Mar 2024" in pubdates["Dated"].text
    assert pubdates["Undated"] is None


def test_a_release_dated_to_a_month_or_year_says_so_in_its_summary(client, make_article):
    make_article(
        title="Monthly",
        published_on=datetime.date(2024, 7, 1),
        date_precision="month",
        body="The plan sets targets.",
    )
    make_article(title="Yearly", published_on=datetime.date(2023, 1, 1), date_precision="year")
    make_article(title="Daily", published_on=datetime.date(2024, 7, 9), date_precision="day")

    rss = ET.fromstring(client.get("/feeds/releases.rss").content)
    summaries = {item.findtext("title"): item.findtext("description") for item in rss.iter("item")}
    assert summaries["Monthly"] == "Dated about July 2024. The plan sets targets."
    assert summaries["Yearly"].startswith("Dated about 2023. ")
    assert not summaries["Daily"].startswith("Dated")
