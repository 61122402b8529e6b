import logging

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dijon_site import backups

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Replace the database and restore MEDIA_ROOT from a folder written by "
        "`manage.py backup`, then migrate, purge what is past its retention "
        "and check every table of ours has its rows back. Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by `manage.py backup`")

    def handle(self, *args, **options):
        try:
            expected = backups.restore(options["folder"])
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        # A newer version of the site may need its newer tables.
        call_command("migrate", "--noinput", verbosity=0)
        restored = backups.row_counts()
        missing = {
            label: (rows, restored.get(label))
            for label, rows in expected.items()
            if restored.get(label) != rows
        }
        if missing:
            raise CommandError(f"Rows missing after the restore: {missing}")
        # Students' data past its retention since the backup goes again.
        call_command("purge_registrations", stdout=self.stdout)
        for cache in caches.all():
            try:
                cache.clear()
            except Exception:  # a cache down now is empty when it comes back
                logger.warning("Could not clear the %r cache", cache)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(restored.values())} rows and the media files."
            )
        )
