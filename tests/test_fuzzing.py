"""Property-based tests (hypothesis): whatever a visitor sends to any public
page or form, the site answers without a server error, and an invalid post
changes no data. Pages and forms are found from the URLconf and the data, so
pages added later are covered too."""

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.public_pages import (
    PROJECT_APPS,
    parse_forms,
    public_page_urls,
    public_post_forms,
)

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 40,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../../etc/passwd",
    "%00%0d%0a",
    "ℌ𝔢𝔩𝔩𝔬 ❤ 日本語",
    "\u202e\u200b",
    "2026-02-30",
    "x" * 5000,
]
COMMON_PARAMETERS = ["page", "q", "lang", "next", "sort", "year", "country", "status"]

texts = st.text(max_size=200) | st.sampled_from(NASTY)
values = texts | st.integers().map(str) | st.lists(texts, min_size=2, max_size=3)


def row_counts():
    """Rows of every model of ours (plus accounts), to see any data change."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in (*PROJECT_APPS, "auth")
    }


def test_no_public_page_fails_whatever_its_query_parameters(client, initial_data):
    urls = public_page_urls()
    names = set(COMMON_PARAMETERS)
    for url in urls:
        for form in parse_forms(client.get(url).content.decode(), url):
            names |= set(form.fields)
    # First the classic troublemakers in every known parameter at once...
    for url in urls:
        for value in NASTY:
            response = client.get(url, dict.fromkeys(names, value))
            assert response.status_code < 500, (url, value)

    # ...then hypothesis's own mixes.
    parameter_names = st.sampled_from(sorted(names)) | st.text(min_size=1, max_size=20)

    @BOUNDED
    @given(
        url=st.sampled_from(urls),
        parameters=st.dictionaries(parameter_names, values, max_size=4),
    )
    def visit(url, parameters):
        response = client.get(url, parameters)
        assert response.status_code < 500, (url, parameters)

    visit()


def test_no_public_form_fails_nor_saves_anything_on_an_invalid_post(
    client, initial_data
):
    forms = public_post_forms(client)
    assert forms, "at least the admin login form"

    for form in forms:
        for value in NASTY:
            before = row_counts()
            response = client.post(form.action, dict.fromkeys(form.fields, value))
            assert response.status_code < 500, (form.action, value)
            if response.status_code not in (301, 302, 303):
                assert row_counts() == before, (form.action, value)

    @BOUNDED
    @given(data=st.data())
    def post(data):
        form = data.draw(st.sampled_from(forms))
        names = sorted(form.fields) or ["field"]
        posted = form.data()
        changes = data.draw(
            st.dictionaries(
                st.sampled_from(names) | st.text(min_size=1, max_size=20),
                values,
                min_size=1,
                max_size=len(names) + 2,
            )
        )
        posted.update(changes)
        for name in data.draw(st.lists(st.sampled_from(names), max_size=2)):
            posted.pop(name, None)
        before = row_counts()
        response = client.post(form.action, posted)
        assert response.status_code < 500, (form.action, posted)
        if response.status_code not in (301, 302, 303):
            assert row_counts() == before, (form.action, posted)

    post()
