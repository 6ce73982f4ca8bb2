"""Demo organisations, contacts and staff of SPEC §11 (part of ``seed_demo``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.mfa import set_up_totp
from accounts.models import User
from accounts.roles import OrganisationKind, Role
from accounts.staff import ensure_staff_groups
from contacts.actions import recount_submitter_seats
from contacts.models import (
    ROLE_FIELDS, Contact, Invitation, Language, Organisation, SeatAllowanceRule, Segment,
    ServiceLevel, SubmissionProfile,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# R-X-7: staff need a second factor. The demo staff share this published secret (like the
# demo password, only where seed_demo runs: DEBUG), so `make run` still opens the admin: add
# it to an authenticator app, or take the code seed_demo prints.
# Published in the README: the demo staff accounts' authenticator secret, demo data only.
DEMO_TOTP_SECRET = "KLANTPORTAALDEMOSTAFFGEHEIMCODE2"  # nosec B105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    organisation: str | None
    roles: tuple[Role, ...] = ()
    description: str = ""
    created: dt.date = dt.date(2024, 6, 3)
    # (certificate date, valid until) of a certified expert (R-QUOTA-7)
    expert_certificate: tuple[dt.date, dt.date] | None = None
    submission_profile: str = SubmissionProfile.FINANCE
    staff_group: str | None = None
    is_active: bool = True


ORGANISATIONS = {
    "Demo BV": dict(kind=OrganisationKind.CUSTOMER, street="Stationsplein 1", postal_code="3511 ED",
                    city="Utrecht", phone="+31 30 123 4567", email="info@demo.example",
                    segment=Segment.BUSINESS_SERVICES, employee_count=85,
                    service_level=ServiceLevel.STANDARD),
    "Andere BV": dict(kind=OrganisationKind.CUSTOMER, street="Damrak 70", postal_code="1012 LM",
                      city="Amsterdam", phone="+31 20 765 4321", email="info@andere.example",
                      segment=Segment.CARE, employee_count=420,
                      service_level=ServiceLevel.FIRST_CLASS),
    "Koppeling BV": dict(kind=OrganisationKind.PARTNER, street="Kanaalweg 12",
                         postal_code="3526 KL", city="Utrecht", phone="+31 30 222 3344",
                         email="info@koppeling.example", segment=Segment.SOFTWARE,
                         employee_count=25, service_level=ServiceLevel.STANDARD),
}

# (segment or "" for any, from, up to, seats): Demo BV (85 employees) gets 3 seats.
SEAT_RULES = [
    ("", 0, 49, 2),
    ("", 50, 249, 3),
    ("", 250, None, 5),
    (Segment.CARE, 250, None, 6),
]

ACCOUNTS = [
    DemoAccount("beheerder@demo.example", "Bea", "Beheerder", "Demo BV", (Role.ADMINISTRATOR,),
                "ADMINISTRATOR"),
    DemoAccount("insturen@demo.example", "Ies", "Insturen", "Demo BV",
                (Role.EMPLOYEE, Role.SUBMIT_INCIDENTS), "EMPLOYEE, SUBMIT_INCIDENTS (2025)",
                created=dt.date(2025, 3, 10)),
    DemoAccount("nieuw@demo.example", "Niels", "Nieuw", "Demo BV",
                (Role.EMPLOYEE, Role.SUBMIT_INCIDENTS),
                "EMPLOYEE, SUBMIT_INCIDENTS, created 2026-02-01, starter course not passed",
                created=dt.date(2026, 2, 1)),
    DemoAccount("bekijken@demo.example", "Bart", "Bekijken", "Demo BV",
                (Role.EMPLOYEE, Role.VIEW_INCIDENTS), "EMPLOYEE, VIEW_INCIDENTS"),
    DemoAccount("medewerker@demo.example", "Mila", "Medewerker", "Demo BV", (Role.EMPLOYEE,),
                "EMPLOYEE"),
    DemoAccount("geenrol@demo.example", "Gijs", "Geenrol", "Demo BV", (), "no role"),
    DemoAccount("expert@demo.example", "Eva", "Expert", "Demo BV", (Role.SUBMIT_INCIDENTS,),
                "SUBMIT_INCIDENTS, certified expert",
                expert_certificate=(dt.date(2025, 6, 5), dt.date(2027, 6, 5))),
    DemoAccount("verlopen@demo.example", "Victor", "Verlopen", "Demo BV", (Role.EMPLOYEE,),
                "EMPLOYEE, expert certificate expired (would take a seat with the role)",
                created=dt.date(2024, 2, 5),
                expert_certificate=(dt.date(2024, 3, 1), dt.date(2026, 3, 1))),
    DemoAccount("vertrokken@demo.example", "Vera", "Vertrokken", "Demo BV",
                (Role.EMPLOYEE, Role.SUBMIT_INCIDENTS),
                "left the organisation (deactivated); her open incident waits for a hand-over",
                created=dt.date(2025, 1, 20), is_active=False),
    DemoAccount("beheerder@andere.example", "Anna", "Andere", "Andere BV",
                (Role.ADMINISTRATOR, Role.SUBMIT_INCIDENTS), "ADMINISTRATOR, SUBMIT_INCIDENTS"),
    DemoAccount("partner@koppeling.example", "Piet", "Partner", "Koppeling BV",
                (Role.ADMINISTRATOR,), "ADMINISTRATOR (partner)"),
    DemoAccount("support@portal.example", "Sanne", "Support", None, (), "staff, Support group",
                staff_group="Support"),
    DemoAccount("care@portal.example", "Carla", "Care", None, (),
                "staff, Customer Care group", staff_group="Customer Care"),
    DemoAccount("partners@portal.example", "Paul", "Partnerbeheer", None, (),
                "staff, Partner management group", staff_group="Partner management"),
    DemoAccount("consultant@portal.example", "Koen", "Consultant", None, (),
                "staff, Consultancy group", staff_group="Consultancy"),
]

def _user(account: DemoAccount) -> User:
    user, _created = User.objects.update_or_create(
        email=account.email,
        defaults={"first_name": account.first_name, "last_name": account.last_name,
                  "is_staff": account.staff_group is not None, "is_active": True},
    )
    user.set_password(settings.PORTAL_DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    if account.staff_group:
        user.groups.add(Group.objects.get(name=account.staff_group))
        set_up_totp(user=user, secret=DEMO_TOTP_SECRET)
    return user


def staff_of(group: str) -> User:
    """The demo staff member of a staff group: the other demos make their staff's changes
    (articles, results, release files) through the staff actions as this person, so the
    demo takes no path around ``require_staff``. ``seed`` runs first."""
    email = next(account.email for account in ACCOUNTS if account.staff_group == group)
    return User.objects.get(email=email)


def seed() -> list[DemoAccount]:
    """Create or reset the demo organisations and accounts; safe to run again."""
    ensure_staff_groups()
    organisations = {
        name: Organisation.objects.update_or_create(name=name, defaults=fields)[0]
        for name, fields in ORGANISATIONS.items()
    }
    for account in ACCOUNTS:
        user = _user(account)
        if account.organisation is None:
            continue
        created_at = dt.datetime.combine(account.created, dt.time(9, 0), tzinfo=AMSTERDAM)
        since, until = account.expert_certificate or (None, None)
        Contact.objects.update_or_create(
            user=user, organisation=organisations[account.organisation],
            removed_at__isnull=True,
            defaults={**{field: role in account.roles for role, field in ROLE_FIELDS.items()},
                      # The recount below ends an expired certificate, as at night.
                      "certified_expert": account.expert_certificate is not None,
                      "expert_certified_on": since, "expert_certified_until": until,
                      "submitter_since": (created_at if Role.SUBMIT_INCIDENTS in account.roles
                                          else None),
                      "submission_profile": account.submission_profile,
                      "language": Language.DUTCH, "is_active": account.is_active,
                      "created_at": created_at},
        )
    for segment, low, high, seats in SEAT_RULES:
        SeatAllowanceRule.objects.update_or_create(
            segment=segment, min_employees=low, max_employees=high, defaults={"seats": seats})
    demo = organisations["Demo BV"]
    demo.invoice_contact = Contact.objects.get(user__email="beheerder@demo.example",
                                               organisation=demo)
    demo.save(update_fields=["invoice_contact"])
    _invitation(demo)
    recount_submitter_seats()
    return ACCOUNTS


# R-X-6: a pending invitation of Demo BV to someone without a login yet (no seat: Employee).
INVITED_EMAIL = "sollicitant@demo.example"


def _invitation(demo: Organisation) -> None:
    user, created = User.objects.get_or_create(
        email=INVITED_EMAIL, defaults={"first_name": "Sam", "last_name": "Sollicitant"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=INVITED_EMAIL, primary=True,
                                    verified=False)
    if Contact.objects.filter(user=user, organisation=demo, removed_at__isnull=True).exists():
        return  # accepted in an earlier session of the demo
    Invitation.objects.update_or_create(
        organisation=demo, user=user,
        defaults={"email": INVITED_EMAIL, "is_employee": True, "is_administrator": False,
                  "can_submit_incidents": False, "can_view_incidents": False,
                  "submission_profile": SubmissionProfile.FINANCE, "declined_at": None,
                  "created_user": created or not user.has_usable_password(),
                  "invited_by": Contact.objects.get(user__email="beheerder@demo.example",
                                                    organisation=demo)})
