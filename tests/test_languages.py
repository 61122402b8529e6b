import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


@pytest.mark.parametrize(
    ("url", "other"),
    [
        ("/fr/", '<a href="/en/" hreflang="en" lang="en">English</a>'),
        ("/en/", '<a href="/fr/" hreflang="fr" lang="fr">Français</a>'),
        (
            "/fr/villes-jumelles/",
            '<a href="/en/twin-towns/" hreflang="en" lang="en">English</a>',
        ),
        (
            "/en/twin-towns/york/",
            '<a href="/fr/villes-jumelles/york/" hreflang="fr" lang="fr">',
        ),
    ],
)
def test_language_switcher_keeps_the_same_page(client, url, other):
    assert other in client.get(url).content.decode()


def test_pages_declare_hreflang_alternates(client):
    body = client.get("/en/twin-towns/mainz/").content.decode()
    assert (
        '<link rel="alternate" hreflang="fr" '
        'href="http://testserver/fr/villes-jumelles/mainz/">'
    ) in body
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="http://testserver/en/twin-towns/mainz/">'
    ) in body


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_po_file(language):
    folder = LOCALE / language / "LC_MESSAGES"
    catalogue = polib.pofile(str(folder / "django.po"))
    with open(folder / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    entries = catalogue.translated_entries()
    assert len(entries) > 100
    for entry in entries:
        if entry.msgid_plural:
            assert (
                compiled.ngettext(entry.msgid, entry.msgid_plural, 1)
                == (entry.msgstr_plural[0])
            ), entry.msgid
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
