"""Finding glossary wrong renderings across articles and replacing them in bulk.

Candidates are filtered in the database (icontains on title and body) and the
caller pages through them, so the texts of only one page of articles are ever
in memory. Each occurrence is identified by a key that carries the article's
version: a replacement chosen on a page an editor opened before someone else
saved that article is skipped, never applied to text it was not checked against.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Article, GlossaryTerm, StaleVersion
from .quality import glossary_occurrences, refresh_quality_flags

CONTEXT = 70


def matching_case(wrong, preferred):
    """“Carbon GSP” at a sentence start becomes “Carbon inclusion (Puhui)”."""
    if wrong[:1].isupper() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred


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
    def replacement(self):
        return matching_case(self.wrong, self.term.preferred)

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
        text = getattr(self.article, field_name)
        chosen = [o for o in self.occurrences if o.field == field_name]
        for occurrence in sorted(chosen, key=lambda o: o.start, reverse=True):
            text = text[: occurrence.start] + occurrence.replacement + text[occurrence.end :]
        return text

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
    chosen = [parsed for parsed in map(parse_key, keys) if parsed]
    if not chosen:
        return []
    terms = GlossaryTerm.objects.in_bulk({parsed[5] for parsed in chosen})
    articles = Article.objects.in_bulk({parsed[0] for parsed in chosen})
    plans = {}
    for article_id, version, field_name, start, end, term_id in chosen:
        article, term = articles.get(article_id), terms.get(term_id)
        if article is None or term is None or field_name not in ("title", "body"):
            continue
        plan = plans.setdefault(article_id, Plan(article))
        if article.version != version:
            plan.stale = True
            continue
        overlaps = any(
            o.field == field_name and o.start < end and start < o.end for o in plan.occurrences
        )
        for occurrence in [] if overlaps else occurrences_in(article, [term]):
            if (occurrence.field, occurrence.start, occurrence.end) == (field_name, start, end):
                plan.occurrences.append(occurrence)
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
        if article.translation_status == Article.Status.MACHINE:
            article.translation_status = Article.Status.IN_REVIEW
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
