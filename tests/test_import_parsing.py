from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.importer.parsing import normalise_body, parse_text
from articles.importer.reading import MAX_BYTES, decode, read_all

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "releases"
RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)

PAGE = """China Carbon Credit Platform

Guangdong holds 2024 low-carbon theme publicity event

Release Time1 month ago

On July 23, the event was held in Guangzhou.

Guangdong's green transformation has achieved positive results.
"""


def parse(text, **kwargs):
    kwargs.setdefault("retrieved_at", RETRIEVED)
    return parse_text(text, **kwargs)


def test_publisher_title_date_and_paragraphs_are_separated():
    release = parse(PAGE)

    assert release.publisher == "China Carbon Credit Platform"
    assert release.title == "Guangdong holds 2024 low-carbon theme publicity event"
    assert (release.date.value, release.date.precision) == (date(2024, 8, 1), "month")
    assert release.date.text == "1 month ago"
    assert release.body == (
        "On July 23, the event was held in Guangzhou.\n\n"
        "Guangdong's green transformation has achieved positive results."
    )
    assert release.warnings == []


def test_a_known_source_is_a_publisher_even_without_a_date_line():
    text = "Haiyan County Government\n\nA title\n\nThe body."

    release = parse(text, is_publisher=lambda line: line == "Haiyan County Government")

    assert (release.publisher, release.title, release.body) == (
        "Haiyan County Government",
        "A title",
        "The body.",
    )


def test_without_publisher_line_the_first_line_is_the_title():
    release = parse("A title\n\nRelease date: 2022-07-28\n\nThe body.")

    assert release.publisher is None
    assert release.title == "A title"
    assert release.date.value == date(2022, 7, 28)


def test_no_date_line_is_a_warning_not_an_error():
    release = parse("A title\n\nThe body.")

    assert (release.title, release.body) == ("A title", "The body.")
    assert (release.date.value, release.date.precision) == (None, "unknown")
    assert release.warnings == ["no date line; left undated"]


def test_unknown_date_shape_is_a_warning_and_leaves_the_release_undated():
    release = parse("A title\n\nRelease date: the day before the meeting\n\nThe body.")

    assert release.date.value is None
    assert release.body == "The body."
    assert "unknown date shape" in release.warnings[0]


def test_bom_and_crlf_are_handled():
    text = decode("\ufeffA title\r\n\r\nDate: 2024-05-15\r\n\r\nThe body.\r\n".encode())

    release = parse(text)

    assert (release.title, release.date.value, release.body) == (
        "A title",
        date(2024, 5, 15),
        "The body.",
    )


def test_gb18030_bytes_are_decoded():
    data = "标题\n\n发布时间：2024年5月15日\n\n正文。".encode("gb18030")

    release = parse(decode(data))

    assert (release.title, release.date.value, release.body) == (
        "标题",
        date(2024, 5, 15),
        "正文。",
    )


@pytest.mark.parametrize(
    "debris",
    [
        "browsing:",
        "browsing: 1024",
        "Views: 35",
        "Views：35 times",
        "【print】 【close】",
        "[Print] [Close]",
        "Share to: WeChat Weibo QQ",
        "Print | Close",
        "【打印本页】【关闭窗口】",
        "Your email address will not be published. Required fields are marked *",
        "Name and email are required",
    ],
)
def test_page_debris_is_dropped(debris):
    release = parse(f"A title\n\nDate: 2024-05-15\n\n{debris}\n\nThe body.\n\n{debris}\n")

    assert release.body == "The body."


def test_comment_form_and_everything_after_it_is_dropped():
    text = "A title\n\nThe body.\n\nLeave a Reply\n\nYour email address will not be published."

    assert parse(text).body == "The body."


def test_bullets_indentation_and_odd_spaces_are_normalised_words_untouched():
    text = (
        "A title\n\n  \u2022 Release date:2022-07-28\u00a0 \u00a015:14\n  \u2022 browsing:\n\n"
        "  \u2022 Since the beginning of the year,\u00a0the county\u3000has acted.\n\n"
        "    Focusing  on energy\tconservation.\n\n"
        "- Third item, a-b c*d.\n"
    )

    release = parse(text)

    assert release.date.value == date(2022, 7, 28)
    assert release.body == (
        "Since the beginning of the year, the county has acted.\n\n"
        "Focusing on energy conservation.\n\n"
        "Third item, a-b c*d."
    )


def test_lines_wrapped_inside_a_paragraph_are_joined():
    assert (
        normalise_body("One line\nwrapped here.\n\nSecond.") == "One line wrapped here.\n\nSecond."
    )


def test_page_without_blank_lines_keeps_each_line_as_a_paragraph():
    assert normalise_body("First.\nSecond.\nThird.") == "First.\n\nSecond.\n\nThird."


def test_nul_characters_are_stripped():
    release = parse("A ti\x00tle\n\nThe bo\x00dy.")

    assert (release.title, release.body) == ("A title", "The body.")


def test_seed_004_date_debris_and_bullets():
    release = parse((SEEDS / "004_c178ba4a68d43143.txt").read_text(encoding="utf-8"))

    assert release.title.startswith("Green Development Philosophy Implemented in Haiyan")
    assert (release.date.value, release.date.precision) == (date(2022, 7, 28), "day")
    assert "browsing" not in release.body
    assert "print" not in release.body
    assert release.body.startswith("Since the beginning of the year")
    assert release.body.endswith("energy conservation and green development.")


def test_seed_001_comment_form_is_dropped():
    release = parse((SEEDS / "001_1a3f322c5ed1efa4.txt").read_text(encoding="utf-8"))

    assert release.title.startswith("Our province 12th Five-Year")
    assert "Leave a Reply" not in release.body
    assert release.body.endswith("new model demonstration heights.")


# Reading files: every bad input is a record with a clear error.


def read_one(path):
    records = list(read_all([path]))
    assert len(records) == 1
    return records[0]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty file"),
        (b"  \n\r\n\t \n", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (bytes(range(256)) * 4, "binary file"),
        (b"A title\n\n\x81\x30\xff\xff body", "undecodable bytes"),
    ],
)
def test_bad_files_are_reported_with_a_reason(tmp_path, data, error):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)

    record = read_one(path)

    assert record.error.startswith(error)
    assert record.input == str(path)


def test_files_over_5_mb_are_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))

    assert "over the 5 MB limit" in read_one(path).error


def test_directories_are_walked_for_text_and_json_lines_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("T\n\nB")
    (tmp_path / "a" / "two.jsonl").write_text('{"title": "T", "body": "B"}\n')
    (tmp_path / "a" / "notes.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text("T\n\nB")

    inputs = [record.input for record in read_all([tmp_path])]

    assert inputs == [str(tmp_path / "a" / "one.txt"), f"{tmp_path / 'a' / 'two.jsonl'}:1"]


def test_a_bad_json_line_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"title": "One", "body": "B"}\n{"title": \n\n["a list"]\n{"title": "Two"}\n')

    records = list(read_all([path]))

    assert [(r.input.rsplit(":", 1)[1], r.error is None) for r in records] == [
        ("1", True),
        ("2", False),
        ("4", False),
        ("5", True),
    ]
    assert records[1].error.startswith("invalid JSON")


# The parser never crashes, whatever the text.


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_crashes_on_arbitrary_text(text):
    release = parse(text)

    assert "\x00" not in release.title + release.body
    assert len(release.title) <= 500


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Release Time",
                "Date:",
                " 4 months ago",
                "2024-05-15",
                "【print】",
                "browsing:",
                "\n",
                "\n\n",
                "Leave a Reply",
                " \u2022 ",
                "\u00a0",
                "Title words",
                "年5月",
            ]
        )
    )
)
def test_parser_never_crashes_on_page_like_fragments(parts):
    text = "".join(parts)

    release = parse(text)

    # Whatever the fragments, the parts come from the page and fit their fields.
    assert len(release.title) <= 500
    assert all(word in text for word in release.title.split())
    assert all(
        paragraph.strip() == paragraph and paragraph
        for paragraph in release.body.split("\n\n")
        if release.body
    )
    assert release.date.value is None or release.date.precision in {"day", "month", "year"}
