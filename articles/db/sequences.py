"""Primary-key sequences, after rows were written with their keys."""

from django.core.management.color import no_style
from django.db import connection


def reset_sequences(models):
    """Move each model's key sequence past its largest key (a no-op on SQLite,
    whose keys follow the table), so the next row created does not collide."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
