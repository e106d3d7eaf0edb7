"""How long a scripted editor takes to correct ten releases in Chromium at
1280 px: through the queue (open the first, correct, Ctrl+Enter: saved and
the next one opens) against the plain way (open the change list, click the
release, correct, Save, back on the list, click the next). Median of three
runs each, the two ways taking turns; the figures are printed.

    .venv/bin/python manage.py collectstatic --noinput
    .venv/bin/pytest -s -q tests/load/workbench_timing.py

The same correction each time (one paragraph of each release rewritten), so
the difference is the walking between releases, not the typing.
"""

import datetime
import statistics
import time

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.conftest import browser_type_launch_args  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

RELEASES = 10
RUNS = 3
MACHINE_BODY = (
    "The province held a carbon market training for {n} key emitting enterprises.\n\n"
    "The carbon GSP platform recorded {n} thousand tons of reductions.\n\n"
    "Cities across the province took part."
)
CORRECTED = "The carbon inclusion (Puhui) platform recorded {n} thousand tons of reductions."


@pytest.fixture
def releases(make_article, make_source, make_editor):
    make_editor("editor")
    source = make_source(name="Hubei Ecology and Environment")
    make_article(title="A release of another source", body="Elsewhere.")
    return [
        make_article(
            title=f"Hubei carbon market notice {n}",
            body=MACHINE_BODY.format(n=n),
            original_body="湖北举办碳市场培训。\n\n碳普惠平台记录减排量。\n\n全省各市参与。",
            alignment=[[[0], [0]], [[1], [1]], [[2], [2]]],
            source=source,
            published_on=datetime.date(2024, 6, 1) + datetime.timedelta(days=RELEASES - n),
        )
        for n in range(1, RELEASES + 1)
    ]


def reset(releases):
    for article in releases:
        Article.objects.filter(pk=article.pk).update(
            body=article.machine_body, translation_status=Article.Status.MACHINE
        )


def correct(page, n):
    box = page.locator("#id_body_1")
    expect(box).to_contain_text(f"platform recorded {n} thousand")
    box.fill(CORRECTED.format(n=n))


def through_the_queue(page, list_url, releases):
    page.goto(list_url)
    page.get_by_role("link", name=releases[0].title, exact=True).click()
    for n in range(1, len(releases) + 1):
        expect(page.locator(".queue-position")).to_contain_text(f"of {RELEASES - n + 1}")
        correct(page, n)
        page.locator("#id_body_1").press("Control+Enter")
        page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text("That was the last release")


def the_plain_way(page, list_url, releases):
    for n, article in enumerate(releases, start=1):
        page.goto(list_url)
        page.get_by_role("link", name=article.title, exact=True).click()
        correct(page, n)
        page.locator('input[name="_save"]').click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def test_correcting_ten_releases_through_the_queue_against_the_plain_way(
    live_server, page, releases
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-1234567")
    page.click("input[type=submit]")
    source = releases[0].source_id
    queue_url = (
        f"{live_server.url}/admin/articles/article/"
        f"?source__id__exact={source}&translation_status__exact=machine"
    )
    list_url = f"{live_server.url}/admin/articles/article/?source__id__exact={source}"
    timings = {"queue": [], "plain": []}
    for _ in range(RUNS):
        for name, walk, url in (
            ("queue", through_the_queue, queue_url),
            ("plain", the_plain_way, list_url),
        ):
            reset(releases)
            started = time.perf_counter()
            walk(page, url, releases)
            timings[name].append(time.perf_counter() - started)
            corrected = Article.objects.filter(body__contains="carbon inclusion (Puhui)")
            assert corrected.count() == RELEASES, name
    queue, plain = (statistics.median(timings[name]) for name in ("queue", "plain"))
    print(
        f"\nTen releases corrected, median of {RUNS} runs: through the queue {queue:.2f} s, "
        f"the plain way {plain:.2f} s; the queue takes {queue / plain:.0%} of the time "
        f"(runs: queue {', '.join(f'{t:.2f}' for t in timings['queue'])}; "
        f"plain {', '.join(f'{t:.2f}' for t in timings['plain'])})."
    )
    assert queue < plain
