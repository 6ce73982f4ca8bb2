"""The pages of the portal as navigation items and dashboard tiles. Each feature adds its
page here; who sees it is read from the page's view (the capabilities its ``@requires``
records), so the link and the door cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import Capability, can_any, capabilities_of_view
from contacts.models import Contact


@cache
def capabilities_of_page(url_name: str) -> tuple[Capability, ...]:
    """The capabilities the view behind ``url_name`` requires (the URLconf does not change
    while the process runs)."""
    capabilities = capabilities_of_view(resolve(reverse(url_name)).func)
    if not capabilities:
        raise ImproperlyConfigured(f"The view of {url_name!r} asks no capability (@requires).")
    return capabilities


@dataclass(frozen=True)
class Page:
    url_name: str
    title: Promise
    description: Promise
    in_menu: bool = True  # False: a dashboard tile only (e.g. reached from the user menu)
    # Pages of one group share a drop-down in the header, so it fits a laptop screen.
    group: str | None = None

    @property
    def capabilities(self) -> tuple[Capability, ...]:
        """Every capability that opens the page."""
        return capabilities_of_page(self.url_name)


PAGES: list[Page] = [
    Page("contacts", _("My contacts"),
         _("Add contacts, give them roles and see who holds the submitter seats."),
         group="organisation"),
    Page("organisation", _("Organisation"),
         _("Name, address and service level of your organisation."),
         group="organisation"),
    Page("support", _("Support"),
         _("Opening hours, the phone number and who may submit incidents."),
         group="support"),
    Page("incidents", _("Incidents"),
         _("Submit an incident to the Support Center and follow its handling."),
         group="support"),
    Page("knowledge", _("Knowledge base"),
         _("Answers to most questions, day and night: search the articles by category."),
         group="support"),
    Page("courses", _("Courses"),
         _("The course catalogue: enrol for an event, or join its waiting list when it is full."),
         group="courses"),
    Page("my_courses", _("My courses"),
         _("Your enrolments and waiting-list places, your results and the course material."),
         group="courses"),
    Page("consultancy", _("Consultancy"),
         _("Your projects with our consultants, appointments and hours, and visit requests.")),
    Page("updates", _("Update Center"),
         _("Release notes of every build, update and patch, and their downloads.")),
    Page("webhooks", _("Webhooks"),
         _("Send your organisation's incident and contact events to your own systems."),
         group="organisation"),
    Page("invoices", _("Invoices"),
         _("Your invoices as PDF, what is still open, and your subscriptions."),
         group="organisation"),
    Page("feedback", _("Feedback and complaints"),
         _("Tell us what you think, send a complaint and follow its handling."),
         group="support"),
    Page("extra_support", _("Extra support"),
         _("Support outside opening hours for a window you plan, requested in advance."),
         group="support"),
    Page("partner", _("Partner portal"),
         _("Your integrations and quickscans, agreements, benefits and questions.")),
    Page("profile", _("My details"),
         _("Your name, phone number, language and what we may email you about."),
         in_menu=False),
]


def pages_for(contact: Contact | None) -> list[Page]:
    return [page for page in PAGES
            if can_any(contact, *page.capabilities)]


GROUP_TITLES = {"organisation": _("Organisation"), "support": _("Support"),
                "courses": _("Courses")}


@dataclass(frozen=True)
class MenuEntry:
    """One item of the header: a page, or a drop-down of the pages of a group."""

    title: Promise
    pages: tuple[Page, ...]

    @property
    def is_group(self) -> bool:
        return len(self.pages) > 1

    @property
    def url_names(self) -> tuple[str, ...]:
        return tuple(page.url_name for page in self.pages)


def menu_for(pages: list[Page]) -> list[MenuEntry]:
    """The header's entries for these pages, in the order of ``PAGES``: a group with one
    visible page is a plain link to it."""
    grouped: dict[str, list[Page]] = {}
    order: list[str | Page] = []
    for page in pages:
        if not page.in_menu:
            continue
        if page.group is None:
            order.append(page)
        else:
            if page.group not in grouped:
                order.append(page.group)
            grouped.setdefault(page.group, []).append(page)
    entries = []
    for item in order:
        if isinstance(item, Page):
            entries.append(MenuEntry(item.title, (item,)))
        elif len(grouped[item]) == 1:
            entries.append(MenuEntry(grouped[item][0].title, tuple(grouped[item])))
        else:
            entries.append(MenuEntry(GROUP_TITLES[item], tuple(grouped[item])))
    return entries
