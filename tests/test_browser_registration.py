"""A student registers in a real browser, confirms, and is checked in at the door.

Drives the Chromium installed on the machine (never downloads a browser);
skipped when Playwright or Chromium is missing.
"""

import os
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM, reason="no Chromium on this machine"),
]

TEXT = {
    "fr": {
        "list": "/fr/accueil-etudiants/",
        "register": "S'inscrire",
        "thanks": "Consultez vos courriels",
        "confirm": "Confirmer mon inscription",
        "confirmed": "Votre place est confirmée",
    },
    "en": {
        "list": "/en/student-receptions/",
        "register": "Register",
        "thanks": "Check your email",
        "confirm": "Confirm my registration",
        "confirmed": "Your seat is confirmed",
    },
}


@pytest.fixture
def browser_page():
    # Playwright's sync API runs an event loop; the ORM calls in this test
    # thread are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_student_registers_confirms_and_is_checked_in(
    browser_page, live_server, settings, reception, institution, language
):
    settings.SITE_URL = live_server.url
    page = browser_page
    text = TEXT[language]

    page.goto(live_server.url + text["list"])
    title = getattr(reception, f"title_{language}")
    page.get_by_role("link", name=title).first.click()
    page.fill("#id_first_name", "Ana")
    page.fill("#id_last_name", "Silva")
    page.fill("#id_email", "ana@example.org")
    page.select_option("#id_nationality", "PT")
    page.select_option("#id_institution", str(institution.pk))
    page.select_option("#id_study_level", "master")
    page.check(f"#id_language_{0 if language == 'fr' else 1}")
    page.check("#id_consent")
    page.get_by_role("button", name=text["register"]).click()
    page.get_by_role("heading", name=text["thanks"]).wait_for()

    link = re.search(
        r"http://\S+/confirm\S*/|http://\S+/confirmer/", mail.outbox[-1].body
    )
    page.goto(link.group(0))
    page.get_by_role("button", name=text["confirm"]).click()
    page.get_by_text(text["confirmed"]).first.wait_for()
    reference = re.search(r"DJ-\w{5}-\w{5}", page.content()).group(0)
    assert page.locator("svg[role=img]").count() == 1

    staff = get_user_model().objects.create_user(
        "door", password="a-long-test-password", is_staff=True
    )
    # Transactional tests flush the groups the migration made; use the
    # permission itself (recreated after each flush).
    staff.user_permissions.add(Permission.objects.get(codename="check_in_registration"))
    page.goto(f"{live_server.url}/en/student-receptions/{reception.slug}/check-in/")
    page.fill("#id_username", "door")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.get_by_label("Name or reference").fill(reference.lower())
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Check in Ana").click()
    page.get_by_text("is checked in. Welcome!").wait_for()
    page.get_by_role("button", name="Check in Ana").click()
    warning = page.locator(".message--warning")
    warning.wait_for()
    assert "Already checked in at" in warning.inner_text()
