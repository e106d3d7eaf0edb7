"""Spotting machine-translation artefacts in an article's title and body.

Each detector is a plain function from a text to Findings; refresh_quality_flags
stores them as QualityFlag rows, the editors' work queue. The importer calls
refresh_quality_flags after each import and the admin after each save.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from articles.models import GlossaryTerm, QualityFlag

Kind = QualityFlag.Kind


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    message: str = ""


# The same word twice in a row: "(National National)". Numbers are left out
# ("5 5" is rare and usually a table), and so are the few English words that
# can legitimately double ("had had", "that that").
REPEATED_WORD = re.compile(r"\b([A-Za-z][\w'-]*)(\s+\1\b)+", re.IGNORECASE)
ALLOWED_REPEATS = {"had", "that", "is", "do", "very"}

# CJK ideographs (丨 is one), CJK punctuation (【】、。), full-width forms.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+")

# A page label glued to its value: "Release Time4 months ago", "Source:Xinhua" is
# fine, "Views123" is not.
RUN_ON_LABEL = re.compile(
    r"\b(Release Time|Release Date|Publish(?:ed)? Time|Publish(?:ed)? Date|"
    r"Source|Author|Editor|Views|Clicks|Browsing|Time|Date)(?=\d)",
    re.IGNORECASE,
)

# Dates machine translation mangled: "5months24on-28On the 20th",
# "7 month 13 days to 14 days", and a bare day before a time of day
# ("14 afternoon, the provincial government held …").
GARBLED_DATES = [
    re.compile(
        r"\b\d{1,2}\s*months?\s*\d{1,2}\s*(?:on|days?)\b"
        r"(?:\s*(?:-|to)\s*\d{1,2}\s*(?:On the \d{1,2}(?:st|nd|rd|th)|days?|on)\b)?",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|(?<=[.;]\s))\d{1,2} (?:morning|afternoon|evening|night)\b", re.MULTILINE),
    re.compile(r"\b\d{1,2}on-\d{1,2}On\b"),
]


# The same pattern without IGNORECASE, run on the lower-cased text: far
# faster, and offsets hold wherever lower-casing keeps the length.
_REPEATED_WORD_LOWER = re.compile(r"\b([a-z][\w'-]*)(\s+\1\b)+")


def repeated_words(text):
    low = text.lower()
    pattern, searched = (
        (_REPEATED_WORD_LOWER, low) if len(low) == len(text) else (REPEATED_WORD, text)
    )
    for match in pattern.finditer(searched):
        if match.group(1).lower() in ALLOWED_REPEATS:
            continue
        start, end = match.span()
        yield Finding(Kind.REPEATED_WORD, start, end, text[start:end], "Word repeated.")


def chinese_leftovers(text):
    for match in CHINESE.finditer(text):
        yield Finding(
            Kind.CHINESE,
            match.start(),
            match.end(),
            match.group(0),
            "Untranslated Chinese text or a Chinese separator.",
        )


# A label runs into a number only where a letter touches a digit; most texts
# have no such place, and are spared the long pattern.
_LETTER_THEN_DIGIT = re.compile(r"[A-Za-z]\d")


def run_on_labels(text):
    if not _LETTER_THEN_DIGIT.search(text):
        return
    for match in RUN_ON_LABEL.finditer(text):
        yield Finding(
            Kind.RUN_ON_LABEL,
            match.start(),
            match.end() + 1,
            text[match.start() : match.end() + 1],
            f"The label “{match.group(1)}” runs into its value: page furniture or a missing space.",
        )


# The words each garbled-date pattern needs, looked for before the pattern runs.
_GARBLED_DATE_WORDS = [("month",), ("morning", "afternoon", "evening", "night"), ("on-",)]


def garbled_dates(text):
    seen = set()
    low = text.lower()
    for pattern, words in zip(GARBLED_DATES, _GARBLED_DATE_WORDS, strict=True):
        if not any(word in low for word in words):
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in seen):
                continue
            seen.add((match.start(), match.end()))
            yield Finding(
                Kind.GARBLED_DATE,
                match.start(),
                match.end(),
                match.group(0),
                "A date the translation garbled: check it against the original.",
            )


def rendering_pattern(rendering):
    return re.compile(r"(?<!\w)" + re.escape(rendering) + r"(?!\w)", re.IGNORECASE)


def glossary_occurrences(text, term, folded_text=None):
    """(start, end, wrong rendering) for each wrong rendering of `term` in `text`,
    skipping text that is already part of the preferred term (the “Sanjiang” in
    “Three Rivers (Sanjiang)”, the “12th Five-Year” in “12th Five-Year Plan”).

    A plain substring test rules most renderings out before any regular
    expression runs: an import checks every term against every release."""
    folded_text = text.casefold() if folded_text is None else folded_text
    renderings = [r for r in term.rendering_list() if r.casefold() in folded_text]
    if not renderings:
        return []
    # Both checks below walk sorted lists side by side, so a release with
    # tens of thousands of occurrences costs time in proportion to them.
    preferred = [m.span() for m in rendering_pattern(term.preferred).finditer(text)]
    found = []
    for rendering in renderings:
        matches = [
            (start, end, match.group(0))
            for match in rendering_pattern(rendering).finditer(text)
            for start, end in [match.span()]
        ]
        matches = _outside(matches, preferred, contained=True)
        found = sorted(found + _outside(matches, found, contained=False))
    return found


def _outside(matches, spans, *, contained):
    """The sorted `matches` not inside (contained=True) or not overlapping
    (contained=False) any of the sorted, non-overlapping `spans`."""
    kept, n = [], 0
    for match in matches:
        start, end = match[0], match[1]
        while n < len(spans) and spans[n][1] <= start:
            n += 1
        span = spans[n] if n < len(spans) else None
        if span is not None and (
            (span[0] <= start and end <= span[1]) if contained else span[0] < end
        ):
            continue
        kept.append(match)
    return kept


def glossary_slips(text, terms):
    folded_text = text.casefold()
    for term in terms:
        for start, end, wrong in glossary_occurrences(text, term, folded_text):
            yield Finding(Kind.GLOSSARY, start, end, wrong, f"Glossary: use “{term.preferred}”.")


def find_problems(text, terms=()):
    """Every finding in one text, in order of position."""
    findings = [
        *repeated_words(text),
        *chinese_leftovers(text),
        *run_on_labels(text),
        *garbled_dates(text),
        *glossary_slips(text, terms),
    ]
    return sorted(findings, key=lambda finding: (finding.start, finding.kind))


MAX_FLAGS_PER_FIELD = 200

SENTENCE_END = re.compile(r"[.!?。！？]\s|\n")


def guessed_title(article):
    return Finding(
        Kind.GUESSED_TITLE,
        0,
        len(article.title),
        article.title[:300],
        "The page had no headline; this title is its first sentence.",
    )


def sentence_around(text, start, end, limit=400):
    """The sentence (or line) containing text[start:end], trimmed to `limit`."""
    begin, finish = sentence_bounds(text, start, end, limit)
    return text[begin:finish].strip()


def sentence_bounds(text, start, end, limit=400):
    """Where the sentence (or line) containing text[start:end] begins and
    ends, at most `limit` characters around it."""
    # Only the stretch the trim below keeps is searched: a full scan from the
    # start for every finding would be quadratic in a long text.
    before = [m.end() for m in SENTENCE_END.finditer(text, max(0, start - limit // 2), start)]
    begin = before[-1] if before else 0
    after = SENTENCE_END.search(text, end, end + limit // 2)
    finish = after.start() + 1 if after else len(text)
    begin = max(begin, start - limit // 2)
    finish = min(finish, end + limit // 2)
    return begin, finish


def refresh_quality_flags(article, *, terms=None, new_article=False):
    """Recompute the article's flags. A flag that still applies keeps its
    dismissal; flags that no longer apply are deleted. `terms` lets a caller
    flagging many articles load the glossary once; `new_article` says the
    article was just created, so it has no flags to compare with (the
    importer's hot path saves a query)."""
    if terms is None:
        terms = list(GlossaryTerm.objects.all())
    wanted = {}
    for field in QualityFlag.Field:
        text = getattr(article, field.value) or ""
        findings = find_problems(text, terms)
        if (
            field == QualityFlag.Field.TITLE
            and article.title_guessed
            and article.title == article.machine_title
        ):
            findings = [*findings, guessed_title(article)]
        # The queue is for people: a release with thousands of slips gets
        # the first ones, and the rest appear as those are fixed.
        for finding in findings[:MAX_FLAGS_PER_FIELD]:
            flag = QualityFlag(
                article=article,
                kind=finding.kind,
                field=field.value,
                text=finding.text[:300],
                excerpt=sentence_around(text, finding.start, finding.end),
                start=finding.start,
                end=finding.end,
                message=finding.message[:300],
            )
            wanted.setdefault(flag.key, flag)
    if new_article:
        QualityFlag.objects.bulk_create(wanted.values())
        return QualityFlag.objects.filter(article=article)
    with transaction.atomic():
        existing = {
            flag.key: flag for flag in QualityFlag.objects.filter(article=article).order_by()
        }
        stale = [flag.pk for key, flag in existing.items() if key not in wanted]
        if stale:
            QualityFlag.objects.filter(pk__in=stale).delete()
        moved = []
        for key, flag in wanted.items():
            kept = existing.get(key)
            if kept and (kept.start, kept.end) != (flag.start, flag.end):
                kept.start, kept.end = flag.start, flag.end
                moved.append(kept)
        if moved:
            QualityFlag.objects.bulk_update(moved, ["start", "end"])
        QualityFlag.objects.bulk_create(
            [flag for key, flag in wanted.items() if key not in existing]
        )
    return QualityFlag.objects.filter(article=article)
