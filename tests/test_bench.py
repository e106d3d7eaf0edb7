"""The benchmark runs end to end (its timings are for `make bench`, not tests)."""

import json

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.tooling.page_bench import format_table, time_pages

pytestmark = pytest.mark.slow


def test_bench_pages_reports_every_page_with_its_queries(seeded, tmp_path, capsys):
    Article.objects.all().delete()  # the benchmark refuses real releases
    path = tmp_path / "bench.json"

    call_command("bench_pages", articles=120, repeat=2, json_path=str(path))

    table = capsys.readouterr().out
    assert "list, page 2,000" in table and "admin change list" in table
    pages = json.loads(path.read_text())["pages"]
    assert {page["status"] for page in pages} == {200}
    assert pages[0]["name"] == "floor" and pages[0]["queries"] == 0
    assert all(page["queries"] > 0 for page in pages[1:])


def test_time_pages_counts_queries_of_the_measured_request(client, make_article):
    make_article()

    floor, listing = time_pages([("list", "/articles/")], client=client, repeat=2)

    assert floor.queries == 0
    assert listing.queries > 0
    assert "list" in format_table([floor, listing], "title")
