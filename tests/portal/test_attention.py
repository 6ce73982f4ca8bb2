"""/ tells each person what needs them (issue 14): per role, in at most 8 queries whatever
the amount of data, each item linking to the page that resolves it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from contacts.models import OrganisationCheck
from courses.actions import enrol
from courses.gate import blocked_submitters
from incidents import actions as incident_actions
from incidents.models import Status
from tests.care.factories import make_extra_support
from tests.conftest import client_for
from tests.consultancy.factories import make_visit_request
from tests.courses.factories import make_blocked_submitter, make_event
from tests.incidents.factories import make_incident, support_user
from tests.invoices.factories import make_invoice
from tests.partners.factories import make_integration
from tests.queries import queries_of
from tests.updates.factories import make_release

pytestmark = pytest.mark.django_db

@pytest.fixture
def staff(cast):
    return support_user(cast.staff)


ROLES = ["no_role", "employee", "administrator", "submitter", "viewer", "expert", "partner"]
MAX_QUERIES = 8


def _attention(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.context["attention"], response.content.decode()


def _items(html: str) -> set[str]:
    import re

    return set(re.findall(r'data-attention="([a-z_]+)"', html))


def _lots(cast, staff, n: int) -> None:
    """``n`` of everything the dashboard counts, for every role to see."""
    for _index in range(n):
        incident = make_incident(cast.submitter)
        incident_actions.set_priority(incident=incident, priority=3, actor=staff)
        incident_actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
        make_invoice(cast.organisation, pdf=False, due_date=dt.date(2026, 1, 2))
        make_release(published=True)
        make_extra_support(cast.administrator)
        make_visit_request(cast.administrator)
        enrol(contact=cast.employee, event=make_event())
        make_integration(cast.partner_organisation)
    make_blocked_submitter(cast.organisation)


@pytest.mark.parametrize("who", ROLES)
def test_the_dashboard_keeps_its_query_count_whatever_the_data__issue_14_R_X_3(cast, staff,
                                                                             who):
    client = client_for(getattr(cast, who).user)
    _lots(cast, staff, 1)
    one = queries_of(client, "/")
    _lots(cast, staff, 30)
    many = queries_of(client, "/")
    assert one == many
    assert many <= MAX_QUERIES


def test_the_reporter_sees_what_waits_for_their_answer__issue_14(cast, staff):
    incident = make_incident(cast.submitter)
    incident_actions.set_priority(incident=incident, priority=3, actor=staff)
    incident_actions.change_status(incident=incident, status=Status.WAITING, actor=staff)
    attention, html = _attention(client_for(cast.submitter.user))
    assert attention.counts["incidents_waiting_for_you"] == 1
    assert {"incidents_waiting_for_you", "incidents_with_news"} <= _items(html)
    assert 'href="/incidents/"' in html.split('data-attention="incidents_waiting_for_you"')[1]
    # The viewer reads it too but it does not wait for them.
    attention, html = _attention(client_for(cast.viewer.user))
    assert attention.counts["incidents_waiting_for_you"] == 0
    assert attention.counts["incidents_waiting"] == 1
    assert "incidents_waiting_for_you" not in _items(html)


def test_news_goes_once_the_incident_is_opened__issue_14(cast, staff):
    incident = make_incident(cast.submitter)
    incident_actions.reply_as_staff(incident=incident, body="Gevonden.", actor=staff)
    client = client_for(cast.submitter.user)
    assert _attention(client)[0].counts["incidents_with_news"] == 1
    client.get(f"/incidents/{incident.number}/")
    assert _attention(client)[0].counts["incidents_with_news"] == 0


def test_past_target_counts_only_running_clocks__issue_14(cast, staff):
    late = make_incident(cast.submitter)
    incident_actions.set_priority(incident=late, priority=3, actor=staff)
    type(late).objects.filter(pk=late.pk).update(target_at=timezone.now() - dt.timedelta(hours=1))
    paused = make_incident(cast.submitter)
    incident_actions.set_priority(incident=paused, priority=3, actor=staff)
    incident_actions.change_status(incident=paused, status=Status.WAITING, actor=staff)
    type(paused).objects.filter(pk=paused.pk).update(
        target_at=timezone.now() - dt.timedelta(hours=1))
    attention, html = _attention(client_for(cast.administrator.user))
    assert attention.counts["incidents_past_target"] == 1
    assert "incidents_past_target" in _items(html)


def test_the_administrator_sees_seats_invoices_checks_and_requests__issue_14(cast):
    make_invoice(cast.organisation, pdf=False, due_date=dt.date(2026, 1, 2))
    make_invoice(cast.organisation, pdf=False, invoice_date=timezone.localdate(),
                 due_date=timezone.localdate() + dt.timedelta(days=14))
    make_invoice(cast.organisation, pdf=False, paid_at=timezone.now())
    make_invoice(cast.other_organisation, pdf=False, due_date=dt.date(2026, 1, 2))
    make_extra_support(cast.administrator)
    make_visit_request(cast.administrator)
    OrganisationCheck.objects.create(organisation=cast.organisation, period="2026-07")
    attention, html = _attention(client_for(cast.administrator.user))
    counts = attention.counts
    assert (counts["invoices_open"], counts["invoices_overdue"]) == (2, 1)
    assert counts["extra_support_waiting"] == 1 and counts["visits_waiting"] == 1
    assert counts["check_waiting"] == 1
    assert counts["seats_max"] == cast.organisation.submitter_seats_max
    assert {"invoices_overdue", "check_waiting", "extra_support_waiting",
            "visits_waiting"} <= _items(html)
    # Confirmed: no longer waiting.
    OrganisationCheck.objects.update(confirmed_at=timezone.now())
    assert _attention(client_for(cast.administrator.user))[0].counts["check_waiting"] == 0


def test_the_blocked_count_is_the_gate_rule__issue_14_R_GATE_5(cast):
    make_blocked_submitter(cast.organisation)
    make_blocked_submitter(cast.organisation)
    attention, html = _attention(client_for(cast.administrator.user))
    from contacts.models import Contact

    expected = len(blocked_submitters(Contact.objects.filter(organisation=cast.organisation)))
    assert attention.counts["blocked_submitters"] == expected == 2
    assert "blocked_submitters" in _items(html)


def test_a_blocked_submitter_is_told_which_course_and_when__issue_14_R_GATE_2(cast):
    contact, course = make_blocked_submitter(cast.organisation)
    event = make_event(course)
    attention, html = _attention(client_for(contact.user))
    assert attention.gate.course == course and attention.gate_event == event
    assert "starter_course" in _items(html) and course.title in html


def test_course_dates_and_waiting_positions__issue_14_R_COURSE_1(cast):
    event = make_event(capacity=1)
    enrol(contact=cast.administrator, event=event)
    enrol(contact=cast.employee, event=event)
    attention, html = _attention(client_for(cast.employee.user))
    [enrolment] = attention.enrolments
    assert enrolment.waiting_position == 1
    assert "course_dates" in _items(html)


def test_new_releases_since_the_last_visit__issue_14(cast):
    make_release(published=True)
    client = client_for(cast.employee.user)
    assert _attention(client)[0].counts["new_releases"] == 1
    client.get("/updates/")
    assert _attention(client)[0].counts["new_releases"] == 0
    make_release(published=True)
    assert _attention(client)[0].counts["new_releases"] == 1


@pytest.mark.parametrize("who", ["no_role", "employee", "submitter", "viewer"])
def test_nobody_sees_what_their_role_does_not_open__issue_14_R_ROLE_10(cast, who):
    make_invoice(cast.organisation, pdf=False, due_date=dt.date(2026, 1, 2))
    make_extra_support(cast.administrator)
    attention, html = _attention(client_for(getattr(cast, who).user))
    assert not {"invoices_open", "invoices_overdue", "extra_support_waiting", "seats_max",
                "blocked_submitters", "check_waiting"} & set(attention.counts)


def test_another_organisations_data_is_never_counted__issue_14(cast, staff):
    other = make_incident(cast.submitter)
    incident_actions.set_priority(incident=other, priority=3, actor=staff)
    incident_actions.change_status(incident=other, status=Status.WAITING, actor=staff)
    type(other).objects.filter(pk=other.pk).update(organisation=cast.other_organisation)
    make_invoice(cast.other_organisation, pdf=False, due_date=dt.date(2026, 1, 2))
    counts = _attention(client_for(cast.administrator.user))[0].counts
    assert counts["incidents_waiting"] == 0 and counts["invoices_open"] == 0


def test_with_nothing_waiting_it_says_so__issue_14(cast):
    attention, html = _attention(client_for(cast.no_role.user))
    assert 'data-testid="nothing-waits"' in html


def test_a_partner_sees_quickscans_due_and_overdue__issue_14_R_PART_8(cast):
    today = timezone.localdate()
    make_integration(cast.partner_organisation)  # awaiting its first scan: due in 3 months
    make_integration(cast.partner_organisation, registered_on=today - dt.timedelta(days=200))
    make_integration(cast.partner_organisation, scanned_on=today,
                     colour="green")  # listed for three years
    attention, html = _attention(client_for(cast.partner.user))
    assert (attention.counts["scans_due"], attention.counts["scans_overdue"]) == (1, 1)
    assert {"scans_due", "scans_overdue"} <= _items(html)
    assert 'href="/partner/"' in html.split('data-attention="scans_overdue"')[1]
    assert "scans_due" not in _attention(client_for(cast.administrator.user))[0].counts


def test_an_open_invoice_not_yet_due_is_a_figure_not_an_item__issue_14(cast):
    make_invoice(cast.organisation, pdf=False, invoice_date=timezone.localdate(),
                 due_date=timezone.localdate() + dt.timedelta(days=14))
    attention, html = _attention(client_for(cast.administrator.user))
    assert attention.counts["invoices_open"] == 1 and not attention.anything
    assert 'data-testid="nothing-waits"' in html and 'data-attention="invoices_open"' in html
