from importlib import import_module

from django.core.management.base import BaseCommand

# Each app that ships content has a `seed` module with a `load()` function.
SEEDED_APPS = ["twinning", "programmes", "students"]


class Command(BaseCommand):
    help = (
        "Load the brochure's content (French and English). Safe to run again: "
        "it only adds what is missing and never overwrites staff edits."
    )

    def handle(self, *args, **options):
        total = 0
        for app in SEEDED_APPS:
            try:
                seed = import_module(f"{app}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.seed":
                    raise
                continue
            for label, count in sorted(seed.load().items()):
                total += count
                self.stdout.write(f"{label}: {count} created")
        self.stdout.write(self.style.SUCCESS(f"Initial data loaded ({total} new)."))
