import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Organization

REPORT_KEYS = {
    "input",
    "status",
    "error",
    "title",
    "published_on",
    "date_precision",
    "source",
    "regions",
    "organizations",
    "url",
    "warnings",
}


@pytest.fixture
def batch(tmp_path, make_source, make_region):
    make_region(name="Fujian")
    make_source(name="China Carbon Credit Platform")
    folder = tmp_path / "batch"
    (folder / "nested").mkdir(parents=True)
    (folder / "one.txt").write_text(
        "China Carbon Credit Platform\n\nFujian acts\n\nRelease Time3 months ago\n\nFujian acts.\n"
    )
    (folder / "nested" / "two.jsonl").write_text(
        json.dumps({"title": "Second", "body": "Body.", "published": "2024-05-15"}) + "\n"
    )
    return folder


def command(*args):
    out, err = StringIO(), StringIO()
    call_command("import_releases", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_record_imported_exits_0_with_a_summary(batch):
    out, err = command(batch, "--retrieved-at", "2024-09-15")

    assert "2 created, 0 updated, 0 unchanged, 0 conflicts, 0 errors" in out
    assert "records/s" in out
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    assert Article.objects.count() == 2


def test_any_failed_record_exits_1_and_the_good_ones_are_imported(batch):
    (batch / "empty.txt").write_bytes(b"")
    (batch / "nested" / "two.jsonl").write_text('{"title": "Good", "body": "B"}\nnot json\n')

    with pytest.raises(CommandError) as failure:
        command(batch, "--retrieved-at", "2024-09-15")

    assert failure.value.returncode == 1
    assert Article.objects.count() == 2


def test_errors_name_the_file_and_line(batch):
    (batch / "nested" / "two.jsonl").write_text('{"title": "Good", "body": "B"}\nnot json\n')
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_releases", str(batch), stdout=StringIO(), stderr=err)

    assert f"{batch / 'nested' / 'two.jsonl'}:2: error: invalid JSON" in err.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["/no/such/place"],
        ["{batch}", "--retrieved-at", "last tuesday"],
        ["{batch}", "--source", "No Such Publisher"],
        ["{batch}", "--report", "/no/such/dir/report.jsonl"],
    ],
)
def test_usage_errors_exit_2_and_import_nothing(batch, args):
    with pytest.raises(CommandError) as failure:
        command(*[arg.format(batch=batch) for arg in args])

    assert failure.value.returncode == 2
    assert Article.objects.count() == 0


def test_report_has_one_object_per_record_with_exactly_the_documented_keys(batch, tmp_path):
    (batch / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    report = tmp_path / "report.jsonl"

    with pytest.raises(CommandError):
        command(batch, "--retrieved-at", "2024-09-15T12:00:00+08:00", "--report", report)

    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert [set(line) for line in lines] == [REPORT_KEYS] * 3
    by_input = {line["input"].rsplit("/", 1)[1]: line for line in lines}
    assert by_input["bad.txt"]["status"] == "error"
    assert by_input["bad.txt"]["error"] == "binary file (not text)"
    one = by_input["one.txt"]
    assert (one["status"], one["published_on"], one["date_precision"]) == (
        "created",
        "2024-06-01",
        "month",
    )
    assert (one["source"], one["regions"]) == ("China Carbon Credit Platform", ["Fujian"])
    assert one["url"] == Article.objects.get(title="Fujian acts").get_absolute_url()
    assert by_input["two.jsonl:1"]["published_on"] == "2024-05-15"


def test_dry_run_writes_nothing_but_reports(batch, tmp_path):
    report = tmp_path / "report.jsonl"

    out, _ = command(batch, "--dry-run", "--report", report)

    assert out.startswith("Dry run, nothing written: 2 created")
    assert Article.objects.count() == 0
    assert len(report.read_text().splitlines()) == 2


def test_source_option_names_the_publisher_of_files_without_one(tmp_path, make_source):
    source = make_source(
        name="Haiyan County People's Government", aliases="Haiyan County Government"
    )
    path = tmp_path / "release.txt"
    path.write_text("A title\n\nRelease date: 2022-07-28\n\nThe body.")

    command(path, "--source", "haiyan county government")

    assert Article.objects.get().source == source


def test_second_run_is_unchanged(batch):
    command(batch, "--retrieved-at", "2024-09-15")

    out, _ = command(batch, "--retrieved-at", "2024-09-15")

    assert "0 created, 0 updated, 2 unchanged" in out


def test_bench_import_measures_and_leaves_nothing_behind(make_region, make_source):
    make_region(name="Fujian")
    make_source(name="China Carbon Credit Platform")
    out = StringIO()

    call_command(
        "bench_import", "--releases", "20", "--organizations", "50", "--runs", "1", stdout=out
    )

    assert "releases/s" in out.getvalue()
    assert Article.objects.count() == 0
    assert Organization.objects.count() == 0


def test_relative_dates_count_back_from_the_file_time_by_default(tmp_path, make_source):
    import datetime
    import os

    make_source(name="China Carbon Credit Platform")
    page = tmp_path / "page.txt"
    page.write_text(
        "China Carbon Credit Platform\n\nA release\n\nRelease Time4 months ago\n\nText.\n"
    )
    scraped = datetime.datetime(2024, 9, 15, 4, 0, tzinfo=datetime.UTC)
    os.utime(page, (scraped.timestamp(), scraped.timestamp()))

    command(page)

    article = Article.objects.get()
    assert article.retrieved_at == scraped
    assert (str(article.published_on), article.date_precision) == ("2024-05-01", "month")


CHINESE_PAGE = (
    "五华县开展全国低碳日宣传活动\n\n发布时间：2022-06-16\n\n"
    "6月15日，五华县在县城公园开展宣传活动。\n"
)
HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Fujian opens a carbon inclusion platform - Example Government</title>
<meta name="pubdate" content="2023-07-12"></head><body>
<div class="nav"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>
<h1>Fujian opens a carbon inclusion platform</h1>
<div class="content"><p>Fujian has opened an online platform on which residents earn carbon credits
for walking, cycling and taking buses, the provincial department said on Wednesday.</p>
<p>More than 3,000 residents registered on the first day of the scheme.</p></div>
<div class="footer">Copyright © Example Government. All Rights Reserved.</div>
</body></html>"""


def test_a_chinese_page_is_imported_awaiting_translation_and_kept_off_public_pages(
    batch, tmp_path, client, make_region
):
    make_region(name="Wuhua County", name_zh="五华县", kind="county")
    (batch / "zh.txt").write_text(CHINESE_PAGE, encoding="utf-8")
    report = tmp_path / "report.jsonl"

    out, err = command(batch, "--retrieved-at", "2024-09-15", "--report", report)

    assert "3 created" in out and "0 errors" in out
    lines = {
        json.loads(line)["input"].rsplit("/", 1)[1]: json.loads(line)
        for line in report.read_text().splitlines()
    }
    assert lines["zh.txt"]["status"] == "created"
    assert "in Chinese only: imported as awaiting translation" in lines["zh.txt"]["warnings"]
    assert lines["zh.txt"]["title"] == "五华县开展全国低碳日宣传活动"
    waiting = Article.objects.get(translation_status=Article.Status.AWAITING)
    assert waiting.original_title == "五华县开展全国低碳日宣传活动"
    assert waiting.original_body.startswith("6月15日，五华县")
    assert str(waiting.published_on) == "2022-06-16"
    assert [region.name for region in waiting.regions.all()] == ["Wuhua County"]
    assert waiting not in Article.objects.published()
    assert client.get(waiting.get_absolute_url()).status_code == 404
    listing = client.get("/articles/").content.decode()
    assert "五华县" not in listing
    feed = client.get("/feeds/releases.atom").content.decode()
    assert "五华县" not in feed
    assert client.get("/api/articles/").json()["count"] == 2


def test_saved_web_pages_are_imported_by_their_main_text(batch):
    (batch / "page.html").write_text(HTML_PAGE, encoding="utf-8")

    command(batch, "--retrieved-at", "2024-09-15")

    article = Article.objects.get(title="Fujian opens a carbon inclusion platform")
    assert str(article.published_on) == "2023-07-12"
    assert article.body.startswith("Fujian has opened an online platform")
    assert "Copyright" not in article.body and "Home" not in article.body
    assert list(article.regions.values_list("name", flat=True)) == ["Fujian"]


def test_a_json_line_may_carry_the_page_as_html(batch):
    (batch / "nested" / "two.jsonl").write_text(json.dumps({"html": HTML_PAGE}) + "\n")

    command(batch, "--retrieved-at", "2024-09-15")

    article = Article.objects.get(title="Fujian opens a carbon inclusion platform")
    assert article.body.endswith("registered on the first day of the scheme.")


def test_report_lists_each_records_warnings(batch, tmp_path):
    (batch / "undated.txt").write_text(
        "Fujian plants trees\n\nFujian planted trees on the hills.\n"
    )
    report = tmp_path / "report.jsonl"

    command(batch, "--retrieved-at", "2024-09-15", "--report", report)

    lines = [json.loads(line) for line in report.read_text().splitlines()]
    undated = next(line for line in lines if line["input"].endswith("undated.txt"))
    assert undated["warnings"] == ["no date line; left undated"]


def test_the_summary_says_when_relative_dates_count_back_from_file_times(batch):
    out, _ = command(batch)

    assert "counted back from the files' modification times" in out
    assert "give --retrieved-at" in out
    out, _ = command(batch, "--retrieved-at", "2024-09-15")
    assert "modification times" not in out


def test_a_lone_surrogate_is_refused_clearly_and_the_report_still_lists_every_record(
    batch, tmp_path
):
    lines = [json.dumps({"title": f"Good {n}", "body": "Fujian acts."}) for n in range(3)]
    lines.insert(1, '{"title": "Bad \\ud800 title", "body": "Fujian acts."}')
    (batch / "nested" / "two.jsonl").write_text("\n".join(lines) + "\n")
    report = tmp_path / "report.jsonl"

    with pytest.raises(CommandError):
        command(batch, "--retrieved-at", "2024-09-15", "--report", report)

    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert [r["status"] for r in records] == ["created", "error", "created", "created", "created"]
    assert "lone UTF-16 surrogate" in records[1]["error"]
    assert Article.objects.count() == 4


def test_a_file_name_that_is_not_utf8_is_escaped_in_the_report(batch, tmp_path):
    odd_name = os.fsdecode(b"\xb8\xa3\xbd\xa8.txt")  # GBK bytes: not UTF-8
    (batch / odd_name).write_text("China Carbon Credit Platform\n\nFujian\n\nFujian acts.\n")
    report = tmp_path / "report.jsonl"

    command(batch, "--retrieved-at", "2024-09-15", "--report", report)

    text = report.read_text(encoding="utf-8")  # strict: the report is valid UTF-8
    inputs = [json.loads(line)["input"] for line in text.splitlines()]
    assert "\\udcb8\\udca3\\udcbd\\udca8.txt" in text  # JSON's escapes give back the name
    assert inputs[-1].endswith(odd_name)


def test_links_out_of_a_batch_folder_are_not_followed(batch, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret notes\n\nThe root password is hunter2.\n")
    (batch / "passwd.txt").symlink_to("/etc/passwd")
    (batch / "secret.txt").symlink_to(secret)
    (batch / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (batch / "nested" / "again.txt").symlink_to(batch / "one.txt")  # inside: followed
    report = tmp_path / "report.jsonl"

    with pytest.raises(CommandError) as failure:
        command(batch, "--retrieved-at", "2024-09-15", "--report", report)

    assert failure.value.returncode == 1
    records = {Path(r["input"]).name: r for r in map(json.loads, report.read_text().splitlines())}
    for name in ("passwd.txt", "secret.txt", "dangling.txt"):
        assert records[name]["status"] == "error"
        assert "symbolic link out of the batch folder" in records[name]["error"]
    assert {records["again.txt"]["status"], records["one.txt"]["status"]} == {
        "created",
        "unchanged",
    }
    assert not Article.objects.filter(body__contains="hunter2").exists()
    assert not Article.objects.filter(body__contains="root:").exists()
    assert Article.objects.count() == 2


def test_a_link_named_explicitly_is_the_operators_choice(tmp_path, make_source):
    make_source(name="China Carbon Credit Platform")
    page = tmp_path / "elsewhere" / "page.txt"
    page.parent.mkdir()
    page.write_text("China Carbon Credit Platform\n\nFujian acts\n\nFujian acts.\n")
    (tmp_path / "link.txt").symlink_to(page)

    out, _ = command(tmp_path / "link.txt", "--retrieved-at", "2024-09-15")

    assert "1 created" in out
