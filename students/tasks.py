"""Background tasks of the students app, run by `manage.py db_worker`.

django-tasks is the backport of Django 6.0's `django.tasks`: on Django 6 the
import below is the only line to change.
"""

from django_tasks import task

from students import messaging


@task()
def send_message(message_id):
    """Send one email of the outbox (see `students.messaging`)."""
    return messaging.deliver(message_id)
