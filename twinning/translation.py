from modeltranslation.translator import TranslationOptions, register

from twinning.models import (
    ActionAxis,
    Department,
    DomainText,
    HomeCity,
    Milestone,
    NetworkMembership,
    Organisation,
    Partnership,
    Town,
)


@register(Town)
class TownTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "title",
        "status_note",
        "unesco_recognitions",
        "distinctions",
        "description",
        "photo_alt",
    )
    required_languages = {"fr": ("name",)}


@register(HomeCity)
class HomeCityTranslationOptions(TranslationOptions):
    fields = ("name", "title", "unesco_recognitions", "tagline", "introduction")


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Partnership)
class PartnershipTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")
    required_languages = {"fr": ("title", "summary")}


@register(NetworkMembership)
class NetworkMembershipTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fr": ("name",)}


@register(Department)
class DepartmentTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "headline",
        "tagline",
        "axes_introduction",
        "domains_title",
        "domains_introduction",
        "networks_introduction",
        "address",
        "deputy_mayor_title",
        "deputy_mayor_message",
        "mission",
        "deputy_mayor_photo_alt",
    )
    required_languages = {"fr": ("name", "address")}


@register(ActionAxis)
class ActionAxisTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fr": ("title",)}


@register(DomainText)
class DomainTextTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"fr": ("title",)}
