"""Every change to incidents (R-INC-1 … R-INC-11): submitting, replies, internal notes,
status and priority, routing and assignment, remote assistance and the survey.

Customer actions take the active ``contact`` and check the role matrix and the incident's
visibility themselves; staff actions take the staff ``by`` user and check their admin
permission. Each status change and public staff reply queues one email to the reporter after
commit (R-INC-7)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.permissions import Capability, CapabilityDenied, can
from contacts.models import Contact, ServiceLevel
from courses.gate import GateReason, GateStatus, submission_gate

from . import queries, sla
from .attachments import MAX_FILES, check_upload
from .models import (
    AccessLevel, Attachment, CLOCK_RUNNING, Environment, Incident, IncidentType, Message,
    MessageKind, Priority, ProductArea, RemoteAccessGrant, RoutingRule,
    SatisfactionSurvey, Status, StatusChange, SupportTeam,
)
from .emails import queue_reply_email, queue_status_email
from .worktime import WorkClock

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
    """A closed incident takes no replies or changes (R-INC-6)."""


def _check_staff(user: User) -> None:
    if not (user.is_active and user.is_staff and user.has_perm(STAFF_PERMISSION)):
        raise PermissionDenied("support staff only")


def _check_customer(contact: Contact, incident: Incident, *, submit: bool) -> None:
    """The incident must be visible to the contact (else it "does not exist"); changing it
    also needs SUBMIT_INCIDENTS (R-ROLE-13)."""
    if not queries.incidents_visible_to(contact).filter(pk=incident.pk).exists():
        raise Incident.DoesNotExist
    if submit and not can(contact, Capability.SUBMIT_INCIDENTS):
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if submit and incident.reporter_id != contact.pk:
        # R-ROLE-6/7: one changes one's own incidents; the organisation's others are read only.
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)


def _lock(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().select_related("organisation").get(pk=incident.pk)


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
                                  name=upload.name[:200], size=upload.size,
                                  content_type=content_type, uploaded_by=contact,
                                  created_at=now)


def _check_files(files: Sequence[UploadedFile]) -> None:
    if len(files) > MAX_FILES:
        raise ValidationError(f"at most {MAX_FILES} files")
    for upload in files:
        check_upload(upload)


def _set_status(incident: Incident, to_status: str, *, now: dt.datetime,
                by_user: User | None = None, by_contact: Contact | None = None) -> StatusChange:
    """Move a locked incident to ``to_status``: the SLA clock stops outside submitted/in
    progress and resumes with the stopped working time added to the target (R-INC-4)."""
    from_status = incident.status
    if to_status not in TRANSITIONS[from_status]:
        raise TransitionRefused(from_status, to_status)
    running_before, running_after = from_status in CLOCK_RUNNING, to_status in CLOCK_RUNNING
    if running_before and not running_after:
        incident.paused_since = now
    elif running_after and not running_before and incident.paused_since is not None:
        clock = WorkClock()
        incident.paused_working_time += clock.working_time_between(incident.paused_since, now)
        incident.paused_since = None
        incident.target_at, incident.at_risk_at = sla.targets(incident, clock)
    if to_status == Status.RESOLVED:
        incident.resolved_at = now
    elif from_status == Status.RESOLVED and to_status == Status.IN_PROGRESS:
        incident.resolved_at = None
    incident.status, incident.updated_at = to_status, now
    incident.save()
    change = StatusChange.objects.create(incident=incident, from_status=from_status,
                                         to_status=to_status, by_user=by_user,
                                         by_contact=by_contact, at=now)
    queue_status_email(change)
    return change


def submit_incident(*, contact: Contact, subject: str, description: str, incident_type: str,
                    product_area: str, environment: str,
                    files: Sequence[UploadedFile] = (), now: dt.datetime | None = None,
                    ) -> Incident:
    """Submit an incident for the contact's organisation, routed to a team (R-INC-1/3);
    needs SUBMIT_INCIDENTS (R-ROLE-6) and the starter course (R-GATE-1)."""
    gate = submission_gate(contact)
    if gate.reason is GateReason.NO_ROLE:
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if not gate.may_submit:
        raise GateBlocked(gate)
    IncidentType(incident_type), ProductArea(product_area), Environment(environment)
    _check_files(files)
    now = now or timezone.now()
    with transaction.atomic():
        fields = dict(
            organisation=contact.organisation, reporter=contact, subject=subject,
            description=description, incident_type=incident_type, product_area=product_area,
            environment=environment, status=Status.SUBMITTED,
            team=team_for(product_area=product_area, incident_type=incident_type),
            created_at=now, updated_at=now,
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
        queue_status_email(change)
    return incident


def reply(*, contact: Contact, incident: Incident, body: str,
          files: Sequence[UploadedFile] = (), now: dt.datetime | None = None) -> Message:
    """The customer replies; on a resolved incident this reopens it, on one waiting for
    them it resumes the clock (R-INC-6, R-ROLE-13)."""
    _check_customer(contact, incident, submit=True)
    _check_files(files)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        if incident.status == Status.CLOSED:
            raise IncidentClosed(incident.number)
        message = Message.objects.create(incident=incident, kind=MessageKind.CUSTOMER,
                                         author_contact=contact, body=body, created_at=now)
        _attach(incident=incident, message=message, files=files, contact=contact, now=now)
        if incident.status in (Status.RESOLVED, Status.WAITING):
            _set_status(incident, Status.IN_PROGRESS, now=now, by_contact=contact)
        else:
            incident.updated_at = now
            incident.save(update_fields=["updated_at"])
    return message


def reply_as_staff(*, incident: Incident, body: str, by: User,
                   files: Sequence[UploadedFile] = (), now: dt.datetime | None = None) -> Message:
    """A public reply from support, with files the customer may download under the same
    rules as their own (R-INC-9); the reporter gets it by email (R-INC-7, R-INC-8)."""
    _check_staff(by)
    _check_files(files)
    now = now or timezone.now()
    with transaction.atomic():
        incident = _lock(incident)
        if incident.status == Status.CLOSED:
            raise IncidentClosed(incident.number)
        message = Message.objects.create(incident=incident, kind=MessageKind.PUBLIC,
                                         author_user=by, body=body, created_at=now)
        _attach(incident=incident, message=message, files=files, contact=None, now=now)
        incident.updated_at = now
        incident.save(update_fields=["updated_at"])
        queue_reply_email(message)
    return message


def add_internal_note(*, incident: Incident, body: str, by: User,
                      now: dt.datetime | None = None) -> Message:
    """A note for support only: never on a customer page or in an email (R-INC-8)."""
    _check_staff(by)
    return Message.objects.create(incident=incident, kind=MessageKind.INTERNAL, author_user=by,
                                  body=body, created_at=now or timezone.now())


def change_status(*, incident: Incident, status: str, by: User,
                  now: dt.datetime | None = None) -> StatusChange:
    """Support moves the incident along R-INC-6; recorded and emailed (R-INC-7)."""
    _check_staff(by)
    with transaction.atomic():
        return _set_status(_lock(incident), Status(status), now=now or timezone.now(),
                           by_user=by)


def set_priority(*, incident: Incident, priority: int, by: User,
                 now: dt.datetime | None = None) -> Incident:
    """Support sets the priority and with it the target (R-INC-4); P1 only for First Class
    organisations."""
    _check_staff(by)
    priority = Priority(priority)
    with transaction.atomic():
        incident = _lock(incident)
        if incident.status == Status.CLOSED:
            raise IncidentClosed(incident.number)
        if (priority == Priority.P1
                and incident.organisation.service_level != ServiceLevel.FIRST_CLASS):
            raise PriorityRefused(incident.number)
        incident.priority = priority
        incident.target_at, incident.at_risk_at = sla.targets(incident, WorkClock())
        incident.updated_at = now or timezone.now()
        incident.save()
    return incident


def set_team(*, incident: Incident, team: SupportTeam | None, by: User) -> Incident:
    """Support moves the incident to another team (or none); not a closed one."""
    _check_staff(by)
    if not (Incident.objects.filter(pk=incident.pk).exclude(status=Status.CLOSED)
            .update(team=team, updated_at=timezone.now())):
        raise IncidentClosed(incident.number)  # closed is final (R-INC-6)
    incident.team = team
    return incident


def assign(*, incident: Incident, assignee: User | None, by: User) -> Incident:
    """Support assigns the incident to a staff member (or nobody); not a closed one."""
    _check_staff(by)
    if assignee is not None and not assignee.is_staff:
        raise IncidentError("only staff can be assigned")
    if not (Incident.objects.filter(pk=incident.pk).exclude(status=Status.CLOSED)
            .update(assignee=assignee, updated_at=timezone.now())):
        raise IncidentClosed(incident.number)  # closed is final (R-INC-6)
    incident.assignee = assignee
    return incident


def request_remote_access(*, incident: Incident, by: User, reason: str = "",
                          now: dt.datetime | None = None) -> RemoteAccessGrant:
    """Support asks the customer for access to their environment (R-INC-11)."""
    _check_staff(by)
    if incident.status == Status.CLOSED:
        raise IncidentClosed(incident.number)
    return RemoteAccessGrant.objects.create(incident=incident, requested_by=by, reason=reason,
                                            requested_at=now or timezone.now())


def grant_remote_access(*, contact: Contact, incident: Incident, level: str,
                        expires_at: dt.datetime, request: RemoteAccessGrant | None = None,
                        now: dt.datetime | None = None) -> RemoteAccessGrant:
    """The customer grants temporary access at a level of their choice, answering support's
    request or on their own (R-INC-11)."""
    _check_customer(contact, incident, submit=True)
    now = now or timezone.now()
    level = AccessLevel(level)
    if not now < expires_at <= now + MAX_GRANT:
        raise ValidationError("the expiry must be in the future and within 14 days")
    if incident.status == Status.CLOSED:
        raise IncidentClosed(incident.number)
    with transaction.atomic():
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
    """The customer ends a grant (or declines a request) at once (R-INC-11)."""
    _check_customer(contact, grant.incident, submit=True)
    if grant.revoked_at is None:
        grant.revoked_at, grant.revoked_by = now or timezone.now(), contact
        grant.save(update_fields=["revoked_at", "revoked_by"])
    return grant


def answer_survey(*, contact: Contact, incident: Incident, score: int, comment: str = "",
                  now: dt.datetime | None = None) -> SatisfactionSurvey:
    """The reporter rates a resolved incident 1–5 with a comment (answering again replaces
    the earlier answer); staff see the results in the admin."""
    _check_customer(contact, incident, submit=False)
    incident = Incident.objects.get(pk=incident.pk)
    if incident.reporter_id != contact.pk:
        raise CapabilityDenied(Capability.SUBMIT_INCIDENTS)
    if incident.status not in (Status.RESOLVED, Status.CLOSED):
        raise IncidentError("the incident is not resolved")
    if not 1 <= int(score) <= 5:
        raise ValidationError("score 1–5")
    survey, _created = SatisfactionSurvey.objects.update_or_create(
        incident=incident, defaults={"contact": contact, "score": int(score),
                                     "comment": comment, "answered_at": now or timezone.now()})
    return survey
