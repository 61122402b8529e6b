"""Content that ships with the site, read from YAML data files.

An app that ships content keeps it next to its code, in `<app>/data/*.yaml`;
`load(path)` creates whatever the file describes and the database lacks. It
never changes a record that exists, so staff edits stay, and loading twice
creates nothing twice. The file's own header documents its format; in short,
a file is a list of sections, loaded in order, one model each:

    - model: app_label.ModelName
      lookup: [slug]        # the fields that find an existing record (default)
      singleton: true       # instead of lookup: one record, made if there is none
      defaults: {...}       # values every record of the section starts from
      children:             # reverse relations whose records are looked up by
        lines: [code]       # these fields, to add any missing to an existing
                            # record too
      records:
        - slug: first
          name_fr: Premier  # translated fields by language, as in the admin
          tags: [red, blue] # foreign key or many-to-many: the slugs it links to
          lines: [...]      # reverse foreign key: records created with this one

Links (foreign keys, many-to-many, children) are set on records the loader
creates, never on existing ones; a slug that matches nothing is left out.

Dates are computed when the loader runs, in the site's time zone, so a fresh
install always shows what comes next:

    starts_at: {next: "05-09", at: "18:00"}   # the next 9 May, 18:00
    starts_at: {next: third Thursday of February, at: "18:00"}
    ends_at: {after: starts_at, hours: 2}
    registration_opens_at: {before: starts_at, days: 60, at: "09:00"}

`{year}` in a text of a dated record is the year of its `next` date (`{year-1}`
and `{year+1}` the years around it): `slug: printemps-de-l-europe-{year}`.

This module names no app: the caller passes the files, in order.
"""

import calendar
import re
from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path

import yaml
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone

REFERENCE_FIELD = "slug"
SINGLETON = object()
SECTION_KEYS = {"model", "lookup", "singleton", "defaults", "children", "records"}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name)}
MONTH_DAY = re.compile(r"(?P<month>\d\d)-(?P<day>\d\d)")
NTH_WEEKDAY = re.compile(
    r"(?P<ordinal>\w+) (?P<weekday>\w+) of (?P<month>\w+)", re.IGNORECASE
)
YEAR = re.compile(r"\{year(?:(?P<sign>[+-])(?P<offset>\d+))?\}")
RELATIVE_UNITS = ("days", "hours", "minutes")
# How many years ahead a `next` rule looks for a date that exists (29 February).
YEARS_AHEAD = 8


class ContentError(Exception):
    """A data file that cannot be loaded as written."""


def load(path, *, now=None):
    """Create what the data file at `path` describes and the database lacks.

    Returns a Counter of the records created, by model label ("app.Model": 3).
    """
    path = Path(path)
    with path.open(encoding="utf-8") as stream:
        sections = yaml.safe_load(stream) or []
    loader = _Loader(path, now or timezone.now())
    with transaction.atomic():
        for section in sections:
            loader.load_section(section)
    return loader.report


class _Loader:
    def __init__(self, path, now):
        self.path = path
        self.now = timezone.localtime(now, timezone.get_default_timezone())
        self.report = Counter()

    def error(self, message):
        return ContentError(f"{self.path}: {message}")

    def load_section(self, section):
        if unknown := set(section) - SECTION_KEYS:
            raise self.error(f"unknown section keys {sorted(unknown)}")
        try:
            model = apps.get_model(section["model"])
        except (KeyError, LookupError, ValueError) as exc:
            raise self.error(f"section without a known model: {exc}") from exc
        if section.get("singleton"):
            lookup = SINGLETON
        else:
            lookup = section.get("lookup", [REFERENCE_FIELD])
        defaults = section.get("defaults") or {}
        children = section.get("children") or {}
        for record in section.get("records") or []:
            self.load_record(model, {**defaults, **record}, lookup, children)

    def load_record(self, model, record, lookup, children, parent=None):
        """Create the record unless `lookup` finds it; return it, new or old.

        `lookup` is a list of field names, SINGLETON, or None for the children
        of a new record, which are created without looking.
        """
        fields, links, reverse = self.split(model, self.evaluate(model, record))
        if parent is not None:
            fields.update(parent)
        obj, created = self.find_or_create(model, fields, lookup)
        if created:
            self.report[model._meta.label] += 1
            for name, related in links.items():
                getattr(obj, name).set(related)
        for name, (relation, items) in reverse.items():
            child_lookup = children.get(name)
            if created or child_lookup is not None:
                for item in items:
                    self.load_record(
                        relation.related_model,
                        item,
                        child_lookup,
                        {},
                        parent={relation.field.name: obj},
                    )
        return obj

    def find_or_create(self, model, fields, lookup):
        if lookup is None:
            return model.objects.create(**fields), True
        if lookup is SINGLETON:
            obj = model.objects.order_by("pk").first()
            if obj is None:
                return model.objects.create(**fields), True
            return obj, False
        if missing := [name for name in lookup if name not in fields]:
            raise self.error(f"{model._meta.label} record without {missing}")
        key = {name: fields.pop(name) for name in lookup}
        return model.objects.get_or_create(**key, defaults=fields)

    def split(self, model, record):
        """Field values (references resolved), many-to-many links and children."""
        fields, links, reverse = {}, {}, {}
        for name, value in record.items():
            field = self.field(model, name)
            if field.many_to_many and not field.auto_created:
                links[name] = self.resolve_many(field.related_model, value)
            elif field.one_to_many:
                reverse[name] = (field, value or [])
            elif field.many_to_one:
                fields[name] = self.resolve_one(field.related_model, value)
            elif isinstance(value, dict):
                raise self.error(f"{model._meta.label}.{name} is no date and time")
            elif field.concrete:
                fields[name] = value
            else:
                raise self.error(f"{model._meta.label}.{name} cannot be loaded")
        return fields, links, reverse

    def field(self, model, name):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist as exc:
            raise self.error(f"{model._meta.label} has no field {name!r}") from exc

    def resolve_one(self, model, slug):
        if slug is None:
            return None
        return model.objects.filter(**{REFERENCE_FIELD: slug}).first()

    def resolve_many(self, model, slugs):
        return list(model.objects.filter(**{f"{REFERENCE_FIELD}__in": slugs or []}))

    # --- Dates and years ----------------------------------------------------

    def evaluate(self, model, record):
        """The record with its date rules computed and `{year}` filled in."""
        record = dict(record)
        rules = {
            name: value
            for name, value in record.items()
            if isinstance(value, dict)
            and isinstance(self.field(model, name), models.DateTimeField)
        }
        year = None
        for name, rule in rules.items():
            if "next" in rule:
                record[name] = self.next_date(rule)
                year = year or record[name].year
        pending = {name: rule for name, rule in rules.items() if "next" not in rule}
        while pending:
            ready = {
                name: rule
                for name, rule in pending.items()
                if (rule.get("after") or rule.get("before")) not in pending
            }
            if not ready:
                raise self.error(f"date rules that depend on each other: {pending}")
            for name, rule in ready.items():
                record[name] = self.relative_date(record, rule)
                del pending[name]
        for name, value in record.items():
            if isinstance(value, str) and YEAR.search(value):
                if year is None:
                    raise self.error(f"{{year}} in {name!r} without a `next` date")
                record[name] = YEAR.sub(lambda match: str(year + offset(match)), value)
        return record

    def next_date(self, rule):
        """The first date matching rule["next"] at rule["at"], not before now."""
        self.check_rule(rule, {"next", "at"})
        at = self.clock(rule)
        text = str(rule["next"]).strip()
        if match := MONTH_DAY.fullmatch(text):
            month, day = int(match["month"]), int(match["day"])

            def day_in(year):
                return day if day <= calendar.monthrange(year, month)[1] else None

        elif match := NTH_WEEKDAY.fullmatch(text):
            try:
                nth = ORDINALS[match["ordinal"].lower()]
                weekday = WEEKDAYS[match["weekday"].lower()]
                month = MONTHS[match["month"].lower()]
            except KeyError as exc:
                raise self.error(f"unknown word {exc} in {text!r}") from exc

            def day_in(year):
                days = [
                    week[weekday]
                    for week in calendar.monthcalendar(year, month)
                    if week[weekday]
                ]
                return days[nth - 1] if nth > 0 else days[nth]

        else:
            raise self.error(f"`next: {text}` is neither MM-DD nor “third Thursday …”")
        for year in range(self.now.year, self.now.year + YEARS_AHEAD):
            if (found := day_in(year)) is None:
                continue
            moment = self.aware(datetime(year, month, found), at)
            if moment >= self.now:
                return moment
        raise self.error(f"no date for `next: {text}`")

    def relative_date(self, record, rule):
        """`{after|before: field, days/hours/minutes: n, at: "HH:MM"}`."""
        self.check_rule(rule, {"after", "before", "at", *RELATIVE_UNITS})
        direction = 1 if "after" in rule else -1
        base = record.get(rule.get("after") or rule.get("before"))
        if not isinstance(base, datetime):
            raise self.error(f"date rule {rule} refers to no date of the record")
        delta = timedelta(**{unit: rule.get(unit, 0) for unit in RELATIVE_UNITS})
        # Wall-clock arithmetic in the site's time zone: 18:00 + 2 hours is
        # 20:00 even on the night the clocks change.
        local = timezone.localtime(base, timezone.get_default_timezone())
        local = local.replace(tzinfo=None)
        local += direction * delta
        return self.aware(local, self.clock(rule) if "at" in rule else local.time())

    def check_rule(self, rule, allowed):
        if unknown := set(rule) - allowed:
            raise self.error(f"date rule {rule} has unknown keys {sorted(unknown)}")
        if ("after" in rule) and ("before" in rule):
            raise self.error(f"date rule {rule} is both before and after")

    def clock(self, rule):
        """The time of day of rule["at"] ("18:00"; midnight when absent)."""
        at = rule.get("at", "00:00")
        if not isinstance(at, str):  # YAML reads an unquoted 18:00 as 1080
            raise self.error(f"quote the time of day in {rule}")
        try:
            return time.fromisoformat(at)
        except ValueError as exc:
            raise self.error(f"bad time of day in {rule}") from exc

    @staticmethod
    def aware(day, at):
        naive = datetime.combine(day.date(), at)
        return timezone.make_aware(naive, timezone.get_default_timezone())


def offset(match):
    if not match["sign"]:
        return 0
    return int(match["offset"]) * (1 if match["sign"] == "+" else -1)
