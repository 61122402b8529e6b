from modeltranslation.translator import TranslationOptions, register

from twinning.models import HomeCity, Organisation, Town


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
