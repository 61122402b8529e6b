"""The department's staff roles, which span the apps: a site-level decision.

Each role is a group of permissions, so nobody needs to be a superuser:

- "Content editors": add, change, delete and view every content model (twin
  towns, partnerships, programmes, events, the receptions' public content,
  partner institutions); no access to registrations (personal data).
- "Reception staff": see receptions, registrations and the emails sent to
  students, check students in.

`sync_roles()` runs after every `migrate` (so on `make run`, `make release`
and a test database): it creates missing groups and adds missing permissions,
models added later included. It never removes a permission staff granted.

The admin shows the permissions, which Django names in English when it
creates them ("Can add twin town"), in the staff member's language
(`permission_label`). The groups' names are records the code finds by name:
they stay as written here.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = ("add", "change", "delete", "view")
# What each of the permissions Django gives every model allows.
ACTION_LABELS = {
    "add": _("can add"),
    "change": _("can change"),
    "delete": _("can delete"),
    "view": _("can view"),
}

# Role name -> every permission of these apps, of these models, and these
# permissions by "app_label.codename".
ROLES = {
    "Content editors": {
        "apps": ["twinning", "programmes", "legal"],
        "models": {
            "students": ["reception", "question", "partnerinstitution"],
            "dijon_site": ["pagetext"],
        },
    },
    "Reception staff": {
        "permissions": [
            "students.view_registration",
            "students.view_message",
            "students.check_in_registration",
            "students.view_reception",
            "students.view_question",
            "students.view_partnerinstitution",
        ],
    },
}


def role_permissions(role, using="default"):
    """The permissions a role's definition names, as a queryset."""
    condition = Q(pk__in=[])
    for app_label in role.get("apps", ()):
        condition |= Q(content_type__app_label=app_label)
    for app_label, models in role.get("models", {}).items():
        condition |= Q(
            content_type__app_label=app_label,
            codename__in=[
                f"{action}_{model}" for model in models for action in ACTIONS
            ],
        )
    for name in role.get("permissions", ()):
        app_label, codename = name.split(".", 1)
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.using(using).filter(condition)


def sync_roles(using="default", **_signal_kwargs):
    """Create the groups and add the permissions they miss (idempotent)."""
    for name, role in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        missing = role_permissions(role, using).exclude(group=group)
        group.permissions.add(*missing)


def permission_label(permission):
    """A permission as staff read it, in the active language: "Twin towns and
    partnerships | twin town | can add".

    Django stores a permission's name in English when it creates it; the
    models' own permissions (`Meta.permissions`) have their name as msgid.
    """
    content_type = permission.content_type
    action, _sep, model_name = permission.codename.partition("_")
    if action in ACTION_LABELS and model_name == content_type.model:
        name = ACTION_LABELS[action]
    else:
        name = gettext(permission.name)
    return f"{content_type} | {name}"
