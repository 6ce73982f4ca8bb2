"""Demo data of the support desk (part of ``seed_demo``): the opening hours (the usual week,
closed days and one upcoming shorter day; R-INC-16), an ended busyness notice (none active:
the demo pages stay calm; R-INC-17), support teams with
routing rules, and incidents of every status, type and priority in Demo BV and Andere BV with
public messages and an internal note, and one waiting for a reporter who has left (R-INC-13);
remote assistance: an access request, an ended screen-sharing session and an active backup
permission (R-INC-11).
Rows are written directly (not through the actions) so seeding sends no emails; running it
again resets the demo incidents."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact

from . import sla
from .models import (
    BackupPermission, BusyNotice, Environment, Incident, IncidentType, Message, MessageKind,
    OpeningException, OpeningSchedule, ProductArea, RemoteAccessGrant, RemoteSession,
    RoutingRule, SatisfactionSurvey, Status, StatusChange, SupportCode, SupportTeam,
)
from .remote import hash_code
from .calendar import SupportCalendar, public_holiday

# The usual week, as the migration that took the hours out of the code stores it.
SCHEDULE_FROM = dt.date(2000, 1, 1)
SCHEDULE = {
    "monday_opens": dt.time(8, 30), "monday_closes": dt.time(17, 0),
    "tuesday_opens": dt.time(8, 30), "tuesday_closes": dt.time(17, 0),
    "wednesday_opens": dt.time(8, 30), "wednesday_closes": dt.time(17, 0),
    "thursday_opens": dt.time(8, 30), "thursday_closes": dt.time(17, 0),
    "friday_opens": dt.time(8, 30), "friday_closes": dt.time(16, 0),
}
CLOSURE_DAYS = {
    dt.date(2026, 12, 24): "Kerstavond",
    dt.date(2026, 12, 31): "Jaarafsluiting",
}
# One shorter day in the coming weeks, so the support page shows "other hours".
SHORTER_DAY_REASON = "Teamdag: 's middags gesloten"
SHORTER_DAY_HOURS = (dt.time(8, 30), dt.time(12, 30))
# Support was exceptionally busy for Finance around the last year-end; ended long since.
ENDED_BUSY_MESSAGE = "Veel vragen rond de jaarafsluiting."


def shorter_day(today: dt.date) -> dt.date:
    """The Wednesday one to two weeks after ``today`` that is no holiday or closed day."""
    day = today + dt.timedelta(days=7 + (2 - today.weekday()) % 7)
    while day in CLOSURE_DAYS or public_holiday(day):
        day += dt.timedelta(days=7)
    return day

TEAMS: dict[str, str] = {
    ProductArea.FINANCE: "Team Financieel",
    ProductArea.HRM_PAYROLL: "Team HRM/Payroll",
    ProductArea.CRM: "Team CRM en Projecten",
    ProductArea.PROJECTS: "Team CRM en Projecten",
    ProductArea.ONLINE: "Team Online",
    ProductArea.OTHER: "Team Algemeen",
}
QUESTIONS_TEAM = "Team Gebruikersvragen"
# Support asks for remote access on this incident (R-INC-11).
ACCESS_REQUESTED = "31415926"
# R-INC-11 ways b and c: a screen-sharing session that has ended (started with a support
# code of the demo Support engineer), and a backup permission that holds for a few days.
SESSION_ENDED = "14142135"
BACKUP_ALLOWED = "27182818"
DEMO_ENGINEER = "support@portal.example"

# The status path that leads to each final status (R-INC-6).
PATHS = {
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.IN_PROGRESS: [Status.SUBMITTED, Status.IN_PROGRESS],
    Status.WAITING: [Status.SUBMITTED, Status.IN_PROGRESS, Status.WAITING],
    Status.RESOLVED: [Status.SUBMITTED, Status.IN_PROGRESS, Status.RESOLVED],
    Status.CLOSED: [Status.SUBMITTED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED],
}

# number, reporter, subject, type, product area, environment, status, priority, days ago,
# messages (kind, text).
INCIDENTS = [
    ("31415926", "insturen@demo.example", "Journaalpost kan niet worden geboekt",
     IncidentType.FAULT, ProductArea.FINANCE, Environment.PRODUCTION, Status.IN_PROGRESS, 2, 0,
     [(MessageKind.PUBLIC, "We kunnen de fout nabootsen en zoeken de oorzaak."),
      (MessageKind.INTERNAL, "Lijkt op de bekende fout in de btw-aangifte; ontwikkeling "
                             "ingelicht.")]),
    ("27182818", "insturen@demo.example", "Hoe maak ik een eigen rapport?",
     IncidentType.QUESTION, ProductArea.FINANCE, Environment.PRODUCTION, Status.WAITING, 4, 1,
     [(MessageKind.PUBLIC, "Welk rapport wil je aanpassen? Stuur je een schermafdruk mee?")]),
    ("16180339", "expert@demo.example", "Wens: export naar Excel vanuit de urenstaat",
     IncidentType.WISH, ProductArea.PROJECTS, Environment.PRODUCTION, Status.SUBMITTED, None, 0,
     []),
    ("14142135", "insturen@demo.example", "Salarisstrook toont verkeerde datum",
     IncidentType.FAULT, ProductArea.HRM_PAYROLL, Environment.TEST, Status.RESOLVED, 3, 8,
     [(MessageKind.CUSTOMER, "In de testomgeving zien we het ook."),
      (MessageKind.PUBLIC, "Opgelost in de update van vandaag.")]),
    ("17320508", "expert@demo.example", "Vraag over de koppeling met de bank",
     IncidentType.QUESTION, ProductArea.ONLINE, Environment.PRODUCTION, Status.CLOSED, 4, 20,
     [(MessageKind.PUBLIC, "De koppeling staat nu aan.")]),
    ("22360679", "expert@demo.example", "Wens: extra veld op de relatiekaart",
     IncidentType.WISH, ProductArea.CRM, Environment.PRODUCTION, Status.IN_PROGRESS, 5, 3,
     []),
    ("57721566", "beheerder@andere.example", "Storing: omgeving niet bereikbaar",
     IncidentType.OUTAGE, ProductArea.ONLINE, Environment.PRODUCTION, Status.IN_PROGRESS, 1, 0,
     [(MessageKind.PUBLIC, "We herstellen de omgeving met voorrang."),
      (MessageKind.INTERNAL, "First Class: elk uur status bellen.")]),
    ("69314718", "beheerder@andere.example", "Vraag over verlofsaldo",
     IncidentType.QUESTION, ProductArea.HRM_PAYROLL, Environment.PRODUCTION, Status.RESOLVED, 4,
     5, [(MessageKind.PUBLIC, "Het saldo wordt per kwartaal herrekend; zie het artikel.")]),
    ("30102999", "beheerder@andere.example", "Factuurrun loopt vast",
     IncidentType.FAULT, ProductArea.FINANCE, Environment.PRODUCTION, Status.SUBMITTED, None, 0,
     []),
]
# R-INC-13: waiting for a reporter who has left Demo BV (deactivated, seeded by
# contacts.demo): administrators and viewers see that it needs handing over. Seeded only when
# that contact exists.
LEFT_REPORTER_INCIDENT = (
    "33166247", "vertrokken@demo.example", "Inkoopfacturen worden dubbel ingelezen",
    IncidentType.FAULT, ProductArea.FINANCE, Environment.PRODUCTION, Status.WAITING, 3, 2,
    [(MessageKind.PUBLIC, "Kun je een factuurnummer sturen waarbij het misgaat?")])


def _seed_teams() -> dict[str, SupportTeam]:
    teams = {name: SupportTeam.objects.get_or_create(name=name)[0]
             for name in {*TEAMS.values(), QUESTIONS_TEAM}}
    for area, name in TEAMS.items():
        RoutingRule.objects.update_or_create(product_area=area, incident_type="",
                                             defaults={"team": teams[name]})
    RoutingRule.objects.update_or_create(product_area=ProductArea.FINANCE,
                                         incident_type=IncidentType.QUESTION,
                                         defaults={"team": teams[QUESTIONS_TEAM]})
    return teams


def _team_for(teams: dict[str, SupportTeam], area: str, kind: str) -> SupportTeam:
    if area == ProductArea.FINANCE and kind == IncidentType.QUESTION:
        return teams[QUESTIONS_TEAM]
    return teams[TEAMS[area]]


def _seed_incidents(teams: dict[str, SupportTeam]) -> None:
    emails = {row[1] for row in (*INCIDENTS, LEFT_REPORTER_INCIDENT)}
    contacts = {contact.user.email: contact for contact in Contact.objects.select_related(
        "user", "organisation").filter(user__email__in=emails)}
    if len(contacts.keys() - {LEFT_REPORTER_INCIDENT[1]}) < len(emails) - 1:
        return  # the demo contacts are seeded by contacts.demo first
    Incident.objects.filter(demo_incidents()).delete()
    calendar, now = SupportCalendar(), timezone.now()
    rows = [*INCIDENTS]
    if LEFT_REPORTER_INCIDENT[1] in contacts:
        rows.append(LEFT_REPORTER_INCIDENT)
    for row in rows:
        _seed_incident(row, contacts[row[1]], teams, calendar, now)


def _seed_incident(row: tuple, reporter: Contact, teams: dict[str, SupportTeam],
                   calendar: SupportCalendar, now: dt.datetime) -> None:
    (number, _email, subject, kind, area, environment, status, priority, days, messages) = row
    created = calendar.next_opening(now - dt.timedelta(days=days, hours=2))
    if created > now:
        created = now - dt.timedelta(hours=1)
    incident = Incident(
        number=number, organisation=reporter.organisation, reporter=reporter, owner=reporter,
        subject=subject, description=(f"{subject}\n\nGraag jullie hulp hierbij.\n"
                                     f"Groet, {reporter.user.first_name}"),
        incident_type=kind, product_area=area, environment=environment, status=status,
        priority=priority, team=_team_for(teams, area, kind), created_at=created,
        updated_at=created,
    )
    incident.target_at, incident.at_risk_at = sla.targets(incident, calendar)
    if status in (Status.WAITING, Status.RESOLVED, Status.CLOSED):
        incident.paused_since = created + dt.timedelta(minutes=30)
    if status in (Status.RESOLVED, Status.CLOSED):
        incident.resolved_at = incident.paused_since
    # Its last activity: the status changes and public messages written below.
    incident.last_activity_at = max(
        [created + dt.timedelta(minutes=10 * step) for step in range(len(PATHS[status]))]
        + [created + dt.timedelta(minutes=5 * offset)
           for offset, (message_kind, _body) in enumerate(messages, start=1)
           if message_kind != MessageKind.INTERNAL], default=created)
    incident.save()
    previous = ""
    for step, to_status in enumerate(PATHS[status]):
        StatusChange.objects.create(incident=incident, from_status=previous,
                                    to_status=to_status, at=created + dt.timedelta(
                                        minutes=10 * step),
                                    by_contact=reporter if step == 0 else None)
        previous = to_status
    for offset, (message_kind, body) in enumerate(messages, start=1):
        Message.objects.create(
            incident=incident, kind=message_kind, body=body,
            author_contact=reporter if message_kind == MessageKind.CUSTOMER else None,
            created_at=created + dt.timedelta(minutes=5 * offset))
    if number == ACCESS_REQUESTED:
        RemoteAccessGrant.objects.create(
            incident=incident, requested_at=created + dt.timedelta(minutes=20),
            reason="Mogen we meekijken bij het boeken van de journaalpost?")
    if number == SESSION_ENDED:
        _seed_session(incident, reporter, created + dt.timedelta(minutes=25))
    if number == BACKUP_ALLOWED:
        BackupPermission.objects.create(
            incident=incident, requested_at=created + dt.timedelta(minutes=15),
            reason="Mogen we een back-up opvragen om het rapport na te bootsen?",
            granted_by=reporter, granted_at=created + dt.timedelta(minutes=40),
            expires_at=now + dt.timedelta(days=3))
    if status == Status.CLOSED:
        SatisfactionSurvey.objects.create(incident=incident, contact=reporter, score=4,
                                          comment="Snel en vriendelijk geholpen.",
                                          answered_at=created + dt.timedelta(hours=2))


def _seed_session(incident: Incident, reporter: Contact, at: dt.datetime) -> None:
    """A code the engineer created and the reporter used, and the 40-minute session it
    started. The code's digits are thrown away: only its hash is ever stored."""
    engineer = User.objects.filter(email=DEMO_ENGINEER).first()
    digits = f"{secrets.randbelow(10 ** 6):06d}"
    code = SupportCode.objects.create(
        incident=incident, code_hash=hash_code(incident.pk, digits), created_by=engineer,
        created_at=at, expires_at=at + dt.timedelta(minutes=20),
        used_at=at + dt.timedelta(minutes=3))
    RemoteSession.objects.create(
        incident=incident, code=code, engineer=engineer, confirmed_by=reporter,
        started_at=at + dt.timedelta(minutes=3), ended_at=at + dt.timedelta(minutes=43),
        ended_by_contact=reporter)


def seed() -> None:
    """Create or reset the demo opening hours, teams, routing rules and incidents."""
    OpeningSchedule.objects.update_or_create(valid_from=SCHEDULE_FROM, defaults=SCHEDULE)
    for day, reason in CLOSURE_DAYS.items():
        OpeningException.objects.update_or_create(
            date=day, defaults={"reason": reason, "opens": None, "closes": None})
    # Moves with the date seeded: the one of an earlier run goes.
    OpeningException.objects.filter(reason=SHORTER_DAY_REASON).delete()
    opens, closes = SHORTER_DAY_HOURS
    OpeningException.objects.update_or_create(
        date=shorter_day(timezone.localdate()),
        defaults={"reason": SHORTER_DAY_REASON, "opens": opens, "closes": closes})
    _seed_busy_notice()
    _seed_incidents(_seed_teams())


def _seed_busy_notice() -> None:
    starts = timezone.now() - dt.timedelta(days=30)
    BusyNotice.objects.update_or_create(message=ENDED_BUSY_MESSAGE, defaults={
        "product_area": ProductArea.FINANCE, "starts_at": starts,
        "expected_end": starts + dt.timedelta(days=5),
        "ended_at": starts + dt.timedelta(days=4)})


def demo_incidents() -> Q:
    return Q(number__in=[row[0] for row in (*INCIDENTS, LEFT_REPORTER_INCIDENT)])
