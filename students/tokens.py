"""Signed links sent to students: nobody can forge one or guess another's.

A link carries the registration's reference, signed with the site's
SECRET_KEY (`django.core.signing`) and a purpose-specific salt, so a
confirmation link cannot be reused as a management link and vice versa.
The confirmation link also carries its creation time and stops working when
the pending registration's hold ends.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "students.registration.confirm"
MANAGE_SALT = "students.registration.manage"


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was altered or never issued by us."""


def confirm_token(registration):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(registration.reference)


def manage_token(registration):
    return signing.Signer(salt=MANAGE_SALT).sign(registration.reference)


def read_confirm_token(token):
    """The reference in a confirmation link, or LinkExpired / LinkInvalid."""
    max_age = settings.REGISTRATION_PENDING_HOURS * 3600
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc


def read_manage_token(token):
    """The reference in a student's page link, or LinkInvalid."""
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
