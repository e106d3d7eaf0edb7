"""A web request's database work is bounded: past the statement timeout the
reader gets the site's 503 page, not a connection cut by the server."""

import time

import pytest
from django.db import connection


@pytest.fixture
def tiny_timeout(settings):
    """A real, tiny timeout: PostgreSQL's own setting on this connection,
    the request deadline on SQLite."""
    settings.ROOT_URLCONF = "tests.urls_failing"
    settings.STATEMENT_TIMEOUT = 0.3
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 300")
    yield
    # Inside a test's transaction the rollback undoes the SET; outside it, undo it here.
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")


def test_a_statement_past_the_timeout_gives_the_503_page_quickly(client, db, tiny_timeout):
    started = time.monotonic()
    response = client.get("/slow/")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert "took too long" in response.content.decode()
    assert response["Retry-After"] == "30"
    assert "Content-Security-Policy" in response
    assert elapsed < 3


@pytest.mark.django_db(transaction=True)
def test_the_connection_answers_again_after_a_timeout(client, tiny_timeout):
    # Outside a test's transaction, as requests run in production (autocommit).
    assert client.get("/slow/").status_code == 503

    assert client.get("/articles/").status_code == 200


def test_web_connections_carry_the_configured_statement_timeout(settings, db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no statement_timeout; the request deadline is tested above")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]

    assert shown == f"{int(settings.STATEMENT_TIMEOUT)}s"
