"""The original beside the translation: imported from JSON Lines fields, from a
Chinese page beside an English one, or alone (awaiting its translation, which
a later import fills in without losing an editor's work)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.importer.alignment import align_paragraphs
from articles.models import Article

ZH_TITLE = "福建与宁夏开展碳普惠合作"
ZH_BODY = "福建省生态环境厅与宁夏回族自治区生态环境厅签署合作协议。\n\n双方将共建碳普惠机制。"
EN_TITLE = "Fujian and Ningxia cooperate on carbon inclusion"
EN_BODY = (
    "The Fujian Provincial Department of Ecology and Environment signed an agreement with "
    "its Ningxia counterpart.\n\nThe two sides will build a carbon inclusion mechanism together."
)
ORIGINAL_URL = "https://sthjt.example.gov.cn/news/1.html"


def run_import(*paths):
    out = StringIO()
    call_command(
        "import_releases", *map(str, paths), "--retrieved-at", "2024-09-15", stdout=out,
        stderr=StringIO(),
    )  # fmt: skip
    return out.getvalue()


def json_lines(path, *records):
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))
    return path


@pytest.fixture
def places(make_region):
    make_region(name="Fujian", name_zh="福建省")
    make_region(name="Ningxia", name_zh="宁夏回族自治区", kind="autonomous_region")


def test_json_lines_bring_the_original_and_its_page(tmp_path, places):
    batch = json_lines(
        tmp_path / "batch.jsonl",
        {"title": EN_TITLE, "body": EN_BODY, "published": "2024-05-15",
         "original_title": ZH_TITLE, "original_body": ZH_BODY, "original_url": ORIGINAL_URL},
    )  # fmt: skip

    run_import(batch)

    article = Article.objects.get()
    assert (article.original_title, article.original_body) == (ZH_TITLE, ZH_BODY)
    assert article.original_url == ORIGINAL_URL
    assert article.alignment == [[[0], [0]], [[1], [1]]]
    assert article.translation_status == Article.Status.MACHINE


def test_an_original_address_of_another_scheme_is_left_out(tmp_path, places):
    batch = json_lines(
        tmp_path / "batch.jsonl",
        {"title": EN_TITLE, "body": EN_BODY, "original_url": "javascript:alert(1)"},
    )

    run_import(batch)

    assert Article.objects.get().original_url == ""


def test_a_chinese_page_beside_the_english_one_is_its_original(tmp_path, places):
    (tmp_path / "notice.txt").write_text(f"{EN_TITLE}\n\nDate: 2024-05-15\n\n{EN_BODY}\n")
    (tmp_path / "notice.zh.txt").write_text(
        f"{ZH_TITLE}\n\n发布时间：2024-05-15\n\n{ZH_BODY}\n", encoding="utf-8"
    )

    out = run_import(tmp_path)

    assert "1 created" in out
    article = Article.objects.get()
    assert article.title == EN_TITLE
    assert article.original_title == ZH_TITLE
    assert article.original_body == ZH_BODY


def test_a_release_awaiting_translation_gets_its_english_from_a_later_import(
    tmp_path, places, make_editor
):
    chinese = json_lines(
        tmp_path / "zh.jsonl",
        {"title": ZH_TITLE, "body": ZH_BODY, "published": "2024-05-15", "source_url": ORIGINAL_URL},
    )
    run_import(chinese)
    waiting = Article.objects.get()
    assert waiting.awaits_translation and waiting.original_url == ORIGINAL_URL
    assert {region.name for region in waiting.regions.all()} == {"Fujian", "Ningxia"}
    english = json_lines(
        tmp_path / "en.jsonl",
        {"title": EN_TITLE, "body": EN_BODY, "published": "2024-05-15",
         "original_url": ORIGINAL_URL},
    )  # fmt: skip

    out = run_import(english)

    assert "1 updated" in out
    article = Article.objects.get()
    assert article.pk == waiting.pk
    assert (article.title, article.machine_title) == (EN_TITLE, EN_TITLE)
    assert article.original_title == ZH_TITLE
    assert article.translation_status == Article.Status.MACHINE
    assert article in Article.objects.published()
    assert "1 unchanged" in run_import(english)


def test_the_original_again_never_takes_away_the_english(tmp_path, places):
    (tmp_path / "notice.txt").write_text(f"{EN_TITLE}\n\nDate: 2024-05-15\n\n{EN_BODY}\n")
    (tmp_path / "notice.zh.txt").write_text(f"{ZH_TITLE}\n\n{ZH_BODY}\n", encoding="utf-8")
    run_import(tmp_path)
    alone = tmp_path / "again"
    alone.mkdir()
    (alone / "notice.zh.txt").write_text(f"{ZH_TITLE}\n\n{ZH_BODY}\n", encoding="utf-8")

    out = run_import(alone)

    assert "1 unchanged" in out
    article = Article.objects.get()
    assert (article.title, article.translation_status) == (EN_TITLE, Article.Status.MACHINE)


def test_the_english_for_a_release_an_editor_translated_is_kept_beside_it(
    tmp_path, places, make_editor
):
    run_import(json_lines(tmp_path / "zh.jsonl", {"title": ZH_TITLE, "body": ZH_BODY,
                                                   "original_url": ORIGINAL_URL}))  # fmt: skip
    article = Article.objects.get()
    assert article.original_url == ORIGINAL_URL
    editor = make_editor()
    article.title, article.body = "Editor's title", "Editor's own translation."
    article.save_revision(editor, "Translated by hand")

    out = run_import(
        json_lines(
            tmp_path / "en.jsonl",
            {"title": EN_TITLE, "body": EN_BODY, "original_url": ORIGINAL_URL},
        )
    )

    assert "1 conflicts" in out
    article.refresh_from_db()
    assert (article.title, article.body) == ("Editor's title", "Editor's own translation.")
    assert article.machine_title == EN_TITLE and article.has_conflict


def test_paragraphs_pair_by_length_when_translation_splits_one():
    original = "一" * 30 + "\n\n" + "二" * 60 + "\n\n" + "三" * 20
    machine = "a" * 90 + "\n\n" + "b" * 90 + "\n\n" + "c" * 90 + "\n\n" + "d" * 60

    assert align_paragraphs(original, machine) == [
        [[0], [0]],
        [[1], [1, 2]],
        [[2], [3]],
    ]


def test_an_original_named_on_its_own_is_imported_on_its_own(tmp_path, places):
    (tmp_path / "notice.txt").write_text(f"{EN_TITLE}\n\nDate: 2024-05-15\n\n{EN_BODY}\n")
    (tmp_path / "notice.zh.txt").write_text(f"{ZH_TITLE}\n\n{ZH_BODY}\n", encoding="utf-8")

    out = run_import(tmp_path / "notice.zh.txt")

    assert "1 created" in out
    assert Article.objects.get().awaits_translation


def test_originals_are_indexed_for_substring_search_on_postgresql(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'articles_article' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"article_original_trgm", "article_original_title_trgm"}
