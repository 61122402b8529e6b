import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from students.models import Registration

pytestmark = pytest.mark.django_db


def test_reception_list_shows_counts_without_a_query_per_row(
    admin_client, reception, make_reception, register, django_assert_max_num_queries
):
    register(reception, confirm=True)
    register(reception, confirm=True)
    register(reception, confirm=True)
    register(reception)
    other = make_reception()
    register(other, confirm=True)
    with django_assert_max_num_queries(12):
        response = admin_client.get("/en/admin/students/reception/")
    changelist = response.context["cl"]
    row = next(r for r in changelist.result_list if r.pk == reception.pk)
    assert (row.confirmed_count, row.pending_count, row.waitlisted_count) == (2, 1, 1)
    assert row.attended_count == 0


def test_registration_list_shows_waiting_list_positions_in_one_query(
    admin_client, reception, register, django_assert_max_num_queries
):
    seated = [register(reception, confirm=True) for _ in range(2)]
    waiting = [register(reception, confirm=True) for _ in range(3)]
    with django_assert_max_num_queries(12):
        response = admin_client.get("/en/admin/students/registration/")
    body = response.content.decode()
    rows = {r.pk: r for r in response.context["cl"].result_list}
    assert [rows[r.pk].waitlist_rank for r in waiting] == [1, 2, 3]
    assert [r.waitlist_position() for r in waiting] == [1, 2, 3]
    assert [rows[r.pk].waitlist_rank for r in seated] == [None, None]
    assert body.count('<td class="field-position">') == 5
    for number in (1, 2, 3):
        assert f'<td class="field-position">{number}</td>' in body
    assert body.count('<td class="field-position">-</td>') == 2


def test_registration_list_filters_and_search(admin_client, reception, register):
    register(reception, confirm=True, last_name="Nakamura", nationality="JP")
    register(reception, confirm=True, last_name="Silva", nationality="PT")
    body = admin_client.get(
        "/en/admin/students/registration/", {"nationality": "JP"}
    ).content.decode()
    assert "Nakamura" in body and "Silva" not in body
    body = admin_client.get(
        "/en/admin/students/registration/", {"q": "silva"}
    ).content.decode()
    assert "Silva" in body and "Nakamura" not in body
    body = admin_client.get(
        "/en/admin/students/registration/", {"status__exact": "confirmed"}
    ).content.decode()
    assert "2 registrations" in body


def test_csv_export_of_a_reception(admin_client, reception, register):
    register(reception, confirm=True, last_name="=HYPERLINK(evil)")
    register(reception, confirm=True, last_name="Silva")
    response = admin_client.post(
        "/en/admin/students/reception/",
        {"action": "export_csv", "_selected_action": [reception.pk]},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Reception", "Reference", "Status"]
    assert len(rows) == 3
    last_names = sorted(row[3] for row in rows[1:])
    assert last_names == ["'=HYPERLINK(evil)", "Silva"]


def test_resend_email_action(admin_client, reception, register, committed):
    registration = register(reception, confirm=True)
    mail.outbox.clear()
    with committed():
        admin_client.post(
            "/en/admin/students/registration/",
            {"action": "resend_email", "_selected_action": [registration.pk]},
        )
    assert [m.to for m in mail.outbox] == [[registration.email]]
    assert mail.outbox[0].subject.startswith("Your seat is confirmed")


def test_raising_capacity_in_the_admin_promotes_the_waiting_list(
    admin_client, reception, register, committed
):
    register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    change = f"/en/admin/students/reception/{reception.pk}/change/"
    form = admin_client.get(change).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if hasattr(value, "astimezone"):
            from django.utils import timezone

            local = timezone.localtime(value)
            data[f"{name}_0"] = local.strftime("%Y-%m-%d")
            data[f"{name}_1"] = local.strftime("%H:%M:%S")
            continue
        data[name] = str(value)
    data["capacity"] = "3"
    # The reception's questions (an inline formset, empty here).
    data.update({"questions-TOTAL_FORMS": "0", "questions-INITIAL_FORMS": "0"})
    data.update({"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"})
    with committed():
        response = admin_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Good news")


def test_registrations_cannot_be_added_by_hand(admin_client, reception):
    assert admin_client.get("/en/admin/students/registration/add/").status_code == 403


def test_content_editors_cannot_see_registrations(client, reception):
    user = get_user_model().objects.create_user(
        "editor", password="a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client.force_login(user)
    assert client.get("/en/admin/students/registration/").status_code == 403
    assert client.get("/en/admin/twinning/town/").status_code == 200
    assert client.get("/en/admin/students/reception/").status_code == 200


def test_reception_staff_can_view_registrations_but_not_change_content(
    client, reception
):
    user = get_user_model().objects.create_user(
        "door", password="a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    assert client.get("/en/admin/students/registration/").status_code == 200
    assert client.get("/en/admin/twinning/town/").status_code == 403


def test_groups_have_the_expected_permissions():
    staff = set(
        Group.objects.get(name="Reception staff").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"view_registration", "check_in_registration"} <= staff
    assert "change_registration" not in staff
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )
    assert ("twinning", "change_town") in editors
    assert ("twinning", "add_organisation") in editors
    # Models added by later migrations of the content apps are covered too.
    assert ("twinning", "change_partnership") in editors
    assert ("programmes", "change_event") in editors
    assert not any(codename.endswith("_registration") for _app, codename in editors)


def test_deleting_a_confirmed_registration_promotes_the_waiting_list(
    admin_client, reception, register
):
    seated = register(reception, confirm=True)
    register(reception, confirm=True)
    waiting = register(reception, confirm=True)
    admin_client.post(
        "/en/admin/students/registration/",
        {"action": "delete_selected", "_selected_action": [seated.pk], "post": "yes"},
    )
    assert not Registration.objects.filter(pk=seated.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
