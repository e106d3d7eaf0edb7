"""A scraped page read as a person reads it: headline, date, release text.

Every line is first classified on its own (`blocks`): furniture or text,
body-like or short. The release body is the longest coherent run of
body-like text, cut at footers and "related news"; the headline is the best
headline-shaped line before it that shares words with it; the date comes
from the metadata nearest the headline, then the page's foot, then the
body's dateline, never from an event the body describes.
"""

import re
from dataclasses import dataclass, field, replace

from . import blocks
from .cleaning import (
    clean_line,
    clean_lines,
    normalise_body,
    normalise_title,
    paragraphs_from_lines,
)
from .dates import (
    UNKNOWN,
    ParsedDate,
    match_date_line,
    narrow_to_opening,
    parse_date,
)
from .page_dates import publication_date
from .paragraphs import READ_MORE_TAIL, strip_glued_credits

__all__ = [
    "ParsedRelease",
    "clean_line",
    "match_date_line",
    "normalise_body",
    "normalise_title",
    "parse_text",
]


@dataclass
class ParsedRelease:
    title: str = ""
    body: str = ""
    publisher: str | None = None
    date: ParsedDate = field(default_factory=lambda: ParsedDate(None, UNKNOWN, ""))
    warnings: list = field(default_factory=list)
    rubric: str = ""  # a column name printed before the headline ("Topic丨…")
    title_guessed: bool = False  # no headline on the page: the title is the first sentence


# A crawler's own date prefix on the first line: "date 2023-11-06 Headline…".
_CRAWL_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\s+", re.I)
# Column names before a headline: "National Low Carbon Day丨…", "【专题】…".
_RUBRIC = re.compile(
    r"^(?:【(?P<bracket>[^】]{1,30})】|(?P<plain>[^丨｜|]{2,40}?)\s*[丨｜]\s*"
    r"|(?P<column>in\s+pics|in\s+photos|photos|video|exclusive|interview|opinion|editorial|"
    r"feature|infographic|explainer|topic|special|across\s+china|china\s+focus|news\s+analysis|"
    r"xinhua\s+headlines|roundup|commentary|spotlight|update|breaking)\s*[:：]\s*)(?=\S)",
    re.I,
)
# A date printed before the headline: "03.07.2013 - China has a lot to do…".
_HEADLINE_DATE = re.compile(
    r"^(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2})\s*[-–—|]\s+(?=\S)"
)
_SITE_SUFFIX = re.compile(r"\s+[|\-–—_]\s+(?:[\w-]+\.)+(?:cn|com|org|net)\s*$", re.I)
_CONTENT_WORD = re.compile(r"[a-z][a-z-]{2,}|[\u4e00-\u9fff]{2}")


def parse_text(text, *, retrieved_at=None, is_publisher=None):
    """Parse a scraped page. `is_publisher(line)` says whether a line names a known source."""
    release = ParsedRelease()
    raw = clean_lines(_CRAWL_DATE.sub(lambda m: f"date {m[1]}\n\n", text or "", count=1))
    raw = _join_continued_headlines(raw)
    lines = [
        (index, blocks.describe(line, is_publisher=is_publisher, retrieved_at=retrieved_at))
        for index, line in enumerate(raw)
        if line
    ]
    if not lines:
        return release
    lines = _captions_of_pictures(lines)
    page = _Page(lines, retrieved_at)
    headline, body = page.headline_and_body()
    release.publisher = page.publisher(headline, is_publisher)
    furniture = {index for index, line in lines if line.furniture} - page.kept
    body_lines = (
        [
            "" if index in furniture else READ_MORE_TAIL.sub("", raw[index])
            for index in range(body[0][0], body[-1][0] + 1)
        ]
        if body
        else []
    )
    paragraphs = [strip_glued_credits(p) for p in paragraphs_from_lines(_blank_edges(body_lines))]
    release.body = "\n\n".join(p for p in paragraphs if p)
    if headline is not None:
        release.rubric, release.title = _split_rubric(headline[1].text)
    else:
        release.title = _first_sentence(release.body)
        release.title_guessed = bool(release.title)
        release.warnings.append(
            "no headline found; the title is the body's first sentence, for an editor to review"
        )
    release.title = _SITE_SUFFIX.sub("", release.title)
    headline_date = None
    glued = _HEADLINE_DATE.match(release.title)
    if glued:
        headline_date = parse_date(glued["date"], retrieved_at)
        release.title = release.title[glued.end() :]
    if len(release.title) > 500:
        release.warnings.append(f"title cut to 500 of its {len(release.title)} characters")
        release.title = release.title[:500]
    release.date = page.date(headline, body, release.warnings, headline_date=headline_date)
    release.date = narrow_to_opening(release.date, release.body)
    return release


class _Page:
    """The classified lines of one page and the judgements made on them."""

    def __init__(self, lines, retrieved_at):
        self.lines = lines  # [(index in the cleaned text, blocks.Line)]
        self.retrieved_at = retrieved_at
        self.today = _local_date(retrieved_at)
        self.kept = set()  # furniture-shaped lines that belong to the body (a signature date)

    def headline_and_body(self):
        """(headline or None, body lines), each line as (index, Line)."""
        lines = self.lines
        start, end = self._main_run()
        good = [k for k in range(start, end) if lines[k][1].body_like]
        if not good:
            return self._by_position(start, end)
        first_good, last_good = good[0], good[-1]
        headline = self._best_headline(first_good, start)
        body_from = start
        if headline is not None and headline >= start:
            body_from = headline + 1
        repeat = lines[headline][1].text.casefold() if headline is not None else None
        while body_from < first_good and (
            lines[body_from][1].furniture or lines[body_from][1].text.casefold() == repeat
        ):
            body_from += 1
        body_to = last_good + 1
        while body_to < end and _continues_body(lines[body_to][1]):
            body_to += 1
        body_to = max(body_to, self._signature_block(last_good + 1, end))
        head = lines[headline] if headline is not None else None
        return head, lines[body_from:body_to]

    def _signature_block(self, start, end):
        """A notice ends with its issuer and the day it was signed: the end of
        that block, kept in the body, or `start` when there is none."""
        k = start
        while k < end and k < start + 2 and self.lines[k][1].kind == blocks.TEXT:
            k += 1
        if k < end and parse_date(self.lines[k][1].text).precision == "day":
            self.kept.update(index for index, _ in self.lines[start : k + 1])
            return k + 1
        return start

    def _main_run(self):
        """The run of lines, between footers and "related" lists, richest in body text."""
        runs, start = [], 0
        for k, (_, line) in enumerate(self.lines):
            if line.kind in blocks.ENDS_BODY or line.kind == blocks.BREADCRUMB:
                if k > start:
                    runs.append((start, k))
                start = k + 1
        if start < len(self.lines):
            runs.append((start, len(self.lines)))
        if not runs:
            return 0, 0

        def weight(run):
            return sum(len(line.text) for _, line in self.lines[run[0] : run[1]] if line.body_like)

        best = max(runs, key=weight)
        if weight(best) == 0:
            best = next(
                (
                    run
                    for run in runs
                    if any(not ln.furniture for _, ln in self.lines[run[0] : run[1]])
                ),
                runs[0],
            )
        return best

    def _best_headline(self, first_good, run_start):
        """The line before the body a reader would take for its headline."""
        lines = self.lines
        body_words = _content_words(
            " ".join(ln.text for _, ln in lines[first_good : first_good + 6])
        )
        first_date_line = next(
            (k for k in range(first_good) if lines[k][1].kind == blocks.META), first_good
        )
        best, best_score, distance, above_a_date_line = None, None, 0, False
        for k in range(first_good - 1, -1, -1):
            line = lines[k][1]
            if line.kind == blocks.META:
                above_a_date_line = True
            if line.furniture:
                continue
            distance += 1
            if not line.headline_like:
                continue
            words = _content_words(line.text)
            shared = len(words & body_words) / len(words) if words else 0.0
            score = 3 * shared - 0.35 * (distance - 1)
            score += 1.0 if 20 <= len(line.text) <= 200 else 0.0
            score += 0.5 if line.words >= 5 else -1.0 if line.words < 3 else 0.0
            # Headlines seldom end with a full stop; opening sentences do.
            score -= 1.5 if line.sentence and line.text.endswith(".") else 0.0
            # A short sentence between the date line and the text opens the body.
            if line.sentence and not above_a_date_line and first_date_line < k:
                score -= 1.0
            score -= 1.5 if line.words > 25 else 0.0
            score -= 1.0 if k < run_start else 0.0
            # The classic page: a headline, then its date line.
            if k + 1 < len(lines) and lines[k + 1][1].kind == blocks.META:
                score += 2.0
            if best_score is None or score > best_score:
                best, best_score = k, score
        # A lone menu item far above the text is no headline: the page has none.
        if best is None or best_score <= -1.5:
            return None
        # Pages repeat their headline (a second time in sentence case): the first is it.
        folded = lines[best][1].text.casefold()
        return next((k for k in range(best) if lines[k][1].text.casefold() == folded), best)

    def _by_position(self, start, end):
        """A page too short to judge by its text: the headline is the line a
        date line follows, else the first; the body is what comes after."""
        lines = self.lines
        text_lines = [k for k in range(start, end) if not lines[k][1].furniture]
        if not text_lines:
            return None, []
        first = text_lines[0]
        dated = next((k for k in range(start, end) if lines[k][1].kind == blocks.META), None)
        if dated is not None and dated > first:
            first = max(k for k in text_lines if k < dated)
        return lines[first], lines[first + 1 : end]

    def publisher(self, headline, is_publisher):
        """The publisher's name: a known source before the headline, or an
        unknown name heading a page whose headline the date line follows."""
        limit = headline[0] if headline is not None else None
        before = [ln for index, ln in self.lines if limit is None or index < limit]
        for line in before:
            if line.kind == blocks.SITE and is_publisher and is_publisher(line.text):
                return line.text
        if headline is None or len(before) != 1 or len(before[0].text) > 120:
            return None
        after = [ln for index, ln in self.lines if index > headline[0]]
        named = before[0].kind in (blocks.TEXT, blocks.SITE) and not blocks.is_domain(
            before[0].text
        )
        if named and after and match_date_line(after[0].text, self.retrieved_at) is not None:
            return before[0].text
        return None

    def date(self, headline, body, warnings, headline_date=None):
        """The publication date (see page_dates.publication_date)."""
        return publication_date(self, headline, body, warnings, headline_date)


def _join_continued_headlines(raw):
    """A headline broken before its dash ("Multiple Functions of Carbon Trading" /
    "– The Pilot Program …") is one line again."""
    joined = list(raw)
    for k, line in enumerate(raw):
        if not line.startswith(("– ", "— ")):
            continue
        previous = next((j for j in range(k - 1, -1, -1) if joined[j]), None)
        if (
            previous is not None
            and len(joined[previous]) <= 150
            and joined[previous][-1:].isalnum()
        ):
            joined[previous] = f"{joined[previous]} {line}"
            joined[k] = ""
    return joined


_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)\s*$", re.I)


def _captions_of_pictures(lines):
    """Scrapers keep a picture's file name and then its caption, the same words:
    both are captions."""
    names = {
        _PICTURE_FILE.sub("", line.text).rstrip(". ").casefold()
        for _, line in lines
        if _PICTURE_FILE.search(line.text)
    }
    if not names:
        return lines
    return [
        (index, replace(line, kind=blocks.CAPTION))
        if line.text.rstrip(". ").casefold() in names
        else (index, line)
        for index, line in lines
    ]


def _local_date(retrieved_at):
    if retrieved_at is None:
        return None
    if hasattr(retrieved_at, "tzinfo") and retrieved_at.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(retrieved_at).date()
    return retrieved_at.date() if hasattr(retrieved_at, "date") else retrieved_at


def _continues_body(line):
    """After the last long paragraph: a closing sentence belongs to the body,
    a list of headlines or a credit does not."""
    if line.kind in blocks.ENDS_BODY:
        return False
    return line.furniture or line.sentence


def _blank_edges(lines):
    while lines and not lines[-1]:
        lines = lines[:-1]
    while lines and not lines[0]:
        lines = lines[1:]
    return lines


def _split_rubric(title):
    match = _RUBRIC.match(title)
    if not match:
        return "", title
    rubric = (match["bracket"] or match["plain"] or match["column"]).strip()
    return rubric, title[match.end() :].strip()


def _first_sentence(body):
    first = body.split("\n\n", 1)[0] if body else ""
    match = re.match(r"(.{20,300}?[.!?。！？])(?:\s|$)", first)
    sentence = match.group(1) if match else first[:300]
    return sentence.strip()


def _content_words(text):
    return {
        word for word in _CONTENT_WORD.findall(text.lower()) if word not in blocks.FUNCTION_WORDS
    }
