from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# (command, options): each runs once a day, from a systemd timer (see README).
# Apps that must forget personal data after a while add their command here.
DAILY_COMMANDS = [
    # Expired sessions are deleted, not left in the database.
    ("clearsessions", {}),
    # Successful admin logins (time, address) are kept for an audit period.
    ("axes_reset_logs", {"age": settings.LOGIN_LOG_RETENTION_DAYS}),
    # Students' personal data is anonymised once the retention period is over.
    ("purge_registrations", {}),
    # The task worker's periodic work (holds, waiting lists, reminders, emails
    # due), once more: the safety net should the worker have been down.
    ("periodic_work", {}),
    # ...and its chain mended, should queueing its next run have failed.
    ("schedule_periodic_work", {}),
]


class Command(BaseCommand):
    help = "Daily housekeeping: expired sessions, old login records."

    def handle(self, *args, **options):
        for name, command_options in DAILY_COMMANDS:
            call_command(name, stdout=self.stdout, **command_options)
        self.stdout.write(self.style.SUCCESS("Daily maintenance done."))
