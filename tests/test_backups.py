"""Backups known to restore: dump, drop everything, restore, find it all back.

Each run uses a database of its own (an SQLite file, and a throwaway
PostgreSQL database on the machine's server, never the suite's), a media
folder and a backup folder of its own, through `manage.py backup` and
`manage.py restore` as `make backup` / `make restore` run them.
"""

import json
import os
import subprocess

import environ
import psycopg2
import pytest
from django.core.management import CommandError, call_command

from tests.production import BASE_DIR, manage, production_env, python
from tests.test_production_servers import (
    IN_CI,
    postgres_admin_connection,
    postgres_url,
)

SETUP = """
from datetime import timedelta
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from students import services
from students.models import Reception
now = timezone.now()
reception = Reception.objects.create(
    slug="backed-up", title_fr="Accueil", title_en="Reception", is_published=True,
    academic_year="2026-2027", term="spring", capacity=2,
    starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=30, hours=2),
    registration_opens_at=now - timedelta(days=1),
    registration_closes_at=now + timedelta(days=28),
)
for n in range(3):
    services.registration_create(
        reception=reception,
        details=services.RegistrationDetails(
            first_name="Ana", last_name=f"Student{n}", email=f"s{n}@example.org",
            nationality="PT", institution=None, institution_other="EPFL",
            study_level="master", language="en", consent=True,
        ),
    )
default_storage.save("towns/backup-test.txt", ContentFile(b"uploaded bytes"))
"""

# What must come back: every row of our apps, and what they say.
SNAPSHOT = """
import json
from dijon_site.backups import row_counts
from students.models import Registration
from twinning.models import Town
print(json.dumps({
    "rows": row_counts(),
    "registrations": sorted(
        Registration.objects.values_list("reference", "email", "status")
    ),
    "towns": sorted(Town.objects.values_list("slug", "name_fr", "name_en")),
}))
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, tmp_path):
    """A production environment on a database of the test's own, with
    `site.drop()` destroying the database and the media files."""
    media = tmp_path / "media"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        admin = name = None
    else:
        try:
            admin = postgres_admin_connection(postgres_url())
        except psycopg2.Error as exc:
            if IN_CI:
                pytest.fail(f"CI must test PostgreSQL backups: {exc}")
            pytest.skip(f"PostgreSQL unreachable: {exc}")
        base = environ.Env.db_url_config(postgres_url())["NAME"] or "dijon"
        name = f"{base}_backup_{os.getpid()}"
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        url = postgres_url().rsplit("/", 1)[0] + "/" + name
    env = production_env(
        DATABASE_URL=url,
        MEDIA_ROOT=media,
        BACKUP_DIR=tmp_path / "backups",
        REDIS_URL="",  # restore empties the caches: never a shared Redis
    )

    def run(*args):
        result = manage(*args, env=env, timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def snapshot():
        result = python(SNAPSHOT, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout)

    def drop():
        if admin:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{name}"')
        else:
            (tmp_path / "site.sqlite3").unlink()
        subprocess.run(["rm", "-rf", str(media)], check=True)

    site = type("Site", (), {})()
    site.run, site.snapshot, site.drop = run, snapshot, drop
    site.media, site.backups, site.env = media, tmp_path / "backups", env
    try:
        run("migrate", "--noinput")
        run("load_initial_data")
        run("shell", "--command", SETUP)
        yield site
    finally:
        if admin:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()


def test_a_backup_restores_every_content_item_registration_and_file(site):
    before = site.snapshot()
    assert before["rows"]["students.Registration"] == 3
    assert before["rows"]["twinning.Town"] > 5
    folder = site.run("backup").strip()
    assert os.path.dirname(folder) == str(site.backups)
    assert oct(os.stat(folder).st_mode & 0o777) == "0o700"  # personal data

    site.drop()
    assert not site.media.exists()
    site.run("restore", folder)

    assert site.snapshot() == before
    restored = site.media / "towns" / "backup-test.txt"
    assert restored.read_bytes() == b"uploaded bytes"


@pytest.mark.parametrize("site", ["sqlite"], indirect=True)
def test_a_restore_that_lost_rows_says_so(site, tmp_path):
    folder = site.run("backup", "--to", str(tmp_path / "one")).strip()
    manifest_path = tmp_path / "one" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["rows"]["students.Registration"] += 1  # as if the dump lost one
    manifest_path.write_text(json.dumps(manifest))
    result = manage("restore", folder, env=site.env, timeout=300)
    assert result.returncode != 0
    assert "Rows missing after the restore" in result.stderr
    assert "students.Registration" in result.stderr


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(tmp_path))


def test_make_has_backup_and_restore():
    dry = subprocess.run(
        ["make", "-n", "backup", "restore", "BACKUP=/srv/backups/x"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py backup" in dry
    assert 'manage.py restore "/srv/backups/x"' in dry
