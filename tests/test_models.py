from articles.models import Article, Region


def test_descendants_of_a_province_include_its_cities_and_counties(make_region):
    province = make_region(name="Zhejiang", kind=Region.Kind.PROVINCE)
    city = make_region(name="Jiaxing", kind=Region.Kind.PREFECTURE_CITY, parent=province)
    county = make_region(name="Haiyan County", kind=Region.Kind.COUNTY, parent=city)
    elsewhere = make_region(name="Qinghai")

    assert set(Region.objects.descendants_of(province)) == {province, city, county}
    assert set(Region.objects.descendants_of(province, include_self=False)) == {city, county}
    assert elsewhere not in Region.objects.descendants_of(province)


def test_ancestors_run_from_the_top_down(make_region):
    country = make_region(name="China", kind=Region.Kind.COUNTRY)
    province = make_region(name="Zhejiang", parent=country)
    city = make_region(name="Jiaxing", kind=Region.Kind.PREFECTURE_CITY, parent=province)
    county = make_region(name="Haiyan County", kind=Region.Kind.COUNTY, parent=city)

    assert county.ancestors() == [country, province, city]
    assert set(Region.objects.ancestors_of(county)) == {country, province, city}


def test_in_region_finds_releases_linked_below_the_region_once(make_region, make_article):
    province = make_region(name="Zhejiang")
    county = make_region(name="Haiyan County", kind=Region.Kind.COUNTY, parent=province)
    both = make_article(regions=[province, county])
    county_only = make_article(regions=[county])
    make_article(regions=[make_region(name="Qinghai")])

    found = list(Article.objects.in_region(province))

    assert sorted(a.pk for a in found) == sorted([both.pk, county_only.pk])


def test_article_keeps_machine_text_and_slug_on_first_save(make_article):
    article = make_article(title="Guangdong holds 2024 low-carbon theme publicity event")

    assert article.slug == "guangdong-holds-2024-low-carbon-theme-publicity-event"
    assert article.machine_title == article.title
    assert article.machine_body == article.body
    assert len(article.content_hash) == 64
    assert not article.is_corrected


def test_same_title_gets_a_distinct_slug(make_article):
    first = make_article(title="Low carbon day")
    second = make_article(title="Low carbon day")

    assert first.slug != second.slug


def test_paragraphs_are_split_on_blank_lines(make_article):
    article = make_article(body="One.\n\nTwo,\nstill two.\n\n\n\nThree.")

    assert article.paragraphs() == ["One.", "Two,\nstill two.", "Three."]


def test_newest_first_puts_undated_releases_last(make_article):
    import datetime

    undated = make_article(published_on=None)
    old = make_article(published_on=datetime.date(2020, 1, 1))
    new = make_article(published_on=datetime.date(2024, 1, 1))

    assert list(Article.objects.newest_first()) == [new, old, undated]
