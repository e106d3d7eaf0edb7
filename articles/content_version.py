"""The portal's content version: one number that changes whenever anything a
public page shows changes, so that cached pages, counts and facets can be
keyed by it and are never served stale.

It is a single row (`ContentVersion`, id 1) bumped by database triggers on
every table the public pages read: releases, their links and revisions,
places, organizations, sources and topics. Triggers see every write, the
ORM's, bulk inserts, the importer's raw SQL and deletions alike; signals
would miss most of those. Reading it is one primary-key look-up.

PostgreSQL: deferred constraint triggers, so that the row is locked only at
commit, after every other lock the transaction takes (a transaction holding
it never waits for another: no deadlocks), and bumped once per transaction
(a transaction-local setting remembers it for the COMMIT statement). Readers see the new number only
once the writes are committed, so a page built from old data can never be
stored under the new number.

SQLite: plain row triggers. Writers take the database lock one at a time, so
neither ordering nor deadlocks are a concern.

Like the search objects, the triggers are unknown to the ORM: `install()`
creates them (migration 0006 and, after every migrate, the post_migrate hook,
because SQLite drops a table's triggers when a migration rebuilds it).
"""

import contextlib
import contextvars

from django.db import connection

TABLE = "articles_contentversion"

# The tables whose rows some public page shows.
WATCHED_TABLES = (
    "articles_article",
    "articles_article_regions",
    "articles_article_organizations",
    "articles_article_topics",
    "articles_historicalarticle",
    "articles_region",
    "articles_organization",
    "articles_source",
    "articles_topic",
)

# An upsert, so that the row comes back if a test's flush empties the table.
BUMP_SQL = (
    f"INSERT INTO {TABLE} (id, number, changed_at) VALUES (1, 1, {{now}}) "
    f"ON CONFLICT (id) DO UPDATE SET number = {TABLE}.number + 1, changed_at = {{now}}"
)

POSTGRES_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION articles_bump_content_version() RETURNS trigger AS $$
BEGIN
    -- Deferred, every row's trigger fires at COMMIT, one statement: bump once.
    IF current_setting('carbonportal.content_version_bumped', true)
            IS DISTINCT FROM txid_current() || '@' || statement_timestamp() THEN
        {BUMP_SQL.format(now="clock_timestamp()")};
        PERFORM set_config(
            'carbonportal.content_version_bumped',
            txid_current() || '@' || statement_timestamp(),
            true
        );
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def _trigger_name(table):
    return f"{table}_content_version"


# For tests, whose transactions are rolled back rather than committed.
IMMEDIATE_IN_THIS_TRANSACTION_SQL = "SET CONSTRAINTS {} IMMEDIATE".format(
    ", ".join(_trigger_name(table) for table in WATCHED_TABLES)
)


def install(schema_connection=None):
    """Create (or repair) the row and the triggers for the database in use."""
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION_SQL)
            for table in WATCHED_TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
                cursor.execute(
                    f"CREATE CONSTRAINT TRIGGER {_trigger_name(table)} "
                    f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                    "EXECUTE FUNCTION articles_bump_content_version()"
                )
        elif conn.vendor == "sqlite":
            now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
            for table in WATCHED_TABLES:
                for event in ("insert", "update", "delete"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {_trigger_name(table)}_{event} "
                        f"AFTER {event.upper()} ON {table} BEGIN "
                        f"{BUMP_SQL.format(now=now)}; END"
                    )
        cursor.execute(BUMP_SQL.format(now="CURRENT_TIMESTAMP"))


def uninstall(schema_connection=None):
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        for table in WATCHED_TABLES:
            if conn.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
            elif conn.vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)}_{event}")
        if conn.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS articles_bump_content_version()")


_pinned = contextvars.ContextVar("content_version", default=None)


def current():
    """(number, changed_at) of the content as this connection sees it, or
    as pinned for the page being built."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    from .models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    return row or (0, None)


@contextlib.contextmanager
def pinned(version):
    """Everything built inside sees `version`: a page is keyed by the version
    read once at its start, and its counts and facets by the same one."""
    token = _pinned.set(version)
    try:
        yield
    finally:
        _pinned.reset(token)
