"""``make bench``: the benchmark of issue 15 in one run, against the local PostgreSQL and
Redis, printing a markdown table of every figure against the issue's goals and writing it
to bench/results/<date>.md (the raw figures beside it, .json).

    .venv/bin/python bench/run.py [--scale 1] [--note "..."]
    BENCH_SCALE=0.001 make bench         # the smallest run (CI): 3 roles, 5 pages under
                                         # load, 1 round; goals not judged

Steps, each in a process of its own with the production settings (bench.settings: the
environment of ``bench.common.bench_environment``, a new SECRET_KEY per run):
1. data (bench/data.py): the demo database (BENCH_DATABASE_URL + "_demo", scale 0) and the
   benchmark database (BENCH_DATABASE_URL, default kp_bench) at ``--scale``, each reused
   when its marker says it is current;
2. pages (bench/pages.py) in process on both databases: queries, median and p95 time; EXPLAIN
   of every query and profiles of the slowest pages on the big one;
3. load (bench/load.py): gunicorn and wrk against every page and the hello ceiling;
4. nightly (bench/nightly.py): recount, organisation checks, partner check, status emails
   through a real worker, worker memory;
5. report (bench/report.py).
BENCH_REDIS_URL (default redis://127.0.0.1:6379/15) is the cache and the broker: its
database is emptied before each step. The run fails (exit status 1) when a step fails; it
never fails on a goal that is not met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DEFAULT_BENCH_DATABASE_URL, ROOT, bench_environment  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def machine() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"cpus": os.cpu_count(), "load": os.getloadavg(),
            "commit": commit + (" (with uncommitted changes)" if dirty else ""),
            "python": sys.version.split()[0]}


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def step(name: str, module: str, arguments: list[str], env: dict[str, str]) -> float:
    print(f"== {name}", flush=True)
    started = time.perf_counter()
    flush_redis(env["CACHE_URL"])
    subprocess.run([sys.executable, "-m", module, *arguments], cwd=ROOT, env=env, check=True)
    seconds = time.perf_counter() - started
    print(f"   ({seconds:.0f} s)", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float,
                        default=float(os.environ.get("BENCH_SCALE", 1)))
    parser.add_argument("--requests", type=int, default=None,
                        help="timed requests per page and role (default 20; 2 below scale "
                             "0.01)")
    parser.add_argument("--seconds", type=int, default=None,
                        help="seconds per wrk run (default 3; 1 below scale 0.01)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="interleaved rounds (default 3; 1 below scale 0.01)")
    parser.add_argument("--note", default=os.environ.get("BENCH_NOTE", ""),
                        help="a remark for the results file (e.g. the machine was busy)")
    parser.add_argument("--out", default=None, help="the results file (default "
                        "bench/results/<date>.md; below scale 0.01 a temporary file)")
    arguments = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    small = arguments.scale < 0.01
    requests = arguments.requests or (2 if small else 20)
    seconds = arguments.seconds or (1 if small else 3)
    rounds = arguments.rounds or (1 if small else 3)
    # A small run (CI) only has to prove every step still works: three roles are enough.
    roles = "administrator,submitter,anonymous" if small else ""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_BENCH_DATABASE_URL)
    demo_url = os.environ.get("BENCH_DEMO_DATABASE_URL", url + "_demo")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    base = {key: value for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    shared = bench_environment(database_url=url, redis_url=redis_url,
                               secret_key=secrets.token_urlsafe(50))
    env = {**base, **shared, "PYTHONUNBUFFERED": "1"}
    demo_env = {**env, "DATABASE_URL": demo_url}
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    started = time.perf_counter()
    before = machine()
    timings = {}

    print("== static files (the production storage needs its manifest)", flush=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, env=env, check=True)
    timings["data (demo)"] = step("data: the demo", "bench.data", ["--scale", "0"], demo_env)
    timings["data"] = step(f"data: scale {arguments.scale}", "bench.data",
                           ["--scale", str(arguments.scale), "--template", demo_url], env)
    timings["pages (demo)"] = step(
        "pages at demo scale (in process)", "bench.pages",
        ["--out", str(work / "pages_demo.json"), "--requests", str(requests), "--roles",
         roles], demo_env)
    timings["pages"] = step(
        f"pages at scale {arguments.scale} (in process, EXPLAIN)", "bench.pages",
        ["--out", str(work / "pages.json"), "--requests", str(requests), "--explain",
         "--profile", "0" if small else "3", "--roles", roles], env)
    timings["load"] = step(
        "throughput (gunicorn, wrk)", "bench.load",
        ["--out", str(work / "load.json"), "--seconds", str(seconds), "--rounds",
         str(rounds), "--hello-every", "0" if small else "1",
         "--pages", ("dashboard;incident list;API: incident list;incident, 3 messages;"
                     "support;login") if small else ""], env)
    timings["nightly"] = step("nightly jobs and status emails", "bench.nightly",
                              ["--out", str(work / "nightly.json"), "--scale",
                               str(arguments.scale)], env)

    from bench import report
    from bench.data import Sizes

    figures = {name: json.loads((work / f"{name}.json").read_text())
               for name in ("pages_demo", "pages", "load", "nightly")}
    after = machine()
    figures["run"] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "scale": arguments.scale, "sizes": Sizes.at(arguments.scale).__dict__,
        "requests": requests, "seconds": seconds, "rounds": rounds,
        "machine": before, "load_after": after["load"], "note": arguments.note,
        "minutes": round((time.perf_counter() - started) / 60, 1),
        "steps_s": {name: round(value) for name, value in timings.items()},
    }
    text = report.render(figures)
    print(text)
    if arguments.out:
        out = Path(arguments.out)
    elif small:
        out = work / "results.md"
    else:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / f"{dt.datetime.now(dt.UTC):%Y-%m-%d}.md"
    out.write_text(text)
    out.with_suffix(".json").write_text(json.dumps(figures, indent=1))
    print(f"written to {out} (and {out.with_suffix('.json').name})")


if __name__ == "__main__":
    main()
