"""The legal layer a French public service publishes (issue 16): the
accessibility statement, the legal notice, personal data and cookies, and the
site map, in both languages, linked from every page's footer and listed in the
sitemap; the footer's accessibility mention reads the status set in the admin."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from legal.models import LegalPage
from tests.public_pages import public_page_urls

pytestmark = pytest.mark.django_db

PAGES = {
    "fr": {
        "/fr/accessibilite/": "Déclaration d'accessibilité",
        "/fr/mentions-legales/": "Mentions légales",
        "/fr/donnees-personnelles/": "Données personnelles et cookies",
        "/fr/plan-du-site/": "Plan du site",
    },
    "en": {
        "/en/accessibility/": "Accessibility statement",
        "/en/legal-notice/": "Legal notice",
        "/en/personal-data/": "Personal data and cookies",
        "/en/site-map/": "Site map",
    },
}
ALL = [(url, title) for pages in PAGES.values() for url, title in pages.items()]


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(("url", "title"), ALL)
def test_each_legal_page_exists_in_both_languages(client, url, title):
    assert re.search(
        rf"<h1>{re.escape(title)}</h1>", text(client, url).replace("&#x27;", "'")
    )


def footer(body):
    return body[body.index('<footer class="site-footer">') :]


def test_every_public_page_links_every_legal_page_from_its_footer(client):
    for url in public_page_urls():
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        if "/admin/" in url:
            continue
        language = url[1:3]
        links = footer(response.content.decode())
        for legal_url in PAGES[language]:
            assert f'href="{legal_url}"' in links, (url, legal_url)


@pytest.mark.parametrize("url", [url for url, _title in ALL])
def test_every_legal_page_is_in_the_sitemap(client, url):
    assert f"http://testserver{url}</loc>" in text(client, "/sitemap.xml")


@pytest.mark.parametrize(
    ("status", "french", "english"),
    [
        ("none", "Accessibilité : non conforme", "Accessibility: non-compliant"),
        (
            "partial",
            "Accessibilité : partiellement conforme",
            "Accessibility: partially compliant",
        ),
        (
            "full",
            "Accessibilité : totalement conforme",
            "Accessibility: fully compliant",
        ),
    ],
)
def test_footer_mention_reads_the_status_set_in_the_admin(
    admin_client, client, status, french, english
):
    page = LegalPage.objects.get(kind="accessibility")
    url = reverse("admin:legal_legalpage_change", args=[page.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: "" if value is None else value
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(compliance=status, audit_date="")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert french in footer(text(client, "/fr/villes-jumelles/"))
    assert english in footer(text(client, "/en/twin-towns/"))


def test_the_seeded_statement_declares_non_compliance_until_an_audit(client):
    body = text(client, "/fr/")
    assert "Accessibilité : non conforme" in footer(body)


@pytest.mark.parametrize(
    "words",
    [
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Dérogations pour charge disproportionnée",
        "Retour d'information et contact",
        "Voies de recours",
        "Défenseur des droits",
    ],
)
def test_accessibility_statement_follows_the_rgaa_model(client, words):
    assert words in text(client, "/fr/accessibilite/").replace("&#x27;", "'")


@pytest.mark.parametrize(
    "words",
    ["Éditeur", "Directeur de la publication", "Hébergement", "Crédits"],
)
def test_legal_notice_names_publisher_director_host_and_credits(client, words):
    assert f"<h2>{words}</h2>" in text(client, "/fr/mentions-legales/")


@pytest.mark.parametrize(
    "words",
    [
        "csrftoken",
        "sessionid",
        "django_language",
        "Data controller",
        "Data protection officer",
        "Purpose",
        "Legal basis",
        "Retention",
        "Recipients",
        "restriction of processing",
        "data portability",
        "withdraw your consent",
        "CNIL",
    ],
)
def test_personal_data_page_names_cookies_processing_and_rights(client, words):
    assert words in text(client, "/en/personal-data/")


def test_site_map_lists_the_pages_of_sitemap_xml(client):
    sitemap = text(client, "/sitemap.xml")
    english = set(re.findall(r"<loc>http://testserver(/en/[^<]*)</loc>", sitemap))
    site_map = text(client, "/en/site-map/")
    main = site_map[site_map.index("<main") : site_map.index("</main>")]
    linked = set(re.findall(r'<a href="(/en/[^"#]*)"', main))
    assert english
    assert english == linked


def test_registration_form_links_the_personal_data_page(client, make_reception):
    reception = make_reception()
    with translation.override("en"):
        url = reception.get_absolute_url()
    body = text(client, url)
    assert 'href="/en/personal-data/"' in body
    assert "data protection officer" in body
    assert "portability" in body


def test_registration_emails_link_the_personal_data_page(make_reception):
    from students import emails
    from students.models import Registration

    reception = make_reception()
    registration = Registration.objects.create(
        reception=reception,
        first_name="Ada",
        last_name="Lovelace",
        email="ada@example.org",
        language="en",
        consent=True,
    )
    message = emails.build(registration, "confirm_request")
    assert "/en/personal-data/" in message.body
    assert "/en/personal-data/" in message.alternatives[0][0]


def test_the_statement_needs_a_status():
    page = LegalPage(kind="accessibility", title="x", body="y")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_only_the_statement_has_a_status():
    page = LegalPage(kind="legal-notice", title="x", body="y", compliance="full")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_a_legal_page_edit_refreshes_cached_pages(client):
    assert "non conforme" in text(client, "/fr/")
    page = LegalPage.objects.get(kind="accessibility")
    page.compliance = "partial"
    page.save()
    assert "partiellement conforme" in text(client, "/fr/")


# --- History and restore (issue 14, as for the rest of the content) ---------------


@pytest.fixture
def editor(db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user = get_user_model().objects.create_user(
        "editor", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Content editors"))
    client = Client()
    client.force_login(user)
    return client


def edit_legal_notice(client, **changes):
    from tests.admin_form import admin_form_data

    page = LegalPage.objects.get(kind=LegalPage.Kind.LEGAL_NOTICE)
    url = f"/fr/admin/legal/legalpage/{page.pk}/change/"
    data = admin_form_data(client.get(url))
    data.update(changes)
    assert client.post(url, data).status_code == 302
    return page


def test_a_legal_page_edit_is_in_its_history_with_old_and_new_text(editor):
    page = edit_legal_notice(editor, title_fr="Mentions légales (2027)")
    edit_legal_notice(editor, title_fr="Mentions légales du site")
    history = text(editor, f"/fr/admin/legal/legalpage/{page.pk}/history/")
    assert "Titre (français)" in history
    assert "Mentions légales (2027)" in history
    assert "Mentions légales du site" in history
    assert "Restaurer cette version" in history


def test_restoring_a_legal_pages_version_shows_its_text_again(editor):
    from reversion.models import Version

    from tests.admin_form import admin_form_data

    page = edit_legal_notice(editor, title_fr="Mentions légales (2027)")
    edit_legal_notice(editor, title_fr="Mentions légales du site")
    first = Version.objects.get_for_object(page).last()
    url = f"/fr/admin/legal/legalpage/{page.pk}/history/{first.pk}/"
    assert editor.post(url, admin_form_data(editor.get(url))).status_code == 302
    assert "<h1>Mentions légales (2027)</h1>" in text(editor, "/fr/mentions-legales/")


def test_a_deleted_legal_page_can_be_recovered(editor):
    from reversion.models import Version

    from tests.admin_form import admin_form_data

    page = LegalPage.objects.get(kind=LegalPage.Kind.PERSONAL_DATA)
    body = page.body_fr
    delete = f"/en/admin/legal/legalpage/{page.pk}/delete/"
    assert editor.post(delete, {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(LegalPage).get(object_id=str(page.pk))
    url = f"/en/admin/legal/legalpage/recover/{deleted.pk}/"
    assert editor.post(url, admin_form_data(editor.get(url))).status_code == 302
    assert LegalPage.objects.get(pk=page.pk).body_fr == body
    assert text(editor, "/fr/donnees-personnelles/")
