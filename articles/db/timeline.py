"""Releases per month among a list's releases, optionally split by a facet,
in one query."""

from django.db.models import CharField, Count, F
from django.db.models.functions import Cast, Substr

from articles.models import Article

# "2024-05" from the date's text: SQLite has no cheap month extraction.
MONTH = Substr(Cast("published_on", CharField()), 1, 7)


def month_totals(results, *, first, last):
    """{month "YYYY-MM": releases} among `results` dated from `first` to `last`."""
    return {month: n for month, _, n in month_counts(results, first=first, last=last)}


def month_counts(results, *, first, last, stack=""):
    """[(month "YYYY-MM", key or None, releases)] for the releases among
    `results` dated from `first` to `last` (dates), split by `stack`
    ("document_type", a facet kind or "topic": the key is then a facet's or
    topic's id, None for releases with none). A release with two sectors
    counts once under each."""
    dated = results.filter(published_on__gte=first, published_on__lte=last).order_by()
    if stack in ("", "document_type"):
        key = "document_type" if stack else None
        rows = dated.annotate(month=MONTH).values("month")
        if key:
            rows = rows.annotate(key=F(key)).values("month", "key")
        rows = rows.annotate(n=Count("pk")).values_list("month", *(["key"] if key else []), "n")
        return [(row[0], row[1] if key else None, row[-1]) for row in rows]
    if stack == "topic":
        links = Article.topics.through.objects.filter(article__in=dated.values("pk"))
        key = "topic_id"
    else:
        links = Article.facets.through.objects.filter(
            article__in=dated.values("pk"), policyfacet__kind=stack
        )
        key = "policyfacet_id"
    rows = (
        links.annotate(month=Substr(Cast("article__published_on", CharField()), 1, 7))
        .values("month", key)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("month", key, "n")
    )
    without = (
        dated.exclude(pk__in=links.values("article_id"))
        .annotate(month=MONTH)
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return [*rows, *((month, None, n) for month, n in without)]
