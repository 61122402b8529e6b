"""Drafts, scheduled publishing and staff previews (core/publishing.py)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core.publishing import next_change
from programmes.models import Event, Programme
from students.models import Reception
from twinning.models import Partnership, Town

pytestmark = pytest.mark.django_db

SITEMAP = "/sitemap.xml"


def fr_url(name):
    with translation.override("fr"):
        return reverse(name)


AGENDA = fr_url("programmes:event_list")
FEED = fr_url("programmes:event_feed")


def event_url(event, language="fr"):
    with translation.override(language):
        return event.get_absolute_url()


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clock_cache(settings):
    """A cache that expires entries on Python's clock, which time-machine moves.

    Redis expires keys on its own clock: a test cannot make a minute pass
    there without waiting for it.
    """
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }


@pytest.fixture
def soon():
    """A start a little ahead, on a whole minute, as the admin would set it."""
    return (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)


def test_new_items_start_as_drafts():
    for model in (Town, Partnership, Programme, Event, Reception):
        assert model._meta.get_field("is_published").default is False


def test_loaded_content_is_published(initial_data):
    for model in (Town, Partnership, Programme, Event, Reception):
        assert model.objects.exists()
        assert not model.objects.filter(is_published=False).exists()


def test_publication_cannot_end_before_it_starts(soon):
    event = Event(publish_from=soon, publish_until=soon - timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "publish_until" in error.value.message_dict


def test_published_means_inside_the_window(make_event, soon):
    now = timezone.now()
    make_event("always", soon, soon + timedelta(hours=2))
    make_event("later", soon, soon, publish_from=now + timedelta(minutes=1))
    make_event("over", soon, soon, publish_until=now - timedelta(minutes=1))
    make_event("draft", soon, soon, is_published=False)
    assert [e.slug for e in Event.objects.published(now)] == ["always"]
    later = now + timedelta(minutes=2)
    assert {e.slug for e in Event.objects.published(later)} == {"always", "later"}


def test_next_change_is_the_nearest_start_or_end(make_event, soon):
    now = timezone.now()
    make_event("a", soon, soon, publish_from=now + timedelta(hours=3))
    make_event("b", soon, soon, publish_until=now + timedelta(hours=1))
    make_event("c", soon, soon, publish_from=now - timedelta(hours=1))
    assert next_change(now) == now + timedelta(hours=1)


def test_scheduled_event_appears_after_its_minute_with_the_page_cache_on(
    client, make_event, soon, clock_cache
):
    now = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(now + timedelta(seconds=5), tick=False):
        event = make_event(
            "scheduled-event", soon, soon, publish_from=now + timedelta(minutes=1)
        )
        for url in (AGENDA, FEED, SITEMAP):
            response = client.get(url)
            assert event.slug not in response.content.decode()
        assert client.get(AGENDA).templates == [], "the agenda is in the cache"
        assert client.get(event_url(event)).status_code == 404
    with time_machine.travel(now + timedelta(minutes=1), tick=False):
        for url in (AGENDA, FEED, SITEMAP):
            assert event.slug in client.get(url).content.decode(), url
        assert client.get(event_url(event)).status_code == 200


def test_unpublished_event_leaves_the_cached_agenda_at_its_minute(
    client, make_event, soon, clock_cache
):
    now = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(now, tick=False):
        event = make_event(
            "ending-event", soon, soon, publish_until=now + timedelta(minutes=1)
        )
        assert event.slug in client.get(AGENDA).content.decode()
    with time_machine.travel(now + timedelta(minutes=1), tick=False):
        assert event.slug not in client.get(AGENDA).content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_staff_preview_a_draft_with_a_banner(editor, make_event, soon, language):
    event = make_event("draft-event", soon, soon, is_published=False)
    response = editor.get(event_url(event, language))
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_staff_preview_a_scheduled_town(editor, initial_data):
    town = Town.objects.get(slug="mainz")
    town.publish_from = timezone.now() + timedelta(days=1)
    town.save()
    response = editor.get(town.get_absolute_url())
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()


def test_a_live_page_has_no_banner_for_staff(editor, make_event, soon):
    event = make_event("live-event", soon, soon)
    response = editor.get(event_url(event))
    assert 'class="preview-banner"' not in response.content.decode()


def test_anonymous_visitors_get_404_for_a_draft(client, make_event, soon):
    event = make_event("draft-event", soon, soon, is_published=False)
    assert client.get(event_url(event)).status_code == 404


def test_staff_without_change_permission_get_404(make_event, soon):
    event = make_event("draft-event", soon, soon, is_published=False)
    user = get_user_model().objects.create_user(
        "viewer", "viewer@example.org", "a-long-test-password", is_staff=True
    )
    viewer = Client()
    viewer.force_login(user)
    assert viewer.get(event_url(event)).status_code == 404


def test_a_preview_is_never_served_to_visitors(client, editor, make_event, soon):
    event = make_event("draft-event", soon, soon, is_published=False)
    assert editor.get(event_url(event)).status_code == 200
    assert client.get(event_url(event)).status_code == 404


def test_staff_preview_a_draft_reception(editor, make_reception):
    reception = make_reception(is_published=False)
    response = editor.get(reception.get_absolute_url())
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_admin_change_form_links_to_a_preview_in_each_language(
    editor, make_event, soon
):
    event = make_event("draft-event", soon, soon, is_published=False)
    body = editor.get(f"/en/admin/programmes/event/{event.pk}/change/").content
    body = body.decode()
    assert f'href="{event_url(event, "fr")}"' in body
    assert f'href="{event_url(event, "en")}"' in body
    assert "Preview (English)" in body


def test_admin_add_form_starts_unpublished(editor):
    body = editor.get("/en/admin/programmes/event/add/").content.decode()
    checkbox = re.search(r'<input[^>]*name="is_published"[^>]*>', body).group()
    assert "checked" not in checkbox


def test_admin_lists_filter_drafts(editor, make_event, soon):
    make_event("draft-event", soon, soon, is_published=False)
    make_event("live-event", soon, soon)
    body = editor.get("/en/admin/programmes/event/?publication=draft").content
    assert b"Event draft-event" in body
    assert b"Event live-event" not in body


def test_admin_list_says_when_a_scheduled_item_appears(editor, make_event, soon):
    make_event("later-event", soon, soon, publish_from=soon)
    body = editor.get("/fr/admin/programmes/event/").content.decode()
    local = timezone.localtime(soon)
    assert f"Programmé ({local:%d/%m/%Y} {local:%H:%M})" in body
