"""The editors' workbench in Chromium: a filtered queue, a flag's glossary fix,
Save and next by keyboard, and axe-core on the editorial pages."""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles.editorial.quality import refresh_quality_flags
from articles.models import Article, GlossaryTerm

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser


@pytest.fixture
def flagged_queue(make_article, make_editor):
    make_editor("editor")
    GlossaryTerm.objects.create(preferred="carbon inclusion (Puhui)", wrong_renderings="carbon GSP")
    releases = [
        make_article(
            title=f"Guangdong carbon pilots, part {n}",
            body=f"Guangdong held event {n}.\n\nThe carbon GSP platform {n} opened. "
            "More than 2.47 million tons of certified reductions were issued.\n\n"
            "Cities across the province took part.",
            original_title=f"广东碳普惠试点（{n}）",
            original_body=f"广东举办活动{n}。\n\n碳普惠平台{n}上线，签发核证减排量超过247万吨。"
            "\n\n全省各市参与。",
            alignment=[[[0], [0]], [[1], [1]], [[2], [2]]],
            published_on=datetime.date(2024, 6, 30 - n),
        )
        for n in (1, 2, 3)
    ]
    make_article(title="A clean release", body="Nothing to flag.")
    for article in Article.objects.all():
        refresh_quality_flags(article)
    return releases


def log_in(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-1234567")
    page.click("input[type=submit]")


def test_an_editor_works_a_flagged_queue_with_the_glossary_fix_and_save_and_next(
    live_server, page, screenshot, flagged_queue
):
    first, second, _ = flagged_queue
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.get_by_role("link", name="open flags", exact=True).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    title_cell = page.locator("#result_list .field-title").first
    assert title_cell.bounding_box()["width"] >= 250  # readable at 1280 px
    screenshot("workbench-queue")

    page.get_by_role("link", name=first.title).click()
    expect(page.locator(".queue-position")).to_contain_text("1 of 3")
    # Original | machine text | correction, side by side, one row per paragraph.
    row = page.locator("#body-paragraph-2")
    original, machine, correction = (
        row.locator(".parallel-original"),
        row.locator(".parallel-machine"),
        row.locator("textarea"),
    )
    expect(original).to_contain_text("碳普惠平台1上线")
    expect(machine).to_contain_text("The carbon GSP platform 1 opened.")
    boxes = [cell.bounding_box() for cell in (original, machine, correction)]
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    assert abs(boxes[0]["y"] - boxes[2]["y"]) < 40  # on one line
    assert page.locator(".parallel-row:not(.parallel-head)").count() == 4  # title and 3
    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot("workbench-aligned")
    assert height <= 2.3 * 900, height  # about two screens of 900 px
    before = correction.bounding_box()["height"]
    correction.press("End")
    correction.type(" Another sentence that is long enough to need a new line." * 3)
    assert correction.bounding_box()["height"] > before  # the box grows with its text
    correction.fill(flagged_queue[0].body.split("\n\n")[1])
    page.get_by_role("link", name="paragraph 2").click()
    assert page.url.endswith("#body-paragraph-2")
    expect(page.locator("#body-paragraph-2")).to_be_in_viewport()

    page.get_by_role("button", name="Write “carbon inclusion (Puhui)”").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Replaced “carbon GSP” with “carbon inclusion (Puhui)”"
    )
    expect(page.locator("#id_body_1")).to_have_value(
        re.compile(r"The carbon inclusion \(Puhui\) platform 1 opened\.")
    )
    expect(page.locator(".editorial-flags")).to_have_count(0)
    screenshot("workbench-fixed")

    page.locator("#id_body_1").focus()
    page.keyboard.press("Control+Enter")

    expect(page).to_have_url(re.compile(rf"/article/{second.pk}/change/\?_changelist_filters="))
    expect(page.locator(".queue-position")).to_contain_text("1 of 2")
    assert "flags%3Dopen" in page.url
    first.refresh_from_db()
    assert "\n\nThe carbon inclusion (Puhui) platform 1 opened. More" in first.body
    notes = [record.history_change_reason or "" for record in first.history.all()]
    assert any(note.startswith("Glossary fix:") for note in notes)


def test_editorial_pages_pass_axe(live_server, page, screenshot, flagged_queue):
    if not AXE.exists():
        message = f"axe-core is missing: run `npm ci` ({AXE.relative_to(ROOT)})"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    first = flagged_queue[0]
    first.body = first.body.replace("held event", "held the event")
    first.save_revision(note="A correction")
    older, newer = first.history.order_by("history_date")
    axe_source = AXE.read_text()
    page.route(
        "**/__axe.js", lambda route: route.fulfill(body=axe_source, content_type="text/javascript")
    )
    log_in(page, live_server)
    admin = f"{live_server.url}/admin/articles"
    pages = {
        "change-form": f"{admin}/article/{first.pk}/change/?_changelist_filters=flags%3Dopen",
        "change-list": f"{admin}/article/?flags=open",
        "glossary-list": f"{admin}/glossaryterm/",
        "glossary-occurrences": f"{admin}/glossaryterm/occurrences/",
        "history": f"{admin}/article/{first.pk}/history/",
        "compare": f"{admin}/article/{first.pk}/revisions/compare/?from={older.pk}&to={newer.pk}",
        "restore": f"{admin}/article/{first.pk}/revisions/{older.pk}/restore/",
    }
    violations = {}

    def check(name):
        # Folded fieldsets too: their widgets must have names when opened.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        page.add_script_tag(url=live_server.url + "/__axe.js")
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', "
            "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if found:
            violations[name] = found
        screenshot(f"workbench-{name}")

    for name, url in pages.items():
        response = page.goto(url)
        assert response.status == 200, name
        check(name)
    page.goto(pages["glossary-occurrences"])
    page.get_by_role("button", name="Select none").click()
    expect(page.locator('input[name="occurrence"]:checked')).to_have_count(0)
    page.get_by_role("button", name="Select all").click()
    expect(page.locator('input[name="occurrence"]:checked')).to_have_count(3)
    page.get_by_role("button", name="Preview replacements").click()
    expect(page.locator(".occurrence-article").first).to_contain_text("Revision note")
    check("glossary-preview")

    assert violations == {}, "\n".join(f"{k}: {v}" for k, v in violations.items())


def test_without_scripts_the_rows_still_save_the_body(live_server, browser, flagged_queue):
    first = flagged_queue[0]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/{first.pk}/change/")

    page.fill("#id_body_2", "Every city in the province took part.\n\nA paragraph of its own.")
    page.fill("#id_pairing", "1=1; 2=2; 3=3")
    page.click('input[name="_continue"]')

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    first.refresh_from_db()
    assert first.body.endswith(
        "were issued.\n\nEvery city in the province took part.\n\nA paragraph of its own."
    )
    expect(page.locator("#id_body_2")).to_have_value(
        "Every city in the province took part.\n\nA paragraph of its own."
    )
    context.close()
