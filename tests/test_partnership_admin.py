import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.admin_form import admin_form_data
from twinning.models import NetworkMembership, Partnership, Town

pytestmark = pytest.mark.django_db

LIST = "/en/admin/twinning/partnership/"


@pytest.fixture
def staff_client(client, initial_data):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


def change_url(partnership):
    return f"{LIST}{partnership.pk}/change/"


def test_admin_lists_partnerships_with_domain_and_status(staff_client):
    body = staff_client.get(LIST).content.decode()
    assert "Climate Commitment Charter" in body
    assert "Sustainable development and climate" in body
    assert "Completed" in body


def test_admin_filters_partnerships_by_domain(staff_client):
    body = staff_client.get(LIST + "?domain__exact=economy").content.decode()
    assert "2 results" in body


def test_admin_finds_a_partnership_by_its_french_title(staff_client):
    body = staff_client.get(LIST + "?q=Mayence").content.decode()
    assert "1 result" in body


def test_partnership_form_has_translation_tabs_and_prefilled_slug(staff_client):
    body = staff_client.get(LIST + "add/").content.decode()
    assert 'name="title_fr"' in body
    assert 'name="title_en"' in body
    assert 'name="image_alt_en"' in body
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in body
    assert "prepopulated" in body and "#id_title_fr" in body


def test_unpublished_partnership_stays_visible_in_the_admin(staff_client):
    friendship = Partnership.objects.get(slug="amitie-franco-allemande-mayence")
    friendship.is_published = False
    friendship.save()
    assert "Franco-German friendship" in staff_client.get(LIST).content.decode()
    assert staff_client.get(change_url(friendship)).status_code == 200
    public = "/en/international-action/partnerships/amitie-franco-allemande-mayence/"
    assert Client().get(public).status_code == 404
    assert 'class="preview-banner"' in staff_client.get(public).content.decode()


def test_editing_a_partnership_in_english_shows_on_the_english_page(staff_client):
    friendship = Partnership.objects.get(slug="amitie-franco-allemande-mayence")
    data = admin_form_data(staff_client.get(change_url(friendship)))
    data["title_en"] = "Dijon and Mainz, friends since 1958"
    response = staff_client.post(change_url(friendship), data)
    assert response.status_code == 302
    url = "/en/international-action/partnerships/amitie-franco-allemande-mayence/"
    assert "<h1>Dijon and Mainz, friends since 1958</h1>" in (
        staff_client.get(url).content.decode()
    )
    assert "Dijon and Mainz, friends since 1958" in (
        staff_client.get("/en/twin-towns/mainz/").content.decode()
    )
    french = "/fr/action-internationale/partenariats/amitie-franco-allemande-mayence/"
    assert "L&#x27;amitié franco-allemande avec Mayence" in (
        staff_client.get(french).content.decode()
    )


def test_adding_a_town_in_the_admin_shows_the_partnership_on_its_page(staff_client):
    festival = Partnership.objects.get(slug="festival-fenetres-sur-courts")
    data = admin_form_data(staff_client.get(change_url(festival)))
    data["towns"] = [str(Town.objects.get(slug="pecs").pk)]
    assert staff_client.post(change_url(festival), data).status_code == 302
    body = staff_client.get("/fr/villes-jumelles/pecs/").content.decode()
    assert "Fenêtres sur courts" in body


def test_an_end_before_the_start_is_refused(staff_client):
    charter = Partnership.objects.get(slug="charte-engagement-climat-cop21")
    data = admin_form_data(staff_client.get(change_url(charter)))
    data["end_year"] = "2014"
    response = staff_client.post(change_url(charter), data)
    assert response.status_code == 200
    assert "The end cannot come before the start." in response.content.decode()


def test_a_month_without_a_year_is_refused(staff_client):
    vitagora = Partnership.objects.get(slug="vitagora")
    data = admin_form_data(staff_client.get(change_url(vitagora)))
    data["start_month"] = "5"
    response = staff_client.post(change_url(vitagora), data)
    assert "Give the year too" in response.content.decode()


def test_networks_are_listed_in_the_admin_in_order(staff_client):
    body = staff_client.get("/en/admin/twinning/networkmembership/").content.decode()
    assert body.index("CEMR") < body.index("Cities for Peace")


def test_editing_a_network_in_english_shows_on_the_networks_page(staff_client):
    network = NetworkMembership.objects.get(slug="villes-pour-la-paix")
    url = f"/en/admin/twinning/networkmembership/{network.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["description_en"] = "Mayors working together for peace."
    assert staff_client.post(url, data).status_code == 302
    body = staff_client.get("/en/international-action/networks/").content.decode()
    assert "Mayors working together for peace." in body


def test_a_website_typed_without_scheme_is_saved_with_https(staff_client):
    network = NetworkMembership.objects.get(slug="villes-pour-la-paix")
    url = f"/en/admin/twinning/networkmembership/{network.pk}/change/"
    data = admin_form_data(staff_client.get(url))
    data["website"] = "example.org"
    assert staff_client.post(url, data).status_code == 302
    network.refresh_from_db()
    assert network.website == "https://example.org"


def test_town_and_partner_admin_pages_show_their_partnerships(staff_client):
    friendship = Partnership.objects.get(slug="amitie-franco-allemande-mayence")
    mainz = Town.objects.get(slug="mainz")
    body = staff_client.get(f"/en/admin/twinning/town/{mainz.pk}/change/")
    assert change_url(friendship) in body.content.decode()
    partner = friendship.organisations.get()
    body = staff_client.get(f"/en/admin/twinning/organisation/{partner.pk}/change/")
    assert change_url(friendship) in body.content.decode()
