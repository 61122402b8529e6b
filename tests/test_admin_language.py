"""The whole admin speaks the staff member's language (issue 14)."""

from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import translation
from modeltranslation.fields import TranslationField

from dijon_site.roles import permission_label

pytestmark = pytest.mark.django_db

# Words spelled the same in French and English (compared without case), and
# names: Django's admin app, django-axes, django-reversion.
SAME_IN_BOTH = {
    "administration",
    "axes",
    "reversion",
    "contact",
    "description",
    "id",
    "image",
    "introduction",
    "latitude",
    "longitude",
    "mission",
    "page",
    "permission",
    "permissions",
    "photo",
    "photos",
    "population",
    "position",
    "question",
    "questions",
    "session",
    "site",
    "sessions",
    "version",
    "versions",
}
# Texts of the French admin that are English msgids but right as they are:
# a French word too, and a language named in its own language.
RIGHT_IN_FRENCH = {"Direction", "English"}


def in_french_and_english(text):
    with translation.override("fr"):
        french = str(text)
    with translation.override(None):
        english = str(text)
    return french, english


def untranslated(texts):
    """The texts whose French is their English, same-spelled words aside."""
    found = []
    for where, text in texts:
        french, english = in_french_and_english(text)
        if french == english and english.lower() not in SAME_IN_BOTH:
            found.append(f"{where}: {english}")
    return found


OUR_APPS = {"core", "dijon_site", "twinning", "programmes", "students", "legal"}


def admin_models():
    """The models an admin page shows (registered ones, their inlines) and ours."""
    models = {model for model in apps.get_models() if model._meta.app_label in OUR_APPS}
    for model, model_admin in admin.site._registry.items():
        models.add(model)
        models.update(inline.model for inline in model_admin.inlines)
    return sorted(models, key=lambda model: model._meta.label)


def test_every_field_of_the_admin_has_french_labels_and_help():
    texts = []
    for model in admin_models():
        for field in model._meta.get_fields():
            if isinstance(field, TranslationField) or field.auto_created:
                continue  # named after their original ("Title (French)")
            for attribute in ("verbose_name", "help_text"):
                if getattr(field, attribute, None):
                    texts.append(
                        (f"{model._meta.label}.{field.name}", getattr(field, attribute))
                    )
    assert untranslated(texts) == []


def test_every_model_and_app_has_a_french_name():
    """Every model has permissions, listed by app and model in the group form."""
    texts = []
    for model in apps.get_models():
        opts = model._meta
        texts += [
            (opts.label, opts.verbose_name),
            (opts.label, opts.verbose_name_plural),
            (opts.app_label, opts.app_config.verbose_name),
        ]
    assert untranslated(texts) == []


def test_permissions_are_named_in_the_staff_language():
    add_town = Permission.objects.get(codename="add_town")
    check_in = Permission.objects.get(codename="check_in_registration")
    with translation.override("fr"):
        assert permission_label(add_town) == (
            "Villes jumelles et partenariats | ville jumelle | peut ajouter"
        )
        assert permission_label(check_in).endswith(
            "| inscription | Peut enregistrer l'arrivée des étudiants"
        )
    with translation.override("en"):
        assert permission_label(add_town).endswith("| twin town | can add")


# --- Every admin page, rendered in French -----------------------------------


def english_phrases():
    """Our msgids and Django admin's whose French reads differently."""
    catalogues = [Path(settings.BASE_DIR) / "locale/fr/LC_MESSAGES/django.po"]
    django_root = Path(django.__file__).parent
    catalogues += [
        django_root / app / "locale/fr/LC_MESSAGES/django.po"
        for app in ("contrib/admin", "contrib/auth", "conf")
    ]
    phrases = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgstr and entry.msgstr.lower() != entry.msgid.lower():
                phrases.add(entry.msgid)
    return phrases


class VisibleTexts(HTMLParser):
    """The texts a page shows or reads out: text, titles, alt, buttons."""

    HIDDEN = {"script", "style", "textarea"}

    def __init__(self):
        super().__init__()
        self.texts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        attributes = dict(attrs)
        for name in ("title", "alt", "aria-label", "placeholder"):
            if attributes.get(name):
                self.texts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.texts.append(data)


def admin_urls(model, model_admin):
    opts = model._meta
    base = f"/fr/admin/{opts.app_label}/{opts.model_name}/"
    urls = [f"/fr/admin/{opts.app_label}/", base, f"{base}add/"]
    obj = model._default_manager.first()
    if obj is not None:
        urls += [f"{base}{obj.pk}/{page}/" for page in ("change", "history", "delete")]
    if obj is not None and hasattr(model_admin, "write_view"):
        urls.append(f"{base}{obj.pk}/write/")  # a reception's "write to registrants"
    if hasattr(model_admin, "recover_list_view"):
        urls.append(f"{base}recover/")
    return urls


@pytest.fixture
def institution(initial_data):
    from students.models import PartnerInstitution

    return PartnerInstitution.objects.get(slug="lycee-carnot")


@pytest.fixture
def superuser_client(client, initial_data, reception, register):
    register(reception)  # a registration and its email
    user = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("model", "model_admin"),
    [
        pytest.param(model, model_admin, id=model._meta.label)
        for model, model_admin in admin.site._registry.items()
    ],
)
def test_every_admin_page_shows_no_english_in_french(
    superuser_client, model, model_admin
):
    phrases = english_phrases() - RIGHT_IN_FRENCH
    english = []
    for url in [*admin_urls(model, model_admin), "/fr/admin/"]:
        response = superuser_client.get(url)
        if response.status_code != 200:
            continue  # no such page for this model (added by students only…)
        parser = VisibleTexts()
        parser.feed(response.content.decode())
        for text in parser.texts:
            text = text.strip().rstrip(":").strip()
            if text in phrases:
                english.append(f"{url}: {text}")
    assert english == []


def test_the_permissions_to_choose_are_named_in_french(superuser_client):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Content editors")
    body = superuser_client.get(f"/fr/admin/auth/group/{group.pk}/change/")
    body = body.content.decode()
    assert "| ville jumelle | peut ajouter</option>" in body
    assert "| Can " not in body
