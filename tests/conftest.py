"""Shared test data: small `make_*` factories built on kwargs.setdefault."""

import itertools
import os
import uuid

import pytest

from articles.models import Article, Organization, Region, Source, Topic

_counter = itertools.count(1)


def _next():
    return next(_counter)


@pytest.fixture
def make_region(db):
    def make(**kwargs):
        n = _next()
        kwargs.setdefault("name", f"Region {n}")
        kwargs.setdefault("slug", f"region-{n}")
        kwargs.setdefault("kind", Region.Kind.PROVINCE)
        return Region.objects.create(**kwargs)

    return make


@pytest.fixture
def make_organization(db):
    def make(**kwargs):
        n = _next()
        kwargs.setdefault("name", f"Organization {n}")
        kwargs.setdefault("kind", Organization.Kind.GOVERNMENT)
        return Organization.objects.create(**kwargs)

    return make


@pytest.fixture
def make_source(db):
    def make(**kwargs):
        n = _next()
        kwargs.setdefault("name", f"Source {n}")
        return Source.objects.create(**kwargs)

    return make


@pytest.fixture
def make_topic(db):
    def make(**kwargs):
        n = _next()
        kwargs.setdefault("name", f"Topic {n}")
        kwargs.setdefault("slug", f"topic-{n}")
        return Topic.objects.create(**kwargs)

    return make


@pytest.fixture
def make_article(db):
    def make(*, regions=(), organizations=(), topics=(), **kwargs):
        n = _next()
        kwargs.setdefault("title", f"Release number {n} on carbon policy")
        kwargs.setdefault("body", f"First paragraph of release {n}.\n\nSecond paragraph.")
        article = Article.objects.create(**kwargs)
        article.regions.set(regions)
        article.organizations.set(organizations)
        article.topics.set(topics)
        return article

    return make


@pytest.fixture
def editor_client(client, make_editor):
    """A logged-in editor: staff, in the Editors group, not a superuser."""
    client.force_login(make_editor("editor"))
    return client


@pytest.fixture
def seeded(db):
    """The real fixtures: the full gazetteer, organizations, sources, topics
    and the five seed releases."""
    from articles.ops.fixtures import PORTAL_FIXTURES, load_missing

    for name in PORTAL_FIXTURES:
        load_missing(name)


@pytest.fixture
def make_editor(db, django_user_model):
    """A staff user in the Editors group (created as `create_editor_group` does)."""
    from articles.editorial.roles import ensure_editor_group

    def make(username=None, **kwargs):
        username = username or f"editor-{_next()}"
        kwargs.setdefault("email", f"{username}@example.com")
        user = django_user_model.objects.create_user(
            username, password="pw-1234567", is_staff=True, **kwargs
        )
        user.groups.add(ensure_editor_group()[0])
        return user

    return make


@pytest.fixture
def make_glossary_term(db):
    from articles.models import GlossaryTerm

    def make(**kwargs):
        n = _next()
        kwargs.setdefault("preferred", f"preferred term {n}")
        kwargs.setdefault("wrong_renderings", f"wrong term {n}")
        return GlossaryTerm.objects.create(**kwargs)

    return make


@pytest.fixture(autouse=True)
def english_interface():
    """Each test starts on the English interface: a request under /zh-hans/
    leaves Chinese active in the test's thread, and reverse() would then
    give the next test Chinese addresses."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached counts are keyed by the
    data, and a rolled-back test database can repeat the same keys."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def content_version_ready(request):
    """The content version's row, which a transactional test's flush
    deletes, is there at the start of every test. On PostgreSQL it is bumped
    when a transaction commits, and a plain test's transaction never does:
    its triggers fire at each statement instead, as if each request had
    committed."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional or "db" in request.fixturenames or marker is not None:
        request.getfixturevalue("transactional_db" if transactional else "db")
        from django.db import connection

        from articles.db import content_version

        content_version.ensure_row()
        if connection.vendor == "postgresql" and not transactional:
            with connection.cursor() as cursor:
                cursor.execute(content_version.IMMEDIATE_IN_THIS_TRANSACTION_SQL)
    yield


ADMIN_POSTGRES = os.environ.get(
    "TEST_ADMIN_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture
def throwaway_postgres():
    """A PostgreSQL database of its own, whatever database the suite runs on,
    for tests that drive whole processes: (name, URL). Skipped where
    PostgreSQL is not running, except where REQUIRE_POSTGRES is set (CI
    sets it), where that is a failure."""
    import psycopg

    try:
        psycopg.connect(ADMIN_POSTGRES, connect_timeout=3).close()
    except psycopg.Error:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES is set)")
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    name = f"carbonportal_throwaway_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN_POSTGRES, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield name, ADMIN_POSTGRES.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(ADMIN_POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
