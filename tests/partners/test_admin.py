"""Partner management in the admin: scans through record_scan, ending agreements through
the admin actions, answering questions, private documents (R-PART-2 … R-PART-5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.pdf import text_pdf
from partners import actions
from partners.models import (
    AgreementDocument, EndReason, Integration, IntegrationStatus, Question, Scan, ScanColour,
)
from tests.conftest import client_for
from tests.partners.factories import (
    make_document, make_integration, make_partner, make_question, partner_manager,
)

pytestmark = pytest.mark.django_db


def _manager(cast):
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    return client_for(cast.staff)


def _overdue_with_notice(cast) -> Integration:
    integration = make_integration(cast.partner_organisation, "Webshop",
                                   scanned_on=timezone.localdate() - dt.timedelta(days=400),
                                   colour=ScanColour.RED)
    actions.check_partner_certifications()
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.NOTICE
    return integration


def test_every_partner_page_of_the_admin_opens(cast):
    client = _manager(cast)
    integration = make_integration(cast.partner_organisation, scanned_on=timezone.localdate())
    make_document(cast.partner_organisation, integration=integration)
    question = make_question(cast.partner_organisation, asked_by=cast.partner)
    for url in ("/admin/partners/integration/", "/admin/partners/integration/?standing=overdue",
                "/admin/partners/integration/?standing=listed",
                "/admin/partners/integration/?review=due", "/admin/partners/scan/",
                "/admin/partners/agreementdocument/", "/admin/partners/question/?answered=no",
                f"/admin/partners/integration/{integration.pk}/change/",
                "/admin/partners/integration/add/", "/admin/partners/scan/add/",
                f"/admin/partners/question/{question.pk}/change/"):
        assert client.get(url).status_code == 200, url


def test_staff_outside_partner_management_have_no_access(cast):
    cast.staff.groups.add(Group.objects.get(name="Support"))
    assert client_for(cast.staff).get("/admin/partners/integration/").status_code == 403


def test_a_scan_recorded_in_the_admin_relists_and_withdraws_the_notice__R_PART_3(cast):
    integration = _overdue_with_notice(cast)
    today = timezone.localdate()
    response = _manager(cast).post("/admin/partners/scan/add/", {
        "integration": integration.pk, "tester": "Securify", "scanned_on": today.isoformat(),
        "colour": "green"})
    assert response.status_code == 302, response.content.decode()
    integration.refresh_from_db()
    assert integration.is_listed and integration.status == IntegrationStatus.ACTIVE
    scan = integration.scans.get(scanned_on=today)
    assert (scan.recorded_by, scan.tester) == (cast.staff, "Securify")


def test_the_scan_form_records_tester_date_and_colour_only_and_ignores_a_report__R_PART_6(
        cast):
    """The full report stays with the partner: the form has no upload, and a report posted
    anyway is neither kept nor stored."""
    from unittest import mock

    from django.core.files.storage import default_storage

    integration = make_integration(cast.partner_organisation)
    client = _manager(cast)
    page = client.get("/admin/partners/scan/add/").content.decode()
    assert 'type="file"' not in page and 'name="report"' not in page
    assert 'name="tester"' in page
    report = SimpleUploadedFile("rapport.pdf", text_pdf(["Quickscan"]),
                                content_type="application/pdf")
    with mock.patch.object(default_storage, "save", wraps=default_storage.save) as saved:
        response = client.post("/admin/partners/scan/add/", {
            "integration": integration.pk, "tester": "Computest",
            "scanned_on": timezone.localdate().isoformat(), "colour": "red", "report": report})
    assert response.status_code == 302
    assert saved.call_count == 0
    assert integration.scans.get().colour == "red"
    assert [field.name for field in Scan._meta.get_fields()
            if field.name not in {"id", "integration", "recorded_at", "recorded_by"}] == [
        "scanned_on", "colour", "tester"]
    with pytest.raises(NoReverseMatch):  # no download of a report, for staff either
        reverse("admin:partners_scan_report", args=[1])


@pytest.mark.parametrize(("scanned_on", "message"), [
    ("2999-01-01", "kan niet in de toekomst liggen"),
    ("niet een datum", "Voer een geldige datum in"),
])
def test_a_bad_scan_date_is_a_message_not_an_error__R_X_2(cast, scanned_on, message):
    integration = make_integration(cast.partner_organisation)
    response = _manager(cast).post("/admin/partners/scan/add/", {
        "integration": integration.pk, "scanned_on": scanned_on, "colour": "green"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Scan.objects.exists()


def test_a_second_scan_on_the_same_day_is_refused__R_X_2(cast):
    today = timezone.localdate()
    integration = make_integration(cast.partner_organisation, scanned_on=today)
    client = _manager(cast)
    response = client.post("/admin/partners/scan/add/", {
        "integration": integration.pk, "scanned_on": today.isoformat(), "colour": "red"})
    assert "heeft al een scan op die datum" in response.content.decode()
    assert integration.scans.count() == 1


def test_a_terminated_integration_cannot_get_a_scan(cast):
    integration = make_integration(cast.partner_organisation)
    actions.terminate_integration(integration=integration, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager())
    response = _manager(cast).post("/admin/partners/scan/add/", {
        "integration": integration.pk, "scanned_on": timezone.localdate().isoformat(),
        "colour": "green"})
    assert response.status_code == 200
    assert not Scan.objects.exists()


def _action(cast, action: str, *integrations: Integration):
    return _manager(cast).post("/admin/partners/integration/", {
        "action": action, "_selected_action": [i.pk for i in integrations]}, follow=True)


def test_normal_notice_from_the_admin__R_PART_4(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=timezone.localdate())
    response = _action(cast, "give_normal_notice", integration)
    assert "Overeenkomsten gewijzigd: 1." in response.content.decode()
    integration.refresh_from_db()
    assert integration.status == IntegrationStatus.NOTICE
    assert integration.end_reason == EndReason.NORMAL
    response = _action(cast, "give_normal_notice", integration)
    assert "al opgezegd is: 1." in response.content.decode()


@pytest.mark.parametrize(("action", "reason"), [
    ("terminate_non_payment", EndReason.NON_PAYMENT),
    ("terminate_code_of_conduct", EndReason.CODE_OF_CONDUCT),
    ("terminate_missing_certification", EndReason.MISSING_CERTIFICATION),
])
def test_ending_at_once_from_the_admin__R_PART_4(cast, action, reason):
    integration = make_integration(cast.partner_organisation, scanned_on=timezone.localdate())
    _action(cast, action, integration)
    integration.refresh_from_db()
    assert (integration.status, integration.end_reason, integration.is_listed) == (
        IntegrationStatus.TERMINATED, reason, False)


def test_staff_add_an_integration_only_for_a_partner(cast):
    client = _manager(cast)
    data = {"organisation": cast.organisation.pk, "name": "Klant-koppeling",
            "description": "", "agreement_start": "2026-01-01", "notice_months": "12",
            "next_review_on": "",
            "scans-TOTAL_FORMS": "0", "scans-INITIAL_FORMS": "0",
            "reminders-TOTAL_FORMS": "0", "reminders-INITIAL_FORMS": "0"}
    response = client.post("/admin/partners/integration/add/", data)
    assert response.status_code == 200 and not Integration.objects.exists()
    data["organisation"] = cast.partner_organisation.pk
    assert client.post("/admin/partners/integration/add/", data).status_code == 302
    integration = Integration.objects.get()
    assert integration.status == IntegrationStatus.ACTIVE and not integration.is_listed


def test_staff_answer_a_question_once_and_the_partner_sees_it__R_PART_5(cast):
    question = make_question(cast.partner_organisation, subject="Korting", asked_by=cast.partner)
    client = _manager(cast)
    url = f"/admin/partners/question/{question.pk}/change/"
    response = client.post(url, {"answer": "   "})
    assert "Schrijf het antwoord" in response.content.decode()
    assert client.post(url, {"answer": "Mail ons je factuur."}).status_code == 302
    question.refresh_from_db()
    assert question.is_answered and question.answered_by == cast.staff
    # Answered: the page is read-only, a second save changes nothing.
    assert client.post(url, {"answer": "Anders"}).status_code == 302
    question.refresh_from_db()
    assert question.answer == "Mail ons je factuur."
    page = client_for(cast.partner.user).get("/partner/").content.decode()
    assert "Mail ons je factuur." in page
    assert Question.objects.count() == 1


def test_staff_upload_an_agreement_that_only_its_partner_downloads__R_PART_5(cast):
    client = _manager(cast)
    response = client.post("/admin/partners/agreementdocument/add/", {
        "organisation": cast.partner_organisation.pk, "integration": "", "title": "Contract",
        "file": SimpleUploadedFile("contract.pdf", text_pdf(["Contract"]))})
    assert response.status_code == 302, response.content.decode()
    document = AgreementDocument.objects.get()
    assert document.file.name.startswith("private/partners/agreements/")
    assert client.get(f"/admin/partners/agreementdocument/{document.pk}/file/").status_code == 200
    assert client_for(cast.partner.user).get(
        f"/partner/documents/{document.pk}/").status_code == 200


def test_an_agreement_for_another_partners_integration_is_refused(cast):
    other = make_integration(cast.partner_organisation)
    response = _manager(cast).post("/admin/partners/agreementdocument/add/", {
        "organisation": make_partner().pk, "integration": other.pk, "title": "Contract",
        "file": SimpleUploadedFile("contract.pdf", text_pdf(["Contract"]))})
    assert response.status_code == 200
    assert "hoort bij een andere partner" in response.content.decode()


def test_the_integration_page_shows_scans_without_any_report__R_PART_6(cast):
    integration = make_integration(cast.partner_organisation, scanned_on=timezone.localdate())
    page = _manager(cast).get(
        f"/admin/partners/integration/{integration.pk}/change/").content.decode()
    assert "Computest" in page
    assert "/report/" not in page and "private/partners/scans" not in page
