"""/favicon.ico is there for browsers and feed readers that ask for it, and
every page points to the icon."""

import urllib.request

import pytest


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


@pytest.mark.django_db
def test_favicon_is_served_as_an_icon_over_http(live_server):
    status, headers, body = fetch(live_server.url + "/favicon.ico")

    assert status == 200
    assert headers["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    # An icon directory of two images (16 and 32 pixels).
    assert body[:4] == b"\x00\x00\x01\x00" and body[4] == 2
    assert len(body) < 10_000


@pytest.mark.django_db
def test_pages_link_to_the_icon_and_its_svg_is_served(live_server):
    _status, _headers, page = fetch(live_server.url + "/articles/")
    html = page.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html

    svg = html.split('type="image/svg+xml"')[0].rsplit('href="', 1)[1].split('"')[0]
    status, headers, body = fetch(live_server.url + svg)
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    assert body.startswith(b"<svg")
