from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kernel: what every domain app may use and nothing that knows a domain."""

    name = "core"
    verbose_name = "Klantportal"
