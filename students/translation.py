from modeltranslation.translator import TranslationOptions, register

from students.models import PartnerInstitution, Question, Reception, ReceptionPhoto


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


@register(ReceptionPhoto)
class ReceptionPhotoTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = {"fr": ("alt",)}
