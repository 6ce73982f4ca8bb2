""""My contacts" for administrators (R-ROLE-8, R-ROLE-15, R-ROLE-16, R-QUOTA-4/5)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Contact, Role
from tests.conftest import client_for
from tests.factories import make_contact

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    assert client.get("/contacts/")["Location"].startswith("/accounts/login/")


def test_only_administrators_manage_contacts__R_ROLE_8(cast):
    for contact in (cast.employee, cast.submitter, cast.viewer, cast.no_role):
        assert client_for(contact.user).get("/contacts/").status_code == 403
    assert client_for(cast.administrator.user).get("/contacts/").status_code == 200


def test_it_lists_the_organisations_contacts_only(cast):
    page = client_for(cast.administrator.user).get("/contacts/").content.decode()
    assert "employee@test.example" in page and "viewer@test.example" in page
    assert "admin@other.example" not in page


def test_it_shows_the_seats_in_use__R_QUOTA_4(cast):
    cast.organisation.submitter_seats_override = 3
    cast.organisation.save()
    page = client_for(cast.administrator.user).get("/contacts/").content.decode()
    assert "1 van 3 instuurplaatsen in gebruik" in page


@pytest.mark.parametrize("query, shown, hidden", [
    ({"q": "viewer"}, "viewer@test.example", "employee@test.example"),
    ({"role": "submit_incidents"}, "submitter@test.example", "viewer@test.example"),
    ({"role": "none"}, "norole@test.example", "employee@test.example"),
])
def test_search_and_filter(cast, query, shown, hidden):
    page = client_for(cast.administrator.user).get("/contacts/", query).content.decode()
    assert shown in page and hidden not in page


@pytest.mark.parametrize("query", [{"role": "boss"}, {"status": "x"}, {"page": "999"},
                                   {"page": "abc"}, {"q": "x" * 500}])
def test_bad_query_strings_are_not_a_500__R_X_2(cast, query):
    assert client_for(cast.administrator.user).get("/contacts/", query).status_code == 200


def test_query_count_is_the_same_for_1_and_50_contacts__R_X_3(cast):
    client = client_for(cast.other_administrator.user)  # Andere BV has one contact

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/contacts/").status_code == 200
        return len(queries)

    one = count()
    for number in range(49):
        make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS,
                     email=f"c{number}@other.example")
    assert count() == one


class TestAdd:
    def test_it_adds_a_contact_with_roles__R_ROLE_8(self, cast):
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
            "roles": ["employee", "submit_incidents"]})
        contact = Contact.objects.get(user__email="nina@test.example")
        assert response.status_code == 302
        assert response["Location"] == f"/contacts/{contact.pk}/"
        assert contact.roles == {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}

    def test_a_refused_seat_keeps_what_was_typed__R_QUOTA_5_R_X_2(self, cast):
        cast.organisation.submitter_seats_override = 1
        cast.organisation.save()
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
            "job_title": "Controller", "roles": ["employee", "submit_incidents"]})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Alle 1 instuurplaatsen zijn in gebruik" in page
        assert cast.submitter.user.email.split("@")[0] in page or "submitter" in page
        assert 'value="nina@test.example"' in page and 'value="Controller"' in page
        assert 'value="employee" checked' in page or "checked" in page
        assert not Contact.objects.filter(user__email="nina@test.example").exists()

    def test_a_bad_email_keeps_the_rest(self, cast):
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "not-an-email", "first_name": "Nina", "last_name": "Nieuw"})
        assert response.status_code == 200
        assert 'value="Nina"' in response.content.decode()


class TestDetail:
    def test_another_organisations_contact_answers_404__R_ROLE_14(self, cast):
        client = client_for(cast.administrator.user)
        assert client.get(f"/contacts/{cast.other_administrator.pk}/").status_code == 404
        response = client.post(f"/contacts/{cast.other_administrator.pk}/",
                               {"roles": ["employee"]})
        assert response.status_code == 404
        assert client.post(f"/contacts/{cast.other_administrator.pk}/active/",
                           {"active": "0"}).status_code == 404
        assert client.get("/contacts/999999/").status_code == 404

    def test_roles_are_changed_with_checkboxes_and_take_effect_at_once__R_ROLE_16(self, cast):
        admin = client_for(cast.administrator.user)
        no_role = client_for(cast.no_role.user)
        assert no_role.get("/organisation/").status_code == 403
        response = admin.post(f"/contacts/{cast.no_role.pk}/", {"roles": ["employee"]})
        assert response.status_code == 302
        assert no_role.get("/organisation/").status_code == 200

    def test_the_history_shows_who_changed_what__R_ROLE_17(self, cast):
        admin = client_for(cast.administrator.user)
        admin.post(f"/contacts/{cast.no_role.pk}/", {"roles": ["view_incidents"]})
        page = admin.get(f"/contacts/{cast.no_role.pk}/").content.decode()
        assert 'data-testid="history"' in page and "admin@test.example" in page

    def test_removing_the_own_last_administrator_role_is_refused__R_ROLE_15(self, cast):
        response = client_for(cast.administrator.user).post(
            f"/contacts/{cast.administrator.pk}/", {"roles": ["employee"]})
        assert response.status_code == 200
        assert "minstens één actieve beheerder" in response.content.decode()
        cast.administrator.refresh_from_db()
        assert cast.administrator.is_administrator

    def test_deactivate_and_reactivate(self, cast):
        admin = client_for(cast.administrator.user)
        response = admin.post(f"/contacts/{cast.employee.pk}/active/", {"active": "0"})
        assert response.status_code == 302
        cast.employee.refresh_from_db()
        assert not cast.employee.is_active
        assert client_for(cast.employee.user).get("/organisation/").status_code == 403
        admin.post(f"/contacts/{cast.employee.pk}/active/", {"active": "1"})
        cast.employee.refresh_from_db()
        assert cast.employee.is_active


class TestStarterCourseWarning:
    """R-GATE-2: an administrator giving the role to a contact the gate blocks is warned,
    not stopped."""

    @pytest.fixture
    def starter(self):
        from contacts.models import SubmissionProfile
        from courses.models import Course, StarterCourseRequirement

        course = Course.objects.create(code="START-FIN", title="Startcursus Financieel",
                                       is_starter=True)
        StarterCourseRequirement.objects.create(submission_profile=SubmissionProfile.FINANCE,
                                                course=course)
        return course

    def test_the_administrator_is_warned_and_the_role_is_given__R_GATE_2(self, cast, starter):
        cast.employee.submission_profile = "finance"
        cast.employee.save()  # created now: after the gate date
        response = client_for(cast.administrator.user).post(
            f"/contacts/{cast.employee.pk}/",
            {"roles": ["employee", "submit_incidents"], "submission_profile": "finance"},
            follow=True)
        page = response.content.decode()
        assert "Startcursus Financieel" in page and "alert-warning" in page
        cast.employee.refresh_from_db()
        assert cast.employee.can_submit_incidents

    def test_no_warning_for_an_exempt_contact__R_GATE_2(self, cast, starter):
        import datetime as dt

        Contact.objects.filter(pk=cast.employee.pk).update(
            submission_profile="finance", created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))
        response = client_for(cast.administrator.user).post(
            f"/contacts/{cast.employee.pk}/",
            {"roles": ["employee", "submit_incidents"], "submission_profile": "finance"},
            follow=True)
        assert "Startcursus Financieel" not in response.content.decode()
