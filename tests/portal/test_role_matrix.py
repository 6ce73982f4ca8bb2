"""Every role × every portal URL → expected status (R-ROLE-1 … R-ROLE-16, R-X-5).

Later features add their URLs to ``MATRIX``; ``test_every_portal_url_is_in_the_matrix``
fails when a URL is added to the URLconf without a row here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from contacts.checks import confirmation_token
from contacts.models import OrganisationCheck
from courses.actions import enrol
from tests.conftest import Cast, client_for
from tests.courses.factories import make_event, material_with_seats
from tests.invoices.factories import make_invoice

CAST = ["anonymous", "no_role", "employee", "administrator", "submitter", "viewer", "expert",
        "other_administrator", "partner", "staff"]

# route (as in the URLconf): expected status for each member of CAST, in that order.
# A route with parameters needs an entry in EXAMPLES that builds a URL for the cast.
MATRIX: dict[str, tuple[int, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    "/":                      (302, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/profile/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/organisation/":         (302, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/organisation/switch/":  (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/language/":             (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/healthz":               (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/admin/":                (302, 302, 302, 302, 302, 302, 302, 302, 302, 200),
    "/admin/login/":          (302, 403, 403, 403, 403, 403, 403, 403, 403, 302),
    "/accounts/login/":       (200, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    # Every contact; staff have no contact (R-INC-10, R-QUOTA-4).
    "/support/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/contacts/":             (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/contacts/new/":         (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    # A contact of the cast's organisation: another organisation's administrator gets 404.
    "/contacts/<int:pk>/":    (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    "/contacts/<int:pk>/active/": (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/invitation/<str:uidb64>/<str:token>/":
                              (400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
    # R-CARE-3: the signed one-click link is the proof, logged in or not (bad links: 400).
    "/organisation/confirm/<token>/":
                              (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Administrators only (R-ROLE-10); the PDF is the cast organisation's: others get 404.
    "/invoices/":             (302, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/invoices/<str:number>/pdf/":
                              (302, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # Every contact sees the catalogue, enrols and sees own results (R-ROLE-2); POST only.
    "/courses/":              (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/courses/mine/":         (302, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/courses/events/<int:pk>/enrol/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/courses/enrolments/<int:pk>/cancel/":
                              (405, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    # A file of a course where no_role, employee, administrator and submitter have a seat:
    # only those with EMPLOYEE/ADMINISTRATOR get it, anyone else 404 (R-ROLE-3, R-COURSE-3).
    "/courses/material/<int:pk>/":
                              (302, 404, 200, 200, 404, 404, 404, 404, 404, 403),
}

EXAMPLES: dict[str, Callable[[Cast], str]] = {
    "/contacts/<int:pk>/": lambda cast: f"/contacts/{cast.employee.pk}/",
    "/contacts/<int:pk>/active/": lambda cast: f"/contacts/{cast.employee.pk}/active/",
    "/invitation/<str:uidb64>/<str:token>/": lambda cast: "/invitation/MQ/not-a-token/",
    "/organisation/confirm/<token>/": lambda cast: "/organisation/confirm/{}/".format(
        confirmation_token(check_id=OrganisationCheck.objects.create(
            organisation=cast.organisation, period="2026-07").pk, contact_id=cast.administrator.pk)),
    "/invoices/<str:number>/pdf/": lambda cast: "/invoices/{}/pdf/".format(
        make_invoice(cast.organisation, number="F2026-000001").number),
    "/courses/events/<int:pk>/enrol/": lambda cast: "/courses/events/{}/enrol/".format(
        make_event().pk),
    "/courses/enrolments/<int:pk>/cancel/": lambda cast: "/courses/enrolments/{}/cancel/".format(
        enrol(contact=cast.employee, event=make_event()).pk),
    "/courses/material/<int:pk>/": lambda cast: "/courses/material/{}/".format(
        material_with_seats(cast.no_role, cast.employee, cast.administrator, cast.submitter).pk),
}

# Routes owned by libraries (allauth, the admin) are tested there; ours must all be listed.
LIBRARY_PREFIXES = ("accounts/", "admin/")


def _client(cast, who: str) -> Client:
    if who == "anonymous":
        return Client()
    if who == "staff":
        return client_for(cast.staff)
    return client_for(getattr(cast, who).user)


@pytest.mark.django_db
@pytest.mark.parametrize("url", list(MATRIX))
def test_role_matrix__R_ROLE_14(cast, url):
    concrete = EXAMPLES[url](cast) if url in EXAMPLES else url
    got = {who: _client(cast, who).get(concrete).status_code for who in CAST}
    assert got == dict(zip(CAST, MATRIX[url], strict=True))


def _routes(patterns, prefix: str = "") -> list[str]:
    routes = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith(LIBRARY_PREFIXES):
                routes.extend(_routes(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            routes.append("/" + route)
    return routes


def test_every_portal_url_is_in_the_matrix():
    assert set(_routes(get_resolver().url_patterns)) == {
        url for url in MATRIX if not url.lstrip("/").startswith(LIBRARY_PREFIXES)
    }
