"""What needs the contact (issue 14): the dashboard's list of things that wait for them,
per role, each with the page that resolves it.

The apps give counts as expressions (``attention_counts`` in their queries); here they are
read together in one query on the organisation, so the dashboard costs the same number of
queries whatever the amount of data: at most 8 with the session, the user and the contacts
(tested per demo role). Lists (the contact's course dates, their starter course) are one
query each.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.permissions import Capability, can
from care import queries as care_queries
from consultancy import queries as consultancy_queries
from contacts import queries as contact_queries
from contacts.models import Contact, Organisation
from courses import queries as course_queries
from courses.gate import GateStatus, blocked_count, next_event_of, submission_gate
from courses.models import Enrolment, Event
from incidents import queries as incident_queries
from invoices import queries as invoice_queries
from partners import queries as partner_queries
from updates import queries as update_queries

# The contact's own course dates shown on the dashboard; "My courses" has them all.
UPCOMING_ENROLMENTS = 5
# Counts shown as figures below the list, not as things that wait.
FIGURES = frozenset({"seats_in_use", "seats_max", "incidents_submitted", "incidents_in_progress",
                     "incidents_waiting", "invoices_open"})


@dataclass
class Attention:
    counts: dict[str, int] = field(default_factory=dict)
    gate: GateStatus | None = None  # the starter course still to pass, when it blocks
    gate_event: Event | None = None  # its next event
    enrolments: list[Enrolment] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        """Is there an item to list (the figures below the list are not items)?"""
        waiting = {name: value for name, value in self.counts.items()
                   if name not in FIGURES}
        return bool(any(waiting.values()) or self.gate or self.enrolments)


def attention_for(contact: Contact, now: dt.datetime | None = None) -> Attention:
    now = now or timezone.now()
    organisation_id = contact.organisation_id
    expressions: dict[str, object] = {}
    if contact.is_active:  # reporters without a role still own incidents (R-INC-13)
        expressions |= incident_queries.attention_counts(contact, now)
    if can(contact, Capability.MANAGE_CONTACTS):
        expressions |= contact_queries.attention_counts(contact)
        expressions["blocked_submitters"] = blocked_count(organisation_id, now=now)
    if can(contact, Capability.INVOICES):
        expressions |= invoice_queries.attention_counts(organisation_id)
    if can(contact, Capability.EXTRA_SUPPORT):
        expressions |= care_queries.attention_counts(organisation_id)
    if can(contact, Capability.CONSULTANCY):
        expressions |= consultancy_queries.attention_counts(organisation_id)
    if can(contact, Capability.UPDATES):
        expressions |= update_queries.attention_counts(contact)
    if can(contact, Capability.PARTNER_PORTAL):
        expressions |= partner_queries.attention_counts(organisation_id,
                                                        today=timezone.localdate(now))
    attention = Attention()
    if expressions:
        attention.counts = (Organisation.objects.filter(pk=organisation_id)
                            .annotate(**expressions).values(*expressions).get())
    if can(contact, Capability.SUBMIT_INCIDENTS):
        gate = submission_gate(contact)
        if gate.blocked_by_course and gate.course is not None:
            attention.gate, attention.gate_event = gate, next_event_of(gate.course, now=now)
    if can(contact, Capability.COURSES):
        attention.enrolments = list(course_queries.enrolments_of(contact, now=now)
                                    [:UPCOMING_ENROLMENTS])
    return attention
