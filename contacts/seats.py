"""Submitter seats (R-QUOTA): who holds one, how many there are, and the allowance rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case, Count, ExpressionWrapper, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce

from accounts.roles import OrganisationKind

from .models import Contact, Invitation, Organisation, SeatAllowanceRule

# R-QUOTA-1: an active contact with SUBMIT_INCIDENTS holds a seat unless a certified expert.
SEAT_HOLDER = Q(is_active=True, can_submit_incidents=True, certified_expert=False)
# R-X-6: a pending invitation with SUBMIT_INCIDENTS reserves a seat until it is answered or
# withdrawn, so accepting never overfills the organisation. Seats in use = holders + these.
RESERVES_SEAT = Q(can_submit_incidents=True, declined_at__isnull=True)


def _count_of(queryset: QuerySet) -> Coalesce:
    return Coalesce(Subquery(queryset.values("organisation").annotate(n=Count("pk")).values("n"),
                             output_field=IntegerField()), Value(0))


def seats_in_use() -> CombinedExpression:
    """The live number of seats in use (holders and reservations) of ``OuterRef("pk")`` (an
    organisation), for set-based statements over many organisations."""
    return (_count_of(Contact.objects.filter(SEAT_HOLDER, organisation=OuterRef("pk")))
            + _count_of(Invitation.objects.filter(RESERVES_SEAT, organisation=OuterRef("pk"))))


def over_maximum(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Customer organisations with more seat holders than their stored maximum (R-QUOTA-6)."""
    return (organisations.filter(kind=OrganisationKind.CUSTOMER)
            .annotate(seats_in_use=seats_in_use())
            .filter(seats_in_use__gt=F("submitter_seats_max")))


def holds_seat(contact: Contact) -> bool:
    return contact.is_active and contact.can_submit_incidents and not contact.certified_expert


def seat_holders(organisation: Organisation) -> QuerySet[Contact]:
    return (Contact.objects.filter(SEAT_HOLDER, organisation=organisation)
            .select_related("user").order_by("user__last_name", "user__first_name", "user__email"))


def seat_reservations(organisation: Organisation) -> QuerySet[Invitation]:
    """Pending invitations with SUBMIT_INCIDENTS: each reserves a seat (R-X-6)."""
    return Invitation.objects.filter(RESERVES_SEAT, organisation=organisation)


def matching_rules(segment, employees) -> QuerySet[SeatAllowanceRule]:
    """Allowance rules that match, most specific first (R-QUOTA-2): a rule for the segment
    beats one for any segment, a narrower employee range beats a wider one. ``segment`` and
    ``employees`` are values, or OuterRef()s for a correlated subquery."""
    return SeatAllowanceRule.objects.filter(
        Q(segment="") | Q(segment=segment),
        Q(max_employees__isnull=True) | Q(max_employees__gte=employees),
        min_employees__lte=employees,
    ).order_by(
        Case(When(segment="", then=Value(1)), default=Value(0)),
        ExpressionWrapper(F("max_employees") - F("min_employees"),
                          output_field=IntegerField()).asc(nulls_last=True),
        "-min_employees",
        "pk",
    )


def allowance_expression() -> Coalesce:
    """Override, else the best rule, else the default: the recount's single UPDATE uses it."""
    best_rule = matching_rules(OuterRef("segment"), OuterRef("employee_count")).values("seats")[:1]
    return Coalesce(F("submitter_seats_override"),
                    Subquery(best_rule, output_field=IntegerField()),
                    Value(settings.DEFAULT_SUBMITTER_SEATS))


@dataclass(frozen=True)
class SeatStatus:
    in_use: int  # holders and reservations
    maximum: int | None  # None: no limit (partners)
    computed_at: dt.datetime | None
    holders: list[Contact]
    reserved: int = 0  # seats reserved by pending invitations (R-X-6)

    @property
    def is_limited(self) -> bool:
        return self.maximum is not None

    @property
    def full(self) -> bool:
        return self.maximum is not None and self.in_use >= self.maximum

    @property
    def free(self) -> int | None:
        return None if self.maximum is None else max(self.maximum - self.in_use, 0)


def maximum_for(organisation: Organisation) -> int | None:
    """The maximum in force: staff's override, else the last recount, else computed now."""
    if organisation.kind != OrganisationKind.CUSTOMER:
        return None
    if organisation.submitter_seats_override is not None:
        return organisation.submitter_seats_override
    if organisation.submitter_seats_max is not None:
        return organisation.submitter_seats_max
    seats = matching_rules(organisation.segment, organisation.employee_count).values_list(
        "seats", flat=True).first()
    return seats if seats is not None else settings.DEFAULT_SUBMITTER_SEATS


def seat_status(organisation: Organisation) -> SeatStatus:
    """Seats in use are counted live (R-QUOTA-4), reservations of pending invitations
    included (R-X-6)."""
    holders = list(seat_holders(organisation))
    reserved = seat_reservations(organisation).count()
    return SeatStatus(in_use=len(holders) + reserved, maximum=maximum_for(organisation),
                      computed_at=organisation.submitter_seats_computed_at, holders=holders,
                      reserved=reserved)
