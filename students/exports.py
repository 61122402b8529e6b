"""CSV export of registrations, shared by the admin action and the staff page."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from students.questions import Question

# Spreadsheets run cells starting with these as formulas (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _answer_cells(registration, questions):
    answers = {a.question_id: a for a in registration.answers.all()}
    return [
        safe_cell(q.display(answers[q.pk].value)) if q.pk in answers else ""
        for q in questions
    ]


def registrations_csv_response(registrations, filename="registrations"):
    """One row per registration (a QuerySet), as a download."""
    registrations = (
        registrations.select_related("reception", "institution")
        .prefetch_related("answers")
        .order_by("reception__starts_at", "last_name", "first_name", "pk")
    )
    # One column per question of the receptions exported, after the fixed ones.
    questions = list(
        Question.objects.filter(reception__in=registrations.values("reception"))
        .select_related("reception")
        .order_by("reception__starts_at", "reception", "position", "pk")
    )
    several = len({q.reception_id for q in questions}) > 1
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so spreadsheet software reads UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reception"),
            _("Reference"),
            _("Status"),
            _("Last name"),
            _("First name"),
            _("Email"),
            _("Nationality"),
            _("Institution"),
            _("Level of study"),
            _("Language"),
            _("Access needs"),
            _("Registered"),
            _("Checked in"),
            *(
                f"{q.reception.title}: {q.label}" if several else q.label
                for q in questions
            ),
        ]
    )
    for r in registrations:
        writer.writerow(
            [
                safe_cell(r.reception.title),
                r.reference,
                r.get_status_display(),
                safe_cell(r.last_name),
                safe_cell(r.first_name),
                safe_cell(r.email),
                r.nationality.name,
                safe_cell(r.institution_name),
                r.get_study_level_display(),
                r.get_language_display(),
                safe_cell(r.access_needs),
                local(r.created_at),
                local(r.checked_in_at),
                *_answer_cells(r, questions),
            ]
        )
    return response
