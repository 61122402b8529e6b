"""The loaded content's dated records, whose slugs carry the year they are for.

`load_initial_data` computes receptions and events from today (see the header
of programmes/data/content.yaml), so tests find them by series, not by year.
"""

import re
from pathlib import Path

from django.apps import apps


def data_file(app_label):
    """The content file an app ships: <app>/data/content.yaml."""
    return Path(apps.get_app_config(app_label).path) / "data" / "content.yaml"


def edition(model, series):
    """The one loaded record of a series: edition(Event, "printemps-de-l-europe")."""
    return model.objects.get(slug__regex=rf"^{re.escape(series)}-\d{{4}}$")
