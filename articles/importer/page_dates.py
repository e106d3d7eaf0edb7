"""A page's publication date, from the lines the page reader has judged.

Metadata by the headline comes first, then the foot of the page, then a date
printed before the headline, a dateline, or the signature of a notice. A
relative date ("2 years ago") gives way to the signature's day when that
falls inside it.
"""

import re

from . import blocks
from .dates import (
    DAY,
    MONTH,
    UNKNOWN,
    YEAR,
    ParsedDate,
    find_date,
    looks_relative,
    match_date_line,
    parse_date,
)

# "BEIJING, Dec. 6 (Xinhua) --", "QUÉBEC, March 15, 2019 /CNW/ -", "26 May 2017 – ":
# a dateline.
_DATELINE = re.compile(
    r"^\[?(?:[A-ZÀ-Ý][A-Za-zÀ-ÿ .'-]{1,40},\s*)?(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?(?:,\s*\d{4})?)|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
    r"|\d{4}-\d{1,2}-\d{1,2})\]?\s*(?:\(|/|--|–|—|-(?=\s)|\.|$|(?<=\])\s*\S)"
)


def publication_date(page, headline, body, warnings, headline_date=None):
    """The publication date: metadata by the headline, then the foot, then
    a date printed before the headline, a dateline or a signature. A
    relative date ("2 years ago") gives way to the signature's day when
    that falls inside it."""
    anchor = headline[0] if headline is not None else (body[0][0] if body else 0)
    body_indexes = {index for index, line in body if not line.furniture or index in page.kept}
    body_end = max(body_indexes) if body_indexes else anchor
    header = [
        (index, line)
        for index, line in page.lines
        if line.kind in (blocks.META, blocks.SITE, blocks.CREDIT)
        and index not in body_indexes
        and index <= body_end
    ]
    header.sort(key=lambda item: (abs(item[0] - anchor), item[0] < anchor))
    footer = [
        (index, line)
        for index, line in page.lines
        if line.furniture and index > body_end and line.kind != blocks.SITE
    ]
    unknown = None
    for _, line in header + footer:
        parsed = match_date_line(line.text, page.retrieved_at)
        if parsed is None or not parsed.known:
            if parsed is not None and parsed.text and unknown is None:
                unknown = parsed
            parsed = find_date(line.text, page.retrieved_at)
        if parsed is not None and parsed.known and _not_future(page, parsed, warnings):
            return _narrowed_by_signature(page, parsed, body)
    if headline_date is not None and headline_date.known:
        return headline_date
    dated = _dateline(page, body) or _signature(page, body, warnings)
    if dated is not None:
        return dated
    if unknown is not None:
        warnings.append(f"unknown date shape {unknown.text!r}; left undated")
        return unknown
    warnings.append("no date line; left undated")
    return ParsedDate(None, UNKNOWN, "")


def _narrowed_by_signature(page, parsed, body):
    if parsed.precision not in (MONTH, YEAR) or not looks_relative(parsed.text):
        return parsed
    # A notice's signature may stand before the measures it issues: any
    # line that is a day alone will do, if it falls inside the period.
    for _, line in body:
        signed = parse_date(line.text, page.retrieved_at) if len(line.text) <= 40 else None
        if signed is None or signed.precision != DAY:
            continue
        if signed.value.year == parsed.value.year and (
            parsed.precision == YEAR or signed.value.month == parsed.value.month
        ):
            return signed
    return parsed


def _not_future(page, parsed, warnings):
    if page.today is not None and parsed.value > page.today:
        warnings.append(
            f"date {parsed.text!r} is after the page was retrieved; not taken as its date"
        )
        return False
    return True


def _dateline(page, body):
    first = next((line.text for _, line in body if not line.furniture), "")
    match = _DATELINE.match(first)
    if not match:
        return None
    # A dateline without its year ("BEIJING, Dec. 6 (Xinhua)") is no date:
    # the year would be a guess.
    parsed = parse_date(match["date"], page.retrieved_at)
    return parsed if parsed.known and parsed.value <= (page.today or parsed.value) else None


def _signature(page, body, warnings):
    # A notice ends with its issuer and the day it was signed.
    tail = [line.text for index, line in body if not line.furniture or index in page.kept][-3:]
    for text in reversed(tail):
        parsed = parse_date(text, page.retrieved_at)
        if parsed.known and parsed.precision == DAY:
            warnings.append(f"only the document's signature date {text!r} was found; used it")
            return parsed
    return None
