import pytest
from playwright.sync_api import expect

from articles.models import Article


@pytest.mark.browser
def test_editor_corrects_an_article_sees_the_diff_and_marks_it_reviewed(
    live_server, page, screenshot, make_editor, make_article
):
    make_editor("editor")
    article = make_article(
        title="Guangdong holds 2024 low-carbon theme publicity event",
        body="Guangdong has solidly promoted the carbon GSP pilot program.\n\n"
        "More than 150 people attended the on-site event.",
    )

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-1234567")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    page.fill(
        "#id_body",
        "Guangdong has solidly promoted the carbon inclusion (Puhui) pilot program.",
    )
    page.fill("#id_revision_note", "Glossary: carbon inclusion")
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("ins.diff-ins", has_text="inclusion (Puhui)").first).to_be_visible()
    expect(page.locator("del.diff-del", has_text="GSP").first).to_be_visible()
    screenshot("admin-correction")

    page.click("input[name=_mark_reviewed]")

    expect(page.locator(".messagelist")).to_contain_text("is marked reviewed")
    expect(page.locator("td.field-status").first).to_have_text("reviewed")
    article.refresh_from_db()
    assert article.translation_status == Article.Status.REVIEWED
    assert article.body.startswith("Guangdong has solidly promoted the carbon inclusion (Puhui)")
