from __future__ import annotations

import pytest

from accounts.actions import remember_organisation
from accounts.roles import Role
from contacts.models import ServiceLevel
from tests.conftest import client_for
from tests.factories import make_contact
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    assert client.get("/organisation/").status_code == 302


def test_it_shows_the_brief_details__R_ROLE_5(cast):
    cast.organisation.service_level = ServiceLevel.FIRST_CLASS
    cast.organisation.save()
    page = client_for(cast.employee.user).get("/organisation/").content.decode()
    assert "Demo BV" in page and "Stationsplein 1" in page and "3511 ED Utrecht" in page
    assert "First Class" in page


def test_it_hides_other_organisation(cast):
    """Only the active organisation is shown; another's details never appear."""
    page = client_for(cast.employee.user).get("/organisation/").content.decode()
    assert "Andere BV" not in page


def test_roles_without_brief_view_get_403__R_ROLE_5(cast):
    for contact in (cast.no_role, cast.submitter, cast.viewer):
        assert client_for(contact.user).get("/organisation/").status_code == 403


class TestSwitchOrganisation:
    def test_it_switches_the_active_organisation(self, cast):
        user = cast.employee.user
        make_contact(cast.other_organisation, Role.EMPLOYEE, user=user)
        client = client_for(user)
        # Two organisations, none used yet: asked once which one (R-X-6).
        assert client.get("/")["Location"] == "/organisation/choose/?next=%2F"
        client.post("/organisation/choose/", {"organisation": cast.organisation.pk})
        page = client.get("/").content.decode()
        assert 'data-testid="organisation-switcher"' in page
        form = {"organisation": cast.other_organisation.pk, "next": "/organisation/"}
        response = client.post("/organisation/switch/", form)
        assert response.status_code == 302 and response["Location"] == "/organisation/"
        assert "Andere BV" in client.get("/organisation/").content.decode()

    def test_another_organisation_answers_404__R_ROLE_14(self, cast):
        client = client_for(cast.employee.user)
        form = {"organisation": cast.other_organisation.pk}
        response = client.post("/organisation/switch/", form)
        assert response.status_code == 404
        assert "Demo BV" in client.get("/organisation/").content.decode()

    @pytest.mark.parametrize("value", ["", "abc", "999999", "1 OR 1=1"])
    def test_bad_ids_answer_404_not_500__R_X_2(self, cast, value):
        response = client_for(cast.employee.user).post("/organisation/switch/",
                                                       {"organisation": value})
        assert response.status_code == 404

    def test_an_inactive_membership_cannot_be_switched_to(self, cast):
        user = cast.employee.user
        make_contact(cast.other_organisation, Role.EMPLOYEE, user=user, is_active=False)
        client = client_for(user)
        assert 'data-testid="organisation-switcher"' not in client.get("/").content.decode()
        form = {"organisation": cast.other_organisation.pk}
        response = client.post("/organisation/switch/", form)
        assert response.status_code == 404

    def test_it_refuses_an_offsite_next(self, cast):
        user = cast.employee.user
        make_contact(cast.other_organisation, Role.EMPLOYEE, user=user)
        remember_organisation(contact=cast.employee)  # Demo BV was used before (R-X-6)
        response = client_for(user).post("/organisation/switch/", {
            "organisation": cast.other_organisation.pk, "next": "https://evil.example/"})
        assert response["Location"] == "/"


class TestEdit:
    DATA = {"name": "Demo BV", "street": "Nieuwe Gracht 5", "postal_code": "3512 LE",
            "city": "Utrecht", "country": "Nederland", "phone": "+31 30 000 0000",
            "email": "info@demo.example"}

    def test_administrators_edit_the_details__R_ROLE_9(self, cast):
        client = client_for(cast.administrator.user)
        assert 'data-testid="organisation-form"' in client.get("/organisation/").content.decode()
        response = client.post("/organisation/", {**self.DATA,
                                                  "invoice_contact": cast.employee.pk})
        assert response.status_code == 302 and response["Location"] == "/organisation/"
        cast.organisation.refresh_from_db()
        assert cast.organisation.street == "Nieuwe Gracht 5"
        assert cast.organisation.invoice_contact == cast.employee
        page = client.get("/organisation/").content.decode()
        assert 'data-testid="history"' in page and "Nieuwe Gracht 5" in page

    def test_employees_see_no_form_and_cannot_post__R_ROLE_5_R_ROLE_9(self, cast):
        client = client_for(cast.employee.user)
        page = client.get("/organisation/").content.decode()
        assert 'data-testid="organisation-form"' not in page and 'data-testid="history"' not in page
        assert client.post("/organisation/", self.DATA).status_code == 403
        cast.organisation.refresh_from_db()
        assert cast.organisation.street == "Stationsplein 1"

    def test_bad_input_keeps_what_was_typed__R_X_2(self, cast):
        response = client_for(cast.administrator.user).post(
            "/organisation/", {**self.DATA, "email": "not-an-email", "name": ""})
        assert response.status_code == 200
        page = response.content.decode()
        assert 'value="Nieuwe Gracht 5"' in page and 'value="not-an-email"' in page
        assert "Stationsplein 1" in page  # the brief view shows what is stored
        cast.organisation.refresh_from_db()
        assert cast.organisation.street == "Stationsplein 1"

    def test_another_organisations_contact_cannot_be_invoice_contact__R_ROLE_9(self, cast):
        response = client_for(cast.administrator.user).post(
            "/organisation/", {**self.DATA, "invoice_contact": cast.other_administrator.pk})
        assert response.status_code == 200
        cast.organisation.refresh_from_db()
        assert cast.organisation.invoice_contact is None

    def test_query_count_is_the_same_for_1_and_50_contacts__R_X_3(self, cast):

        client = client_for(cast.other_administrator.user)

        def count() -> int:
            return queries_of(client, "/organisation/")

        one = count()
        for number in range(49):
            make_contact(cast.other_organisation, Role.EMPLOYEE, email=f"o{number}@other.example")
        assert count() == one


def test_the_history_costs_the_same_with_1_and_20_changes__R_ROLE_17_R_X_3(cast):
    """Issue 15: every history entry used to read its content type again (17 queries at demo
    size); now the history is one query whatever its length."""
    client = client_for(cast.administrator.user)

    def change(street: str) -> None:
        cast.organisation.street = street
        cast.organisation.save()

    change("Stationsplein 2")
    client.get("/organisation/")
    one = queries_of(client, "/organisation/")
    for number in range(3, 22):
        change(f"Stationsplein {number}")
    page = client.get("/organisation/").content.decode()
    assert "Stationsplein 21" in page and "Stationsplein 20" in page
    assert queries_of(client, "/organisation/") == one


def test_above_the_choice_limit_the_invoice_contact_is_typed_by_email__R_ROLE_9_issue_15(
        cast, monkeypatch):
    """At 1,009 contacts the invoice-contact select made the organisation page 100 ms: above
    COLLEAGUE_CHOICES the address is typed, the stored one shown in the field; another
    organisation's address is refused with the typed text kept; same queries either way."""
    from contacts import forms as contact_forms
    from contacts.models import Contact

    Contact.objects.update(language="en")
    cast.organisation.invoice_contact = cast.employee
    cast.organisation.save()
    client = client_for(cast.administrator.user)
    client.get("/organisation/")
    few = queries_of(client, "/organisation/")
    monkeypatch.setattr(contact_forms, "COLLEAGUE_CHOICES", 2)
    html = client.get("/organisation/").content.decode()
    assert (f'type="email" name="invoice_contact" value="{cast.employee.user.email}"'
            in html)
    assert queries_of(client, "/organisation/") == few
    data = {**TestEdit.DATA, "invoice_contact": cast.other_administrator.user.email}
    response = client.post("/organisation/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not one of the colleagues you can choose here." in html
    assert f'value="{cast.other_administrator.user.email}"' in html
    assert "Stationsplein 1" in html  # the page shows what is stored
    response = client.post("/organisation/", {**data, "invoice_contact":
                                              cast.viewer.user.email.upper()})
    assert response.status_code == 302
    cast.organisation.refresh_from_db()
    assert cast.organisation.invoice_contact == cast.viewer
