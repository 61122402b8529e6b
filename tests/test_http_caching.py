"""What browsers and shared caches may keep: public pages briefly and with a
validator (304 when unchanged), everything personal never."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from core.http_caching import ConditionalGetWSGI, etag_matches, public_cache_control
from twinning.models import Town

pytestmark = pytest.mark.django_db

RECEPTIONS = "/en/student-receptions/"


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.HTTP_CACHE_SECONDS = 30
    settings.HTTP_CACHE_STALE_SECONDS = 20
    settings.RECEPTION_PAGE_SECONDS = 10


def directives(response):
    return {d.strip() for d in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("url", ["/en/", "/fr/villes-jumelles/mainz/"])
def test_a_public_page_may_be_kept_briefly_by_shared_caches(client, initial_data, url):
    response = client.get(url)
    assert directives(response) == {
        "public",
        "max-age=0",
        "s-maxage=30",
        "stale-while-revalidate=20",
    }
    assert response["ETag"].startswith('"')


def test_a_page_from_the_cache_keeps_its_headers(client, initial_data):
    first = client.get("/en/")
    again = client.get("/en/")
    assert again.templates == [], "served from the page cache"
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["ETag"] == first["ETag"]


def test_a_conditional_request_for_an_unchanged_page_gets_304(client, initial_data):
    etag = client.get("/en/twin-towns/")["ETag"]
    response = client.get("/en/twin-towns/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "s-maxage=30" in response["Cache-Control"]


def test_an_edit_changes_the_validator(client, initial_data):
    etag = client.get("/en/twin-towns/mainz/")["ETag"]
    town = Town.objects.get(slug="mainz")
    town.title_en = "Gateway to the Rhine valley"
    town.save()
    response = client.get("/en/twin-towns/mainz/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Gateway to the Rhine valley" in response.content.decode()
    assert response["ETag"] != etag


def test_a_page_with_a_form_is_never_kept(client, reception):
    response = client.get(f"/en/student-receptions/{reception.slug}/")
    assert directives(response) == {"private", "no-store"}
    assert not response.has_header("ETag")


def test_a_missing_page_is_never_kept(client, initial_data):
    response = client.get("/en/twin-towns/atlantis/")
    assert response.status_code == 404
    assert directives(response) == {"private", "no-store"}


def test_a_public_page_seen_by_signed_in_staff_is_private(initial_data):
    staff = Client()
    staff.force_login(
        get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "a-long-test-password"
        )
    )
    response = staff.get("/en/")
    assert "private" in directives(response)
    assert "no-store" in directives(response)
    assert "public" not in directives(response)


def test_the_admin_is_never_kept(client, initial_data):
    response = client.get("/en/admin/login/")
    assert {"private", "no-store"} <= directives(response)


def test_the_receptions_list_is_kept_no_longer_than_its_seat_counts_may_lag(
    client, reception
):
    response = client.get(RECEPTIONS)
    assert directives(response) == {"public", "max-age=0", "s-maxage=10"}
    assert client.get(RECEPTIONS).templates == [], "served from the page cache"


def test_a_shorter_page_life_is_given_in_whole_seconds():
    assert public_cache_control(7.9) == "public, max-age=0, s-maxage=7"
    assert public_cache_control(400).endswith("stale-while-revalidate=20")


def test_the_receptions_list_shows_an_edit_at_once(client, reception):
    client.get(RECEPTIONS)
    reception.title_en = "Autumn welcome evening"
    reception.save()
    assert "Autumn welcome evening" in client.get(RECEPTIONS).content.decode()


def test_the_receptions_list_counts_a_registration_within_its_lag(
    client, reception, register, settings
):
    # Real seconds: Redis, when the tests use it, expires keys on its own clock.
    settings.RECEPTION_PAGE_SECONDS = 1
    assert "2 seats left" in client.get(RECEPTIONS).content.decode()
    register(reception)
    time.sleep(1.5)
    assert "1 seat left" in client.get(RECEPTIONS).content.decode()


# --- 304 before Django ----------------------------------------------------------


def page_app(status="200 OK", etag='"abc"'):
    def app(environ, start_response):
        start_response(
            status,
            [
                ("Content-Type", "text/html"),
                ("ETag", etag),
                ("Cache-Control", "public, max-age=0"),
            ],
        )
        return [b"<p>page</p>"]

    return app


def call(app, **environ):
    started = []
    body = app(
        {"REQUEST_METHOD": "GET", **environ},
        lambda status, headers, exc_info=None: started.append((status, headers)),
    )
    return started[0][0], dict(started[0][1]), b"".join(body)


def test_a_page_served_before_django_answers_304_to_its_etag():
    status, headers, body = call(
        ConditionalGetWSGI(page_app()), HTTP_IF_NONE_MATCH='"abc"'
    )
    assert status == "304 Not Modified"
    assert body == b""
    assert headers == {"ETag": '"abc"', "Cache-Control": "public, max-age=0"}


def test_a_page_served_before_django_is_sent_whole_to_another_etag():
    status, _headers, body = call(
        ConditionalGetWSGI(page_app()), HTTP_IF_NONE_MATCH='"old"'
    )
    assert status == "200 OK"
    assert body == b"<p>page</p>"


def test_an_etag_weakened_by_compression_still_matches():
    assert etag_matches('"abc"', 'W/"abc"')
    assert etag_matches('"abc"', '"x", "abc"')
    assert not etag_matches('"abc"', '"abd"')
