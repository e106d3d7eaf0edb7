"""The reading side in a real Chromium: search, filters, feeds, the map and
reporting a problem, with axe-core and the Nu HTML checker on the main pages
and screenshots at phone and desktop widths (test-artifacts/)."""

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache

from articles.models import Organization, PolicyFacet, ProblemReport, Region, Topic

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

pytestmark = pytest.mark.browser


def require(path, what):
    if path.exists():
        return
    message = f"{what} is missing: run `npm ci` ({path.relative_to(ROOT)})"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def portal(seeded, make_article, make_source):
    """The real gazetteer, organizations and topics, with a few releases."""
    guangdong = Region.objects.get(slug="guangdong")
    shenzhen = Region.objects.get(slug="shenzhen")
    qinghai = Region.objects.get(slug="qinghai")
    organization = Organization.objects.filter(region=qinghai).first()
    market, ccer = (
        Topic.objects.get(slug="carbon-market"),
        Topic.objects.get(slug="ccer-and-offsets"),
    )
    source = make_source(name="China Carbon Credit Platform Mirror", url="https://example.org/")
    articles = {
        "market": make_article(
            title="Guangdong carbon emission quota auction results",
            body="The Guangdong carbon market held its quarterly quota auction.\n\n"
            "Companies bought allowances for the compliance period.",
            regions=[shenzhen],
            topics=[market],
            source=source,
            source_url="https://example.org/release/1",
            published_on=datetime.date(2024, 5, 15),
            date_precision="day",
        ),
        "ccer": make_article(
            title="Qinghai issues CCER project certificates",
            body="The Qinghai Provincial Department of Ecology and Environment issued CCER "
            "certificates.\n\nThe projects include forestry carbon sinks.",
            regions=[qinghai],
            organizations=[organization],
            topics=[ccer],
            published_on=datetime.date(2024, 3, 1),
            date_precision="month",
        ),
    }
    facets = {facet.slug: facet for facet in PolicyFacet.objects.all()}
    articles["market"].document_type = facets["data-statistics"]
    articles["market"].save()
    articles["market"].facets.set(
        [facets["emissions-trading"], facets["power"], facets["provincial"]]
    )
    articles["ccer"].document_type = facets["notice"]
    articles["ccer"].save()
    articles["ccer"].facets.set([facets["ccer-offsets"], facets["forestry-sinks"]])
    for n in range(6):
        make_article(
            title=f"Low-carbon publicity week event {n}",
            regions=[guangdong if n % 2 else qinghai],
            published_on=datetime.date(2024, 1 + n, 10),
        )
    return {"guangdong": guangdong, "qinghai": qinghai, "organization": organization, **articles}


def test_search_shows_highlighted_results(live_server, page, portal, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search all releases").fill("quota auction")
    page.get_by_role("searchbox", name="Search all releases").press("Enter")

    assert "q=quota+auction" in page.url
    assert page.locator(".card h3").first.inner_text() == (
        "Guangdong carbon emission quota auction results"
    )
    assert page.locator(".card mark").first.inner_text().lower() in ("quota", "auction")
    screenshot("search-desktop")


def test_filtering_by_place_and_topic_makes_a_shareable_url(live_server, page, portal):
    page.goto(live_server.url + "/articles/")
    page.get_by_label("Place").select_option("guangdong")
    page.get_by_label("Topic").select_option("carbon-market")
    page.get_by_role("button", name="Apply filters").click()

    assert "region=guangdong" in page.url and "topic=carbon-market" in page.url
    titles = page.locator(".card h3").all_inner_texts()
    assert "Guangdong carbon emission quota auction results" in titles
    assert "Qinghai issues CCER project certificates" not in titles

    page.goto(page.url)  # the same address gives the same list
    assert page.locator(".card h3").all_inner_texts() == titles


@pytest.mark.parametrize("width", WIDTHS)
def test_filtering_by_policy_facets_keeps_the_state_in_the_url(
    live_server, page, portal, width, screenshot
):
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_server.url + "/articles/")
    page.get_by_label("Document type").select_option("notice")
    page.get_by_label("Sector").select_option("forestry-sinks")
    page.get_by_role("button", name="Apply filters").click()

    assert "document_type=notice" in page.url and "sector=forestry-sinks" in page.url
    assert page.locator(".card h3").all_inner_texts() == [
        "Qinghai issues CCER project certificates"
    ]
    # The choices count what the filtered list holds, and the page says what is chosen.
    assert (
        page.get_by_label("Policy instrument")
        .locator("option", has_text="CCER and offsets (1)")
        .count()
        == 1
    )
    screenshot(f"facets-{width}")

    page.goto(live_server.url + portal["ccer"].get_absolute_url())
    page.get_by_role("link", name="Notice").click()
    assert page.url.endswith("/articles/?document_type=notice")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_splits_months_by_a_facet_and_each_bar_opens_its_month(
    live_server, page, portal, width, screenshot
):
    page.set_viewport_size(WIDTHS[width])
    page.goto(live_server.url + "/articles/")
    page.get_by_role("link", name="a timeline").click()
    page.get_by_label("Split each month by").select_option("document_type")
    page.get_by_role("button", name="Show").click()

    assert "stack=document_type" in page.url
    legend = page.locator(".timeline-legend li").all_inner_texts()
    assert "Notice" in legend and "Data or statistics" in legend
    # The chart fits the screen: it scales rather than scroll the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    screenshot(f"timeline-{width}")

    page.locator('a[aria-label="March 2024, Notice: 1"]').click()
    assert "date_after=2024-03-01" in page.url and "document_type=notice" in page.url
    assert page.locator(".card h3").all_inner_texts() == [
        "Qinghai issues CCER project certificates"
    ]


def test_feed_link_in_the_head_serves_the_filtered_feed(live_server, page, portal):
    page.goto(live_server.url + "/articles/?topic=ccer-and-offsets")
    href = page.locator('link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")

    response = page.request.get(live_server.url + href)

    assert href.endswith("?topic=ccer-and-offsets")
    assert response.ok
    assert "Qinghai issues CCER project certificates" in response.text()
    assert "Guangdong carbon emission" not in response.text()


def test_clicking_a_province_on_the_map_opens_its_page(live_server, page, portal):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=re.compile(r"^Guangdong: \d+ releases")).click()

    assert page.url.endswith("/regions/guangdong/")
    assert "Guangdong carbon emission quota auction results" in page.content()


def test_the_chinese_map_names_each_province_in_chinese(live_server, page, portal):
    guangdong = portal["guangdong"]
    assert guangdong.name_zh
    page.goto(live_server.url + "/zh-hans/")
    tile = page.get_by_role("link", name=re.compile(rf"^{guangdong.name_zh}：\d+ 条发布$"))

    assert tile.count() == 1
    tile.click()
    assert page.url.endswith("/zh-hans/regions/guangdong/")


def test_reader_reports_a_translation_problem(live_server, page, portal, settings, screenshot):
    settings.PROBLEM_REPORT_MIN_SECONDS = 0
    cache.clear()
    page.goto(live_server.url + portal["market"].get_absolute_url())
    page.get_by_role("link", name="Report a problem with this release").click()
    page.get_by_label("The sentence that is wrong").fill("Companies bought allowances.")
    page.get_by_label("Your suggested translation").fill("Companies bought emission allowances.")
    page.get_by_role("button", name="Send report").click()

    assert page.get_by_role("status").inner_text().startswith("Thank you")
    report = ProblemReport.objects.get()
    assert report.article == portal["market"] and report.status == "new"
    screenshot("report-sent-desktop")


def test_main_pages_pass_axe_and_the_nu_html_checker(
    live_server, page, portal, screenshot, tmp_path
):
    require(AXE, "axe-core")
    require(VNU, "The Nu HTML checker (vnu-jar)")
    if not shutil.which("java"):
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    axe_source = AXE.read_text()
    # Served from the site's own origin, so the strict CSP lets it run.
    page.route(
        "**/__axe.js", lambda route: route.fulfill(body=axe_source, content_type="text/javascript")
    )
    refused = []
    page.on(
        "console", lambda msg: "Content Security Policy" in msg.text and refused.append(msg.text)
    )
    pages = {
        "home": "/",
        "list": "/articles/",
        "search": "/articles/?q=carbon&region=guangdong",
        "facets": "/articles/?document_type=notice&sector=forestry-sinks&level=provincial",
        "timeline": "/articles/timeline/?stack=sector",
        "api": "/api/",
        "timeline-zh": "/zh-hans/articles/timeline/?stack=document_type",
        "detail": portal["ccer"].get_absolute_url(),
        "report": portal["ccer"].get_absolute_url() + "report/",
        "region": "/regions/guangdong/",
        "organization": portal["organization"].get_absolute_url(),
        "places": "/regions/",
        "topics": "/topics/",
        "home-zh": "/zh-hans/",
        "detail-zh": "/zh-hans" + portal["market"].get_absolute_url(),
    }
    violations, files = {}, []
    for name, path in pages.items():
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            page.add_script_tag(url=live_server.url + "/__axe.js")
            result = page.evaluate(
                "async () => await axe.run(document, {runOnly: {type: 'tag', "
                "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
            found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
            if found:
                violations[f"{name}-{width}"] = found
            screenshot(f"{name}-{width}")
        html = tmp_path / f"{name}.html"
        html.write_text(page.request.get(live_server.url + path).text(), encoding="utf-8")
        files.append(str(html))

    # A page known to be invalid: the checker must find it, so a checker
    # that ran on nothing (it then prints nothing) cannot pass for a clean run.
    canary = tmp_path / "canary.html"
    canary.write_text("<p>no doctype", encoding="utf-8")
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", str(canary), *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    reported = [
        (Path(m.get("url", "")).name, m.get("lastLine"), m["message"])
        for m in json.loads(checked.stderr)["messages"]
    ]
    assert checked.returncode == 1 and any(name == "canary.html" for name, _, _ in reported)
    errors = [error for error in reported if error[0] != "canary.html"]

    assert violations == {}
    assert errors == []
    assert refused == []
