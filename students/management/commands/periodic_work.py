from django.core.management.base import BaseCommand

from students.tasks import run_periodic_work


class Command(BaseCommand):
    help = (
        "Run the students' periodic work now: expire overdue holds, promote "
        "from the waiting lists, queue the reminders, send the due emails, "
        "purge old personal data. The task worker does this every minute; "
        "run this from cron only on a site without a worker."
    )

    def handle(self, *args, **options):
        done = run_periodic_work(send_now=True)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in done.items()))
