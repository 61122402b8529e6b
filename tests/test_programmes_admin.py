import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from programmes.models import Event, Programme
from tests.content import edition
from twinning.models import Organisation, Town

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, initial_data):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


def png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (138, 21, 56)).save(buffer, format="PNG")
    return SimpleUploadedFile("poster.png", buffer.getvalue(), "image/png")


def event_form(**overrides):
    data = {
        "title_fr": "Rencontre européenne 2027",
        "title_en": "European meeting 2027",
        "slug": "rencontre-europeenne-2027",
        "description_fr": "Une rencontre.",
        "description_en": "A meeting.",
        "start_0": "2027-05-09",
        "start_1": "18:00:00",
        "end_0": "2027-05-09",
        "end_1": "20:00:00",
        "venue_fr": "Salle des États",
        "venue_en": "Salle des États",
        "address": "Place de la Libération, 21000 Dijon",
        "organiser": Organisation.objects.get(slug="plan-9").pk,
        "towns": [Town.objects.get(slug="mainz").pk],
        "image_alt_fr": "Affiche de la rencontre",
        "image_alt_en": "Poster of the meeting",
        "is_published": "on",
        # The gallery's inline, empty.
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_programme_list_in_admin(staff_client):
    page = staff_client.get("/en/admin/programmes/programme/").content.decode()
    assert "Youth, Volunteering and Reciprocity" in page
    assert "Young people coming to Dijon" in page


def test_programme_form_has_translation_tabs(staff_client):
    programme = Programme.objects.get(slug="volontariat-franco-allemand")
    page = staff_client.get(
        f"/fr/admin/programmes/programme/{programme.pk}/change/"
    ).content.decode()
    for field in ("name", "summary", "audience", "how_to_apply", "contact"):
        assert f'id="id_{field}_fr"' in page
        assert f'id="id_{field}_en"' in page
    assert "vendor/jquery-ui/jquery-ui.min.js" in page


def test_staff_add_an_event_with_an_image_seen_by_visitors(staff_client):
    response = staff_client.post(
        "/en/admin/programmes/event/add/", {**event_form(), "image": png()}
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="rencontre-europeenne-2027")
    assert event.start.isoformat() == "2027-05-09T16:00:00+00:00"
    page = staff_client.get("/en/events/rencontre-europeenne-2027/").content.decode()
    assert f'<img src="{event.image.url}" alt="Poster of the meeting"' in page
    assert "http://testserver" + event.image.url in page  # JSON-LD image
    french = staff_client.get(
        "/fr/evenements/rencontre-europeenne-2027/"
    ).content.decode()
    assert 'alt="Affiche de la rencontre"' in french


def test_event_form_refuses_a_file_that_is_not_an_image(staff_client):
    fake = SimpleUploadedFile("poster.png", b"not an image", "image/png")
    response = staff_client.post(
        "/en/admin/programmes/event/add/", {**event_form(), "image": fake}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image"]
    assert not Event.objects.filter(slug="rencontre-europeenne-2027").exists()


def test_event_form_refuses_an_end_before_the_start(staff_client):
    response = staff_client.post(
        "/en/admin/programmes/event/add/", event_form(end_0="2027-05-08")
    )
    assert response.status_code == 200
    assert "An event cannot end before it starts." in response.content.decode()


def test_staff_edit_of_the_english_text_shows_on_the_english_page(staff_client):
    event = edition(Event, "week-end-franco-allemand")
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    data = event_form(
        title_fr=event.title_fr,
        title_en="Franco-German festival weekend 2027",
        slug=event.slug,
        start_0=start.date().isoformat(),
        start_1="10:00:00",
        end_0=end.date().isoformat(),
        end_1="19:00:00",
    )
    response = staff_client.post(f"/en/admin/programmes/event/{event.pk}/change/", data)
    assert response.status_code == 302
    page = staff_client.get(event.get_absolute_url().replace("/fr/", "/en/"))
    assert "<h1>Franco-German festival weekend 2027</h1>" in page.content.decode()


def test_programme_admin_autocompletes_towns_and_organisations(staff_client):
    page = staff_client.get("/en/admin/programmes/programme/add/").content.decode()
    for field in ("partner_towns", "partner_organisations"):
        assert 'class="admin-autocomplete" data-ajax--cache="true"' in page
        assert f'data-field-name="{field}"' in page
