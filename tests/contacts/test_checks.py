"""R-CARE-3: administrators are asked to check their organisation's details in the configured
months, at most seven months apart and at least twice a year, one email each."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.roles import Role
from contacts.checks import demo as check_demo
from contacts import demo as contacts_demo
from contacts.checks import (
    latest_check, months_before, organisations_due, period_of, request_organisation_checks,
    check_request_email,
)
from contacts.models import Language, OrganisationCheck
from tests.conftest import client_for
from tests.factories import make_contact, make_organisation, make_user

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parents[2]


def at(year: int, month: int, day: int = 1, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=AMSTERDAM)


def periods_of(organisation) -> list[str]:
    return sorted(OrganisationCheck.objects.filter(organisation=organisation)
                  .values_list("period", flat=True))


def test_periods_count_calendar_months_in_amsterdam():
    assert months_before("2026-07", 4) == "2026-03"
    assert months_before("2026-02", 5) == "2025-09"
    # 23:30 UTC on 31 December is already January in Amsterdam.
    assert period_of(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)) == "2027-01"


class TestSelection:
    def test_it_asks_only_in_the_configured_months__R_CARE_3(self, cast):
        assert request_organisation_checks(now=at(2026, 2)) == 0
        assert not OrganisationCheck.objects.exists()
        # Demo BV, Andere BV and the partner each have an active administrator.
        assert request_organisation_checks(now=at(2026, 1)) == 3
        assert periods_of(cast.organisation) == ["2026-01"]

    @override_settings(ORGANISATION_CHECK_MONTHS=[3, 9])
    def test_the_months_come_from_the_setting__R_CARE_3(self, cast):
        assert request_organisation_checks(now=at(2026, 1)) == 0
        assert request_organisation_checks(now=at(2026, 3)) == 3

    def test_force_runs_outside_the_configured_months__R_CARE_3(self, cast):
        assert request_organisation_checks(now=at(2026, 2, 10), force=True) == 3
        assert periods_of(cast.organisation) == ["2026-02"]

    def test_running_twice_in_a_month_asks_nobody_twice__R_CARE_3(
            self, cast, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            assert request_organisation_checks(now=at(2026, 7, 1)) == 3
        with django_capture_on_commit_callbacks(execute=True):
            assert request_organisation_checks(now=at(2026, 7, 1, hour=10)) == 0
            assert request_organisation_checks(now=at(2026, 7, 20), force=True) == 0
        assert OrganisationCheck.objects.count() == 3
        assert len(mail.outbox) == 3

    def test_a_second_run_at_the_same_instant_asks_only_the_newcomer(
            self, cast, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            request_organisation_checks(now=at(2026, 7))
        make_contact(make_organisation("Nieuw BV"), Role.ADMINISTRATOR, email="new@test.example")
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert request_organisation_checks(now=at(2026, 7)) == 1
        assert [message.to for message in mail.outbox] == [["new@test.example"]]

    def test_a_later_run_in_the_month_catches_up_a_new_organisation__R_CARE_3(self, cast):
        request_organisation_checks(now=at(2026, 7, 1))
        late = make_organisation("Nieuw BV")
        make_contact(late, Role.ADMINISTRATOR)
        assert request_organisation_checks(now=at(2026, 7, 2)) == 1
        assert periods_of(late) == ["2026-07"]

    @override_settings(ORGANISATION_CHECK_MONTHS=[1, 2, 7, 8])
    def test_nobody_is_asked_again_within_5_months__R_CARE_3(self, cast):
        """Months configured close together: February and August are skipped."""
        for month in range(1, 13):
            request_organisation_checks(now=at(2026, month))
        assert periods_of(cast.organisation) == ["2026-01", "2026-07"]

    def test_the_guard_counts_5_calendar_months(self, cast):
        OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-03",
                                         requested_at=at(2026, 3, 15))
        OrganisationCheck.objects.create(organisation=cast.other_organisation, period="2026-02",
                                         requested_at=at(2026, 2, 15))
        request_organisation_checks(now=at(2026, 7))
        assert periods_of(cast.organisation) == ["2026-03"]  # 4 months ago: skipped
        assert periods_of(cast.other_organisation) == ["2026-02", "2026-07"]  # 5 months ago

    @pytest.mark.parametrize("months", [[1, 7], [1, 2, 7, 8], [1, 6], [3, 8, 10], [2, 5, 8, 11]])
    def test_every_schedule_the_settings_accept_asks_5_to_7_months_apart__R_CARE_3(
            self, cast, months):
        """Four years of runs (1st and 15th of each month): every gap is 5–7 months and
        every calendar year holds at least two requests."""
        with override_settings(ORGANISATION_CHECK_MONTHS=months):
            day = dt.date(2026, 1, 1)
            while day.year < 2030:
                if day.day in (1, 15):
                    request_organisation_checks(now=at(day.year, day.month, day.day))
                day += dt.timedelta(days=1)
        indexes = [int(p[:4]) * 12 + int(p[5:]) for p in periods_of(cast.organisation)]
        assert all(5 <= later - earlier <= 7 for earlier, later in itertools.pairwise(indexes))
        per_year = {year: sum(1 for p in periods_of(cast.organisation) if p.startswith(str(year)))
                    for year in range(2026, 2030)}
        assert min(per_year.values()) >= 2, per_year

    def test_inactive_organisations_and_those_without_administrators_are_skipped__R_CARE_3(
            self, cast):
        cast.other_organisation.is_active = False
        cast.other_organisation.save()
        nobody = make_organisation("Zonder beheerder BV")
        make_contact(nobody, Role.EMPLOYEE)
        former = make_organisation("Oud-beheerder BV")
        make_contact(former, Role.ADMINISTRATOR, is_active=False)
        blocked = make_organisation("Geblokkeerd BV")
        make_contact(blocked, Role.ADMINISTRATOR, user=make_user(is_active=False))
        make_organisation("Leeg BV")
        request_organisation_checks(now=at(2026, 1))
        asked = set(OrganisationCheck.objects.values_list("organisation__name", flat=True))
        assert asked == {"Demo BV", "Koppeling BV"}

    def test_the_selection_takes_the_same_queries_for_1_and_50_organisations__R_CARE_3(self, db):
        def queries_to_ask(expected: int, when: dt.datetime) -> int:
            with CaptureQueriesContext(connection) as queries:
                assert organisations_due(period=period_of(when)).count() == expected
                assert request_organisation_checks(now=when) == expected
            return len(queries)

        make_contact(make_organisation(), Role.ADMINISTRATOR)
        one = queries_to_ask(1, at(2026, 1))
        for _ in range(49):
            make_contact(make_organisation(), Role.ADMINISTRATOR)
        assert queries_to_ask(50, at(2026, 7)) == one


class TestEmails:
    def test_each_active_administrator_gets_one_email_in_their_language__R_CARE_3(
            self, cast, django_capture_on_commit_callbacks):
        make_contact(cast.organisation, Role.ADMINISTRATOR, email="english@test.example",
                               language=Language.ENGLISH)
        make_contact(cast.organisation, Role.ADMINISTRATOR, email="gone@test.example",
                     is_active=False)
        cast.organisation.phone = "+31 30 123 4567"
        cast.organisation.email = "info@demo.example"
        cast.organisation.invoice_contact = cast.administrator
        cast.organisation.save()
        with django_capture_on_commit_callbacks(execute=True):
            request_organisation_checks(now=at(2026, 1))
        to_demo = {message.to[0]: message for message in mail.outbox
                   if "Demo BV" in message.subject}
        assert set(to_demo) == {"admin@test.example", "english@test.example"}
        dutch, english_mail = to_demo["admin@test.example"], to_demo["english@test.example"]
        assert english_mail.subject == "Are the details of Demo BV still correct?"
        assert dutch.subject == "Kloppen de gegevens van Demo BV nog?"
        for text in ("Stationsplein 1", "3511 ED Utrecht", "+31 30 123 4567",
                     "info@demo.example", "<admin@test.example>", "/organisation/confirm/"):
            assert text in english_mail.body and text in dutch.body
        assert "60 days" in english_mail.body and "60 dagen" in dutch.body
        assert {message.to[0] for message in mail.outbox} >= {"admin@other.example",
                                                                "partner@test.example"}
        assert len(mail.outbox) == 4

    def test_the_link_in_the_email_confirms__R_CARE_3(
            self, cast, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            request_organisation_checks(now=timezone.now(), force=True)
        message = next(m for m in mail.outbox if m.to == ["admin@test.example"])
        link = next(line for line in message.body.splitlines() if "/organisation/confirm/" in line)
        response = client_for(make_user()).get(urlsplit(link.strip()).path)
        assert response.status_code == 200
        check = OrganisationCheck.objects.get(organisation=cast.organisation)
        assert check.confirmed_by == cast.administrator.user

    def test_emails_leave_only_after_commit(self, cast, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            request_organisation_checks(now=at(2026, 1))
        assert mail.outbox == [] and len(callbacks) == 1

    def test_nothing_is_sent_to_an_administrator_deactivated_before_sending(self, cast):
        check = OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-01")
        cast.administrator.is_administrator = False
        cast.administrator.save()
        assert check_request_email(check=check.pk, contact=cast.administrator.pk) == []
        assert mail.outbox == []

    def test_nothing_is_sent_when_another_administrator_already_confirmed(self, cast):
        check = OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-01",
                                                 confirmed_at=timezone.now(),
                                                 confirmed_by=cast.administrator.user)
        assert check_request_email(check=check.pk, contact=cast.administrator.pk) == []
        assert check_request_email(check=check.pk, contact=cast.other_administrator.pk) == []
        assert mail.outbox == []


class TestOrganisationPagePartial:
    def render(self, check) -> str:
        with translation.override("en"):
            return render_to_string("contacts/_organisation_check.html",
                                    {"organisation_check": check})

    def test_it_shows_the_last_confirmation__R_CARE_3(self, cast):
        OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-01",
                                         requested_at=at(2026, 1), confirmed_at=at(2026, 1, 3),
                                         confirmed_by=make_user(first_name="Bea", last_name="B"))
        text = " ".join(self.render(latest_check(cast.organisation)).split())
        assert "Last confirmed still correct on 3 January 2026 by Bea B." in text

    def test_it_shows_an_open_request(self, cast):
        OrganisationCheck.objects.create(organisation=cast.organisation, period="2025-07",
                                         requested_at=at(2025, 7, 2), confirmed_at=at(2025, 7, 3))
        OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-01",
                                         requested_at=at(2026, 1, 1))
        check = latest_check(cast.organisation)
        assert check.requested_at == at(2026, 1, 1)
        assert "requested from the administrators on 1 January 2026, not yet confirmed" in " ".join(
            self.render(check).split())

    def test_it_shows_nothing_without_a_request(self, cast):
        assert latest_check(cast.organisation) is None
        assert self.render(None).strip() == ""


def test_customer_care_sees_requests_and_confirmations_in_the_admin__R_CARE_3(cast):
    cast.staff.groups.add(Group.objects.get(name="Customer Care"))
    OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-07",
                                     confirmed_at=timezone.now(),
                                     confirmed_by=cast.administrator.user)
    OrganisationCheck.objects.create(organisation=cast.other_organisation, period="2026-07")
    client = client_for(cast.staff)
    page = client.get("/admin/contacts/organisationcheck/?period=2026-07&confirmed=no")
    assert page.status_code == 200
    assert "Andere BV" in page.content.decode() and "Demo BV" not in page.content.decode()
    page = client.get("/admin/contacts/organisationcheck/?confirmed=yes")
    assert "Demo BV" in page.content.decode() and "Andere BV" not in page.content.decode()
    assert client.get("/admin/contacts/organisationcheck/add/").status_code == 403


class TestCommand:
    def run(self, *args: str) -> str:
        out = StringIO()
        call_command("request_organisation_checks", *args, stdout=out)
        return out.getvalue()

    @override_settings(ORGANISATION_CHECK_MONTHS=[1, 7])
    def test_it_runs_only_in_the_configured_months_unless_forced(self, cast, monkeypatch):
        monkeypatch.setattr(timezone, "now", lambda: at(2026, 3, 5).astimezone(dt.UTC))
        assert "not a check month" in self.run()
        assert not OrganisationCheck.objects.exists()
        assert "Asked the administrators of 3 organisations" in self.run("--force")
        assert "Asked the administrators of 0 organisations" in self.run("--force")


def test_the_demo_has_a_confirmed_and_an_open_check__R_CARE_3(db):
    contacts_demo.seed()
    check_demo.seed()
    check_demo.seed()  # idempotent
    demo = OrganisationCheck.objects.get(organisation__name="Demo BV")
    other = OrganisationCheck.objects.get(organisation__name="Andere BV")
    assert demo.confirmed_by.email == "beheerder@demo.example" and other.confirmed_at is None
    assert demo.period == other.period
    assert int(demo.period[5:]) in (1, 7) and demo.requested_at <= timezone.now()


@pytest.mark.parametrize("months", ["1,2", "7", "0,6", "1,7,13"])
def test_the_settings_refuse_months_that_break_the_rule__R_CARE_3(months):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
         "'portal.settings.dev'; django.setup()"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**env, "ORGANISATION_CHECK_MONTHS": months},
    )
    assert result.returncode != 0 and "ORGANISATION_CHECK_MONTHS" in result.stderr
