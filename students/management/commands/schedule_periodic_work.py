from django.core.management.base import BaseCommand

from students.tasks import schedule_periodic_work


class Command(BaseCommand):
    help = (
        "Queue the periodic task (expiring holds, waiting lists, reminders, "
        "emails to retry, the retention purge) unless it is queued already. "
        "Run before starting the task worker; each run queues the next."
    )

    def handle(self, *args, **options):
        queued = schedule_periodic_work()
        self.stdout.write("Periodic work queued." if queued else "Already queued.")
