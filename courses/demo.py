"""Demo courses, events, enrolments and results (part of ``seed_demo``, after the contacts).

A course of every level and a starter course per submission profile (R-GATE-3), material
(a link and a small PDF), upcoming events dated from today (one online, one full with a
waiting list of one) and results: insturen@demo.example passed the finance starter course,
nieuw@demo.example (created 2026-02-01) did not, so the gate blocks nieuw (R-GATE-1).
medewerker@ and geenrol@demo.example have no enrolments, so browser tests may use them.
Safe to run again: everything is keyed by natural keys, and the demo events' enrolments and
the demo contacts' results are put back as listed here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from contacts import demo as contacts_demo
from contacts.models import Contact, SubmissionProfile
from core.pdf import text_pdf

from .actions import enrol, record_result
from .models import (
    Course, CourseMaterial, EnrolmentStatus, Event, Level, Result, StarterCourseRequirement,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# code: (title, level, starter course, description)
COURSES: dict[str, tuple[str, str, bool, str]] = {
    "STA-FIN": ("Startcursus Financieel", Level.STARTER, True,
                "Incidenten over de financiële administratie goed insturen: de begrippen, de "
                "schermen en wat support van je nodig heeft."),
    "STA-HRM": ("Startcursus HRM/Payroll", Level.STARTER, True,
                "De basis van personeelsdossier en salarisverwerking, en hoe je een vraag "
                "daarover helder voorlegt."),
    "STA-CRM": ("Startcursus CRM", Level.STARTER, True,
                "Organisaties, personen en verkoopkansen vastleggen, en incidenten over CRM "
                "goed insturen."),
    "STA-PRJ": ("Startcursus Projecten", Level.STARTER, True,
                "Projecten, nacalculatie en urenregistratie, en incidenten daarover goed "
                "insturen."),
    "FIN-BAS": ("Profit Financieel: de basis", Level.BASIC, False,
                "Boekingen, dagboeken en de btw-aangifte voor nieuwe gebruikers."),
    "HRM-GEV": ("Salarisverwerking voor gevorderden", Level.ADVANCED, False,
                "Looncomponenten, reserveringen en correcties over eerdere perioden."),
    "EXP-INT": ("AFAS Expert: koppelingen", Level.EXPERT, False,
                "GetConnectors, UpdateConnectors en het beveiligen van koppelingen."),
}

STARTER_COURSES = {
    SubmissionProfile.FINANCE: "STA-FIN",
    SubmissionProfile.HRM_PAYROLL: "STA-HRM",
    SubmissionProfile.CRM: "STA-CRM",
    SubmissionProfile.PROJECTS: "STA-PRJ",
}

# (course, title, link); a material without link gets a PDF made from its course.
MATERIAL = [
    ("STA-FIN", "Werkboek Startcursus Financieel", ""),
    ("STA-FIN", "Kennisbank: incidenten insturen", "https://help.afas.nl/"),
    ("FIN-BAS", "Kennisbank: Profit Financieel", "https://help.afas.nl/"),
]

# (course, online, place) is the event's key; then days from today, start, hours, capacity,
# and the contacts enrolled in this order (beyond the capacity they wait).
EVENTS = [
    ("FIN-BAS", False, "Leusden", 10, dt.time(9, 30), 7, 2,
     ["insturen@demo.example", "bekijken@demo.example", "expert@demo.example"]),
    ("STA-FIN", False, "Leusden", 14, dt.time(9, 30), 7, 12, []),
    ("STA-FIN", True, "", 42, dt.time(9, 0), 3, 30, []),
    ("STA-HRM", False, "Leusden", 21, dt.time(9, 30), 7, 12, ["beheerder@andere.example"]),
    ("STA-CRM", False, "Utrecht", 28, dt.time(9, 30), 7, 12, []),
    ("STA-PRJ", False, "Leusden", 35, dt.time(9, 30), 7, 12, []),
    ("HRM-GEV", False, "Leusden", 49, dt.time(9, 30), 7, 10, ["beheerder@demo.example"]),
    ("EXP-INT", False, "Leusden", 56, dt.time(9, 30), 7, 8, []),
]

# (email, organisation, course, grade, date)
RESULTS = [
    ("insturen@demo.example", "Demo BV", "STA-FIN", "8.0", dt.date(2025, 4, 15)),
    ("nieuw@demo.example", "Demo BV", "STA-FIN", "6.0", dt.date(2026, 2, 20)),
    ("bekijken@demo.example", "Demo BV", "FIN-BAS", "7.5", dt.date(2024, 11, 12)),
    ("expert@demo.example", "Demo BV", "STA-FIN", "8.5", dt.date(2024, 9, 10)),
    ("expert@demo.example", "Demo BV", "EXP-INT", "9.0", dt.date(2025, 6, 5)),
    ("beheerder@demo.example", "Demo BV", "HRM-GEV", "6.5", dt.date(2025, 9, 18)),
    ("beheerder@andere.example", "Andere BV", "STA-HRM", "5.0", dt.date(2025, 10, 1)),
]


def _contact(email: str, organisation: str | None = None) -> Contact:
    contacts = Contact.objects.select_related("user", "organisation").filter(
        user__email=email, removed_at__isnull=True)
    if organisation is not None:
        contacts = contacts.filter(organisation__name=organisation)
    return contacts.get()


def _stored(material: CourseMaterial) -> bytes | None:
    try:
        with material.file.open("rb") as stored:
            return stored.read()
    except (FileNotFoundError, ValueError):
        return None


def _seed_material(courses: dict[str, Course]) -> None:
    for code, title, link in MATERIAL:
        course = courses[code]
        material = (CourseMaterial.objects.filter(course=course, title=title).first()
                    or CourseMaterial(course=course, title=title))
        if link:
            if material.file:
                material.file.delete(save=False)
            material.file, material.url = "", link
            material.save()
            continue
        pdf = text_pdf([title, f"{course.code} {course.title}", course.description,
                        "Oefeningen en naslag bij de cursus."], title=title)
        if material.pk and material.file and not material.url and _stored(material) == pdf:
            continue
        if material.file:
            material.file.delete(save=False)
        material.url = ""
        material.file.save(f"{code.lower()}-werkboek.pdf", ContentFile(pdf), save=True)


def _seed_event(courses: dict[str, Course], today: dt.date, code: str, online: bool, place: str,
                days: int, start: dt.time, hours: int, capacity: int,
                emails: list[str]) -> None:
    starts = dt.datetime.combine(today + dt.timedelta(days=days), start, tzinfo=AMSTERDAM)
    event, _created = Event.objects.update_or_create(
        course=courses[code], online=online, location=place,
        defaults={"starts_at": starts, "ends_at": starts + dt.timedelta(hours=hours),
                  "capacity": capacity, "is_cancelled": False})
    contacts = [_contact(email) for email in emails]
    expected = [(contact.pk, EnrolmentStatus.ENROLLED if index < capacity
                 else EnrolmentStatus.WAITING) for index, contact in enumerate(contacts)]
    current = list(event.enrolments.order_by("created_at", "pk")
                   .values_list("contact_id", "status"))
    if current == expected:
        return
    event.enrolments.all().delete()
    now = timezone.now()
    for index, contact in enumerate(contacts):
        enrol(contact=contact, event=event, now=now + dt.timedelta(microseconds=index))


def seed() -> None:
    """Create or reset the demo courses, events, enrolments and results; safe to run again."""
    courses = {
        code: Course.objects.update_or_create(code=code, defaults={
            "title": title, "level": level, "is_starter": starter, "description": description,
            "is_active": True})[0]
        for code, (title, level, starter, description) in COURSES.items()
    }
    for profile, code in STARTER_COURSES.items():
        StarterCourseRequirement.objects.update_or_create(
            submission_profile=profile, defaults={"course": courses[code]})
    _seed_material(courses)
    today = timezone.localdate()
    for event in EVENTS:
        _seed_event(courses, today, *event)
    kept = []
    care = contacts_demo.staff_of("Customer Care")
    for email, organisation, code, grade, taken_on in RESULTS:
        kept.append(record_result(contact=_contact(email, organisation), course=courses[code],
                                  grade=Decimal(grade), taken_on=taken_on, actor=care).pk)
    demo_emails = [account.email for account in contacts_demo.ACCOUNTS]
    Result.objects.filter(user__email__in=demo_emails).exclude(pk__in=kept).delete()
