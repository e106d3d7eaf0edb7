"""Counts per filter choice among a list's releases, in one query."""

from django.db import connection
from django.db.models import CharField, Count, IntegerField
from django.db.models.functions import Cast, Substr

from articles.db.releases import is_every_published
from articles.models import Article, Organization, Source, Topic

# The facets that list only the most frequent choices (there can be thousands).
TOP_CHOICES = 12
YEAR = Cast(Substr(Cast("published_on", CharField()), 1, 4), IntegerField())


def count_choices(results):
    """Counts per organization, topic, source and year among `results`, in
    one query: four GROUP BYs joined by UNION ALL. Each counts by key alone
    and only then joins the names (grouping 150,000 links by organization
    name took PostgreSQL 0.3 s); over every release the link tables are
    counted directly, not through `IN (every id)`; and the year is read from
    the date's text on both databases (SQLite's year extraction is a Python
    function called once per row)."""
    links = {
        Organization: Article.organizations.through.objects.all(),
        Topic: Article.topics.through.objects.all(),
    }
    waiting_links = {}
    every_published = is_every_published(results)
    if every_published:
        # Every link is counted, then those of the few releases awaiting
        # translation taken off: "NOT IN" them scans every link row and took
        # SQLite seven times as long; "IN" them reads an index.
        waiting = Article.objects.waiting_keys()
        waiting_links = {
            model: queryset.filter(article__in=waiting) for model, queryset in links.items()
        }
    elif results.query.where:
        matching = results.order_by().values("pk")
        links = {model: queryset.filter(article__in=matching) for model, queryset in links.items()}
    # Over every published release, sources and years too are counted over
    # the whole table (from its indexes alone) less the waiting releases.
    articles = Article.objects.order_by() if every_published else results.order_by()
    if every_published:
        # By key, so that SQLite reads the few waiting rows, not the source index.
        waiting_links[Source] = Article.objects.filter(pk__in=waiting, source__isnull=False)
    named = [
        ("organization", Organization, links[Organization], "organization", TOP_CHOICES),
        ("topic", Topic, links[Topic], "topic", None),
        ("source", Source, articles.filter(source__isnull=False), "source", TOP_CHOICES),
    ]
    sql, params = [], []
    for kind, model, rows, key, limit in named:
        counts_sql, counts_params = (
            rows.values(key).annotate(n=Count("pk")).order_by().values_list(key, "n")
        ).query.sql_with_params()
        part = (
            f"SELECT '{kind}' AS kind, named.id, named.name, named.slug, counts.n "
            f"FROM ({counts_sql}) AS counts "
            f"JOIN {model._meta.db_table} AS named ON named.id = counts.{key}"
        )
        if limit:
            part += f" ORDER BY counts.n DESC, named.name LIMIT {limit}"
        sql.append(f"SELECT * FROM ({part}) AS {kind}_counts")
        params.extend(counts_params)
    for kind, model, _, key, _ in named:
        if model in waiting_links:
            counts_sql, counts_params = (
                waiting_links[model]
                .values(key)
                .annotate(n=Count("pk"))
                .order_by()
                .values_list(key, "n")
            ).query.sql_with_params()
            sql.append(f"SELECT '-{kind}', {key}, '', '', n FROM ({counts_sql}) AS waiting_{kind}")
            params.extend(counts_params)
    year_sources = [("year", articles)]
    if every_published:
        year_sources.append(("-year", Article.objects.awaiting_translation()))
    for kind, rows in year_sources:
        years_sql, years_params = _year_counts(rows).query.sql_with_params()
        sql.append(f"SELECT '{kind}', year, '', '', n FROM ({years_sql}) AS years")
        params.extend(years_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()

    models = {kind: model for kind, model, *_ in named}
    choices = {"organization": [], "topic": [], "source": [], "year": []}
    taken_off = {(kind[1:], key): count for kind, key, _, _, count in rows if kind[0] == "-"}
    for kind, key, name, slug, count in rows:
        if kind[0] == "-":
            continue
        count -= taken_off.get((kind, key), 0)
        if kind == "year":
            choices["year"].append((key, count))
        elif count > 0:
            choice = models[kind](pk=key, name=name, slug=slug)
            choice.release_count = count
            choices[kind].append(choice)
    for kind in models:
        choices[kind].sort(key=lambda choice: (-choice.release_count, choice.name))
    choices["year"].sort(reverse=True)
    return choices


def _year_counts(articles):
    return (
        articles.filter(published_on__isnull=False)
        .annotate(year=YEAR)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("year", "n")
    )
