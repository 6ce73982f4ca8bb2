from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import actions
from accounts.forms import PersonalDetailsForm, PreferencesForm
from accounts.permissions import Capability, requires
from api.web import token_section
from contacts import actions as contact_actions
from contacts.queries import get_pending_invitation_of, pending_invitations_for
from contacts.middleware import (
    ACTIVE_ORGANISATION_SESSION_KEY, AuthenticatedRequest, ContactRequest, PortalRequest,
)
from core.redirects import redirect_back
from incidents.forms import NotificationsForm
from incidents.notifications import choose_notifications
from sso.queries import sso_required_for


@requires(Capability.OWN_DETAILS)
def profile(request: ContactRequest) -> HttpResponse:
    """Own personal details and the active contact's preferences (R-ROLE-1)."""
    contact = request.portal.contact
    details = PersonalDetailsForm(request.POST or None, instance=request.user, prefix="details")
    preferences = PreferencesForm(request.POST or None, instance=contact, prefix="preferences")
    # R-MAIL-6: which incident emails, per organisation (the active contact's choices).
    notifications = (NotificationsForm(request.POST or None, instance=contact,
                                       prefix="notifications") if contact is not None else None)
    if (request.method == "POST" and details.is_valid() and preferences.is_valid()
            and (notifications is None or notifications.is_valid())):
        actions.update_own_details(user=request.user, contact=contact,
                                   **details.cleaned_data, **preferences.cleaned_data)
        if contact is not None and notifications is not None:
            choose_notifications(contact=contact, user_id=request.user.pk,
                                 **notifications.cleaned_data)
        if contact is not None:
            translation.activate(contact.language)  # confirm in the language just chosen
        messages.success(request, _("Your details have been saved."))
        return redirect("profile")
    context = {"details": details, "preferences": preferences, "notifications": notifications,
               **token_section(request)}  # R-API-1: the contact's API tokens
    return render(request, "accounts/profile.html", context)


@require_POST
def change_language(request: PortalRequest) -> HttpResponse:
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
        # A setting is a plain str to the stubs; Django's own LocaleMiddleware passes it so too.
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False), httponly=True,
    )
    return response


def _invitation_of(user, pk: str | None):
    """The pending invitation a link names, when it is this person's; else None (an old link,
    or one answered or withdrawn meanwhile: the password can still be chosen)."""
    if not pk:
        return None
    try:
        return get_pending_invitation_of(user, pk)
    except Http404:  # not theirs, gone, or not a number
        return None


def accept_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A new person chooses a password from the invitation email; the link proves the
    address, so it is verified, the person joins the organisation that invited them (R-X-6)
    and is logged in."""
    user = actions.invited_user(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/invitation_invalid.html", status=400)
    invitation = _invitation_of(user, request.GET.get("invitation"))
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.accept_invitation(user=user, password=form.cleaned_data["new_password1"],
                                  invitation=invitation)
        if sso_required_for(user) is not None:
            # R-SSO-1: no password opens the portal for this person; their provider does.
            messages.success(request, _("Welcome! Your organisation requires you to log in "
                                        "with its own account: continue below."))
            return redirect("sso_login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your password has been set."))
        return redirect("dashboard")
    return render(request, "accounts/invitation.html", {"form": form, "invited": user,
                                                        "invitation": invitation})


@login_required
def my_invitations(request: AuthenticatedRequest) -> HttpResponse:
    """The person's pending invitations to join organisations, to accept or decline (R-X-6)."""
    return render(request, "accounts/invitations.html",
                  {"invitations": list(pending_invitations_for(request.user))})


@require_POST
@login_required
def invitation_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Join the organisation; the one the person works in stays active (no silent switch)."""
    invitation = get_pending_invitation_of(request.user, pk)
    current = request.portal.contact
    try:
        contact_actions.join_organisation(user=request.user, invitation=invitation)
    except contact_actions.InvitationAnswered:  # withdrawn a moment ago
        messages.error(request, _("This invitation is no longer open."))
        return redirect("my_invitations")
    if current is not None:
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = current.organisation_id
        actions.remember_organisation(contact=current)
        messages.success(request, _("You are now a contact of %(organisation)s. Switch to it "
                                    "with the organisation menu at the top.")
                         % {"organisation": invitation.organisation})
    else:
        messages.success(request, _("You are now a contact of %(organisation)s.")
                         % {"organisation": invitation.organisation})
    return redirect("my_invitations" if pending_invitations_for(request.user).exists()
                    else "dashboard")


@require_POST
@login_required
def invitation_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Decline: no membership; the organisation sees only "declined"."""
    invitation = get_pending_invitation_of(request.user, pk)
    try:
        contact_actions.decline_invitation(user=request.user, invitation=invitation)
    except contact_actions.InvitationAnswered:
        messages.error(request, _("This invitation is no longer open."))
        return redirect("my_invitations")
    messages.success(request, _("You declined the invitation of %(organisation)s.")
                     % {"organisation": invitation.organisation})
    return redirect("my_invitations")


@login_required
def choose_organisation(request: AuthenticatedRequest) -> HttpResponse:
    """Which organisation to work in: asked once of a person with several who has used none
    yet (R-X-6); the choice is remembered for the next logins. Any other id is a 404."""
    if request.method == "POST":
        contact = request.portal.contact_in(request.POST.get("organisation"))
        request.session[ACTIVE_ORGANISATION_SESSION_KEY] = contact.organisation_id
        actions.remember_organisation(contact=contact)
        messages.success(request, _("You are now working in %(name)s.")
                         % {"name": contact.organisation})
        return redirect_back(request)
    return render(request, "accounts/choose_organisation.html",
                  {"contacts": request.portal.contacts, "next": request.GET.get("next", "")})
