"""Backups of the database and the uploaded files, and their restore.

`manage.py backup` (`make backup`) writes one folder per backup:

- `database.dump`: PostgreSQL's `pg_dump --format=custom` (restored with
  `pg_restore`), or `database.sqlite3`: a consistent copy made with SQLite's
  online backup API;
- `media.tar.gz`: everything under MEDIA_ROOT (not a media bucket: keep the
  bucket's own versioning for that);
- `manifest.json`: when, which database engine, and how many rows each table
  of ours had, which `manage.py restore` checks against after restoring.

The folder is readable by its owner only: it holds students' personal data.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, transaction

POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
MANIFEST = "manifest.json"
# Our apps: their row counts go into the manifest and are checked on restore.
OUR_APPS = ("core", "twinning", "programmes", "students")


class BackupError(Exception):
    """A backup or restore that cannot go on; `str()` says why."""


def _database(alias="default"):
    return settings.DATABASES[alias]


def engine(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise ImproperlyConfigured(f"No backup for the {vendor} database engine.")
    return vendor


def _postgres_command(program, alias="default"):
    """The program's arguments and environment for the configured database."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} not found: install postgresql-client.")
    database = _database(alias)
    args = [path, "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _run(args, env=None):
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def _our_tables():
    """{model label: table} for every model of our apps."""
    return {
        model._meta.label: model._meta.db_table
        for app_label in OUR_APPS
        for model in apps.get_app_config(app_label).get_models()
    }


def _count_rows(cursor, quote):
    counts = {}
    for label, table in _our_tables().items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
        counts[label] = cursor.fetchone()[0]
    return counts


def row_counts(alias="default"):
    """{model label: rows} for every model of our apps, in the database now."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        return _count_rows(cursor, connection.ops.quote_name)


# --- Backup ------------------------------------------------------------------


def dump_database(folder, alias="default"):
    """Dumps the database into FOLDER; returns the row counts of the dump.

    The counts are those of the dump itself, whatever the site writes
    meanwhile: PostgreSQL's from the snapshot pg_dump reads, SQLite's from
    the copy.
    """
    connection = connections[alias]
    if engine(alias) == "postgresql":
        args, env = _postgres_command("pg_dump", alias)
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count_rows(cursor, connection.ops.quote_name)
            _run(
                [
                    *args,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(folder / POSTGRES_DUMP),
                ],
                env,
            )
        return counts
    source = sqlite3.connect(_database(alias)["NAME"])
    target = sqlite3.connect(folder / SQLITE_COPY)
    try:
        with target:
            source.backup(target)
        return _count_rows(target.cursor(), connection.ops.quote_name)
    finally:
        source.close()
        target.close()


def archive_media(folder):
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname=".")
    return folder / MEDIA_ARCHIVE


def backup(folder, alias="default"):
    """Writes a complete backup into FOLDER (created, owner-only)."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=False)
    rows = dump_database(folder, alias)
    archive_media(folder)
    manifest = {"engine": engine(alias), "rows": rows}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


# --- Restore -----------------------------------------------------------------


def restore_database(folder, alias="default"):
    """Replaces the configured database's contents with the backup's."""
    kind = engine(alias)
    if kind == "postgresql":
        dump = folder / POSTGRES_DUMP
        if not dump.is_file():
            raise BackupError(f"No PostgreSQL dump in {folder}.")
        connections[alias].close()
        args, env = _postgres_command("pg_restore", alias)
        _run(
            [
                *args,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                str(dump),
            ],
            env,
        )
        return
    copy = folder / SQLITE_COPY
    if not copy.is_file():
        raise BackupError(f"No SQLite copy in {folder}.")
    connections[alias].close()
    source = sqlite3.connect(copy)
    target = sqlite3.connect(_database(alias)["NAME"])
    try:
        with target:
            source.backup(target)
    finally:
        source.close()
        target.close()


def restore_media(folder):
    """Extracts the backup's files into MEDIA_ROOT (files since added stay)."""
    archive_path = folder / MEDIA_ARCHIVE
    if not archive_path.is_file():
        raise BackupError(f"No media archive in {folder}.")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        # "data": no absolute paths, links out of MEDIA_ROOT or device files.
        archive.extractall(media, filter="data")


def restore(folder, alias="default"):
    """Restores database and media; returns the manifest's expected counts."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{folder} is not a backup (no {MANIFEST}).")
    manifest = json.loads(manifest_path.read_text())
    if manifest["engine"] != engine(alias):
        raise BackupError(
            f"This backup is of a {manifest['engine']} database, "
            f"the site uses {engine(alias)}."
        )
    restore_database(folder, alias)
    restore_media(folder)
    return manifest["rows"]
