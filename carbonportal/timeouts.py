"""A time limit on the database work of a web request.

PostgreSQL enforces it itself: every connection opens with
`statement_timeout` (settings.py). SQLite has no such setting, so while a
request is being answered a progress handler interrupts whatever statement is
running once the request's database time is up. Either way the request fails
with an OperationalError, which DatabaseUnavailableMiddleware answers with
the site's 503 page, long before the server would cut the connection.

Management commands (imports, backups, migrations) run without the limit on
SQLite, and switch it off for their connection on PostgreSQL where they may
run long statements.
"""

import contextvars
import time

from django.conf import settings

_deadline = contextvars.ContextVar("database_deadline", default=None)

# How many SQLite virtual machine instructions run between two checks of the
# clock: frequent enough to stop within milliseconds, rare enough to cost
# nothing measurable.
PROGRESS_STEPS = 20_000


def _past_deadline():
    deadline = _deadline.get()
    return 1 if deadline is not None and time.monotonic() > deadline else 0


def watch_sqlite_connection(sender, connection, **kwargs):
    """connection_created receiver: let SQLite interrupt work past the deadline."""
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(_past_deadline, PROGRESS_STEPS)


def postgres_options(seconds):
    """The libpq `options` that give every statement `seconds` at most."""
    return f"-c statement_timeout={int(seconds * 1000)}" if seconds > 0 else ""


def without_statement_timeout(connection):
    """For commands that may legitimately run one long statement."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


def with_statement_timeout(connection):
    """Back to the connection's own limit (the settings'), after a migration."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


class DatabaseDeadlineMiddleware:
    """Give a request's SQLite work STATEMENT_TIMEOUT seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.STATEMENT_TIMEOUT
        token = _deadline.set(time.monotonic() + seconds if seconds > 0 else None)
        try:
            return self.get_response(request)
        finally:
            _deadline.reset(token)
