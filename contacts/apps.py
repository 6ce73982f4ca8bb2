from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Organisations and contacts")

    def ready(self) -> None:
        from contacts.checks import admin  # noqa: F401  (admin of the R-CARE-3 checks)
