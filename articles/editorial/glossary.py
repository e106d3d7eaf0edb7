"""Finding glossary wrong renderings across articles and replacing them in bulk.

Candidates are filtered in the database (icontains on title and body) and the
caller pages through them, so the texts of only one page of articles are ever
in memory. Each occurrence is identified by a key that carries the article's
version: a replacement chosen on a page an editor opened before someone else
saved that article is skipped, never applied to text it was not checked against.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from articles.editorial.cleaning import matching_case
from articles.editorial.diffs import word_diff
from articles.editorial.quality import (
    glossary_occurrences,
    refresh_quality_flags,
    sentence_bounds,
)
from articles.models import Article, GlossaryTerm, StaleVersion

CONTEXT = 70


SENTENCE_START = ".!?。！？:\n"
NEXT_WORD_CAPITALISED = re.compile(r" [A-Z]")
PREVIOUS_WORD_CAPITALISED = re.compile(r"\b([A-Z][\w'’-]*) $")
# Looked at around a match, never the whole text: a long release can hold
# thousands of matches.
WINDOW = 60


def at_sentence_start(text, start):
    window = text[max(0, start - WINDOW) : start]
    before = window.rstrip(" \t“\"‘'(")
    if not before:
        return start <= WINDOW
    return before[-1] in SENTENCE_START


def inside_a_name(text, start, end):
    """A capitalised word right next to the match, not the first word of a
    sentence: “Sanjiang County”, “Qinghai Sanjiang” (“In Sanjiang” is not)."""
    if NEXT_WORD_CAPITALISED.match(text, end):
        return True
    window_start = max(0, start - WINDOW)
    before = PREVIOUS_WORD_CAPITALISED.search(text, window_start, start)
    return before is not None and not at_sentence_start(text, before.start(1))


def candidate_articles(terms):
    """Articles whose title or body contains a wrong rendering of any term,
    found by the database; only the fields needed are loaded."""
    query = Q()
    for term in terms:
        for rendering in term.rendering_list():
            query |= Q(title__icontains=rendering) | Q(body__icontains=rendering)
    if not query:
        return Article.objects.none()
    return (
        Article.objects.filter(query)
        .only("pk", "title", "body", "version", "slug")
        .order_by("-published_on", "-id")
    )


@dataclass
class Occurrence:
    article: Article
    term: GlossaryTerm
    field: str
    start: int
    end: int
    wrong: str

    @property
    def key(self):
        return (
            f"{self.article.pk}:{self.article.version}:{self.field}:"
            f"{self.start}:{self.end}:{self.term.pk}"
        )

    @property
    def rendering(self):
        """The wrong rendering as the glossary writes it."""
        folded = self.wrong.casefold()
        return next((r for r in self.term.rendering_list() if r.casefold() == folded), self.wrong)

    @property
    def replacement(self):
        return matching_case(self.wrong, self.term.preferred, self.rendering)

    @property
    def text(self):
        return getattr(self.article, self.field)

    @property
    def why_not_ticked(self):
        """Why an editor should look before this one is replaced ("" if not):
        the words are written otherwise than the glossary writes them (beyond
        a capital starting a sentence), or sit inside what looks like a name."""
        rendering = self.rendering
        same_case = self.wrong == rendering or (
            self.wrong == rendering[:1].upper() + rendering[1:]
            and at_sentence_start(self.text, self.start)
        )
        if not same_case:
            return "written in another case"
        if inside_a_name(self.text, self.start, self.end):
            return "looks like part of a name"
        return ""

    def sentence_diff(self):
        """The sentence around the match, before and after the replacement."""
        text = self.text
        begin, finish = sentence_bounds(text, self.start, self.end)
        old = text[begin:finish]
        new = text[begin : self.start] + self.replacement + text[self.end : finish]
        return word_diff(old.strip(), new.strip())

    @property
    def before(self):
        text = getattr(self.article, self.field)
        return ("…" if self.start > CONTEXT else "") + text[
            max(0, self.start - CONTEXT) : self.start
        ]

    @property
    def after(self):
        text = getattr(self.article, self.field)
        return text[self.end : self.end + CONTEXT] + ("…" if len(text) > self.end + CONTEXT else "")


def occurrences_in(article, terms):
    found = []
    for field_name in ("title", "body"):
        text = getattr(article, field_name)
        for term in terms:
            for start, end, wrong in glossary_occurrences(text, term):
                found.append(Occurrence(article, term, field_name, start, end, wrong))
    return sorted(found, key=lambda o: (o.field != "title", o.start))


@dataclass
class Plan:
    """The replacements chosen for one article and the text they give."""

    article: Article
    occurrences: list = field(default_factory=list)
    stale: bool = False

    def new_text(self, field_name):
        # Built in one pass: re-slicing the text for every replacement is
        # quadratic when a long release has thousands of them.
        text = getattr(self.article, field_name)
        chosen = sorted(
            (o for o in self.occurrences if o.field == field_name), key=lambda o: o.start
        )
        pieces, position = [], 0
        for occurrence in chosen:
            pieces += [text[position : occurrence.start], occurrence.replacement]
            position = occurrence.end
        pieces.append(text[position:])
        return "".join(pieces)

    @property
    def fields(self):
        return sorted({o.field for o in self.occurrences}, key=lambda name: name != "title")

    @property
    def note(self):
        names = []
        for occurrence in self.occurrences:
            name = f"“{occurrence.wrong}” → “{occurrence.term.preferred}”"
            if name not in names:
                names.append(name)
        return "Glossary: " + "; ".join(names)


def parse_key(key):
    try:
        article_id, version, field_name, start, end, term_id = key.split(":")
        return int(article_id), int(version), field_name, int(start), int(end), int(term_id)
    except ValueError:
        return None


def plan_replacements(keys):
    """Turn the keys an editor ticked into one Plan per article, re-checking
    each against the article's current text."""
    # In order of position, so an overlap is always with the latest choice
    # in the same field; each article's occurrences of a term are found once.
    chosen = sorted(parsed for parsed in map(parse_key, keys) if parsed)
    if not chosen:
        return []
    terms = GlossaryTerm.objects.in_bulk({parsed[5] for parsed in chosen})
    articles = Article.objects.in_bulk({parsed[0] for parsed in chosen})
    plans, found, reached = {}, {}, {}
    for article_id, version, field_name, start, end, term_id in chosen:
        article, term = articles.get(article_id), terms.get(term_id)
        if article is None or term is None or field_name not in ("title", "body"):
            continue
        plan = plans.setdefault(article_id, Plan(article))
        if article.version != version:
            plan.stale = True
            continue
        if start < reached.get((article_id, field_name), 0):
            continue  # overlaps a replacement already chosen
        if (article_id, term_id) not in found:
            found[article_id, term_id] = {
                (o.field, o.start, o.end): o for o in occurrences_in(article, [term])
            }
        occurrence = found[article_id, term_id].get((field_name, start, end))
        if occurrence is not None:
            plan.occurrences.append(occurrence)
            reached[article_id, field_name] = end
    return [plan for plan in plans.values() if plan.occurrences or plan.stale]


def apply_plans(plans, user):
    """Apply each plan as one revision of its article. Returns (applied, skipped)."""
    applied, skipped = [], []
    terms = None  # the glossary, loaded once for all the articles' flags
    for plan in plans:
        if plan.stale or not plan.occurrences:
            skipped.append(plan.article)
            continue
        article = plan.article
        for field_name in plan.fields:
            setattr(article, field_name, plan.new_text(field_name))
        article.start_review()
        try:
            article.save_revision(user, plan.note)
        except StaleVersion:
            skipped.append(article)
            continue
        if terms is None:
            terms = list(GlossaryTerm.objects.all())
        refresh_quality_flags(article, terms=terms)
        applied.append(article)
    return applied, skipped
