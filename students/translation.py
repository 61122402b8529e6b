from modeltranslation.translator import TranslationOptions, register

from students.models import PartnerInstitution, Question, Reception


@register(PartnerInstitution)
class PartnerInstitutionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"fr": ("name",)}


@register(Reception)
class ReceptionTranslationOptions(TranslationOptions):
    fields = ("title", "venue", "description")
    required_languages = {"fr": ("title",)}


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("label", "help_text", "choices")
    required_languages = {"fr": ("label",)}
