"""Personal access tokens of the REST API (R-API-1).

A token is shown once as ``kp_<prefix>_<secret>``; the database keeps the prefix (to find
the row) and the SHA-256 of the secret. The secret is 32 random bytes, so a fast hash is
right: nobody can guess through 2^256 values, and a slow password hash (PBKDF2, Argon2) would
only cost every API request time without making a leaked table any less useless."""

from __future__ import annotations

import datetime as dt

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Contact


class AccessToken(models.Model):
    """A contact's token acts as that contact in its organisation (``contact``); a staff
    member's token has no contact (and reaches nothing customer-scoped)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.CASCADE, related_name="access_tokens")
    contact = models.ForeignKey(Contact, verbose_name=_("contact"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(_("SHA-256 of the secret"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")),
                                   name="access_token_expires_after_creation"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (kp_{self.prefix}_…)"

    @property
    def valid_until(self) -> dt.date:
        """The last day it works (it expires at the start of the next, local time)."""
        return timezone.localdate(self.expires_at - dt.timedelta(microseconds=1))

    def is_usable(self, now: dt.datetime) -> bool:
        """Not revoked and not expired (the person and contact are checked apart)."""
        return self.revoked_at is None and now < self.expires_at


# Creation and revocation are in the audit trail (who, when); never the hash.
auditlog.register(AccessToken, include_fields=["name", "contact", "expires_at", "revoked_at"])
