"""The corpus export: every published release as one JSON line, gzipped,
built once per change in the releases and served as a file after that."""

import gzip
import json

import pytest

from articles.models import Article

URL = "/api/export.jsonl.gz"


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "export"
    return settings.EXPORT_DIR


def lines(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/gzip"
    return [
        json.loads(line)
        for line in gzip.decompress(b"".join(response.streaming_content)).splitlines()
    ]


def test_the_export_holds_every_published_release_as_its_endpoint_describes_it(
    client, make_article
):
    first = make_article(title="Quota auction results", body="The auction closed.")
    make_article(title="Second release")
    make_article(
        title="待翻译",
        body="原文。",
        translation_status=Article.Status.AWAITING,
        original_title="待翻译",
        original_body="原文。",
    )

    exported = lines(client.get(URL))

    assert sorted(row["title"] for row in exported) == ["Quota auction results", "Second release"]
    detail = client.get(f"/api/articles/{first.slug}/").json()
    assert next(row for row in exported if row["slug"] == first.slug) == detail


def test_the_export_is_built_once_per_change_and_revalidates(
    client, make_article, export_dir, django_assert_max_num_queries
):
    article = make_article(title="Before")
    response = client.get(URL)
    lines(response)
    built = list(export_dir.glob("*.jsonl.gz"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns

    with django_assert_max_num_queries(2):  # the content version and the rate limit's own
        again = client.get(URL)
    assert lines(again)[0]["title"] == "Before"
    assert built[0].stat().st_mtime_ns == stamp
    assert client.get(URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    article.title = "After"
    article.save()
    changed = client.get(URL)
    assert changed["ETag"] != response["ETag"]
    assert lines(changed)[0]["title"] == "After"
    assert [path.name for path in export_dir.glob("*.jsonl.gz")] != [built[0].name]
    assert len(list(export_dir.glob("*.jsonl.gz"))) == 1  # the older one is gone


def test_an_empty_portal_exports_an_empty_file(client, db):
    assert lines(client.get(URL)) == []


def test_a_large_corpus_is_built_by_the_command_and_served_while_it_catches_up(
    client, make_article, settings, capsys
):
    from django.core.management import call_command

    settings.EXPORT_BUILT_BY_REQUEST = 1
    article = make_article(title="First")
    make_article(title="Second")

    not_yet = client.get(URL)
    assert not_yet.status_code == 503 and not_yet["Retry-After"]
    assert "being prepared" in not_yet.json()["errors"]["export"]

    call_command("build_export", site="https://carbon.example.org")
    assert "Built releases-" in capsys.readouterr().out
    served = client.get(URL)
    rows = lines(served)
    assert sorted(row["title"] for row in rows) == ["First", "Second"]
    assert rows[0]["url"].startswith("https://carbon.example.org/")

    article.title = "First, corrected"
    article.save()
    # Until the command runs again, the newest export built is served, under its own version.
    behind = client.get(URL)
    assert behind["ETag"] == served["ETag"]
    assert "First" in [row["title"] for row in lines(behind)]
    call_command("build_export", site="https://carbon.example.org")
    caught_up = client.get(URL)
    assert caught_up["ETag"] != served["ETag"]
    assert "First, corrected" in [row["title"] for row in lines(caught_up)]
    call_command("build_export", site="https://carbon.example.org")
    assert "built already" in capsys.readouterr().out
