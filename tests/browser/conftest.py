"""Browser tests: Playwright driving Debian's Chromium against the live server.

Where Chromium is missing the tests are skipped with a reason, unless
REQUIRE_BROWSER is set (as CI does), which turns the skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

# pytest-playwright runs an event loop in the main thread; the ORM calls the
# tests make around it are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.slow)  # a browser starts for them
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(
            "REQUIRE_BROWSER is set but Chromium is not installed (apt-get install chromium)."
        )
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ (kept out of git)."""

    def take(name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
