"""Reads for the support and incident pages, scoped to the active contact's organisation in
SQL; internal notes (R-INC-8) never leave ``Message.public`` here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField, Case, Count, DateTimeField, Exists, F, OuterRef, Prefetch, Q, QuerySet,
    Subquery, Value, When, prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext

from accounts.permissions import ROLE_MATRIX, Capability, can, can_any
from contacts.models import ROLE_FIELDS, Contact, Organisation
from contacts.queries import administrators_of, contacts_of
from contacts.seats import SeatStatus, seat_status
from courses.gate import (
    BlockedSubmitter, GateReason, GateStatus, blocked_submitters, submission_gate,
)
from core.queries import AnyOf, count_of
from incidents.calendar import SupportCalendar, Today, describe_week, local
from incidents.models import (
    CLOCK_RUNNING, Attachment, BackupPermission, BusyNotice, Follower, FollowerStep, Incident,
    IncidentType, IncidentVisit,
    Message, OwnerChange, RemoteAccessGrant, RemoteSession, RemoteStep, RemoteStepKind,
    Status, StatusChange, SupportCode, active_busy_notices, ran_out_at,
)
from incidents.waiting import replies_closed

# The support page lists the days the desk is closed in this many days ahead.
UPCOMING_DAYS = 42


@dataclass(frozen=True)
class ScheduleRow:
    weekday: int  # Monday is 0
    hours: tuple[dt.time, dt.time] | None
    is_today: bool

    @property
    def name(self) -> str:
        return WEEKDAYS[self.weekday]


@dataclass(frozen=True)
class SupportOverview:
    """Everything the support page shows the active contact (R-QUOTA-4, R-INC-5, R-INC-10)."""

    organisation: Organisation
    seats: SeatStatus
    may_submit: bool  # the role Submit incidents (R-ROLE-6) and past the gate (R-GATE-1)
    has_role: bool  # the role Submit incidents, whether or not the gate lets them through
    gate: GateStatus  # why (not): the starter course the contact still has to pass (R-GATE-2)
    certified_expert: bool  # holds the role without taking a seat (R-QUOTA-1)
    may_assign_roles: bool  # an administrator, who can give themselves the role (R-ROLE-8)
    administrators: list[Contact]  # who can give the role; empty when the contact has it
    phone_number: str | None  # only for submitters (R-ROLE-6)
    today: Today
    opens_in_days: int | None  # days from today to the next opening (0: today)
    schedule: list[ScheduleRow]
    upcoming_closures: list[tuple[dt.date, str]]  # weekdays closed in the coming weeks
    # Days of the coming weeks with other hours (a shorter day, a longer evening; R-INC-16).
    upcoming_changes: list[tuple[dt.date, tuple[dt.time, dt.time], str]]
    # New weekly hours that take over in the coming weeks: (from, the week in short).
    upcoming_schedules: list[tuple[dt.date, str]]
    # For administrators: contacts with the role whom the starter-course gate still stops
    # (R-GATE-5); empty for everyone else.
    blocked: list[BlockedSubmitter]
    busy_notices: list[BusyNotice]  # Support is exceptionally busy (R-INC-17)


def busy_notices(at: dt.datetime) -> list[BusyNotice]:
    """The busyness notices that hold at ``at``, the one for all product areas first, in one
    query (R-INC-17)."""
    return list(BusyNotice.objects.filter(active_busy_notices(at))
                .order_by("product_area", "starts_at", "pk"))


def support_overview(contact: Contact, at: dt.datetime) -> SupportOverview:
    """The support page of ``contact`` at the moment ``at``; a fixed number of queries
    whatever the number of seat holders (R-X-3)."""
    organisation = contact.organisation
    gate = submission_gate(contact)
    has_role = gate.reason is not GateReason.NO_ROLE
    may_submit = gate.may_submit
    day = local(at).date()
    # One query answers today's hours, the week in force and the coming exceptions.
    calendar = SupportCalendar().load(day, day + dt.timedelta(days=UPCOMING_DAYS))
    today = calendar.today(at)
    may_assign_roles = can(contact, Capability.MANAGE_CONTACTS)
    return SupportOverview(
        organisation=organisation,
        seats=seat_status(organisation),
        may_submit=may_submit,
        has_role=has_role,
        gate=gate,
        certified_expert=contact.certified_expert,
        may_assign_roles=may_assign_roles,
        administrators=[] if has_role else list(administrators_of(organisation)),
        phone_number=settings.SUPPORT_PHONE_NUMBER if may_submit else None,
        today=today,
        opens_in_days=today.opens_in_days,
        schedule=[ScheduleRow(weekday, day_hours, weekday == today.date.weekday())
                  for weekday, day_hours in calendar.week_on(day)],
        upcoming_closures=calendar.closed_days(day + dt.timedelta(days=1),
                                               day + dt.timedelta(days=UPCOMING_DAYS)),
        upcoming_changes=calendar.changed_days(day + dt.timedelta(days=1),
                                               day + dt.timedelta(days=UPCOMING_DAYS)),
        upcoming_schedules=[(start, describe_week(week) or gettext("closed")) for start, week
                            in calendar.schedule_changes(day + dt.timedelta(days=1),
                                                         day + dt.timedelta(days=UPCOMING_DAYS))],
        blocked=blocked_submitters(contacts_of(organisation), now=at) if may_assign_roles
        else [],
        busy_notices=busy_notices(at),
    )


def incidents_visible_to(contact: Contact | None) -> QuerySet[Incident]:
    """All of the organisation's incidents for VIEW_ALL_INCIDENTS (administrators and
    viewers, R-ROLE-7); otherwise the ones the contact reported or owns, whatever their roles
    now (R-ROLE-6, R-INC-13): the reporter always reads their own incidents."""
    if contact is None or not contact.is_active:
        return Incident.objects.none()
    if can(contact, Capability.VIEW_ALL_INCIDENTS):
        return Incident.objects.filter(organisation_id=contact.organisation_id)
    # R-MAIL-5: a follower reads the incident too (the link in their emails opens it), for as
    # long as they follow it and are an active contact of its organisation.
    # Three index lookups OR-ed (issue 15): with the follow as a correlated subquery in the
    # OR, PostgreSQL read all 50,000 incidents of the organisation to find the handful of a
    # contact without a role; the followed ids are read once instead (``AnyOf``).
    followed = Follower.objects.filter(CURRENT_FOLLOWER, contact=contact).order_by()
    return Incident.objects.filter(
        Q(reporter=contact) | Q(owner=contact) | AnyOf("pk", followed.values("incident_id")),
        organisation_id=contact.organisation_id)


def may_open_incidents(contact: Contact | None) -> bool:
    """May the contact open the incident pages at all: with SUBMIT_INCIDENTS or
    VIEW_ALL_INCIDENTS, or, without them, when they reported or own an incident (R-INC-13).
    The contact without any of these gets the 403 page that names the roles (R-ROLE-14)."""
    if can_any(contact, Capability.SUBMIT_INCIDENTS, Capability.VIEW_ALL_INCIDENTS):
        return True
    return incidents_visible_to(contact).exists()


# R-INC-13: who can still act on an incident: an active contact with an active login in an
# active organisation, not removed (R-ROLE-18). The SQL form, for choosing a new owner.
ACTIVE_CONTACT = Q(is_active=True, removed_at__isnull=True, user__is_active=True,
                   organisation__is_active=True)


def is_active_contact(contact: Contact) -> bool:
    """The Python form of ``ACTIVE_CONTACT`` (reads ``contact.user`` and ``.organisation``)."""
    return (contact.is_active and contact.removed_at is None and contact.user.is_active
            and contact.organisation.is_active)


def can_act_on_incidents(contact: Contact) -> bool:
    """An active contact with SUBMIT_INCIDENTS: an owner who can reply on their incidents
    and hears about them by email (R-INC-13)."""
    return is_active_contact(contact) and can(contact, Capability.SUBMIT_INCIDENTS)


def is_acting_owner(contact: Contact | None, incident: Incident) -> bool:
    """The contact owns the incident and can still act on it (``can_act_on_incidents``),
    whatever its status. The emails of an incident go only to such an owner; ending
    support's access and the survey need it too."""
    return (contact is not None and incident.owner_id == contact.pk
            and can_act_on_incidents(incident.owner))


# R-MAIL-5: a follow that has not been ended.
CURRENT_FOLLOWER = Q(removed_at__isnull=True)


def is_follower(contact: Contact | None, incident: Incident) -> bool:
    """The contact follows the incident and is still an active contact of its organisation
    (R-MAIL-5): they read it and get its status and reply emails. One query. (Replying by
    email also needs ``can_act_on_incidents``, R-ROLE-13.)"""
    return (contact is not None and contact.organisation_id == incident.organisation_id
            and is_active_contact(contact)
            and Follower.objects.filter(CURRENT_FOLLOWER, incident=incident,
                                        contact=contact).exists())


def follower_ids(incident: Incident) -> list[int]:
    """The contacts following the incident now (the emails check each again when sent)."""
    return list(Follower.objects.filter(CURRENT_FOLLOWER, incident=incident)
                .order_by("pk").values_list("contact_id", flat=True))


def new_incident_recipients(incident: Incident) -> list[int]:
    """Who hears of a new incident (R-MAIL-6): the organisation's active contacts who see all
    its incidents (R-ROLE-7, read from the role matrix), other than the reporter. One query."""
    rule = ROLE_MATRIX[Capability.VIEW_ALL_INCIDENTS]
    holds = Q()
    for role in rule.roles or ():
        holds |= Q(**{ROLE_FIELDS[role]: True})
    return list(Contact.objects.filter(holds, ACTIVE_CONTACT, notify_new_incidents=True,
                                       organisation_id=incident.organisation_id)
                .exclude(pk=incident.reporter_id).order_by("pk").values_list("pk", flat=True))


def contacts_of_incident_organisation(incident: Incident) -> QuerySet[Contact]:
    """The contacts of the incident's organisation (a follower to remove is one of them)."""
    return Contact.objects.filter(organisation_id=incident.organisation_id).select_related(
        "user", "organisation")


def may_manage_followers(contact: Contact | None, incident: Incident) -> bool:
    """The reporter or the owner, while an active contact, adds colleagues as followers of
    the incident and removes them, until it is closed (R-MAIL-5)."""
    return (contact is not None and incident.status != Status.CLOSED
            and contact.pk in (incident.reporter_id, incident.owner_id)
            and is_active_contact(contact))


def may_follow(contact: Contact | None, incident: Incident) -> bool:
    """Administrators and viewers follow any incident of their organisation themselves
    (R-MAIL-5); not one they own (its emails come to them anyway) or one that is closed."""
    return (contact is not None and can(contact, Capability.VIEW_ALL_INCIDENTS)
            and contact.organisation_id == incident.organisation_id
            and incident.status != Status.CLOSED and contact.pk != incident.owner_id)


def follower_candidates(incident: Incident) -> QuerySet[Contact]:
    """Who the reporter or owner can add as a follower (R-MAIL-5): every active contact of
    the incident's organisation, whatever their roles, who does not own it or follow it
    already, by name. One query."""
    following = Follower.objects.filter(CURRENT_FOLLOWER, incident=incident).values("contact_id")
    return (Contact.objects.filter(ACTIVE_CONTACT, organisation_id=incident.organisation_id)
            .exclude(pk=incident.owner_id).exclude(pk__in=following).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email", "pk"))


def follower_steps(incident: Incident) -> list[FollowerStep]:
    """Followers added and removed, from the rows ``incident_thread`` loaded (no query)."""
    steps = []
    for follow in incident.all_followers:
        steps.append(FollowerStep(True, follow.added_at, follow.contact, follow.added_by))
        if follow.removed_at is not None:
            steps.append(FollowerStep(False, follow.removed_at, follow.contact,
                                      follow.removed_by))
    return steps
def may_post_message(contact: Contact | None, incident: Incident) -> bool:
    """Who writes on the incident (R-INC-13, R-MAIL-2, R-MAIL-5): the owner who can still act
    on it, and a follower who can act on incidents (active, with Submit incidents, R-ROLE-13),
    as themselves. Marking solved, withdrawing and granting access stay with the owner."""
    return is_acting_owner(contact, incident) or (
        contact is not None and can_act_on_incidents(contact) and is_follower(contact, incident))


def may_reply_by_email(contact: Contact | None, incident: Incident,
                       now: dt.datetime | None = None) -> bool:
    """R-MAIL-2: the contact a reply address was issued to may post a reply by email while
    they may reply on the web (``actions.message_refusal``): the owner or a follower who may
    write on it (``may_post_message``), and the incident takes replies (not closed, not past
    its reopen period)."""
    return (contact is not None and may_post_message(contact, incident)
            and not replies_closed(incident, now or timezone.now()))


def owner_cannot_reply(incident: Incident) -> bool:
    """An open incident whose owner can no longer act on it (deactivated, removed, role
    lost): administrators and viewers see that an administrator can hand it over."""
    return incident.is_open and not can_act_on_incidents(incident.owner)


def may_hand_over(contact: Contact | None, incident: Incident) -> bool:
    """An administrator of the organisation hands over an open incident (R-INC-13)."""
    return (can(contact, Capability.HAND_OVER_INCIDENTS) and incident.is_open
            and contact is not None and contact.organisation_id == incident.organisation_id)


def hand_over_candidates(incident: Incident) -> QuerySet[Contact]:
    """Who an incident can be handed over to: the organisation's active contacts other
    than the current owner, by name."""
    return (Contact.objects.filter(ACTIVE_CONTACT, organisation_id=incident.organisation_id)
            .exclude(pk=incident.owner_id).select_related("user")
            .order_by("user__last_name", "user__first_name", "user__email", "pk"))


# R-INC-4/5: the target the SLA clock runs towards, only while it runs (submitted or in
# progress): waiting for the customer pauses it, a resolved or closed incident has none.
# ``sla.deadline`` says the same of one incident, with the working time left.
RUNNING_TARGET = Case(When(status__in=CLOCK_RUNNING, then=F("target_at")), default=None,
                      output_field=DateTimeField())


# Issue 14: the last public reply or status change (or the submission), what a customer
# calls "last activity"; internal notes are never activity on a customer page (R-INC-8).
# Stored on the incident by the actions (issue 15).
LAST_ACTIVITY = Coalesce(F("last_activity_at"), F("created_at"))


def unseen_by(contact: Contact) -> Q:
    """Issue 14: the incident has news for the contact: activity after its submission that
    they have not opened it since (their ``IncidentVisit``). An anti-join on the stored last
    activity, for the list's marker and the dashboard's count (issue 15: reading every
    incident's messages for the count took 290 ms at 50,000 incidents)."""
    seen_since = IncidentVisit.objects.filter(contact=contact, incident=OuterRef("pk"),
                                              seen_at__gte=OuterRef("last_activity_at"))
    return Q(~Exists(seen_since), last_activity_at__gt=F("created_at"))


def incident_list_for(contact: Contact) -> QuerySet[Incident]:
    """The incidents the contact sees, newest first, with what the list shows (the owner's
    login and organisation for the "cannot reply" marker, the ``running_target_at``, the
    last activity and whether it came after the contact last opened the incident): two
    queries per page (count and rows) whatever the number of rows (R-X-3)."""
    return (incidents_visible_to(contact)
            .select_related("reporter__user", "owner__user", "owner__organisation", "team")
            .annotate(running_target_at=RUNNING_TARGET, activity_at=LAST_ACTIVITY,
                      unseen=Case(When(unseen_by(contact), then=Value(True)),
                                  default=Value(False), output_field=BooleanField()))
            .order_by("-created_at", "-pk"))


def get_incident_for(contact: Contact | None, number: str) -> Incident:
    """The incident with this number if the contact may see it; 404 otherwise, whether it
    is another organisation's, a colleague's (for a submitter) or does not exist."""
    incident = (incidents_visible_to(contact)
                .select_related("organisation", "reporter__user", "owner__user",
                                "owner__organisation", "team")
                .filter(number=number).first())
    if incident is None:
        raise Http404
    return incident


# Issue 15: a thread shows its newest messages; earlier ones come a page at a time.
THREAD_PAGE = 20


@dataclass(frozen=True)
class ThreadPage:
    """Public messages of an incident, oldest first, and ``earlier``: the id of the first of
    them when older messages exist (the ``before`` of the page before it), else ``None``."""

    messages: Sequence[Message]
    earlier: int | None


def thread_page(incident: Incident, *, before: int | None = None,
                size: int | None = THREAD_PAGE) -> ThreadPage:
    """The ``size`` public messages (with their attachments and authors) before the message
    ``before``, or the newest ones: keyset pagination on (sent at, id), so any page costs
    the same index scan however long the thread (R-X-3). Internal notes are never loaded;
    a ``before`` that is not a public message of this incident is not found (404).
    ``size=None``: every public message (the API's incident, which has no "earlier" link)."""
    messages = (Message.public.filter(incident=incident)
                .select_related("author_contact__user", "author_user")
                .prefetch_related(Prefetch(
                    "attachments", queryset=Attachment.objects.order_by("created_at", "pk"),
                    to_attr="files")))
    if before is not None:
        anchor = (Message.public.filter(incident=incident, pk=before)
                  .values_list("created_at", flat=True).first())
        if anchor is None:
            raise Http404
        messages = messages.filter(Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before))
    if size is None:
        return ThreadPage(messages=list(messages.order_by("created_at", "pk")), earlier=None)
    newest = list(messages.order_by("-created_at", "-pk")[:size + 1])
    shown = newest[:size][::-1]
    return ThreadPage(messages=shown, earlier=shown[0].pk if len(newest) > size else None)


def incident_thread(incident: Incident, now: dt.datetime | None = None, *,
                    messages: int | None = THREAD_PAGE) -> Incident:
    """The incident with its newest public messages (``thread``, see ``thread_page``), the
    attachments sent with the form, the status and owner history and the remote assistance
    (grants, support codes, sessions, backup permissions), each table in one query whatever
    the number of rows (R-X-3), and all of it in one history by time (``timeline``) as it
    stands at ``now``. Internal notes are not loaded."""
    incident.thread = thread_page(incident, size=messages)
    prefetch_related_objects(
        [incident],
        Prefetch("attachments", queryset=Attachment.objects.filter(message__isnull=True),
                 to_attr="form_files"),
        Prefetch("status_changes",
                 queryset=StatusChange.objects.select_related("by_contact__user", "by_user"),
                 to_attr="history"),
        Prefetch("owner_changes",
                 queryset=OwnerChange.objects.select_related("from_owner__user",
                                                             "to_owner__user",
                                                             "by_contact__user"),
                 to_attr="handovers"),
        Prefetch("access_grants",
                 queryset=RemoteAccessGrant.objects.select_related(
                     "requested_by", "granted_by__user", "revoked_by__user").order_by("-pk"),
                 to_attr="grants"),
        Prefetch("support_codes", queryset=SupportCode.objects.select_related("created_by"),
                 to_attr="codes"),
        Prefetch("remote_sessions",
                 queryset=RemoteSession.objects.select_related(
                     "engineer", "confirmed_by__user", "ended_by_contact__user",
                     "ended_by_user"),
                 to_attr="sessions"),
        Prefetch("followers",
                 queryset=Follower.objects.select_related("contact__user", "added_by__user",
                                                          "removed_by__user"),
                 to_attr="all_followers"),
        Prefetch("backup_permissions",
                 queryset=BackupPermission.objects.select_related(
                     "requested_by", "granted_by__user", "revoked_by__user").order_by("-pk"),
                 to_attr="backups"),
    )
    # Status and owner changes and the steps of remote assistance in one history, by time
    # (R-INC-6, R-INC-11, R-INC-13).
    incident.timeline = sorted([*incident.history, *incident.handovers,
                                *remote_steps(incident, now or timezone.now()),
                                *follower_steps(incident)],
                               key=lambda entry: entry.at)
    # R-MAIL-5: who follows it now.
    incident.current_followers = [follow for follow in incident.all_followers
                                  if follow.removed_at is None]
    return incident


def remote_steps(incident: Incident, now: dt.datetime) -> list[RemoteStep]:
    """Every step of remote assistance on an incident loaded by ``incident_thread``, read
    from the rows' timestamps: requests, grants, revocations and expiries of access and
    backup permissions, support codes created and refused after wrong tries, sessions started
    and ended (R-INC-11). No query of its own."""
    steps: list[RemoteStep] = []
    kind = RemoteStepKind
    for permits, prefix in ((incident.grants, "access"), (incident.backups, "backup")):
        for permit in permits:
            if permit.requested_at is not None:
                steps.append(RemoteStep(kind(f"{prefix}_requested"), permit.requested_at,
                                        by_user=permit.requested_by, detail=permit.reason))
            if permit.granted_at is not None:
                level = (permit.get_level_display()
                         if isinstance(permit, RemoteAccessGrant) else "")
                steps.append(RemoteStep(kind(f"{prefix}_granted"), permit.granted_at,
                                        by_contact=permit.granted_by, detail=level,
                                        until=permit.expires_at))
            if (expired_at := ran_out_at(permit, now)) is not None:
                steps.append(RemoteStep(kind(f"{prefix}_expired"), expired_at))
            elif permit.revoked_at is not None:
                steps.append(RemoteStep(kind(f"{prefix}_revoked"), permit.revoked_at,
                                        by_contact=permit.revoked_by))
    for code in incident.codes:
        steps.append(RemoteStep(kind.CODE_CREATED, code.created_at, by_user=code.created_by,
                                until=code.expires_at))
        if code.locked_at is not None:
            steps.append(RemoteStep(kind.CODE_LOCKED, code.locked_at))
    for session in incident.sessions:
        steps.append(RemoteStep(kind.SESSION_STARTED, session.started_at,
                                by_contact=session.confirmed_by, with_user=session.engineer))
        if session.ended_at is not None:
            steps.append(RemoteStep(kind.SESSION_ENDED, session.ended_at,
                                    by_contact=session.ended_by_contact,
                                    by_user=session.ended_by_user, with_user=session.engineer))
    return steps


def get_attachment_for(contact: Contact | None, number: str, pk: int) -> Attachment:
    """An attachment of a visible incident, not of an internal note; 404 otherwise."""
    incident = get_incident_for(contact, number)
    attachment = (Attachment.objects.filter(incident=incident, pk=pk)
                  .filter(Q(message__isnull=True) | Q(message__in=Message.public.all())).first())
    if attachment is None:
        raise Http404
    return attachment


def question_signals(*, since: dt.datetime, limit: int = 25) -> tuple[list, list]:
    """R-INC-12: the organisations and the contacts with the most ``question`` incidents
    since ``since``, most first (for Customer Care)."""
    questions = Incident.objects.filter(incident_type=IncidentType.QUESTION, created_at__gte=since)
    organisations = list(questions.values("organisation_id", "organisation__name")
                         .annotate(count=Count("pk")).order_by("-count", "organisation__name")
                         [:limit])
    contacts = list(questions.values("reporter_id", "reporter__user__email",
                                     "reporter__user__first_name", "reporter__user__last_name",
                                     "organisation__name")
                    .annotate(count=Count("pk")).order_by("-count", "reporter__user__email")
                    [:limit])
    return organisations, contacts


def attention_counts(contact: Contact, now: dt.datetime) -> dict[str, Subquery]:
    """Issue 14, the dashboard: the contact's incidents waiting for them and those with news
    since they last looked; for those who see all, the organisation's open incidents by status
    and those past their target. Counts to be read together in one query."""
    news = incidents_visible_to(contact).filter(unseen_by(contact))
    mine = Incident.objects.filter(owner=contact)
    counts = {
        "incidents_waiting_for_you": count_of(mine.filter(status=Status.WAITING)),
        "incidents_with_news": count_of(news),
    }
    if can(contact, Capability.VIEW_ALL_INCIDENTS):
        organisation = Incident.objects.filter(organisation_id=contact.organisation_id)
        counts |= {
            "incidents_submitted": count_of(organisation.filter(status=Status.SUBMITTED)),
            "incidents_in_progress": count_of(organisation.filter(status=Status.IN_PROGRESS)),
            "incidents_waiting": count_of(organisation.filter(status=Status.WAITING)),
            "incidents_past_target": count_of(organisation.filter(status__in=CLOCK_RUNNING,
                                                                  target_at__lt=now)),
        }
    return counts
