"""Background tasks of the students app, run by `manage.py db_worker`.

django-tasks is the backport of Django 6.0's `django.tasks`: on Django 6 the
import below is the only line to change.

`periodic_work` runs every MAINTENANCE_INTERVAL_SECONDS: each run queues the
next one (`schedule_periodic_work`, also run when the worker starts), and
every job is "whatever is due", so a run after downtime catches up.

The chain must not break for good because queueing the next run failed once
(the database restarting at that moment): the run tries again a few times,
every email the worker sends queues the next run if none is, and so does
`daily_maintenance`. /healthz says "degraded" when the next run is late
(`periodic_work_health`).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from students import messaging, services
from students.models import Reception

logger = logging.getLogger(__name__)


@task()
def send_message(message_id):
    """Send one email of the outbox (see `students.messaging`)."""
    try:
        return messaging.deliver(message_id)
    finally:
        # Mends the periodic work's chain should it have broken (one query).
        try:
            schedule_periodic_work()
        except Exception:
            logger.exception("Could not queue the periodic work")


def run_periodic_work(*, now=None, send_now=False):
    """Everything due: holds, waiting lists, reminders, the outbox, the purge.

    `send_now=True` sends due emails here instead of waking the worker (the
    `periodic_work` command, for a site run without a worker).
    """
    now = now or timezone.now()
    done = {"expired": 0, "promoted": 0}
    for reception in (
        Reception.objects.filter(ends_at__gt=now - timedelta(days=1))
        .filter(registrations__status__in=("pending", "waitlisted"))
        .distinct()
    ):
        done["expired"] += services.expire_pending(reception=reception, now=now)
        done["promoted"] += len(services.waitlist_promote(reception=reception, now=now))
    done["reminders"] = messaging.queue_reminders(now=now)
    done["emails"] = messaging.send_due(now=now, send_now=send_now)
    # Once an hour (the key's lifetime), whichever worker gets there first:
    # the retention purge, and the rows of tasks finished long ago.
    if cache.add("students:purge-ran", True, timeout=3600):
        done["purged"] = services.registrations_purge(now=now)
        done["tasks_pruned"] = prune_task_results(now=now)
    return done


def prune_task_results(*, now=None):
    """Delete the rows of tasks finished TASK_RESULT_RETENTION_DAYS ago or more.

    Every run of the periodic work and every email leaves a row in
    django-tasks-db's table. The same rows as its `prune_db_task_results`
    command (succeeded or failed, by `finished_at`), from here so that no
    cron job is needed. Returns how many were deleted.
    """
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    deleted, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    )
    return deleted


@task()
def periodic_work():
    try:
        done = run_periodic_work()
        logger.info("Periodic work: %s", done)
        return done
    finally:
        queue_next_run()


# Seconds to wait before each new try at queueing the next run.
NEXT_RUN_RETRY_SECONDS = (1, 5, 15)


def queue_next_run():
    """Queue the next periodic run, trying again a few times should it fail."""
    for pause in (0, *NEXT_RUN_RETRY_SECONDS):
        time.sleep(pause)
        try:
            schedule_periodic_work()
            return True
        except Exception:
            logger.exception("Could not queue the next periodic work")
    return False


def schedule_periodic_work(*, now=None):
    """Queue the next run unless one is queued already; True if queued.

    With a backend that cannot delay tasks (immediate, in tests) there is no
    chain: `manage.py periodic_work` from cron is the fallback.
    """
    backend = periodic_work.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        status="READY", task_path=periodic_work.module_path
    )
    if waiting.exists():
        return False
    now = now or timezone.now()
    interval = timedelta(seconds=settings.MAINTENANCE_INTERVAL_SECONDS)
    periodic_work.using(run_after=now + interval).enqueue()
    return True


# The next periodic run is late when due this many intervals ago and not run.
LATE_AFTER_INTERVALS = 5


def periodic_work_health(*, now=None):
    """For /healthz: "ok" while the next periodic run is queued and not late
    (or a run is under way), "late" otherwise (the chain broke, or no worker
    runs); None without a task worker (nothing to check)."""
    if not periodic_work.get_backend().supports_defer:
        return None
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    interval = timedelta(seconds=settings.MAINTENANCE_INTERVAL_SECONDS)
    late = now - LATE_AFTER_INTERVALS * interval
    on_time = DBTaskResult.objects.filter(
        Q(status="READY", run_after__gt=late)
        | Q(status="RUNNING", started_at__gt=late),
        task_path=periodic_work.module_path,
    )
    return "ok" if on_time.exists() else "late"
