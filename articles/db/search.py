"""Full-text search over releases, on whichever database is in use.

PostgreSQL: a `search_vector` tsvector column on articles_article (title
weighted A, body B), kept current by a trigger and GIN-indexed; queries go
through websearch_to_tsquery (one per phrase, a term's synonyms ORed),
ranking through ts_rank.

SQLite: an FTS5 external-content table over articles_article, kept in step
by triggers; ranking through bm25() with the title weighted over the body.

Snippets are cut in Python from the rows a page has read, on both.

Neither object is known to the ORM: `install()` creates them (migration 0002
and, after every migrate, the post_migrate hook in apps.py, because SQLite
rebuilds a table, dropping its triggers, whenever a later migration alters
it). Raw reader input never reaches MATCH or to_tsquery: `parse()` keeps only
words and quoted phrases, and every term is passed quoted, as a parameter.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.db.chinese_search import chinese_match, chinese_terms, is_chinese

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0

# Markers once put around matched words by the database's snippet
# functions: dropped from imported text, where they could open a mark.
START, STOP = "\ue000", "\ue001"
_TOKENS = re.compile(r'"([^"]*)"?|(\w+)')
_WORD = re.compile(r"\w+")

FTS_TABLE = "articles_article_fts"


@dataclass(frozen=True)
class Query:
    """A reader's search, reduced to words and phrases (tuples of words),
    each with the other names it may be found by (its synonyms)."""

    terms: tuple = ()
    alternatives: tuple = ()  # per term, a tuple of other phrases, or ()

    def __bool__(self):
        return bool(self.terms)

    @property
    def words(self):
        return [word for term in self.terms for word in term]

    @property
    def marked_words(self):
        """The words to mark in snippets: the terms' and their synonyms'."""
        return self.words + [word for other in self.alternatives for term in other for word in term]

    def choices(self):
        """Per term, every phrase that satisfies it: itself and its synonyms."""
        alternatives = self.alternatives or ((),) * len(self.terms)
        return [(term, *others) for term, others in zip(self.terms, alternatives, strict=True)]

    def quoted(self):
        """The search for FTS5's MATCH: every phrase quoted, so no operator
        ("or", "-"), column filter or stray quote from the reader can change
        the query's meaning; a term's synonyms are ORed with it."""
        parts = []
        for phrases in self.choices():
            quoted = ['"{}"'.format(" ".join(phrase)) for phrase in phrases]
            parts.append(quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")")
        # FTS5 takes no implicit AND after a bracketed group: always say it.
        return " AND ".join(parts)

    def tsquery(self):
        """The search as PostgreSQL tsquery SQL and its parameters: each
        phrase through websearch_to_tsquery (quoted, so taken as a phrase),
        a term's synonyms ORed, the terms ANDed."""
        groups, params = [], []
        for phrases in self.choices():
            groups.append(
                "(" + " || ".join(["websearch_to_tsquery('english', %s)"] * len(phrases)) + ")"
            )
            params.extend('"{}"'.format(" ".join(phrase)) for phrase in phrases)
        return " && ".join(groups), params

    def with_synonyms(self, synonyms):
        """The search with each term's synonyms from `synonyms` ({lower-case
        phrase: the phrases of its group}); consecutive words that together
        name a phrase there ("carbon GSP") become that one term."""
        if not synonyms or not self.terms:
            return self
        longest = max(len(phrase) for phrase in synonyms)
        terms, alternatives, i = [], [], 0
        while i < len(self.terms):
            for length in range(min(longest, len(self.terms) - i), 0, -1):
                run = self.terms[i : i + length]
                if length > 1 and any(len(term) != 1 for term in run):
                    continue
                phrase = tuple(word for term in run for word in term)
                group = synonyms.get(tuple(word.lower() for word in phrase))
                if group:
                    terms.append(phrase)
                    own = tuple(word.lower() for word in phrase)
                    alternatives.append(tuple(other for other in group if other != own))
                    i += length
                    break
            else:
                terms.append(self.terms[i])
                alternatives.append(())
                i += 1
        return Query(tuple(terms), tuple(alternatives))


def parse(text):
    text = (text or "")[:MAX_QUERY_LENGTH].replace("\x00", " ")
    terms = []
    for phrase, word in _TOKENS.findall(text):
        words = tuple(_WORD.findall(phrase)) if phrase else (word,) if word else ()
        words = tuple(w.replace("_", " ").strip() for w in words)
        words = tuple(w for w in words if w)
        if words and words not in terms:
            terms.append(words)
    return Query(tuple(terms[:MAX_TERMS]))


def words_of(text):
    return [word.replace("_", " ").strip() for word in _WORD.findall(text)]


def _is_postgres():
    return connection.vendor == "postgresql"


def matching(queryset, query):
    """Only the releases matching `query` (no ranking: safe to nest)."""
    if not query:
        return queryset.none()
    chinese = chinese_terms(query)
    if chinese:
        return queryset.filter(chinese_match(chinese, lambda phrase: _ids(parse(f'"{phrase}"'))))
    return queryset.filter(pk__in=_ids(query))


def _ids(query):
    """An SQL expression for the ids of the releases whose English matches."""
    if _is_postgres():
        tsquery, params = query.tsquery()
        return RawSQL(f"SELECT id FROM articles_article WHERE search_vector @@ ({tsquery})", params)
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    return RawSQL(sql, [query.quoted()])


def ranked(queryset, query):
    """Annotate `search_rank` (higher is better) and order by it.

    Only for the outermost query: the rank refers to articles_article by name.
    """
    if not query:
        return queryset
    if chinese_terms(query):
        # Substring matches have no rank: newest first.
        return queryset.annotate(search_rank=Value(0.0)).order_by("-published_on", "-id")
    if _is_postgres():
        tsquery, params = query.tsquery()
        rank = RawSQL(f"ts_rank(articles_article.search_vector, {tsquery})", params)
        queryset = queryset.annotate(search_rank=rank)
    else:
        # A join on the FTS table, so bm25() is computed in one pass over the
        # matches (a correlated subquery would run the search once per row).
        queryset = queryset.extra(  # noqa: S610 (no reader input in the SQL text)
            select={"search_rank": f"-bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT})"},
            tables=[FTS_TABLE],
            where=[f"{FTS_TABLE}.rowid = articles_article.id", f"{FTS_TABLE} MATCH %s"],
            params=[query.quoted()],
        )
    return queryset.order_by("-search_rank", "-published_on", "-id")


# Snippets are cut in Python from a window of the body around the first
# place a searched word appears, from the rows the page has already read: no
# query of their own, and no database snippet function, whose cost (and, for
# ts_headline, memory) grows faster than the text; a release can hold a
# megabyte of a repeated phrase.
SNIPPET_WINDOW = 4000
SNIPPET_LEAD = 200
SNIPPET_CHARACTERS = 320


def _anchor(query):
    """A lower-case prefix of the first searched word, so that the window
    also opens on its other forms ("markets" finds "market")."""
    word = query.words[0].lower()
    return word[: max(4, len(word) - 2)]


def _window(text, anchor):
    start = text.lower().find(anchor)
    return (
        text[max(0, start - SNIPPET_LEAD) :][:SNIPPET_WINDOW]
        if start >= 0
        else text[:SNIPPET_WINDOW]
    )


def snippets(query, articles):
    """{article id: HTML-safe snippet of its body with matches in <mark>},
    for releases read with their text."""
    if not query:
        return {}
    chinese = chinese_terms(query)
    found = {}
    for article in articles:
        if chinese and chinese[0] in article.original_body:
            # The original, unless the match was made through a translation
            # or a linked place.
            text = _window(article.original_body, chinese[0])
        else:
            text = _window(article.body, chinese[0] if chinese else _anchor(query))
        found[article.pk] = excerpt(text, query)
    return found


def excerpt(text, query):
    """Some words of `text` around the first searched word, marked."""
    text = (text or "").replace(START, "").replace(STOP, "")
    match = _pattern(query).search(text)
    start = 0 if match is None else max(0, match.start() - SNIPPET_CHARACTERS // 3)
    if start:
        # Open on a whole word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < match.start() else start
    end = start + SNIPPET_CHARACTERS
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = " ".join(text[start:end].split())
    html = str(highlight(piece, query))
    return mark_safe(  # noqa: S308 (highlight escapes every part)
        ("… " if start else "") + html + (" …" if end < len(text) else "")
    )


def _pattern(query):
    words = sorted({w.lower() for w in query.marked_words if len(w) > 1}, key=len, reverse=True)
    latin = [re.escape(w) for w in words if not is_chinese(w)]
    # Chinese words stand inside runs of characters: no word boundary to find.
    chinese = [re.escape(w) for w in words if is_chinese(w)]
    parts = ([r"\b(?:{})\w*".format("|".join(latin))] if latin else []) + chinese
    if not parts:
        return re.compile(r"(?!)")
    return re.compile("({})".format("|".join(parts)), re.IGNORECASE)


def highlight(text, query):
    """`text` escaped, with words starting like a searched word in <mark>."""
    parts = _pattern(query).split(text)
    html = "".join(
        f"<mark>{escape(part)}</mark>" if n % 2 else str(escape(part))
        for n, part in enumerate(parts)
    )
    return mark_safe(html)  # noqa: S308 (every part escaped above)


# Creating and repairing the database objects.

# PostgreSQL's parser reads "<Implementation Plan for Zorblax Peaking>" (what
# machine translation makes of 《…》) as an HTML tag and indexes none of its
# words; as the look-alike ‹…› the words are words. Snippets get the same.
NOT_A_TAG = "translate({}, '<>', '‹›')"


def search_vector_sql(prefix=""):
    title = NOT_A_TAG.format(f"coalesce({prefix}title, '')")
    body = NOT_A_TAG.format(f"coalesce({prefix}body, '')")
    return (
        f"setweight(to_tsvector('english', {title}), 'A') "
        f"|| setweight(to_tsvector('english', {body}), 'B')"
    )


REINDEX_POSTGRES_SQL = f"UPDATE articles_article SET search_vector = {search_vector_sql()}"

POSTGRES_SQL = [
    "ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_vector tsvector",
    f"""
    CREATE OR REPLACE FUNCTION articles_article_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := {search_vector_sql("NEW.")};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article",
    """
    CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE OF title, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector()
    """,
    f"""
    UPDATE articles_article SET search_vector = {search_vector_sql()}
    WHERE search_vector IS NULL
    """,
    "CREATE INDEX IF NOT EXISTS articles_article_search_idx "
    "ON articles_article USING GIN (search_vector)",
]

SQLITE_TABLE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, content='articles_article', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_TRIGGERS_SQL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF title, body
    ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
]


def install(schema_connection=None):
    """Create (or repair) the search objects for the database in use."""
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for sql in POSTGRES_SQL:
                cursor.execute(sql)
        elif conn.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{FTS_TABLE}_%"],
            )
            complete = cursor.fetchone()[0] == len(SQLITE_TRIGGERS_SQL)
            cursor.execute(SQLITE_TABLE_SQL)
            for sql in SQLITE_TRIGGERS_SQL:
                cursor.execute(sql)
            if not complete:
                # Triggers were missing (new table, or a rebuilt one): the
                # index may have missed writes, so rebuild it from the table.
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def uninstall(schema_connection=None):
    conn = schema_connection or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article"
            )
            cursor.execute("DROP FUNCTION IF EXISTS articles_article_search_vector()")
            cursor.execute("ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector")
        elif conn.vendor == "sqlite":
            for suffix in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
