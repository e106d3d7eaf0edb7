"""Release queries the ORM cannot say as cheaply."""

from django.core.exceptions import EmptyResultSet
from django.db import connection


def first_and_last_dates(dated):
    """The first and last `published_on` of `dated` (values of it), in one
    query of two subqueries, which both databases answer from the date's
    index, where MIN and MAX side by side would scan every release on
    SQLite. Dates may come back as text (SQLite)."""
    first_sql, first_params = dated.order_by("published_on")[:1].query.sql_with_params()
    last_sql, last_params = dated.order_by("-published_on")[:1].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({first_sql}), ({last_sql})", [*first_params, *last_params])
        return cursor.fetchone()


def is_every_published(articles):
    """Whether `articles` is every release readers see, however it was built:
    then counts can read the link tables directly."""
    published = articles.model.objects.published()
    return _sql(articles) == _sql(published)


def _sql(queryset):
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a query that can match nothing, as none() is
        return None


def count_published(article_model):
    """The number of published releases in one query of two index counts."""
    table = connection.ops.quote_name(article_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table}) - "
            f"(SELECT COUNT(*) FROM {table} WHERE translation_status = %s)",
            [article_model.Status.AWAITING],
        )
        return cursor.fetchone()[0]
