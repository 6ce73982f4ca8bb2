"""Single sign-on over OpenID Connect (R-SSO-1): an organisation's identity provider.

The provider itself is an allauth ``SocialApp`` (provider "openid_connect", provider_id
``org-<pk>``, the issuer in its settings); this model is the organisation's side: which email
domains are the organisation's, whether unknown people may get a contact, and whether its
contacts must log in this way. It lives in an app of its own so that the contacts app's
tables and migrations stay as they are."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation

PROVIDER = "openid_connect"


def provider_id_for(organisation: Organisation) -> str:
    """The allauth provider_id of an organisation's app (and the SocialAccounts it makes)."""
    return f"org-{organisation.pk}"


class SingleSignOn(models.Model):
    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="single_sign_on")
    app = models.OneToOneField(
        SocialApp, verbose_name=_("OpenID Connect app"), on_delete=models.PROTECT,
        related_name="single_sign_on")
    is_enabled = models.BooleanField(
        _("enabled"), default=True,
        help_text=_("Off: nobody can log in with this identity provider."))
    allow_new_contacts = models.BooleanField(
        _("create contacts for unknown people"), default=False,
        help_text=_("A person of one of the domains below who is no contact yet gets a "
                    "contact without roles at their first login; the administrators are "
                    "emailed. Off: such a person is refused."))
    require_sso = models.BooleanField(
        _("require single sign-on"), default=False,
        help_text=_("The organisation's contacts cannot log in with a password (staff "
                    "excepted)."))

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def issuer(self) -> str:
        return str(self.app.settings.get("server_url", ""))


class EmailDomain(models.Model):
    """A domain whose verified addresses may log in with the organisation's provider. One
    organisation per domain: a domain claimed twice is refused (R-SSO-1, strict)."""

    single_sign_on = models.ForeignKey(
        SingleSignOn, verbose_name=_("single sign-on"), on_delete=models.CASCADE,
        related_name="domains")
    domain = models.CharField(_("email domain"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


auditlog.register(SingleSignOn)
auditlog.register(EmailDomain)
