from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from .staff import ensure_staff_groups_after_migrate

        # Without a sender: it must run after every app has its permissions.
        post_migrate.connect(ensure_staff_groups_after_migrate, dispatch_uid="staff_groups")
