"""Every public page runs a small, fixed number of queries, whatever the data.

To cover a new page, add a row to PAGES: URL name, its kwargs (a record the
loaded content has; a callable for a dated record, whose slug carries the year
it was loaded for), and the number of queries it may run.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.content import edition
from tests.factories import multiply_content
from twinning.models import Organisation, Town

pytestmark = pytest.mark.django_db

# Besides its own, every page reads the cache generation: one query
# (core/caching.py), the same on every page and whatever the data.
GENERATION_QUERIES = 1
# A page stored in the cache asks once when the next scheduled publication
# change comes (core/publishing.py): it must not outlive it.
NEXT_CHANGE = 1

# The footer of every page reads the accessibility status (legal): one query
# counted in each row below.
PAGES = [
    ("home", {}, 6),
    ("twinning:town_list", {}, 4),
    ("twinning:town_detail", {"slug": "mainz"}, 9),
    ("twinning:international_action", {}, 5),
    ("twinning:partnership_list", {}, 6),
    ("twinning:partnership_detail", {"slug": "charte-engagement-climat-cop21"}, 5),
    ("twinning:organisation_detail", {"slug": "vitagora"}, 4),
    ("twinning:network_list", {}, 3),
    ("twinning:contact", {}, 2),
    ("programmes:programme_list", {}, 4),
    ("programmes:programme_detail", {"slug": "service-volontaire-europeen"}, 6),
    ("programmes:event_list", {}, 4),
    ("programmes:event_archive", {}, 4),
    ("programmes:event_detail", {"slug": lambda: event("printemps-de-l-europe")}, 6),
    ("students:reception_list", {}, 4),
    (
        "students:reception_detail",
        {"slug": lambda: reception("accueil-etudiants-printemps")},
        # the reception's questions in one query whatever their number, its
        # photos in another (its pages' own generation is read with the others)
        8,
    ),
    ("legal:accessibility", {}, 3),
    ("legal:legal-notice", {}, 3),
    ("legal:personal-data", {}, 3),
    ("site_map", {}, 9),
]


def event(series):
    from programmes.models import Event

    return edition(Event, series).slug


def reception(series):
    from students.models import Reception

    return edition(Reception, series).slug


def add_past_event():
    """The archive lists past events: the loaded content has none yet."""
    from datetime import timedelta

    from django.utils import timezone

    from programmes.models import Event

    start = timezone.now() - timedelta(days=400)
    Event.objects.create(
        slug="printemps-de-l-europe-2025",
        title_fr="Printemps de l'Europe 2025",
        start=start,
        end=start + timedelta(days=20),
        is_published=True,
    )


# Content a page needs before it shows what it is for.
SETUP = {"programmes:event_archive": add_past_event}


def _resolve(kwargs):
    return {key: value() if callable(value) else value for key, value in kwargs.items()}


def _get(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    cache.clear()  # measure the page being built, not served from the cache
    return client.get(url)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES)
def test_page_query_count_with_the_loaded_content(
    client, initial_data, django_assert_num_queries, name, kwargs, queries, language
):
    SETUP.get(name, lambda: None)()
    kwargs = _resolve(kwargs)
    with django_assert_num_queries(queries + GENERATION_QUERIES + NEXT_CHANGE):
        response = _get(client, name, kwargs, language)
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES)
def test_page_query_count_with_ten_times_the_content(
    client, initial_data, django_assert_num_queries, name, kwargs, queries
):
    SETUP.get(name, lambda: None)()
    kwargs = _resolve(kwargs)
    multiply_content(10)
    with django_assert_num_queries(queries + GENERATION_QUERIES + NEXT_CHANGE):
        response = _get(client, name, kwargs, "en")
    assert response.status_code == 200


def test_multiplied_content_shows_on_the_pages(client, initial_data):
    towns = Town.objects.count()
    organisations = Organisation.objects.count()
    multiply_content(10)
    assert Town.objects.count() == 10 * towns
    assert Organisation.objects.count() == 10 * organisations
    body = _get(client, "twinning:town_list", {}, "en").content.decode()
    assert body.count('class="card"') == 10 * towns
