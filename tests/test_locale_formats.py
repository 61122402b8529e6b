"""Dates, times, the telephone number and counts as each language writes them
(issue 16): British English, the city's French, one telephone format, plurals."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

ROOT = Path(settings.BASE_DIR)


def render(text, language, **values):
    with translation.override(language):
        return Template("{% load site_tags %}" + text).render(Context(values))


def paris(*args):
    return timezone.make_aware(datetime(*args))


def test_french_writes_the_first_of_the_month_as_an_ordinal_and_whole_hours():
    when = paris(2027, 9, 1, 9, 0)
    assert render("{{ when|datetime_long }}", "fr", when=when) == (
        "1er septembre 2027 à 9 h"
    )


def test_french_writes_minutes_after_the_h():
    when = paris(2027, 5, 3, 10, 30)
    assert render("{{ when|datetime_long }}", "fr", when=when) == (
        "3 mai 2027 à 10 h 30"
    )


def test_french_weekday_date_keeps_the_ordinal():
    when = paris(2027, 9, 1, 9, 0)
    assert render('{{ when|date_long:"weekday" }}', "fr", when=when) == (
        "mercredi 1er septembre 2027"
    )


def test_english_is_british_day_month_year_and_24_hour_clock():
    when = paris(2027, 5, 3, 10, 0)
    assert render("{{ when|datetime_long }}", "en", when=when) == ("3 May 2027, 10:00")


def test_english_has_no_american_meridiem():
    when = paris(2027, 5, 3, 9, 0)
    assert "a.m." not in render("{{ when|time_short }}", "en", when=when)


def test_dates_are_shown_in_paris_time():
    when = datetime(2027, 9, 1, 7, 0, tzinfo=UTC)  # 9 h in Paris
    assert render("{{ when|time_short }}", "fr", when=when) == "9 h"


def test_djangos_date_format_names_use_our_format_modules():
    when = paris(2027, 5, 3, 10, 0)
    english = render('{{ when|date:"DATE_FORMAT" }}', "en", when=when)
    assert english == "3 May 2027"


@pytest.mark.django_db
def test_event_page_shows_british_dates(client, make_event):
    year = timezone.now().year + 1
    make_event("conference", paris(year, 5, 3, 10, 0), paris(year, 5, 3, 12, 0))
    body = client.get("/en/events/conference/").content.decode()
    assert f"3 May {year}, 10:00" in body
    assert "a.m." not in body


@pytest.mark.django_db
def test_event_page_shows_french_dates(client, make_event):
    year = timezone.now().year + 1
    make_event("conference", paris(year, 9, 1, 9, 0), paris(year, 9, 1, 11, 30))
    body = client.get("/fr/evenements/conference/").content.decode()
    assert f"1er septembre {year} de 9 h</time> à <time" in body
    assert "11 h 30</time>" in body


def test_a_span_within_a_day_reads_de_a_in_french():
    start, end = paris(2027, 9, 1, 9, 0), paris(2027, 9, 1, 11, 30)
    html = render("{% datetime_range start end %}", "fr", start=start, end=end)
    assert html == (
        '<time datetime="2027-09-01T09:00:00+02:00">1er septembre 2027 de 9 h</time>'
        ' à <time datetime="2027-09-01T11:30:00+02:00">11 h 30</time>'
    )


def test_a_span_within_a_day_reads_with_a_dash_in_english():
    start, end = paris(2027, 9, 1, 9, 0), paris(2027, 9, 1, 11, 30)
    text = render(
        "{% datetime_range start end text=True %}", "en", start=start, end=end
    )
    assert text == "1 September 2027, 09:00–11:30"


def test_a_span_over_days_gives_each_date_and_time():
    start, end = paris(2027, 6, 12, 10, 0), paris(2027, 6, 13, 19, 0)
    template = '{% datetime_range start end "weekday" text=True %}'
    assert render(template, "fr", start=start, end=end) == (
        "Du 12 juin 2027 à 10 h au 13 juin 2027 à 19 h"
    )


@pytest.fixture
def september_reception(make_reception):
    year = timezone.now().year + 1
    return make_reception(
        starts_at=paris(year, 9, 1, 9, 0), ends_at=paris(year, 9, 1, 11, 30)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "when"),
    [
        ("/fr/accueil-etudiants/", "1er septembre {year} à 9 h</time>"),
        ("/en/student-receptions/", "1 September {year}, 09:00</time>"),
    ],
)
def test_receptions_list_writes_the_date_and_hour_as_the_language_does(
    client, september_reception, url, when
):
    year = september_reception.starts_at.year
    assert when.format(year=year) in client.get(url).content.decode()


@pytest.mark.django_db
def test_reception_page_gives_the_weekday_and_the_hours_in_french(
    client, september_reception
):
    reception, year = september_reception, september_reception.starts_at.year
    body = client.get(f"/fr/accueil-etudiants/{reception.slug}/").content.decode()
    assert f"1er septembre {year} de 9 h</time> à <time" in body
    assert "11 h 30</time>" in body


FRENCH_DATE_COMMA_HOUR = re.compile(r"\d{4}, \d{1,2} h")
PUBLIC_FRENCH_PAGES = (
    "/fr/",
    "/fr/evenements/",
    "/fr/evenements/conference/",
    "/fr/accueil-etudiants/",
    "/fr/accueil-etudiants/{slug}/",
)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_FRENCH_PAGES)
def test_no_french_page_writes_a_comma_between_the_date_and_the_hour(
    client, make_event, september_reception, url
):
    year = september_reception.starts_at.year
    make_event("conference", paris(year, 9, 2, 9, 0), paris(year, 9, 3, 17, 0))
    make_event("talk", paris(year, 9, 4, 18, 0), paris(year, 9, 4, 20, 0))
    response = client.get(url.format(slug=september_reception.slug))
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    assert not FRENCH_DATE_COMMA_HOUR.search(text)


def test_preview_banner_writes_the_scheduled_date_as_the_pages_do():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    item = SimpleNamespace(
        publication_state="scheduled",
        publish_from=paris(2027, 9, 1, 9, 0),
        get_admin_url="/admin/",
    )
    with translation.override("fr"):
        html = render_to_string("includes/preview_banner.html", {"item": item})
    assert "à partir du 1er septembre 2027 à 9 h." in html


def test_the_departments_telephone_is_written_one_way_in_the_content():
    numbers = set()
    for path in ROOT.glob("*/data/*.yaml"):
        numbers.update(re.findall(r"\+33 [\d ()]+\d", path.read_text()))
    assert numbers == {"+33 (0)3 80 74 71 48"}


@pytest.mark.django_db
def test_one_partnership_is_not_counted_in_words(client, initial_data):
    from twinning.models import Partnership

    domain = Partnership.objects.published().values_list("domain", flat=True)[0]
    Partnership.objects.filter(domain=domain).exclude(
        pk=Partnership.objects.filter(domain=domain).order_by("pk")[0].pk
    ).delete()
    for url in ("/en/international-action/", "/fr/action-internationale/"):
        body = client.get(url).content.decode()
        assert "See the 1 partnership" not in body
        assert "Voir le 1 partenariat" not in body
    assert (
        "See the partnership in"
        in client.get("/en/international-action/").content.decode()
    )
