"""What the staff dashboard counts about a reception: reads only."""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from students.models import PartnerInstitution, Registration
from students.questions import CHARTED_KINDS, Answer


@dataclass(frozen=True)
class ReceptionReport:
    """Rows of `(label, count)`, labels in the active language."""

    by_status: list
    by_nationality: list
    by_institution: list
    # `(question, rows)` for each question answered from a fixed list.
    by_question: list = ()


def reception_report(reception):
    """The dashboard's figures; `reception` comes from `with_counts()`."""
    registrations = reception.registrations.all()
    by_status = dict(registrations.count_by("status"))
    coming = registrations.confirmed_or_waitlisted()
    charted = reception.questions.filter(kind__in=CHARTED_KINDS)
    institutions = {i.pk: i.name for i in PartnerInstitution.objects.all()}
    return ReceptionReport(
        by_status=[
            *(
                (label, by_status.get(value, 0))
                for value, label in Registration.Status.choices
            ),
            (_("Checked in"), reception.attended_count),
        ],
        by_nationality=[
            (countries.name(code) or code, n)
            for code, n in coming.count_by("nationality")
        ],
        by_institution=[
            (institutions.get(pk, _("Other institution")), n)
            for pk, n in coming.count_by("institution")
        ],
        by_question=[
            (question, _answer_counts(question, coming)) for question in charted
        ],
    )


def _answer_counts(question, registrations):
    """`(answer, count)` rows of a choice or yes/no question, largest first."""
    counts = Counter()
    for value in Answer.objects.filter(
        question=question, registration__in=registrations
    ).values_list("value", flat=True):
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                counts[question.display(item)] += 1
    return sorted(counts.items(), key=lambda row: (-row[1], row[0]))
