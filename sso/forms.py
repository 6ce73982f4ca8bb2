"""Forms of single sign-on (R-SSO-1): the address that finds the organisation's provider,
and allauth's password forms refusing the contacts of an organisation that requires it."""

from __future__ import annotations

import uuid

from allauth.account.forms import LoginForm, ResetPasswordForm, ResetPasswordKeyForm
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .emails import queue_use_single_sign_on
from .models import SingleSignOn
from .queries import single_sign_on_for_email, sso_required_for


class FindProviderForm(forms.Form):
    email = forms.EmailField(
        label=_("Your work email address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    single_sign_on: SingleSignOn | None = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        self.single_sign_on = single_sign_on_for_email(email)
        if self.single_sign_on is None:
            raise forms.ValidationError(_(
                "Your organisation does not use single sign-on with the portal (or not for "
                "this address). Log in with your email address and password instead."))
        return email


def _required_message(single_sign_on: SingleSignOn) -> str:
    return str(_("%(organisation)s requires you to log in with your organisation's account: "
                 "use \"Log in with your organisation's account\" below.")
               % {"organisation": single_sign_on.organisation})


class PasswordLoginForm(LoginForm):
    """allauth's login form; a correct password of a contact of an organisation that
    requires single sign-on does not log in (staff excepted: ``sso_required_for``)."""

    user: User | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.user is not None:
            required = sso_required_for(self.user)
            if required is not None:
                self.user = None
                raise forms.ValidationError(_required_message(required),
                                            code="sso_required")
        return cleaned


class PasswordResetForm(ResetPasswordForm):
    """A person who must use single sign-on gets an email saying so instead of a reset link;
    the page answers the same for every address (allauth's enumeration rule)."""

    users: list[User]

    def save(self, request: HttpRequest, **kwargs) -> str:
        keep = []
        for user in self.users:
            required = sso_required_for(user)
            if required is None:
                keep.append(user)
            else:
                queue_use_single_sign_on(user, str(required.organisation),
                                         request_id=uuid.uuid4().hex)
        if len(keep) == len(self.users):
            return super().save(request, **kwargs)
        self.users = keep
        if keep:
            super().save(request, **kwargs)
        return self.cleaned_data["email"]


class PasswordResetKeyForm(ResetPasswordKeyForm):
    """A reset link sent before the organisation required single sign-on sets no password."""

    def clean(self) -> dict:
        cleaned = super().clean()
        required = sso_required_for(self.user) if self.user is not None else None
        if required is not None:
            raise forms.ValidationError(_required_message(required), code="sso_required")
        return cleaned
