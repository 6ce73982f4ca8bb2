""""My contacts" for administrators (R-ROLE-8, R-ROLE-15, R-ROLE-16, R-ROLE-18, R-QUOTA-4/5/7,
R-GATE-4/5)."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.roles import Role
from contacts import actions
from contacts.models import Contact, Invitation, Organisation
from tests.conftest import client_for
from tests.factories import make_contact
from tests.queries import queries_of

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
        return queries_of(client, "/contacts/")

    one = count()
    for number in range(49):
        make_contact(cast.other_organisation, Role.SUBMIT_INCIDENTS,
                     email=f"c{number}@other.example")
    assert count() == one


class TestAdd:
    def test_it_invites_a_contact_with_roles__R_ROLE_8_R_X_6(self, cast):
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
            "roles": ["employee", "submit_incidents"], "submission_profile": "finance"})
        invitation = Invitation.objects.get(email="nina@test.example")
        assert response.status_code == 302
        assert response["Location"] == f"/contacts/invitations/{invitation.pk}/"
        assert invitation.roles == {Role.EMPLOYEE, Role.SUBMIT_INCIDENTS}
        assert not Contact.objects.filter(user__email="nina@test.example").exists()

    def test_a_refused_seat_keeps_what_was_typed__R_QUOTA_5_R_X_2(self, cast):
        cast.organisation.submitter_seats_override = 1
        cast.organisation.save()
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
            "job_title": "Controller", "roles": ["employee", "submit_incidents"],
            "submission_profile": "finance"})
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

    def test_deactivating_asks_to_confirm_first(self, cast):
        """Confirm before a destructive click (issue 14): the detail page links to a page
        whose form deactivates; opening it changes nothing. An inactive contact has nothing
        to confirm and goes back to the detail page."""
        admin = client_for(cast.administrator.user)
        detail = admin.get(f"/contacts/{cast.employee.pk}/").content.decode()
        assert f'href="/contacts/{cast.employee.pk}/active/"' in detail
        page = admin.get(f"/contacts/{cast.employee.pk}/active/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'data-testid="confirm-deactivate"' in html and 'name="active" value="0"' in html
        cast.employee.refresh_from_db()
        assert cast.employee.is_active
        cast.viewer.is_active = False
        cast.viewer.save(update_fields=["is_active"])
        response = admin.get(f"/contacts/{cast.viewer.pk}/active/")
        assert response.status_code == 302
        assert response["Location"] == f"/contacts/{cast.viewer.pk}/"

    def test_the_confirmation_of_another_organisations_contact_is_404(self, cast):
        admin = client_for(cast.other_administrator.user)
        assert admin.get(f"/contacts/{cast.employee.pk}/active/").status_code == 404

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


class TestExpertStatusIsNotTheCustomers:
    """R-QUOTA-7: no form field, POST or hidden input lets an administrator set expert
    status; the seats-full message offers only taking the role from a seat holder."""

    def test_a_posted_expert_flag_on_the_contact_form_changes_nothing__R_QUOTA_7(self, cast):
        cast.organisation.submitter_seats_override = 1  # the submitter holds the only seat
        cast.organisation.save()
        admin = client_for(cast.administrator.user)
        page = admin.get(f"/contacts/{cast.employee.pk}/").content.decode()
        assert 'name="certified_expert"' not in page
        response = admin.post(f"/contacts/{cast.employee.pk}/", {
            "roles": ["employee", "submit_incidents"], "submission_profile": "finance",
            "certified_expert": "on", "expert_certified_on": "2026-01-01",
            "expert_certified_until": "2030-01-01"})
        assert response.status_code == 200  # refused: the seats are full
        cast.employee.refresh_from_db()
        assert not cast.employee.certified_expert and not cast.employee.can_submit_incidents
        assert cast.employee.expert_certified_until is None

    def test_a_posted_expert_flag_on_the_add_form_changes_nothing__R_QUOTA_7(self, cast):
        response = client_for(cast.administrator.user).post("/contacts/new/", {
            "email": "nina@test.example", "first_name": "Nina", "last_name": "Nieuw",
            "roles": ["employee"], "submission_profile": "finance",
            "certified_expert": "on"})
        assert response.status_code == 302
        invitation = Invitation.objects.get(email="nina@test.example")
        contact = actions.join_organisation(user=invitation.user, invitation=invitation)
        assert not contact.certified_expert

    def test_removing_the_role_from_an_expert_keeps_expert_status__R_QUOTA_7(self, cast):
        client_for(cast.administrator.user).post(f"/contacts/{cast.expert.pk}/", {
            "roles": ["employee"], "submission_profile": "finance"})
        cast.expert.refresh_from_db()
        assert cast.expert.certified_expert and not cast.expert.can_submit_incidents

    def test_the_seats_message_names_the_holders_and_offers_only_taking_the_role__R_QUOTA_7(
            self, cast):
        cast.organisation.submitter_seats_override = 1
        cast.organisation.save()
        response = client_for(cast.administrator.user).post(f"/contacts/{cast.employee.pk}/", {
            "roles": ["employee", "submit_incidents"], "submission_profile": "finance"})
        page = response.content.decode()
        error = page.split('id="error_1_id_roles"')[1].split("</p>")[0]
        assert str(cast.submitter.user) in error
        assert "Haal eerst bij een van hen de rol Incidenten insturen weg" in error
        assert "expert" not in error  # no longer "or make this contact a certified expert"

    def test_the_detail_page_shows_expert_status_read_only__R_QUOTA_7(self, cast):
        page = client_for(cast.administrator.user).get(
            f"/contacts/{cast.expert.pk}/").content.decode()
        expert = page.split('data-testid="expert"')[1].split("</dd>")[0]
        assert "Ja" in expert and "geldig tot" in expert


class TestSubmissionProfile:
    """R-GATE-4 on the forms: the role needs a profile for gated contacts; the add form
    proposes the profile of the organisation's segment."""

    def test_the_role_without_a_profile_is_refused_and_the_form_kept__R_GATE_4(self, cast):
        response = client_for(cast.administrator.user).post(f"/contacts/{cast.employee.pk}/", {
            "roles": ["employee", "submit_incidents"], "submission_profile": "",
            "job_title": "Boekhouder"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "instuurprofiel" in page.lower() and 'value="Boekhouder"' in page
        cast.employee.refresh_from_db()
        assert not cast.employee.can_submit_incidents

    @pytest.mark.parametrize("profile", ["bogus", "x" * 300, "<script>"])
    def test_an_unknown_profile_is_a_form_error__R_GATE_4_R_X_2(self, cast, profile):
        response = client_for(cast.administrator.user).post(f"/contacts/{cast.employee.pk}/", {
            "roles": ["employee", "submit_incidents"], "submission_profile": profile})
        assert response.status_code == 200
        cast.employee.refresh_from_db()
        assert not cast.employee.can_submit_incidents and cast.employee.submission_profile == ""

    def test_the_add_form_proposes_the_segments_profile__R_GATE_4(self, cast):
        Organisation.objects.filter(pk=cast.organisation.pk).update(segment="care")
        page = client_for(cast.administrator.user).get("/contacts/new/").content.decode()
        assert '<option value="hrm_payroll" selected>' in page

    def test_an_exempt_contact_keeps_the_role_without_a_profile(self, cast):
        old = make_contact(cast.organisation, Role.EMPLOYEE,
                           created_at=dt.datetime(2025, 1, 6, tzinfo=dt.UTC))
        response = client_for(cast.administrator.user).post(f"/contacts/{old.pk}/", {
            "roles": ["employee", "submit_incidents"], "submission_profile": ""})
        assert response.status_code == 302
        old.refresh_from_db()
        assert old.can_submit_incidents


class TestBlockedSeatHolders:
    """R-GATE-5: administrators see on /contacts/ who holds the role but cannot submit yet."""

    def test_blocked_seat_holders_are_listed_with_course_and_next_event__R_GATE_5(self, cast):
        from tests.courses.factories import make_blocked_submitter, make_event

        blocked, course = make_blocked_submitter(cast.organisation, email="nieuw@test.example")
        make_event(course, days=9)
        page = client_for(cast.administrator.user).get("/contacts/").content.decode()
        section = page.split('data-testid="blocked"')[1].split("</section>")[0]
        assert str(blocked.user) in section and course.title in section
        assert "Volgende datum" in section or "Next event" in section
        assert 'data-testid="blocked-badge"' in page
        assert str(cast.submitter.user) not in section

    def test_the_list_keeps_its_query_count_with_blocked_holders__R_X_3(self, cast):
        from tests.courses.factories import make_blocked_submitter

        client = client_for(cast.administrator.user)

        def count() -> int:
            return queries_of(client, "/contacts/")

        make_blocked_submitter(cast.organisation)
        one = count()
        for _ in range(49):
            make_blocked_submitter(cast.organisation)
        assert count() == one


class TestDelete:
    """R-ROLE-18 in the browser's terms: a confirmation page, then the contact is gone."""

    def test_it_asks_first_and_then_deletes__R_ROLE_18(self, cast):
        admin = client_for(cast.administrator.user)
        page = admin.get(f"/contacts/{cast.employee.pk}/delete/")
        assert page.status_code == 200 and "kan niet ongedaan" in page.content.decode()
        cast.employee.refresh_from_db()
        assert cast.employee.removed_at is None
        response = admin.post(f"/contacts/{cast.employee.pk}/delete/")
        assert response.status_code == 302 and response["Location"] == "/contacts/"
        assert admin.get(f"/contacts/{cast.employee.pk}/").status_code == 404
        assert str(cast.employee.user) not in admin.get("/contacts/").content.decode()

    def test_another_organisations_contact_answers_404__R_ROLE_14(self, cast):
        admin = client_for(cast.administrator.user)
        url = f"/contacts/{cast.other_administrator.pk}/delete/"
        assert admin.get(url).status_code == 404
        assert admin.post(url).status_code == 404
        cast.other_administrator.refresh_from_db()
        assert cast.other_administrator.removed_at is None

    def test_only_administrators_delete__R_ROLE_8(self, cast):
        for who in (cast.employee, cast.submitter, cast.viewer):
            response = client_for(who.user).post(f"/contacts/{cast.no_role.pk}/delete/")
            assert response.status_code == 403
        cast.no_role.refresh_from_db()
        assert cast.no_role.removed_at is None

    def test_the_last_administrator_cannot_delete_themselves__R_ROLE_15(self, cast):
        admin = client_for(cast.administrator.user)
        response = admin.post(f"/contacts/{cast.administrator.pk}/delete/", follow=True)
        assert "minstens één actieve beheerder" in response.content.decode()
        cast.administrator.refresh_from_db()
        assert cast.administrator.removed_at is None
