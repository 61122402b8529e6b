"""Texts in one language only: fallback both ways, marked, listed, warned."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tests.admin_form import admin_form_data
from twinning.models import Town

pytestmark = pytest.mark.django_db

FRENCH_ONLY = "Texte seulement en français."
ENGLISH_ONLY = "Text only in English."


@pytest.fixture
def editor(initial_data):
    user = get_user_model().objects.create_user(
        "editor", "editor@example.org", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def mainz(initial_data):
    return Town.objects.get(slug="mainz")


def test_french_only_text_shows_on_the_english_page_marked_french(client, mainz):
    Town.objects.filter(pk=mainz.pk).update(
        description_fr=FRENCH_ONLY, description_en=""
    )
    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert f'<p lang="fr">{FRENCH_ONLY}</p>' in body


def test_english_only_text_shows_on_the_french_page_marked_english(client, mainz):
    Town.objects.filter(pk=mainz.pk).update(
        description_fr="", description_en=ENGLISH_ONLY
    )
    body = client.get("/fr/villes-jumelles/mainz/").content.decode()
    assert f'<p lang="en">{ENGLISH_ONLY}</p>' in body


def test_a_text_in_the_page_language_has_no_lang_of_its_own(client, mainz):
    Town.objects.filter(pk=mainz.pk).update(
        description_fr=FRENCH_ONLY, description_en=ENGLISH_ONLY
    )
    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert f"<p>{ENGLISH_ONLY}</p>" in body


def test_admin_lists_a_french_only_town_under_english_missing(editor, mainz):
    Town.objects.filter(pk=mainz.pk).update(
        description_fr=FRENCH_ONLY, description_en=""
    )
    missing = editor.get("/en/admin/twinning/town/?missing=en").content.decode()
    assert "Mainz" in missing
    assert "English missing" in missing
    assert "York" not in missing
    assert (
        "Mainz"
        not in editor.get("/en/admin/twinning/town/?missing=fr").content.decode()
    )


def test_saving_a_french_only_text_warns_naming_the_empty_field(editor, mainz):
    url = f"/fr/admin/twinning/town/{mainz.pk}/change/"
    data = admin_form_data(editor.get(url))
    data["description_fr"] = FRENCH_ONLY
    data["description_en"] = ""
    response = editor.post(url, data, follow=True)
    warnings = [
        str(m) for m in response.context["messages"] if m.level_tag == "warning"
    ]
    assert len(warnings) == 1
    assert warnings[0].startswith("Texte anglais manquant : ")
    assert "description" in warnings[0]


def test_saving_complete_texts_gives_no_warning(editor, mainz):
    url = f"/fr/admin/twinning/town/{mainz.pk}/change/"
    data = admin_form_data(editor.get(url))
    data["description_fr"] = FRENCH_ONLY
    data["description_en"] = ENGLISH_ONLY
    response = editor.post(url, data, follow=True)
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_french_text_equal_to_the_fields_default_is_not_taken_for_missing(
    client, make_reception
):
    """modeltranslation falls back when a value equals the field's default:
    the seeded French venue is the default, and the French page showed the
    English one."""
    reception = make_reception(
        venue_fr="Salle des États, Hôtel de Ville",
        venue_en="Salle des États, City Hall",
    )
    french = client.get("/fr/accueil-etudiants/").content.decode()
    assert "Salle des États, Hôtel de Ville" in french
    assert "City Hall" not in french
    english = client.get(f"/en/student-receptions/{reception.slug}/").content
    assert "Salle des États, City Hall" in english.decode()


def test_a_venue_changed_in_french_only_shows_on_the_english_page(
    client, make_reception
):
    reception = make_reception(venue_fr="Jardin Darcy")
    english = client.get(f"/en/student-receptions/{reception.slug}/").content
    assert "Jardin Darcy" in english.decode()


def test_the_reception_add_form_suggests_the_usual_venue_in_french_only(admin_client):
    form = admin_client.get("/fr/admin/students/reception/add/").context["adminform"]
    assert form.form.initial.get("venue_fr") == "Salle des États, Hôtel de Ville"
    assert not form.form.initial.get("venue_en")


def test_no_translated_field_has_a_default_text():
    """modeltranslation copies a default into every language and takes a text
    equal to it for a missing one: French equal to it showed the English."""
    from modeltranslation.translator import translator

    for model in translator.get_registered_models():
        for name in translator.get_options_for_model(model).all_fields:
            default = model._meta.get_field(name).get_default()
            assert default in ("", None, [], {}), (model, name)
