"""When a stored page goes stale, one visitor rebuilds it; the others get
the last copy meanwhile, so a busy page costs one rendering, not one per
waiting visitor (core/caching.py)."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory

from core import caching
from tests import page_cache_urls
from twinning.models import Town

MAINZ = "/en/twin-towns/mainz/"


def key_of(url):
    return caching.page_key(RequestFactory().get(url).META)


@pytest.fixture
def rebuilding():
    """Mark a page as being rebuilt by someone else, as a busy site has it."""
    taken = []

    def take(url):
        token = caching._take_rebuild(key_of(url))
        assert token
        taken.append((key_of(url), token))

    yield take
    for rebuild in taken:
        caching._end_rebuild(rebuild)


@pytest.mark.django_db
def test_visitors_get_the_last_page_while_someone_rebuilds_it(
    client, initial_data, rebuilding
):
    client.get(MAINZ)
    Town.objects.filter(slug="mainz").update(name_en="Mogontiacum")
    caching.bump_generation()
    rebuilding(MAINZ)
    meanwhile = client.get(MAINZ)
    assert meanwhile.templates == [], "served from the stored page"
    assert "Mogontiacum" not in meanwhile.content.decode()


@pytest.mark.django_db
def test_a_visitor_alone_gets_the_rebuilt_page_at_once(client, initial_data):
    client.get(MAINZ)
    Town.objects.filter(slug="mainz").update(name_en="Mogontiacum")
    caching.bump_generation()
    assert "Mogontiacum" in client.get(MAINZ).content.decode()


@pytest.mark.django_db
def test_a_page_gone_since_is_never_served_from_its_last_copy(
    client, initial_data, rebuilding
):
    client.get(MAINZ)
    Town.objects.filter(slug="mainz").update(is_published=False)
    caching.bump_generation()
    assert client.get(MAINZ).status_code == 404  # rebuilt: the copy is dropped
    rebuilding(MAINZ)
    assert client.get(MAINZ).status_code == 404


@pytest.mark.urls("tests.page_cache_urls")
@pytest.mark.django_db(transaction=True)
def test_many_visitors_of_an_expired_page_cause_one_rendering():
    page_cache_urls.calls.clear()
    Client().get("/slow_to_build/")
    time.sleep(1.1)  # the stored page is no longer fresh

    def visit(_n):
        try:
            return Client().get("/slow_to_build/").content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        pages = list(pool.map(visit, range(8)))
    assert page_cache_urls.calls.count("slow_to_build") == 2
    assert set(pages) <= {"slow_to_build #1", "slow_to_build #2"}
    assert "slow_to_build #1" in pages, "the others got the last page meanwhile"


@pytest.mark.urls("tests.page_cache_urls")
@pytest.mark.django_db
def test_a_failed_rebuild_keeps_the_last_page_for_the_others(client, rebuilding):
    page_cache_urls.calls.clear()
    client.get("/flaky/")
    caching.bump_generation()
    page_cache_urls.failing.add("flaky")
    assert Client(raise_request_exception=False).get("/flaky/").status_code >= 500
    rebuilding("/flaky/")
    assert client.get("/flaky/").content == b"flaky #1"


@pytest.mark.django_db
def test_a_link_with_tracking_parameters_gets_the_stored_page(
    client, initial_data, django_assert_num_queries
):
    client.get(MAINZ)
    with django_assert_num_queries(1):  # the generations
        tracked = client.get(MAINZ + "?utm_source=newsletter&fbclid=abc")
    assert tracked.status_code == 200 and tracked.templates == []


@pytest.mark.django_db
def test_a_parameter_the_page_reads_never_gets_the_bare_page(client, initial_data):
    partnerships = "/en/international-action/partnerships/"
    assert client.get(partnerships).status_code == 200
    filtered = client.get(partnerships + "?domain=culture&utm_source=x")
    assert filtered.status_code == 200
    assert filtered.templates, "rendered for its filter, not the bare page"


@pytest.mark.django_db
def test_shared_caches_keep_a_page_no_longer_than_it_is_fresh(client, initial_data):
    first = client.get("/en/twin-towns/")
    assert "s-maxage=30" in first["Cache-Control"]
    later = time.time() + settings.PAGE_CACHE_SECONDS - 10
    with time_machine.travel(later, tick=False):
        again = client.get("/en/twin-towns/")
    assert again.templates == []
    shared = re.search(r"s-maxage=(\d+)", again["Cache-Control"])
    assert int(shared.group(1)) <= 10, again["Cache-Control"]
