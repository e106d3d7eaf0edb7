"""The home page: latest releases, the province map, the monthly chart and
the most active organizations."""

import datetime

from django.utils import timezone


def test_home_map_links_each_province_with_its_count(client, make_region, make_article):
    guangdong = make_region(name="Guangdong", slug="guangdong", code="440000")
    city = make_region(name="Shenzhen", slug="shenzhen", kind="prefecture_city", parent=guangdong)
    make_region(name="Qinghai", slug="qinghai", code="630000")
    make_article(regions=[city])
    make_article(regions=[guangdong])

    text = client.get("/").content.decode()

    assert '<svg viewBox="0 0 448 448"' in text
    assert "<title>Guangdong: 2 releases</title>" in text
    assert "<title>Qinghai: 0 releases</title>" in text
    assert 'href="/regions/guangdong/"' in text


def test_home_chart_counts_releases_per_month(client, make_article):
    today = timezone.localdate()
    make_article(published_on=today)
    make_article(published_on=today)

    text = client.get("/").content.decode()

    assert f"{today:%B %Y}: 2</title>" in text


def test_home_lists_latest_and_most_active_organizations(client, make_article, make_organization):
    busy = make_organization(name="Busy Bureau")
    recent = timezone.localdate() - datetime.timedelta(days=10)
    for _ in range(3):
        make_article(organizations=[busy], published_on=recent)
    make_article(title="Newest release", published_on=timezone.localdate())

    text = client.get("/").content.decode()

    assert "Newest release" in text
    assert "Busy Bureau" in text


def test_home_query_count_is_bounded(
    client, make_article, make_region, make_organization, django_assert_max_num_queries
):
    province = make_region(code="110000")
    organization = make_organization()
    for _ in range(30):
        make_article(
            regions=[province], organizations=[organization], published_on=timezone.localdate()
        )

    with django_assert_max_num_queries(7):
        assert client.get("/").status_code == 200
    # Then the whole page is cached until the content changes.
    with django_assert_max_num_queries(1):
        assert client.get("/").status_code == 200


def test_home_summary_follows_new_releases(client, make_article, make_region):
    province = make_region(code="110000", name="Beijing")
    make_article(regions=[province], published_on=timezone.localdate())

    def tile_counts():
        return {t.region.slug: t.count for t in client.get("/").context["tiles"] if t.count}

    assert tile_counts() == {province.slug: 1}
    make_article(regions=[province], published_on=timezone.localdate())
    assert tile_counts() == {province.slug: 2}  # the cached summary was not served


def test_empty_home_explains_itself(client, db):
    text = client.get("/").content.decode()

    assert "No releases yet." in text


def test_chart_and_ranking_end_at_the_newest_release(client, make_article, make_organization):
    """A pause in imports must not leave the home page empty."""
    organization = make_organization(name="Long Quiet Bureau")
    make_article(organizations=[organization], published_on=datetime.date(2021, 3, 5))

    text = client.get("/").content.decode()

    assert "March 2021: 1</title>" in text
    assert "Long Quiet Bureau" in text


def busy_first_half_of_2024(make_article, organization):
    """Ten releases a month from January to June 2024."""
    for month in range(1, 7):
        for day in range(1, 11):
            make_article(organizations=[organization], published_on=datetime.date(2024, month, day))


def test_a_release_dated_in_the_future_does_not_move_the_chart(
    client, make_article, make_organization
):
    busy_first_half_of_2024(make_article, make_organization(name="Steady Bureau"))
    make_article(title="Misdated", published_on=timezone.localdate() + datetime.timedelta(days=400))

    context = client.get("/").context

    assert context["timeline"].months[-1].start == datetime.date(2024, 6, 1)
    assert [month.count for month in context["timeline"].months[-6:]] == [10] * 6
    assert [o.name for o in context["active_organizations"]] == ["Steady Bureau"]


def test_one_release_years_after_the_rest_does_not_take_over_the_home_page(
    client, make_article, make_organization
):
    busy_first_half_of_2024(make_article, make_organization(name="Steady Bureau"))
    stray = make_organization(name="Stray Office")
    # Today's month, at least a year and a half after the rest.
    make_article(organizations=[stray], published_on=timezone.localdate().replace(day=1))

    text = client.get("/").content.decode()

    assert "Releases per month from July 2022 to June 2024" in text
    assert "June 2024: 10</title>" in text
    # Each bar leads to its month's releases.
    assert 'href="/articles/?date_after=2024-06-01&amp;date_before=2024-06-30"' in text
    assert "Steady Bureau" in text and "Stray Office" not in text


def test_a_quiet_last_month_still_ends_the_chart(client, make_article, make_organization):
    """A month just begun, with a release or two after busy months, is real."""
    busy_first_half_of_2024(make_article, make_organization())
    make_article(published_on=datetime.date(2024, 7, 2))

    assert client.get("/").context["timeline"].months[-1].start == datetime.date(2024, 7, 1)
