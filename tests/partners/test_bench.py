"""bench/partner_check.py stays runnable: its fill and its timed run, small, on the test
database (the benchmark itself runs with ``make bench``, R-PART-3, R-PART-7)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from partners.models import Integration, ScanReminder

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[2] / "bench" / "partner_check.py"


def _bench():
    spec = importlib.util.spec_from_file_location("partner_check_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_partner_check_bench_runs_small_and_reports_time_and_queries(capsys):
    bench, today = _bench(), dt.date(2026, 11, 25)
    bench.fill(400, today=today)
    assert Integration.objects.count() == 400
    _seconds, first_queries, first = bench.run(today=today, label="first")
    _seconds, second_queries, second = bench.run(today=today, label="second")
    # A quarter overdue; due in 0 … 90 days: 91 reminders.
    assert first.notices == 100 and first.reminders == ScanReminder.objects.count() == 91
    assert (second.notices, second.reminders) == (0, 0)
    out = capsys.readouterr().out
    assert "first: " in out and " queries; " in out
    assert first_queries < 40 and second_queries < 40
