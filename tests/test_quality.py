"""Quality checks: machine-translation artefacts found, kept as a work queue."""

from pathlib import Path

import pytest
from django.urls import reverse

from articles.editorial.quality import find_problems, refresh_quality_flags
from articles.models import QualityFlag

RELEASES = Path(__file__).resolve().parents[1] / "fixtures" / "releases"


def found(text, terms=()):
    return [(finding.kind, finding.text) for finding in find_problems(text, terms)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Xining (National National) Development Zone", ("repeated_word", "National National")),
        ("National Low Carbon Day丨Qinghai 2024", ("chinese", "丨")),
        ("Release Time4 months ago", ("run_on_label", "Release Time4")),
        (
            "Fujian Province,5months24on-28On the 20th, the",
            ("garbled_date", "5months24on-28On the 20th"),
        ),
        (
            "7 month 13 days to 14 days, the deputy director",
            ("garbled_date", "7 month 13 days to 14 days"),
        ),
        ("progress. 14 afternoon, the provincial government", ("garbled_date", "14 afternoon")),
    ],
)
def test_each_artefact_is_found_in_a_small_string(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "On May 15, the department held the event.",
        "As of the end of May 2024, 2.47 million tons were issued.",
        "Release date: 2022-07-28",
        "He said that that was all.",
    ],
)
def test_clean_text_is_not_flagged(text):
    assert found(text) == []


def test_glossary_wrong_renderings_are_found_but_not_inside_the_preferred_term(
    make_glossary_term,
):
    plan = make_glossary_term(preferred="12th Five-Year Plan", wrong_renderings="12th Five-Year")
    sanjiang = make_glossary_term(preferred="Three Rivers (Sanjiang)", wrong_renderings="Sanjiang")

    text = (
        "In the 12th Five-Year Plan and the “12th Five-Year”, Sanjiang and Three Rivers (Sanjiang)."
    )

    assert found(text, [plan, sanjiang]) == [
        ("glossary", "12th Five-Year"),
        ("glossary", "Sanjiang"),
    ]


def test_the_seed_releases_flag_their_real_artefacts(db):
    from articles.models import GlossaryTerm
    from articles.ops.fixtures import load_missing

    assert load_missing("glossary") == (9, 0)
    terms = list(GlossaryTerm.objects.all())
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in RELEASES.glob("*.txt")}

    by_release = {key: set(found(text, terms)) for key, text in texts.items()}

    assert {
        ("chinese", "丨"),
        ("run_on_label", "Release Time4"),
        ("repeated_word", "National National"),
        ("glossary", "double carbon"),
    } <= by_release["000"]
    assert {
        ("garbled_date", "7 month 13 days to 14 days"),
        ("garbled_date", "14 afternoon"),
        ("glossary", "12th Five-Year"),
        ("glossary", "Sanjiang"),
    } <= by_release["001"]
    assert {
        ("garbled_date", "5months24on-28On the 20th"),
        ("glossary", "Minning"),
        ("glossary", "Fujian and Nanjing"),
        ("glossary", "double carbon"),
    } <= by_release["002"]
    assert ("glossary", "carbon GSP") in by_release["003"]
    assert {("chinese", "【"), ("glossary", "carbon neutralization")} <= by_release["004"]
    # "14th Five-Year Plan" and "dual carbon" are right and stay unflagged.
    assert not any("14th" in text or text == "dual carbon" for _, text in by_release["002"])


def test_refresh_points_at_the_sentence_and_keeps_dismissals(make_article, make_editor):
    article = make_article(
        title="Low Carbon Day丨Qinghai",
        body="First sentence. The (National National) zone held it. Last one.",
    )
    flags = refresh_quality_flags(article)
    repeated = flags.get(kind="repeated_word")
    assert repeated.excerpt == "The (National National) zone held it."
    assert article.body[repeated.start : repeated.end] == "National National"
    repeated.dismiss(make_editor())

    article.body = "A new first sentence. " + article.body
    refresh_quality_flags(article)
    kept = QualityFlag.objects.get(kind="repeated_word")
    assert kept.pk == repeated.pk and kept.dismissed
    assert article.body[kept.start : kept.end] == "National National"

    article.title = "Low Carbon Day: Qinghai"
    refresh_quality_flags(article)
    assert not QualityFlag.objects.filter(kind="chinese").exists()


def test_saving_in_the_admin_recomputes_flags(editor_client, make_article):
    from tests.editorial import article_form_data, change_url

    article = make_article(body="Fine text.")
    editor_client.post(change_url(article), article_form_data(article, body="Views123 so far."))

    assert list(article.quality_flags.values_list("kind", flat=True)) == ["run_on_label"]
    html = editor_client.get(change_url(article)).content.decode()
    assert "Quality checks: 1 open" in html


def test_work_queue_lists_open_flags_and_dismisses_them(editor_client, make_article):
    article = make_article(title="Day丨Qinghai", body="Release Time4 months ago.")
    refresh_quality_flags(article)
    url = reverse("admin:articles_qualityflag_changelist")

    response = editor_client.get(url, {"kind__exact": "chinese"})
    rows = list(response.context["cl"].result_list)
    assert [flag.text for flag in rows] == ["丨"]
    assert '<mark class="flagged">丨</mark>' in response.content.decode()

    editor_client.post(url, {"action": "dismiss", "_selected_action": [rows[0].pk]})

    assert [f.text for f in editor_client.get(url).context["cl"].result_list] == ["Release Time4"]
    dismissed = QualityFlag.objects.get(text="丨")
    assert dismissed.dismissed_by.username == "editor"
    assert editor_client.get(url, {"state": "dismissed"}).context["cl"].result_count == 1
