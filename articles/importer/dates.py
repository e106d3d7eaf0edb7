"""Dates as releases write them, with how precisely they were written.

The common shapes are regular expressions, because imports parse hundreds
of releases a second and most pages use a handful of shapes; anything else
that looks like a date (it names a year or a month) goes to dateparser,
which knows far more shapes than we would write. What neither reads is
reported, never guessed.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from articles.models import Article

DAY, MONTH, YEAR, UNKNOWN = (
    Article.Precision.DAY,
    Article.Precision.MONTH,
    Article.Precision.YEAR,
    Article.Precision.UNKNOWN,
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_END = _TIME + r"\s*$"

ABSOLUTE = [
    (
        DAY,
        re.compile(
            r"^(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})\s*[-/.]\s*(?P<day>\d{1,2})" + _END
        ),
    ),
    (
        DAY,
        re.compile(
            r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]" + _END
        ),
    ),
    (
        DAY,
        re.compile(
            r"^" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _END, re.I
        ),
    ),
    (
        DAY,
        re.compile(
            r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)"
            + _MONTH
            + r",?(?:\s+|-)(?P<year>\d{4})"
            + _END,
            re.I,
        ),
    ),
    # "03.07.2013": with dots, day first, as European sites write it.
    (
        DAY,
        re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _END),
    ),
    (MONTH, re.compile(r"^(?P<year>\d{4})\s*[-/.]\s*(?P<month>\d{1,2})\s*$")),
    (MONTH, re.compile(r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*$")),
    (MONTH, re.compile(r"^" + _MONTH + r",?\s+(?P<year>\d{4})\s*$", re.I)),
    (YEAR, re.compile(r"^(?P<year>\d{4})\s*年?\s*$")),
]

RELATIVE = re.compile(
    r"^(?P<count>\d+|an?|one)\s*(?P<unit>minute|min|hour|hr|day|week|month|year)s?\s+ago\s*$", re.I
)
NAMED = {"today": 0, "yesterday": 1, "the day before yesterday": 2, "今天": 0, "昨天": 1, "前天": 2}
_UNIT_PRECISION = {
    "minute": DAY,
    "min": DAY,
    "hour": DAY,
    "hr": DAY,
    "day": DAY,
    "week": DAY,
    "month": MONTH,
    "year": YEAR,
}


@dataclass(frozen=True)
class ParsedDate:
    value: date | None
    precision: str
    text: str

    @property
    def known(self):
        return self.value is not None


def months_before(day, months):
    total = day.year * 12 + day.month - 1 - months
    return date(total // 12, total % 12 + 1, 1)


def parse_date(text, retrieved_at=None):
    """A ParsedDate for `text`; precision `unknown` (value None) when the shape
    is not one we know, or is relative and there is no retrieval time."""
    raw = " ".join((text or "").replace("\u00a0", " ").split())
    cleaned = raw.strip(" .,;")
    unknown = ParsedDate(None, UNKNOWN, raw)
    for precision, pattern in ABSOLUTE:
        match = pattern.match(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("month")
        month = MONTHS[month.lower()] if month and not month.isdigit() else int(month or 1)
        try:
            value = date(int(parts["year"]), month, int(parts.get("day") or 1))
        except ValueError:
            return unknown
        if not 1900 <= value.year <= 2100:
            return unknown
        return ParsedDate(value, precision, raw)
    relative = _parse_relative(cleaned, raw, retrieved_at)
    if relative is not None:
        return relative
    found = _dateparser_date(cleaned, retrieved_at)
    return ParsedDate(found[1], found[0], raw) if found else unknown


def _parse_relative(cleaned, raw, retrieved_at):
    if retrieved_at is None:
        return None
    if isinstance(retrieved_at, datetime):
        from django.utils import timezone

        moment = (
            timezone.localtime(retrieved_at) if timezone.is_aware(retrieved_at) else retrieved_at
        )
    else:
        moment = datetime.combine(retrieved_at, datetime.min.time())
    lowered = cleaned.lower()
    if lowered in NAMED:
        return ParsedDate(moment.date() - timedelta(days=NAMED[lowered]), DAY, raw)
    match = RELATIVE.match(cleaned)
    if not match:
        return None
    count = match["count"].lower()
    count = 1 if count in {"a", "an", "one"} else int(count)
    unit = match["unit"].lower()
    if count > 10_000:
        return None
    if unit in {"minute", "min"}:
        value = (moment - timedelta(minutes=count)).date()
    elif unit in {"hour", "hr"}:
        value = (moment - timedelta(hours=count)).date()
    elif unit == "day":
        value = moment.date() - timedelta(days=count)
    elif unit == "week":
        value = moment.date() - timedelta(weeks=count)
    elif unit == "month":
        value = months_before(moment.date(), count)
    else:
        value = date(moment.year - count, 1, 1)
    if value.year < 1900:
        return None
    return ParsedDate(value, _UNIT_PRECISION[unit], raw)


def looks_relative(text):
    cleaned = " ".join((text or "").split()).strip(" .,;")
    return bool(RELATIVE.match(cleaned)) or cleaned.lower() in NAMED


# Dateparser knows many more shapes, at a millisecond a call: it is asked only
# about text that names a year (without one it would assume the current year).
_WORTH_ASKING = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# "May 13-19, 2024" is a span of days, not a date.
_RANGE = re.compile(r"\d\s*(?:[-–~]|to|至|到)\s*\d{1,2}\b(?![-/.]\d)")
_PERIOD_PRECISION = {"time": DAY, "day": DAY, "week": DAY, "month": MONTH, "year": YEAR}
_date_parser = None


def _dateparser_date(text, retrieved_at):
    global _date_parser
    if not _WORTH_ASKING.search(text) or len(text) > 60 or _RANGE.search(text):
        return None
    if _date_parser is None:
        from dateparser.date import DateDataParser

        _date_parser = DateDataParser(
            languages=["en", "zh"],
            settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True},
        )
    try:
        found = _date_parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if found is None or found.date_obj is None:
        return None
    value = found.date_obj.date()
    if not 1900 <= value.year <= 2100 or not re.search(r"\d", text):
        return None
    precision = _PERIOD_PRECISION.get(found.period, DAY)
    if precision == MONTH:
        value = value.replace(day=1)
    elif precision == YEAR:
        value = value.replace(month=1, day=1)
    return precision, value


# Date labels: a line that starts with one is the page's date line, whatever
# its value ("Release Time4 months ago", "发布时间：2024年5月15日").
DATE_LABELS = [
    "release time",
    "release date",
    "publish date",
    "publish time",
    "publication date",
    "published on",
    "published",
    "pub date",
    "posted on",
    "posted",
    "date",
    "updated",
    "update time",
    "time",
    "发布时间",
    "发布日期",
    "日期",
    "时间",
]
_DATE_LINE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(label) for label in DATE_LABELS) + r")"
    r"(?P<colon>\s*[:：])?\s*(?:[•·]\s*)?(?P<value>.*)$",
    re.I,
)


def match_date_line(line, retrieved_at):
    """A ParsedDate when `line` is a date line, else None. A labelled line with
    a colon counts even when its value has a shape we do not know."""
    match = _DATE_LINE.match(line)
    if match:
        value = match["value"].strip()
        parsed = parse_date(value, retrieved_at)
        if not parsed.known:
            parsed = find_date(value, retrieved_at) or parsed
        if parsed.known or looks_relative(value) or (match["colon"] and len(value) < 60):
            return parsed
        return None
    parsed = parse_date(line, retrieved_at)
    if parsed.known and parsed.precision != YEAR:
        return parsed
    return None


# Dates inside a metadata line: "source:example.gov.cn 2023-04-02 [ font size ]",
# "english.example.gov.cn|Updated: March 3, 2023", "Xinhua) 16:14, December 06, 2023".
_MONTH_WORD = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_IN_LINE = re.compile(
    r"(?<!\d)\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}(?!\d)"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
    r"|\b" + _MONTH_WORD + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s*\d{4}(?!\d)"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th)?(?:\s+|-)" + _MONTH_WORD + r",?(?:\s+|-)\d{4}(?!\d)"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)"
    r"|(?<![\d.])(?:\d+|an?|one)\s*(?:minute|min|hour|hr|day|week|month|year)s?\s+ago\b"
    r"|\b(?:yesterday|today)\b|今天|昨天|前天"
    r"|(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月"
    r"|\b" + _MONTH_WORD + r",?\s+\d{4}(?!\d)",
    re.I,
)


# Every shape above holds a four-digit year or a relative word: lines with
# neither are not searched.
_MAY_HOLD_A_DATE = re.compile(r"\d{4}|ago\b|yesterday|today|今天|昨天|前天", re.I)


def find_date(text, retrieved_at=None):
    """The first date written anywhere in `text`, or None."""
    if not _MAY_HOLD_A_DATE.search(text or ""):
        return None
    for match in _IN_LINE.finditer(text):
        parsed = parse_date(match.group(), retrieved_at)
        if parsed.known:
            return parsed
    return None


# "On July 23, …" at the start of a body: the day of a "1 month ago" page.
_OPENING_DAY = re.compile(
    r"^(?:on\s+|in\s+the\s+morning\s+of\s+|recently,\s*)?(?P<month>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<year>\d{4}))?",
    re.I,
)


def narrow_to_opening(parsed, body):
    """A month-precision relative date narrowed to the day the body's opening
    names, when that day falls inside the same month; else `parsed` as it is."""
    if parsed.precision != MONTH or not looks_relative(parsed.text):
        return parsed
    match = _OPENING_DAY.match(body or "")
    if not match or MONTHS[match["month"].lower()] != parsed.value.month:
        return parsed
    if match["year"] and int(match["year"]) != parsed.value.year:
        return parsed
    try:
        value = parsed.value.replace(day=int(match["day"]))
    except ValueError:
        return parsed
    return ParsedDate(value, DAY, parsed.text)


def parse_moment(value):
    """An aware datetime from ISO 8601 text, a date and time or a date alone
    (its midnight, local time); None when it is neither."""
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    try:
        when = parse_datetime(value)
        if when is None:
            when = datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when
