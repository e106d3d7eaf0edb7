"""Counts per filter choice among a list's releases, in one query."""

from django.db import connection
from django.db.models import CharField, Count, IntegerField
from django.db.models.functions import Cast, Substr

from articles.db.releases import is_every_published
from articles.models import Article, Organization, PolicyFacet, Source, Topic

# The facets that list only the most frequent choices (there can be thousands).
TOP_CHOICES = 12
YEAR = Cast(Substr(Cast("published_on", CharField()), 1, 4), IntegerField())


def count_choices(results):
    """Counts per organization, topic, policy facet, issuing body, source and
    year among `results`, in one query: GROUP BYs joined by UNION ALL. Each
    counts by key alone and only then joins the names (grouping 150,000
    links by organization name took PostgreSQL 0.3 s); over every release
    the link tables are counted directly, not through `IN (every id)`; and
    the year is read from the date's text on both databases (SQLite's year
    extraction is a Python function called once per row)."""
    links = {
        "organization": Article.organizations.through.objects.all(),
        "topic": Article.topics.through.objects.all(),
        "facet": Article.facets.through.objects.all(),
    }
    waiting_rows = {}
    every_published = is_every_published(results)
    if every_published:
        # Every link is counted, then those of the few releases awaiting
        # translation taken off: "NOT IN" them scans every link row and took
        # SQLite seven times as long; "IN" them reads an index.
        waiting = Article.objects.waiting_keys()
        waiting_rows = {kind: rows.filter(article__in=waiting) for kind, rows in links.items()}
    elif results.query.where:
        matching = results.order_by().values("pk")
        links = {kind: rows.filter(article__in=matching) for kind, rows in links.items()}
    # Over every published release, sources, issuers and years too are
    # counted over the whole table (from its indexes alone) less the waiting
    # releases.
    articles = Article.objects.order_by() if every_published else results.order_by()
    if every_published:
        # By key, so that SQLite reads the few waiting rows, not the source index.
        waiting_rows["source"] = Article.objects.filter(pk__in=waiting, source__isnull=False)
        for key in ("issuing_body", "document_type"):
            waiting_rows[key] = Article.objects.filter(pk__in=waiting, **{f"{key}__isnull": False})
    named = [
        # (kind, named model, rows, key, most choices listed)
        ("organization", Organization, links["organization"], "organization", TOP_CHOICES),
        ("topic", Topic, links["topic"], "topic", None),
        # A facet's kind (document type, sector…) is its row's.
        ("facet", PolicyFacet, links["facet"], "policyfacet", None),
        (
            "document_type",
            PolicyFacet,
            articles.filter(document_type__isnull=False),
            "document_type",
            None,
        ),
        (
            "issuing_body",
            Organization,
            articles.filter(issuing_body__isnull=False),
            "issuing_body",
            TOP_CHOICES,
        ),
        ("source", Source, articles.filter(source__isnull=False), "source", TOP_CHOICES),
    ]
    sql, params = [], []
    for kind, model, rows, key, limit in named:
        counts_sql, counts_params = _counts(rows, key).query.sql_with_params()
        kind_sql = "named.kind" if kind == "facet" else f"'{kind}'"
        chinese_sql = "named.name_zh" if hasattr(model, "name_zh") else "''"
        part = (
            f"SELECT {kind_sql} AS kind, named.id, named.name, {chinese_sql} AS name_zh, "
            "named.slug, counts.n "
            f"FROM ({counts_sql}) AS counts "
            f"JOIN {model._meta.db_table} AS named ON named.id = counts.{key}"
        )
        if limit:
            part += f" ORDER BY counts.n DESC, named.name LIMIT {limit}"
        sql.append(f"SELECT * FROM ({part}) AS {kind}_counts")
        params.extend(counts_params)
    for kind, _, _, key, _ in named:
        if kind in waiting_rows:
            counts_sql, counts_params = _counts(waiting_rows[kind], key).query.sql_with_params()
            sql.append(
                f"SELECT '-{kind}', {key}, '', '', '', n FROM ({counts_sql}) AS waiting_{kind}"
            )
            params.extend(counts_params)
    year_sources = [("year", articles)]
    if every_published:
        year_sources.append(("-year", Article.objects.awaiting_translation()))
    for kind, rows in year_sources:
        years_sql, years_params = _year_counts(rows).query.sql_with_params()
        sql.append(f"SELECT '{kind}', year, '', '', '', n FROM ({years_sql}) AS years")
        params.extend(years_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()

    models = {kind: model for kind, model, *_ in named}
    del models["facet"]
    linked_kinds = (PolicyFacet.Kind.INSTRUMENT, PolicyFacet.Kind.SECTOR, PolicyFacet.Kind.LEVEL)
    models.update(dict.fromkeys(linked_kinds, PolicyFacet))
    choices = {kind: [] for kind in [*models, "year"]}
    # A waiting release's facet links are taken off under the facet's own kind.
    taken_off = {(kind[1:], key): count for kind, key, *_, count in rows if kind[0] == "-"}
    for kind, key, name, name_zh, slug, count in rows:
        if kind[0] == "-":
            continue
        model = models.get(kind)
        count -= taken_off.get(("facet" if kind in linked_kinds else kind, key), 0)
        if kind == "year":
            choices["year"].append((key, count))
        elif count > 0:
            choice = model(pk=key, name=name, slug=slug)
            if name_zh:
                choice.name_zh = name_zh
            if model is PolicyFacet:
                choice.kind = kind
            choice.release_count = count
            choices[kind].append(choice)
    for kind in models:
        choices[kind].sort(key=lambda choice: (-choice.release_count, choice.name))
    choices["year"].sort(reverse=True)
    return choices


def _counts(rows, key):
    return rows.values(key).annotate(n=Count("pk")).order_by().values_list(key, "n")


def _year_counts(articles):
    return (
        articles.filter(published_on__isnull=False)
        .annotate(year=YEAR)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("year", "n")
    )
