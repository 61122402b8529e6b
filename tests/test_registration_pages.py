import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from students.forms import RegistrationForm
from students.models import Registration
from students.services import RegistrationDetails
from students.tokens import confirm_token, manage_token

pytestmark = pytest.mark.django_db

Status = Registration.Status

URLS = {
    "fr": "/fr/accueil-etudiants/{slug}/",
    "en": "/en/student-receptions/{slug}/",
}


def form_data(partner, **overrides):
    data = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana@example.org",
        "nationality": "PT",
        "institution": str(partner.pk),
        "institution_other": "",
        "study_level": "master",
        "language": "en",
        "access_needs": "",
        "consent": "on",
        "website": "",
        "submission": "x" * 32,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, committed, reception, data, language="en"):
    with committed():
        return client.post(URLS[language].format(slug=reception.slug), data)


def test_reception_list_shows_upcoming_receptions(client, reception, make_reception):
    past = make_reception(
        title_en="Old reception",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=10) + timedelta(hours=2),
        registration_opens_at=timezone.now() - timedelta(days=40),
        registration_closes_at=timezone.now() - timedelta(days=11),
    )
    body = client.get("/en/student-receptions/").content.decode()
    assert "Welcome reception for foreign students" in body
    assert past.title_en not in body
    assert "2 seats left" in body


def test_reception_list_in_french(client, reception):
    body = client.get("/fr/accueil-etudiants/").content.decode()
    assert "Accueil des étudiants étrangers" in body
    assert "2 places restantes" in body


def test_menu_links_to_the_receptions(client, reception):
    body = client.get("/en/").content.decode()
    assert 'href="/en/student-receptions/"' in body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_reception_page_shows_date_venue_seats_and_form(client, reception, language):
    response = client.get(URLS[language].format(slug=reception.slug))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Salle des États" in body
    assert 'name="consent"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    if language == "fr":
        assert "Qui traite vos données" in body
        assert "2 places restantes" in body
    else:
        assert "Who processes your data" in body
        assert "How long: until 180 days after the reception" in body
        assert "2 seats left" in body


def test_full_reception_says_waiting_list(client, reception, register):
    register(reception, confirm=True)
    register(reception, confirm=True)
    body = client.get(URLS["en"].format(slug=reception.slug)).content.decode()
    assert "Full: registrations go on the waiting list." in body


def test_closed_reception_says_so_and_has_no_form(client, make_reception):
    closed = make_reception(
        registration_opens_at=timezone.now() - timedelta(days=3),
        registration_closes_at=timezone.now() - timedelta(days=1),
    )
    body = client.get(URLS["en"].format(slug=closed.slug)).content.decode()
    assert "Registration is closed." in body
    assert 'name="consent"' not in body


def test_past_reception_says_it_has_taken_place(client, make_reception):
    past = make_reception(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
        registration_opens_at=timezone.now() - timedelta(days=30),
        registration_closes_at=timezone.now() - timedelta(days=4),
    )
    body = client.get(URLS["fr"].format(slug=past.slug)).content.decode()
    assert "Cette réception a eu lieu." in body


def test_posting_to_a_closed_reception_is_refused(
    client, committed, make_reception, institution
):
    closed = make_reception(
        registration_opens_at=timezone.now() - timedelta(days=3),
        registration_closes_at=timezone.now() - timedelta(days=1),
    )
    response = post(client, committed, closed, form_data(institution))
    assert response.status_code == 409
    assert Registration.objects.count() == 0


def test_unpublished_reception_is_not_found(client, make_reception):
    hidden = make_reception(is_published=False)
    assert client.get(URLS["en"].format(slug=hidden.slug)).status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_whole_path_register_confirm_see_cancel(
    client, committed, reception, institution, language
):
    response = post(
        client,
        committed,
        reception,
        form_data(institution, language=language),
        language,
    )
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert ("Consultez vos courriels" if language == "fr" else "Check your email") in (
        thanks
    )
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING
    link = re.search(r"http://[^\s]+/", mail.outbox[-1].body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    assert path.startswith(f"/{language}/")
    page = client.get(path)
    assert page.status_code == 200
    assert registration.status == Status.PENDING  # GET changes nothing
    with committed():
        confirmed = client.post(path)
    assert confirmed.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    detail = client.get(confirmed["Location"]).content.decode()
    assert registration.reference in detail
    assert "<svg" in detail  # the QR code for the door
    with committed():
        cancelled = client.post(
            confirmed["Location"] + ("annuler/" if language == "fr" else "cancel/")
        )
    assert cancelled.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_student_page_shows_waitlist_position(client, reception, register):
    register(reception, confirm=True)
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    url = f"/en/my-registration/{manage_token(waiting)}/"
    body = client.get(url).content.decode()
    assert "position 2 on the waiting list" in body


def test_student_page_get_has_no_side_effect_on_cancel_url(client, reception, register):
    registration = register(reception, confirm=True)
    url = f"/en/my-registration/{manage_token(registration)}/cancel/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Cancel your registration?" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_requires_csrf(reception, register):
    from django.test import Client

    registration = register(reception, confirm=True)
    strict = Client(enforce_csrf_checks=True)
    url = f"/en/my-registration/{manage_token(registration)}/cancel/"
    assert strict.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_delete_my_data_erases_personal_data(client, committed, reception, register):
    registration = register(reception, confirm=True)
    url = f"/en/my-registration/{manage_token(registration)}/delete-my-data/"
    with committed():
        response = client.post(url)
    assert response.status_code == 200
    assert "Your data has been deleted" in response.content.decode()
    registration.refresh_from_db()
    assert registration.email == ""
    assert registration.status == Status.CANCELLED
    again = client.get(registration.get_absolute_url())
    assert again.status_code == 410


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("consent", None, "Please accept the privacy notice to register."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("first_name", "A" * 101, "Ensure this value has at most 100 characters"),
        ("last_name", "<script>alert(1)</script>", "Please use letters only"),
        ("nationality", "XX", "Select a valid choice."),
        ("institution", "99999", "Select a valid choice."),
        ("institution", "other", "Please give the name of your institution."),
        ("study_level", "wizard", "Select a valid choice."),
        ("language", "de", "Select a valid choice."),
        ("first_name", "", "This field is required."),
    ],
)
def test_bad_input_redisplays_the_form_with_a_message_next_to_the_field(
    client, committed, reception, institution, field, value, message
):
    data = form_data(institution, **{field: value})
    response = post(client, committed, reception, data)
    body = response.content.decode()
    assert response.status_code == 422
    assert message in body
    error = re.search(rf'id="id_{field}(_other)?_error">([^<]*)<', body)
    assert error and message.split(".")[0][:20] in error.group(2)
    assert Registration.objects.count() == 0


def test_bad_input_message_is_translated(client, committed, reception, institution):
    data = form_data(institution, consent=None)
    response = post(client, committed, reception, data, language="fr")
    assert response.status_code == 422
    assert "Merci d&#x27;accepter la notice de confidentialité" in (
        response.content.decode()
    )


def test_script_in_a_name_is_shown_escaped(client, committed, reception, institution):
    data = form_data(institution, first_name="<script>alert(1)</script>")
    body = post(client, committed, reception, data).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_wrong_types_never_cause_a_server_error(
    client, committed, reception, institution
):
    data = form_data(institution, institution="abc", consent="maybe")
    data["nationality"] = ["PT", "FR"]
    response = post(client, committed, reception, data)
    assert response.status_code == 422


def test_other_institution_with_a_name_is_accepted(
    client, committed, reception, institution
):
    data = form_data(institution, institution="other", institution_other="EPFL")
    assert post(client, committed, reception, data).status_code == 302
    assert Registration.objects.get().institution_name == "EPFL"


def test_the_form_gives_the_service_every_answer(institution):
    data = form_data(institution, language="fr")
    form = RegistrationForm(data)
    assert form.is_valid(), form.errors
    assert form.details() == RegistrationDetails(
        first_name="Ana",
        last_name="Silva",
        email="ana@example.org",
        nationality="PT",
        study_level="master",
        language="fr",
        consent=True,
        institution=institution,
        institution_other="",
    )
    other = RegistrationForm(
        form_data(institution, institution="other", institution_other="EPFL")
    )
    assert other.is_valid(), other.errors
    assert other.details().institution is None
    assert other.details().institution_other == "EPFL"


def test_honeypot_filled_pretends_success_but_creates_nothing(
    client, committed, reception, institution
):
    data = form_data(institution, website="http://spam.example")
    response = post(client, committed, reception, data)
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_double_submission_creates_one_registration(
    client, committed, reception, institution
):
    first = post(client, committed, reception, form_data(institution))
    second = post(client, committed, reception, form_data(institution))
    assert first.status_code == second.status_code == 302
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_same_form_corrected_and_sent_again_registers_the_new_address(
    client, committed, reception, institution
):
    post(client, committed, reception, form_data(institution, email="ana@exmple.org"))
    corrected = form_data(institution, email="ana@example.org")  # same token
    assert post(client, committed, reception, corrected).status_code == 302
    emails = set(Registration.objects.values_list("email", flat=True))
    assert emails == {"ana@exmple.org", "ana@example.org"}
    assert mail.outbox[-1].to == ["ana@example.org"]


@pytest.mark.parametrize("value", ["0", "no", "false"])
def test_consent_must_be_a_ticked_box(client, committed, reception, institution, value):
    response = post(client, committed, reception, form_data(institution, consent=value))
    assert response.status_code == 422
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("name", ["\u200b\u200b", "Ana\u202eevil"])
def test_invisible_characters_in_a_name_are_refused(
    client, committed, reception, institution, name
):
    response = post(
        client, committed, reception, form_data(institution, first_name=name)
    )
    assert response.status_code == 422
    assert Registration.objects.count() == 0


def test_rate_limit_survives_a_flooded_page_cache(
    client, committed, reception, institution, settings
):
    from django.core.cache import caches

    # Two local-memory caches as on a laptop, where a flood of pages culls
    # the default cache (with Redis, clear() would flush the whole database).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits-under-test",
        },
    }
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    post(client, committed, reception, form_data(institution, submission="a" * 20))
    caches["default"].clear()  # every page and counter of the default cache gone
    data = form_data(institution, email="b@example.org", submission="b" * 20)
    assert post(client, committed, reception, data).status_code == 429


def test_the_student_s_own_page_is_never_stored_by_caches(client, reception, register):
    token = manage_token(register(reception))
    response = client.get(f"/en/my-registration/{token}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_second_registration_says_already_registered_and_offers_resend(
    client, committed, reception, institution
):
    post(client, committed, reception, form_data(institution))
    again = form_data(institution, email="ANA@example.org", submission="y" * 32)
    response = post(client, committed, reception, again)
    body = response.content.decode()
    assert response.status_code == 409
    assert "already registered for this reception" in body
    assert "Send my link again" in body
    assert "Silva" in body  # only what the visitor typed themselves
    assert Registration.objects.count() == 1


def test_resend_link_sends_to_the_registered_address_only(
    client, committed, reception, register
):
    registration = register(reception)
    mail.outbox.clear()
    url = f"/en/student-receptions/{reception.slug}/resend-link/"
    with committed():
        known = client.post(url, {"email": registration.email.upper()}, follow=True)
    with committed():
        unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)
    assert [m.to for m in mail.outbox] == [[registration.email]]
    message = "If this address is registered for the reception"
    assert message in known.content.decode()
    assert message in unknown.content.decode()


def test_rate_limit_gives_a_translated_429(
    client, committed, reception, institution, settings
):
    settings.REGISTRATION_RATE_LIMIT = "2/h"  # an hour: no window boundary mid-test
    for n in range(2):
        data = form_data(institution, email=f"s{n}@example.org", submission=f"{n}" * 20)
        assert post(client, committed, reception, data).status_code == 302
    data = form_data(institution, email="s3@example.org", submission="3" * 20)
    response = post(client, committed, reception, data, language="fr")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Registration.objects.count() == 2


def test_tampered_confirmation_link_gives_a_clear_400(client, reception, register):
    registration = register(reception)
    token = confirm_token(registration)
    response = client.get(f"/en/my-registration/{token[:-2]}xx/confirm/")
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()


def test_tampered_student_link_gives_a_clear_400_in_french(client, reception, register):
    registration = register(reception)
    token = manage_token(registration).replace("DJ-", "DK-")
    response = client.get(f"/fr/mon-inscription/{token}/")
    assert response.status_code == 400
    assert "Ce lien n&#x27;est pas valide" in response.content.decode()


def test_expired_confirmation_link_gives_a_clear_410(
    client, reception, register, time_machine
):
    registration = register(reception)
    token = confirm_token(registration)
    time_machine.move_to(timezone.now() + timedelta(hours=49))
    response = client.get(f"/en/my-registration/{token}/confirm/")
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_confirm_link_of_a_confirmed_registration_leads_to_its_page(
    client, reception, register
):
    registration = register(reception, confirm=True)
    response = client.get(f"/en/my-registration/{confirm_token(registration)}/confirm/")
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()


def test_public_pages_run_a_fixed_number_of_queries(
    client, reception, register, django_assert_max_num_queries
):
    for _ in range(5):
        register(reception, confirm=True)
    with django_assert_max_num_queries(12):
        client.get("/en/student-receptions/")
    with django_assert_max_num_queries(12):
        client.get(URLS["en"].format(slug=reception.slug))


def test_no_inline_script_or_style_on_the_form(client, reception):
    body = client.get(URLS["en"].format(slug=reception.slug)).content.decode()
    # Only the JSON-LD data block, which browsers never run.
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts == ['<script type="application/ld+json">']
    assert 'style="' not in body
    assert " onclick=" not in body


def test_form_without_its_hidden_token_still_registers(
    client, committed, reception, institution
):
    data = form_data(institution, submission=None)
    assert post(client, committed, reception, data).status_code == 302
    assert Registration.objects.count() == 1
