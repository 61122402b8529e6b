from modeltranslation.translator import TranslationOptions, register

from dijon_site.models import PageText


@register(PageText)
class PageTextTranslationOptions(TranslationOptions):
    fields = ("label", "text")
