import pytest


@pytest.mark.browser
def test_release_list_opens_a_release_in_chromium(live_server, page, make_article):
    make_article(title="Guangdong holds 2024 low-carbon theme publicity event")

    page.goto(live_server.url + "/articles/")
    page.get_by_role("link", name="Guangdong holds 2024 low-carbon theme publicity event").click()

    assert (
        page.locator("h1").inner_text() == "Guangdong holds 2024 low-carbon theme publicity event"
    )
