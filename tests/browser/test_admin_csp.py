"""The admin in a real browser under the strict Content-Security-Policy: its
scripts (translation tabs, slug pre-filling) still work and the browser
reports no blocked script, style or image (the `page` fixture fails a test on
any console error, CSP violations included)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

PASSWORD = "a-long-test-password"


@pytest.fixture
def logged_in(page):
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto("/en/admin/login/")
    page.fill("Username", "editor")
    page.fill("Password", PASSWORD)
    page.click_button("Log in")
    page.page.wait_for_url("**/en/admin/")
    return page


def test_translation_tabs_and_slug_prefill_work_under_the_policy(logged_in):
    tab = logged_in.page
    logged_in.goto("/en/admin/twinning/town/add/")
    tabs = tab.locator(".ui-tabs-nav").first
    expect(tabs).to_be_visible()
    tabs.locator("a").nth(0).click()  # French
    tab.locator("#id_name_fr").press_sequentially("Besançon")
    tab.locator("#id_name_fr").blur()
    expect(tab.locator("#id_slug")).to_have_value("besancon")
    expect(tab.locator("#id_name_en")).to_be_hidden()
    tabs.locator("a").nth(1).click()  # English
    expect(tab.locator("#id_name_en")).to_be_visible()


def test_admin_pages_trigger_no_policy_violation(logged_in):
    for path in [
        "/en/admin/",
        "/en/admin/twinning/town/",
        "/en/admin/twinning/town/?q=Mainz",
        "/en/admin/twinning/organisation/add/",
        "/en/admin/auth/user/",
    ]:
        logged_in.goto(path)
        logged_in.page.wait_for_load_state("load")
    assert logged_in.unexpected_console_errors() == []
