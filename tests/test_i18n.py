"""The Simplified Chinese interface at /zh-hans/, English unprefixed."""

from django.urls import reverse
from django.utils import translation


def test_english_pages_stay_unprefixed(client, db):
    assert reverse("articles:list") == "/articles/"
    response = client.get("/articles/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_chinese_interface_is_served_under_its_prefix(client, make_article):
    article = make_article(title="Carbon market release")

    text = client.get("/zh-hans/articles/").content.decode()

    assert '<html lang="zh-hans">' in text
    assert "发布" in text
    assert "Carbon market release" in text
    with translation.override("zh-hans"):
        assert article.get_absolute_url() == f"/zh-hans/articles/{article.slug}/"


def test_language_switcher_links_the_same_page(client, make_article):
    article = make_article()
    path = f"/articles/{article.slug}/"

    english = client.get(path).content.decode()
    chinese = client.get(f"/zh-hans{path}").content.decode()

    assert f'href="/zh-hans/articles/{article.slug}/" hreflang="zh-hans"' in english
    assert f'href="/articles/{article.slug}/" hreflang="en"' in chinese
    assert "机器翻译" in chinese


def test_every_interface_string_has_a_compiled_chinese_translation():
    import gettext
    from pathlib import Path

    from django.conf import settings

    directory = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
    entries = (directory / "django.po").read_text(encoding="utf-8").strip().split("\n\n")[1:]
    with open(directory / "django.mo", "rb") as stream:
        catalog = gettext.GNUTranslations(stream)._catalog

    untranslated = [e for e in entries if 'msgstr ""' in e.split("\n")[-1] or "fuzzy" in e]
    assert untranslated == []
    assert len(catalog) >= len(entries)  # the .mo was compiled from this .po


def test_chinese_interface_names_things_by_their_chinese_names(
    client, make_article, make_region, make_organization, make_source, make_topic
):
    from articles.models import PolicyFacet

    notice = PolicyFacet.objects.create(
        kind=PolicyFacet.Kind.DOCUMENT_TYPE, name="Notice", name_zh="通知", slug="notice"
    )
    ministry = make_organization(name="Ministry of Ecology and Environment", name_zh="生态环境部")
    article = make_article(
        title="Allowance notice",
        regions=[make_region(name="Fujian", name_zh="福建省", slug="fujian")],
        organizations=[ministry],
        topics=[make_topic(name="Carbon market", name_zh="碳市场", slug="carbon-market")],
        source=make_source(name="Haiyan County People's Government", name_zh="海盐县人民政府"),
        issuing_body=ministry,
        document_type=notice,
    )

    chinese = client.get("/zh-hans/articles/").content.decode()
    english = client.get("/articles/").content.decode()
    detail = client.get(f"/zh-hans/articles/{article.slug}/").content.decode()
    topics = client.get("/zh-hans/topics/").content.decode()

    for name in ("福建省", "碳市场", "海盐县人民政府", "生态环境部", ">通知</a>"):
        assert name in chinese
    assert ">Fujian</a>" in english and ">Notice</a>" in english and "碳市场" not in english
    assert "生态环境部" in detail and "碳市场" in detail and "海盐县人民政府" in detail
    assert ">碳市场</a>" in topics


def test_a_thing_without_a_chinese_name_keeps_its_english_one(client, make_article, make_topic):
    make_article(topics=[make_topic(name="Green finance", slug="green-finance")])

    assert ">Green finance</a>" in client.get("/zh-hans/articles/").content.decode()


def test_the_province_map_names_provinces_in_full_in_either_language(
    client, make_region, make_article
):
    ningxia = make_region(
        name="Ningxia",
        name_zh="宁夏回族自治区",
        slug="ningxia",
        code="640000",
        kind="autonomous_region",
    )
    make_article(regions=[ningxia])

    english = client.get("/").content.decode()
    chinese = client.get("/zh-hans/").content.decode()

    assert "<title>Ningxia: 1 release</title>" in english
    assert "<title>宁夏回族自治区" in chinese
