"""Staff write to a reception's confirmed students in the admin; a student
opens the link of the email they received."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from playwright.sync_api import expect

from students.models import PartnerInstitution


@pytest.fixture
def institution(site):
    """One of the institutions the content loader created."""
    return PartnerInstitution.objects.order_by("pk").first()


def test_staff_write_to_confirmed_students_who_open_the_emailed_link(
    page, settings, reception, register
):
    settings.SITE_URL = page.base_url
    confirmed = register(reception, confirm=True, language="en", first_name="Ana")
    register(reception, language="en", first_name="Pending")
    staff = get_user_model().objects.create_user(
        "writer", password="a-long-test-password", is_staff=True
    )
    staff.user_permissions.add(
        Permission.objects.get(codename="send_announcement"),
        Permission.objects.get(codename="change_reception"),
        Permission.objects.get(codename="view_reception"),
    )
    mail.outbox.clear()

    page.goto(f"/en/admin/students/reception/{reception.pk}/change/")
    page.fill("Username", "writer")
    page.fill("Password", "a-long-test-password")
    page.page.locator("input[type=submit]").click()
    page.click_link("Write to this reception's registrants")
    page.check("Confirmed students")
    page.fill("Subject in French", "Changement de salle")
    page.fill("Message in French", "Rendez-vous au Palais des ducs.")
    page.fill("Subject in English", "Change of venue")
    page.fill("Message in English", "See you at the Palace of the Dukes.")
    page.click_button("Preview")
    expect(page.page.get_by_text("1 recipient", exact=False)).to_be_visible()
    page.click_button("Send to 1 student")
    expect(page.page.locator(".messagelist")).to_contain_text(
        "Your message is on its way to 1 student."
    )

    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    body = mail.outbox[0].body
    assert "Palace of the Dukes" in body
    link = re.search(r"https?://\S+/en/my-registration/\S+/", body)
    assert link, body
    page.page.goto(link.group(0))
    expect(page.page.locator("h1")).to_have_text("Your registration")
    expect(page.page.locator("code")).to_have_text(confirmed.reference)
