from modeltranslation.translator import TranslationOptions, register

from legal.models import LegalPage


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"fr": ("title", "body")}
