"""Forms of the students admin: validation that needs the registrations."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from students.models import Reception


class ReceptionAdminForm(forms.ModelForm):
    """A reception; fewer seats than students already holding one needs a tick."""

    accept_fewer_seats = forms.BooleanField(
        label=_("Accept fewer seats than students holding one"),
        required=False,
        help_text=_(
            "Only when lowering the capacity below the seats already taken: "
            "nobody loses a seat, new students go on the waiting list."
        ),
    )

    class Meta:
        model = Reception
        # The admin gives the fields of its fieldsets; this form adds a rule.
        fields = ("capacity",)

    fewer_seats_than_confirmed = False

    def seats_taken(self):
        """Confirmed seats plus those pending students hold, now."""
        if not self.instance.pk:
            return 0
        return Reception.objects.with_counts().get(pk=self.instance.pk).seats_held

    def fewer_seats_message(self):
        taken, capacity = self._taken, self.cleaned_data["capacity"]
        # Three numbers, three plurals: each is counted on its own.
        held = ngettext(
            "%(count)d student holds a seat",
            "%(count)d students hold a seat",
            taken,
        ) % {"count": taken}
        seats = ngettext(
            "the capacity of %(count)d seat",
            "the capacity of %(count)d seats",
            capacity,
        ) % {"count": capacity}
        return _(
            "%(held)s, %(extra)d more than %(seats)s. Nobody loses a seat: "
            "every one of them stays registered and is welcome at the door; new "
            "registrations go on the waiting list until cancellations bring the "
            "count below the capacity."
        ) % {"held": held, "extra": taken - capacity, "seats": seats}

    def clean(self):
        data = super().clean()
        capacity = data.get("capacity")
        if capacity is None or "capacity" not in self.changed_data:
            return data
        self._taken = self.seats_taken()
        if capacity < self._taken:
            self.fewer_seats_than_confirmed = True
            if not data.get("accept_fewer_seats"):
                self.add_error(
                    "capacity",
                    _("%(consequence)s To save anyway, tick “%(tick)s”.")
                    % {
                        "consequence": self.fewer_seats_message(),
                        "tick": self.fields["accept_fewer_seats"].label,
                    },
                )
        return data


class AnnouncementForm(forms.Form):
    """What staff write to a reception's registrants, in both languages."""

    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=[
            ("confirmed", _("Confirmed students")),
            ("waitlisted", _("Students on the waiting list")),
            ("pending", _("Students who have not confirmed yet")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    subject_fr = forms.CharField(label=_("Subject in French"), max_length=150)
    body_fr = forms.CharField(
        label=_("Message in French"), max_length=5000, widget=forms.Textarea
    )
    subject_en = forms.CharField(label=_("Subject in English"), max_length=150)
    body_en = forms.CharField(
        label=_("Message in English"), max_length=5000, widget=forms.Textarea
    )

    def texts(self):
        return {
            name: self.cleaned_data[name].strip()
            for name in ("subject_fr", "subject_en", "body_fr", "body_en")
        }

    def digest(self):
        """A fingerprint of what is previewed (texts and recipients)."""
        import hashlib
        import json

        data = {**self.texts(), "statuses": sorted(self.cleaned_data["statuses"])}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
