import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Organization, Region, Source
from articles.tooling.demo import RealDataPresent, generate_demo_data


@pytest.fixture
def small_gazetteer(make_region, make_topic):
    country = make_region(name="China", kind=Region.Kind.COUNTRY)
    for name in ("Zhejiang", "Qinghai", "Guangdong"):
        province = make_region(name=name, parent=country)
        city = make_region(name=f"{name} City", kind=Region.Kind.PREFECTURE_CITY, parent=province)
        make_region(name=f"{name} County", kind=Region.Kind.COUNTY, parent=city)
    make_topic(name="Carbon market")
    make_topic(name="Green finance")
    return country


def snapshot():
    return list(
        Article.objects.order_by("slug").values_list(
            "slug", "title", "published_on", "translation_status"
        )
    )


def test_demo_data_is_deterministic_for_a_seed(small_gazetteer):
    generate_demo_data(articles=50, seed=7)
    first = snapshot()
    Article.objects.all().delete()
    Organization.objects.all().delete()
    Source.objects.all().delete()

    generate_demo_data(articles=50, seed=7)

    assert snapshot() == first
    assert len(first) == 50


def test_demo_releases_link_places_with_their_ancestors(small_gazetteer):
    generate_demo_data(articles=30, seed=3)

    for article in Article.objects.prefetch_related("regions"):
        linked = set(article.regions.all())
        assert linked, article.title
        for region in linked:
            for ancestor in region.ancestors():
                assert ancestor in linked or ancestor.kind == Region.Kind.COUNTRY


def test_demo_releases_have_paragraphs_dates_and_a_mix_of_statuses(small_gazetteer):
    generate_demo_data(articles=200, seed=1)

    statuses = set(Article.objects.values_list("translation_status", flat=True))
    assert statuses == {"machine", "in_review", "reviewed"}
    article = Article.objects.exclude(published_on=None).first()
    assert len(article.paragraphs()) >= 3
    assert Article.objects.with_conflict().exists()


def test_demo_data_refuses_a_database_with_real_releases(small_gazetteer, make_article):
    make_article(source_url="https://www.haiyan.gov.cn/art/2022/7/28/art_1.html")

    with pytest.raises(RealDataPresent):
        generate_demo_data(articles=5)
    with pytest.raises(CommandError, match="real releases"):
        call_command("generate_demo_data", articles=5)

    generate_demo_data(articles=5, force=True)
    assert Article.objects.count() == 6


def test_demo_data_refuses_to_repeat_a_seed(small_gazetteer):
    generate_demo_data(articles=5, seed=4)

    with pytest.raises(RealDataPresent, match="seed 4"):
        generate_demo_data(articles=5, seed=4)
    generate_demo_data(articles=5, seed=5)
    assert Article.objects.count() == 10
