"""R-PART-8: each integration has one status, derived in one place
(``partners.models.standing``) and shown alike in the partner portal, the admin list and the
public register: listed / due soon / overdue (delisted, notice given, ends on …) / ended, plus
awaiting the first quickscan and notice given."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from partners import actions
from partners.models import EndReason, Integration, ScanColour, Standing
from partners.queries import listed_integrations, with_standing
from tests.conftest import client_for
from tests.partners.factories import make_integration, partner_manager

pytestmark = pytest.mark.django_db


def _every_standing(cast) -> dict[Standing, Integration]:
    """One integration of the cast partner in each standing, as of today."""
    today = timezone.localdate()
    partner = cast.partner_organisation
    listed = make_integration(partner, "Groen", scanned_on=today - dt.timedelta(days=10))
    due_soon = make_integration(partner, "Bijna", colour=ScanColour.ORANGE,
                                scanned_on=today - dt.timedelta(days=330))
    awaiting = make_integration(partner, "Nieuw")
    overdue = make_integration(partner, "Te laat", colour=ScanColour.RED,
                               scanned_on=today - dt.timedelta(days=200))
    actions.check_partner_certifications(today=today)  # delists it and gives notice
    notice = make_integration(partner, "Opgezegd", scanned_on=today - dt.timedelta(days=10))
    actions.give_notice_as_partner(contact=cast.partner, integration=notice)
    ended = make_integration(partner, "Klaar", scanned_on=today - dt.timedelta(days=10))
    actions.terminate_integration(integration=ended, reason=EndReason.CODE_OF_CONDUCT,
                                  actor=partner_manager())
    return {Standing.LISTED: listed, Standing.DUE_SOON: due_soon,
            Standing.AWAITING_FIRST: awaiting, Standing.OVERDUE: overdue,
            Standing.NOTICE: notice, Standing.ENDED: ended}


def _standings(today: dt.date | None = None) -> dict[str, str]:
    return dict(with_standing(Integration.objects.all(), today or timezone.localdate())
                .values_list("name", "standing"))


def test_the_one_status_of_each_integration__R_PART_8(cast):
    expected = _every_standing(cast)
    assert _standings() == {integration.name: standing.value
                            for standing, integration in expected.items()}


def test_an_overdue_scan_is_overdue_before_the_nightly_check_and_a_run_out_notice_ended__R_PART_8(
        cast):
    today = timezone.localdate()
    make_integration(cast.partner_organisation, "Te laat", colour=ScanColour.RED,
                     scanned_on=today - dt.timedelta(days=200))
    noticed = make_integration(cast.partner_organisation, "Afgelopen",
                               scanned_on=today - dt.timedelta(days=10))
    actions.give_notice(integration=noticed, actor=partner_manager(),
                        today=today - dt.timedelta(days=400))
    # Neither "Active" with a listing nor "notice" with a term that has expired.
    assert _standings() == {"Te laat": "overdue", "Afgelopen": "ended"}


def _portal_standings(client) -> dict[str, str]:
    page = client.get("/partner/").content.decode()
    cards = re.findall(r'id="integration-\d+-title">([^<]+)</h3>\s*<span class="badge[^"]*" '
                       r'data-testid="standing" data-standing="(\w+)">([^<]+)</span>', page)
    return {name: (standing, text) for name, standing, text in cards}


def test_the_portal_the_admin_and_the_register_show_the_same_status__R_PART_8(cast):
    expected = _every_standing(cast)
    dutch = _portal_standings(client_for(cast.partner.user))  # the staff's language too
    assert {name: standing for name, (standing, _text) in dutch.items()} == _standings()
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    admin_page = client_for(cast.staff).get("/admin/partners/integration/").content.decode()
    for name, (_standing, text) in dutch.items():
        row = admin_page[admin_page.index(f">{name}</a>"):]
        assert f'<td class="field-standing_display">{text}</td>' in row[:1500], name

    cast.partner.language = "en"
    cast.partner.save()
    portal = _portal_standings(client_for(cast.partner.user))
    texts = {name: text for name, (_standing, text) in portal.items()}
    ends = expected[Standing.OVERDUE]
    ends.refresh_from_db()
    assert texts["Te laat"] == (f"Overdue: delisted, notice given, ends on "
                                f"{ends.subscription_end.day} {ends.subscription_end:%B %Y}")
    assert texts["Opgezegd"].startswith("Notice given, ends on ")
    assert texts["Klaar"].startswith("Ended on ")
    assert texts["Groen"] == "Listed"
    # The portal never shows "Active" next to anything: there is one status.
    page = client_for(cast.partner.user).get("/partner/").content.decode()
    assert 'data-testid="status"' not in page and 'data-testid="listed"' not in page

    for standing in Standing:
        filtered = client_for(cast.staff).get(
            f"/admin/partners/integration/?standing={standing.value}")
        assert [item.name for item in filtered.context["cl"].result_list] == [
            expected[standing].name]

    register = [integration.name for integration in
                Client().get("/partners/").context["page"].object_list]
    assert sorted(register) == sorted(["Groen", "Bijna", "Opgezegd"])
    assert sorted(register) == sorted(integration.name for integration in listed_integrations())


def test_reviews_due_are_a_filter_in_the_admin__R_PART_8(cast):
    today = timezone.localdate()
    due = make_integration(cast.partner_organisation, "Review nu",
                           next_review_on=today + dt.timedelta(days=10))
    make_integration(cast.partner_organisation, "Review later",
                     next_review_on=today + dt.timedelta(days=200))
    ended = make_integration(cast.partner_organisation, "Review klaar",
                             next_review_on=today - dt.timedelta(days=1))
    actions.terminate_integration(integration=ended, reason=EndReason.NON_PAYMENT,
                                  actor=partner_manager())
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    response = client_for(cast.staff).get("/admin/partners/integration/?review=due")
    assert [item.name for item in response.context["cl"].result_list] == [due.name]


def test_a_new_integration_gets_its_next_yearly_review__R_PART_8(cast):
    integration = make_integration(cast.partner_organisation, agreement_start=dt.date(2024, 3, 1),
                                   registered_on=dt.date(2026, 11, 25))
    assert integration.next_review_on == dt.date(2027, 3, 1)
    assert integration.notice_months == 12


def test_staff_edit_the_notice_period_and_the_review_date_in_the_admin__R_PART_8(cast):
    integration = make_integration(cast.partner_organisation, "Salaris")
    cast.staff.groups.add(Group.objects.get(name="Partner management"))
    response = client_for(cast.staff).post(
        f"/admin/partners/integration/{integration.pk}/change/", {
            "organisation": cast.partner_organisation.pk, "name": "Salaris", "description": "",
            "agreement_start": "2024-01-01", "notice_months": "6",
            "next_review_on": "2027-01-01", "status": "terminated",
            "scans-TOTAL_FORMS": "0", "scans-INITIAL_FORMS": "0",
            "reminders-TOTAL_FORMS": "0", "reminders-INITIAL_FORMS": "0"})
    assert response.status_code == 302
    integration.refresh_from_db()
    assert (integration.notice_months, integration.next_review_on) == (6, dt.date(2027, 1, 1))
    assert integration.status == "active"  # not a field of the form: ignored
    bad = client_for(cast.staff).post(
        f"/admin/partners/integration/{integration.pk}/change/", {
            "organisation": cast.partner_organisation.pk, "name": "Salaris", "description": "",
            "agreement_start": "2024-01-01", "notice_months": "0", "next_review_on": "",
            "scans-TOTAL_FORMS": "0", "scans-INITIAL_FORMS": "0",
            "reminders-TOTAL_FORMS": "0", "reminders-INITIAL_FORMS": "0"})
    assert bad.status_code == 200
    integration.refresh_from_db()
    assert integration.notice_months == 6
