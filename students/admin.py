import reversion
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin import (
    PUBLICATION,
    PublicationStateFilter,
    PublishableAdmin,
    TranslationStatusAdmin,
)
from core.versions import VersionedAdmin
from students import messaging, services
from students.admin_forms import AnnouncementForm, ReceptionAdminForm
from students.exports import registrations_csv_response
from students.models import (
    Announcement,
    Message,
    PartnerInstitution,
    Question,
    Reception,
    ReceptionPhoto,
    Registration,
)

# The staff pages of a reception and the permission each one needs.
STAFF_PAGES = (
    ("students:dashboard", _("dashboard"), "students.view_registration"),
    ("students:check_in", _("check-in"), "students.check_in_registration"),
    ("students:export_csv", _("CSV"), "students.view_registration"),
)


def staff_pages(user):
    """`(url name, label)` of the staff pages `user` may open."""
    if user is None or not user.is_active:
        return []
    return [(name, label) for name, label, perm in STAFF_PAGES if user.has_perm(perm)]


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = (
        "position",
        "kind",
        "label",
        "help_text",
        "choices",
        "required",
        "health_data",
    )


def _staff_links_column(pages):
    @admin.display(description=_("staff pages"))
    def staff_links(reception):
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse(name, kwargs={"slug": reception.slug}), label)
                for name, label in pages
            ),
        )

    return staff_links


class InstitutionFilter(admin.RelatedFieldListFilter):
    """Partner institutions, and "Other institution" for the ones students typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("Other institution")


@admin.register(PartnerInstitution)
class PartnerInstitutionAdmin(
    TranslationStatusAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    list_display = ("name", "agreement_signed", "website", "position")
    list_editable = ("position",)
    list_filter = ("agreement_signed",)
    search_fields = ("name_fr", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_fr",)}


# Versions of a reception leave its questions out (no `follow`): restoring an
# older version must never delete a question students have answered.
if not reversion.is_registered(Reception):
    reversion.register(Reception)


class ReceptionPhotoInline(TranslationTabularInline):
    model = ReceptionPhoto
    extra = 0
    fields = ("image", "alt", "credit", "caption", "order")


@admin.register(Reception)
class ReceptionAdmin(
    TranslationStatusAdmin, PublishableAdmin, VersionedAdmin, TabbedTranslationAdmin
):
    form = ReceptionAdminForm
    inlines = [QuestionInline, ReceptionPhotoInline]
    list_display = (
        "title",
        "starts_at",
        "capacity",
        "confirmed",
        "pending",
        "waitlisted",
        "attended",
        "publication",
        "staff_links",
    )
    list_filter = (PublicationStateFilter, "term", "academic_year")
    search_fields = ("title_fr", "title_en", "slug")
    prepopulated_fields = {"slug": ("title_fr",)}
    date_hierarchy = "starts_at"
    actions = ["export_csv"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "academic_year", "term")}),
        (_("Publication"), {"fields": PUBLICATION}),
        (_("When and where"), {"fields": ("starts_at", "ends_at", "venue", "address")}),
        (
            _("Registration"),
            {
                "fields": (
                    "capacity",
                    "accept_fewer_seats",
                    "registration_opens_at",
                    "registration_closes_at",
                ),
                "description": _(
                    "Raising the capacity gives the new seats to the waiting list "
                    "at once, in order, and emails the students concerned."
                ),
            },
        ),
        (_("Public page"), {"fields": ("description",)}),
        (
            _("Emails to students"),
            {"fields": ("reminder_hours", "write_to_registrants")},
        ),
    )
    readonly_fields = ("write_to_registrants",)
    # Where the receptions usually are, suggested in French only: an English
    # venue left as suggested would stay behind when staff change the French
    # one; left empty, the English page shows the French venue.
    USUAL_VENUE = "Salle des États, Hôtel de Ville"

    def get_changeform_initial_data(self, request):
        return {
            "venue_fr": self.USUAL_VENUE,
            **super().get_changeform_initial_data(request),
        }

    @admin.display(description=_("write to registrants"))
    def write_to_registrants(self, obj):
        if not obj.pk:
            return "—"
        log = reverse("admin:students_announcement_changelist")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?reception__id__exact={}">{}</a>',
            reverse("admin:students_reception_write", args=[obj.pk]),
            _("Write to this reception's registrants"),
            log,
            obj.pk,
            _("messages sent"),
        )

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<int:pk>/write/",
                self.admin_site.admin_view(self.write_view),
                name="students_reception_write",
            ),
            *super().get_urls(),
        ]

    def write_view(self, request, pk):
        """Write to registrants: the form, a preview of both languages with the
        number of recipients, then "send" (permission `send_announcement`)."""
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404, redirect
        from django.template.response import TemplateResponse

        if not request.user.has_perm("students.send_announcement"):
            raise PermissionDenied
        reception = get_object_or_404(Reception, pk=pk)
        form = AnnouncementForm(request.POST or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            statuses = form.cleaned_data["statuses"]
            digest = form.digest()
            # Send only what was previewed: an edit after the preview shows
            # the new preview first.
            if "send" in request.POST and request.POST.get("previewed") == digest:
                announcement = messaging.announcement_send(
                    reception=reception,
                    user=request.user,
                    texts=form.texts(),
                    statuses=statuses,
                )
                self.message_user(
                    request,
                    ngettext(
                        "Your message is on its way to %(count)d student.",
                        "Your message is on its way to %(count)d students.",
                        announcement.recipient_count,
                    )
                    % {"count": announcement.recipient_count},
                    messages.SUCCESS,
                )
                return redirect("admin:students_announcement_change", announcement.pk)
            recipients = messaging.announcement_recipients(reception, statuses)
            by_language = dict(recipients.count_by("language"))
            preview = {
                "count": sum(by_language.values()),
                "fr": by_language.get("fr", 0),
                "en": by_language.get("en", 0),
                "texts": form.texts(),
                "digest": digest,
            }
        context = {
            **self.admin_site.each_context(request),
            "title": _("Write to the registrants of %(reception)s")
            % {"reception": reception},
            "opts": self.model._meta,
            "original": reception,
            "reception": reception,
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(
            request, "admin/students/reception/write_to_registrants.html", context
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return obj.confirmed_count

    @admin.display(description=_("pending"), ordering="pending_count")
    def pending(self, obj):
        return obj.pending_count

    @admin.display(description=_("waiting list"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return obj.waitlisted_count

    @admin.display(description=_("checked in"), ordering="attended_count")
    def attended(self, obj):
        return obj.attended_count

    def get_list_display(self, request):
        """The staff pages' links: only those this user may open, if any."""
        columns = list(super().get_list_display(request))
        pages = staff_pages(request.user)
        index = columns.index("staff_links")
        if pages:
            columns[index] = _staff_links_column(pages)
        else:
            del columns[index]
        return columns

    @admin.display(description=_("staff pages"))
    def staff_links(self, obj):
        return ""  # replaced per user by get_list_display

    def save_model(self, request, obj, form, change):
        """A capacity change goes through the service that fills new seats;
        a new reception asks about access needs (with its own consent)."""
        if not change:
            super().save_model(request, obj, form, change)
            services.reception_add_standard_questions(reception=obj)
            return
        if change and "capacity" in form.changed_data:
            new_capacity = obj.capacity
            obj.capacity = form.initial["capacity"]
            super().save_model(request, obj, form, change)
            promoted = services.reception_set_capacity(
                reception=obj, capacity=new_capacity
            )
            if form.fewer_seats_than_confirmed:
                self.message_user(request, form.fewer_seats_message(), messages.WARNING)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d student was promoted from the waiting list.",
                        "%(count)d students were promoted from the waiting list.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )
        else:
            super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Export registrations as CSV"),
        permissions=["view_registrations"],
    )
    def export_csv(self, request, queryset):
        receptions = list(queryset)
        name = receptions[0].slug if len(receptions) == 1 else "registrations"
        return registrations_csv_response(
            Registration.objects.filter(reception__in=receptions), filename=name
        )

    def has_view_registrations_permission(self, request):
        return request.user.has_perm("students.view_registration")


class MessageInline(admin.TabularInline):
    """The registration's emails: what was sent, what is retried, what failed."""

    model = Message
    fk_name = "registration"
    fields = (
        "kind",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _(
        "emails (the failed ones can be sent again from the list of emails)"
    )


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = (
        "reference",
        "last_name",
        "first_name",
        "email",
        "reception",
        "status",
        "position",
        "nationality",
        "institution_display",
        "checked_in_at",
    )
    list_filter = (
        "reception",
        "status",
        ("nationality", CountryFilter),
        ("institution", InstitutionFilter),
        "study_level",
    )
    search_fields = ("reference", "first_name", "last_name", "email")
    list_select_related = ("reception", "institution")
    date_hierarchy = "created_at"
    actions = ["resend_email", "cancel_registrations", "export_csv"]
    inlines = [MessageInline]
    readonly_fields = (
        "reference",
        "reception",
        "status",
        "holds_seat",
        "consent",
        "created_at",
        "expires_at",
        "confirmed_at",
        "waitlisted_at",
        "promoted_at",
        "cancelled_at",
        "checked_in_at",
        "checked_in_by",
        "anonymised_at",
        "last_email_sent_at",
        "last_email_error",
        "answers_list",
    )
    fieldsets = (
        (None, {"fields": ("reference", "reception", "status")}),
        (_("Answers to the reception's questions"), {"fields": ("answers_list",)}),
        (
            _("Student"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "email",
                    "nationality",
                    "institution",
                    "institution_other",
                    "study_level",
                    "language",
                    "access_needs",
                    "consent",
                )
            },
        ),
        (
            _("History"),
            {
                "fields": (
                    "holds_seat",
                    "created_at",
                    "expires_at",
                    "confirmed_at",
                    "waitlisted_at",
                    "promoted_at",
                    "cancelled_at",
                    "checked_in_at",
                    "checked_in_by",
                    "anonymised_at",
                    "last_email_sent_at",
                    "last_email_error",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_waitlist_position()

    @admin.display(description=_("answers"))
    def answers_list(self, obj):
        answers = obj.answers.select_related("question") if obj.pk else []
        rows = [(a.question.label, a.display()) for a in answers]
        if not rows:
            return _("No answers.")
        return format_html(
            "<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows)
        )

    def has_add_permission(self, request):
        # Registrations come from students through the public form.
        return False

    def delete_model(self, request, obj):
        reception = obj.reception
        super().delete_model(request, obj)
        services.waitlist_promote(reception=reception)

    def delete_queryset(self, request, queryset):
        """Deleting frees seats: hand them to the waiting list at once."""
        receptions = list(
            Reception.objects.filter(registrations__in=queryset).distinct()
        )
        super().delete_queryset(request, queryset)
        for reception in receptions:
            services.waitlist_promote(reception=reception)

    @admin.display(description=_("position"))
    def position(self, obj):
        return obj.waitlist_rank or ""

    @admin.display(description=_("institution"), ordering="institution")
    def institution_display(self, obj):
        return obj.institution_name

    @admin.action(description=_("Resend the email matching the status"))
    def resend_email(self, request, queryset):
        sent = 0
        for registration in queryset:
            try:
                services.registration_resend_email(registration=registration)
            except services.RegistrationError as exc:
                self.message_user(
                    request, f"{registration.reference}: {exc}", messages.WARNING
                )
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d email sent.", "%(count)d emails sent.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Cancel the selected registrations"), permissions=["change"]
    )
    def cancel_registrations(self, request, queryset):
        cancelled = 0
        for registration in queryset:
            try:
                services.registration_cancel(registration=registration)
            except services.RegistrationError as exc:
                self.message_user(
                    request, f"{registration.reference}: {exc}", messages.WARNING
                )
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d registration cancelled.",
                    "%(count)d registrations cancelled.",
                    cancelled,
                )
                % {"count": cancelled},
                messages.SUCCESS,
            )

    @admin.action(description=_("Export the selected registrations as CSV"))
    def export_csv(self, request, queryset):
        return registrations_csv_response(
            Registration.objects.filter(pk__in=queryset.values("pk"))
        )


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Every email to students; filter on "Failed" to find those to send again."""

    list_display = (
        "created_at",
        "kind",
        "registration_link",
        "reception",
        "language",
        "status",
        "attempts",
        "last_error",
        "sent_at",
    )
    list_filter = ("status", "kind", "registration__reception")
    search_fields = ("registration__reference",)
    list_select_related = ("registration__reception",)
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = (
        "registration_link",
        "kind",
        "language",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "announcement",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Emails go with their registration: staff who may delete one may
        # delete its emails (the list has no bulk delete).
        return request.user.has_perm("students.delete_registration")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("registration"), ordering="registration")
    def registration_link(self, obj):
        url = reverse("admin:students_registration_change", args=[obj.registration_id])
        return format_html('<a href="{}">{}</a>', url, obj.registration.reference)

    @admin.display(description=_("reception"))
    def reception(self, obj):
        return obj.registration.reception

    @admin.action(
        description=_("Send again (failed or waiting emails)"),
        permissions=["send_again"],
    )
    def send_again(self, request, queryset):
        count = sum(messaging.send_again(message) for message in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d email will be sent again.",
                "%(count)d emails will be sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    def has_send_again_permission(self, request):
        return request.user.has_perm("students.change_registration")


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Each reception's log of what staff wrote to its registrants."""

    list_display = (
        "created_at",
        "reception",
        "subject_fr",
        "created_by",
        "recipient_count",
        "sent",
        "failed",
    )
    list_filter = ("reception",)
    search_fields = ("subject_fr", "subject_en")
    list_select_related = ("reception", "created_by")
    fields = (
        "reception",
        "created_at",
        "created_by",
        "statuses",
        "recipient_count",
        "sent",
        "failed",
        "failed_messages",
        "subject_fr",
        "body_fr",
        "subject_en",
        "body_en",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("messages", filter=Q(messages__status="sent")),
                failed_count=Count("messages", filter=Q(messages__status="failed")),
            )
        )

    def has_add_permission(self, request):
        return False  # written from a reception ("write to registrants")

    def has_view_permission(self, request, obj=None):
        # Who may write to registrants may read what was written.
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "students.send_announcement"
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count

    @admin.display(description=_("failed emails"))
    def failed_messages(self, obj):
        """Who did not get it and why, with the way to send it again."""
        failed = obj.messages.filter(status=Message.Status.FAILED).order_by("pk")
        if not failed:
            return _("No failed email")
        url = reverse("admin:students_message_changelist")
        return format_html(
            '<ul class="failed-messages">{}</ul><a href="{}?announcement__id__exact={}'
            '&amp;status__exact=failed">{}</a>',
            format_html_join(
                "",
                "<li>{} — {}</li>",
                ((message.recipient, message.last_error or "—") for message in failed),
            ),
            url,
            obj.pk,
            ngettext(
                "See the %(count)d failed email and send it again",
                "See the %(count)d failed emails and send them again",
                len(failed),
            )
            % {"count": len(failed)},
        )
