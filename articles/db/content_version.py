"""The portal's content version: numbers that change whenever what the public
pages show changes, so that cached pages, counts and facets can be keyed by
them and are never served stale.

One row (`ContentVersion`, id 1) holds two numbers, bumped by database
triggers:

- `number` moves with every write to anything a page shows: releases, their
  links and revisions, places, organizations, sources and topics. Whole
  pages and everything that depends on a release's text (a search's matches,
  ranking and counts) are keyed by it.
- `listing_number` moves only with writes that can change which releases a
  list holds, their order or the counts per choice: a release added or
  deleted, re-dated, re-filed under a source or status, linked or unlinked,
  and any change to a place, organization, source or topic (their names are
  in the counts). An editor correcting a release's wording moves `number`
  alone, so the costly counts over 100,000 releases survive it.

Triggers see every write, the ORM's, bulk inserts, the importer's raw SQL and
deletions alike; signals would miss most of those. Reading both numbers is
one primary-key look-up.

PostgreSQL: deferred constraint triggers, so that the row is locked only at
commit, after every other lock the transaction takes (a transaction holding
it never waits for another: no deadlocks), and bumped once per transaction
(a transaction-local setting remembers it for the COMMIT statement). Readers
see new numbers only once the writes are committed, so a page built from old
data can never be stored under a new number.

SQLite: plain row triggers. Writers take the database lock one at a time, so
neither ordering nor deadlocks are a concern.

Like the search objects, the triggers are unknown to the ORM: `install()`
creates them (migration 0006 and, after every migrate, the post_migrate hook,
because SQLite drops a table's triggers when a migration rebuilds it).
"""

import contextlib
import contextvars
import dataclasses
from dataclasses import dataclass

from django.db import connection

TABLE = "articles_contentversion"

# What a list is filtered and ordered by: a change to any of these columns
# moves the listing number too.
LISTED_ARTICLE_COLUMNS = (
    "published_on",
    "translation_status",
    "source_id",
    "issuing_body_id",
    "document_type_id",
)


@dataclass(frozen=True)
class Trigger:
    table: str
    events: tuple
    listing: bool  # bump listing_number as well as number
    changed_columns: tuple = ()  # for updates: only when one of these changes

    @property
    def name(self):
        kind = "listing" if self.listing else "content"
        events = "".join(event[0] for event in self.events).lower()
        return f"{self.table}_version_{kind}_{events}"


TRIGGERS = (
    # A release's text changing (or a revision) leaves lists and counts alone...
    Trigger("articles_article", ("UPDATE",), listing=False),
    Trigger("articles_historicalarticle", ("INSERT", "UPDATE", "DELETE"), listing=False),
    # ...its existence, date, status and source do not.
    Trigger("articles_article", ("INSERT", "DELETE"), listing=True),
    Trigger("articles_article", ("UPDATE",), listing=True, changed_columns=LISTED_ARTICLE_COLUMNS),
    *(
        Trigger(table, ("INSERT", "UPDATE", "DELETE"), listing=True)
        for table in (
            "articles_article_regions",
            "articles_article_organizations",
            "articles_article_topics",
            "articles_article_facets",
            "articles_region",
            "articles_organization",
            "articles_source",
            "articles_topic",
            "articles_policyfacet",
        )
    ),
    # The glossary's synonyms change what a search finds.
    *(
        Trigger(table, ("INSERT", "UPDATE", "DELETE"), listing=False)
        for table in ("articles_glossaryterm",)
    ),
)


def _bump_sql(listing):
    # A plain UPDATE: an upsert here cost SQLite imports a tenth of their
    # speed (a trigger fires for every link row). The row is made by
    # install(), and again by current() if a test's flush emptied the table.
    listing_bump = ", listing_number = listing_number + 1" if listing else ""
    return f"UPDATE {TABLE} SET number = number + 1{listing_bump} WHERE id = 1"


ENSURE_ROW_SQL = (
    f"INSERT INTO {TABLE} (id, number, listing_number) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING"
)


POSTGRES_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION articles_bump_content_version() RETURNS trigger AS $$
DECLARE
    -- Deferred, every row's trigger fires at COMMIT, one statement: bump once.
    marker text := txid_current() || '@' || statement_timestamp();
    setting text := 'carbonportal.content_version_' || TG_ARGV[0];
BEGIN
    IF current_setting(setting, true) IS DISTINCT FROM marker THEN
        IF TG_ARGV[0] = 'listing' THEN
            {_bump_sql(True)};
        ELSE
            {_bump_sql(False)};
        END IF;
        PERFORM set_config(setting, marker, true);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

# For tests, whose transactions are rolled back rather than committed.
IMMEDIATE_IN_THIS_TRANSACTION_SQL = "SET CONSTRAINTS {} IMMEDIATE".format(
    ", ".join(trigger.name for trigger in TRIGGERS)
)


def _postgres_trigger_sql(trigger):
    when = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in trigger.changed_columns)
    return (
        f"CREATE CONSTRAINT TRIGGER {trigger.name} "
        f"AFTER {' OR '.join(trigger.events)} ON {trigger.table} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        + (f"WHEN ({when}) " if when else "")
        + "EXECUTE FUNCTION articles_bump_content_version("
        + ("'listing'" if trigger.listing else "'content'")
        + ")"
    )


def _sqlite_triggers_sql(trigger):
    when = " OR ".join(f"old.{c} IS NOT new.{c}" for c in trigger.changed_columns)
    bump = _bump_sql(trigger.listing)
    for event in trigger.events:
        yield (
            f"CREATE TRIGGER {trigger.name}_{event.lower()} AFTER {event} ON {trigger.table} "
            + (f"WHEN {when} " if when else "")
            + f"BEGIN {bump}; END"
        )


def install(schema_connection=None):
    """Create (or repair) the row and the triggers for the database in use."""
    conn = schema_connection or connection
    uninstall(conn)
    # An early migration installs before later tables exist: their triggers
    # come with the post_migrate hook that follows every migrate.
    triggers = _existing(conn)
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION_SQL)
            for trigger in triggers:
                cursor.execute(_postgres_trigger_sql(trigger))
        elif conn.vendor == "sqlite":
            for trigger in triggers:
                for sql in _sqlite_triggers_sql(trigger):
                    cursor.execute(sql)
        cursor.execute(ENSURE_ROW_SQL)
        cursor.execute(_bump_sql(True))


def _existing(conn):
    """The triggers whose tables exist, watching only columns that exist."""
    tables = set(conn.introspection.table_names())
    triggers = []
    with conn.cursor() as cursor:
        for trigger in TRIGGERS:
            if trigger.table not in tables:
                continue
            if trigger.changed_columns:
                columns = {
                    column.name
                    for column in conn.introspection.get_table_description(cursor, trigger.table)
                }
                watched = tuple(c for c in trigger.changed_columns if c in columns)
                trigger = dataclasses.replace(trigger, changed_columns=watched)
            triggers.append(trigger)
    return triggers


def uninstall(schema_connection=None):
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        for trigger in _existing(conn):
            if conn.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger.name} ON {trigger.table}")
            elif conn.vendor == "sqlite":
                for event in trigger.events:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {trigger.name}_{event.lower()}")
        if conn.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS articles_bump_content_version()")


@dataclass(frozen=True)
class Version:
    number: int
    listing_number: int


_pinned = contextvars.ContextVar("content_version", default=None)


def current():
    """The numbers as this connection sees them, or as pinned for the page
    being built."""
    pinned_version = _pinned.get()
    if pinned_version is not None:
        return pinned_version
    from articles.models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).values_list("number", "listing_number").first()
    if row is None:
        ensure_row()
        return Version(0, 0)
    return Version(*row)


def ensure_row(conn=None):
    """The row the triggers bump: a flush (tests) deletes it."""
    with (conn or connection).cursor() as cursor:
        cursor.execute(ENSURE_ROW_SQL)


@contextlib.contextmanager
def pinned(version):
    """Everything built inside sees `version`: a page is keyed by the numbers
    read once at its start, and its counts and facets by the same ones."""
    token = _pinned.set(version)
    try:
        yield
    finally:
        _pinned.reset(token)
