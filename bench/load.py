"""Throughput under load: the production settings (bench.settings) under gunicorn with 2 sync
workers on loopback, ``wrk`` with 8 connections and a logged-in session cookie, every page
once per round and the bare Django hello view (bench/urls.py) before each page, interleaved,
for ROUNDS rounds; per page the median requests/s and p95 latency of the rounds and its share
of the hello ceiling measured in the same rounds. Afterwards the resident memory of each web
worker.

    .venv/bin/python -m bench.load --out load.json [--seconds 5] [--rounds 3]

Run by bench/run.py in a process of its own with the environment of
``bench.common.bench_environment``. Each role logs in once, through the login form, in this
process (same database, cache and SECRET_KEY as gunicorn); wrk sends that session cookie.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, children, median, rss_mib  # noqa: E402

WORKERS = 2
CONNECTIONS = 8
THREADS = 2
# wrk prints what this script writes after the run: requests/s, latency percentiles (µs),
# and how many responses were errors or not 2xx/3xx.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d seconds=%f p50=%d p95=%d p99=%d errors=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout))
end
"""
RESULT = re.compile(r"BENCH requests=(\d+) seconds=([\d.]+) p50=(\d+) p95=(\d+) p99=(\d+) "
                    r"errors=(\d+)")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--worker-class", "sync", "--log-level", "warning",
         "--timeout", "120"],
        cwd=ROOT, env=os.environ.copy(), stdout=log.open("w"), stderr=subprocess.STDOUT)
    # Ready when both workers have booted: ten answers in a row, each within a second.
    deadline, quick = time.monotonic() + 120, 0
    while quick < 10:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/hello/", timeout=30):
                quick = quick + 1 if time.monotonic() - started < 1 else 0
        except OSError:
            quick = 0
            time.sleep(0.3)
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("gunicorn did not start:\n" + log.read_text()[-3000:])
    return process


def wrk(url: str, *, cookie: str, seconds: int, script: Path) -> dict:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = RESULT.search(output)
    if found is None:
        raise RuntimeError(f"wrk said:\n{output}")
    requests, duration, p50, p95, p99, errors = found.groups()
    return {"rps": int(requests) / float(duration), "p50_ms": int(p50) / 1000,
            "p95_ms": int(p95) / 1000, "p99_ms": int(p99) / 1000, "errors": int(errors),
            "requests": int(requests)}


def drain(base: str) -> None:
    """Wait until gunicorn has answered what the last wrk run left queued (its connections
    close at the end of the run, the requests already accepted are still served): a few
    requests one after the other, the first waits behind the queue."""
    for _ in range(WORKERS + 1):
        with urllib.request.urlopen(base + "/bench/hello/", timeout=120):
            pass


def cookies() -> dict[str, str]:
    """The Cookie header of each role: logged in once through the login form."""
    from bench.pages import ROLES, log_in

    found = {}
    for role, email in ROLES.items():
        client = log_in(email)
        found[role] = "; ".join(f"{name}={morsel.value}" for name, morsel in
                                client.cookies.items() if name != "csrftoken")
    return found


def load_pages() -> list[tuple[str, str, str]]:
    """(label, path, role) of every page measured under load: each customer page once, as
    the role the issue measured it with (administrator where it may, else the first role
    that sees it)."""
    from bench.pages import pages

    submitter_pages = {"incident, 3 messages", "incident, 150 messages", "new incident",
                       "support"}
    chosen = []
    for page in pages():
        if page.roles:
            role = page.roles[-1] if page.label != "partners (public list)" else "administrator"
        elif page.label in submitter_pages:
            role = "submitter"
        else:
            role = "administrator"
        chosen.append((page.label, page.path, role))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", default="",
                        help="only the pages with these labels, separated by ; (default all)")
    parser.add_argument("--hello-every", type=int, default=1,
                        help="the hello run before every N-th page (0: once per round)")
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()
    sessions = cookies()
    targets = [target for target in load_pages()
               if not arguments.pages or target[0] in arguments.pages.split(";")]
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    script = work / "report.lua"
    script.write_text(WRK_SCRIPT)
    port = free_port()
    server = start_gunicorn(port, work / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    hello: list[dict] = []
    per_page: dict[str, list[dict]] = {label: [] for label, _path, _role in targets}
    statuses: dict[str, int] = {}
    try:
        # Each page answers 200 as its role, not a redirect; four times, so both workers
        # have loaded its templates before it is timed.
        for label, path, role in targets:
            for _ in range(4):
                request = urllib.request.Request(base + path,
                                                 headers={"Cookie": sessions[role]})
                with urllib.request.urlopen(request, timeout=60) as response:
                    statuses[label] = response.status
                    if response.url != base + path:
                        raise RuntimeError(f"{path} as {role} redirected to {response.url}")
        for number in range(1, arguments.rounds + 1):
            for index, (label, path, role) in enumerate(targets):
                every = arguments.hello_every
                if index == 0 or (every and index % every == 0):
                    drain(base)
                    hello.append(wrk(base + "/bench/hello/", cookie="",
                                     seconds=arguments.seconds, script=script))
                drain(base)
                per_page[label].append(wrk(base + path, cookie=sessions[role],
                                           seconds=arguments.seconds, script=script))
                last, ceiling = per_page[label][-1], hello[-1]
                print(f"  round {number} {label:<28} {role:<14} {last['rps']:>7.0f} req/s "
                      f"(hello {ceiling['rps']:.0f}) p95 {last['p95_ms']:.0f} ms"
                      f"{'  ERRORS ' + str(last['errors']) if last['errors'] else ''}",
                      flush=True)
        workers = children(server.pid)
        memory = {str(pid): round(rss_mib(pid), 1) for pid in workers}
    finally:
        server.terminate()
        server.wait(timeout=30)
    ceiling = median([run["rps"] for run in hello])
    results = []
    for label, path, role in targets:
        runs = per_page[label]
        rps = median([run["rps"] for run in runs])
        results.append({"label": label, "path": path, "role": role, "rps": round(rps, 1),
                        "share": round(rps / ceiling, 4), "p95_ms": median(
                            [run["p95_ms"] for run in runs]),
                        "errors": sum(run["errors"] for run in runs),
                        "rounds": [round(run["rps"], 1) for run in runs]})
    Path(arguments.out).write_text(json.dumps({
        "ceiling_rps": round(ceiling, 1),
        "hello_rounds": [round(run["rps"], 1) for run in hello],
        "hello_p95_ms": median([run["p95_ms"] for run in hello]),
        "results": results, "web_worker_rss_mib": memory,
        "seconds": arguments.seconds, "rounds": arguments.rounds,
        "workers": WORKERS, "connections": CONNECTIONS,
    }, indent=1))


if __name__ == "__main__":
    main()
