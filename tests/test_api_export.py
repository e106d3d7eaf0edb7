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
