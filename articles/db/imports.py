"""The importer's writes that skip the ORM: each one measured as a large
share of an import's time per release."""

import functools

from django.db import connection

from articles.models import Article


def copy_to_history(article_id, *, when, update):
    """Write the article's row into its history, as simple_history would."""
    with connection.cursor() as cursor:
        cursor.execute(copy_to_history_sql(), [when, "import", "~" if update else "+", article_id])


@functools.cache
def copy_to_history_sql():
    """One INSERT … SELECT that copies an article's row into its history.

    The same row simple_history writes (change reason "import", no user),
    but written by the database: building a historical instance in Python
    was a third of the time an import spent on each release."""
    historical = Article.history.model
    quote = connection.ops.quote_name
    tracked = ", ".join(
        quote(field.column)
        for field in historical._meta.concrete_fields
        if not field.name.startswith("history_")
    )
    extra = ", ".join(
        quote(column)
        for column in ("history_date", "history_change_reason", "history_type", "history_user_id")
    )
    return (
        f"INSERT INTO {quote(historical._meta.db_table)} ({tracked}, {extra}) "
        f"SELECT {tracked}, %s, %s, %s, NULL FROM {quote(Article._meta.db_table)} "
        f"WHERE {quote('id')} = %s"
    )


def insert_links(article_id, relations):
    """Insert the links of a new article: `relations` holds (many-to-many
    field descriptor, target ids) pairs; one statement per kind."""
    with connection.cursor() as cursor:
        for relation, ids in relations:
            if not ids:
                continue
            through = relation.through
            table = connection.ops.quote_name(through._meta.db_table)
            target = connection.ops.quote_name(relation.field.m2m_reverse_name())
            owner = connection.ops.quote_name(relation.field.m2m_column_name())
            cursor.executemany(
                f"INSERT INTO {table} ({owner}, {target}) VALUES (%s, %s)",
                [(article_id, pk) for pk in sorted(ids)],
            )
