"""The parts of bench/ (``make bench``, issue 15) that decide what the report says: the
percentile, the sizes of a scale, the plan check that finds a sequential scan, and the
report that judges the goals only at full scale. The whole benchmark runs in CI at its
smallest scale (.ci/run); these tests keep its verdicts honest."""

from __future__ import annotations

import pytest

from bench import report
from bench.common import percentile
from bench.data import Sizes


def test_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 0.5) == 10.0
    assert percentile([7.0], 0.95) == 7.0


def test_sizes_at_full_scale_are_the_issues_and_scale_0_is_the_demo_with_two_threads():
    full = Sizes.at(1)
    assert (full.organisations, full.contacts, full.incidents, full.demo_incidents) == (
        10_000, 1_000_000, 1_000_000, 50_000)
    demo = Sizes.at(0)
    assert (demo.organisations, demo.contacts, demo.incidents) == (0, 0, 2)
    small = Sizes.at(0.001)
    assert small.incidents == 1_000 and small.demo_incidents == 50


@pytest.mark.django_db
def test_a_sequential_scan_over_incidents_is_found_and_an_index_scan_is_not():
    from bench.pages import seq_scans
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET enable_indexscan = off; SET enable_bitmapscan = off")
        try:
            found = seq_scans("SELECT * FROM incidents_incident WHERE subject LIKE '%x%'")
        finally:
            cursor.execute("RESET enable_indexscan; RESET enable_bitmapscan")
    assert [scan["table"] for scan in found] == ["incidents_incident"]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            assert seq_scans("SELECT * FROM incidents_incident WHERE id = 1") == []
        finally:
            cursor.execute("RESET enable_seqscan")


def _figures(*, scale: float, p95: float, rps: float) -> dict:
    page = {"label": "dashboard", "path": "/", "role": "administrator", "status": 200,
            "queries": 3, "median_ms": p95 / 2, "p95_ms": p95, "kib": 10.0, "seq_scans": []}
    return {
        "run": {"date": "2026-12-01 23:00 UTC", "scale": scale,
                "sizes": Sizes.at(scale).__dict__, "requests": 20, "seconds": 3, "rounds": 3,
                "machine": {"cpus": 2, "load": (1.0, 1.0, 1.0), "commit": "abc", "python": "3"},
                "load_after": (1.0, 1.0, 1.0), "note": "", "minutes": 1.0, "steps_s": {}},
        "pages": {"results": [page], "profiles": {}},
        "pages_demo": {"results": [dict(page)]},
        "load": {"ceiling_rps": 1000.0, "hello_rounds": [1000.0], "hello_p95_ms": 5.0,
                 "web_worker_rss_mib": {"1": 100.0},
                 "results": [{"label": "dashboard", "path": "/", "role": "administrator",
                              "rps": rps, "share": rps / 1000, "p95_ms": 20.0, "errors": 0,
                              "rounds": [rps]}]},
        "nightly": {"contacts": 1_000_000, "recount_s": 2.0, "organisation_checks_s": 1.0,
                    "organisation_checks": 10, "partner_check_s": 1.0, "integrations": 10,
                    "emails": 10_000, "delivered_s": 20.0, "emails_per_s": 500.0,
                    "worker_concurrency": 2, "queue_s": 1.0, "commit_and_publish_s": 1.0,
                    "outbox_rows_done": 10_000, "duplicates": 0,
                    "worker_rss_idle_mib": {"1": 90.0}, "worker_rss_mib": {"1": 100.0}},
    }


def test_the_report_judges_every_goal_at_full_scale():
    text = report.render(_figures(scale=1, p95=30.0, rps=400.0))
    # 400 req/s is 40% of the ceiling (met) but less than 5 × 301 (not met); p95 30 ms.
    assert "| every page ≥ 20% of the hello ceiling" in text
    assert "0 of 1 pages below their goal | met |" in text
    assert "1 of 1 below | **not met** |" in text
    assert "1 of 1 at or above; worst 30 ms | **not met** |" in text
    assert "| 10,000 status emails < 30 s | 20.0 s" in text


def test_a_small_run_shows_the_figures_without_verdicts():
    text = report.render(_figures(scale=0.001, p95=30.0, rps=400.0))
    assert "Goals are not judged below scale 1." in text
    assert "met |" not in text


def test_unions_and_cursor_queries_are_explained_and_writes_are_not():
    from bench.pages import explainable

    assert explainable('DECLARE "c" NO SCROLL CURSOR WITH HOLD FOR SELECT 1') == "SELECT 1"
    assert explainable("(SELECT 1) UNION (SELECT 2)") == "(SELECT 1) UNION (SELECT 2)"
    assert explainable("INSERT INTO t VALUES (1)") is None
    assert explainable("BEGIN") is None
