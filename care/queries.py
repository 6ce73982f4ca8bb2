"""Reads of feedback and extra-support requests for the active contact, scoped to the
organisation in SQL: a contact sees what they sent, an administrator everything of the
organisation (R-CARE-1/2, R-ROLE-11/12/14, R-X-3)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.permissions import Capability, can
from contacts.models import Contact
from incidents.models import Incident

from .models import ExtraSupportRequest, Feedback
from core.queries import count_of


def sees_whole_organisation(contact: Contact) -> bool:
    """Administrators follow all feedback of their organisation."""
    return can(contact, Capability.ORGANISATION_FEEDBACK)


def feedback_for(contact: Contact) -> QuerySet[Feedback]:
    """Own feedback, or the organisation's for an administrator; newest first."""
    if not can(contact, Capability.FEEDBACK):
        return Feedback.objects.none()
    feedback = Feedback.objects.filter(organisation_id=contact.organisation_id)
    if not sees_whole_organisation(contact):
        feedback = feedback.filter(contact=contact)
    return feedback.select_related("contact__user").order_by("-received_at", "-pk")


def get_feedback_for(contact: Contact, pk: object) -> Feedback:
    """One item of ``feedback_for``; 404 for anything else, also another organisation's."""
    try:
        return feedback_for(contact).get(pk=int(pk))  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError, Feedback.DoesNotExist):
        raise Http404 from None


def extra_support_for(contact: Contact) -> QuerySet[ExtraSupportRequest]:
    """The organisation's requests for extra support, latest window first (R-CARE-2)."""
    if not can(contact, Capability.EXTRA_SUPPORT):
        return ExtraSupportRequest.objects.none()
    return (ExtraSupportRequest.objects.filter(organisation_id=contact.organisation_id)
            .select_related("requested_by__user", "outage").order_by("-starts_at", "-pk"))


def get_organisation_incident(contact: Contact, number: str) -> Incident | None:
    """The incident with this number of the contact's organisation, else None: another
    organisation's number answers as if it did not exist (R-CARE-2, R-ROLE-14)."""
    return Incident.objects.filter(organisation_id=contact.organisation_id,
                                   number=number).first()


def attention_counts(organisation_id: int) -> dict[str, object]:
    """Issue 14, the administrators' dashboard: requests for extra support not answered."""
    from .models import ExtraSupportStatus

    return {"extra_support_waiting": count_of(ExtraSupportRequest.objects.filter(
        organisation_id=organisation_id, status=ExtraSupportStatus.REQUESTED))}
