"""Whether the database answers, for the health check."""

from django.db import DatabaseError, connections


def database_answers():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True
