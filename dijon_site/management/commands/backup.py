from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dijon_site import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or a copy of SQLite) and MEDIA_ROOT "
        "into a new folder of BACKUP_DIR; prints the folder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", help="the new folder (default: BACKUP_DIR/<UTC date and time>)"
        )

    def handle(self, *args, **options):
        folder = options["to"] or (
            settings.BACKUP_DIR / timezone.now().strftime("%Y-%m-%dT%H%M%SZ")
        )
        try:
            folder = backups.backup(folder)
        except (backups.BackupError, FileExistsError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
