from django.conf import settings
from django.core.management.base import BaseCommand

from students import services


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of registrations for receptions that ended "
        "more than REGISTRATION_RETENTION_DAYS days ago, keeping anonymous "
        "counts. Safe to run daily: already anonymised data is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: REGISTRATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        count = services.registrations_purge(retention_days=days)
        self.stdout.write(
            f"{count} registration(s) anonymised (receptions ended more than "
            f"{days} days ago)."
        )
