"""Staff roles are kept by the site after every migrate, never narrowed."""

import pytest
from django.contrib.auth.models import Group, Permission

from dijon_site.roles import sync_roles

pytestmark = pytest.mark.django_db


def codenames(name):
    return set(
        Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_content_editors_edit_every_content_model_but_not_registrations():
    perms = codenames("Content editors")
    assert ("twinning", "change_town") in perms
    assert ("programmes", "add_event") in perms
    assert ("students", "change_reception") in perms
    assert not {p for p in perms if p[1].endswith("_registration")}


def test_a_missing_role_comes_back_with_its_permissions():
    Group.objects.filter(name="Reception staff").delete()
    sync_roles()
    assert ("students", "check_in_registration") in codenames("Reception staff")


def test_a_lost_permission_is_added_again():
    group = Group.objects.get(name="Content editors")
    group.permissions.remove(Permission.objects.get(codename="change_town"))
    sync_roles()
    assert ("twinning", "change_town") in codenames("Content editors")


def test_a_permission_staff_granted_is_kept():
    group = Group.objects.get(name="Reception staff")
    extra = Permission.objects.get(codename="change_reception")
    group.permissions.add(extra)
    sync_roles()
    assert ("students", "change_reception") in codenames("Reception staff")
