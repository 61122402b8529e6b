"""The content loader (core/content.py) on small data files of its own."""

from datetime import UTC, datetime
from textwrap import dedent
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core import content
from programmes.models import Event
from twinning.models import ActionAxis, Department, DomainText, Organisation, Town

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2027, 3, 1, 12, tzinfo=UTC)

TOWNS = """
- model: twinning.Town
  records:
    - slug: mainz
      name_fr: Mayence
      name_en: Mainz
      country: DE
      region: europe-asia
      population: 200000
      latitude: '49.992900'
      longitude: '8.247300'
"""
ORGANISATIONS = """
- model: twinning.Organisation
  defaults: {kind: association}
  records:
    - {slug: plan-9, name_fr: Association Plan 9, name_en: Plan 9 association}
"""
DEPARTMENT = """
- model: twinning.Department
  singleton: true
  children:
    domain_texts: [domain]
  records:
    - name_fr: Direction des relations internationales
      address_fr: Hôtel de ville
      telephone: '+33 3 80 74 71 48'
      email: ri@example.org
      axes:
        - {order: 1, title_fr: La coopération}
        - {order: 2, title_fr: Le rayonnement}
      domain_texts:
        - {domain: culture, title_en: Culture without borders}
        - {domain: youth, title_en: Generations of globally minded people}
"""


@pytest.fixture
def write(tmp_path):
    def write(text, name="content.yaml"):
        path = tmp_path / name
        path.write_text(dedent(text), encoding="utf-8")
        return path

    return write


def event_file(start, end="{after: start, hours: 2}", slug="talk-{year}"):
    return f"""
    - model: programmes.Event
      records:
        - slug: {slug}
          title_fr: Conférence {{year}}
          start: {start}
          end: {end}
    """


def load_event(write, start, now=NOW, **kwargs):
    content.load(write(event_file(start, **kwargs)), now=now)
    return Event.objects.get()


def test_creates_what_is_missing_and_counts_it_by_model(write):
    path = write(TOWNS + ORGANISATIONS)
    assert content.load(path) == {"twinning.Town": 1, "twinning.Organisation": 1}
    town = Town.objects.get(slug="mainz")
    assert (town.name_fr, town.name_en, town.country.code) == ("Mayence", "Mainz", "DE")
    assert Organisation.objects.get().kind == "association"


def test_loading_twice_creates_nothing_twice(write):
    path = write(TOWNS + ORGANISATIONS + DEPARTMENT)
    content.load(path)
    assert content.load(path) == {}
    assert Town.objects.count() == Department.objects.count() == 1
    assert ActionAxis.objects.count() == DomainText.objects.count() == 2


def test_never_changes_a_record_that_exists(write):
    path = write(TOWNS)
    content.load(path)
    Town.objects.update(name_en="Edited", population=1)
    content.load(path)
    assert Town.objects.values_list("name_en", "population").get() == ("Edited", 1)


def test_a_singleton_is_made_only_when_there_is_none(write):
    content.load(write(DEPARTMENT))
    Department.objects.update(name_fr="Modifié")
    assert "twinning.Department" not in content.load(write(DEPARTMENT))
    assert Department.objects.get().name_fr == "Modifié"


def test_children_come_with_a_new_record_only_unless_looked_up(write):
    path = write(DEPARTMENT)
    content.load(path)
    department = Department.objects.get()
    assert list(department.axes.values_list("title_fr", flat=True)) == [
        "La coopération",
        "Le rayonnement",
    ]
    ActionAxis.objects.filter(order=2).delete()
    DomainText.objects.filter(domain="youth").delete()
    assert content.load(path) == {"twinning.DomainText": 1}
    assert department.axes.count() == 1
    assert DomainText.objects.get(domain="youth").department == department


def test_links_by_slug_on_new_records_only_unknown_slugs_left_out(write):
    links = """
    - model: programmes.Event
      records:
        - slug: weekend
          title_fr: Week-end
          start: {next: "06-12", at: "10:00"}
          end: {after: start, days: 1}
          organiser: plan-9
          towns: [mainz, atlantis]
        - slug: meeting
          title_fr: Rencontre
          start: {next: "06-12", at: "10:00"}
          end: {after: start, days: 1}
          organiser: nobody
    """
    path = write(TOWNS + ORGANISATIONS + dedent(links))
    content.load(path)
    weekend = Event.objects.get(slug="weekend")
    assert weekend.organiser.slug == "plan-9"
    assert list(weekend.towns.values_list("slug", flat=True)) == ["mainz"]
    assert Event.objects.get(slug="meeting").organiser is None
    weekend.towns.clear()
    content.load(path)
    assert weekend.towns.count() == 0


def test_a_failing_file_loads_nothing(write):
    path = write(TOWNS + "\n- model: twinning.Organisation\n  records: [{nom: x}]\n")
    with pytest.raises(content.ContentError, match="Organisation has no field 'nom'"):
        content.load(path)
    assert not Town.objects.exists()


@pytest.mark.parametrize(
    ("rule", "now", "expected"),
    [
        # Later today, today; once past, next year.
        ('"05-09"', datetime(2027, 5, 9, 7, tzinfo=UTC), datetime(2027, 5, 9, 10)),
        ('"05-09"', datetime(2027, 5, 9, 9, tzinfo=UTC), datetime(2028, 5, 9, 10)),
        ('"02-29"', NOW, datetime(2028, 2, 29, 10)),
        ("third Thursday of February", NOW, datetime(2028, 2, 17, 10)),
        ("second Saturday of June", NOW, datetime(2027, 6, 12, 10)),
        ("last Sunday of March", NOW, datetime(2027, 3, 28, 10)),
        ("first monday of may", NOW, datetime(2027, 5, 3, 10)),
    ],
)
def test_next_is_the_first_such_day_to_come_in_paris_time(write, rule, now, expected):
    event = load_event(write, f'{{next: {rule}, at: "10:00"}}', now=now)
    assert event.start == expected.replace(tzinfo=PARIS)


def test_relative_dates_count_on_the_paris_wall_clock(write):
    # The clocks go forward in the night of 27 to 28 March 2027.
    event = load_event(
        write,
        '{next: last Saturday of March, at: "20:00"}',
        end="{after: start, hours: 12}",
    )
    assert event.start == datetime(2027, 3, 27, 20, tzinfo=PARIS)
    assert event.end == datetime(2027, 3, 28, 8, tzinfo=PARIS)


def test_dates_are_in_the_sites_time_zone_whatever_zone_is_active(write):
    with timezone.override("America/New_York"):
        event = load_event(write, '{next: "05-09", at: "10:00"}')
    assert event.start == datetime(2027, 5, 9, 10, tzinfo=PARIS)


def test_a_rule_on_a_field_that_is_no_date_is_refused(write):
    path = write(TOWNS.replace("population: 200000", "population: {next: '05-09'}"))
    with pytest.raises(content.ContentError, match="population is no date and time"):
        content.load(path)


def test_before_and_at_set_the_day_and_time(write):
    reception = """
    - model: students.Reception
      records:
        - slug: reception-{year}
          title_fr: Accueil {year}
          academic_year: "{year-1}-{year}"
          term: spring
          capacity: 10
          starts_at: {next: third Thursday of February, at: "18:00"}
          ends_at: {after: starts_at, hours: 2}
          registration_opens_at: {before: starts_at, days: 87, at: "09:00"}
          registration_closes_at: {before: starts_at, days: 2, at: "23:59"}
    """
    from students.models import Reception

    content.load(write(reception), now=datetime(2026, 11, 28, tzinfo=UTC))
    loaded = Reception.objects.get()
    assert (loaded.slug, loaded.title_fr) == ("reception-2027", "Accueil 2027")
    assert loaded.academic_year == "2026-2027"
    assert loaded.ends_at == datetime(2027, 2, 18, 20, tzinfo=PARIS)
    assert loaded.registration_opens_at == datetime(2026, 11, 23, 9, tzinfo=PARIS)
    assert loaded.registration_closes_at == datetime(2027, 2, 16, 23, 59, tzinfo=PARIS)


def test_the_year_is_that_of_the_next_date(write):
    event = load_event(write, '{next: "01-15", at: "18:00"}', slug="a-{year+1}-{year}")
    assert (event.slug, event.title_fr) == ("a-2029-2028", "Conférence 2028")


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("{next: 05-09, at: 18:00}", "quote the time of day"),
        ("{next: fifth Sunday of May}", "unknown word 'fifth'"),
        ("{next: soon}", "neither MM-DD"),
        ("{after: end, hours: 1}", "depend on each other"),
        ("{next: '05-09', in: 2}", "unknown keys"),
    ],
)
def test_a_rule_written_wrong_is_refused_with_the_file_named(write, start, message):
    end = "{after: start, hours: 1}"
    with pytest.raises(content.ContentError, match=message) as raised:
        content.load(write(event_file(start, end=end)), now=NOW)
    assert "content.yaml" in str(raised.value)


def test_a_year_without_a_next_date_is_refused(write):
    path = write(TOWNS.replace("slug: mainz", "slug: mainz-{year}"))
    with pytest.raises(content.ContentError, match="without a `next` date"):
        content.load(path)
