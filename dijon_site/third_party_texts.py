"""Texts of third-party apps our admin shows, which they leave in English.

django-axes (login lockout), django-tasks-db (the emails' background tasks)
and django-reversion (the permissions on its versions) mark these texts for
translation but have no French for them: our own catalogues (locale/)
translate them, and this list keeps them there when `make messages` rebuilds
the catalogues from our code. Nothing imports it.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

AXES = (
    gettext_noop("Locked Out"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("User Agent"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Session key hash (sha256)"),
)

TASKS = (
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

REVERSION = (
    gettext_noop("revision"),
    gettext_noop("revisions"),
)
