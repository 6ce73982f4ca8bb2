"""The markdown report of bench/run.py: every figure against the goals of issue 15.

Goals are judged only at full scale (scale ≥ 1); a smaller run shows the figures with
"–" in the goal columns.
"""

from __future__ import annotations

from collections import defaultdict

# Issue 15: requests/s measured before the work on it (same machine, same method).
TODAY_RPS = {
    "dashboard": 301, "incident list": 73, "incident, 3 messages": 86,
    "incident, 150 messages": 55, "contacts": 104, "courses": 100, "updates": 75,
    "invoices": 172, "support": 195, "login": 374,
}
SHARE_GOAL = 0.20
HIGH_SHARE_GOAL = 0.35
HIGH_SHARE_PAGES = {"dashboard", "incident list", "support"}
TIMES_TODAY = 5
P95_GOAL_MS = 25
EMAILS_GOAL_S = 30
RECOUNT_GOAL_S = 5
CELERY_GOAL_MIB = 150
WEB_GOAL_MIB = 120


def _mark(met: bool | None) -> str:
    return "–" if met is None else ("met" if met else "**not met**")


def render(figures: dict) -> str:
    run, pages, demo, load, nightly = (figures["run"], figures["pages"], figures["pages_demo"],
                                       figures["load"], figures["nightly"])
    judged = run["scale"] >= 1

    def judge(condition: bool) -> bool | None:
        return condition if judged else None

    lines: list[str] = []
    add = lines.append
    sizes = run["sizes"]
    add(f"# Benchmark {run['date']}, scale {run['scale']}")
    add("")
    add(f"Data: {sizes['organisations']:,} organisations, {sizes['contacts']:,} contacts, "
        f"{sizes['incidents']:,} incidents (~{3 * sizes['incidents']:,} messages), "
        f"{sizes['demo_incidents']:,} of them in the demo customer Demo BV. "
        f"Machine: {run['machine']['cpus']} CPUs, load average "
        f"{run['machine']['load'][0]:.1f} at the start and {run['load_after'][0]:.1f} at the "
        f"end; commit {run['machine']['commit']}; Python {run['machine']['python']}. "
        f"The run took {run['minutes']} minutes ("
        + ", ".join(f"{name} {seconds} s" for name, seconds in run["steps_s"].items()) + ").")
    if run["note"]:
        add("")
        add(f"**Note:** {run['note']}")
    add("")
    add("Method: single-request times in process (Django's test client through the whole "
        f"middleware, production settings, {run['requests']} timed requests after one warm-up); "
        "throughput under gunicorn (2 sync workers, production settings, PostgreSQL with "
        "persistent connections, Redis cache) on loopback, wrk with 8 connections and the "
        f"role's session cookie, {run['seconds']} s per run, the hello view "
        "(`/bench/hello/`, same gunicorn and middleware, no session) run before every page, "
        f"median of {run['rounds']} interleaved rounds; share = page req/s ÷ hello req/s.")
    if not judged:
        add("")
        add("Goals are not judged below scale 1.")

    # Summary ------------------------------------------------------------------------------
    rows = [r for r in pages["results"] if r["status"] == 200]
    demo_counts = {(r["label"], r["role"]): r["queries"] for r in demo["results"]
                   if r["status"] == 200}
    unequal = [r for r in rows if (r["label"], r["role"]) in demo_counts
               and demo_counts[(r["label"], r["role"])] != r["queries"]]
    slow = [r for r in rows if r["p95_ms"] >= P95_GOAL_MS]
    scans = [(r, scan) for r in rows for scan in r["seq_scans"]]
    load_rows = load["results"]
    ceiling = load["ceiling_rps"]

    def share_goal(label: str) -> float:
        return HIGH_SHARE_GOAL if label in HIGH_SHARE_PAGES else SHARE_GOAL

    low_share = [r for r in load_rows if r["share"] < share_goal(r["label"])]
    not_5x = [r for r in load_rows if r["label"] in TODAY_RPS
              and r["rps"] < TIMES_TODAY * TODAY_RPS[r["label"]]]
    web = max(load["web_worker_rss_mib"].values(), default=0)
    celery = max(nightly["worker_rss_mib"].values(), default=0)
    add("")
    add("## Goals")
    add("")
    add("| goal | figure | |")
    add("|---|---|---|")
    add(f"| every page ≥ 20% of the hello ceiling (dashboard, incident list, support ≥ 35%) "
        f"| ceiling {ceiling:,.0f} req/s; {len(low_share)} of {len(load_rows)} pages below "
        f"their goal | {_mark(judge(not low_share))} |")
    add(f"| every page ≥ 5× today's req/s (the pages issue 15 measured) | "
        f"{len(not_5x)} of {sum(r['label'] in TODAY_RPS for r in load_rows)} below | "
        f"{_mark(judge(not not_5x))} |")
    add(f"| single-request p95 < {P95_GOAL_MS} ms, every page and role at full scale | "
        f"{len(slow)} of {len(rows)} at or above; worst "
        f"{max((r['p95_ms'] for r in rows), default=0):.0f} ms | "
        f"{_mark(judge(not slow))} |")
    add(f"| query counts equal at demo and full scale | {len(unequal)} of "
        f"{sum((r['label'], r['role']) in demo_counts for r in rows)} differ | "
        f"{_mark(judge(not unequal))} |")
    add(f"| no Seq Scan on incidents, messages or contacts on a customer page | "
        f"{len(scans)} scans on {len({(r['label'], r['role']) for r, _ in scans})} page×role | "
        f"{_mark(judge(not scans))} |")
    if nightly.get("timed_out"):
        emails = (f"only {nightly['arrived']:,} arrived in {nightly['delivered_s']:.0f} s "
                  f"(timed out; {nightly['emails_per_s']:.0f}/s")
    else:
        emails = f"{nightly['delivered_s']:.1f} s ({nightly['emails_per_s']:.0f}/s"
    add(f"| {nightly['emails']:,} status emails < {EMAILS_GOAL_S} s | {emails}, "
        f"{nightly['worker_concurrency']} worker processes) | "
        f"{_mark(judge(not nightly.get('timed_out') and nightly['delivered_s'] < 30))} |")
    # Judged on an ordinary night (the second run); the first run after the data was made
    # finds every shortage new and queues a notice for each.
    again = nightly.get("recount_again_s")
    recount = nightly["recount_s"] if again is None else again
    first = (f"; the first run {nightly['recount_s']:.2f} s with "
             f"{nightly.get('recount_newly_short', 0):,} organisations newly short"
             if again is not None else " (one run: the first after the data was made)")
    add(f"| recount of {nightly['contacts']:,} contacts < {RECOUNT_GOAL_S} s | "
        f"{recount:.2f} s{first} | {_mark(judge(recount < RECOUNT_GOAL_S))} |")
    if nightly["worker_rss_mib"]:
        add(f"| Celery worker < {CELERY_GOAL_MIB} MB per process (after the emails) | largest "
            f"{celery:.0f} MiB "
            f"({', '.join(f'{v:.0f}' for v in nightly['worker_rss_mib'].values())}) | "
            f"{_mark(judge(celery < CELERY_GOAL_MIB))} |")
    else:
        add(f"| Celery worker < {CELERY_GOAL_MIB} MB per process | not measured | – |")
    add(f"| web worker < {WEB_GOAL_MIB} MB (after the load) | largest {web:.0f} MiB "
        f"({', '.join(f'{v:.0f}' for v in load['web_worker_rss_mib'].values())}) | "
        f"{_mark(judge(web < WEB_GOAL_MIB))} |")
    add("")
    add(f"Nightly jobs: recount {nightly['recount_s']:.2f} s; organisation checks "
        f"{nightly['organisation_checks_s']:.2f} s ({nightly['organisation_checks']:,} "
        f"organisations asked); partner check {nightly['partner_check_s']:.2f} s over "
        f"{nightly['integrations']:,} integrations. Emails: queued in "
        f"{nightly['queue_s']:.2f} s, commit and publish {nightly['commit_and_publish_s']:.2f} s,"
        f" {nightly['outbox_rows_done']:,} outbox rows done, {nightly['duplicates']} "
        f"duplicates. Celery worker idle: "
        f"{', '.join(f'{v:.0f}' for v in nightly['worker_rss_idle_mib'].values()) or '–'} MiB.")

    # Throughput ---------------------------------------------------------------------------
    add("")
    add(f"## Throughput (ceiling: hello {ceiling:,.0f} req/s, p95 {load['hello_p95_ms']:.0f} ms;"
        f" rounds {', '.join(f'{v:.0f}' for v in load['hello_rounds'])})")
    add("")
    add("| page | role | req/s | rounds | share | goal | | today | × today | 5× | p95 ms "
        "| errors |")
    add("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in load_rows:
        today = TODAY_RPS.get(r["label"])
        goal = share_goal(r["label"])
        times = f"{r['rps'] / today:.1f}" if today else ""
        five = _mark(judge(r["rps"] >= TIMES_TODAY * today)) if today else ""
        add(f"| {r['label']} `{r['path']}` | {r['role']} | {r['rps']:.0f} | "
            f"{', '.join(f'{v:.0f}' for v in r['rounds'])} | {100 * r['share']:.1f}% | "
            f"{100 * goal:.0f}% | {_mark(judge(r['share'] >= goal))} | {today or ''} | {times} "
            f"| {five} | {r['p95_ms']:.0f} | {r['errors']} |")

    # Pages --------------------------------------------------------------------------------
    add("")
    add("## Pages in process, each demo role")
    add("")
    add("| page | role | queries demo | queries full | KiB | median ms | p95 ms | p95 goal "
        "| Seq Scans |")
    add("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        count = demo_counts.get((r["label"], r["role"]))
        equal = "" if count is None or count == r["queries"] else " **≠**"
        tables = ", ".join(sorted({scan["table"] for scan in r["seq_scans"]}))
        add(f"| {r['label']} | {r['role']} | {'' if count is None else count} | "
            f"{r['queries']}{equal} | {r['kib']} | {r['median_ms']} | {r['p95_ms']} | "
            f"{_mark(judge(r['p95_ms'] < P95_GOAL_MS))} | {tables} |")
    others = sorted({(r["label"], r["status"]) for r in pages["results"] if r["status"] != 200})
    by_status = defaultdict(list)
    for r in pages["results"]:
        if r["status"] != 200:
            by_status[r["status"]].append(f"{r['label']} ({r['role']})")
    if others:
        add("")
        add("Not measured (the role may not see the page): " + "; ".join(
            f"{status}: {', '.join(names)}" for status, names in sorted(by_status.items())))

    # Seq Scans ----------------------------------------------------------------------------
    if scans:
        add("")
        add("## Sequential scans on customer pages")
        add("")
        seen = set()
        for r, scan in scans:
            key = (r["label"], scan["table"], scan["sql"])
            if key in seen:
                continue
            seen.add(key)
            roles = sorted({x["role"] for x, s in scans
                            if x["label"] == r["label"] and s["sql"] == scan["sql"]})
            add(f"- **{r['label']}** ({', '.join(roles)}): `{scan['table']}`, "
                f"~{scan['rows']:,} rows, cost {scan['cost']:,.0f}"
                f"{', filter ' + scan['filter'] if scan['filter'] else ''}")
            add(f"  ```sql\n  {scan['sql'][:600]}\n  ```")

    # Profiles -----------------------------------------------------------------------------
    if pages.get("profiles"):
        add("")
        add("## Profiles of the slowest pages (5 requests, cProfile, cumulative)")
        for name, text in pages["profiles"].items():
            add("")
            add(f"<details><summary>{name}</summary>\n\n```\n{text.strip()}\n```\n</details>")
    return "\n".join(lines) + "\n"
