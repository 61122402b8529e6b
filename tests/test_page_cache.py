"""Anonymous public pages come from the shared cache, and never go stale."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.test import Client

from tests import page_cache_urls
from tests.test_admin import CHANGE_URL, form_data
from twinning.models import HomeCity, Organisation, Town

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/fr/", "/en/", "/en/twin-towns/", "/fr/villes-jumelles/mainz/"]


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def stored(client, url):
    """Visit `url` twice; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200 and first.templates, "the first visit renders"
    again = client.get(url)
    assert again.status_code == 200 and again.templates == [], "not from the cache"
    assert again.content == first.content
    return again


@pytest.fixture
def staff_client(initial_data):
    staff = Client()
    staff.force_login(
        get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "a-long-test-password"
        )
    )
    return staff


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_second_visit_is_served_with_the_generation_query_only(
    client, django_assert_num_queries, url
):
    first = client.get(url)
    with django_assert_num_queries(1):  # the generation
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert second.templates == []
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_page_keeps_the_security_and_language_headers(
    client, django_assert_num_queries
):
    first = client.get("/en/")
    with django_assert_num_queries(1):  # the generation
        second = client.get("/en/")
    assert second.templates == []  # built from the stored entry, not the view
    assert second["Content-Language"] == "en"
    assert second["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    assert second["X-Content-Type-Options"] == "nosniff"


def test_each_language_is_cached_separately(client):
    french = stored(client, "/fr/villes-jumelles/mainz/").content.decode()
    english = stored(client, "/en/twin-towns/mainz/").content.decode()
    assert "<h1>Mayence</h1>" in french
    assert "<h1>Mainz</h1>" in english
    assert '<html lang="en">' in english


def test_saving_a_town_from_code_refreshes_its_page(client):
    stored(client, "/en/twin-towns/mainz/")
    town = Town.objects.get(slug="mainz")
    town.title_en = "City of the printing press"
    town.save()
    assert (
        "City of the printing press"
        in client.get("/en/twin-towns/mainz/").content.decode()
    )


def test_saving_any_content_refreshes_every_page(client):
    stored(client, "/en/")
    home = HomeCity.load()
    home.tagline_en = "Dijon, open to the world"
    home.save()
    assert "Dijon, open to the world" in client.get("/en/").content.decode()


def test_deleting_a_town_removes_it_from_the_cached_list(client):
    page = stored(client, "/en/twin-towns/").content.decode()
    assert "/en/twin-towns/york/" in page
    Town.objects.get(slug="york").delete()
    assert "/en/twin-towns/york/" not in client.get("/en/twin-towns/").content.decode()


def test_admin_edit_shows_at_once_to_anonymous_visitors(client, staff_client):
    stored(client, "/en/twin-towns/mainz/")
    town = Town.objects.get(slug="mainz")
    data = form_data(staff_client, town)
    data["title_en"] = "Capital of Rhineland-Palatinate, on the Rhine"
    assert staff_client.post(CHANGE_URL.format(pk=town.pk), data).status_code == 302
    page = client.get("/en/twin-towns/mainz/").content.decode()
    assert "Capital of Rhineland-Palatinate, on the Rhine" in page


def test_admin_delete_shows_at_once_to_anonymous_visitors(client, staff_client):
    stored(client, "/en/")
    stored(client, "/en/twin-towns/york/")
    town = Town.objects.get(slug="york")
    response = staff_client.post(
        f"/en/admin/twinning/town/{town.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert client.get("/en/twin-towns/york/").status_code == 404
    assert "/en/twin-towns/york/" not in client.get("/en/").content.decode()


def test_signed_in_staff_never_get_a_cached_page(client, staff_client):
    stored(client, "/en/twin-towns/mainz/")
    # A bulk update sends no signal: only an uncached page can show it.
    Town.objects.filter(slug="mainz").update(title_en="Updated in bulk")
    staff_page = staff_client.get("/en/twin-towns/mainz/")
    assert "Updated in bulk" in staff_page.content.decode()
    assert staff_page.templates


def test_staff_pages_are_never_stored_for_visitors(client, staff_client):
    staff_client.get("/en/twin-towns/mainz/")
    Town.objects.filter(slug="mainz").update(title_en="Updated in bulk")
    # Rendered for the visitor, then stored: a staff page was not.
    page = stored(client, "/en/twin-towns/mainz/").content.decode()
    assert "Updated in bulk" in page


def test_admin_pages_are_never_cached(client):
    assert client.get("/en/admin/login/").status_code == 200
    again = client.get("/en/admin/login/")
    assert again.status_code == 200
    assert again.templates


def test_unknown_page_is_not_cached(client):
    assert client.get("/en/twin-towns/atlantis/").status_code == 404
    again = client.get("/en/twin-towns/atlantis/")
    assert again.status_code == 404
    assert again.templates


def test_each_filter_of_a_page_gets_its_own_entry(client):
    partnerships = "/en/international-action/partnerships/"
    client.get(partnerships)
    client.get(partnerships + "?domain=culture")
    # .update() sends no signal: what was stored stays, what was not is built.
    Town.objects.filter(slug="mainz").update(name_en="Mogontiacum")
    assert "Mogontiacum" not in client.get(partnerships).content.decode()
    culture = client.get(partnerships + "?domain=culture").content.decode()
    assert "Mogontiacum" not in culture
    economy = client.get(partnerships + "?domain=attractiveness").content.decode()
    assert "Mogontiacum" in economy


@pytest.mark.urls("tests.page_cache_urls")
@pytest.mark.parametrize(
    ("view", "cached"),
    [
        ("plain", True),
        ("sets_cookie", False),
        ("uses_csrf", False),
        ("not_found", False),
        ("private", False),
        ("no_cache", False),
        ("streams", False),
        ("reads_session", False),
        ("content_changes_meanwhile", False),
        ("undecorated", False),
    ],
)
def test_only_pages_that_are_the_same_for_everyone_are_stored(client, view, cached):
    page_cache_urls.calls.clear()
    assert b"".join(client.get(f"/{view}/")) == f"{view} #1".encode()
    second = Client().get(f"/{view}/")
    # From the cache, the first page again; refused, the view ran a second time.
    assert b"".join(second) == f"{view} #{1 if cached else 2}".encode()
    assert page_cache_urls.calls.count(view) == (1 if cached else 2)


def test_every_content_model_empties_the_cache_when_changed():
    from django.apps import apps

    for label in ("twinning", "programmes"):
        for model in apps.get_app_config(label).get_models():
            assert post_save.has_listeners(model), model
            assert post_delete.has_listeners(model), model
            for field in model._meta.local_many_to_many:
                assert m2m_changed.has_listeners(field.remote_field.through), field


def test_organisation_change_refreshes_pages(client):
    client.get("/en/twin-towns/")
    before = client.get("/en/twin-towns/")
    assert before.templates == []
    Organisation.objects.create(name="Test", slug="test", kind="association")
    assert client.get("/en/twin-towns/").templates


# --- Served before Django (the WSGI entry point gunicorn runs) ---------------


def test_wsgi_entry_point_serves_hits_before_django(wsgi, django_assert_num_queries):
    status, headers, body, rendered = wsgi.get("/en/twin-towns/mainz/")
    assert status == "200 OK" and rendered
    with django_assert_num_queries(1):  # the generation
        again = wsgi.get("/en/twin-towns/mainz/")
    assert again[0] == "200 OK" and again[2] == body and not again[3]
    assert {k: v for k, v in again[1].items() if k != "X-Request-ID"} == {
        k: v for k, v in headers.items() if k != "X-Request-ID"
    }, (again[1], headers)
    assert again[1]["X-Request-ID"] != headers["X-Request-ID"]  # one per request
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Content-Language"] == "en"


def test_wsgi_entry_point_sees_content_changes_at_once(wsgi):
    wsgi.get("/en/twin-towns/mainz/")
    *_rest, rendered = wsgi.get("/en/twin-towns/mainz/")
    assert not rendered  # a hit, until the change
    town = Town.objects.get(slug="mainz")
    town.name_en = "Mogontiacum"
    town.save()
    _status, _headers, body, rendered = wsgi.get("/en/twin-towns/mainz/")
    assert rendered
    assert b"<h1>Mogontiacum</h1>" in body


def test_wsgi_entry_point_never_serves_a_page_to_a_session(wsgi):
    wsgi.get("/en/twin-towns/mainz/")
    *_rest, rendered = wsgi.get("/en/twin-towns/mainz/")
    assert not rendered  # a hit without the cookie
    *_rest, rendered = wsgi.get("/en/twin-towns/mainz/", HTTP_COOKIE="sessionid=abc")
    assert rendered


def test_wsgi_entry_point_refuses_unknown_hosts(wsgi):
    wsgi.get("/en/")
    *_rest, rendered = wsgi.get("/en/")
    assert not rendered  # a hit for the site's own host
    status, *_rest = wsgi.get("/en/", HTTP_HOST="evil.example")
    assert status.startswith("400")


def test_production_entry_point_serves_cached_pages_first():
    from core.caching import PageCacheWSGI
    from core.http_caching import ConditionalGetWSGI
    from dijon_site import wsgi as entry_point

    # Inside the error pages' guard (core/errors.py); outside the page cache
    # only the answer to conditional requests (304).
    assert isinstance(entry_point.application.application, ConditionalGetWSGI)
    assert isinstance(entry_point.application.application.application, PageCacheWSGI)


def test_made_up_query_parameters_are_never_stored(client, django_assert_num_queries):
    client.get("/en/twin-towns/?utm_x=1")
    # Built again: nothing was stored (with the footer's accessibility status).
    with django_assert_num_queries(5):
        client.get("/en/twin-towns/?utm_x=1")


def test_a_page_s_own_filters_are_stored(client, django_assert_num_queries):
    client.get("/en/international-action/partnerships/?domain=culture")
    with django_assert_num_queries(1):  # the generation
        response = client.get("/en/international-action/partnerships/?domain=culture")
    assert response.status_code == 200


def test_a_repeated_parameter_is_never_stored(client, django_assert_num_queries):
    client.get("/en/international-action/partnerships/?domain=culture&domain=economy")
    with django_assert_num_queries(7):  # with the footer's accessibility status
        client.get(
            "/en/international-action/partnerships/?domain=culture&domain=economy"
        )
