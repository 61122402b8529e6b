"""What visitors and staff do, in a real browser.

New flows (partnerships, programmes, reception registration) go in files of
their own next to this one, using the `page` fixture and the helpers of
tests/browser/helpers.py (fill by label, keyboard only).
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from programmes.models import Event, Programme
from twinning.models import Organisation, Partnership, Town

# One page of each kind: French path, its English twin.
PAGE_KINDS = {
    "home": ("/fr/", "/en/"),
    "list": ("/fr/villes-jumelles/", "/en/twin-towns/"),
    "detail": ("/fr/villes-jumelles/mainz/", "/en/twin-towns/mainz/"),
    "missing": ("/fr/page-perdue/", "/en/page-perdue/"),
}
STAFF_PASSWORD = "correct-horse-battery-staple-42"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_language_switcher_keeps_the_visitor_on_the_same_page(page, kind):
    french, english = PAGE_KINDS[kind]
    status = 404 if kind == "missing" else 200
    page.expect_console_error(r"status of 404")
    page.goto(french, status=status)
    assert page.html_lang() == "fr"

    page.click_link("English", within=".language-switcher")
    assert page.path == english
    assert page.html_lang() == "en"

    page.click_link("Français", within=".language-switcher")
    assert page.path == french
    assert page.html_lang() == "fr"


@pytest.mark.parametrize("model", [Partnership, Organisation, Programme, Event])
def test_language_switcher_keeps_the_visitor_on_the_same_item(page, model):
    manager = model.objects
    item = (manager.published() if hasattr(manager, "published") else manager).first()
    urls = {}
    for language in ("fr", "en"):
        with translation.override(language):
            urls[language] = item.get_absolute_url()
    page.goto(urls["fr"])
    page.click_link("English", within=".language-switcher")
    assert page.path == urls["en"]
    assert page.html_lang() == "en"


def test_visitor_browses_from_home_to_a_town(page):
    page.goto("/en/")
    page.click_link("Twin towns", within=".main-nav")
    assert page.heading() == "Dijon's twin towns"
    page.click_link("Mainz", within="#region-2 + .cards")
    assert page.path == "/en/twin-towns/mainz/"
    assert page.heading() == "Mainz"
    expect(page.page.get_by_text("Capital of Rhineland-Palatinate")).to_be_visible()


def test_visitor_goes_from_home_to_a_town_its_partnerships_and_programmes(page):
    page.goto("/en/")
    page.click_link("Mainz", within=".region-grid")
    assert page.path == "/en/twin-towns/mainz/"

    for section in ("partnerships-title", "programmes-title", "events-title"):
        link = page.page.locator(
            f"section[aria-labelledby='{section}'] .card__title a"
        ).first
        title = link.inner_text().strip()
        link.click()
        expect(page.page.locator("h1")).to_have_text(title)
        # The breadcrumb leads back up the site.
        expect(page.page.locator(".breadcrumbs a").first).to_have_text("Home")
        page.page.go_back()
        assert page.path == "/en/twin-towns/mainz/"


def test_visitor_reaches_a_town_from_the_map(page):
    page.goto("/fr/")
    page.page.get_by_role("link", name="Mayence (Allemagne), ville jumelle").click()
    assert page.path == "/fr/villes-jumelles/mainz/"


def test_keyboard_user_skips_to_the_content_and_opens_a_town(page):
    page.goto("/en/twin-towns/")
    page.page.keyboard.press("Tab")
    assert page.focused_name() == "Skip to main content"
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "main"

    page.keyboard_activate("link", "York (United Kingdom), twin town since 1953")
    assert page.path == "/en/twin-towns/york/"


def test_focus_is_visible_on_links(page):
    page.goto("/en/")
    page.tab_to(page.page.get_by_role("link", name="Twin towns").first)
    outline = page.page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline != "none"


def log_in_as_staff(page, language="en"):
    get_user_model().objects.create_superuser(
        "staff", "staff@example.org", STAFF_PASSWORD
    )
    page.goto(f"/{language}/admin/")
    page.fill("Username", "staff")
    page.fill("Password", STAFF_PASSWORD)
    page.click_button("Log in")
    expect(
        page.page.get_by_role("heading", name="Content and registrations")
    ).to_be_visible()


def test_admin_shows_translation_tabs(page):
    log_in_as_staff(page)
    town = Town.objects.get(slug="york")
    page.goto(f"/en/admin/twinning/town/{town.pk}/change/")
    expect(page.page.locator(".ui-tabs-nav").first).to_be_visible()
    labels = page.page.locator(".ui-tabs-nav a").all_inner_texts()
    assert [label.strip().lower() for label in labels[:2]] == ["fr", "en"]


def test_staff_edits_a_towns_english_text_and_sees_it_on_the_site(page):
    log_in_as_staff(page)
    page.click_link("Twin towns")
    page.click_link("York")
    # Each translated field has its tabs; open the English one of the title.
    title_tabs = page.page.locator(".ui-tabs", has=page.page.locator("#id_title_en"))
    title_tabs.locator(".ui-tabs-nav a", has_text="EN").click()
    # The town's own title: its milestones below have titles too.
    title = title_tabs.get_by_label("Title:", exact=True).filter(visible=True)
    expect(title).to_have_value("Capital of Yorkshire")
    title.fill("The city of chocolate and railways")
    page.click_button("Save")
    expect(page.page.locator(".messagelist .success")).to_be_visible()

    page.goto("/en/twin-towns/york/")
    expect(page.page.get_by_text("The city of chocolate and railways")).to_be_visible()
    page.goto("/fr/villes-jumelles/york/")
    assert not page.page.get_by_text("The city of chocolate and railways").count()
