"""The admin's history speaks the staff member's language (core/history.py)."""

import json
import re
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import escape

from core.history import IN_LANGUAGE, change_message, stored_label
from core.versions import VersionedAdmin
from tests.admin_form import admin_form_data
from twinning.models import Town

pytestmark = pytest.mark.django_db

# Labels spelled the same in French and English.
SAME_IN_BOTH = {
    "Description",
    "Email",
    "Image",
    "Introduction",
    "Latitude",
    "Longitude",
    "Mission",
    "Permissions",
    "Photo",
    "Population",
    "Position",
    "Question",
}
# Fields a formset adds that a change never lists.
FORMSET_FIELDS = {"id", "DELETE", "ORDER"}


@pytest.fixture
def superuser(initial_data):
    return get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "a-long-test-password"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def institution(initial_data):
    from students.models import PartnerInstitution

    return PartnerInstitution.objects.get(slug="lycee-carnot")


@pytest.fixture
def registration(reception, register):
    return register(reception)


def _every_field_changed(model_admin, request, obj):
    """The admin's own change message for a save that changed every field it
    shows, inlines included, stored as the admin stores it."""
    form = model_admin.get_form(request, obj, change=True)(instance=obj)
    form.changed_data = list(form.fields)
    formsets = []
    for formset_class, _inline in model_admin.get_formsets_with_inlines(request, obj):
        formset = formset_class(instance=obj)
        inline_form = formset.empty_form
        fields = [
            name
            for name in inline_form.fields
            if name not in FORMSET_FIELDS and name != formset.fk.name
        ]
        if fields:
            changed = formset.model._default_manager.first() or formset.model()
            formsets.append(
                SimpleNamespace(
                    forms=[inline_form],
                    new_objects=[],
                    changed_objects=[(changed, fields)],
                    deleted_objects=[],
                )
            )
    message = model_admin.construct_change_message(request, form, formsets)
    return model_admin.log_change(request, obj, message)


def _stored_labels(entry):
    return [
        label
        for part in json.loads(entry.change_message)
        for label in part.get("changed", {}).get("fields", [])
    ]


def editable_admins():
    return [
        pytest.param(model_admin, id=model._meta.label)
        for model, model_admin in admin.site._registry.items()
    ]


@pytest.mark.parametrize("model_admin", editable_admins())
def test_every_field_a_save_changes_is_named_in_french(
    model_admin, superuser, registration, admin_client
):
    request = RequestFactory().get("/fr/admin/")
    request.user = superuser
    obj = model_admin.model._default_manager.first()
    if obj is None or not model_admin.has_change_permission(request, obj):
        pytest.skip("nothing to change in this admin")
    entry = _every_field_changed(model_admin, request, obj)
    with translation.override("fr"):
        message = change_message(entry)
    english = [
        label
        for label in _stored_labels(entry)
        if label not in SAME_IN_BOTH
        and re.search(rf"(?<!\w){re.escape(label)}(?!\w)", message)
    ]
    assert english == []
    assert "[fr]" not in message and "[en]" not in message
    if not isinstance(model_admin, VersionedAdmin):  # its page lists versions
        opts = model_admin.model._meta
        url = f"/fr/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/history/"
        assert escape(message) in admin_client.get(url).content.decode()


def test_a_translated_field_is_named_with_its_language():
    with translation.override("fr"):
        label = stored_label("Photo description (alt text) [en]", [Town])
    assert label == "Description de la photo (texte alternatif) (anglais)"


def test_a_label_the_form_capitalised_is_translated():
    with translation.override("fr"):
        assert stored_label("Twinned since", [Town]) == "Jumelée depuis"


def test_a_label_of_a_model_field_no_longer_there_goes_through_the_catalogue():
    with translation.override("fr"):
        assert stored_label("Photo description (alt text) [fr]") == (
            "Description de la photo (texte alternatif) (français)"
        )


def test_a_registration_s_history_names_its_fields_in_the_staff_language(
    admin_client, registration
):
    url = f"/fr/admin/students/registration/{registration.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(first_name="Anabela", institution_other="Lycée Carnot")
    assert admin_client.post(url, data).status_code == 302
    history = admin_client.get(url.replace("change", "history")).content.decode()
    assert "Modification de Prénom" in history
    english = admin_client.get(
        f"/en/admin/students/registration/{registration.pk}/history/"
    ).content.decode()
    assert "Changed First name" in english


def test_an_old_entry_stored_in_english_reads_in_french(superuser):
    town = Town.objects.get(slug="mainz")
    entry = LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[town],
        action_flag=2,
        change_message=json.dumps(
            [{"changed": {"fields": ["Status", "Twinned since", "Title [en]"]}}]
        ),
        single_object=True,
    )
    with translation.override("fr"):
        assert change_message(entry) == (
            "Modification de Statut, Jumelée depuis et Titre (anglais)."
        )


def test_every_language_has_its_wording_for_a_translated_field(settings):
    assert set(IN_LANGUAGE) == {code for code, _name in settings.LANGUAGES}
