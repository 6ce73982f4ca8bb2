from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.forms import PersonalDetailsForm, PreferencesForm
from accounts.permissions import Capability, requires
from portal.redirects import redirect_back


@requires(Capability.OWN_DETAILS)
def profile(request: HttpRequest) -> HttpResponse:
    """Own personal details and the active contact's preferences (R-ROLE-1)."""
    contact = request.portal.contact
    details = PersonalDetailsForm(request.POST or None, instance=request.user, prefix="details")
    preferences = PreferencesForm(request.POST or None, instance=contact, prefix="preferences")
    if request.method == "POST" and details.is_valid() and preferences.is_valid():
        actions.update_own_details(user=request.user, contact=contact,
                                   **details.cleaned_data, **preferences.cleaned_data)
        if contact is not None:
            translation.activate(contact.language)  # confirm in the language just chosen
        messages.success(request, _("Your details have been saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"details": details, "preferences": preferences})


@require_POST
def change_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher; for a contact it also becomes their preference."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponse(_("Unknown language."), status=400, content_type="text/plain")
    contact = request.portal.contact
    if contact is not None:
        actions.set_language(contact=contact, language=language)
    response = redirect_back(request)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False), httponly=True,
    )
    return response


def accept_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A new contact chooses a password from the invitation email; the link proves the
    address, so it is verified and the contact is logged in."""
    user = actions.invited_user(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.accept_invitation(user=user, password=form.cleaned_data["new_password1"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password has been set."))
        return redirect("dashboard")
    return render(request, "accounts/invitation.html", {"form": form, "invited": user})
