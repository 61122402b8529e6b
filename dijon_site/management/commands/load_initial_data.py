from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand

from core import content

# The apps whose `data/content.yaml` ships with the site, in loading order
# (dijon_site: the texts of the site's own pages):
# programmes refer to twinning's towns and organisations by slug.
CONTENT_APPS = ["dijon_site", "twinning", "programmes", "students", "legal"]
CONTENT_FILE = "data/content.yaml"


class Command(BaseCommand):
    help = (
        "Load the brochure's content (French and English). Safe to run again: "
        "it only adds what is missing and never overwrites staff edits. Dates "
        "(receptions, events) are the next ones from today."
    )

    def handle(self, *args, **options):
        total = 0
        for label in CONTENT_APPS:
            path = Path(apps.get_app_config(label).path) / CONTENT_FILE
            for model, count in sorted(content.load(path).items()):
                total += count
                self.stdout.write(f"{model}: {count} created")
        self.stdout.write(self.style.SUCCESS(f"Initial data loaded ({total} new)."))
