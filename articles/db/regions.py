"""The region tree in SQL: descendants, ancestors and releases counted up the
tree. Recursive CTEs keep the tree as plain parent links (nothing derived to
keep in step when an editor moves a region); both SQLite and PostgreSQL run
them."""

from django.db import connection
from django.db.models.expressions import RawSQL

from articles.db.releases import is_every_published

# The descendants of a region (itself included) in one query. A recursive CTE
# keeps the tree as plain parent links: nothing derived to keep in step when
# an editor moves a region, and both SQLite and PostgreSQL run it.
DESCENDANT_IDS_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT id FROM articles_region WHERE id = %s
    UNION
    SELECT child.id FROM articles_region AS child JOIN tree ON child.parent_id = tree.id
)
SELECT id FROM tree
"""

ANCESTOR_IDS_SQL = """
WITH RECURSIVE tree(id, parent_id) AS (
    SELECT id, parent_id FROM articles_region WHERE id = %s
    UNION
    SELECT parent.id, parent.parent_id FROM articles_region AS parent
    JOIN tree ON parent.id = tree.parent_id
)
SELECT id FROM tree
"""


def descendant_ids(region_id):
    """An expression for the ids of a region and every region below it."""
    return RawSQL(DESCENDANT_IDS_SQL, [region_id])


def descendant_ids_of_names(names_zh):
    """An expression for the ids of the regions of these Chinese names and of
    every region below them."""
    placeholders = ", ".join(["%s"] * len(names_zh))
    sql = DESCENDANT_IDS_SQL.replace("WHERE id = %s", f"WHERE name_zh IN ({placeholders})")
    return RawSQL(sql, list(names_zh))


def ancestor_ids(region_id):
    """An expression for the ids of a region and every region above it."""
    return RawSQL(ANCESTOR_IDS_SQL, [region_id])


# Regions with the number of distinct releases linked to each or to a place
# below it: walk down from the given regions, count once per top, and join
# the counts back to the regions (those without releases count 0).
ROLLUP_COUNTS_SQL = """
WITH RECURSIVE down(id, top) AS (
    SELECT id, id FROM articles_region WHERE id IN ({regions})
    UNION
    SELECT child.id, down.top FROM articles_region AS child JOIN down ON child.parent_id = down.id
),
counts(top, release_count) AS (
    SELECT down.top, COUNT(DISTINCT link.article_id)
    FROM down JOIN articles_article_regions AS link ON link.region_id = down.id
    {among_articles}
    GROUP BY down.top
),
left_out(region_id, article_id) AS MATERIALIZED (
    SELECT region_id, article_id FROM articles_article_regions AS link {left_out}
),
taken_off(top, release_count) AS (
    SELECT down.top, COUNT(DISTINCT link.article_id)
    FROM left_out AS link JOIN down ON down.id = link.region_id
    GROUP BY down.top
)
SELECT {columns},
    COALESCE(counts.release_count, 0) - COALESCE(taken_off.release_count, 0) AS release_count
FROM articles_region AS region LEFT JOIN counts ON counts.top = region.id
LEFT JOIN taken_off ON taken_off.top = region.id
WHERE region.id IN ({regions})
ORDER BY region.name
"""


def with_release_counts(regions, articles):
    """`regions` (a QuerySet), each with `release_count`: the releases among
    `articles` linked to it or to any place below it, in one query, ordered
    by name. Uncached: ask the results layer."""
    region_model = regions.model
    regions_sql, regions_params = regions.order_by().values("pk").query.sql_with_params()
    # Nothing to take off, unless every published release is counted: then
    # all links are, less those of the few releases awaiting translation
    # (counting `IN (every id)` took SQLite 0.5 s at 100,000, `NOT IN` the
    # waiting ones three times the plain count; `IN` them reads an index).
    left_out, left_out_params = "WHERE 1 = 0", []
    if is_every_published(articles):
        among_articles, article_params = "", []
        waiting = articles.model.objects.waiting_keys()
        waiting_sql, left_out_params = waiting.query.sql_with_params()
        left_out = f"WHERE link.article_id IN ({waiting_sql})"
    elif articles.query.where:
        article_sql, article_params = articles.order_by().values("pk").query.sql_with_params()
        among_articles = f"WHERE link.article_id IN ({article_sql})"
    else:
        among_articles, article_params = "", []
    sql = ROLLUP_COUNTS_SQL.format(
        columns=", ".join(
            f"region.{connection.ops.quote_name(f.column)}"
            for f in region_model._meta.concrete_fields
        ),
        regions=regions_sql,
        among_articles=among_articles,
        left_out=left_out,
    )
    params = [*regions_params, *article_params, *left_out_params, *regions_params]
    return list(region_model.objects.raw(sql, params))
