from modeltranslation.translator import TranslationOptions, register

from programmes.models import Event, EventPhoto, Programme


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "description",
        "audience",
        "duration",
        "places_per_year",
        "funding",
        "how_to_apply",
        "contact",
    )
    required_languages = {"fr": ("name",)}


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "venue", "image_alt")
    required_languages = {"fr": ("title",)}


@register(EventPhoto)
class EventPhotoTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = {"fr": ("alt",)}
