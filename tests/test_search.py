"""Site search in both languages (issue 16), on SQLite (the fallback) and on
PostgreSQL (full-text, per-language stemming, unaccent): run this file with
DATABASE_URL set to try the second."""

import pytest
from django.db import connection
from django.utils import translation

from core.search import MAX_QUERY_LENGTH, clean_query, site_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content(initial_data):
    return initial_data


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def group_titles(query, kind, language="en"):
    with translation.override(language):
        return [
            result.title
            for group in site_search.search(query)
            if group.kind.key == kind
            for result in group.results
        ]


def test_mayence_on_the_french_site_finds_mainz(client):
    body = results(client, "/fr/recherche/?q=Mayence")
    assert 'href="/fr/villes-jumelles/mainz/"' in body


def test_mainz_on_the_english_site_finds_mainz(client):
    body = results(client, "/en/search/?q=Mainz")
    assert 'href="/en/twin-towns/mainz/"' in body


def test_a_query_without_accents_finds_guimaraes(client):
    body = results(client, "/fr/recherche/?q=guimaraes")
    assert 'href="/fr/villes-jumelles/guimaraes/"' in body


def test_case_and_accents_do_not_matter():
    assert "Guimarães" in group_titles("GUIMARÃES", "towns")
    assert "Guimarães" in group_titles("Guimaraes", "towns")


def test_erasmus_finds_the_programmes(client):
    body = results(client, "/en/search/?q=erasmus")
    assert 'id="search-programmes"' in body
    assert "/en/youth-mobility/" in body


def test_results_are_labelled_by_kind(client):
    body = results(client, "/en/search/?q=Mainz")
    assert '<h2 id="search-towns">Twin towns' in body


def test_results_carry_a_snippet_with_the_words_marked(client):
    body = results(client, "/en/search/?q=erasmus")
    assert "<mark>" in body.lower()


def test_a_plural_finds_the_singular():
    assert group_titles("programmes", "programmes")
    assert "Mainz" in group_titles("Mainz", "towns")


def test_the_active_language_gives_the_titles(client):
    french = results(client, "/fr/recherche/?q=Mainz")
    assert ">Mayence</a>" in french


@pytest.mark.parametrize("query", ["", "   ", "\x00", "\t\n"])
def test_an_empty_query_shows_the_form_only(client, query):
    body = results(client, f"/en/search/?q={query}")
    assert 'name="q"' in body
    assert "result for" not in body and "results for" not in body


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "mainz " * 500,
        "' OR 1=1 --",
        '"unterminated',
        "!!! & | ( ) : * <>",
        "<script>alert(1)</script>",
        "%00%27",
        "\x00mainz",
        "a:* | !b",
        "😀 emoji",
    ],
)
def test_overlong_and_hostile_queries_answer_cleanly(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_long_query_is_cut():
    assert len(clean_query("word " * 1000)) <= MAX_QUERY_LENGTH


def test_a_query_with_no_match_says_so(client):
    body = results(client, "/en/search/?q=zzzqqqxxx")
    assert "0 results for" in body


def test_search_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    kinds = len(site_search.kinds())
    # One per kind, plus the footer's department and accessibility status and
    # the cache generation (core.caching).
    with django_assert_max_num_queries(kinds + 3):
        results(client, "/en/search/?q=dijon")
    with django_assert_max_num_queries(kinds + 3):
        results(client, "/en/search/?q=dijon+twin+towns+europe+youth")


def test_every_kind_of_content_is_searchable():
    assert {kind.key for kind in site_search.kinds()} == {
        "towns",
        "partnerships",
        "organisations",
        "networks",
        "programmes",
        "events",
        "receptions",
    }


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("Chefchaouen", "towns"),
        ("Vitagora", "organisations"),
        ("AFCCRE", "networks"),
        ("Printemps de l'Europe", "events"),
    ],
)
def test_each_kind_is_found(query, kind):
    assert group_titles(query, kind)


def test_unpublished_records_are_not_found():
    from twinning.models import Town

    Town.objects.filter(slug="mainz").update(is_published=False)
    assert "Mainz" not in group_titles("Mainz", "towns")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's stemming only"
)
def test_postgresql_stems_each_language():
    # “coopérer” and “cooperating” share the stem of “coopération”, “cooperation”.
    assert group_titles("coopérer", "partnerships", "fr")
    assert group_titles("cooperating", "partnerships", "en")


def test_search_page_is_linked_from_every_page_header(client):
    assert 'href="/fr/recherche/"' in results(client, "/fr/")
    assert 'href="/en/search/"' in results(client, "/en/")
