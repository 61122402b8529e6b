"""A content editor drafts, previews, publishes, edits and restores an event.

The flow of issue 14, in the French admin as the department's editors use it.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from playwright.sync_api import expect

from programmes.models import Event
from tests.browser.helpers import BrowserPage

PASSWORD = "correct-horse-battery-staple-42"
FIRST_TITLE = "Forum des jumelages"
SECOND_TITLE = "Forum des villes jumelles"


@pytest.fixture
def visitor(browser, site):
    """An anonymous visitor's tab, next to the editor's."""
    context = browser.new_context(locale="fr-FR")
    tab = BrowserPage(context.new_page(), site.url)
    yield tab
    context.close()


def log_in_as_content_editor(page):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    page.goto("/fr/admin/")
    page.fill("Nom d’utilisateur", "editor")
    page.fill("Mot de passe", PASSWORD)
    page.page.get_by_role("button", name="Connexion").click()
    expect(page.page.locator("#attention")).to_be_visible()


def save(page):
    page.page.get_by_role(
        "button", name="Enregistrer et continuer les modifications"
    ).click()
    expect(page.page.locator(".messagelist")).to_be_visible()


def event_path(language):
    event = Event.objects.get(title_fr__in=[FIRST_TITLE, SECOND_TITLE])
    with translation.override(language):
        return event.get_absolute_url()


def test_editor_drafts_previews_publishes_edits_and_restores_an_event(page, visitor):
    log_in_as_content_editor(page)
    page.goto("/fr/admin/programmes/event/add/")
    start = timezone.localtime() + timedelta(days=30)
    page.page.fill("#id_title_fr", FIRST_TITLE)
    page.page.fill("#id_start_0", start.strftime("%d/%m/%Y"))
    page.page.fill("#id_start_1", "10:00")
    page.page.fill("#id_end_0", start.strftime("%d/%m/%Y"))
    page.page.fill("#id_end_1", "18:00")
    assert not page.page.is_checked("#id_is_published")
    save(page)

    # A draft: staff preview it in both languages, visitors get a 404.
    for label, language in (("Français", "fr"), ("Anglais", "en")):
        change_form = page.path
        page.page.get_by_role("link", name=f"Prévisualiser ({label})").click()
        assert page.path == event_path(language)
        expect(page.page.locator(".preview-banner")).to_be_visible()
        page.goto(change_form)
    visitor.expect_console_error(r"status of 404")
    visitor.goto(event_path("fr"), status=404)

    # Published: visitors see it at once, in the agenda, sitemap and feed.
    page.page.check("#id_is_published")
    save(page)
    visitor.goto(event_path("fr"))
    assert visitor.heading() == FIRST_TITLE
    expect(visitor.page.locator(".preview-banner")).to_have_count(0)
    visitor.goto("/fr/evenements/")
    expect(visitor.page.get_by_text(FIRST_TITLE).first).to_be_visible()
    slug = event_path("fr").rstrip("/").rsplit("/", 1)[1]
    assert slug in visitor.page.request.get(visitor.url("/sitemap.xml")).text()
    feed = visitor.page.request.get(visitor.url("/fr/evenements/agenda.ics")).text()
    assert FIRST_TITLE in feed

    # Edited, then the first version restored from the history.
    page.page.fill("#id_title_fr", SECOND_TITLE)
    save(page)
    visitor.goto(event_path("fr"))
    assert visitor.heading() == SECOND_TITLE
    page.page.get_by_role("link", name="Historique").click()
    page.page.get_by_role("link", name="Restaurer cette version").last.click()
    expect(page.page.locator("#id_title_fr")).to_have_value(FIRST_TITLE)
    page.page.get_by_role("button", name=re.compile(r"^Enregistrer$")).click()
    visitor.goto(event_path("fr"))
    assert visitor.heading() == FIRST_TITLE
