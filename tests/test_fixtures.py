"""The real fixtures: the gazetteer, curated organizations and sources."""

from django.core.management import call_command
from django.urls import reverse

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


QINGHAI_DAY = "national-low-carbon-dayqinghai-2024-national-low-carbon-day-publicity-activities"


def load_gazetteer_and_catalogues():
    from articles.ops.fixtures import PORTAL_FIXTURES, load_missing

    for name in PORTAL_FIXTURES:
        if name != "articles":
            load_missing(name)


def test_seed_releases_start_with_a_revision_of_the_machine_translation(seeded):
    from articles.models import Article
    from articles.ops.fixtures import STARTING_NOTE

    for article in Article.objects.all():
        (record,) = article.history.all()
        assert record.history_type == "+"
        assert record.history_change_reason == STARTING_NOTE
        assert (record.title, record.body) == (article.machine_title, article.machine_body)


def test_an_editors_first_save_of_a_seed_release_is_a_correction(seeded, editor_client):
    from articles.editorial.corrections import correction_log
    from articles.models import Article
    from tests.editorial import article_form_data, change_url

    article = Article.objects.get(slug=QINGHAI_DAY)
    body = article.body.replace("(National National)", "(National)")
    response = editor_client.post(change_url(article), article_form_data(article, body=body))
    assert response.status_code == 302

    newest, starting = correction_log(article)
    assert not newest.created and "text" in newest.changed
    assert starting.created
    records = list(article.history.order_by("history_date"))
    compare = (
        reverse("admin:articles_article_revision_compare", args=[article.pk])
        + f"?from={records[0].pk}&to={records[1].pk}"
    )
    page = editor_client.get(compare).content.decode()
    assert response.status_code == 302 and '<del class="diff-del">' in page


def test_loading_again_gives_older_seed_releases_their_starting_revision(seeded, make_editor):
    """Releases loaded before the loader wrote one: the editor's first save
    was their first revision."""
    from articles.models import Article
    from articles.ops.fixtures import load_missing

    article = Article.objects.get(slug=QINGHAI_DAY)
    article.history.all().delete()
    machine_title = article.machine_title
    article.title = "Qinghai holds its 2024 National Low Carbon Day"
    article.save_revision(make_editor(), "Shorter title")

    assert load_missing("articles") == (0, 5)

    starting, correction = article.history.order_by("history_date")
    assert starting.history_type == "+" and starting.title == machine_title
    assert starting.history_date < correction.history_date
    assert correction.history_change_reason == "Shorter title"
    assert load_missing("articles") == (0, 5)
    assert article.history.count() == 2


def test_seed_releases_load_beside_imported_releases_holding_their_keys(db, make_article):
    from articles.models import Article
    from articles.ops.fixtures import load_missing

    load_gazetteer_and_catalogues()
    imported = [make_article(pk=pk, title=f"Imported release {pk}") for pk in range(1, 6)]

    assert load_missing("articles") == (5, 0)

    qinghai_day = Article.objects.get(slug=QINGHAI_DAY)
    assert qinghai_day.pk not in {article.pk for article in imported}
    assert set(qinghai_day.regions.values_list("code", flat=True)) >= {"630000", "630100"}
    assert qinghai_day.source.slug == "china-carbon-credit-platform"
    assert qinghai_day.history.count() == 1
    assert Article.objects.filter(title__startswith="Imported release").count() == 5
    assert load_missing("articles") == (0, 5)


def test_places_and_organizations_already_present_are_matched_by_natural_key(db):
    from articles.models import Article
    from articles.ops.fixtures import PORTAL_FIXTURES, load_missing

    qinghai = Region.objects.create(
        pk=77_777_777, name="Qinghai", slug="qinghai", kind=Region.Kind.PROVINCE, code="630000"
    )
    bureau = Organization.objects.create(
        name="Xining Municipal Bureau of Ecology and Environment", slug="xining-bureau"
    )

    for name in PORTAL_FIXTURES:
        load_missing(name)

    assert Region.objects.filter(code="630000").get() == qinghai
    assert Region.objects.get(code="630100").parent == qinghai  # Xining
    zone = Region.objects.get(slug="xining-economic-and-technological-development-zone")
    assert zone.parent.code == "630100"  # a zone's parent comes from the regions fixture
    assert Organization.objects.filter(name=bureau.name).get() == bureau
    qinghai_day = Article.objects.get(slug=QINGHAI_DAY)
    assert qinghai in qinghai_day.regions.all()
    assert bureau in qinghai_day.organizations.all()


def test_a_reference_to_a_record_not_loaded_is_left_out(db):
    """Seed releases loaded without the topics fixture get no topics, not
    whatever topics hold the fixture's keys."""
    from articles.models import Article
    from articles.ops.fixtures import load_missing

    for name in ("regions", "zones", "organizations", "sources"):
        load_missing(name)
    unrelated = [
        Topic.objects.create(pk=pk, name=f"Unrelated {pk}", slug=f"u-{pk}") for pk in range(1, 11)
    ]

    load_missing("articles")

    assert not Article.objects.filter(topics__in=unrelated).exists()
