from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Incidents and support")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check, R-MAIL-1)
