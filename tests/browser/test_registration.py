"""A foreign student registers for a reception with the keyboard alone, in
French and in English, confirms and cancels from the emailed links; staff
check a student in at the door."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from students.models import PartnerInstitution, Registration

CONSENT = re.compile(r"^I have read the privacy notice|^J'ai lu la notice", re.I)


@pytest.fixture
def institution(site):
    """One of the institutions the content loader created (same slug as the
    shared fixture's, so use the loaded one)."""
    return PartnerInstitution.objects.order_by("pk").first()


def text(language, message):
    """An interface string as the visitor reads it in that language."""
    with translation.override(language):
        return _(message)


def emailed_link(pattern):
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_student_registers_by_keyboard_confirms_and_cancels_from_the_emails(
    page, settings, reception, institution, language
):
    settings.SITE_URL = page.base_url
    with translation.override(language):
        list_url = reception.get_absolute_url().rsplit("/", 2)[0] + "/"
        title = reception.title
    page.goto(list_url)
    assert page.html_lang() == language

    page.keyboard_activate("link", title)
    page.keyboard_fill(text(language, "First name"), "Ana")
    page.keyboard_fill(text(language, "Last name"), "Silva")
    page.keyboard_fill(text(language, "Email"), "ana@example.org")
    page.keyboard_select(text(language, "Nationality"), "Portugal")
    with translation.override(language):
        page.keyboard_select(text(language, "Institution"), institution.name)
    page.keyboard_select(text(language, "Level of study"), "Master")
    page.keyboard_check(CONSENT)
    page.keyboard_activate("button", text(language, "Register"))
    expect(page.page.locator("h1")).to_have_text(text(language, "Check your email"))

    registration = Registration.objects.get(email="ana@example.org")
    assert registration.language == language
    page.goto(emailed_link(r"http://\S+/"))
    page.keyboard_activate("button", text(language, "Confirm my registration"))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED

    page.goto(emailed_link(r"http://\S+/"))  # the confirmation email's link
    page.keyboard_activate("link", text(language, "Cancel my registration"))
    page.keyboard_activate("button", text(language, "Yes, cancel my registration"))
    expect(
        page.page.get_by_text(text(language, "Your registration is cancelled."))
    ).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_staff_check_a_student_in_once(page, settings, reception, register):
    registration = register(reception, confirm=True, first_name="Ana")
    staff = get_user_model().objects.create_user(
        "door", password="a-long-test-password", is_staff=True
    )
    # Transactional tests flush the groups the migration made; use the
    # permission itself (recreated after each flush).
    staff.user_permissions.add(Permission.objects.get(codename="check_in_registration"))

    with translation.override("en"):
        check_in = reception.get_absolute_url() + "check-in/"
    page.goto(check_in)
    page.fill("Username", "door")
    page.fill("Password", "a-long-test-password")
    page.page.locator("input[type=submit]").click()

    page.fill("Name or reference", registration.reference.lower())
    page.click_button("Search")
    page.click_button("Check in Ana")
    expect(page.page.get_by_text("is checked in. Welcome!")).to_be_visible()
    # Checked in: no second "Check in" button, but a way to undo a mistake.
    card = page.page.locator(".check-in__results .card")
    expect(card).to_contain_text("Already checked in at")
    expect(card.get_by_role("button", name="Check in Ana")).to_have_count(0)
    page.click_button("Undo the check-in of Ana")
    expect(page.page.get_by_text("check-in undone.")).to_be_visible()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize(
    ("language", "summary", "first_name"),
    [
        ("fr", "Il y a un problème", "Prénom"),
        ("en", "There is a problem", "First name"),
    ],
)
def test_failed_submit_focuses_the_error_summary_whose_links_reach_the_fields(
    page, reception, language, summary, first_name
):
    with translation.override(language):
        url = reception.get_absolute_url()
    page.goto(url)
    page.expect_console_error(r"status of 422")
    page.fill(text(language, "Email"), "not-an-address")
    page.click_button(text(language, "Register"))
    box = page.page.locator(".error-summary")
    expect(box).to_be_focused()
    expect(box).to_contain_text(summary)
    assert box.bounding_box()["y"] < page.page.locator("h1").bounding_box()["y"]
    box.get_by_role("link", name=re.compile(f"^{first_name}:")).click()
    expect(page.page.locator("#id_first_name")).to_be_focused()
