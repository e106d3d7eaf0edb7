"""The aligned workbench: original | machine text | correction in one row per
paragraph pair, the pairing an editor can correct, and the body saved whole."""

import re

import pytest

from articles.editorial.diffs import changed_sentences_diff
from articles.editorial.workbench import parse_pairing, workbench_rows
from articles.models import Article
from tests.editorial import article_form_data, change_url

ORIGINAL = "广东举办活动。\n\n碳普惠平台上线，签发核证减排量超过247万吨。\n\n全省各市参与。"
MACHINE = (
    "Guangdong held an event.\n\n"
    "The carbon GSP platform opened.\n\n"
    "More than 2.47 million tons were issued.\n\n"
    "Cities across the province took part."
)
PAIRED = [[[0], [0]], [[1], [1, 2]], [[2], [3]]]


@pytest.fixture
def release(make_article):
    return make_article(
        title="Guangdong carbon inclusion",
        body=MACHINE,
        original_title="广东碳普惠",
        original_body=ORIGINAL,
        alignment=PAIRED,
    )


def rows_of(html):
    return re.findall(r'<div class="parallel-row"(?: id="[^"]+")?>(.*?)</textarea>', html, re.S)


def test_each_row_holds_an_original_paragraph_its_machine_paragraphs_and_their_correction(
    editor_client, release
):
    html = editor_client.get(change_url(release)).content.decode()

    rows = rows_of(html)
    assert len(rows) == 3  # one per pair, the title apart
    assert "碳普惠平台上线" in rows[1]
    assert "The carbon GSP platform opened." in rows[1]
    assert "More than 2.47 million tons were issued." in rows[1]
    assert 'name="body_1"' in rows[1]
    # Each paragraph once per column: the text is not repeated in a whole diff.
    assert html.count("The carbon GSP platform opened.") == 2  # machine cell and correction
    assert 'lang="zh-Hans"' in html
    assert 'value="1=1; 2=2-3; 3=4"' in html


def test_saving_the_rows_saves_the_body_with_blank_lines_and_a_revision(editor_client, release):
    data = article_form_data(
        release,
        body_0="Guangdong held an event.",
        body_1="The carbon inclusion platform opened.\n\nMore than 2.47 million tons were issued.",
        body_2="Cities across the province took part.",
    )
    del data["body"]

    response = editor_client.post(change_url(release), data, follow=True)

    release.refresh_from_db()
    assert release.body == MACHINE.replace("carbon GSP", "carbon inclusion")
    assert release.version == 2
    assert release.history.count() == 2
    html = response.content.decode()
    # Under the row only the changed sentence, not its paragraph again.
    assert '<del class="diff-del">GSP</del><ins class="diff-ins">inclusion</ins>' in html
    assert "1 of 3 row(s) corrected" in html


def test_an_editor_corrects_the_pairing(editor_client, release):
    response = editor_client.post(
        change_url(release), article_form_data(release, pairing="1=1; 2=2; 3=3-4")
    )

    assert response.status_code == 302
    release.refresh_from_db()
    assert release.alignment == [[[0], [0]], [[1], [1]], [[2], [2, 3]]]
    assert release.history.first().history_change_reason == "Paired the paragraphs anew"
    html = editor_client.get(change_url(release)).content.decode()
    assert 'value="1=1; 2=2; 3=3-4"' in html


def test_auto_pairs_the_paragraphs_by_length_again(editor_client, release):
    release.alignment = [[[0], [0, 1, 2]], [[1], []], [[2], [3]]]
    release.save()

    editor_client.post(change_url(release), article_form_data(release, pairing="auto"))

    release.refresh_from_db()
    assert release.alignment == PAIRED


@pytest.mark.parametrize(
    "pairing, message",
    [
        ("1=1; 2=2-3; 3=", "Name each of the 4 machine paragraphs once, in order"),
        ("1=1; 3=2-3; 2=4", "Name each of the 3 original paragraphs once, in order"),
        ("1=1; 2=-3; 3=4", "“-3” is not a paragraph number or range"),
        ("1 2 3", "“1 2 3” is not a pair"),
    ],
)
def test_a_wrong_pairing_is_refused_with_what_is_wrong(editor_client, release, pairing, message):
    response = editor_client.post(change_url(release), article_form_data(release, pairing=pairing))

    assert response.status_code == 200
    assert message in response.content.decode()
    release.refresh_from_db()
    assert release.alignment == PAIRED and release.version == 1


def test_without_an_original_the_workbench_says_so_and_pairs_nothing(editor_client, make_article):
    article = make_article(body="One.\n\nTwo.")

    html = editor_client.get(change_url(article)).content.decode()

    assert "This release has no original text" in html
    assert 'name="pairing"' not in html
    assert len(rows_of(html)) == 2


def test_a_release_awaiting_translation_is_translated_row_by_row(editor_client, make_article):
    article = make_article(title="", body="", original_title="广东碳普惠", original_body=ORIGINAL)
    article.translation_status = "awaiting"
    article.save()

    html = editor_client.get(change_url(article)).content.decode()

    rows = rows_of(html)
    assert len(rows) == 3
    assert "全省各市参与。" in rows[2] and "(no machine text)" in rows[2]


def test_an_editors_translation_row_by_row_takes_a_release_out_of_waiting(
    editor_client, make_article
):
    article = make_article(title="", body="", original_title="广东碳普惠", original_body=ORIGINAL)
    article.translation_status = "awaiting"
    article.save()
    data = article_form_data(
        article,
        title="Guangdong carbon inclusion",
        body_0="Guangdong held an event.",
        body_1="The carbon inclusion platform opened.",
        body_2="Cities across the province took part.",
    )
    del data["body"]

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == (
        "Guangdong held an event.\n\nThe carbon inclusion platform opened.\n\n"
        "Cities across the province took part."
    )
    assert article.translation_status == Article.Status.IN_REVIEW
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_plain_body_still_saves_without_scripts_or_rows(editor_client, release):
    editor_client.post(change_url(release), article_form_data(release, body="One paragraph."))

    release.refresh_from_db()
    assert release.body == "One paragraph."


def test_paragraphs_the_editor_adds_or_joins_stay_beside_their_machine_text():
    rows = workbench_rows(
        ORIGINAL,
        MACHINE,
        "Guangdong held an event.\n\n"
        "The carbon GSP platform opened. More than 2.47 million tons were issued.\n\n"
        "Cities across the province took part.\n\nA new paragraph.",
        PAIRED,
    )

    assert [row.correction for row in rows] == [
        ["Guangdong held an event."],
        ["The carbon GSP platform opened. More than 2.47 million tons were issued."],
        ["Cities across the province took part.", "A new paragraph."],
    ]


def test_a_pairing_that_no_longer_fits_the_texts_falls_back_to_one_to_one():
    rows = workbench_rows(ORIGINAL, MACHINE, MACHINE, [[[0], [0]]])

    assert [(row.original_numbers, row.machine_numbers) for row in rows] == [
        ([0], [0]),
        ([1], [1]),
        ([2], [2]),
        ([], [3]),
    ]


def test_the_pairing_notation_allows_a_side_alone():
    assert parse_pairing("1=1; 2=2-3\n=4; 3=", 3, 4) == [
        [[0], [0]],
        [[1], [1, 2]],
        [[], [3]],
        [[2], []],
    ]


def test_the_sentence_diff_leaves_unchanged_sentences_out():
    diff = changed_sentences_diff(
        "The platform opened. It issued 2.47 million tons. Cities took part.",
        "The platform opened. It issued 2.47 million tonnes. Cities took part.",
    )

    assert str(diff) == (
        'It issued 2.47 million <del class="diff-del">tons</del><ins class="diff-ins">tonnes</ins>.'
    )
