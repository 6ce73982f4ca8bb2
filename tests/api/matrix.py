"""The API's rows of the role matrix (R-API-2, R-ROLE-14): every API route × every member of
the cast (``tests/portal/test_role_matrix.CAST``) → status, each member with a token of their
own (anonymous: none; staff: a staff token). ``test_every_portal_url_is_in_the_matrix`` reads
these routes too, so an API route without a row fails there."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Cast
from tests.incidents.factories import make_incident, pdf

# route: expected status of a GET for each member of CAST, in that order.
API_MATRIX: dict[str, tuple[int, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    # The schema and its docs are public: they describe, they hold no one's data.
    "/api/schema/":           (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/api/docs/":             (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    "/api/redoc/":            (200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # Who the token acts as: any token, a staff token too.
    "/api/v1/me/":            (401, 200, 200, 200, 200, 200, 200, 200, 200, 200),
    # As /incidents/: own for submitters (R-ROLE-6), all for administrators and viewers
    # (R-ROLE-7); a staff token reaches no customer's records.
    "/api/v1/incidents/":     (401, 403, 403, 200, 200, 200, 200, 200, 200, 403),
    # The submitter's incident: a colleague submitter and other organisations get 404.
    "/api/v1/incidents/<incident_number:number>/":
                              (401, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    "/api/v1/incidents/<incident_number:number>/attachments/<int:pk>/":
                              (401, 403, 403, 200, 200, 200, 404, 404, 404, 403),
    # Contacts (R-ROLE-8): administrators of the cast's organisation; the employee of the
    # cast: other organisations' administrators get 404.
    "/api/v1/contacts/":      (401, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/api/v1/contacts/<int:pk>/":
                              (401, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # The organisation: brief for employees (R-ROLE-5), all of it for administrators.
    "/api/v1/organisation/":  (401, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    # Invoices (R-ROLE-10); the PDF of the cast organisation's invoice.
    "/api/v1/invoices/":      (401, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/api/v1/invoices/<str:number>/pdf/":
                              (401, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # Courses (R-ROLE-2): every contact; staff have no contact.
    "/api/v1/courses/":       (401, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    "/api/v1/enrolments/":    (401, 200, 200, 200, 200, 200, 200, 200, 200, 403),
    # Update Center (R-ROLE-4): EMPLOYEE or ADMINISTRATOR, the same releases for everyone.
    "/api/v1/releases/":      (401, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/api/v1/releases/<int:pk>/":
                              (401, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    "/api/v1/releases/files/<int:pk>/":
                              (401, 403, 200, 200, 403, 403, 403, 200, 200, 403),
    # POST only (API_POST_MATRIX).
    "/api/v1/enrolments/<int:pk>/cancel/":
                              (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/api/v1/contacts/<int:pk>/active/":
                              (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/api/v1/incidents/<incident_number:number>/messages/":
                              (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
    "/api/v1/incidents/<incident_number:number>/solved/":
                              (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
}


def _incident_url(suffix: str = "") -> Callable[[Cast], str]:
    return lambda cast: f"/api/v1/incidents/{make_incident(cast.submitter).number}/{suffix}"


def _attachment(cast: Cast) -> str:
    incident = make_incident(cast.submitter, files=[pdf()])
    return f"/api/v1/incidents/{incident.number}/attachments/{incident.attachments.get().pk}/"


def _invoice_pdf(cast: Cast) -> str:
    from tests.invoices.factories import make_invoice

    return f"/api/v1/invoices/{make_invoice(cast.organisation).number}/pdf/"


def _release(cast: Cast) -> str:
    from tests.updates.factories import make_release

    return f"/api/v1/releases/{make_release().pk}/"


def _release_file(cast: Cast) -> str:
    from tests.updates.factories import make_release, make_release_file

    return f"/api/v1/releases/files/{make_release_file(make_release()).pk}/"


def _employees_enrolment(cast: Cast) -> str:
    from courses.actions import enrol
    from tests.courses.factories import make_event

    return f"/api/v1/enrolments/{enrol(contact=cast.employee, event=make_event()).pk}/cancel/"


API_EXAMPLES: dict[str, Callable[[Cast], str]] = {
    "/api/v1/releases/<int:pk>/": _release,
    "/api/v1/releases/files/<int:pk>/": _release_file,
    "/api/v1/enrolments/<int:pk>/cancel/": _employees_enrolment,
    "/api/v1/contacts/<int:pk>/": lambda cast: f"/api/v1/contacts/{cast.employee.pk}/",
    "/api/v1/contacts/<int:pk>/active/": lambda cast: (
        f"/api/v1/contacts/{cast.employee.pk}/active/"),
    "/api/v1/invoices/<str:number>/pdf/": _invoice_pdf,
    "/api/v1/incidents/<incident_number:number>/": _incident_url(),
    "/api/v1/incidents/<incident_number:number>/attachments/<int:pk>/": _attachment,
    "/api/v1/incidents/<incident_number:number>/messages/": _incident_url("messages/"),
    "/api/v1/incidents/<incident_number:number>/solved/": _incident_url("solved/"),
}

NEW_INCIDENT = {"subject": "Journaalpost blijft hangen", "incident_type": "fault",
                "description": "Na het boeken draait het wiel.", "product_area": "finance",
                "environment": "production"}

API_POST_DATA: dict[str, Callable[[Cast], dict]] = {
    "/api/v1/incidents/": lambda cast: NEW_INCIDENT,
    "/api/v1/incidents/<incident_number:number>/messages/": lambda cast: {"body": "Aanvulling"},
    "/api/v1/contacts/": lambda cast: {"email": "nina@test.example", "first_name": "Nina",
                                       "last_name": "Nieuw", "roles": ["employee"]},
    "/api/v1/contacts/<int:pk>/active/": lambda cast: {"active": False},
    "/api/v1/contacts/<int:pk>/": lambda cast: {"job_title": "Controller"},
    "/api/v1/organisation/": lambda cast: {"phone": "030 123 4567"},
    "/api/v1/enrolments/": lambda cast: {"event": _new_event()},
}


def _new_event() -> int:
    from tests.courses.factories import make_event

    return make_event().pk

# route: expected status of a POST (JSON) for each member of CAST, on a fresh example each.
API_POST_MATRIX: dict[str, tuple[int, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    # Submitting needs SUBMIT_INCIDENTS (R-ROLE-6/13) and the starter course (R-GATE-1: the
    # cast's submitters are exempt).
    "/api/v1/incidents/":     (401, 403, 403, 403, 201, 403, 201, 403, 403, 403),
    # The owner replies and marks solved; administrators and viewers read it but do not own
    # it (R-INC-13: 403); others do not see it (404).
    "/api/v1/incidents/<incident_number:number>/messages/":
                              (401, 403, 403, 403, 201, 403, 404, 404, 404, 403),
    "/api/v1/incidents/<incident_number:number>/solved/":
                              (401, 403, 403, 403, 200, 403, 404, 404, 404, 403),
    # Administrators invite into their own organisation (R-ROLE-8, R-X-6) and deactivate
    # the cast's employee (other organisations: 404).
    "/api/v1/contacts/":      (401, 403, 403, 201, 403, 403, 403, 201, 201, 403),
    "/api/v1/contacts/<int:pk>/active/":
                              (401, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # Every contact enrols (R-ROLE-2, a fresh event each); only the employee cancels the
    # employee's enrolment (204), anyone else gets 404.
    "/api/v1/enrolments/":    (401, 201, 201, 201, 201, 201, 201, 201, 201, 403),
    "/api/v1/enrolments/<int:pk>/cancel/":
                              (401, 404, 204, 404, 404, 404, 404, 404, 404, 403),
    # Read-only routes refuse a POST.
    "/api/v1/me/":            (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
}

# route: expected status of a PATCH (JSON) for each member of CAST.
API_PATCH_MATRIX: dict[str, tuple[int, ...]] = {
    #                          anon nrol empl admn subm view expt oadm prtn staf
    # Roles and job title of the cast's employee: its administrators (R-ROLE-8).
    "/api/v1/contacts/<int:pk>/":
                              (401, 403, 403, 200, 403, 403, 403, 404, 404, 403),
    # Each administrator changes their own organisation (R-ROLE-9); employees read it only.
    "/api/v1/organisation/":  (401, 403, 403, 200, 403, 403, 403, 200, 200, 403),
    "/api/v1/incidents/":     (401, 405, 405, 405, 405, 405, 405, 405, 405, 405),
}
