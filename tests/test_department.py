import pytest
from django.contrib.auth import get_user_model

from tests.admin_form import admin_form_data
from twinning.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, initial_data):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


def test_contact_page_in_french(client, initial_data):
    body = client.get("/fr/contact/").content.decode()
    assert "Direction des relations internationales de la Ville de Dijon" in body
    assert "11, rue de l&#x27;Hôpital<br>21000 Dijon<br>France" in body
    assert '<a href="tel:+33380747148">+33 (0)3 80 74 71 48</a>' in body
    assert '<a href="mailto:RI@ville-dijon.fr">RI@ville-dijon.fr</a>' in body
    assert "Adjointe au maire déléguée aux relations internationales" in body


def test_contact_page_in_english(client, initial_data):
    body = client.get("/en/contact/").content.decode()
    assert '<h2 id="department-title">International Relations Department' in body
    assert "Telephone" in body
    assert ">www.dijon.fr</a>" in body
    assert "Sladana Zivkovic" in body


def test_every_page_has_the_department_contact_in_its_footer(client, initial_data):
    for url in ("/en/", "/fr/villes-jumelles/mainz/", "/en/international-action/"):
        body = client.get(url).content.decode()
        footer = body[body.index('<footer class="site-footer">') :]
        assert 'href="tel:+33380747148"' in footer, url
        assert 'href="mailto:RI@ville-dijon.fr"' in footer, url


def test_footer_shows_the_departments_edits(client, initial_data):
    Department.objects.update(email="international@dijon.example")
    body = client.get("/en/").content.decode()
    assert 'href="mailto:international@dijon.example"' in body


def test_contact_page_costs_a_single_query(
    client, initial_data, django_assert_num_queries
):
    # Its own query, the cache generation (core/caching.py) and the next
    # scheduled publication change (a stored page must not outlive it), and
    # the footer's accessibility status (legal).
    with django_assert_num_queries(4):
        assert client.get("/en/contact/").status_code == 200


def test_telephone_link_drops_the_optional_zero_and_spaces():
    department = Department(telephone="+33 (0)3 80 74 71 48")
    assert department.telephone_uri == "tel:+33380747148"
    assert Department(telephone="03.80.74.71.48").telephone_uri == "tel:0380747148"


@pytest.mark.parametrize(
    "url",
    [
        "/fr/contact/",
        "/en/international-action/",
        "/en/international-action/partnerships/",
        "/en/international-action/networks/",
        "/fr/",
    ],
)
def test_pages_work_before_any_content_is_loaded(client, db, url):
    assert client.get(url).status_code == 200


def test_contact_page_without_department_says_so(client, db):
    body = client.get("/en/contact/").content.decode()
    assert "not available yet" in body


# Admin: one record, edited in both languages


def test_department_cannot_be_added_twice(staff_client):
    assert staff_client.get("/en/admin/twinning/department/add/").status_code == 403


def test_department_cannot_be_deleted(staff_client):
    department = Department.load()
    url = f"/en/admin/twinning/department/{department.pk}/delete/"
    assert staff_client.get(url).status_code == 403
    assert Department.objects.count() == 1


def test_department_list_opens_the_single_record(staff_client):
    response = staff_client.get("/en/admin/twinning/department/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{Department.load().pk}/change/")


def test_department_form_has_translation_tabs_axes_and_domains(staff_client):
    department = Department.load()
    url = f"/en/admin/twinning/department/{department.pk}/change/"
    body = staff_client.get(url).content.decode()
    assert 'name="deputy_mayor_message_fr"' in body
    assert 'name="deputy_mayor_message_en"' in body
    assert 'name="axes-0-title_en"' in body
    assert 'name="domain_texts-0-text_fr"' in body


def test_editing_the_department_in_english_shows_on_the_english_pages(staff_client):
    department = Department.load()
    url = f"/en/admin/twinning/department/{department.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["deputy_mayor_message_en"] = "Welcome to our new international strategy."
    data["axes-0-title_en"] = "Cooperation, partnerships and trade"
    data["telephone"] = "+33 (0)3 80 00 00 00"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    english = staff_client.get("/en/international-action/").content.decode()
    assert "Welcome to our new international strategy." in english
    assert "Cooperation, partnerships and trade" in english
    french = staff_client.get("/fr/action-internationale/").content.decode()
    assert "main dans la main" in french
    assert "La coopération et les partenariats" in french
    assert (
        'href="tel:+33380000000"' in staff_client.get("/fr/contact/").content.decode()
    )
