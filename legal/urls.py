from django.urls import path
from django.utils.translation import gettext_lazy as _

from legal import views
from legal.models import LegalPage

app_name = "legal"

urlpatterns = [
    path(
        _("accessibility/"),
        views.legal_page,
        {"kind": LegalPage.Kind.ACCESSIBILITY},
        name=LegalPage.Kind.ACCESSIBILITY,
    ),
    path(
        _("legal-notice/"),
        views.legal_page,
        {"kind": LegalPage.Kind.LEGAL_NOTICE},
        name=LegalPage.Kind.LEGAL_NOTICE,
    ),
    path(
        _("personal-data/"),
        views.legal_page,
        {"kind": LegalPage.Kind.PERSONAL_DATA},
        name=LegalPage.Kind.PERSONAL_DATA,
    ),
]
