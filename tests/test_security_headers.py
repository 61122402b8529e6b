"""Security headers on every kind of page: public, form, admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.public_pages import public_page_urls, public_post_forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, initial_data):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    client.force_login(user)
    return client


@pytest.fixture
def production(settings):
    """Settings as in production (HTTPS) for the middleware built per test."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_hardened(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    for sources in csp.values():
        assert "'unsafe-inline'" not in sources
        assert "'unsafe-eval'" not in sources
        assert "*" not in sources
        # Nothing from another host: only keywords and data: images.
        assert all(re.fullmatch(r"'[a-z-]+'|data:", source) for source in sources)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_every_public_page_sends_every_security_header(
    client, initial_data, production
):
    urls = public_page_urls()
    assert "/fr/" in urls and "/en/twin-towns/york/" in urls
    for url in urls:
        response = client.get(url, secure=True)
        # Staff-only pages redirect to the login, POST-only ones answer 405:
        # their answers carry the headers all the same.
        assert response.status_code < 500, url
        assert_hardened(response)


def test_the_not_found_page_sends_every_security_header(client, production):
    response = client.get("/fr/nulle-part/", secure=True)
    assert response.status_code == 404
    assert_hardened(response)


def test_every_form_page_sends_every_security_header(client, initial_data, production):
    forms = public_post_forms(client)
    assert reverse("admin:login") in {form.page for form in forms}
    for page in {form.page for form in forms}:
        assert_hardened(client.get(page, secure=True))


def test_form_cookies_are_secure_http_only_and_same_site(client, production):
    response = client.get(reverse("admin:login"), secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_session_cookie_is_secure_http_only_and_same_site(
    client, initial_data, production
):
    get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-test-password"
    )
    login = client.get(reverse("admin:login"), secure=True)
    response = client.post(
        reverse("admin:login"),
        {
            "username": "editor",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": login.context["csrf_token"],
        },
        secure=True,
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "page",
    ["admin:index", "admin:twinning_town_changelist", "admin:twinning_town_add"],
)
def test_the_admin_sends_every_security_header(staff_client, production, page):
    response = staff_client.get(reverse(page), secure=True)
    assert response.status_code == 200
    assert_hardened(response)


def test_no_hsts_over_plain_http_on_a_laptop(client, initial_data, production):
    assert "Strict-Transport-Security" not in client.get("/fr/")


def test_a_form_sent_without_its_token_gets_a_translated_page(db, production):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/fr/admin/login/", {"username": "x", "password": "y"}, secure=True
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulaire expiré" in body
    assert "<style" not in body
    assert_hardened(response)
