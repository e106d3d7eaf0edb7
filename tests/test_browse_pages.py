"""Places, organizations, sources and topics: indexes and detail pages."""

import datetime
import re

import pytest


@pytest.fixture
def zhejiang(make_region):
    country = make_region(name="China", slug="china", kind="country", code="100000")
    province = make_region(name="Zhejiang", slug="zhejiang", code="330000", parent=country)
    city = make_region(name="Jiaxing", slug="jiaxing", kind="prefecture_city", parent=province)
    county = make_region(name="Haiyan County", slug="haiyan", kind="county", parent=city)
    return country, province, city, county


def test_region_index_counts_releases_below_each_province(client, make_article, zhejiang):
    _country, _province, _city, county = zhejiang
    make_article(regions=[county])
    make_article(regions=[county, _city])

    text = client.get("/regions/").content.decode()

    assert "Zhejiang" in text
    assert '<span class="n">2</span>' in text


def test_region_page_has_breadcrumbs_children_and_organizations(
    client, make_article, make_organization, zhejiang
):
    country, province, city, county = zhejiang
    make_organization(name="Haiyan Ecology Bureau", region=county)
    make_article(title="Haiyan release", regions=[county])

    response = client.get(city.get_absolute_url())
    text = response.content.decode()

    assert response.status_code == 200
    assert country.get_absolute_url() in text and province.get_absolute_url() in text
    assert "Haiyan County" in text
    assert "Haiyan Ecology Bureau" in text
    assert "Haiyan release" in text
    assert "/feeds/releases.atom?region=jiaxing" in text


def test_organization_source_and_topic_pages_list_their_releases(
    client, make_article, make_organization, make_source, make_topic
):
    organization = make_organization(name="Qinghai Ecology Department")
    source = make_source(name="China Carbon Credit Platform")
    topic = make_topic(name="Carbon market", description="Emissions trading.")
    make_article(
        title="Linked release", organizations=[organization], source=source, topics=[topic]
    )
    make_article(title="Unlinked release")

    for subject in (organization, source, topic):
        text = client.get(subject.get_absolute_url()).content.decode()
        assert "Linked release" in text
        assert "Unlinked release" not in text


def test_indexes_list_subjects_with_counts(
    client, make_article, make_organization, make_source, make_topic
):
    organization = make_organization(name="Active Bureau")
    make_organization(name="Silent Bureau")
    source = make_source(name="Some Platform")
    topic = make_topic(name="Green finance")
    for _ in range(2):
        make_article(organizations=[organization], source=source, topics=[topic])

    organizations = client.get("/organizations/").content.decode()
    sources = client.get("/sources/").content.decode()
    topics = client.get("/topics/").content.decode()

    assert "Silent Bureau" not in organizations
    assert re.search(r'Active Bureau</a></td><td></td><td class="num">2</td>', organizations)
    assert re.search(r'Some Platform</a></td><td></td>\s*<td></td><td class="num">2</td>', sources)
    assert 'Green finance</a> <span class="n">2</span>' in topics


def test_subject_pages_with_no_releases_say_so(client, make_organization, make_region):
    text = client.get(make_organization().get_absolute_url()).content.decode()
    assert "No releases mention this organization yet." in text
    text = client.get(make_region().get_absolute_url()).content.decode()
    assert "No releases from this place" in text


@pytest.mark.parametrize(
    "path", ["/regions/x-y-z/", "/organizations/nope/", "/sources/nope/", "/topics/nope/"]
)
def test_unknown_subjects_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_browse_pages_query_counts_are_bounded(
    client,
    make_article,
    make_organization,
    make_source,
    make_topic,
    zhejiang,
    django_assert_max_num_queries,
):
    _country, province, city, county = zhejiang
    organizations = [make_organization(region=county) for _ in range(5)]
    source, topic = make_source(), make_topic()
    for n in range(30):
        make_article(
            regions=[county, city],
            organizations=organizations,
            source=source,
            topics=[topic],
            published_on=datetime.date(2024, 1, 1 + n),
        )

    for path in [
        "/regions/",
        province.get_absolute_url(),
        "/organizations/",
        organizations[0].get_absolute_url(),
        "/sources/",
        source.get_absolute_url(),
        "/topics/",
        topic.get_absolute_url(),
    ]:
        # Uncached: the first visit after a change.
        with django_assert_max_num_queries(10):
            assert client.get(path).status_code == 200
