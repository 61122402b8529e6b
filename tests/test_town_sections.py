"""A town's page shows the sections other apps register, in their order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from twinning.models import Town
from twinning.sections import town_sections

pytestmark = pytest.mark.django_db

MAINZ = "/en/twin-towns/mainz/"


@pytest.fixture(autouse=True)
def content(initial_data, make_event):
    start = timezone.now() + timedelta(days=20)
    event = make_event("mainz-week", start, start + timedelta(hours=3))
    event.towns.add(Town.objects.get(slug="mainz"))


@pytest.fixture
def restore_sections():
    saved = dict(town_sections._sections)
    yield
    town_sections._sections = saved


def headings(client):
    body = client.get(MAINZ).content.decode()
    ids = ("partnerships-title", "programmes-title", "events-title")
    return [i for i in sorted(ids, key=lambda i: body.find(f'id="{i}"')) if i in body]


def test_sections_come_in_their_registered_order(client):
    assert headings(client) == [
        "partnerships-title",
        "programmes-title",
        "events-title",
    ]


def test_each_section_lists_what_its_app_prefetched(client):
    body = client.get(MAINZ).content.decode()
    assert "Event mainz-week" in body
    assert "Franco-German volunteer programme" in body


def test_an_unregistered_section_leaves_the_page(client, restore_sections):
    town_sections.unregister("events")
    assert headings(client) == ["partnerships-title", "programmes-title"]


def test_a_section_can_move_ahead_of_the_others(client, restore_sections):
    events = next(s for s in town_sections if s.name == "events")
    town_sections.register(
        "events", template=events.template, prefetch=events.prefetch, order=1
    )
    assert headings(client)[0] == "events-title"


def test_sections_cost_one_query_each_whatever_the_data(
    client, django_assert_max_num_queries
):
    # The town, Dijon, the footer's department and accessibility status, the
    # cache generation, the next scheduled publication; then one per section.
    with django_assert_max_num_queries(6 + len(list(town_sections))):
        client.get(MAINZ)
