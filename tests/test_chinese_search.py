"""Searching in Chinese finds the originals, and the English releases that
the glossary's translation of a word, or a place or organization of that
Chinese name, leads to."""

import pytest

from articles.models import GlossaryTerm


@pytest.fixture
def releases(make_article, make_region, make_organization):
    fujian = make_region(name="Fujian", slug="fujian", name_zh="福建省")
    county = make_region(name="Haiyan County", slug="haiyan", name_zh="海盐县", kind="county")
    exchange = make_organization(name="Hubei Emission Exchange", name_zh="湖北碳排放权交易中心")
    return {
        "original": make_article(
            title="A pilot market opens",
            body="The pilot market opened on Monday.",
            original_title="试点市场开市",
            original_body="全国碳市场试点于周一开市。\n\n交易量创新高。",
        ),
        "inclusion": make_article(
            title="Guangdong widens carbon inclusion",
            body="Residents earn credits under carbon inclusion schemes.",
        ),
        "fujian": make_article(title="Provincial plan", body="A plan.", regions=[fujian]),
        "haiyan": make_article(title="County action", body="An action.", regions=[county]),
        "exchange": make_article(title="Trading news", body="News.", organizations=[exchange]),
        "other": make_article(title="Unrelated", body="Nothing here.", original_body="无关内容。"),
    }


def titles(client, q):
    response = client.get("/articles/", {"q": q})
    assert response.status_code == 200
    return {article.title for article in response.context["page_obj"]}


def test_a_chinese_word_finds_the_original_that_holds_it(client, releases):
    assert titles(client, "碳市场") == {"A pilot market opens"}
    assert titles(client, "交易量") == {"A pilot market opens"}


def test_a_chinese_word_finds_english_releases_through_the_glossary(client, releases):
    GlossaryTerm.objects.create(preferred="carbon inclusion", chinese="碳普惠")

    assert titles(client, "碳普惠") == {"Guangdong widens carbon inclusion"}


def test_a_chinese_place_or_organization_name_finds_the_releases_linked_to_it(client, releases):
    assert titles(client, "福建") == {"Provincial plan"}
    assert titles(client, "福建省") == {"Provincial plan"}
    assert titles(client, "海盐县") == {"County action"}
    assert titles(client, "湖北碳排放权交易中心") == {"Trading news"}


def test_every_chinese_word_must_match(client, releases):
    assert titles(client, "碳市场 无关") == set()


def test_snippets_of_chinese_matches_are_marked_and_escaped(client, releases, make_article):
    make_article(title="Hostile", body="x", original_body="<script>alert(1)</script>碳市场")

    html = client.get("/articles/", {"q": "碳市场"}).content.decode()

    assert "<mark>碳市场</mark>" in html
    assert "<script>alert(1)" not in html


def test_a_chinese_search_answers_in_few_queries(client, releases, django_assert_max_num_queries):
    GlossaryTerm.objects.create(preferred="carbon inclusion", chinese="碳普惠")

    with django_assert_max_num_queries(10):
        assert client.get("/articles/", {"q": "碳普惠"}).status_code == 200
