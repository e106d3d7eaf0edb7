import pytest

from articles.importer.linking import Gazetteer
from articles.importer.topics import TopicRules
from articles.models import Article, Region

K = Region.Kind


@pytest.fixture
def places(make_region):
    """A small gazetteer with the traps the real one holds."""
    china = make_region(name="China", kind=K.COUNTRY, code="1")
    zhejiang = make_region(name="Zhejiang", aliases="Zhejiang Province\nZhe", parent=china)
    jiaxing = make_region(name="Jiaxing", kind=K.PREFECTURE_CITY, parent=zhejiang)
    qinghai = make_region(name="Qinghai", aliases="Qinghai Province\nQing", parent=china)
    haibei = make_region(name="Haibei", kind=K.AUTONOMOUS_PREFECTURE, parent=qinghai)
    hainan = make_region(name="Hainan", aliases="Hainan Province\nQiong", parent=china)
    hainan_tap = make_region(
        name="Hainan Tibetan Autonomous Prefecture",
        aliases="Hainan Prefecture",
        kind=K.AUTONOMOUS_PREFECTURE,
        parent=qinghai,
    )
    xining = make_region(
        name="Xining", aliases="Xining City", kind=K.PREFECTURE_CITY, parent=qinghai
    )
    guangxi = make_region(name="Guangxi", kind=K.AUTONOMOUS_REGION, parent=china)
    liuzhou = make_region(name="Liuzhou", kind=K.PREFECTURE_CITY, parent=guangxi)
    fujian = make_region(name="Fujian", aliases="Fujian Province\nMin", parent=china)
    fuzhou = make_region(
        name="Fuzhou", aliases="Fuzhou City", kind=K.PREFECTURE_CITY, parent=fujian
    )
    jiangxi = make_region(name="Jiangxi", parent=china)
    fuzhou_jx = make_region(
        name="Fuzhou", aliases="Fuzhou City", kind=K.PREFECTURE_CITY, parent=jiangxi
    )
    chongqing = make_region(name="Chongqing", kind=K.MUNICIPALITY, parent=china)
    regions = {
        region.name: region
        for region in [china, zhejiang, jiaxing, qinghai, haibei, hainan, hainan_tap, xining]
        + [guangxi, liuzhou, fujian, jiangxi, chongqing]
    }
    regions["Fuzhou (Fujian)"], regions["Fuzhou (Jiangxi)"] = fuzhou, fuzhou_jx
    county = K.COUNTY
    regions["Haiyan (Zhejiang)"] = make_region(
        name="Haiyan County", aliases="Haiyan", kind=county, parent=jiaxing
    )
    regions["Haiyan (Qinghai)"] = make_region(
        name="Haiyan County", aliases="Haiyan", kind=county, parent=haibei
    )
    regions["Sanjiang"] = make_region(
        name="Sanjiang Dong Autonomous County", aliases="Sanjiang", kind=county, parent=liuzhou
    )
    regions["Fuqing City"] = make_region(
        name="Fuqing City", aliases="Fuqing", kind=K.COUNTY_CITY, parent=fuzhou
    )
    regions["Nanchuan"] = make_region(
        name="Nanchuan District", aliases="Nanchuan", kind=K.DISTRICT, parent=chongqing
    )
    regions["Park"] = make_region(
        name="Nanchuan Industrial Park",
        aliases="Nanchuan Industrial Park of Xining",
        kind=K.ZONE,
        parent=xining,
    )
    return regions


def names(gazetteer, links):
    return sorted(gazetteer.places[pk].name for pk in links.region_ids)


def link(text, source=None):
    gazetteer = Gazetteer.load()
    links = gazetteer.link(text, source_id=source.pk if source else None)
    return gazetteer, links


def test_longest_match_wins_and_links_the_ancestors(places):
    gazetteer, links = link("The team visited Hainan Tibetan Autonomous Prefecture.")

    assert names(gazetteer, links) == ["Hainan Tibetan Autonomous Prefecture", "Qinghai"]


def test_a_province_links_on_its_bare_name(places):
    gazetteer, links = link("Delegates from Hainan attended.")

    assert names(gazetteer, links) == ["Hainan"]


def test_matching_is_whole_words_only(places):
    gazetteer, links = link("Fujianese and Qinghaiwise are not places; Xiningham neither.")

    assert links.region_ids == set()


def test_one_syllable_short_names_never_link(places):
    gazetteer, links = link("Min and Qing and Zhe cooperated with Qiong.")

    assert links.region_ids == set()


def test_bare_county_name_needs_its_prefecture_or_province(places):
    _, without = link("Qinghai as the source of Sanjiang responds to climate change.")
    gazetteer, with_context = link("Sanjiang in Guangxi responds to climate change.")

    assert places["Sanjiang"].pk not in without.region_ids
    assert names(gazetteer, with_context) == [
        "Guangxi",
        "Liuzhou",
        "Sanjiang Dong Autonomous County",
    ]


def test_county_name_with_its_suffix_links_on_its_own(places):
    gazetteer, links = link("The rural sewage project of Fuqing City was inspected.")

    assert names(gazetteer, links) == ["Fujian", "Fuqing City", "Fuzhou"]


def test_zone_is_not_the_district_of_the_same_name(places):
    gazetteer, links = link("They walked into the Nanchuan Industrial Park of Xining.")

    assert places["Nanchuan"].pk not in links.region_ids
    assert names(gazetteer, links) == ["Nanchuan Industrial Park", "Qinghai", "Xining"]


def test_homonyms_resolve_from_the_text(places):
    gazetteer, links = link("A delegation went to Fuzhou City, Fujian Province.")

    assert places["Fuzhou (Fujian)"].pk in links.region_ids
    assert places["Fuzhou (Jiangxi)"].pk not in links.region_ids


def test_homonyms_without_context_are_reported_not_guessed(places):
    gazetteer, links = link("Haiyan County reported good results; Fuzhou too.")

    assert links.region_ids == set()
    assert len(links.warnings) == 2
    assert "fits several places" in links.warnings[0]


def test_bare_name_resolves_through_the_source_home_region(places, make_source):
    source = make_source(name="Haiyan County Government", region=places["Haiyan (Zhejiang)"])

    gazetteer, links = link("Green development in Haiyan.", source)

    assert places["Haiyan (Zhejiang)"].pk in links.region_ids
    assert places["Haiyan (Qinghai)"].pk not in links.region_ids
    assert names(gazetteer, links) == ["Haiyan County", "Jiaxing", "Zhejiang"]


def test_our_province_and_the_county_mean_the_source_home(places, make_source):
    qinghai_source = make_source(name="Qinghai Government", region=places["Qinghai"])
    haiyan_source = make_source(name="Haiyan Government", region=places["Haiyan (Zhejiang)"])

    gazetteer, province = link("Assessment results of our province are good.", qinghai_source)
    _, county = link("The county has encouraged enterprises.", haiyan_source)
    _, nowhere = link("Our province and the county did well.")

    assert names(gazetteer, province) == ["Qinghai"]
    assert county.region_ids == {
        places[name].pk for name in ["Haiyan (Zhejiang)", "Jiaxing", "Zhejiang"]
    }
    assert nowhere.region_ids == set()


def test_organization_name_beats_the_place_inside_it(places, make_organization):
    bureau = make_organization(
        name="Xining Municipal Bureau of Ecology and Environment", region=places["Xining"]
    )

    gazetteer, links = link("The Xining Municipal Bureau of Ecology and Environment took part.")

    assert links.organization_ids == {bureau.pk}
    assert links.region_ids == set()


def test_organization_aliases_link(places, make_organization):
    center = make_organization(
        name="Straits Equity Exchange Center", aliases="Straits Equity Exchange Centre"
    )

    _, links = link("Visits to the Straits Equity Exchange Centre were made.")

    assert links.organization_ids == {center.pk}


def test_source_names_block_shorter_matches(places, make_source):
    make_source(name="China Carbon Credit Platform")

    _, links = link("China Carbon Credit Platform reports.")

    assert links.region_ids == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "visited Qinghai Lihao Semiconductor Materials Co., Ltd. on Monday",
            ["Qinghai Lihao Semiconductor Materials Co., Ltd."],
        ),
        (
            "signed with Ningxia Baofeng Energy Group Co., Ltd. and others",
            ["Ningxia Baofeng Energy Group Co., Ltd."],
        ),
        (
            "jointly organised by the Ningxia Environmental Science Society.",
            ["Ningxia Environmental Science Society"],
        ),
        (
            "the Jiaxing Municipal Department of Ecology and Environment said",
            ["Jiaxing Municipal Department of Ecology and Environment"],
        ),
        (
            "hosted by the Hainan Carbon Emission Exchange Center today",
            ["Hainan Carbon Emission Exchange Center"],
        ),
        (
            "the Environmental Education Association of Zhejiang Province met",
            ["Environmental Education Association of Zhejiang Province"],
        ),
        ("the Autonomous Region's Department of Ecology and Environment organised", []),
        ("the Department of Ecology and Environment said", []),
        ("a society of friends and a company of players", []),
    ],
)
def test_organization_like_names_are_found_for_review(places, text, expected):
    _, links = link(text)

    assert links.new_organizations == expected


def test_gazetteer_matching_is_one_pass_over_thousands_of_names(places, make_organization):
    gazetteer = Gazetteer.load()
    for n in range(5000):
        gazetteer.add_organization(100_000 + n, f"Zhejiang Green Energy No. {n} Co., Ltd.")

    links = gazetteer.link("Zhejiang Green Energy No. 4321 Co., Ltd. invested in Jiaxing.")

    assert links.organization_ids == {104_321}
    assert names(gazetteer, links) == ["Jiaxing", "Zhejiang"]


def test_topics_are_assigned_by_whole_word_keywords_ignoring_case(make_topic):
    market = make_topic(name="Carbon market", keywords="carbon market\nemissions trading")
    energy = make_topic(name="Renewable energy", keywords="photovoltaic\nwind power")
    make_topic(name="Finance", keywords="ESG")

    rules = TopicRules.load()

    assert rules.topic_ids("The Carbon  Market and PHOTOVOLTAIC parks") == {market.pk, energy.pk}
    assert rules.topic_ids("Wind powered carbon marketing, no esgs") == set()


def test_seed_releases_are_linked_as_the_portal_expects(seeded):
    """The shipped seed articles were produced by the importer over fixtures/releases/."""

    def linked(title_start):
        article = Article.objects.get(title__startswith=title_start)
        return (
            set(article.regions.values_list("name", flat=True)),
            set(article.organizations.values_list("name", flat=True)),
            article,
        )

    regions, organizations, article = linked("Qinghai 2024")
    assert article.rubric == "National Low Carbon Day"
    assert {"Nanchuan Industrial Park", "Xining", "Qinghai"} <= regions
    assert "Nanchuan District" not in regions
    assert "Xining Municipal Bureau of Ecology and Environment" in organizations
    # "Release Time4 months ago" gives way to the day the text names.
    assert (str(article.published_on), article.date_precision) == ("2024-05-15", "day")

    regions, organizations, article = linked("Our province 12th Five-Year")
    assert regions == {"Qinghai", "Hainan Tibetan Autonomous Prefecture"}
    assert article.source.name == "Qinghai Provincial People's Government"
    assert organizations == {"National Climate Center"}

    regions, _, _ = linked("Build a bridge")
    assert {"Fuqing City", "Fuzhou", "Fujian", "Ningxia"} <= regions
    assert "Nanjing County" not in regions

    regions, _, article = linked("Green Development Philosophy")
    assert article.source.name == "Haiyan County People's Government"
    assert (str(article.published_on), article.date_precision) == ("2022-07-28", "day")
    haiyan = Region.objects.get(pk=330424)
    assert haiyan.name in regions and article.regions.filter(pk=haiyan.pk).exists()
    assert not article.regions.filter(parent__parent__name="Qinghai").exists()


def test_the_news_agency_is_not_the_districts_of_the_same_name(seeded):
    # Xinhua is a district in several cities and the name of the news agency.
    gazetteer, links = link("Xinhua News Agency reported that Zhejiang opened its carbon market.")

    assert names(gazetteer, links) == ["Zhejiang"]


@pytest.mark.parametrize(
    ("text", "linked", "not_linked"),
    [
        ("The forum met at Xining Square.", [], ["Xining"]),
        ("Jiaxing Road was closed for the run.", [], ["Jiaxing"]),
        ("Experts from Zhejiang University spoke.", [], ["Zhejiang"]),
        ("Zhou Haiyan, from Jiaxing, spoke.", ["Jiaxing"], ["Haiyan County"]),
        ("Deputy director Lian Xining spoke.", [], ["Xining"]),
        ("The Hainan Tibetan Prefecture grows wind power.", [], ["Hainan"]),
        ("The Jiaxing 110 kV substation was upgraded.", [], ["Jiaxing"]),
        ("The Xining River flows through the city.", [], ["Xining"]),
        ("Xining and Jiaxing signed an agreement.", ["Jiaxing", "Xining"], []),
    ],
)
def test_a_place_inside_a_person_facility_or_prefecture_name_is_no_mention(
    places, text, linked, not_linked
):
    gazetteer, links = link(text)

    found = names(gazetteer, links)
    assert set(linked) <= set(found)
    assert not set(not_linked) & set(found)


def test_one_letter_abbreviations_and_english_words_link_nothing(make_region):
    china = make_region(name="China", kind=K.COUNTRY, code="1")
    hubei = make_region(name="Hubei", aliases="E", parent=china)
    make_region(name="Guide County", aliases="Guide", kind=K.COUNTY, parent=hubei)

    gazetteer, links = link("In E China, the Implementation Guide was issued.")

    assert names(gazetteer, links) == ["China"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the Xining Municipal People's Government said",
            ["Xining Municipal People's Government"],
        ),
        (
            "the National Development and Reform Commission on Dec 6",
            ["National Development and Reform Commission"],
        ),
        ("and the State Council on Monday", ["State Council"]),
        (
            "experts from the Guangzhou Branch of the China Quality Certification Center",
            ["Guangzhou Branch of the China Quality Certification Center"],
        ),
        ("China's Ministry of Transport said", ["Ministry of Transport"]),
        (
            "loans from Bank of China and China Construction Bank",
            ["Bank of China", "China Construction Bank"],
        ),
        (
            "trading on the China Emissions Exchange (Guangzhou) rose",
            ["China Emissions Exchange (Guangzhou)"],
        ),
        (
            "Anhui Conch Cement Co Ltd and China Petrochemical Corp",
            ["Anhui Conch Cement Co Ltd", "China Petrochemical Corp"],
        ),
        (
            "the Hefei Municipal Bureau of Ecology and Environment\n\nMay 20, 2023",
            ["Hefei Municipal Bureau of Ecology and Environment"],
        ),
        ("Recently Jiaxing Green Building Association met", ["Jiaxing Green Building Association"]),
    ],
)
def test_organization_names_are_read_in_the_genres_patterns(places, text, expected):
    _, links = link(text)

    assert links.new_organizations == expected


def test_a_new_organization_gets_the_region_its_name_starts_with(places):
    _, links = link("The Jiaxing Green Building Association met in Xining.")

    name = "Jiaxing Green Building Association"
    assert links.new_organizations == [name]
    assert links.new_organization_regions[name] == places["Jiaxing"].pk
