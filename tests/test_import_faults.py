"""The database going away in the middle of an import, or the import being
killed: a clear error naming the record, nothing half-written, a report of
what was done, and a rerun that completes the batch."""

import json
import signal
import sqlite3
import time

import psycopg
import pytest

from tests.conftest import ADMIN_POSTGRES
from tests.processes import manage, start_manage

pytestmark = pytest.mark.slow

RELEASES = 1500


def write_batch(folder):
    folder.mkdir()
    for n in range(RELEASES):
        (folder / f"{n:05}.txt").write_text(
            f"China Carbon Credit Platform\n\nRelease {n}: Fujian and Ningxia cooperate\n\n"
            f"Release Time: 2024-05-{n % 28 + 1:02}\n\n"
            f"The Fujian Environmental Science Society met Ningxia, number {n}.\n\n"
            "They discussed the carbon market.\n"
        )


def count_articles(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]


def test_import_survives_the_database_going_away_and_a_rerun_completes_it(
    throwaway_postgres, tmp_path
):
    name, url = throwaway_postgres
    assert manage("migrate", "--noinput", "-v0", database_url=url).returncode == 0
    assert (
        manage("load_portal_fixtures", "--except", "articles", "-v0", database_url=url).returncode
        == 0
    )
    batch = tmp_path / "batch"
    write_batch(batch)

    importer = start_manage(
        "import_releases", str(batch), "--retrieved-at", "2024-09-15", database_url=url
    )
    deadline = time.monotonic() + 120
    while count_articles(url) < 50 and time.monotonic() < deadline:
        time.sleep(0.02)
    with psycopg.connect(ADMIN_POSTGRES, autocommit=True) as admin:
        killed = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()[0]
    out, err = importer.communicate(timeout=300)

    assert killed >= 1
    assert importer.returncode == 1, err
    assert "error" in err and str(batch) in err  # names the records that failed
    imported = count_articles(url)
    assert 50 <= imported < RELEASES
    with psycopg.connect(url) as connection:
        # Every article that exists was written whole: its history row and links too.
        orphans = connection.execute(
            "SELECT count(*) FROM articles_article a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_historicalarticle h WHERE h.id = a.id) "
            "OR NOT EXISTS (SELECT 1 FROM articles_article_regions r WHERE r.article_id = a.id)"
        ).fetchone()[0]
    assert orphans == 0

    rerun = manage("import_releases", str(batch), "--retrieved-at", "2024-09-15", database_url=url)

    assert rerun.returncode == 0, rerun.stderr
    assert count_articles(url) == RELEASES
    assert f"{RELEASES - imported} created" in rerun.stdout
    assert "0 errors" in rerun.stdout


def test_a_killed_import_leaves_the_report_of_every_record_it_finished(tmp_path):
    url = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    assert manage("migrate", "--noinput", "-v0", database_url=url).returncode == 0
    assert (
        manage("load_portal_fixtures", "--except", "articles", "-v0", database_url=url).returncode
        == 0
    )
    batch = tmp_path / "batch"
    write_batch(batch)
    report = tmp_path / "report.jsonl"

    importer = start_manage(
        "import_releases",
        str(batch),
        "--retrieved-at",
        "2024-09-15",
        "--report",
        str(report),
        database_url=url,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (
        not report.exists() or report.read_text().count("\n") < 50
    ):
        time.sleep(0.02)
    importer.send_signal(signal.SIGKILL)
    importer.communicate(timeout=60)

    lines = report.read_text().splitlines()
    records = [json.loads(line) for line in lines if line.endswith("}")]
    assert 50 <= len(records) < RELEASES
    assert len(lines) - len(records) <= 1  # at most the line being written when killed
    with sqlite3.connect(tmp_path / "portal.sqlite3") as connection:
        imported = connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    # Each record is reported after its transaction commits: none reported is missing.
    assert {record["status"] for record in records} == {"created"}
    assert len(records) <= imported <= len(records) + 1
