"""The back-office's defences: login lockout, a configurable address, least
privilege and a history of every change."""

import datetime
import io
import re

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from core.http import client_ip
from tests.production import production_env, python
from tests.test_admin import CHANGE_URL, form_data
from twinning.models import Organisation, Town

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOGIN = "/en/admin/login/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )


def log_in(client, password, username="editor", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/en/admin/"},
        **extra,
    )


def fail(client, times, **extra):
    """Fails TIMES logins; the fifth failure is the one that locks."""
    for attempt in range(1, times + 1):
        response = log_in(client, "wrong password", **extra)
        assert response.status_code == (429 if attempt >= 5 else 200)


def test_a_good_password_logs_in(client, editor):
    assert log_in(client, PASSWORD).status_code == 302


def test_five_failed_logins_lock_the_account_with_a_clear_message(client, editor):
    fail(client, 5)
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed logins" in body
    assert "locked after 5 failed logins" in body
    assert "Reset my password by email" in body
    assert "try again in 15 minutes" in body
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_translated(client, editor):
    fail(client, 5)
    response = client.post(
        "/fr/admin/login/", {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_the_lockout_ends_after_the_cool_off_time(client, editor):
    start = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        fail(client, 5)
        assert log_in(client, PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert log_in(client, PASSWORD).status_code == 302


def test_four_failures_do_not_lock(client, editor):
    fail(client, 4)
    assert log_in(client, PASSWORD).status_code == 302


def test_failures_spread_over_addresses_lock_the_account(editor):
    """6 addresses x 4 wrong passwords: the account is locked for everyone,
    the right password from a 7th address included."""
    statuses = []
    for n in range(6):
        attacker = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        statuses += [log_in(attacker, "wrong").status_code for _ in range(4)]
    assert statuses[:4] == [200] * 4
    assert 429 in statuses[4:8]
    assert statuses[8:] == [429] * 16
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = log_in(owner, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in owner.session


def test_one_address_trying_many_accounts_is_locked(editor):
    get_user_model().objects.create_superuser("colleague", "c@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for name in ("admin", "root", "colleague", "webmaster", "dijon"):
        log_in(attacker, "wrong", username=name)
    # Every account is refused from that address, even with its password...
    assert log_in(attacker, PASSWORD).status_code == 429
    # ...while nobody else is: no account got 5 failures.
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(elsewhere, PASSWORD, username="colleague").status_code == 302


def test_failures_older_than_the_window_are_forgotten(editor):
    start = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        fail(Client(REMOTE_ADDR="203.0.113.1"), 4)
    later = start + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        fail(Client(REMOTE_ADDR="203.0.113.2"), 4)
        assert log_in(Client(), PASSWORD).status_code == 302


def test_behind_the_proxy_each_visitor_is_told_apart(settings, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_superuser("colleague", "c@example.org", PASSWORD)
    attacker = Client(REMOTE_ADDR="127.0.0.1")
    # A forged first entry changes nothing: the proxy's own entry counts, so
    # five guesses at five accounts lock the attacker's address...
    for n, forged in enumerate(("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5")):
        log_in(
            attacker,
            "wrong",
            username=f"guess{n}",
            headers={"X-Forwarded-For": f"{forged}, 203.0.113.9"},
        )
    response = log_in(
        attacker,
        PASSWORD,
        username="colleague",
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    assert response.status_code == 429
    # ...and not everyone behind the proxy.
    colleague = Client(REMOTE_ADDR="127.0.0.1")
    response = log_in(
        colleague,
        PASSWORD,
        username="colleague",
        headers={"X-Forwarded-For": "198.51.100.7"},
    )
    assert response.status_code == 302


def test_failed_logins_are_not_logged_with_the_username(client, editor, caplog):
    fail(client, 5)
    log_in(client, PASSWORD)
    # The failures are logged, with the name and address masked.
    assert caplog.text.count("AXES: New login failure by") == 1
    assert 'username: "****' in caplog.text
    assert "editor" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_the_admin_address_is_configurable():
    result = python(
        "from django.urls import reverse\nfrom django.utils import translation\n"
        "translation.activate('fr')\nprint(reverse('admin:index'))",
        env=production_env(ADMIN_URL="gestion-ri/"),
    )
    assert result.stdout.strip() == "/fr/gestion-ri/"


def test_admin_pages_keep_crawlers_off_without_robots_txt_naming_the_admin(client):
    # robots.txt is public: naming the admin there would point scanners at
    # it. The admin's own pages carry a noindex meta tag instead.
    assert "admin" not in client.get("/robots.txt").content.decode()
    login = client.get("/fr/admin/login/").content.decode()
    assert '<meta name="robots" content="NONE,NOARCHIVE">' in login


def test_every_admin_change_is_recorded_in_the_history(client, editor, initial_data):
    client.force_login(editor)
    town = Town.objects.get(slug="mainz")
    data = form_data(client, town)
    data["title_en"] = "Capital of Rhineland-Palatinate, on the Rhine"
    assert client.post(CHANGE_URL.format(pk=town.pk), data).status_code == 302
    entry = LogEntry.objects.get(object_id=str(town.pk), action_flag=CHANGE)
    assert entry.user == editor
    assert "Title [en]" in entry.get_change_message()
    history = client.get(reverse("admin:twinning_town_history", args=[town.pk]))
    assert "Title (English)" in history.content.decode()


def test_additions_and_deletions_are_recorded_too(client, editor, initial_data):
    client.force_login(editor)
    response = client.post(
        reverse("admin:twinning_organisation_add"),
        {
            "name_fr": "Comité de jumelage",
            "name_en": "Twinning committee",
            "slug": "comite-de-jumelage",
            "kind": "association",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="comite-de-jumelage")
    delete_url = reverse("admin:twinning_organisation_delete", args=[organisation.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    flags = set(
        LogEntry.objects.filter(object_id=str(organisation.pk)).values_list(
            "action_flag", flat=True
        )
    )
    assert flags == {ADDITION, DELETION}


def test_staff_without_permission_cannot_edit_content(client, initial_data):
    clerk = get_user_model().objects.create_user("clerk", password=PASSWORD)
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    town = Town.objects.get(slug="mainz")
    assert client.get(CHANGE_URL.format(pk=town.pk)).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_no_staff_group_can_manage_accounts_or_rewrite_history(db):
    """Groups (e.g. reception staff, content editors) get only their own work:
    accounts, permissions, the history and the lockout records stay with the
    superusers."""
    reserved = Permission.objects.filter(
        content_type__app_label__in=["auth", "admin", "sessions", "contenttypes"]
    ) | Permission.objects.filter(content_type__app_label="axes")
    groups = list(Group.objects.all())
    assert {"Content editors", "Reception staff"} <= {g.name for g in groups}
    for group in groups:
        assert not group.permissions.filter(pk__in=reserved).exists(), group.name


def test_daily_maintenance_forgets_expired_sessions_and_old_logins(client, editor):
    start = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        assert log_in(client, PASSWORD).status_code == 302
    assert AccessLog.objects.count() == 1
    assert Session.objects.count() == 1
    call_command("daily_maintenance", stdout=io.StringIO())
    assert AccessLog.objects.count() == 0
    assert Session.objects.count() == 0


def test_daily_maintenance_keeps_recent_sessions_and_logins(client, editor):
    assert log_in(client, PASSWORD).status_code == 302
    call_command("daily_maintenance", stdout=io.StringIO())
    assert AccessLog.objects.count() == 1
    assert Session.objects.count() == 1


def test_an_overlong_username_is_a_failed_login_not_a_server_error(client, editor):
    response = log_in(client, "wrong", username="x" * 5000)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "198.51.100.7", "198.51.100.7"),
        (1, "1.1.1.1, 203.0.113.9", "127.0.0.1", "203.0.113.9"),
        (1, "", "127.0.0.1", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1", "127.0.0.1"),
        (1, "", "", "0.0.0.0"),
    ],
)
def test_the_visitor_address_is_read_through_the_trusted_proxy(
    rf, settings, proxies, forwarded, remote, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


# --- The staff member's way back -----------------------------------------------


def reset_link(client, email="editor@example.org"):
    """Asks for a reset from the lockout page's link; returns the emailed path."""
    response = client.post("/en/admin/password-reset/", {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    match = re.search(
        r"https?://[^/\s]+(/\S+/password-reset/\S+/)", mail.outbox[0].body
    )
    return match.group(1)


def test_the_login_page_offers_a_password_reset(client):
    body = client.get(LOGIN).content.decode()
    assert 'href="/en/admin/password-reset/"' in body


def test_a_password_reset_by_email_lifts_the_lockout(editor):
    for n in range(5):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "wrong")
    owner = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(owner, PASSWORD).status_code == 429
    form = owner.get(reset_link(owner), follow=True)
    assert form.status_code == 200
    new = "another-long-test-password"
    done = owner.post(
        form.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your password has been set" in done.content.decode()
    assert log_in(owner, new).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, editor):
    response = client.post("/en/admin/password-reset/", {"email": "x@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/en/admin/password-reset/sent/"
    assert mail.outbox == []


def test_password_reset_emails_are_rate_limited(client, editor, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "2/h"
    for _ in range(4):
        response = client.post(
            "/en/admin/password-reset/", {"email": "editor@example.org"}
        )
        assert response["Location"] == "/en/admin/password-reset/sent/"
    assert len(mail.outbox) == 2


def test_the_password_reset_pages_are_translated(client):
    body = client.get("/fr/admin/password-reset/").content.decode()
    assert "Réinitialiser mon mot de passe" in body


def test_an_administrator_can_unlock_an_account(editor):
    for n in range(5):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert log_in(Client(), PASSWORD).status_code == 302


def test_an_administrator_can_unlock_an_account_in_the_admin(editor):
    for n in range(5):
        log_in(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 429
    administrator = get_user_model().objects.create_superuser(
        "chief", "chief@example.org", PASSWORD
    )
    chief = Client()
    chief.force_login(administrator)
    attempts = chief.get("/en/admin/axes/accessattempt/?q=editor")
    assert attempts.status_code == 200
    pks = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    assert len(pks) >= 5
    response = chief.post(
        "/en/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert response.status_code == 302
    assert log_in(Client(), PASSWORD).status_code == 302
