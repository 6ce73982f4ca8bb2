"""Every customer page as each demo role, in process: the number of queries, the server
time of single requests (median and p95) and ``EXPLAIN (FORMAT JSON)`` of every query,
checked for a sequential scan over the incidents, messages or contacts tables.

    .venv/bin/python -m bench.pages --database-url postgres://…/kp_bench --out pages.json

Run by bench/run.py once per database (the demo and the full data) in a process of its own,
with the environment of ``bench.common.bench_environment`` (production settings). The
requests go through Django's test client (the whole middleware stack and the templates, in
this process, no HTTP and no gunicorn): the time is the server's own, measured around
``Client.get``. Each role logs in once through the real login form.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROLES = {
    "administrator": "beheerder@demo.example",
    "submitter": "insturen@demo.example",
    "viewer": "bekijken@demo.example",
    "employee": "medewerker@demo.example",
    "expert": "expert@demo.example",
    "no role": "geenrol@demo.example",
    "anonymous": None,
}
# Tables a customer page must never scan whole.
BIG_TABLES = {"incidents_incident", "incidents_message", "contacts_contact"}


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    roles: tuple[str, ...] | None = None  # None: every logged-in role


def pages() -> list[Page]:
    """The pages a customer sees; paths with ids are looked up in the database."""
    from bench.data import LONG_THREAD, SEARCH_TERM, SHORT_THREAD
    from contacts.models import Contact
    from knowledge.models import Article
    from updates.models import Release

    release = Release.objects.filter(is_published=True).order_by("-released_on").first()
    article = Article.objects.filter(is_published=True).order_by("pk").first()
    colleague = Contact.objects.filter(user__email="insturen@demo.example",
                                       organisation__name="Demo BV").first()
    found = [
        Page("dashboard", "/"),
        Page("incident list", "/incidents/"),
        Page("incident list, page 1,000", "/incidents/?page=1000"),
        Page("incident list, search", f"/incidents/?q={SEARCH_TERM}"),
        Page("incident, 3 messages", f"/incidents/{SHORT_THREAD}/"),
        Page("incident, 150 messages", f"/incidents/{LONG_THREAD}/"),
        Page("new incident", "/incidents/new/"),
        Page("support", "/support/"),
        Page("screen sharing", "/support/meekijken/"),
        Page("contacts", "/contacts/"),
        Page("courses", "/courses/"),
        Page("my courses", "/courses/mine/"),
        Page("updates", "/updates/"),
        Page("invoices", "/invoices/"),
        Page("knowledge base", "/knowledge/"),
        Page("feedback", "/feedback/"),
        Page("consultancy", "/consultancy/"),
        Page("profile", "/profile/"),
        Page("organisation", "/organisation/"),
        Page("invitations", "/invitations/"),
        Page("partners (public list)", "/partners/", ("administrator", "anonymous")),
        Page("login", "/accounts/login/", ("anonymous",)),
        # Issue 17: the API's incident list beside the page's (the session authenticates it).
        Page("API: incident list", "/api/v1/incidents/"),
    ]
    if release is not None:
        found.append(Page("release", f"/updates/{release.pk}/"))
    if article is not None:
        found.append(Page("knowledge article", f"/knowledge/{article.slug}/"))
    if colleague is not None:
        found.append(Page("contact", f"/contacts/{colleague.pk}/"))
    return found


@dataclass
class Result:
    label: str
    path: str
    role: str
    status: int
    queries: int = 0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    kib: float = 0.0
    seq_scans: list[dict] = field(default_factory=list)


def log_in(email: str | None):
    """A test client logged in as ``email`` through the login form (anonymous for None)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    if email is None:
        return client
    response = client.post("/accounts/login/", {"login": email,
                                                "password": settings.PORTAL_DEMO_PASSWORD})
    if response.status_code != 302:
        raise RuntimeError(f"logging in as {email} answered {response.status_code}")
    return client


def explainable(sql: str) -> str | None:
    """The query to EXPLAIN of a captured statement: a SELECT, a UNION of SELECTs in
    parentheses, or the SELECT of a server-side cursor (``.iterator()``); None for writes and
    transaction control."""
    text = sql.strip()
    if text.upper().startswith("DECLARE"):
        at = text.upper().find(" FOR ")
        text = text[at + 5:] if at >= 0 else ""
    if text.lstrip("( \n").upper().startswith(("SELECT", "WITH")):
        return text
    return None


def seq_scans(sql: str) -> list[dict]:
    """The sequential scans over BIG_TABLES in the plan of ``sql`` (a SELECT)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    found = []

    def walk(node: dict) -> None:
        if node.get("Node Type") == "Seq Scan" and node.get("Relation Name") in BIG_TABLES:
            found.append({"table": node["Relation Name"], "rows": node.get("Plan Rows"),
                          "cost": node.get("Total Cost"), "filter": node.get("Filter", ""),
                          "sql": sql[:600]})
        for child in node.get("Plans", []):
            walk(child)

    for item in plan:
        walk(item["Plan"])
    return found


def measure(client, page: Page, role: str, *, requests: int, explain: bool) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request warms what a page caches and writes once (e.g. the visit of an
    # incident); the queries are counted on the second, as every later request runs them.
    if client.get(page.path).status_code == 200:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
    else:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
    result = Result(page.label, page.path, role, response.status_code,
                    queries=len(captured), kib=round(len(response.content) / 1024, 1))
    if response.status_code != 200:
        return result
    if explain:
        for query in captured.captured_queries:
            sql = explainable(query["sql"])
            if sql is not None:
                result.seq_scans.extend(seq_scans(sql))
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(page.path)
        times.append((time.perf_counter() - started) * 1000)
    from bench.common import median, percentile

    result.median_ms = round(median(times), 1)
    result.p95_ms = round(percentile(times, 0.95), 1)
    return result


def profile(client, path: str, *, requests: int = 5, lines: int = 40) -> str:
    """cProfile of ``requests`` requests of ``path``: the functions by cumulative time."""
    import django

    from bench.common import ROOT
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    site = str(Path(django.__file__).parent.parent) + "/"
    return out.getvalue().replace(site, "").replace(str(ROOT) + "/", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--roles", default="",
                        help="only these roles, comma-separated (default: every demo role)")
    parser.add_argument("--profile", type=int, default=0,
                        help="profile the N pages with the highest p95")
    arguments = parser.parse_args()
    import django

    django.setup()
    from django.core.cache import cache

    # The 403 and 404 answers of roles without access are expected: no tracebacks.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    cache.clear()
    chosen = arguments.roles.split(",") if arguments.roles else list(ROLES)
    clients = {role: log_in(email) for role, email in ROLES.items() if role in chosen}
    results: list[Result] = []
    for page in pages():
        for role in page.roles or [name for name in ROLES if name != "anonymous"]:
            if role not in chosen:
                continue
            result = measure(clients[role], page, role, requests=arguments.requests,
                             explain=arguments.explain)
            results.append(result)
            if result.status == 200:
                scanned = ", ".join(scan["table"] for scan in result.seq_scans)
                print(f"  {page.label:<28} {role:<14} {result.queries:>3} queries "
                      f"{result.median_ms:>7.1f} ms median {result.p95_ms:>7.1f} ms p95"
                      f"{'  SEQ SCAN ' + scanned if scanned else ''}", flush=True)
    profiles = {}
    measured = sorted((r for r in results if r.status == 200), key=lambda r: -r.p95_ms)
    for result in measured[:arguments.profile]:
        profiles[f"{result.label} ({result.role})"] = profile(clients[result.role], result.path)
    Path(arguments.out).write_text(json.dumps({
        "database": os.environ["DATABASE_URL"].rsplit("/", 1)[1],
        "results": [asdict(result) for result in results],
        "profiles": profiles,
    }, indent=1))


if __name__ == "__main__":
    main()
