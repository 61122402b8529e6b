"""A registration sent with mistakes opens on an error summary (GOV.UK pattern):
at the top of the page, focused without JavaScript, each error a link to its field."""

import re

import pytest

pytestmark = pytest.mark.django_db

PAGE = {
    "fr": "/fr/accueil-etudiants/{slug}/",
    "en": "/en/student-receptions/{slug}/",
}


def summary(body):
    match = re.search(r'<div class="error-summary".*?</div>', body, re.S)
    assert match, "no error summary"
    return match.group(0)


def send(client, reception, page_language, **data):
    data.setdefault("submission", "x" * 32)
    return client.post(PAGE[page_language].format(slug=reception.slug), data)


@pytest.mark.parametrize(
    ("language", "title", "first_name"),
    [
        ("en", "There is a problem", "First name"),
        ("fr", "Il y a un problème", "Prénom"),
    ],
)
def test_failed_submit_lists_each_error_as_a_link_to_its_field(
    client, reception, language, title, first_name
):
    response = send(client, reception, language, email="not-an-address")
    body = response.content.decode()
    assert response.status_code == 422
    box = summary(body)
    assert title in box
    assert f'<a href="#id_first_name">{first_name}:' in box
    assert 'href="#id_email"' in box
    assert 'href="#id_language_0"' in box  # a radio group: its first button
    assert 'href="#id_consent"' in box
    for target in re.findall(r'href="#(id_[a-z_0-9]+)"', box):
        assert f'id="{target}"' in body


def test_error_summary_comes_first_and_takes_focus_without_javascript(
    client, reception
):
    body = send(client, reception, "en").content.decode()
    box = summary(body)
    assert "autofocus" in box.split(">", 1)[0]
    assert 'tabindex="-1"' in box.split(">", 1)[0]
    main = body[body.index('<main id="main"') :]
    assert main.index('class="error-summary"') < main.index("<h1")


def test_no_error_summary_on_the_blank_form(client, reception):
    body = client.get(PAGE["en"].format(slug=reception.slug)).content.decode()
    assert "error-summary" not in body


def test_summary_of_a_duplicate_email_offers_the_link_again(
    client, committed, reception, institution
):
    data = {
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana@example.org",
        "nationality": "PT",
        "institution": str(institution.pk),
        "study_level": "master",
        "language": "en",
        "consent": "on",
    }
    with committed():
        send(client, reception, "en", **data)
        response = send(client, reception, "en", submission="y" * 32, **data)
    box = summary(response.content.decode())
    assert 'href="#id_email"' in box
    assert '<a href="#resend">Send my link again</a>' in box


def test_resend_form_error_has_a_summary_too(client, reception):
    url = f"/en/student-receptions/{reception.slug}/resend-link/"
    response = client.post(url, {"email": "nope"})
    assert response.status_code == 422
    assert 'href="#id_email"' in summary(response.content.decode())
