from django.core.management.base import BaseCommand

from students import services
from students.models import Reception


class Command(BaseCommand):
    help = (
        "Expire pending registrations not confirmed in time and give the freed "
        "seats to the waiting list. Pages and services already do this lazily; "
        "run it every few minutes so promotions never wait for a visitor."
    )

    def handle(self, *args, **options):
        total = 0
        for reception in Reception.objects.filter(
            registrations__status="pending"
        ).distinct():
            total += services.expire_pending(reception=reception)
        self.stdout.write(f"{total} pending registration(s) expired.")
