"""Every public page runs a small, fixed number of queries, whatever the data.

To cover a new page, add a row to PAGES: URL name, its kwargs (a record the
loaded content has), and the number of queries it may run.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories import multiply_content
from twinning.models import Organisation, Town

pytestmark = pytest.mark.django_db

PAGES = [
    ("home", {}, 2),
    ("twinning:town_list", {}, 2),
    ("twinning:town_detail", {"slug": "mainz"}, 2),
]


def _get(client, name, kwargs, language):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
    cache.clear()  # measure the page being built, not served from the cache
    return client.get(url)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES)
def test_page_query_count_with_the_loaded_content(
    client, initial_data, django_assert_num_queries, name, kwargs, queries, language
):
    with django_assert_num_queries(queries):
        response = _get(client, name, kwargs, language)
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES)
def test_page_query_count_with_ten_times_the_content(
    client, initial_data, django_assert_num_queries, name, kwargs, queries
):
    multiply_content(10)
    with django_assert_num_queries(queries):
        response = _get(client, name, kwargs, "en")
    assert response.status_code == 200


def test_multiplied_content_shows_on_the_pages(client, initial_data):
    towns = Town.objects.count()
    organisations = Organisation.objects.count()
    multiply_content(10)
    assert Town.objects.count() == 10 * towns
    assert Organisation.objects.count() == 10 * organisations
    body = _get(client, "twinning:town_list", {}, "en").content.decode()
    assert body.count('class="card"') == 10 * towns
