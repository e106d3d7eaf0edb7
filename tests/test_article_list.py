"""The release list: search, filters, sort, pagination and shareable URLs."""

import datetime

import pytest
from django.urls import reverse

LIST = "/articles/"


def titles(response):
    return [article.title for article in response.context["page_obj"]]


@pytest.fixture
def places(make_region):
    province = make_region(name="Zhejiang", slug="zhejiang", code="330000")
    city = make_region(name="Jiaxing", slug="jiaxing", kind="prefecture_city", parent=province)
    county = make_region(name="Haiyan County", slug="haiyan", kind="county", parent=city)
    other = make_region(name="Qinghai", slug="qinghai", code="630000")
    return province, city, county, other


def test_province_filter_includes_its_counties(client, make_article, places):
    province, _city, county, other = places
    make_article(title="Haiyan green enterprises", regions=[county])
    make_article(title="Zhejiang plan", regions=[province])
    make_article(title="Qinghai day", regions=[other])

    response = client.get(LIST, {"region": "zhejiang"})

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Haiyan green enterprises", "Zhejiang plan"]


def test_filters_by_organization_source_topic_and_status(
    client, make_article, make_organization, make_source, make_topic
):
    organization = make_organization(name="Qinghai Ecology Department", slug="qinghai-eco")
    source = make_source(name="Haiyan Government", slug="haiyan-gov")
    topic = make_topic(name="Carbon market", slug="carbon-market")
    make_article(
        title="Match",
        organizations=[organization],
        source=source,
        topics=[topic],
        translation_status="reviewed",
    )
    make_article(title="Other", source=source, topics=[topic])

    response = client.get(
        LIST,
        {
            "organization": "qinghai-eco",
            "source": "haiyan-gov",
            "topic": "carbon-market",
            "status": "reviewed",
        },
    )

    assert titles(response) == ["Match"]


def test_year_and_date_range_filters(client, make_article):
    make_article(title="2023 release", published_on=datetime.date(2023, 6, 1))
    make_article(title="Early 2024", published_on=datetime.date(2024, 1, 10))
    make_article(title="Late 2024", published_on=datetime.date(2024, 11, 10))
    make_article(title="Undated")

    assert sorted(titles(client.get(LIST, {"year": "2024"}))) == ["Early 2024", "Late 2024"]
    response = client.get(LIST, {"date_after": "2023-05-01", "date_before": "2024-02-01"})
    assert titles(response) == ["Early 2024", "2023 release"]


def test_newest_and_oldest_sorts_keep_undated_releases_last(client, make_article):
    make_article(title="Undated")
    make_article(title="Old", published_on=datetime.date(2020, 1, 1))
    make_article(title="New", published_on=datetime.date(2024, 1, 1))

    assert titles(client.get(LIST)) == ["New", "Old", "Undated"]
    assert titles(client.get(LIST, {"sort": "oldest"})) == ["Old", "New", "Undated"]


def test_search_orders_by_relevance_and_highlights(client, make_article):
    make_article(
        title="Quarterly notice",
        body="The CCER market reopened.",
        published_on=datetime.date(2024, 5, 1),
    )
    make_article(
        title="CCER projects certified", body="Text.", published_on=datetime.date(2023, 1, 1)
    )

    response = client.get(LIST, {"q": "CCER"})
    text = response.content.decode()

    assert titles(response) == ["CCER projects certified", "Quarterly notice"]
    assert "<mark>CCER</mark>" in text
    assert "2 releases match" in text
    newest = client.get(LIST, {"q": "CCER", "sort": "newest"})
    assert titles(newest) == ["Quarterly notice", "CCER projects certified"]


def test_pagination_links_keep_the_filters(client, make_article, make_topic, settings):
    settings.ARTICLES_PER_PAGE = 2
    topic = make_topic(slug="green-finance")
    for n in range(5):
        make_article(title=f"Release {n}", topics=[topic])

    response = client.get(LIST, {"topic": "green-finance", "page": "2"})
    text = response.content.decode()

    assert response.context["page_obj"].paginator.count == 5
    assert "Page 2 of 3" in text
    assert "?topic=green-finance&amp;page=3" in text
    assert "?topic=green-finance&amp;page=1" in text


def test_facets_count_results_per_choice(client, make_article, places, make_topic):
    province, _city, county, other = places
    topic = make_topic(name="Renewable energy", slug="renewable-energy")
    make_article(regions=[county], topics=[topic], published_on=datetime.date(2024, 3, 1))
    make_article(regions=[province], published_on=datetime.date(2024, 4, 1))
    make_article(regions=[other], topics=[topic], published_on=datetime.date(2023, 4, 1))

    text = client.get(LIST).content.decode()

    assert "Zhejiang (2)" in text
    assert "Qinghai (1)" in text
    assert "Renewable energy (2)" in text
    assert "2024 (2)" in text


def test_facets_of_a_filtered_list_count_only_its_releases(
    client, make_article, places, make_topic, make_organization, make_source
):
    province, _city, county, _other = places
    topic = make_topic(name="Renewable energy", slug="renewable-energy")
    bureau = make_organization(name="Zhejiang Ecology Bureau")
    exchange = make_source(name="Shanghai Environment and Energy Exchange")
    for month in (3, 4):
        make_article(
            regions=[county],
            topics=[topic],
            organizations=[bureau],
            source=exchange,
            published_on=datetime.date(2024, month, 1),
        )
    make_article(regions=[province], organizations=[bureau], published_on=datetime.date(2022, 1, 1))
    # The most frequent organizations come first, and only the first twelve.
    for n in range(13):
        make_article(organizations=[make_organization(name=f"Bureau {n:02}")], topics=[topic])

    everything = client.get(LIST).context["facets"]
    filtered = client.get(LIST, {"topic": "renewable-energy"}).context["facets"]

    assert [(o.name, o.release_count) for o in everything["organizations"]][:2] == [
        ("Zhejiang Ecology Bureau", 3),
        ("Bureau 00", 1),
    ]
    assert len(everything["organizations"]) == 12
    assert everything["years"] == [(2024, 2), (2022, 1)]
    assert [(r.name, r.release_count) for r in filtered["regions"]] == [("Zhejiang", 2)]
    assert filtered["organizations"][0].release_count == 2
    assert [(s.name, s.release_count) for s in filtered["sources"]] == [
        ("Shanghai Environment and Energy Exchange", 2)
    ]
    assert filtered["years"] == [(2024, 2)]
    assert [(t.slug, t.release_count) for t in filtered["topics"]] == [("renewable-energy", 15)]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "atlantis"}, "no place with that name"),
        ({"topic": "nope"}, "no topic with that name"),
        ({"date_after": "2024-13-45"}, "valid date"),
        ({"year": "soon"}, "number"),
        ({"sort": "random"}, "valid choice"),
    ],
)
def test_unknown_or_malformed_filters_explain_themselves(client, db, params, message):
    response = client.get(LIST, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Start again without filters" in response.content.decode()


def test_zero_results_suggest_what_to_do(client, make_article):
    make_article(title="Carbon market")

    text = client.get(LIST, {"q": "hydrogen"}).content.decode()

    assert "No releases match all of these conditions" in text
    assert "fewer or more general words" in text


def test_list_head_links_feeds_for_the_same_filters(client, make_article, make_topic):
    make_topic(slug="carbon-market")

    text = client.get(LIST, {"topic": "carbon-market", "q": "quota", "page": "1"}).content.decode()

    assert f'{reverse("articles:feed_atom")}?topic=carbon-market&amp;q=quota"' in text
    assert f'{reverse("articles:feed_rss")}?topic=carbon-market&amp;q=quota"' in text


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "carbon"},
        {"region": "zhejiang", "sort": "oldest"},
        {"q": "carbon", "topic": "t-0"},
    ],
)
def test_list_query_count_is_bounded_whatever_the_page_size(
    client,
    settings,
    places,
    make_article,
    make_organization,
    make_topic,
    make_source,
    django_assert_max_num_queries,
    params,
):
    settings.ARTICLES_PER_PAGE = 60
    province, city, county, other = places
    organizations = [make_organization() for _ in range(4)]
    topics = [make_topic(slug=f"t-{n}") for n in range(3)]
    source = make_source()
    for n in range(60):
        make_article(
            title=f"Carbon release {n}",
            source=source,
            regions=[county, other, city],
            organizations=organizations[n % 2 : n % 2 + 3],
            topics=topics,
            published_on=datetime.date(2024, 1 + n % 12, 1),
        )

    with django_assert_max_num_queries(10):
        response = client.get(LIST, params)
    # Repeated: the whole page comes from the cache until the content
    # changes; reading the content version is the only query.
    with django_assert_max_num_queries(1):
        again = client.get(LIST, params)

    assert response.status_code == again.status_code == 200
    assert len(response.context["page_obj"]) == 60
    assert again.content == response.content


def test_list_total_follows_new_and_edited_releases(client, make_article):
    make_article(title="First")
    assert client.get("/articles/").context["page_obj"].paginator.count == 1

    second = make_article(title="Second")
    assert client.get("/articles/").context["page_obj"].paginator.count == 2

    second.title = "Second, corrected"
    second.save()
    response = client.get("/articles/")
    assert response.context["page_obj"].paginator.count == 2
    assert "Second, corrected" in response.content.decode()


def test_cached_search_pages_follow_new_and_corrected_releases(client, make_article):
    older = make_article(title="Carbon quota auction", published_on=datetime.date(2023, 1, 1))
    params = {"q": "quota", "sort": "newest"}
    assert [a.pk for a in client.get(LIST, params).context["page_obj"]] == [older.pk]

    newer = make_article(title="Carbon quota rules", published_on=datetime.date(2024, 1, 1))
    assert [a.pk for a in client.get(LIST, params).context["page_obj"]] == [newer.pk, older.pk]

    older.title = "Carbon allowance auction"
    older.save()
    assert [a.pk for a in client.get(LIST, params).context["page_obj"]] == [newer.pk]
