import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from students import services
from students.models import Reception, Registration
from students.reports import reception_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def door_staff(client):
    user = get_user_model().objects.create_user("door", password="a-long-password")
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    return user


def url(reception):
    return f"/en/student-receptions/{reception.slug}/check-in/"


def test_anonymous_visitor_is_sent_to_the_login_page(client, reception):
    response = client.get(url(reception))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_user_without_the_check_in_permission_gets_a_translated_403(client, reception):
    user = get_user_model().objects.create_user("editor", password="a-long-password")
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    response = client.get(f"/fr/accueil-etudiants/{reception.slug}/accueil-entree/")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_search_by_name(client, door_staff, reception, register):
    registration = register(reception, confirm=True, last_name="Nakamura")
    body = client.get(url(reception), {"q": "nakam"}).content.decode()
    assert registration.reference in body
    assert "Check in Ana" in body


def test_search_by_qr_code_content_in_any_case(client, door_staff, reception, register):
    registration = register(reception, confirm=True)
    register(reception, confirm=True)
    scanned = registration.reference.lower().replace("-", "")
    body = client.get(url(reception), {"q": scanned}).content.decode()
    assert body.count("Check in Ana") == 1
    assert registration.reference in body


def test_search_needs_every_word_and_skips_erased_students(reception, register):
    ana = register(reception, confirm=True, first_name="Ana", last_name="Silva")
    register(reception, confirm=True, first_name="Ana", last_name="Souza")
    erased = register(reception, confirm=True, first_name="Ana", last_name="Silvano")
    services.registration_delete_data(registration=erased)
    registrations = reception.registrations
    assert list(registrations.search("ana silva")) == [ana]
    assert registrations.search("ana").count() == 2
    assert list(registrations.search(erased.reference)) == []
    assert list(registrations.search(ana.reference.replace("-", " "))) == [ana]


def test_search_shows_at_most_twenty_five_names(reception, register):
    reception.capacity = 30
    reception.save()
    for _ in range(26):
        register(reception)
    assert len(reception.registrations.search("ana")) == 25


def test_check_in_marks_the_student_attended(client, door_staff, reception, register):
    registration = register(reception, confirm=True)
    response = client.post(
        url(reception), {"registration": registration.pk, "q": "Ana"}, follow=True
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == door_staff
    assert "is checked in. Welcome!" in response.content.decode()
    assert "1 checked in out of 1 confirmed" in response.content.decode()


def test_second_check_in_shows_a_clear_warning(client, door_staff, reception, register):
    registration = register(reception, confirm=True)
    client.post(url(reception), {"registration": registration.pk})
    response = client.post(
        url(reception), {"registration": registration.pk}, follow=True
    )
    body = response.content.decode()
    assert "Already checked in at" in body
    assert 'role="alert"' in body


def test_not_confirmed_registration_shows_a_warning(
    client, door_staff, reception, register
):
    pending = register(reception)
    response = client.post(url(reception), {"registration": pending.pk}, follow=True)
    assert "Not confirmed" in response.content.decode()
    pending.refresh_from_db()
    assert pending.checked_in_at is None


def test_check_in_of_another_receptions_student_is_not_found(
    client, door_staff, reception, make_reception, register
):
    other = register(make_reception(), confirm=True)
    response = client.post(url(reception), {"registration": other.pk})
    assert response.status_code == 404


def test_garbage_registration_id_is_not_found(client, door_staff, reception):
    assert client.post(url(reception), {"registration": "1 OR 1=1"}).status_code == 404


def test_dashboard_counts_by_status_nationality_and_institution(
    client, admin_client, reception, register
):
    register(reception, confirm=True, nationality="JP")
    register(reception, confirm=True, nationality="JP")
    register(
        reception,
        confirm=True,
        nationality="BR",
        institution=None,
        institution_other="EPFL",
    )
    register(reception)
    response = admin_client.get(f"/en/student-receptions/{reception.slug}/dashboard/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">Japan</th>' in body
    assert '<th scope="row">Other institution</th>' in body
    assert 'width="100.0"' in body
    assert "<svg" in body and "<script" not in body
    assert Registration.objects.filter(status="waitlisted").count() == 1


def test_report_counts_by_status_nationality_and_institution(reception, register):
    register(reception, confirm=True, nationality="JP")
    register(reception, confirm=True, nationality="JP")
    register(
        reception,
        confirm=True,
        nationality="BR",
        institution=None,
        institution_other="EPFL",
    )
    register(reception)
    with translation.override("en"):
        report = reception_report(Reception.objects.with_counts().get(pk=reception.pk))
        assert report.by_status == [
            ("Pending email confirmation", 1),
            ("Confirmed", 2),
            ("On the waiting list", 1),
            ("Cancelled", 0),
            ("Expired (not confirmed in time)", 0),
            ("Checked in", 0),
        ]
        assert report.by_nationality == [("Japan", 2), ("Brazil", 1)]
        assert report.by_institution == [
            ("Carnot secondary school", 2),
            ("Other institution", 1),
        ]


def test_dashboard_needs_the_view_permission(client, reception):
    user = get_user_model().objects.create_user("editor", password="a-long-password")
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    url = f"/en/student-receptions/{reception.slug}/dashboard/"
    assert client.get(url).status_code == 403


def test_reception_staff_can_open_the_dashboard(client, door_staff, reception):
    url = f"/en/student-receptions/{reception.slug}/dashboard/"
    assert client.get(url).status_code == 200


def test_checked_in_student_shows_undo_not_a_second_check_in(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True, first_name="Ana")
    services.registration_check_in(registration=registration)
    body = client.get(url(reception), {"q": registration.reference}).content.decode()
    assert "Check in Ana" not in body
    assert "Undo the check-in of Ana" in body


def test_undo_from_the_check_in_page(client, door_staff, reception, register):
    registration = register(reception, confirm=True)
    services.registration_check_in(registration=registration)
    response = client.post(
        url(reception),
        {"registration": registration.pk, "action": "undo"},
        follow=True,
    )
    assert "check-in undone." in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_unconfirmed_student_gets_no_check_in_button(
    client, door_staff, reception, register
):
    pending = register(reception, first_name="Zoé")
    body = client.get(url(reception), {"q": pending.reference}).content.decode()
    assert "Not confirmed" in body
    assert "Check in Zoé" not in body
