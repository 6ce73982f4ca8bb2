"""Staff keep each organisation's identity provider here (R-SSO-1): issuer, client, email
domains and the organisation's choices in one form, saved through
``sso.actions.configure_single_sign_on`` (which also keeps the allauth app). allauth's own
app and token admins are removed: an app edited there would bypass those checks."""

from __future__ import annotations

import re

from allauth.socialaccount.models import SocialApp, SocialToken
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.staff import staff_member

from . import actions
from .models import SingleSignOn
from .queries import domains_claimed_elsewhere, issuer_allowed

for model in (SocialApp, SocialToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

DOMAIN = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class SingleSignOnForm(forms.ModelForm):
    issuer = forms.URLField(
        label=_("issuer"), max_length=500, assume_scheme="https",
        help_text=_("The provider's issuer URL (its discovery document is read from "
                    "<issuer>/.well-known/openid-configuration). https:// only."))
    client_id = forms.CharField(label=_("client ID"), max_length=191)
    client_secret = forms.CharField(
        label=_("client secret"), max_length=191, required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the stored secret."))
    domains = forms.CharField(
        label=_("email domains"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. example.com. Only verified addresses of these domains "
                    "may log in; a domain belongs to one organisation only."))

    class Meta:
        model = SingleSignOn
        fields = ["organisation", "is_enabled", "allow_new_contacts", "require_sso"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["organisation"].disabled = True
            self.fields["issuer"].initial = self.instance.issuer
            self.fields["client_id"].initial = self.instance.app.client_id
            self.fields["domains"].initial = "\n".join(
                self.instance.domains.values_list("domain", flat=True))
        else:
            self.fields["client_secret"].required = True

    def clean_issuer(self) -> str:
        issuer = self.cleaned_data["issuer"].rstrip("/")
        if not issuer_allowed(issuer):
            raise forms.ValidationError(_("The issuer must be an https:// address."))
        return issuer

    def clean_client_secret(self) -> str | None:
        return self.cleaned_data["client_secret"] or None

    def clean_domains(self) -> frozenset[str]:
        domains = frozenset(line.strip().lower().lstrip("@")
                            for line in self.cleaned_data["domains"].splitlines() if line.strip())
        wrong = sorted(domain for domain in domains if not DOMAIN.fullmatch(domain))
        if wrong:
            raise forms.ValidationError(_("Not a domain: %(domains)s") % {
                "domains": ", ".join(wrong)})
        if not domains:
            raise forms.ValidationError(_("Give at least one email domain."))
        claimed = domains_claimed_elsewhere(
            set(domains), single_sign_on=self.instance if self.instance.pk else None)
        if claimed:
            raise forms.ValidationError(_(
                "Already the domain of another organisation: %(domains)s. A domain belongs to "
                "one organisation only.") % {"domains": ", ".join(claimed)})
        return domains


@admin.register(SingleSignOn)
class SingleSignOnAdmin(admin.ModelAdmin):
    form = SingleSignOnForm
    list_display = ["organisation", "is_enabled", "allow_new_contacts", "require_sso"]
    list_filter = ["is_enabled", "allow_new_contacts", "require_sso"]
    search_fields = ["organisation__name", "domains__domain"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("organisation", "is_enabled")}),
        (_("Identity provider"), {"fields": ("issuer", "client_id", "client_secret")}),
        (_("Who may log in"), {"fields": ("domains", "allow_new_contacts", "require_sso")}),
    )

    def has_delete_permission(self, request: HttpRequest, obj: SingleSignOn | None = None) -> bool:
        return False  # switched off instead: the accounts it linked stay explained

    def save_model(self, request: HttpRequest, obj: SingleSignOn, form: SingleSignOnForm,
                   change: bool) -> None:
        data = form.cleaned_data
        config = actions.ProviderSettings(
            issuer=data["issuer"], client_id=data["client_id"],
            client_secret=data["client_secret"], domains=data["domains"],
            is_enabled=data["is_enabled"], allow_new_contacts=data["allow_new_contacts"],
            require_sso=data["require_sso"])
        try:
            saved = actions.configure_single_sign_on(
                actor=staff_member(request), organisation=obj.organisation, config=config)
        except PermissionDenied:
            messages.error(request, _("You may not change single sign-on."))
            raise
        except actions.SingleSignOnError as error:
            messages.error(request, _("Not saved: %(error)s") % {"error": error})
            raise PermissionDenied from error
        obj.pk = saved.pk
        obj.app_id = saved.app_id

    def save_related(self, request: HttpRequest, form: SingleSignOnForm, formsets, change: bool
                     ) -> None:
        pass  # the action saved the domains

