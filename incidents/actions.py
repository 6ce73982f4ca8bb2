"""Every change to incidents (R-INC-1 … R-INC-15): submitting, replies, internal notes,
status and priority, routing and assignment, remote assistance, the survey, marking solved
and withdrawing, handing over, and the end of waits for the customer.

Customer actions take the active ``contact`` and check the role matrix, the incident's
visibility and "may reply" themselves; staff actions take the staff ``actor`` and pass
``require_staff`` first; the end of waits is the portal's own (no actor). Each rule that
refuses a change is one refusal function below (``*_refusal``: the reason, or None), which
the action raises and the views and the admin form ask before offering the change.
Each status change and public staff reply queues one email to the owner after commit
(R-INC-7); the email handlers drop it when the owner can no longer reply (R-INC-13).
A submitted incident, every status change and every public staff reply is also an event for
the organisation's webhook endpoints, in the same transaction (R-HOOK-1); internal notes
never are."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_noop

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can, require_staff
from contacts.actions import give_submit_role
from contacts.models import Contact, ServiceLevel
from courses.gate import GateReason, GateStatus, submission_gate
from core.uploads import clean_file_name, removing_uploads_on_error
from webhooks import events as webhook_events

from . import queries, sla
from .attachments import MAX_FILES, check_upload
from .models import (
    AccessLevel, Attachment, BusyNotice, CLOCK_RUNNING, Channel, OPEN_STATUSES, ChangeReason,
    Environment, Incident, IncidentType, IncidentVisit, active_busy_notices,
    Message, MessageKind, OpeningException, OpeningSchedule, OwnerChange, Priority, ProductArea,
    RemoteAccessGrant, RoutingRule, SatisfactionSurvey, Status, StatusChange, SupportTeam,
)
from .emails import (
    queue_busy_notice_email, queue_hand_over_emails, queue_new_incident_emails, queue_reply_email,
    queue_status_email, queue_waiting_reminder,
)
from .waiting import (
    auto_resolve_at, may_have_waited, reminder_due_at, reopen_deadline, reopen_period_over,
    replies_closed,
)
from .calendar import SupportCalendar

# R-INC-6: where each status may go. Closed is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset({Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.WAITING, Status.RESOLVED}),
    Status.WAITING: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.IN_PROGRESS, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}
# A customer may grant remote access for at most this long (R-INC-11).
MAX_GRANT = dt.timedelta(days=14)
STAFF_PERMISSION = "incidents.change_incident"
NUMBER_ATTEMPTS = 5


class IncidentError(Exception):
    """A change the rules refuse; views and the admin turn it into a message."""


class GateBlocked(IncidentError):
    """The contact has the role but not the starter course (R-GATE-1)."""

    def __init__(self, gate: GateStatus) -> None:
        super().__init__("starter course not passed")
        self.gate = gate


class TransitionRefused(IncidentError):
    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"{from_status} → {to_status} is not allowed")
        self.from_status, self.to_status = from_status, to_status


class PriorityRefused(IncidentError):
    """P1 only for First Class organisations (R-INC-4)."""


class IncidentClosed(IncidentError):
    """A closed incident takes no replies or changes (R-INC-6), nor does a resolved one
    after its reopen period (R-INC-14)."""


class WithdrawRefused(IncidentError):
    """Support has picked the incident up: it can no longer be withdrawn (R-INC-15)."""


class HandOverRefused(IncidentError):
    """Only an open incident, and only to another active contact of the organisation
    (R-INC-13)."""


def _check_visible(contact: Contact, incident: Incident) -> None:
    """The incident must be visible to the contact, else it "does not exist" (R-ROLE-14)."""
    if not queries.incidents_visible_to(contact).filter(pk=incident.pk).exists():
        raise Incident.DoesNotExist


def record_visit(*, contact: Contact, incident: Incident, now: dt.datetime) -> None:
    """The contact opened the incident now: what came before is seen (issue 14). One
    statement (insert, or update the one row of this contact and incident). The caller
    shows the incident, so the contact may see it."""
    IncidentVisit.objects.bulk_create(
        [IncidentVisit(contact=contact, incident=incident, seen_at=now)],
        update_conflicts=True, unique_fields=["contact", "incident"], update_fields=["seen_at"])


# Refusals (Wagtail's ``check()``): why a change is refused, or None when it may be made.

Refusal = IncidentError | CapabilityDenied


def closed_refusal(incident: Incident) -> IncidentClosed | None:
    """Closed is final: no reply from support, priority, team, assignee or access request
    (R-INC-6)."""
    return IncidentClosed(incident.number) if incident.status == Status.CLOSED else None


def transition_refusal(incident: Incident, to_status: str,
                       allowed: frozenset[str] | None = None) -> TransitionRefused | None:
    """R-INC-6: the status may go to ``to_status`` only when it is one of ``allowed``, by
    default the support flow of ``TRANSITIONS``."""
    if to_status in (TRANSITIONS[incident.status] if allowed is None else allowed):
        return None
    return TransitionRefused(incident.status, to_status)


def priority_refusal(incident: Incident, priority: int | None) -> PriorityRefused | None:
    """R-INC-4: priority 1 only for First Class organisations."""
    if (priority == Priority.P1
            and incident.organisation.service_level != ServiceLevel.FIRST_CLASS):
        return PriorityRefused(incident.number)
    return None


def reply_refusal(contact: Contact | None, incident: Incident,
                  now: dt.datetime | None = None) -> Refusal | None:
    """R-INC-13 "may reply": closed (also past its reopen period, R-INC-14), or the contact
    is not the owner who can still act on it (R-ROLE-13). Replying, granting access, marking
    solved and withdrawing all start from this rule."""
    if replies_closed(incident, now or timezone.now()):
        return IncidentClosed(incident.number)
    if not queries.is_acting_owner(contact, incident):
        return CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    return None


def message_refusal(contact: Contact | None, incident: Incident,
                    now: dt.datetime | None = None) -> Refusal | None:
    """Writing a reply (R-INC-13, R-MAIL-5): closed (also past its reopen period, R-INC-14),
    or the contact is neither the owner nor a follower who may write (``may_post_message``,
    R-ROLE-13). The web's reply box and a reply by email (R-MAIL-2) both ask this."""
    if replies_closed(incident, now or timezone.now()):
        return IncidentClosed(incident.number)
    if not queries.may_post_message(contact, incident):
        return CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    return None


def solve_refusal(contact: Contact | None, incident: Incident,
                  now: dt.datetime | None = None) -> Refusal | None:
    """The owner marks their open incident solved (R-INC-15)."""
    refusal = reply_refusal(contact, incident, now)
    if refusal is None and not incident.is_open:
        return TransitionRefused(incident.status, Status.RESOLVED)
    return refusal


def withdraw_refusal(contact: Contact | None, incident: Incident,
                     now: dt.datetime | None = None) -> Refusal | None:
    """The owner withdraws their incident only before support picked it up (R-INC-15)."""
    refusal = reply_refusal(contact, incident, now)
    if refusal is None and incident.status != Status.SUBMITTED:
        return WithdrawRefused(incident.number)
    return refusal


def survey_refusal(contact: Contact | None, incident: Incident) -> Refusal | None:
    """The owner who can still act rates a resolved (or since closed) incident."""
    if not queries.is_acting_owner(contact, incident):
        return CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if incident.status not in (Status.RESOLVED, Status.CLOSED):
        return IncidentError("the incident is not resolved")
    return None


def _raise(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise refusal


def _check_acting_owner(contact: Contact, incident: Incident) -> None:
    if not queries.is_acting_owner(contact, incident):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)


_WITH_OWNER = ("organisation", "owner__user", "owner__organisation")


def _lock(incident: Incident | int) -> Incident:
    """The incident row locked (only that row), with its owner for "may reply"."""
    pk = incident if isinstance(incident, int) else incident.pk
    return (Incident.objects.select_for_update(of=("self",)).select_related(*_WITH_OWNER)
            .get(pk=pk))


def _fresh(incident: Incident) -> Incident:
    return Incident.objects.select_related(*_WITH_OWNER).get(pk=incident.pk)


def _new_number() -> str:
    """8 random digits (not sequential: R-INC-1), never starting with 0, not yet used."""
    while True:
        number = str(10_000_000 + secrets.randbelow(90_000_000))
        if not Incident.objects.filter(number=number).exists():
            return number


def team_for(*, product_area: str, incident_type: str) -> SupportTeam | None:
    """The team of the rule for this product area and type, else of the product area's
    any-type rule (R-INC-3)."""
    rules = (RoutingRule.objects.filter(product_area=product_area,
                                        incident_type__in=[incident_type, ""])
             .select_related("team").order_by("-incident_type"))
    rule = rules.first()
    return rule.team if rule else None


def _attach(*, incident: Incident, message: Message | None, files: Iterable[UploadedFile],
            contact: Contact | None, now: dt.datetime) -> None:
    for upload in files:
        content_type = check_upload(upload)
        Attachment.objects.create(incident=incident, message=message, file=upload,
                                  name=clean_file_name(upload.name), size=upload.size or 0,
                                  content_type=content_type, uploaded_by=contact,
                                  created_at=now)


def _check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationError(f"at most {MAX_FILES} files")
    for upload in files:
        check_upload(upload)


def _set_status(incident: Incident, to_status: str, *, now: dt.datetime,
                by_user: User | None = None, by_contact: Contact | None = None,
                reason: str = "", allowed: frozenset[str] | None = None,
                email: bool = True) -> StatusChange:
    """Move a locked incident to ``to_status`` (one of ``allowed``, by default the support
    flow of ``TRANSITIONS``): the SLA clock stops outside submitted/in progress and resumes
    with the stopped working time added to the target (R-INC-4); leaving a wait forgets its
    reminder (R-INC-14)."""
    from_status = incident.status
    _raise(transition_refusal(incident, to_status, allowed))
    running_before, running_after = from_status in CLOCK_RUNNING, to_status in CLOCK_RUNNING
    if running_before and not running_after:
        incident.paused_since = now
    elif running_after and not running_before and incident.paused_since is not None:
        calendar = SupportCalendar()
        incident.paused_working_time += calendar.working_time_between(incident.paused_since, now)
        incident.paused_since = None
        incident.target_at, incident.at_risk_at = sla.targets(incident, calendar)
    if to_status == Status.RESOLVED:
        incident.resolved_at = now
    elif from_status == Status.RESOLVED and to_status == Status.IN_PROGRESS:
        incident.resolved_at = None
    if from_status == Status.WAITING:
        incident.waiting_reminded_at = None
    incident.status, incident.updated_at = to_status, now
    incident.last_activity_at = now
    incident.save()
    change = StatusChange.objects.create(incident=incident, from_status=from_status,
                                         to_status=to_status, by_user=by_user,
                                         by_contact=by_contact, reason=reason, at=now)
    if email:
        queue_status_email(change)
    webhook_events.emit_status_changed(incident, change)  # R-HOOK-1
    return change


def submit_incident(*, contact: Contact, subject: str, description: str, incident_type: str,
                    product_area: str, environment: str,
                    files: Sequence[UploadedFile] = (), now: dt.datetime | None = None,
                    channel: str = Channel.WEB) -> Incident:
    """Submit an incident for the contact's organisation, routed to a team (R-INC-1/3);
    needs SUBMIT_INCIDENTS (R-ROLE-6) and the starter course (R-GATE-1). One that came by
    email (R-MAIL-3) is confirmed by ``incidents.inbound``, in answer to that email, instead
    of the usual "received" email."""
    gate = submission_gate(contact)
    if gate.reason is GateReason.NO_ROLE:
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if not gate.may_submit:
        raise GateBlocked(gate)
    IncidentType(incident_type), ProductArea(product_area), Environment(environment)
    _check_files(files)
    now = now or timezone.now()
    # A failure after the files were saved rolls the rows back; the files go with them.
    with removing_uploads_on_error(), transaction.atomic():
        fields = dict(
            organisation=contact.organisation, reporter=contact, owner=contact, subject=subject,
            description=description, incident_type=incident_type, product_area=product_area,
            environment=environment, status=Status.SUBMITTED, channel=Channel(channel),
            team=team_for(product_area=product_area, incident_type=incident_type),
            created_at=now, updated_at=now, last_activity_at=now,
        )
        for attempt in range(NUMBER_ATTEMPTS):
            try:  # two submissions drawing the same free number at once: draw again
                with transaction.atomic():
                    incident = Incident.objects.create(number=_new_number(), **fields)
                break
            except IntegrityError:
                if attempt == NUMBER_ATTEMPTS - 1:
                    raise
        _attach(incident=incident, message=None, files=files, contact=contact, now=now)
        change = StatusChange.objects.create(incident=incident, from_status="",
                                             to_status=Status.SUBMITTED, by_contact=contact,
                                             at=now)
        if channel == Channel.WEB:
            queue_status_email(change)
        queue_new_incident_emails(incident)
        webhook_events.emit_incident_created(incident)  # R-HOOK-1
    return incident


def reply(*, contact: Contact, incident: Incident, body: str,
          files: Sequence[UploadedFile] = (), now: dt.datetime | None = None) -> Message:
    """The owner, or a follower who may write, replies (``message_refusal``); on a resolved
    incident within the reopen period this reopens it, on one waiting for the customer it
    resumes the clock (R-INC-6, R-INC-13/14, R-ROLE-13, R-MAIL-5)."""
    _check_visible(contact, incident)
    _check_files(files)
    now = now or timezone.now()
    with removing_uploads_on_error(), transaction.atomic():
        incident = _lock(incident)
        _raise(message_refusal(contact, incident, now))
        message = Message.objects.create(incident=incident, kind=MessageKind.CUSTOMER,
                                         author_contact=contact, body=body, created_at=now)
        _attach(incident=incident, message=message, files=files, contact=contact, now=now)
        if incident.status in (Status.RESOLVED, Status.WAITING):
            # The owner's own reply moves it on: no status email about what they just did
            # (issue 14); the history shows it.
            _set_status(incident, Status.IN_PROGRESS, now=now, by_contact=contact,
                        email=False)
        else:
            incident.updated_at = incident.last_activity_at = now
            incident.save(update_fields=["updated_at", "last_activity_at"])
    return message


def reply_as_staff(*, incident: Incident, body: str, actor: User,
                   files: Sequence[UploadedFile] = (), status: str | None = None,
                   now: dt.datetime | None = None) -> Message:
    """A public reply from support, with files the customer may download under the same
    rules as their own (R-INC-9); the reporter gets it by email (R-INC-7, R-INC-8). With
    ``status`` the incident also moves on (R-INC-6) in the same step, and the owner gets one
    email that carries both: one staff save, one email (issue 14)."""
    require_staff(actor, STAFF_PERMISSION)
    _check_files(files)
    now = now or timezone.now()
    with removing_uploads_on_error(), transaction.atomic():
        incident = _lock(incident)
        _raise(closed_refusal(incident))
        message = Message.objects.create(incident=incident, kind=MessageKind.PUBLIC,
                                         author_user=actor, body=body, created_at=now)
        _attach(incident=incident, message=message, files=files, contact=None, now=now)
        if status is None:
            incident.updated_at = incident.last_activity_at = now
            incident.save(update_fields=["updated_at", "last_activity_at"])
            queue_reply_email(message)
        else:
            change = _set_status(incident, Status(status), now=now, by_user=actor, email=False)
            queue_status_email(change, reply=message)
        webhook_events.emit_staff_replied(incident, message)  # R-HOOK-1
    return message


def add_internal_note(*, incident: Incident, body: str, actor: User,
                      now: dt.datetime | None = None) -> Message:
    """A note for support only: never on a customer page or in an email (R-INC-8)."""
    require_staff(actor, STAFF_PERMISSION)
    return Message.objects.create(incident=incident, kind=MessageKind.INTERNAL,
                                  author_user=actor, body=body, created_at=now or timezone.now())


def change_status(*, incident: Incident, status: str, actor: User,
                  now: dt.datetime | None = None) -> StatusChange:
    """Support moves the incident along R-INC-6; recorded and emailed (R-INC-7)."""
    require_staff(actor, STAFF_PERMISSION)
    with transaction.atomic():
        return _set_status(_lock(incident), Status(status), now=now or timezone.now(),
                           by_user=actor)


def set_priority(*, incident: Incident, priority: int, actor: User,
                 now: dt.datetime | None = None) -> Incident:
    """Support sets the priority and with it the target (R-INC-4); P1 only for First Class
    organisations."""
    require_staff(actor, STAFF_PERMISSION)
    priority = Priority(priority)
    with transaction.atomic():
        incident = _lock(incident)
        _raise(closed_refusal(incident))
        _raise(priority_refusal(incident, priority))
        now = now or timezone.now()
        incident.priority = priority
        incident.target_at, incident.at_risk_at = sla.targets(incident, SupportCalendar())
        incident.updated_at = now
        incident.save()
        if priority == Priority.P4 and incident.is_open:
            for notice in BusyNotice.objects.filter(active_busy_notices(now)):
                if notice.covers(incident.product_area):
                    _tell_busy(incident, notice, now=now)
    return incident


def set_team(*, incident: Incident, team: SupportTeam | None, actor: User) -> Incident:
    """Support moves the incident to another team (or none); not a closed one."""
    require_staff(actor, STAFF_PERMISSION)
    if not (Incident.objects.filter(pk=incident.pk).exclude(status=Status.CLOSED)
            .update(team=team, updated_at=timezone.now())):
        raise IncidentClosed(incident.number)  # closed is final (R-INC-6)
    incident.team = team
    return incident


def assign(*, incident: Incident, assignee: User | None, actor: User) -> Incident:
    """Support assigns the incident to a staff member (or nobody); not a closed one."""
    require_staff(actor, STAFF_PERMISSION)
    if assignee is not None and not assignee.is_staff:
        raise IncidentError("only staff can be assigned")
    if not (Incident.objects.filter(pk=incident.pk).exclude(status=Status.CLOSED)
            .update(assignee=assignee, updated_at=timezone.now())):
        raise IncidentClosed(incident.number)  # closed is final (R-INC-6)
    incident.assignee = assignee
    return incident


def request_remote_access(*, incident: Incident, actor: User, reason: str = "",
                          now: dt.datetime | None = None) -> RemoteAccessGrant:
    """Support asks the customer for access to their environment (R-INC-11)."""
    require_staff(actor, STAFF_PERMISSION)
    _raise(closed_refusal(incident))
    return RemoteAccessGrant.objects.create(incident=incident, requested_by=actor,
                                            reason=reason, requested_at=now or timezone.now())


def grant_remote_access(*, contact: Contact, incident: Incident, level: str,
                        expires_at: dt.datetime, request: RemoteAccessGrant | None = None,
                        now: dt.datetime | None = None) -> RemoteAccessGrant:
    """The owner (``reply_refusal``) grants temporary access at a level of their choice,
    answering support's request or on their own (R-INC-11)."""
    _check_visible(contact, incident)
    now = now or timezone.now()
    level = AccessLevel(level)
    with transaction.atomic():
        incident = _lock(incident)
        _raise(reply_refusal(contact, incident, now))
        if not now < expires_at <= now + MAX_GRANT:
            raise ValidationError("the expiry must be in the future and within 14 days")
        grant = None
        if request is not None:
            grant = (RemoteAccessGrant.objects.select_for_update()
                     .filter(pk=request.pk, incident=incident, granted_at__isnull=True,
                             revoked_at__isnull=True).first())
        grant = grant or RemoteAccessGrant(incident=incident)
        grant.level, grant.expires_at = level, expires_at
        grant.granted_by, grant.granted_at = contact, now
        grant.save()
    return grant


def revoke_remote_access(*, contact: Contact, grant: RemoteAccessGrant,
                         now: dt.datetime | None = None) -> RemoteAccessGrant:
    """The owner ends a grant (or declines a request) at once (R-INC-11). Ending access is
    never refused for the status: the owner who can act may do it also once it is closed."""
    _check_visible(contact, grant.incident)
    _check_acting_owner(contact, _fresh(grant.incident))
    if grant.revoked_at is None:
        grant.revoked_at, grant.revoked_by = now or timezone.now(), contact
        grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant


def answer_survey(*, contact: Contact, incident: Incident, score: int, comment: str = "",
                  now: dt.datetime | None = None) -> SatisfactionSurvey:
    """The owner rates a resolved incident 1–5 with a comment (answering again replaces
    the earlier answer); staff see the results in the admin."""
    _check_visible(contact, incident)
    incident = _fresh(incident)
    _raise(survey_refusal(contact, incident))
    if not 1 <= int(score) <= 5:
        raise ValidationError("score 1–5")
    survey, _created = SatisfactionSurvey.objects.update_or_create(
        incident=incident, defaults={"contact": contact, "score": int(score),
                                     "comment": comment, "answered_at": now or timezone.now()})
    return survey


def mark_solved(*, contact: Contact, incident: Incident,
                now: dt.datetime | None = None) -> StatusChange:
    """The owner marks their open incident solved: resolved, by them (R-INC-15)."""
    _check_visible(contact, incident)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        _raise(solve_refusal(contact, incident, now))
        return _set_status(incident, Status.RESOLVED, now=now, by_contact=contact,
                           reason=ChangeReason.SOLVED_BY_CUSTOMER)


def withdraw_incident(*, contact: Contact, incident: Incident,
                      now: dt.datetime | None = None) -> StatusChange:
    """The owner withdraws their incident before support picked it up: closed at once, for
    good, recorded as withdrawn by the customer (R-INC-15)."""
    _check_visible(contact, incident)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        _raise(withdraw_refusal(contact, incident, now))
        return _set_status(incident, Status.CLOSED, now=now, by_contact=contact,
                           reason=ChangeReason.WITHDRAWN, allowed=frozenset({Status.CLOSED}))


def hand_over_incident(*, actor: Contact, incident: Incident, to: Contact,
                       now: dt.datetime | None = None) -> OwnerChange:
    """An administrator hands an open incident over to another active contact of the
    organisation, who gets SUBMIT_INCIDENTS in the same transaction when they lack it (under
    the seat cap and the profile rule: ``SeatsFull``/``ProfileRequired`` refuse it all);
    recorded, and the old and new owner are emailed (R-INC-13)."""
    if not can(actor, Capability.HAND_OVER_INCIDENTS):
        raise CapabilityDenied(Capability.HAND_OVER_INCIDENTS)
    _check_visible(actor, incident)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        if not queries.may_hand_over(actor, incident):
            raise HandOverRefused(f"{incident.number} is not open")
        new_owner = queries.hand_over_candidates(incident).filter(pk=to.pk).first()
        if new_owner is None:
            raise HandOverRefused(f"{incident.number} cannot go to contact {to.pk}")
        if not can(new_owner, Capability.SUBMIT_INCIDENTS):
            # Locks the organisation: two hand-overs never fill more seats than there are.
            new_owner = give_submit_role(actor=actor, contact=new_owner)
        change = OwnerChange.objects.create(incident=incident, from_owner_id=incident.owner_id,
                                            to_owner=new_owner, by_contact=actor, at=now)
        incident.owner, incident.updated_at = new_owner, now
        incident.save(update_fields=["owner", "updated_at"])
        queue_hand_over_emails(change)
    return change


@dataclass(frozen=True)
class WaitsEnded:
    """What one run of ``end_incident_waits`` did, for the task's result and the tests."""

    reminded: int
    resolved: int
    closed: int


def end_incident_waits(*, now: dt.datetime | None = None) -> WaitsEnded:
    """R-INC-14, run by the portal itself (the periodic task; no actor): remind the owner
    once after the reminder period of waiting, resolve the incident after the automatic
    resolution period, and close resolved incidents whose reopen period is over. One work
    calendar for the whole run; every incident is re-checked under its row lock, so a reply
    arriving meanwhile wins and running twice changes nothing more."""
    now = now or timezone.now()
    calendar = SupportCalendar()
    reminded = resolved = closed = 0
    waiting = (Incident.objects
               .filter(may_have_waited(settings.INCIDENT_WAITING_REMINDER_WORKING_DAYS, now))
               .only("pk", "status", "paused_since", "waiting_reminded_at").order_by("pk"))
    for incident in waiting:
        resolve_at = auto_resolve_at(incident, calendar)
        if resolve_at is None:  # not waiting (any more): nothing is due
            continue
        if now >= resolve_at:
            resolved += _resolve_unanswered(incident.pk, now=now, calendar=calendar)
        elif incident.waiting_reminded_at is None:
            remind_at = reminder_due_at(incident, calendar)
            if remind_at is not None and now >= remind_at:
                reminded += _remind_of_wait(incident.pk, now=now, calendar=calendar)
    for pk in (Incident.objects.filter(reopen_period_over(now)).order_by("pk")
               .values_list("pk", flat=True)):
        closed += _close_after_reopen_period(pk, now=now)
    return WaitsEnded(reminded=reminded, resolved=resolved, closed=closed)


def _remind_of_wait(pk: int, *, now: dt.datetime, calendar: SupportCalendar) -> bool:
    with transaction.atomic():
        incident = _lock(pk)
        due = reminder_due_at(incident, calendar)
        if due is None or now < due or incident.waiting_reminded_at is not None:
            return False
        incident.waiting_reminded_at = now
        incident.save(update_fields=["waiting_reminded_at"])
        queue_waiting_reminder(incident)
    return True


def _portal_message(incident: Incident, text: str, **values: object) -> str:
    """A message of the portal itself, in the owner's language (they are the one addressed)."""
    with translation.override(incident.owner.language):
        return gettext(text) % {key: formats.date_format(timezone.localtime(value),
                                                         "DATETIME_FORMAT")
                                if isinstance(value, dt.datetime) else value
                                for key, value in values.items()}


def _resolve_unanswered(pk: int, *, now: dt.datetime, calendar: SupportCalendar) -> bool:
    with transaction.atomic():
        incident = _lock(pk)
        due = auto_resolve_at(incident, calendar)
        if due is None or now < due:
            return False
        _set_status(incident, Status.RESOLVED, now=now, reason=ChangeReason.NO_ANSWER)
        Message.objects.create(
            incident=incident, kind=MessageKind.PORTAL, created_at=now,
            body=_portal_message(
                incident,
                gettext_noop("We resolved this incident because no answer came for "
                             "%(days)s working days. Not solved after all? A reply until "
                             "%(until)s reopens it."),
                days=settings.INCIDENT_WAITING_AUTO_RESOLVE_WORKING_DAYS,
                until=reopen_deadline(incident)))
    return True


def _close_after_reopen_period(pk: int, *, now: dt.datetime) -> bool:
    with transaction.atomic():
        incident = _lock(pk)
        if incident.status != Status.RESOLVED or not replies_closed(incident, now):
            return False
        _set_status(incident, Status.CLOSED, now=now, reason=ChangeReason.REOPEN_PERIOD_OVER)
    return True


# Opening hours (R-INC-16) ----------------------------------------------------------------


def _check_hours_permission(actor: User, model: type[models.Model], verb: str) -> None:
    require_staff(actor, f"incidents.{verb}_{model._meta.model_name}")


def save_opening_schedule(*, actor: User, schedule: OpeningSchedule) -> OpeningSchedule:
    """Support adds or changes a weekly schedule; running SLA targets follow at once."""
    _check_hours_permission(actor, OpeningSchedule, "change" if schedule.pk else "add")
    schedule.full_clean()
    with transaction.atomic():
        schedule.save()
        retarget_running_incidents()
    return schedule


def delete_opening_schedule(*, actor: User, schedule: OpeningSchedule) -> None:
    """Support removes a schedule (the one before it holds on); targets follow at once."""
    _check_hours_permission(actor, OpeningSchedule, "delete")
    with transaction.atomic():
        schedule.delete()
        retarget_running_incidents()


def save_opening_exception(*, actor: User, exception: OpeningException) -> OpeningException:
    """Support closes the desk on a date or gives it other hours (a shorter day, a longer
    evening); running SLA targets follow at once."""
    _check_hours_permission(actor, OpeningException, "change" if exception.pk else "add")
    exception.full_clean()
    with transaction.atomic():
        exception.save()
        retarget_running_incidents()
    return exception


def delete_opening_exception(*, actor: User, exception: OpeningException) -> None:
    """Support removes an exception: the schedule's hours hold on that date again."""
    _check_hours_permission(actor, OpeningException, "delete")
    with transaction.atomic():
        exception.delete()
        retarget_running_incidents()


def retarget_running_incidents() -> int:
    """Recompute the target and at-risk moment of every incident whose SLA clock runs or
    waits for the customer, on the calendar as staff keep it now (R-INC-16): a change of
    hours applies to running deadlines from the moment it is saved. One calendar for all;
    the rows are locked so a priority set meanwhile is not overwritten with an older one.
    Returns how many targets moved."""
    calendar = SupportCalendar()
    moved = []
    running = Incident.objects.select_for_update().filter(
        target_at__isnull=False, status__in=(*CLOCK_RUNNING, Status.WAITING)).order_by("pk")
    for incident in running:
        targets = sla.targets(incident, calendar)
        if targets != (incident.target_at, incident.at_risk_at):
            incident.target_at, incident.at_risk_at = targets
            moved.append(incident)
    Incident.objects.bulk_update(moved, ["target_at", "at_risk_at"], batch_size=500)
    return len(moved)


# Busyness (R-INC-17) ----------------------------------------------------------------------

BUSY_TEXT = gettext_noop(
    "Support is exceptionally busy until about %(until)s. The target time of this incident "
    "(priority 4) may not be met: we answer it as soon as we can.")
BUSY_AREA_TEXT = gettext_noop(
    "Support for %(area)s is exceptionally busy until about %(until)s. The target time of "
    "this incident (priority 4) may not be met: we answer it as soon as we can.")


def _tell_busy(incident: Incident, notice: BusyNotice, *, now: dt.datetime) -> Message | None:
    """One portal message and one email per incident and notice (R-INC-17), on a locked
    incident: a second call for the same pair does nothing (None)."""
    if Message.objects.filter(incident=incident, busy_notice=notice).exists():
        return None
    if notice.product_area:
        body = _portal_message(incident, BUSY_AREA_TEXT, until=notice.expected_end,
                               area=ProductArea(notice.product_area).label)
    else:
        body = _portal_message(incident, BUSY_TEXT, until=notice.expected_end)
    if notice.message:
        body = f"{body}\n\n{notice.message}"
    message = Message.objects.create(incident=incident, kind=MessageKind.PORTAL, body=body,
                                     busy_notice=notice, created_at=now)
    Incident.objects.filter(pk=incident.pk).update(last_activity_at=now)
    queue_busy_notice_email(message)
    return message


def _tell_busy_incidents(notice: BusyNotice, *, now: dt.datetime) -> int:
    """Every open P4 incident in the notice's scope hears of it once; returns how many did
    now."""
    if not notice.is_active(now):
        return 0
    in_scope = Incident.objects.filter(priority=Priority.P4, status__in=OPEN_STATUSES)
    if notice.product_area:
        in_scope = in_scope.filter(product_area=notice.product_area)
    told = 0
    for pk in in_scope.exclude(messages__busy_notice=notice).order_by("pk").values_list(
            "pk", flat=True):
        incident = _lock(pk)  # priority or status may have changed since the list was read
        if incident.priority == Priority.P4 and incident.is_open:
            told += _tell_busy(incident, notice, now=now) is not None
    return told


def save_busy_notice(*, actor: User, notice: BusyNotice,
                     now: dt.datetime | None = None) -> BusyNotice:
    """Support switches a busyness notice on, or changes its expected end or text; the open
    P4 incidents in its scope that have not heard of it yet get their message and email,
    in the same transaction (R-INC-17)."""
    require_staff(actor, f"incidents.{'change' if notice.pk else 'add'}_busynotice")
    notice.full_clean()
    now = now or timezone.now()
    with transaction.atomic():
        if notice.pk is None:
            notice.starts_at = now
        notice.save()
        _tell_busy_incidents(notice, now=now)
    return notice


def end_busy_notice(*, actor: User, notice: BusyNotice,
                    now: dt.datetime | None = None) -> BusyNotice:
    """Support ends a notice before its expected end: the pages no longer show it and no
    more incidents hear of it (R-INC-17). An ended notice stays ended."""
    require_staff(actor, "incidents.change_busynotice")
    now = now or timezone.now()
    if BusyNotice.objects.filter(pk=notice.pk, ended_at__isnull=True).update(ended_at=now):
        notice.ended_at = now
    return notice
