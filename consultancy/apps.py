from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultancyConfig(AppConfig):
    name = "consultancy"
    verbose_name = _("Consultancy")
