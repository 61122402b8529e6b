"""The door check-in page and its JSON endpoints: scan, undo, status, search."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from students.models import Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def door_staff(client):
    user = get_user_model().objects.create_user("door", password="a-long-password")
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    return user


def url(reception, action=""):
    return f"/en/student-receptions/{reception.slug}/door/{action}"


def scan(client, reception, reference, **extra):
    return client.post(
        url(reception, "scan/"), {"reference": reference, **extra}
    ).json()


def test_door_page_has_no_public_header_and_may_use_the_camera(
    client, door_staff, reception
):
    response = client.get(url(reception))
    body = response.content.decode()
    assert response.status_code == 200
    assert "site-header" not in body
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "0 checked in out of 0 confirmed" in body


def test_door_page_names_jsqr_but_leaves_its_download_to_the_scanner(
    client, door_staff, reception
):
    body = client.get(url(reception)).content.decode()
    assert 'data-jsqr-url="/static/vendor/jsqr/jsQR.js"' in body
    assert '<script src="/static/vendor/jsqr/' not in body


def test_other_pages_keep_the_camera_off(client, reception):
    response = client.get(f"/en/student-receptions/{reception.slug}/")
    assert "camera=()" in response["Permissions-Policy"]


def test_door_needs_the_check_in_permission(client, reception):
    user = get_user_model().objects.create_user("editor", password="a-long-password")
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    assert client.get(url(reception)).status_code == 403
    assert client.post(url(reception, "scan/"), {"reference": "x"}).status_code == 403


def test_scan_checks_in_then_says_already_with_the_time(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True, first_name="Ana")
    first = scan(client, reception, registration.reference.lower().replace("-", ""))
    assert first["result"] == "checked_in"
    assert first["card"]["name"] == registration.full_name
    assert first["counts"]["attended"] == 1
    second = scan(client, reception, registration.reference)
    assert second["result"] == "already"
    registration.refresh_from_db()
    time = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    assert second["message"] == f"Already checked in at {time}."


def test_scan_of_a_waitlisted_student_says_not_confirmed(
    client, door_staff, reception, register
):
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    answer = scan(client, reception, waiting.reference)
    assert answer["result"] == "not_confirmed"
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_scan_of_an_unknown_or_other_reception_ticket_says_unknown(
    client, door_staff, reception, make_reception, register
):
    elsewhere = register(make_reception(), confirm=True)
    assert scan(client, reception, elsewhere.reference)["result"] == "unknown"
    assert scan(client, reception, "not a ticket")["result"] == "unknown"


def test_scan_shows_the_answers_staff_need(client, door_staff, reception, register):
    diet = Question.objects.create(
        reception=reception,
        kind=Question.Kind.ONE_CHOICE,
        label_fr="Régime",
        label_en="Diet",
        choices_fr="Tout\nVégan",
        choices_en="Anything\nVegan",
    )
    registration = register(reception, confirm=True, answers=((diet, 1),))
    card = scan(client, reception, registration.reference)["card"]
    assert card["answers"] == [{"question": "Diet", "answer": "Vegan"}]


def test_undo_takes_the_check_in_back(client, door_staff, reception, register):
    registration = register(reception, confirm=True)
    scan(client, reception, registration.reference)
    answer = client.post(
        url(reception, "undo/"), {"reference": registration.reference}
    ).json()
    assert answer["result"] == "undone"
    assert answer["counts"]["attended"] == 0
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert scan(client, reception, registration.reference)["result"] == "checked_in"


def test_a_queued_scan_keeps_the_time_it_was_made(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    scanned = timezone.now() - timedelta(minutes=3)
    scan(
        client,
        reception,
        registration.reference,
        scanned_at=str(int(scanned.timestamp() * 1000)),
    )
    registration.refresh_from_db()
    assert abs(registration.checked_in_at - scanned) < timedelta(seconds=1)


def test_a_scan_time_in_the_future_or_long_ago_is_not_believed(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    future = timezone.now() + timedelta(days=2)
    scan(
        client,
        reception,
        registration.reference,
        scanned_at=str(int(future.timestamp() * 1000)),
    )
    registration.refresh_from_db()
    assert registration.checked_in_at <= timezone.now()


def test_the_same_queued_scan_sent_twice_checks_in_once(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    results = [scan(client, reception, registration.reference)["result"] for _ in "ab"]
    assert results == ["checked_in", "already"]
    status = client.get(url(reception, "status/")).json()
    assert status["counts"]["attended"] == 1


def test_status_gives_the_counters_never_from_a_cache(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    scan(client, reception, registration.reference)
    response = client.get(url(reception, "status/"))
    assert response.json()["counts"] == {
        "attended": 1,
        "confirmed": 1,
        "text": "1 checked in out of 1 confirmed",
    }
    assert "no-store" in response["Cache-Control"]


def test_status_needs_the_check_in_permission(client, reception):
    assert client.get(url(reception, "status/")).status_code == 302
    user = get_user_model().objects.create_user("editor", password="a-long-password")
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    assert client.get(url(reception, "status/")).status_code == 403


def test_a_scan_sent_again_after_a_lost_answer_is_still_checked_in(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    scanned_at = str(int(timezone.now().timestamp() * 1000) - 2000)
    results = [
        scan(client, reception, registration.reference, scanned_at=scanned_at)
        for _ in "ab"
    ]
    assert [r["result"] for r in results] == ["checked_in", "checked_in"]
    assert results[1]["counts"]["attended"] == 1


def test_the_same_ticket_scanned_by_another_phone_is_already_in(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True)
    scanned_at = str(int(timezone.now().timestamp() * 1000) - 2000)
    scan(client, reception, registration.reference, scanned_at=scanned_at)
    other = get_user_model().objects.create_user("door2", password="a-long-password")
    other.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(other)
    again = scan(client, reception, registration.reference, scanned_at=scanned_at)
    assert again["result"] == "already"


def test_search_lists_matching_students(client, door_staff, reception, register):
    register(reception, confirm=True, last_name="Nakamura")
    found = client.get(url(reception, "search/"), {"q": "nakam"}).json()["results"]
    assert [r["name"] for r in found] == ["Ana Nakamura"]


def test_search_says_who_is_already_in_and_since_when(
    client, door_staff, reception, register
):
    registration = register(reception, confirm=True, last_name="Nakamura")
    scan(client, reception, registration.reference)
    registration.refresh_from_db()
    found = client.get(url(reception, "search/"), {"q": "nakam"}).json()["results"]
    time = timezone.localtime(registration.checked_in_at).strftime("%H:%M")
    assert found[0]["status"] == f"Already checked in at {time}."
    assert found[0]["checked_in"] is True


def test_tickets_are_full_qr_codes_that_phone_scanners_read(
    client, reception, register
):
    from students.tokens import manage_token

    registration = register(reception, confirm=True)
    body = client.get(f"/en/my-registration/{manage_token(registration)}/").content
    # A Micro QR code of a reference is 17 modules wide (+ 2 × 2 of margin);
    # a full one at least 21 (+ 2 × 4): drawn 5 pixels a module.
    width = int(body.split(b'<svg role="img" width="', 1)[1].split(b'"', 1)[0])
    assert width // 5 >= 21 + 2 * 4


def test_door_page_in_french(client, door_staff, reception):
    body = client.get(
        f"/fr/accueil-etudiants/{reception.slug}/entree/"
    ).content.decode()
    assert "Démarrer la caméra" in body
    assert "0 présent sur 0 confirmé" in body
    assert (
        f'data-scan-url="/fr/accueil-etudiants/{reception.slug}/entree/scan/"' in body
    )
