"""The blank registration page is rendered once for all visitors, each getting
their own tokens, and a change of seats or content shows at once."""

import re
from http.cookies import SimpleCookie

import pytest
from django.core import mail
from django.middleware.csrf import _mask_cipher_secret, _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import translation

from students.models import Registration
from students.views.public import reception_pages
from tests.test_registration_pages import form_data

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')


def url(reception):
    return f"/en/student-receptions/{reception.slug}/"


def stored_page(client, reception):
    """The reception page as a visitor gets it from the stored copy."""
    response = client.get(url(reception))
    assert response.status_code == 200
    assert response.templates == [], "rendered, not from the stored page"
    return response


def test_each_visitor_gets_tokens_of_their_own(reception):
    first = Client().get(url(reception)).content.decode()
    second = stored_page(Client(), reception).content.decode()
    assert reception_pages.CSRF_MARK not in second
    assert reception_pages.TOKEN_MARK not in second
    assert CSRF.search(first).group(1) != CSRF.search(second).group(1)
    assert SUBMISSION.search(first).group(1) != SUBMISSION.search(second).group(1)


def test_a_stored_page_is_served_with_the_generation_queries_only(
    client, reception, django_assert_num_queries
):
    client.get(url(reception))
    # One query reads the pages' and the receptions' generations together.
    with django_assert_num_queries(1):
        response = client.get(url(reception))
    assert response.status_code == 200
    assert "2 seats left" in response.content.decode()


def test_a_stored_page_is_never_kept_by_browsers_or_proxies(client, reception):
    client.get(url(reception))
    response = stored_page(client, reception)
    assert "no-store" in response["Cache-Control"]


def test_a_form_from_a_stored_page_can_be_sent(reception, institution, committed):
    visitor = Client(enforce_csrf_checks=True)
    Client().get(url(reception))  # someone else's visit stores the page
    page = stored_page(visitor, reception).content.decode()
    token = SUBMISSION.search(page).group(1)
    data = form_data(
        institution, csrfmiddlewaretoken=CSRF.search(page).group(1), submission=token
    )
    with committed():
        response = visitor.post(url(reception), data)
    # The honeypot answers with the same redirect: the row and the email
    # show the registration was really made.
    with translation.override("en"):
        thanks = reverse("students:registration_thanks", args=[reception.slug])
    assert response.status_code == 302
    assert response["Location"] == thanks
    registration = Registration.objects.get(reception=reception)
    assert registration.email == "ana@example.org"
    assert registration.submission_token == token
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_a_registration_updates_the_seats_at_once(client, reception, register):
    client.get(url(reception))
    assert "2 seats left" in stored_page(client, reception).content.decode()
    register(reception)
    assert "1 seat left" in client.get(url(reception)).content.decode()


def test_an_edit_by_staff_shows_at_once(client, reception):
    client.get(url(reception))
    stored_page(client, reception)
    reception.title_en = "Spring welcome at the Palace of the Dukes"
    reception.save()
    body = client.get(url(reception)).content.decode()
    assert "Spring welcome at the Palace of the Dukes" in body


def test_a_page_with_errors_is_never_stored(client, reception, institution, committed):
    with committed():
        response = client.post(
            url(reception), form_data(institution, email="not-an-email")
        )
    assert response.status_code == 422
    assert "not-an-email" in response.content.decode()
    body = client.get(url(reception)).content.decode()
    assert "not-an-email" not in body
    assert "not-an-email" not in stored_page(client, reception).content.decode()


def test_production_serves_the_stored_page_before_django(
    wsgi, reception, django_assert_num_queries
):
    wsgi.get(url(reception))  # someone else's visit stores the page
    with django_assert_num_queries(1):  # the generations
        status, headers, body, rendered = wsgi.get(url(reception))
    assert status == "200 OK" and not rendered
    assert "2 seats left" in body.decode()
    assert "no-store" in headers["Cache-Control"]
    assert int(headers["Content-Length"]) == len(body)


def test_the_form_before_django_carries_the_visitor_s_own_csrf_token(wsgi, reception):
    wsgi.get(url(reception))
    _status, headers, body, _rendered = wsgi.get(url(reception))
    secret = SimpleCookie(headers["Set-Cookie"])["csrftoken"].value
    token = CSRF.search(body.decode()).group(1)
    assert _unmask_cipher_token(token) == secret


def test_a_returning_visitor_keeps_their_csrf_cookie(wsgi, reception):
    wsgi.get(url(reception))
    mine = "a" * 32
    _status, headers, body, rendered = wsgi.get(
        url(reception), HTTP_COOKIE=f"csrftoken={mine}"
    )
    assert not rendered
    assert SimpleCookie(headers["Set-Cookie"])["csrftoken"].value == mine
    assert _unmask_cipher_token(CSRF.search(body.decode()).group(1)) == mine


def test_a_link_with_tracking_parameters_gets_the_stored_form(wsgi, reception):
    wsgi.get(url(reception))
    _status, _headers, body, rendered = wsgi.get(
        url(reception), QUERY_STRING="fbclid=abc"
    )
    assert not rendered
    assert "fbclid" not in body.decode()


def test_a_visitor_with_an_old_masked_csrf_cookie_keeps_its_secret(wsgi, reception):
    wsgi.get(url(reception))
    mine = "b" * 32
    masked = _mask_cipher_secret(mine)  # as Django before 4.1 stored it
    _status, headers, body, _rendered = wsgi.get(
        url(reception), HTTP_COOKIE=f"csrftoken={masked}"
    )
    assert SimpleCookie(headers["Set-Cookie"])["csrftoken"].value == mine
    assert _unmask_cipher_token(CSRF.search(body.decode()).group(1)) == mine
