"""The pages of the portal as navigation items and dashboard tiles. Each feature adds its
page here with the capability that opens it; the role matrix decides who sees it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Capability, can
from contacts.models import Contact


@dataclass(frozen=True)
class Page:
    url_name: str
    title: Promise
    description: Promise
    capability: Capability
    in_menu: bool = True  # False: a dashboard tile only (e.g. reached from the user menu)


PAGES: list[Page] = [
    Page("contacts", _("My contacts"),
         _("Add contacts, give them roles and see who holds the submitter seats."),
         Capability.MANAGE_CONTACTS),
    Page("organisation", _("Organisation"),
         _("Name, address and service level of your organisation."),
         Capability.ORGANISATION_BRIEF),
    Page("support", _("Support"),
         _("Opening hours, the phone number and who may submit incidents."),
         Capability.OWN_DETAILS),
    Page("courses", _("Courses"),
         _("The course catalogue: enrol for an event, or join its waiting list when it is full."),
         Capability.COURSES),
    # Reached from the catalogue and this tile; the header has no room for a second item.
    Page("my_courses", _("My courses"),
         _("Your enrolments and waiting-list places, your results and the course material."),
         Capability.COURSES, in_menu=False),
    Page("invoices", _("Invoices"),
         _("Your invoices as PDF, what is still open, and your subscriptions."),
         Capability.INVOICES),
    Page("profile", _("My details"),
         _("Your name, phone number, language and what we may email you about."),
         Capability.OWN_DETAILS, in_menu=False),
]


def pages_for(contact: Contact | None) -> list[Page]:
    return [page for page in PAGES if can(contact, page.capability)]
