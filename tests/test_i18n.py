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
