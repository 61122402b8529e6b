"""What students and staff see of the outbox: honest pages, the emails on a
registration, the list of failed emails and "send again"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from students.models import Message
from students.tokens import manage_token

pytestmark = pytest.mark.django_db

State = Message.Status


@pytest.fixture
def failed(reception, register):
    """A pending registration whose confirmation email failed for good."""
    registration = register(reception)
    Message.objects.filter(registration=registration).update(
        status=State.FAILED, sent_at=None, last_error="550 mailbox unavailable"
    )
    mail.outbox.clear()
    return registration


@pytest.mark.parametrize(
    ("url", "on_its_way", "not_promised"),
    [
        (
            "/en/student-receptions/{slug}/thank-you/",
            "An email with a confirmation link is on its way to you: it usually "
            "arrives within a few minutes.",
            "the link we have just sent you",
        ),
        (
            "/fr/accueil-etudiants/{slug}/merci/",
            "Un courriel avec un lien de confirmation est en route : il arrive "
            "d'habitude en quelques minutes.",
            "le lien que nous venons de vous envoyer",
        ),
    ],
)
def test_thank_you_page_says_the_email_is_on_its_way(
    client, reception, url, on_its_way, not_promised
):
    """Not that it was sent: it may still be waiting for the mail server."""
    response = client.get(url.format(slug=reception.slug))
    assert response.status_code == 200
    body = response.content.decode()
    assert on_its_way in body
    assert not_promised not in body


def test_students_page_says_when_the_email_failed(client, failed):
    page = client.get(f"/en/my-registration/{manage_token(failed)}/").content
    assert "We could not deliver our email" in page.decode()
    assert "Send the confirmation link again" in page.decode()


def test_students_page_send_again_delivers_after_a_failure(client, failed, committed):
    url = f"/en/my-registration/{manage_token(failed)}/send-again/"
    with committed():
        response = client.post(url, follow=True)
    assert "The email is on its way" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Please confirm your registration")
    assert failed.messages.filter(status=State.SENT).count() == 1


def test_send_again_is_post_only(client, failed):
    url = f"/en/my-registration/{manage_token(failed)}/send-again/"
    assert client.get(url).status_code == 405


def test_registration_admin_lists_its_emails(admin_client, failed):
    url = f"/en/admin/students/registration/{failed.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert "550 mailbox unavailable" in page
    assert "Failed" in page


def test_failed_emails_list_and_send_again(admin_client, failed, committed):
    listing = admin_client.get("/en/admin/students/message/?status__exact=failed")
    assert failed.reference in listing.content.decode()
    message = failed.messages.get()
    with committed():
        admin_client.post(
            "/en/admin/students/message/",
            {"action": "send_again", "_selected_action": [message.pk]},
        )
    message.refresh_from_db()
    assert message.status == State.SENT
    assert len(mail.outbox) == 1


def test_reception_staff_see_emails_but_cannot_send_them_again(client, failed):
    user = get_user_model().objects.create_user(
        "door", password="a-long-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Reception staff"))
    client.force_login(user)
    listing = client.get("/en/admin/students/message/")
    assert listing.status_code == 200
    assert "send_again" not in listing.content.decode()
