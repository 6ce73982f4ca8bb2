"""Periodic checks of an organisation's details (R-CARE-3): the requests to its
administrators, the one-click "still correct" confirmation, and what the organisation
page shows about them.

The schedule. SPEC R-CARE-3 says "every seven months at most and at least twice a year":
the time between two requests to an organisation may not exceed seven months, and a year
holds at least two of them. We implement it with two rules:

1. Requests go out only in the months of ``settings.ORGANISATION_CHECK_MONTHS`` (default
   January and July, six months apart). Celery beat runs the task every day at 09:00; on the
   first run in such a month every organisation that is due is asked, later runs in that
   month catch up whoever was missed (beat was down, the organisation got its first
   administrator). A forced run (``request_organisation_checks --force``) may run in any month.
2. An organisation is *due* when it is active, has at least one active administrator (an
   active contact with the role Administrator whose user is active) and has no request in the
   last ``MINIMUM_GAP_MONTHS`` (5) calendar months: a request in period 2026-03 or later blocks
   a request in 2026-07, one in 2026-02 does not. This guard keeps a second request in the
   same month from happening (together with the unique organisation+period constraint) and
   keeps administrators from being asked again soon when configured months lie close
   together (e.g. 1,2,7,8: February and August are then skipped) or after a forced run.

The settings refuse a month list in which some configured month is not followed 5 to 7
months later by another one; with the guard, the next request after any scheduled one then
comes after 5, 6 or 7 months: at most seven months apart and about twice a year (exactly
January and July with the default). A forced run outside the configured months shifts that
organisation's cycle: the next configured month less than 5 months later is skipped for it.

The package: the schedule, the requests and the confirmation are here, in ``__init__``,
because outbox rows name their handler by its path (``contacts.checks.<handler>``) and rows
already written must still find it; ``admin.py`` (the staff's view of the checks),
``views.py`` and ``urls.py`` (the one-click link) and ``demo.py`` (part of ``seed_demo``).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Organisation, OrganisationCheck
from contacts.queries import ACTIVE_ADMINISTRATOR, is_active_administrator
from core.mail import portal_url, templated_email
from core.outbox import enqueue_many, outbox_handler

MINIMUM_GAP_MONTHS = 5
CONFIRMATION_LINK_DAYS = 60
CONFIRMATION_SALT = "contacts.organisation-check.confirm"



# --- periods ---------------------------------------------------------------------------------

def period_of(moment: dt.datetime) -> str:
    """The "YYYY-MM" period of a moment, in the portal's time zone (Europe/Amsterdam)."""
    local = timezone.localtime(moment)
    return f"{local.year:04d}-{local.month:02d}"


def months_before(period: str, months: int) -> str:
    """The period ``months`` calendar months before ``period`` ("2026-07", 4 → "2026-03")."""
    year, month = (int(part) for part in period.split("-"))
    index = year * 12 + (month - 1) - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def is_check_month(moment: dt.datetime) -> bool:
    """Is ``moment`` in one of the configured months (ORGANISATION_CHECK_MONTHS)?"""
    return timezone.localtime(moment).month in settings.ORGANISATION_CHECK_MONTHS


# --- requesting ------------------------------------------------------------------------------

def organisations_due(*, period: str) -> QuerySet[Organisation]:
    """Active organisations with an active administrator and no request in the last
    MINIMUM_GAP_MONTHS months up to and including ``period`` (one query)."""
    recent = OrganisationCheck.objects.filter(
        organisation=OuterRef("pk"), period__gt=months_before(period, MINIMUM_GAP_MONTHS))
    administrators = Contact.objects.filter(ACTIVE_ADMINISTRATOR, organisation=OuterRef("pk"))
    return (Organisation.objects.filter(is_active=True)
            .filter(Exists(administrators)).exclude(Exists(recent)))


def request_organisation_checks(*, now: dt.datetime | None = None, force: bool = False) -> int:
    """Ask the administrators of every organisation that is due to check its details
    (R-CARE-3); returns the number of organisations asked. Outside the configured months
    nothing happens unless ``force``. Emails are queued after commit, one per administrator."""
    now = now or timezone.now()
    if not force and not is_check_month(now):
        return 0
    period = period_of(now)
    with transaction.atomic():
        due = list(organisations_due(period=period).values_list("pk", flat=True))
        if not due:
            return 0
        # A concurrent run that inserted first keeps its row (and sends its emails); ours are
        # the rows of our organisations that carry our timestamp: nobody is asked twice.
        OrganisationCheck.objects.bulk_create(
            [OrganisationCheck(organisation_id=pk, period=period, requested_at=now) for pk in due],
            ignore_conflicts=True,
        )
        created = OrganisationCheck.objects.filter(period=period, requested_at=now,
                                                   organisation_id__in=due)
        check_of = dict(created.values_list("organisation_id", "pk"))
        recipients = [
            (check_of[organisation_id], contact_id)
            for contact_id, organisation_id in Contact.objects.filter(
                ACTIVE_ADMINISTRATOR, organisation_id__in=created.values("organisation_id"),
            ).values_list("pk", "organisation_id")
        ]
        enqueue_many(check_request_email, [
            (f"organisation-check-{check_id}-{contact_id}", {"check": check_id,
                                                             "contact": contact_id})
            for check_id, contact_id in recipients])
    return len(check_of)


@outbox_handler
def check_request_email(*, check: int, contact: int) -> list[EmailMessage]:
    """Email one administrator the organisation's details and the one-click link; nothing
    when the contact is no longer an active administrator or the check is already confirmed."""
    administrator = (Contact.objects.filter(ACTIVE_ADMINISTRATOR, pk=contact)
                     .select_related("user", "organisation__invoice_contact__user").first())
    if administrator is None:
        return []
    request = OrganisationCheck.objects.filter(
        pk=check, organisation_id=administrator.organisation_id, confirmed_at__isnull=True,
    ).first()
    if request is None:
        return []
    return [templated_email(
        "contacts/email/organisation_check", to=administrator.user.email,
        language=administrator.language,
        context={"contact": administrator, "organisation": administrator.organisation,
                 "confirm_link": confirmation_url(check_id=request.pk,
                                                  contact_id=administrator.pk),
                 "organisation_link": portal_url(reverse("organisation")),
                 "valid_days": CONFIRMATION_LINK_DAYS},
    )]


# --- confirming ------------------------------------------------------------------------------

class InvalidConfirmationLink(Exception):
    """The link was tampered with, is malformed, names something that no longer exists, or
    (``expired``) is older than CONFIRMATION_LINK_DAYS."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True)
class Confirmation:
    outcome: Outcome
    check: OrganisationCheck
    contact: Contact


def confirmation_token(*, check_id: int, contact_id: int) -> str:
    """A signed, timestamped token naming the check and the administrator it was sent to."""
    return signing.dumps({"check": check_id, "contact": contact_id}, salt=CONFIRMATION_SALT)


def confirmation_url(*, check_id: int, contact_id: int) -> str:
    token = confirmation_token(check_id=check_id, contact_id=contact_id)
    return portal_url(reverse("confirm_organisation_check", args=[token]))


def read_confirmation_token(token: str) -> tuple[int, int]:
    """(check id, contact id) from a token; InvalidConfirmationLink when it is bad or old."""
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT,
                                max_age=dt.timedelta(days=CONFIRMATION_LINK_DAYS))
    except signing.SignatureExpired:
        raise InvalidConfirmationLink(expired=True) from None
    except (signing.BadSignature, ValueError):
        raise InvalidConfirmationLink() from None
    if not isinstance(payload, dict) or not all(
            type(payload.get(key)) is int for key in ("check", "contact")):
        raise InvalidConfirmationLink()
    return payload["check"], payload["contact"]


def confirm_organisation_check(*, token: str, now: dt.datetime | None = None) -> Confirmation:
    """Record that the organisation's details are still correct, for the administrator the
    link was sent to (R-CARE-3). Idempotent: a second click reports the first confirmation.
    The link is the proof of identity, so no login is needed; a contact who is no longer an
    active administrator gets NOT_ALLOWED and nothing is recorded."""
    check_id, contact_id = read_confirmation_token(token)
    contact = (Contact.objects.filter(pk=contact_id)
               .select_related("user", "organisation__invoice_contact__user").first())
    check = (OrganisationCheck.objects.filter(pk=check_id).select_related("confirmed_by").first()
             if contact is not None else None)
    if contact is None or check is None or check.organisation_id != contact.organisation_id:
        raise InvalidConfirmationLink()
    check.organisation = contact.organisation
    if not (contact.organisation.is_active and is_active_administrator(contact)):
        return Confirmation(Outcome.NOT_ALLOWED, check, contact)
    now = now or timezone.now()
    # The conditional UPDATE makes two simultaneous clicks record exactly one confirmation.
    recorded = OrganisationCheck.objects.filter(pk=check.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, confirmed_by=contact.user)
    if recorded:
        check.confirmed_at, check.confirmed_by = now, contact.user
        return Confirmation(Outcome.CONFIRMED, check, contact)
    if check.confirmed_at is None:  # someone else confirmed it just now
        check.refresh_from_db(fields=["confirmed_at", "confirmed_by"])
    return Confirmation(Outcome.ALREADY_CONFIRMED, check, contact)


# --- reading ---------------------------------------------------------------------------------

def latest_check(organisation: Organisation) -> OrganisationCheck | None:
    """The organisation's most recent request, with who confirmed it, for its page."""
    return (OrganisationCheck.objects.filter(organisation=organisation)
            .select_related("confirmed_by").order_by("-requested_at", "-pk").first())
