"""The admin in a real browser under the strict Content-Security-Policy: its
scripts (translation tabs, slug pre-filling) still work and the browser
reports no blocked script, style or image."""

import shutil

import pytest
from django.contrib.auth import get_user_model

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="needs Debian's chromium package"),
]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def page(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop running in this thread; the
    # test's own database calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"]
        )
        page = browser.new_page(base_url=live_server.url)
        page.errors = []
        page.on(
            "console",
            lambda message: (
                message.type == "error" and page.errors.append(message.text)
            ),
        )
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and page.errors.append(f"{response.status} {response.url}")
            ),
        )
        page.add_init_script(REPORT_VIOLATIONS)
        yield page
        browser.close()


@pytest.fixture
def editor(initial_data):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )


@pytest.fixture
def logged_in(editor, page):
    # The database is filled before Playwright starts: its sync API runs the
    # test inside a greenlet, where Django would open a second connection.
    page.goto("/en/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_url("**/en/admin/")
    return page


def test_translation_tabs_and_slug_prefill_work_under_the_policy(logged_in):
    page = logged_in
    page.goto("/en/admin/twinning/town/add/")
    tabs = page.locator(".ui-tabs-nav").first
    assert tabs.is_visible()
    tabs.locator("a").nth(0).click()  # French
    page.locator("#id_name_fr").press_sequentially("Besançon")
    page.locator("#id_name_fr").blur()
    assert page.input_value("#id_slug") == "besancon"
    assert not page.locator("#id_name_en").is_visible()
    tabs.locator("a").nth(1).click()  # English
    assert page.locator("#id_name_en").is_visible()
    assert page.errors == []


def test_admin_and_public_pages_trigger_no_policy_violation(logged_in):
    page = logged_in
    for path in [
        "/en/admin/",
        "/en/admin/twinning/town/",
        "/en/admin/twinning/town/?q=Mainz",
        "/en/admin/twinning/organisation/add/",
        "/en/admin/auth/user/",
        "/fr/",
        "/en/twin-towns/",
        "/en/twin-towns/mainz/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")
    assert page.errors == []
