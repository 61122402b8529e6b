"""Groups for the department's staff, so nobody needs to be a superuser.

- "Reception staff": see receptions and registrations, check students in.
- "Content editors": add, change, delete and view every content model of the
  `twinning` and `programmes` apps, plus the receptions' public content and the
  partner institutions; no access to registrations (personal data).

Permissions are normally created after all migrations (post_migrate); they
are created here first so the groups can be filled on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["twinning", "programmes"]
CONTENT_MODELS_HERE = ["reception", "partnerinstitution"]
ACTIONS = ["add", "change", "delete", "view"]


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def perms_for(apps, app_label, model_names):
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{a}_{m}" for m in model_names for a in ACTIONS]
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


def app_model_names(apps, app_label):
    try:
        app_config = apps.get_app_config(app_label)
    except LookupError:  # the app has no migrations (no models) yet
        return []
    return [model._meta.model_name for model in app_config.get_models()]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps)

    staff, _ = Group.objects.get_or_create(name="Reception staff")
    staff.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="students",
            codename__in=[
                "view_registration",
                "check_in_registration",
                "view_reception",
                "view_partnerinstitution",
            ],
        )
    )

    editors, _ = Group.objects.get_or_create(name="Content editors")
    for app_label in CONTENT_APPS:
        editors.permissions.add(
            *perms_for(apps, app_label, app_model_names(apps, app_label))
        )
    editors.permissions.add(*perms_for(apps, "students", CONTENT_MODELS_HERE))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Reception staff", "Content editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("students", "0001_initial"),
        ("twinning", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
