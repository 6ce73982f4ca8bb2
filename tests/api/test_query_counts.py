"""Query budget of the API (R-API-2, R-X-3): each endpoint costs the same number of queries at
1 and at 100 rows (the list with ``page_size=100``, so all of them are serialized)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import Attachment, Incident, Message, MessageKind
from tests.api.factories import api_client, make_token
from tests.incidents.factories import make_incident, support_user
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def _more_incidents(contact, count: int) -> None:
    """``count`` more incidents of the contact, written at once (the rows the list reads)."""
    template = make_incident(contact)
    Incident.objects.bulk_create([
        Incident(number=str(20_000_000 + i), organisation=template.organisation,
                 reporter=contact, owner=contact, subject=f"Incident {i}", description="x",
                 incident_type=template.incident_type, product_area=template.product_area,
                 environment=template.environment, team=template.team)
        for i in range(count - 1)])


def _more_messages(incident, contact, staff, count: int) -> None:
    messages = Message.objects.bulk_create(
        [Message(incident=incident, kind=MessageKind.CUSTOMER, author_contact=contact,
                 body=f"Bericht {i}") for i in range(count // 2)]
        + [Message(incident=incident, kind=MessageKind.PUBLIC, author_user=staff,
                   body=f"Antwoord {i}") for i in range(count - count // 2)])
    Attachment.objects.bulk_create([
        Attachment(incident=incident, message=message, file="x.pdf", name="x.pdf", size=1,
                   content_type="application/pdf", uploaded_by=contact)
        for message in messages])


@pytest.mark.parametrize("who", ["submitter", "administrator"])
def test_the_incident_list_costs_the_same_at_1_and_100__R_API_2_R_X_3(cast, who):
    client = api_client(make_token(getattr(cast, who)).plaintext)
    client.get("/api/v1/me/")  # "last used" is written: not part of the count
    _more_incidents(cast.submitter, 1)
    one = queries_of(client, "/api/v1/incidents/", {"page_size": 100})
    _more_incidents(cast.submitter, 100)
    response = client.get("/api/v1/incidents/", {"page_size": 100})
    assert len(response.json()["results"]) == 100
    assert queries_of(client, "/api/v1/incidents/", {"page_size": 100}) == one


def test_the_incident_detail_costs_the_same_at_1_and_100_messages__R_API_2_R_X_3(cast):
    staff = support_user(cast.staff)
    client = api_client(make_token(cast.submitter).plaintext)
    client.get("/api/v1/me/")
    incident = make_incident(cast.submitter)
    _more_messages(incident, cast.submitter, staff, 1)
    url = f"/api/v1/incidents/{incident.number}/"
    one = queries_of(client, url)
    _more_messages(incident, cast.submitter, staff, 99)
    assert len(client.get(url).json()["messages"]) == 100
    assert queries_of(client, url) == one


def test_a_reply_costs_the_same_at_1_and_100_messages__R_API_2_R_X_3(cast):
    staff = support_user(cast.staff)
    client = api_client(make_token(cast.submitter).plaintext)
    client.get("/api/v1/me/")
    incident = make_incident(cast.submitter)
    url = f"/api/v1/incidents/{incident.number}/messages/"

    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.post(url, {"body": "Nog iets"}, content_type="application/json")
        assert response.status_code == 201
        return len(captured)

    _more_messages(incident, cast.submitter, staff, 1)
    one = cost()
    _more_messages(incident, cast.submitter, staff, 99)
    assert cost() == one


def test_me_costs_two_queries_or_fewer__R_API_2(cast):
    client = api_client(make_token(cast.employee).plaintext)
    client.get("/api/v1/me/")
    # The token with its contact, organisation and login; "last used" is fresh: no write.
    assert queries_of(client, "/api/v1/me/") <= 2


def _more_contacts(organisation, count: int) -> None:
    from accounts.models import User
    from contacts.models import Contact

    start = User.objects.count()
    users = User.objects.bulk_create([User(email=f"bulk{start + i}@test.example")
                                      for i in range(count)])
    Contact.objects.bulk_create([Contact(user=user, organisation=organisation,
                                         is_employee=True, can_submit_incidents=i % 2 == 0)
                                 for i, user in enumerate(users)])


def _more_invoices(organisation, count: int) -> None:
    import datetime as dt
    from decimal import Decimal

    from invoices.models import Invoice

    start = Invoice.objects.count()
    Invoice.objects.bulk_create([
        Invoice(organisation=organisation, number=f"F2026-{start + i:06d}",
                invoice_date=dt.date(2026, 1, 1), due_date=dt.date(2026, 1, 15),
                amount=Decimal("10.00"), pdf=f"invoices/{start + i}.pdf")
        for i in range(count)])


@pytest.mark.parametrize("url,more", [
    ("/api/v1/contacts/", _more_contacts),
    ("/api/v1/invoices/", _more_invoices),
    ("/api/v1/organisation/", _more_contacts),
])
def test_the_organisation_endpoints_cost_the_same_at_1_and_100__R_API_2_R_X_3(cast, url, more):
    client = api_client(make_token(cast.administrator).plaintext)
    client.get("/api/v1/me/")
    more(cast.organisation, 1)
    one = queries_of(client, url, {"page_size": 100})
    more(cast.organisation, 99)
    assert queries_of(client, url, {"page_size": 100}) == one


def _more_events(cast, count: int) -> None:
    from courses.actions import enrol
    from tests.courses.factories import make_course, make_event

    course = make_course()
    for _ in range(count):
        enrol(contact=cast.employee, event=make_event(course))


def _more_releases(cast, count: int) -> None:
    from tests.updates.factories import make_release

    for _ in range(count):
        make_release()


@pytest.mark.parametrize("url,more", [
    ("/api/v1/courses/", _more_events),
    ("/api/v1/enrolments/", _more_events),
    ("/api/v1/releases/", _more_releases),
])
def test_courses_and_releases_cost_the_same_at_1_and_100__R_API_2_R_X_3(cast, url, more):
    client = api_client(make_token(cast.employee).plaintext)
    client.get("/api/v1/me/")
    more(cast, 1)
    one = queries_of(client, url, {"page_size": 100})
    more(cast, 99)
    assert queries_of(client, url, {"page_size": 100}) == one
