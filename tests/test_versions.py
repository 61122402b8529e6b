"""Content history in the admin: versions, comparison, restore (core/versions.py)."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation
from reversion.models import Version

from programmes.models import Event
from students.models import Registration
from tests.admin_form import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user(
        "editor",
        "editor@example.org",
        "a-long-test-password",
        is_staff=True,
        first_name="Claire",
        last_name="Martin",
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def event(make_event):
    start = timezone.now() + timedelta(days=20)
    return make_event("forum", start, start + timedelta(hours=2))


def change_url(event, language="en"):
    return f"/{language}/admin/programmes/event/{event.pk}/change/"


def save_title(client, event, title_fr):
    data = admin_form_data(client.get(change_url(event)))
    data["title_fr"] = title_fr
    response = client.post(change_url(event), data)
    assert response.status_code == 302


def public_title(event):
    with translation.override("fr"):
        url = event.get_absolute_url()
    return Client().get(url).content.decode()


def test_each_admin_save_records_a_version_with_who(editor, event):
    save_title(editor, event, "Forum de l'Europe")
    save_title(editor, event, "Forum des jeunes")
    versions = Version.objects.get_for_object(event)
    assert versions.count() == 2
    assert versions.first().revision.user.username == "editor"


def test_history_compares_old_and_new_values_in_the_staff_language(editor, event):
    save_title(editor, event, "Forum de l'Europe")
    save_title(editor, event, "Forum des jeunes")
    body = editor.get(f"/fr/admin/programmes/event/{event.pk}/history/").content
    body = body.decode()
    assert "Titre (français)" in body
    assert "Forum de l&#x27;Europe" in body
    assert "Forum des jeunes" in body
    assert "Claire Martin" in body
    assert "Restaurer cette version" in body


def test_restoring_the_first_version_shows_its_title_again(editor, event):
    save_title(editor, event, "Forum de l'Europe")
    save_title(editor, event, "Forum des jeunes")
    assert "Forum des jeunes" in public_title(event)
    first = Version.objects.get_for_object(event).last()
    url = f"/en/admin/programmes/event/{event.pk}/history/{first.pk}/"
    response = editor.post(url, admin_form_data(editor.get(url)))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fr == "Forum de l'Europe"
    assert "Forum de l&#x27;Europe" in public_title(event)


def test_a_deleted_event_can_be_recovered(editor, event):
    save_title(editor, event, "Forum de l'Europe")
    delete = f"/en/admin/programmes/event/{event.pk}/delete/"
    assert editor.post(delete, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    listing = editor.get("/en/admin/programmes/event/recover/").content.decode()
    assert "Event forum" in listing  # its English title, the admin's language
    deleted = Version.objects.get_deleted(Event).first()
    url = f"/en/admin/programmes/event/recover/{deleted.pk}/"
    response = editor.post(url, admin_form_data(editor.get(url)))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).title_fr == "Forum de l'Europe"


def test_registrations_are_not_versioned():
    assert not reversion.is_registered(Registration)


def test_reception_versions_leave_the_questions_out():
    from students.models import Reception

    assert reversion.is_registered(Reception)
    assert not reversion.revisions._get_options(Reception).follow


def test_restoring_an_older_text_keeps_the_item_published(editor, make_event):
    start = timezone.now() + timedelta(days=20)
    event = make_event("fair", start, start, is_published=False)
    save_title(editor, event, "Premier titre")  # the draft's version
    data = admin_form_data(editor.get(change_url(event)))
    data["is_published"] = "on"
    data["title_fr"] = "Second titre"
    assert editor.post(change_url(event), data).status_code == 302
    first = Version.objects.get_for_object(event).last()
    url = f"/en/admin/programmes/event/{event.pk}/history/{first.pk}/"
    response = editor.post(url, admin_form_data(editor.get(url)))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_fr == "Premier titre"
    assert event.is_published
    assert "Premier titre" in public_title(event)


# --- Recovering deleted towns and partnerships -------------------------------------


def recover(client, model_path, model, pk):
    """Delete the item in the admin, then recover it from the "recover" list."""
    from reversion.models import Version

    delete = f"/en/admin/{model_path}/{pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=pk).exists()
    listing = client.get(f"/en/admin/{model_path}/recover/")
    assert listing.status_code == 200
    deleted = Version.objects.get_deleted(model).get(object_id=str(pk))
    url = f"/en/admin/{model_path}/recover/{deleted.pk}/"
    response = client.post(url, admin_form_data(client.get(url)))
    assert response.status_code == 302
    return model.objects.get(pk=pk)


@pytest.fixture
def mainz(initial_data):
    """A seeded town, never saved in the admin, with its story, a photo and
    partnerships, programmes and events that name it."""
    from django.core.files.base import ContentFile

    from tests.test_images import photo_bytes
    from twinning.models import Town, TownPhoto

    town = Town.objects.get(slug="mainz")
    photo = TownPhoto(town=town, alt_fr="Le Rhin", alt_en="The Rhine", credit="A.")
    photo.image.save("rhine.jpg", ContentFile(photo_bytes((800, 600))))
    return town


def links(town):
    return {
        "partnerships": set(town.partnerships.values_list("pk", flat=True)),
        "programmes": set(town.programmes.values_list("pk", flat=True)),
        "events": set(town.events.values_list("pk", flat=True)),
        "organisations": set(town.organisations.values_list("pk", flat=True)),
    }


def test_a_deleted_town_comes_back_with_its_texts_story_and_photos(editor, mainz):
    milestones = list(mainz.milestones.values("year", "title_fr", "title_en"))
    assert milestones
    photo = mainz.photos.get()
    town = recover(editor, "twinning/town", type(mainz), mainz.pk)
    assert (town.name_fr, town.name_en) == ("Mayence", "Mainz")
    assert (town.title_fr, town.title_en) == (mainz.title_fr, mainz.title_en)
    assert list(town.milestones.values("year", "title_fr", "title_en")) == milestones
    recovered = town.photos.get()
    assert (recovered.alt_en, recovered.image.name) == ("The Rhine", photo.image.name)
    assert recovered.image.storage.exists(recovered.image.name)


def test_a_deleted_town_comes_back_with_its_partnerships_and_events(editor, mainz):
    before = links(mainz)
    assert before["partnerships"] and before["events"]
    town = recover(editor, "twinning/town", type(mainz), mainz.pk)
    assert links(town) == before
    with translation.override("fr"):
        url = town.get_absolute_url()
    page = Client().get(url).content.decode()
    partnership = town.partnerships.published().first()
    assert partnership.title_fr.replace("'", "&#x27;") in page


def test_a_deleted_partnership_comes_back_with_its_towns_and_organisations(
    editor, initial_data
):
    from twinning.models import Partnership

    partnership = (
        Partnership.objects.filter(organisations__isnull=False, towns__isnull=False)
        .distinct()
        .first()
    )
    towns = set(partnership.towns.values_list("pk", flat=True))
    organisations = set(partnership.organisations.values_list("pk", flat=True))
    titles = (partnership.title_fr, partnership.title_en)
    recovered = recover(editor, "twinning/partnership", Partnership, partnership.pk)
    assert (recovered.title_fr, recovered.title_en) == titles
    assert set(recovered.towns.values_list("pk", flat=True)) == towns
    assert set(recovered.organisations.values_list("pk", flat=True)) == organisations
    assert recovered.is_published == partnership.is_published
