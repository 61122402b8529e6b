"""What needs the staff's attention, for the admin home page.

Drafts and scheduled items, missing translations, events whose dates are still
placeholders, upcoming receptions with seats left and emails that failed: each
a count with a link to the admin list that shows them, for the models the
staff member may see. A site-level view across the apps, so it lives here.
"""

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.publishing import publishable_models
from core.translations import missing_q, translated_fields

# The content models whose translations the home page checks.
TRANSLATED_CONTENT = [
    "twinning.Town",
    "twinning.Partnership",
    "twinning.Organisation",
    "twinning.NetworkMembership",
    "programmes.Programme",
    "programmes.Event",
    "students.Reception",
    "students.PartnerInstitution",
]


def _list_url(model, query=""):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _may_see(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def _item(label, count, url):
    return {"label": label, "count": count, "url": url}


def attention_items(user, now=None):
    """[{"label", "count", "url"}], only what has a count above zero."""
    now = now or timezone.now()
    items = []
    for model in publishable_models():
        if not _may_see(user, model):
            continue
        name = model._meta.verbose_name_plural
        manager = model._default_manager
        drafts = manager.filter(is_published=False).count()
        items.append(
            _item(
                _("%(items)s: drafts") % {"items": name},
                drafts,
                _list_url(model, "publication=draft"),
            )
        )
        scheduled = manager.filter(is_published=True, publish_from__gt=now).count()
        items.append(
            _item(
                _("%(items)s: scheduled") % {"items": name},
                scheduled,
                _list_url(model, "publication=scheduled"),
            )
        )
    for label in TRANSLATED_CONTENT:
        model = apps.get_model(label)
        if not _may_see(user, model) or not translated_fields(model):
            continue
        name = model._meta.verbose_name_plural
        for code, text in (
            ("en", _("%(items)s: English missing")),
            ("fr", _("%(items)s: French missing")),
        ):
            count = model._default_manager.filter(missing_q(model, code)).count()
            items.append(
                _item(
                    text % {"items": name}, count, _list_url(model, f"missing={code}")
                )
            )
    items += _events(user, now) + _receptions(user, now) + _failed_emails(user)
    return [item for item in items if item["count"]]


def _events(user, now):
    Event = apps.get_model("programmes.Event")
    if not _may_see(user, Event):
        return []
    count = Event.objects.upcoming(now).filter(dates_to_confirm=True).count()
    return [
        _item(
            _("Upcoming events whose dates are still to confirm"),
            count,
            _list_url(Event, "dates_to_confirm__exact=1"),
        )
    ]


def _receptions(user, now):
    Reception = apps.get_model("students.Reception")
    if not _may_see(user, Reception):
        return []
    items = []
    for reception in Reception.objects.upcoming(now).with_counts(now):
        if reception.seats_left:
            opts = Reception._meta
            items.append(
                _item(
                    _("%(reception)s: seats left") % {"reception": reception},
                    reception.seats_left,
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_change",
                        args=[reception.pk],
                    ),
                )
            )
    return items


def _failed_emails(user):
    try:
        Message = apps.get_model("students.Message")
    except LookupError:
        return []
    if not _may_see(user, Message):
        return []
    count = Message.objects.filter(status="failed").count()
    return [
        _item(
            _("Emails that could not be sent"),
            count,
            _list_url(Message, "status__exact=failed"),
        )
    ]
