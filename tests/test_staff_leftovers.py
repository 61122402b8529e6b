"""What a new item's form says, and the first administrator's command."""

import os
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from programmes import services
from programmes.models import Event
from tests.content import edition

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_new_event_has_no_help_text_about_the_seeded_data(editor):
    body = editor.get("/en/admin/programmes/event/add/").content.decode()
    assert "loaded with the site have plausible placeholder" not in body
    assert body.count("Paris time.") == 2


@pytest.mark.django_db
def test_the_slug_help_matches_the_slug_filled_from_the_title(editor):
    body = editor.get("/en/admin/programmes/event/add/").content.decode()
    assert "Include the year" not in body
    assert "filled in from the French title" in body


@pytest.mark.django_db
def test_loaded_editions_are_marked_dates_to_confirm(initial_data):
    assert edition(Event, "printemps-de-l-europe").dates_to_confirm


@pytest.mark.django_db
def test_an_edition_copied_for_next_year_has_dates_to_confirm(make_event):
    from django.utils import timezone

    start = timezone.now()
    event = make_event("forum-2030", start, start)
    assert not event.dates_to_confirm
    assert services.event_duplicate_for_next_year(event=event).dates_to_confirm


def test_make_superuser_runs_createsuperuser_with_the_development_settings():
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "superuser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        # Not as a sub-make of `make test`: it would announce its directory.
        env={
            k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL"}
        },
    ).stdout
    command = dry_run.strip().splitlines()[-1]
    assert "manage.py createsuperuser" in command
    assert "DEBUG=" in command


def test_the_readme_gives_the_command_that_works():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Logging in to the admin", 1)[1].split("\n## ", 1)[0]
    assert "make superuser" in section
