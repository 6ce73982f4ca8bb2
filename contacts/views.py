from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import Capability, CapabilityDenied, can, requires
from courses.gate import blocked_submitters, course_gate
from core.redirects import redirect_back

from . import actions
from .checks import latest_check
from .forms import (
    PROFILE_REQUIRED, ContactFilter, ContactRolesForm, InviteContactForm, OrganisationForm,
)
from .middleware import ACTIVE_ORGANISATION_SESSION_KEY, ContactRequest
from .queries import (
    contacts_of, get_contact_for, get_invitation_for, history_of, invitations_of,
    open_incidents_owned_by, organisation_details, starter_course_for,
)
from .seats import seat_status

PAGE_SIZE = 25


def _refusal(form, error: actions.ContactError) -> None:
    """Put an action's refusal on the form, keeping everything the user typed (R-X-2)."""
    if isinstance(error, actions.SeatsFull):
        form.add_error("roles", seats_full_message(error))
    elif isinstance(error, actions.ProfileRequired):
        form.add_error("submission_profile", PROFILE_REQUIRED)
    elif isinstance(error, actions.LastAdministrator):
        form.add_error(None, _("The organisation must keep at least one active administrator. "
                               "Appoint another administrator first."))
    elif isinstance(error, actions.AlreadyContact):
        form.add_error("email", _("%(email)s is already a contact of this organisation.")
                       % {"email": error.contact.user.email})
    else:
        form.add_error(None, _("This change is not possible."))


def seats_full_message(error: actions.SeatsFull) -> str:
    """R-QUOTA-5/7: name the seat holders; the only way on is to free one of their seats."""
    holders = ", ".join(str(holder.user) for holder in error.holders)
    message = _("All %(maximum)s submitter seats are in use, by %(holders)s. To give this "
                "contact the role Submit incidents, first take the role from one of them.") % {
        "maximum": error.maximum, "holders": holders or "—"}
    if error.reserved:  # R-X-6: pending invitations hold seats too, known by address only
        message += " " + ngettext(
            "%(count)s seat is reserved by a pending invitation: withdrawing it frees the seat.",
            "%(count)s seats are reserved by pending invitations: withdrawing one frees a seat.",
            error.reserved) % {"count": error.reserved}
    return message


def _warn_if_gated(request: HttpRequest, contact) -> None:
    """R-GATE-2: giving the role to a contact the starter-course gate blocks is allowed, with
    a warning that says what they still need."""
    gate = course_gate(contact)
    if not (contact.can_submit_incidents and gate.blocked):
        return
    if gate.blocked_by_course and gate.course is not None:  # blocked by a course: it is set
        messages.warning(request, _(
            "%(name)s has the role Submit incidents but cannot submit incidents until they "
            "pass the starter course %(course)s with at least %(grade)s.")
            % {"name": contact.user, "course": gate.course.title, "grade": gate.required_grade})
    else:
        messages.warning(request, _(
            "%(name)s has the role Submit incidents but cannot submit incidents yet: the "
            "starter course for their submission profile has not been set. Support is "
            "arranging it.") % {"name": contact.user})


@requires(Capability.MANAGE_CONTACTS)
def contact_list(request: ContactRequest) -> HttpResponse:
    """"My contacts": search, filter by role, seats in use (R-ROLE-8, R-QUOTA-4); the
    invitations not accepted yet, by address and state only (R-X-6)."""
    organisation = request.portal.organisation
    filters = ContactFilter(request.GET or None, queryset=contacts_of(organisation))
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    blocked = blocked_submitters(contacts_of(organisation))
    invitations = Paginator(invitations_of(organisation), PAGE_SIZE).get_page(
        request.GET.get("invitations"))
    return render(request, "contacts/list.html", {
        "filters": filters, "page": page, "seats": seat_status(organisation),
        "blocked": blocked, "blocked_ids": {item.contact.pk for item in blocked},
        "invitations": invitations,
    })


@requires(Capability.MANAGE_CONTACTS)
def contact_add(request: ContactRequest) -> HttpResponse:
    """Invite someone to join (R-ROLE-8, R-X-6): they become a contact when they accept. The
    answer is the same whether or not the address has a login: the address and "invited"."""
    form = InviteContactForm.for_organisation(request.portal.organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = actions.invite_contact(
                actor=request.portal.contact, email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"], changes=form.changes())
        except actions.AlreadyInvited as error:
            form.add_error("email", _("%(email)s has already been invited to this "
                                      "organisation.") % {"email": error.invitation.email})
        except actions.ContactError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("%(email)s has been invited and receives an email. "
                                        "They become a contact once they accept.")
                             % {"email": invitation.email})
            _warn_about_starter_course(request, invitation)
            return redirect("invitation_detail", pk=invitation.pk)
    return render(request, "contacts/add.html", {
        "form": form, "seats": seat_status(request.portal.organisation)})


@requires(Capability.MANAGE_CONTACTS)
@reauthentication_required(allow_get=True)  # R-X-7: roles and flags
def contact_detail(request: ContactRequest, pk: int) -> HttpResponse:
    """A contact's properties: roles and flags with checkboxes, and their history."""
    contact = get_contact_for(request.portal.contact, pk)
    form = ContactRolesForm.for_contact(contact, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = actions.update_contact(actor=request.portal.contact, contact=contact,
                                             changes=form.changes())
        except actions.ContactError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("The changes for %(name)s have been saved.")
                             % {"name": contact.user})
            _warn_if_gated(request, contact)
            return redirect("contact_detail", pk=contact.pk)
    return render(request, "contacts/detail.html", {
        "contact": contact, "form": form, "history": history_of(contact),
        "is_self": contact.pk == request.portal.contact.pk,
        "gate": course_gate(contact) if contact.can_submit_incidents else None,
    })


@requires(Capability.MANAGE_CONTACTS)
@reauthentication_required(allow_get=True)  # R-X-7
def contact_delete(request: ContactRequest, pk: int) -> HttpResponse:
    """Delete a contact (R-ROLE-18): GET asks for confirmation, POST deletes."""
    contact = get_contact_for(request.portal.contact, pk)
    if request.method == "POST":
        try:
            actions.remove_contact(actor=request.portal.contact, contact=contact)
        except actions.LastAdministrator:
            messages.error(request, _("The organisation must keep at least one active "
                                      "administrator. Appoint another administrator first."))
            return redirect("contact_detail", pk=contact.pk)
        messages.success(request, _("%(name)s has been deleted from your contacts.")
                         % {"name": contact.user})
        if contact.pk == request.portal.contact.pk:
            return redirect("dashboard")
        return redirect("contacts")
    return render(request, "contacts/delete.html", {
        "contact": contact, "is_self": contact.pk == request.portal.contact.pk,
        "open_incidents": open_incidents_owned_by(contact),
    })


@require_http_methods(["GET", "POST"])
@requires(Capability.MANAGE_CONTACTS)
@reauthentication_required(allow_get=True)  # R-X-7
def contact_set_active(request: ContactRequest, pk: int) -> HttpResponse:
    """Deactivate or reactivate a contact. GET asks to confirm a deactivation (the seat it
    frees may be taken before they come back); POST does it. Without JavaScript too."""
    contact = get_contact_for(request.portal.contact, pk)
    if request.method != "POST":
        if not contact.is_active:
            return redirect("contact_detail", pk=contact.pk)
        return render(request, "contacts/deactivate.html", {
            "contact": contact, "is_self": contact.pk == request.portal.contact.pk,
            "open_incidents": open_incidents_owned_by(contact),
        })
    active = request.POST.get("active") == "1"
    try:
        actions.set_contact_active(actor=request.portal.contact, contact=contact, active=active)
    except actions.SeatsFull as error:
        messages.error(request, seats_full_message(error))
    except actions.LastAdministrator:
        messages.error(request, _("The organisation must keep at least one active "
                                  "administrator."))
    else:
        messages.success(request, (_("%(name)s has been reactivated.") if active else
                                   _("%(name)s has been deactivated.")) % {"name": contact.user})
    return redirect("contact_detail", pk=contact.pk)


@requires(Capability.ORGANISATION_BRIEF)
def organisation(request: ContactRequest) -> HttpResponse:
    """Brief view for employees (R-ROLE-5); administrators edit the details (R-ROLE-9)."""
    contact, organisation = request.portal.contact, request.portal.organisation
    may_edit = can(contact, Capability.EDIT_ORGANISATION)
    if request.method == "POST" and not may_edit:
        raise CapabilityDenied(Capability.EDIT_ORGANISATION)
    # The page shows what is stored, the form what was typed (an invalid POST changes the
    # form's instance): the stored copy, with the invoice contact the form starts with.
    stored = organisation_details(organisation.pk) if may_edit else organisation
    form = (OrganisationForm(request.POST or None, instance=organisation,
                             invoice_contact=stored.invoice_contact) if may_edit else None)
    if form is not None and request.method == "POST" and form.is_valid():
        actions.update_organisation(actor=contact, organisation=organisation,
                                    fields=form.cleaned_data)
        messages.success(request, _("The organisation's details have been saved."))
        return redirect("organisation")
    return render(request, "contacts/organisation.html", {
        "organisation": stored, "form": form, "may_edit": may_edit,
        "history": history_of(organisation) if may_edit else [],
        "organisation_check": latest_check(organisation),
    })


@require_POST
@requires(Capability.SWITCH_ORGANISATION)
def switch_organisation(request: ContactRequest) -> HttpResponse:
    """Make another of the user's organisations the active one; any other id is a 404."""
    contact = request.portal.contact_in(request.POST.get("organisation"))
    request.session[ACTIVE_ORGANISATION_SESSION_KEY] = contact.organisation_id
    text = _("You are now working in %(name)s.") % {"name": contact.organisation}
    messages.success(request, text)
    return redirect_back(request)


# Invitations (R-X-6): the organisation's side ---------------------------------------------


def _warn_about_starter_course(request: HttpRequest, invitation) -> None:
    """R-GATE-2 for an invitation: say which starter course the role will need, from the
    profile alone (the person's own results are not the organisation's to see)."""
    from courses.gate import gate_applies_to

    from .models import Contact

    joining = Contact(created_at=invitation.invited_at)  # a new contact: the gate applies
    if not invitation.can_submit_incidents or not gate_applies_to(joining):
        return
    course = starter_course_for(invitation.submission_profile)
    if course is not None:
        messages.warning(request, _(
            "Once %(email)s has accepted, they can submit incidents after passing the starter "
            "course %(course)s with at least %(grade)s (a pass for another organisation "
            "counts).") % {"email": invitation.email, "course": course.title,
                          "grade": settings.SUBMIT_COURSE_GATE_GRADE})
    else:
        messages.warning(request, _(
            "Once %(email)s has accepted, they cannot submit incidents until Support has set "
            "the starter course for their submission profile.") % {"email": invitation.email})


@requires(Capability.MANAGE_CONTACTS)
def invitation_detail(request: ContactRequest, pk: int) -> HttpResponse:
    """An invitation not accepted yet: the address typed, its state and the roles chosen,
    with resend and withdraw; nothing about the person (R-X-6)."""
    invitation = get_invitation_for(request.portal.contact, pk)
    return render(request, "contacts/invitation.html", {
        "invitation": invitation, "resend_at": invitation.sent_at + actions.RESEND_INTERVAL})


@require_POST
@requires(Capability.MANAGE_CONTACTS)
def invitation_resend(request: ContactRequest, pk: int) -> HttpResponse:
    """Send a pending invitation again."""
    invitation = get_invitation_for(request.portal.contact, pk)
    try:
        actions.resend_invitation(actor=request.portal.contact, invitation=invitation)
    except actions.SentRecently as error:
        messages.error(request, _("The invitation was sent a moment ago; you can send it again "
                                  "from %(time)s.")
                       % {"time": date_format(timezone.localtime(error.again_at), "TIME_FORMAT")})
    except actions.InvitationAnswered:
        messages.error(request, _("This invitation is no longer pending."))
    else:
        messages.success(request, _("The invitation has been sent again to %(email)s.")
                         % {"email": invitation.email})
    return redirect("invitation_detail", pk=invitation.pk)


@requires(Capability.MANAGE_CONTACTS)
def invitation_withdraw(request: ContactRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (no JavaScript needed), POST withdraws a pending invitation
    or removes a declined one; a reserved seat frees."""
    invitation = get_invitation_for(request.portal.contact, pk)
    if request.method == "POST":
        if not actions.withdraw_invitation(actor=request.portal.contact, invitation=invitation):
            messages.info(request, _("This invitation was answered meanwhile."))
        elif invitation.is_pending:
            messages.success(request, _("The invitation to %(email)s has been withdrawn.")
                             % {"email": invitation.email})
        else:
            messages.success(request, _("The declined invitation to %(email)s has been "
                                        "removed.") % {"email": invitation.email})
        return redirect("contacts")
    return render(request, "contacts/invitation_withdraw.html", {"invitation": invitation})
