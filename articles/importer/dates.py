"""Dates as releases write them, with how precisely they were written.

Regular expressions, not a general date library: the shapes are few and
known, an unknown shape must be reported rather than guessed, and imports
parse thousands of releases a second.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"

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
            r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _END, re.I
        ),
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
    return _parse_relative(cleaned, raw, retrieved_at) or unknown


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
