"""The apps form a small tower (README, "Architecture"): each names only the
apps below it, in any way of naming one: imports, migration dependencies,
app-label strings, template includes and template tag libraries."""

import re
from pathlib import Path

import pytest
from django.template import engines

ROOT = Path(__file__).resolve().parent.parent
OURS = ("core", "twinning", "programmes", "students", "legal", "dijon_site")
# What each app may name besides itself; dijon_site is the wiring: anything.
ALLOWED = {
    "core": set(),
    "twinning": {"core"},
    "programmes": {"core", "twinning"},
    "students": {"core"},
    "legal": {"core"},
}


def naming(other):
    """A Python line that imports `other` or names it in a string."""
    return re.compile(
        rf"^\s*(from|import)\s+{other}\b|['\"]{other}['\"]|['\"]{other}[./:]",
        re.MULTILINE,
    )


def python_files(app):
    return sorted((ROOT / app).rglob("*.py"))


def template_files(app):
    return sorted((ROOT / "templates" / app).rglob("*.html"))


def forbidden(app):
    return [other for other in OURS if other != app and other not in ALLOWED[app]]


@pytest.mark.parametrize("app", ALLOWED)
def test_python_names_only_the_apps_below(app):
    offences = [
        f"{path.relative_to(ROOT)} names {other}"
        for path in python_files(app)
        for other in forbidden(app)
        if naming(other).search(path.read_text())
    ]
    assert python_files(app)
    assert offences == []


@pytest.mark.parametrize("app", ["twinning", "programmes", "students", "legal"])
def test_templates_include_only_the_apps_below(app):
    include = re.compile(r"\{%\s*(?:include|extends)\s+['\"](\w+)/")
    offences = [
        f"{path.relative_to(ROOT)} includes {name}/"
        for path in template_files(app)
        for name in include.findall(path.read_text())
        if name in forbidden(app)
    ]
    assert template_files(app)
    assert offences == []


@pytest.mark.parametrize("app", ["twinning", "programmes", "students", "legal"])
def test_templates_load_tag_libraries_only_from_the_apps_below(app):
    libraries = engines["django"].engine.template_libraries
    load = re.compile(r"\{%\s*load\s+([\w ]+?)\s*%\}")
    offences = []
    for path in template_files(app):
        for names in load.findall(path.read_text()):
            for name in names.split():
                owner = libraries[name].__module__.split(".")[0]
                if owner in forbidden(app):
                    offences.append(f"{path.relative_to(ROOT)} loads {name} ({owner})")
    assert offences == []


def test_the_checks_see_a_forbidden_import():
    """The pattern catches the ways of naming an app that the rule forbids."""
    students = naming("students")
    assert students.search("from students.models import Reception")
    assert students.search("dependencies = [('students', '0001_initial')]")
    assert students.search('apps.get_model("students.Registration")')
    assert not students.search('"""Welcome receptions for foreign students."""')
