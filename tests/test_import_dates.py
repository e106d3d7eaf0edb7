from datetime import UTC, date, datetime

import pytest

from articles.importer.dates import find_date, narrow_to_opening, parse_date
from articles.importer.parsing import match_date_line

RETRIEVED = datetime(2024, 9, 15, 4, 0, tzinfo=UTC)  # noon in Beijing


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2022-07-28", date(2022, 7, 28), "day"),
        ("2022/07/28", date(2022, 7, 28), "day"),
        ("2022.07.28", date(2022, 7, 28), "day"),
        ("2022-07-28 15:14", date(2022, 7, 28), "day"),
        ("2022-07-28\u00a0\u00a015:14:09", date(2022, 7, 28), "day"),
        ("2022-7-8T09:30:00+08:00", date(2022, 7, 8), "day"),
        ("May 15, 2024", date(2024, 5, 15), "day"),
        ("15 May 2024", date(2024, 5, 15), "day"),
        ("Nov 5, 2024 16:21", date(2024, 11, 5), "day"),
        ("September 3rd, 2023", date(2023, 9, 3), "day"),
        ("2024年5月15日", date(2024, 5, 15), "day"),
        ("2024年5月15日 10:00", date(2024, 5, 15), "day"),
        ("May 2024", date(2024, 5, 1), "month"),
        ("2024年5月", date(2024, 5, 1), "month"),
        ("2024", date(2024, 1, 1), "year"),
    ],
)
def test_absolute_dates_keep_the_precision_they_were_written_with(text, expected, precision):
    parsed = parse_date(text)

    assert (parsed.value, parsed.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("3 hours ago", date(2024, 9, 15), "day"),
        ("13 hours ago", date(2024, 9, 14), "day"),
        ("5 days ago", date(2024, 9, 10), "day"),
        ("2 weeks ago", date(2024, 9, 1), "day"),
        ("4 months ago", date(2024, 5, 1), "month"),
        ("1 month ago", date(2024, 8, 1), "month"),
        ("10 months ago", date(2023, 11, 1), "month"),
        ("1 year ago", date(2023, 1, 1), "year"),
        ("an hour ago", date(2024, 9, 15), "day"),
        ("yesterday", date(2024, 9, 14), "day"),
        ("Yesterday", date(2024, 9, 14), "day"),
    ],
)
def test_relative_dates_count_back_from_the_retrieval_time(text, expected, precision):
    parsed = parse_date(text, RETRIEVED)

    assert (parsed.value, parsed.precision, parsed.text) == (expected, precision, text)


def test_hours_count_back_in_beijing_time_not_utc():
    # 01:00 UTC on the 15th is 09:00 in Beijing: eight hours earlier is still the 15th.
    parsed = parse_date("8 hours ago", datetime(2024, 9, 15, 1, 0, tzinfo=UTC))

    assert parsed.value == date(2024, 9, 15)


def test_relative_date_without_retrieval_time_is_unknown():
    assert parse_date("4 months ago").precision == "unknown"


@pytest.mark.parametrize("text", ["soon", "2024-13-45", "the 5th of never", "31 February 2024"])
def test_unknown_shapes_are_not_guessed(text):
    parsed = parse_date(text, RETRIEVED)

    assert (parsed.value, parsed.precision, parsed.text) == (None, "unknown", text)


@pytest.mark.parametrize(
    "line",
    [
        "Release Time4 months ago",
        "Release Time: 4 months ago",
        "Release date:2022-07-28\u00a0 \u00a015:14",
        "Release date：2022-07-28",
        "Published: May 15, 2024",
        "Published May 15, 2024",
        "Publish date: 15 May 2024",
        "Date: 2024/05/15",
        "Date • 2024.05.15",
        "Updated: yesterday",
        "Time: 2 weeks ago",
        "发布时间：2024年5月15日",
        "发布日期: 2024-05-15",
    ],
)
def test_every_date_label_with_or_without_colon_is_a_date_line(line):
    assert match_date_line(line, RETRIEVED).known


def test_labelled_line_with_unknown_value_is_a_date_line_of_unknown_shape():
    parsed = match_date_line("Release date: sometime in spring", RETRIEVED)

    assert parsed.precision == "unknown"
    assert parsed.text == "sometime in spring"


def test_sentence_starting_with_a_label_word_is_not_a_date_line():
    assert match_date_line("Time is running out for coal power in the province.", RETRIEVED) is None


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("3rd of March 2023", date(2023, 3, 3), "day"),
        ("Sunday, 2 April 2023", date(2023, 4, 2), "day"),
        ("Apr 2,2023", date(2023, 4, 2), "day"),
        ("2023/4/2", date(2023, 4, 2), "day"),
        ("2 years ago", date(2022, 1, 1), "year"),
    ],
)
def test_shapes_beyond_the_common_ones_are_read(text, expected, precision):
    parsed = parse_date(text, RETRIEVED)

    assert (parsed.value, parsed.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["May 13-19, 2024", "Dec. 6", "June 15 to 18, 2023"])
def test_spans_and_dates_without_a_year_are_not_guessed(text):
    assert parse_date(text, RETRIEVED).value is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("source:example.gov.cn 2022-06-17 [ font size:Large Medium Small]", date(2022, 6, 17)),
        ("english.example.gov.cn|Updated: 2021-09-01", date(2021, 9, 1)),
        ("Xinhua) 16:14, December 06, 2023", date(2023, 12, 6)),
        ("Updated: Dec 8, 2023 chinadaily.com.cn Print", date(2023, 12, 8)),
        ("0 Comment(s)Print E-mail China.org.cn, April 23, 2024", date(2024, 4, 23)),
        ("Release Time4 months ago", date(2024, 5, 1)),
    ],
)
def test_dates_are_found_anywhere_in_a_metadata_line(line, expected):
    assert find_date(line, RETRIEVED).value == expected


@pytest.mark.parametrize(
    ("relative", "opening", "expected"),
    [
        ("4 months ago", "On May 15, the event was held.", (date(2024, 5, 15), "day")),
        ("4 months ago", "On May 15, 2024, the event was held.", (date(2024, 5, 15), "day")),
        ("1 month ago", "On July 23, the event was held.", (date(2024, 8, 1), "month")),
        ("4 months ago", "On May 15, 2023, a year before.", (date(2024, 5, 1), "month")),
        ("4 months ago", "The event was held on May 15.", (date(2024, 5, 1), "month")),
    ],
)
def test_a_relative_month_narrows_only_to_a_day_the_opening_names_inside_it(
    relative, opening, expected
):
    narrowed = narrow_to_opening(parse_date(relative, RETRIEVED), opening)

    assert (narrowed.value, narrowed.precision) == expected
