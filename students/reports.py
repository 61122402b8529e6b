"""What the staff dashboard counts about a reception: reads only."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django_countries import countries

from students.models import PartnerInstitution, Registration


@dataclass(frozen=True)
class ReceptionReport:
    """Rows of `(label, count)`, labels in the active language."""

    by_status: list
    by_nationality: list
    by_institution: list


def reception_report(reception):
    """The dashboard's figures; `reception` comes from `with_counts()`."""
    registrations = reception.registrations.all()
    by_status = dict(registrations.count_by("status"))
    coming = registrations.confirmed_or_waitlisted()
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
    )
