"""The SLA clock shown to customers and the queue (R-INC-4, R-INC-5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from incidents import actions, sla
from incidents.calendar import SupportCalendar
from incidents.models import Status
from tests.incidents.factories import MONDAY_10, at, make_incident

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)


def test_time_left_counts_working_hours_only__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=2, actor=staff)  # Tue 10:00
    deadline = sla.deadline(incident, at(2026, 3, 2, 16, 0), SupportCalendar())
    assert deadline.running and not deadline.paused
    assert deadline.time_left == 2.5 * HOUR  # 16:00–17:00 and 08:30–10:00
    with translation.override("en"):
        assert deadline.hours_left == "2 h 30 min"
    with translation.override("nl"):
        assert deadline.hours_left == "2 u 30 min"


def test_past_the_target_is_breached_by_working_time__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=2, actor=staff)
    deadline = sla.deadline(incident, at(2026, 3, 3, 11, 30), SupportCalendar())
    assert deadline.breached and deadline.time_left == -1.5 * HOUR


def test_waiting_freezes_the_time_left__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=2, actor=staff)
    actions.change_status(incident=incident, status=Status.WAITING, actor=staff,
                          now=at(2026, 3, 2, 12, 0))
    incident.refresh_from_db()
    for moment in (at(2026, 3, 2, 15, 0), at(2026, 3, 4, 9, 0)):
        deadline = sla.deadline(incident, moment, SupportCalendar())
        assert deadline.paused and not deadline.running
        assert deadline.time_left == 6.5 * HOUR


def test_resolved_has_no_time_left(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    actions.set_priority(incident=incident, priority=3, actor=staff)
    actions.change_status(incident=incident, status=Status.RESOLVED, actor=staff)
    incident.refresh_from_db()
    assert sla.deadline(incident, MONDAY_10, SupportCalendar()).time_left is None


def test_at_risk_after_three_quarters_of_the_working_time__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    incident = actions.set_priority(incident=incident, priority=2, actor=staff)
    # 8.5 working hours to Tuesday 10:00; three quarters is 6h22m30s: Monday 16:22:30.
    assert incident.at_risk_at == at(2026, 3, 2, 16, 22) + dt.timedelta(seconds=30)


def test_no_target_for_p5_or_without_priority__R_INC_4(cast, staff):
    incident = make_incident(cast.submitter, now=MONDAY_10)
    assert sla.deadline(incident, MONDAY_10, SupportCalendar()).running is False
    incident = actions.set_priority(incident=incident, priority=5, actor=staff)
    assert (incident.target_at, incident.at_risk_at) == (None, None)
