"""Checks `manage.py check --deploy` adds to Django's own."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


@checks.register(checks.Tags.security, deploy=True)
def console_email_refused(app_configs, **kwargs):
    """The console backend prints every email (students' addresses, their
    links) into the logs: refused with DEBUG off unless explicitly allowed."""
    if settings.DEBUG or settings.ALLOW_CONSOLE_EMAIL:
        return []
    if settings.EMAIL_BACKEND != CONSOLE_EMAIL:
        return []
    return [
        checks.Error(
            "EMAIL_URL is not set: emails would be printed to the logs.",
            hint="Set EMAIL_URL (smtp+tls://user:password@host:587), or "
            "ALLOW_CONSOLE_EMAIL=1 if printing them is really wanted.",
            id="dijon_site.E001",
        )
    ]


def refuse_console_email():
    """The same rule at start-up, for the production web server (wsgi.py):
    `check --deploy` is only run by those who think of it."""
    for error in console_email_refused(None):
        raise ImproperlyConfigured(f"{error.msg} {error.hint}")
