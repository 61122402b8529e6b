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
