from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.caching import cache_public_page
from core.publishing import get_published_or_preview
from programmes.calendars import events_calendar
from programmes.models import Direction, Event, Programme
from programmes.structured_data import event_data, json_ld
from twinning.models import Town

ARCHIVE_PAGE_SIZE = 12


@cache_public_page(params=["direction"])
def programme_list(request):
    """What young people can do abroad, and who can come to Dijon."""
    direction = request.GET.get("direction", "")
    programmes = list(Programme.objects.published())
    sections = {
        Direction.OUTGOING.value: (
            _("Going abroad from Dijon"),
            [p for p in programmes if p.goes_abroad],
        ),
        Direction.INCOMING.value: (
            _("Coming to Dijon from abroad"),
            [p for p in programmes if p.comes_to_dijon],
        ),
    }
    status = 200
    error = ""
    if direction in sections:
        shown = [sections[direction]]
    elif direction:
        shown = []
        status = 400
        error = _("Unknown direction: choose one of the filters.")
    else:
        shown = list(sections.values())
    return render(
        request,
        "programmes/programme_list.html",
        {
            "sections": shown,
            "direction": direction,
            "directions": [
                ("", _("All programmes")),
                (Direction.OUTGOING.value, _("Going abroad")),
                (Direction.INCOMING.value, _("Coming to Dijon")),
            ],
            "error": error,
        },
        status=status,
    )


@cache_public_page
def programme_detail(request, slug):
    programme = get_published_or_preview(
        request,
        Programme.objects.prefetch_related(
            Prefetch(
                "partner_towns",
                queryset=Town.objects.published(),
                to_attr="published_towns",
            ),
            "partner_organisations",
            Prefetch(
                "events",
                queryset=Event.objects.published()
                .upcoming()
                .select_related("organiser"),
                to_attr="upcoming_events",
            ),
        ),
        slug=slug,
    )
    return render(request, "programmes/programme_detail.html", {"programme": programme})


@cache_public_page
def event_list(request):
    """The agenda: events not over yet, soonest first."""
    events = Event.objects.published().upcoming().select_related("organiser")
    return render(request, "programmes/event_list.html", {"events": events})


@cache_public_page(params=["page"])
def event_archive(request):
    """Past events, most recent first, a page at a time."""
    paginator = Paginator(
        Event.objects.published().past().select_related("organiser"),
        ARCHIVE_PAGE_SIZE,
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(_("There is no such page in the archive.")) from exc
    return render(
        request,
        "programmes/event_archive.html",
        {"page": page, "events": page.object_list},
    )


def _published_event(request, slug):
    return get_published_or_preview(
        request,
        Event.objects.select_related("organiser").prefetch_related(
            Prefetch("towns", queryset=Town.objects.published(), to_attr="shown_towns"),
            Prefetch(
                "programmes",
                queryset=Programme.objects.published(),
                to_attr="shown_programmes",
            ),
            "photos",
        ),
        slug=slug,
    )


@cache_public_page
def event_detail(request, slug):
    event = _published_event(request, slug)
    return render(
        request,
        "programmes/event_detail.html",
        {
            "event": event,
            "is_past": event.is_past(),
            "json_ld": json_ld(event_data(event, build_url=request.build_absolute_uri)),
        },
    )


def _calendar_response(body, *, filename, attachment):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@cache_public_page
def event_ical(request, slug):
    """One event as an .ics file, to add it to a calendar."""
    event = _published_event(request, slug)
    body = events_calendar(
        [event], name=event.title, build_url=request.build_absolute_uri
    )
    return _calendar_response(body, filename=f"{event.slug}.ics", attachment=True)


@cache_public_page
def event_feed(request):
    """Every upcoming event, as a calendar visitors can subscribe to."""
    events = Event.objects.published().upcoming().select_related("organiser")
    body = events_calendar(
        events,
        name=_("Dijon international: European events"),
        build_url=request.build_absolute_uri,
    )
    return _calendar_response(body, filename="dijon-events.ics", attachment=False)
