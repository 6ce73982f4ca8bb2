"""Contacts, the organisation and invoices through the API (R-API-2): administrators only,
another organisation's contact or invoice is 404, the seat cap (R-QUOTA-5), the profile rule
(R-GATE-4), the last administrator (R-ROLE-15) and the audit trail (R-ROLE-17) apply as on
the pages, and certified-expert status cannot be set (R-QUOTA-7)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client

from accounts.roles import Role
from contacts.models import Contact, Invitation, Organisation
from tests.api.factories import api_client, make_token
from tests.factories import make_contact
from tests.invoices.factories import make_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(cast):
    Contact.objects.update(language="en")


def _client(contact: Contact) -> Client:
    return api_client(make_token(contact).plaintext)


def _fill_seats(cast) -> None:
    """Demo BV's seats all taken (the cast's submitter holds one; the expert does not count)."""
    Organisation.objects.filter(pk=cast.organisation.pk).update(submitter_seats_override=1)


def test_administrators_list_their_contacts__R_API_2_R_ROLE_8(cast):
    rows = _client(cast.administrator).get("/api/v1/contacts/").json()["results"]
    emails = {row["email"] for row in rows}
    assert "employee@test.example" in emails and "admin@other.example" not in emails
    assert _client(cast.employee).get("/api/v1/contacts/").status_code == 403


def test_another_organisations_contact_is_404__R_API_2_R_ROLE_14(cast):
    client = _client(cast.other_administrator)
    url = f"/api/v1/contacts/{cast.employee.pk}/"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"roles": ["administrator"]},
                        content_type="application/json").status_code == 404
    assert client.post(url + "active/", {"active": False},
                       content_type="application/json").status_code == 404
    cast.employee.refresh_from_db()
    assert cast.employee.is_active and not cast.employee.is_administrator


def test_role_change_is_audited__R_API_2_R_ROLE_17(cast):
    response = _client(cast.administrator).patch(
        f"/api/v1/contacts/{cast.employee.pk}/", {"roles": ["employee", "view_incidents"]},
        content_type="application/json")
    assert response.status_code == 200
    assert response.json()["roles"] == ["employee", "view_incidents"]
    entry = LogEntry.objects.get_for_object(cast.employee).latest("pk")
    assert entry.actor == cast.administrator.user and "can_view_incidents" in entry.changes_dict


def test_fields_left_out_stay_and_expert_status_cannot_be_set__R_API_2_R_QUOTA_7(cast):
    Contact.objects.filter(pk=cast.employee.pk).update(job_title="Controller")
    response = _client(cast.administrator).patch(
        f"/api/v1/contacts/{cast.employee.pk}/",
        {"roles": ["employee"], "certified_expert": True, "is_active": False,
         "organisation": cast.other_organisation.pk}, content_type="application/json")
    assert response.status_code == 200
    cast.employee.refresh_from_db()
    assert cast.employee.job_title == "Controller"
    assert not cast.employee.certified_expert and cast.employee.is_active
    assert cast.employee.organisation == cast.organisation


def test_the_seat_cap_applies__R_API_2_R_QUOTA_5(cast):
    _fill_seats(cast)
    response = _client(cast.administrator).patch(
        f"/api/v1/contacts/{cast.employee.pk}/",
        {"roles": ["employee", "submit_incidents"], "submission_profile": "finance"},
        content_type="application/json")
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/seats-full") and problem["seats"] == 1
    assert response["Content-Type"] == "application/problem+json"
    cast.employee.refresh_from_db()
    assert not cast.employee.can_submit_incidents


def test_inviting_a_submitter_when_the_seats_are_full_is_refused__R_API_2_R_QUOTA_5(cast):
    _fill_seats(cast)
    response = _client(cast.administrator).post("/api/v1/contacts/", {
        "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
        "roles": ["submit_incidents"], "submission_profile": "finance"},
        content_type="application/json")
    assert response.status_code == 409 and not Invitation.objects.exists()


def test_invite_through_the_api__R_API_2_R_X_6(cast):
    response = _client(cast.administrator).post("/api/v1/contacts/", {
        "email": "Nina@Test.example", "first_name": "Nina", "last_name": "Nieuw",
        "roles": ["employee"], "certified_expert": True}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["email"] == "nina@test.example" and body["pending"]
    assert Invitation.objects.get().roles == {Role.EMPLOYEE}


def test_a_bad_invitation_names_its_fields__R_API_2_R_X_2(cast):
    response = _client(cast.administrator).post("/api/v1/contacts/", {
        "email": "not an address", "roles": ["king"]}, content_type="application/json")
    assert response.status_code == 400
    assert {"email", "first_name", "last_name", "roles"} <= set(response.json()["errors"])


def test_the_profile_rule_applies__R_API_2_R_GATE_4(cast):
    newcomer = make_contact(cast.organisation, Role.EMPLOYEE, email="new@test.example")
    response = _client(cast.administrator).patch(
        f"/api/v1/contacts/{newcomer.pk}/", {"roles": ["employee", "submit_incidents"]},
        content_type="application/json")
    assert response.status_code == 400
    assert "submission_profile" in response.json()["errors"]


def test_the_last_administrator_stays__R_API_2_R_ROLE_15(cast):
    client = _client(cast.administrator)
    response = client.patch(f"/api/v1/contacts/{cast.administrator.pk}/",
                            {"roles": ["employee"]}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["type"].endswith("/last-administrator")
    response = client.post(f"/api/v1/contacts/{cast.administrator.pk}/active/",
                           {"active": False}, content_type="application/json")
    assert response.status_code == 409


def test_deactivate_and_reactivate__R_API_2(cast):
    client = _client(cast.administrator)
    url = f"/api/v1/contacts/{cast.employee.pk}/active/"
    response = client.post(url, {"active": False}, content_type="application/json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.post(url, {"active": True},
                       content_type="application/json").json()["is_active"] is True
    assert client.post(url, {}, content_type="application/json").status_code == 400


def test_with_the_session_role_changes_need_a_recent_password__R_API_2_R_X_7(cast):
    from tests.conftest import client_for

    stale = client_for(cast.administrator.user, reauthenticated=False)
    response = stale.patch(f"/api/v1/contacts/{cast.employee.pk}/", {"roles": ["employee"]},
                           content_type="application/json")
    assert response.status_code == 403
    assert response.json()["type"].endswith("/reauthentication-required")


def test_organisation_brief_for_employees_full_for_administrators__R_API_2_R_ROLE_5(cast):
    brief = _client(cast.employee).get("/api/v1/organisation/").json()
    assert brief["name"] == "Demo BV" and "phone" not in brief and "seats" not in brief
    full = _client(cast.administrator).get("/api/v1/organisation/").json()
    assert "seats_in_use" in full and "invoice_contact" in full
    assert _client(cast.submitter).get("/api/v1/organisation/").status_code == 403


def test_administrators_update_the_organisation_audited__R_API_2_R_ROLE_9_R_ROLE_17(cast):
    response = _client(cast.administrator).patch(
        "/api/v1/organisation/", {"phone": "030 123 4567", "service_level": "first_class",
                                  "submitter_seats_override": 99},
        content_type="application/json")
    assert response.status_code == 200, response.json()
    organisation = Organisation.objects.get(pk=cast.organisation.pk)
    assert organisation.phone == "030 123 4567" and organisation.city == "Utrecht"
    assert organisation.service_level != "first_class"
    assert organisation.submitter_seats_override is None
    entry = LogEntry.objects.get_for_object(organisation).latest("pk")
    assert entry.actor == cast.administrator.user and "phone" in entry.changes_dict
    refused = _client(cast.employee).patch("/api/v1/organisation/", {"phone": "1"},
                                           content_type="application/json")
    assert refused.status_code == 403


def test_the_invoice_contact_must_be_of_the_organisation__R_API_2_R_ROLE_9(cast):
    response = _client(cast.administrator).patch(
        "/api/v1/organisation/", {"invoice_contact": cast.other_administrator.pk},
        content_type="application/json")
    assert response.status_code == 400 and "invoice_contact" in response.json()["errors"]


def test_invoices_for_administrators_only__R_API_2_R_ROLE_10(cast):
    invoice = make_invoice(cast.organisation)
    other = make_invoice(cast.other_organisation)
    rows = _client(cast.administrator).get("/api/v1/invoices/").json()["results"]
    assert [row["number"] for row in rows] == [invoice.number]
    pdf = _client(cast.administrator).get(rows[0]["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert _client(cast.administrator).get(
        f"/api/v1/invoices/{other.number}/pdf/").status_code == 404
    assert _client(cast.employee).get("/api/v1/invoices/").status_code == 403
