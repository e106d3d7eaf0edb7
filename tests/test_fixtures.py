"""The real fixtures: the gazetteer, curated organizations and sources."""

from django.core.management import call_command

from articles.models import Organization, Region, Source, Topic

PROVINCIAL_LEVEL = {
    "Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin",
    "Heilongjiang", "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi",
    "Shandong", "Henan", "Hubei", "Hunan", "Guangdong", "Guangxi", "Hainan", "Chongqing",
    "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi", "Gansu", "Qinghai", "Ningxia",
    "Xinjiang", "Hong Kong", "Macao", "Taiwan",
}  # fmt: skip


def test_gazetteer_has_every_provincial_division_under_china(seeded):
    china = Region.objects.get(kind=Region.Kind.COUNTRY)
    provinces = set(china.children.values_list("name", flat=True))

    assert provinces == PROVINCIAL_LEVEL


def test_gazetteer_reaches_county_level(seeded):
    prefecture_level = Region.objects.filter(kind__in=Region.PREFECTURE_KINDS).count()
    county_level = Region.objects.filter(kind__in=Region.COUNTY_KINDS).count()

    assert 320 <= prefecture_level <= 345
    assert 2800 <= county_level <= 2900


def test_gazetteer_keeps_homonyms_apart(seeded):
    haiyans = Region.objects.filter(name="Haiyan County").order_by("code")

    assert [(h.code, h.slug) for h in haiyans] == [
        ("330424", "haiyan-county-zhejiang"),
        ("632223", "haiyan-county-qinghai"),
    ]
    assert haiyans[0].ancestors()[1].name == "Zhejiang"
    assert haiyans[1].ancestors()[1].name == "Qinghai"


def test_gazetteer_uses_conventional_english_names_and_keeps_pinyin_as_aliases(seeded):
    for code, name in [
        ("150000", "Inner Mongolia"), ("540000", "Tibet"), ("150100", "Hohhot"),
        ("150600", "Ordos"), ("650100", "Urumqi"), ("540100", "Lhasa"), ("610000", "Shaanxi"),
    ]:  # fmt: skip
        assert Region.objects.get(code=code).name == name
    assert "Xizang" in Region.objects.get(code="540000").alias_list()
    assert "Min" in Region.objects.get(code="350000").alias_list()
    assert "Ning" in Region.objects.get(code="640000").alias_list()
    assert "Yue" in Region.objects.get(code="440000").alias_list()


def test_descendants_of_a_province_reach_its_counties(seeded):
    zhejiang = Region.objects.get(code="330000")

    descendants = Region.objects.descendants_of(zhejiang)

    assert descendants.filter(code="330424").exists()  # Haiyan County
    assert not descendants.filter(code="632223").exists()  # the Qinghai one


def test_seed_organizations_and_sources_sit_in_their_regions(seeded):
    bureau = Organization.objects.get(name="Xining Municipal Bureau of Ecology and Environment")
    haiyan_government = Source.objects.get(slug="haiyan-county-government")

    assert bureau.region.code == "630100"
    assert haiyan_government.region.code == "330424"
    assert Source.objects.get(slug="qinghai-provincial-government").region.name == "Qinghai"
    assert Topic.objects.filter(slug="carbon-market").exists()


def test_loading_fixtures_twice_keeps_editors_corrections(seeded):
    qinghai = Region.objects.get(code="630000")
    qinghai.name_zh = "青海省（已校对）"
    qinghai.save()
    before = Region.objects.count()

    call_command("load_portal_fixtures", verbosity=0)

    assert Region.objects.count() == before
    assert Region.objects.get(code="630000").name_zh == "青海省（已校对）"


def test_rows_created_after_loading_do_not_collide_with_fixture_keys(seeded):
    """On PostgreSQL the sequences must move past the fixtures' explicit keys."""
    organization = Organization.objects.create(name="Newly Found Carbon Exchange Center")
    region = Region.objects.create(name="New Zone", slug="new-zone", kind=Region.Kind.ZONE)

    assert organization.pk > 28
    assert region.pk > 9000000


def test_seed_releases_arrive_with_their_quality_flags(seeded):
    from articles.models import Article, QualityFlag

    qinghai_day = Article.objects.get(title__contains="National Low Carbon Day")
    kinds = set(qinghai_day.quality_flags.values_list("kind", flat=True))

    assert "repeated_word" in kinds  # "(National National)"
    assert QualityFlag.objects.filter(kind="glossary").exists()  # "double carbon", "carbon GSP"
