"""Issue 15's safety rails and one voice: what each state says and what it
lets staff and students do next, in French and English."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from students import services
from students.models import Registration
from students.tokens import confirm_token, manage_token
from tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db

Status = Registration.Status
PAGE = {
    "fr": "/fr/accueil-etudiants/{slug}/",
    "en": "/en/student-receptions/{slug}/",
}


def page(client, reception, language="en"):
    return client.get(PAGE[language].format(slug=reception.slug)).content.decode()


def form_data(partner, **overrides):
    data = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana@example.org",
        "nationality": "PT",
        "institution": str(partner.pk),
        "study_level": "master",
        "language": "en",
        "consent": "on",
        "submission": "x" * 32,
    }
    data.update(overrides)
    return data


def fill(reception, register, seats):
    for _ in range(seats):
        register(reception, confirm=True)


def user_in(group, client):
    user = get_user_model().objects.create_user(
        group.replace(" ", ""), password="a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


# --- One voice ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "waiting", "kept"),
    [
        ("en", "you join the waiting list", "your seat is kept"),
        ("fr", "vous rejoignez la liste d'attente", "votre place est gardée"),
    ],
)
def test_full_reception_speaks_of_the_waiting_list_not_of_a_kept_seat(
    client, reception, register, language, waiting, kept
):
    fill(reception, register, 2)
    body = page(client, reception, language)
    assert waiting in body
    assert kept not in body.lower()


def test_reception_with_seats_says_the_seat_is_kept(client, reception):
    assert "your seat is kept for 48 hours" in page(client, reception)


@pytest.mark.parametrize("seats_taken", [0, 2])
def test_thank_you_page_mentions_the_waiting_list_only_when_full(
    client, committed, reception, register, institution, seats_taken
):
    fill(reception, register, seats_taken)
    with committed():
        response = client.post(
            PAGE["en"].format(slug=reception.slug), form_data(institution)
        )
    body = client.get(response["Location"]).content.decode()
    assert ("you join the waiting list" in body) == bool(seats_taken)
    assert ("Your seat is kept for 48 hours" in body) == (not seats_taken)


@pytest.mark.parametrize(
    ("language", "link"), [("en", "Send my link again"), ("fr", "Renvoyer mon lien")]
)
def test_duplicate_email_error_links_to_sending_the_link_again(
    client, committed, reception, institution, language, link
):
    url = PAGE[language].format(slug=reception.slug)
    with committed():
        client.post(url, form_data(institution))
        response = client.post(url, form_data(institution, submission="y" * 32))
    body = response.content.decode()
    error = body[body.index('id="id_email_error"') :].split("</p>", 1)[0]
    assert f'<a href="#resend">{link}</a>' in error
    assert 'id="resend"' in body


def test_waitlisted_confirmation_says_the_position_and_what_comes_next(
    client, committed, reception, register
):
    fill(reception, register, 2)
    pending = register(reception)
    with committed():
        response = client.post(
            f"/en/my-registration/{confirm_token(pending)}/confirm/", follow=True
        )
    body = response.content.decode()
    assert "you are on the waiting list, in position 1" in body
    assert "given to you automatically" in body


def test_closed_reception_says_whom_to_write_to(client, make_reception):
    from datetime import timedelta

    closed = make_reception(
        registration_opens_at=timezone.now() - timedelta(days=3),
        registration_closes_at=timezone.now() - timedelta(days=1),
    )
    assert "write to ri@ville-dijon.fr" in page(client, closed)


@pytest.mark.parametrize(
    ("attended", "expected"),
    [(1, "1 présent sur 2 confirmés"), (2, "2 présents sur 2 confirmés")],
)
def test_check_in_counter_agrees_in_number_in_french(
    client, reception, register, attended, expected
):
    user_in("Reception staff", client)
    students = [register(reception, confirm=True) for _ in range(2)]
    for student in students[:attended]:
        services.registration_check_in(registration=student)
    url = f"/fr/accueil-etudiants/{reception.slug}/accueil-entree/"
    assert expected in client.get(url).content.decode()


def test_csv_language_column_names_the_language(admin_client, reception, register):
    register(reception, language="en")
    url = f"/en/student-receptions/{reception.slug}/registrations.csv"
    rows = list(csv.DictReader(io.StringIO(admin_client.get(url).content.decode()[1:])))
    assert rows[0]["Language"] == "English"


def test_institution_filter_names_other_institutions(
    admin_client, reception, institution
):
    body = admin_client.get("/en/admin/students/registration/").content.decode()
    assert "institution__isnull=True" in body
    filter_html = body[body.index("institution__isnull=True") :][:200]
    assert "Other institution" in filter_html


# --- Capacity below the seats taken -----------------------------------------------


DATETIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def change_capacity(client, reception, capacity, tick=False, language="en"):
    url = f"/{language}/admin/students/reception/{reception.pk}/change/"
    data = admin_form_data(client.get(url))
    for name in DATETIMES:  # the admin splits them into a date and a time
        local = timezone.localtime(getattr(reception, name))
        data[f"{name}_0"] = local.strftime("%Y-%m-%d")
        data[f"{name}_1"] = local.strftime("%H:%M:%S")
    data["capacity"] = str(capacity)
    if tick:
        data["accept_fewer_seats"] = "on"
    return client.post(url, data, follow=True)


def test_capacity_below_the_seats_taken_is_refused_with_the_consequence(
    admin_client, reception, register
):
    fill(reception, register, 2)
    response = change_capacity(admin_client, reception, 1)
    errors = response.context["adminform"].form.errors["capacity"]
    assert "2 students hold a seat, 1 more than the capacity of 1 seat." in errors[0]
    assert "Nobody loses a seat" in errors[0]
    reception.refresh_from_db()
    assert reception.capacity == 2


WORDING = {
    (1, 0, "en"): "1 student holds a seat, 1 more than the capacity of 0 seats.",
    (3, 2, "en"): "3 students hold a seat, 1 more than the capacity of 2 seats.",
    (1, 0, "fr"): "1 étudiant a une place, 1 de plus que la capacité de 0 place.",
    (3, 2, "fr"): "3 étudiants ont une place, 1 de plus que la capacité de 2 places.",
}


@pytest.mark.parametrize(("taken", "capacity", "language"), list(WORDING))
def test_capacity_refusal_counts_students_and_seats_in_singular_or_plural(
    admin_client, reception, register, taken, capacity, language
):
    reception.capacity = taken
    reception.save()
    fill(reception, register, taken)
    response = change_capacity(admin_client, reception, capacity, language=language)
    error = response.context["adminform"].form.errors["capacity"][0]
    assert WORDING[taken, capacity, language] in error


def test_capacity_below_the_seats_taken_saves_when_ticked_and_says_so(
    admin_client, reception, register
):
    fill(reception, register, 2)
    response = change_capacity(admin_client, reception, 1, tick=True)
    reception.refresh_from_db()
    assert reception.capacity == 1
    assert "Nobody loses a seat" in response.content.decode()
    assert reception.registrations.filter(status=Status.CONFIRMED).count() == 2


def test_lowering_capacity_to_the_seats_taken_needs_no_tick(
    admin_client, reception, register
):
    reception.capacity = 5
    reception.save()
    fill(reception, register, 2)
    change_capacity(admin_client, reception, 2)
    reception.refresh_from_db()
    assert reception.capacity == 2


# --- A student's cancel ------------------------------------------------------------


def test_cancel_link_asks_to_confirm_and_changes_nothing(client, reception, register):
    registration = register(reception, confirm=True)
    detail = client.get(f"/fr/mon-inscription/{manage_token(registration)}/")
    assert "annuler/" in detail.content.decode()
    body = client.get(
        f"/fr/mon-inscription/{manage_token(registration)}/annuler/"
    ).content.decode()
    assert "Annuler votre inscription ?" in body
    assert "Oui, annuler mon inscription" in body
    assert "revient aussitôt au prochain étudiant de la liste d'attente" in body
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancelled_student_is_offered_to_register_again_while_open(
    client, committed, reception, register
):
    registration = register(reception, confirm=True)
    url = f"/en/my-registration/{manage_token(registration)}/"
    with committed():
        response = client.post(url + "cancel/", follow=True)
    body = response.content.decode()
    assert "Your registration is cancelled." in body
    assert "Register again" in body
    assert f'href="{reception.get_absolute_url()}#form-title"' in body
    assert mail.outbox[-1].subject.startswith("Your registration is cancelled")


def test_no_register_again_once_registration_has_closed(client, reception, register):
    from datetime import timedelta

    registration = register(reception, confirm=True)
    services.registration_cancel(registration=registration)
    reception.registration_closes_at = timezone.now() - timedelta(minutes=1)
    reception.registration_opens_at = timezone.now() - timedelta(days=2)
    reception.save()
    body = client.get(f"/en/my-registration/{manage_token(registration)}/").content
    assert b"Register again" not in body


# --- Links that match permissions, and a way back --------------------------------


def test_content_editors_see_no_staff_links_in_the_reception_list(client, reception):
    user_in("Content editors", client)
    body = client.get("/en/admin/students/reception/").content.decode()
    assert reception.title_en in body
    assert "check-in/" not in body
    assert "dashboard/" not in body
    assert "registrations.csv" not in body


def test_reception_staff_see_the_three_staff_links(client, reception):
    user_in("Reception staff", client)
    body = client.get("/en/admin/students/reception/").content.decode()
    assert "check-in/" in body
    assert "dashboard/" in body
    assert "registrations.csv" in body


def test_dashboard_hides_the_check_in_link_without_that_permission(client, reception):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("viewer", password="a-long-password")
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(user)
    body = client.get(f"/en/student-receptions/{reception.slug}/dashboard/").content
    assert b"check-in/" not in body
    assert b"registrations.csv" in body


@pytest.mark.parametrize(
    ("language", "path", "back"),
    [
        (
            "fr",
            "/fr/accueil-etudiants/{slug}/tableau-de-bord/",
            "Retour à l'administration",
        ),
        ("en", "/en/student-receptions/{slug}/check-in/", "Back to the administration"),
    ],
)
def test_access_denied_page_leads_back(client, reception, language, path, back):
    user_in("Content editors", client)
    response = client.get(path.format(slug=reception.slug))
    body = response.content.decode()
    assert response.status_code == 403
    assert back in body
    assert 'href="/admin/"' in body or f'href="/{language}/admin/"' in body
    assert f'href="{PAGE[language].format(slug=reception.slug)}"' in body


def test_capacity_refusal_in_french_says_what_happens(
    admin_client, reception, register
):
    fill(reception, register, 2)
    response = change_capacity(admin_client, reception, 1, language="fr")
    error = response.context["adminform"].form.errors["capacity"][0]
    assert "2 étudiants ont une place, 1 de plus que la capacité de 1 place." in error
    assert "Personne ne perd sa place" in error
    assert "Accepter moins de places" in error
