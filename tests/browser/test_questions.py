"""Staff add questions to a reception in the admin; a student answers them in
English; staff find the answers in the admin, the CSV and the check-in card."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from students import services
from students.models import PartnerInstitution, Registration

PASSWORD = "a-long-test-password"
CONSENT = re.compile(r"^I have read the privacy notice")


@pytest.fixture
def institution(site):
    return PartnerInstitution.objects.order_by("pk").first()


def fill_translated(tab, field_id, value):
    """Fill a field of a translation tab, opening its tab first if hidden."""
    field = tab.locator(f"#{field_id}")
    if not field.is_visible():
        panel = field.evaluate("el => el.closest('.ui-tabs-panel').id")
        tab.locator(f"a[href='#{panel}']").click()
    field.fill(value)


def add_question(tab, index, kind, label_fr, label_en, choices=None):
    tab.get_by_role("button", name=re.compile("Add another question", re.I)).click()
    prefix = f"id_questions-{index}-"
    tab.locator(f"#{prefix}position").fill(str(index + 1))
    tab.locator(f"#{prefix}kind").select_option(kind)
    fill_translated(tab, f"{prefix}label_fr", label_fr)
    fill_translated(tab, f"{prefix}label_en", label_en)
    if choices:
        fill_translated(tab, f"{prefix}choices_fr", "\n".join(choices[0]))
        fill_translated(tab, f"{prefix}choices_en", "\n".join(choices[1]))


def test_staff_ask_a_student_answers_in_english_staff_read_the_answers(
    page, reception, institution
):
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto("/en/admin/login/")
    page.fill("Username", "staff")
    page.fill("Password", PASSWORD)
    page.click_button("Log in")
    page.page.wait_for_url("**/en/admin/")

    tab = page.page
    page.goto(f"/en/admin/students/reception/{reception.pk}/change/")
    add_question(
        tab,
        0,
        "one_choice",
        "Régime alimentaire",
        "Diet",
        choices=(["Tout", "Végétarien", "Végan"], ["Anything", "Vegetarian", "Vegan"]),
    )
    add_question(tab, 1, "yes_no", "Photos ?", "May we take your photo?")
    tab.locator("input[name=_continue]").click()
    expect(tab.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(reception.questions.values_list("label_en", flat=True)) == [
        "Diet",
        "May we take your photo?",
    ]

    # A student, in English.
    with translation.override("en"):
        page.goto(reception.get_absolute_url())
    page.fill("First name", "Ana")
    page.fill("Last name", "Silva")
    page.fill("Email", "ana@example.org")
    page.select("Nationality", "Portugal")
    page.select("Institution", institution.name_en or institution.name_fr)
    page.select("Level of study", "Master")
    tab.get_by_role("group", name="Diet").get_by_label("Vegetarian").check()
    tab.get_by_role("group", name="May we take your photo?").get_by_label("Yes").check()
    page.check(CONSENT)
    page.click_button("Register")
    expect(tab.locator("h1")).to_have_text("Check your email")
    registration = Registration.objects.get(email="ana@example.org")
    services.registration_confirm(registration=registration)

    # Staff: the registration in the admin, the CSV, the check-in card.
    page.goto(f"/en/admin/students/registration/{registration.pk}/change/")
    answers = tab.locator("dl").filter(has_text="Diet")
    expect(answers).to_contain_text("Vegetarian")
    expect(answers).to_contain_text("May we take your photo?")
    expect(answers).to_contain_text("Yes")

    with translation.override("en"):
        base = reception.get_absolute_url()
    csv = tab.request.get(page.url(base + "registrations.csv")).text()
    header, row = csv.lstrip("\ufeff").splitlines()[:2]
    assert header.endswith("Diet,May we take your photo?")
    assert row.endswith("Vegetarian,Yes")

    page.goto(base + "check-in/?q=" + registration.reference)
    card = tab.locator(".check-in__results .card")
    expect(card).to_contain_text("Diet")
    expect(card).to_contain_text("Vegetarian")
    expect(card).to_contain_text("May we take your photo?")
