"""Real-browser tests: Debian's Chromium driven by Playwright against a live server.

Outside CI they skip, with the reason, when Chromium, Java or the Nu Html
Checker is missing; in CI (env CI set) a missing tool fails them instead, as
`.ci/run` installs everything they need.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.helpers import BrowserPage

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "var/node/node_modules/vnu-jar/build/dist/vnu.jar")
)
SCREENSHOTS = ROOT / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--metrics-recording-only",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def missing_tools():
    """What the browser suite needs and this machine lacks, in words."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if not shutil.which("java"):
        missing.append("Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(
            f"the Nu Html Checker ({VNU_JAR}; npm install --prefix var/node vnu-jar)"
        )
    return missing


@pytest.fixture(scope="session")
def browser():
    missing = missing_tools()
    if missing:
        message = "browser tests need " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live
    # server's database calls from the tests themselves are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(transactional_db, live_server, browser):
    """The live server with the brochure's content, as `make run` serves it."""
    call_command("load_initial_data", stdout=StringIO())
    return live_server


@pytest.fixture
def page(browser, site):
    """A fresh browser tab (desktop size) that records what it requests.

    Fails the test if the page asked any host but the live server, or logged a
    console error.
    """
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR"
    )
    tab = BrowserPage(context.new_page(), site.url)
    yield tab
    context.close()
    tab.assert_clean()


@pytest.fixture
def page_states(site, settings):
    """Pages in the states a layout must survive (tests/browser/page_states.py),
    name -> path, with their photos served by the live server."""
    from tests.browser import page_states as states

    settings.ROOT_URLCONF = "tests.browser.media_urls"
    return {
        "town-full-story": states.town_with_full_story(),
        "town-one-section": states.town_with_one_section(),
        "event-photos-long": states.event_with_photos_and_long_text(),
        "event-short": states.event_with_a_line_and_no_photo(),
    }
