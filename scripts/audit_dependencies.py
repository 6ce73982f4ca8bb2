"""Supply-chain check for CI (`make check`): audit the pinned dependencies against a
vulnerability database, and when none can be reached, insist that the lock files are the ones
last reviewed by a person.

1. ``pip-audit`` on requirements-dev.lock (which includes the runtime pins) against PyPI's
   vulnerability data. A known vulnerability fails the check.
2. On the machines this project is built on, that data cannot be reached (OSV's API is not
   reachable and the package index serves no per-release JSON), so pip-audit skips every
   package. Then the check falls back to the lock-file review: ``security/lock-review.txt``
   records the SHA-256 of each lock file as it was last reviewed (new pins read against their
   changelogs and advisories). A lock file that changed since fails the check until someone
   reviews it and records it with ``make lock-review``.

Exit 0 when the audit ran clean, or could not run and the lock files match their review.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ["requirements.lock", "requirements-dev.lock", "package-lock.json"]
REVIEW = ROOT / "security" / "lock-review.txt"


def digest(name: str) -> str:
    return hashlib.sha256((ROOT / name).read_bytes()).hexdigest()


def audit() -> tuple[int, int, list[str]]:
    """(audited, skipped, vulnerabilities) according to pip-audit."""
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "-r", str(ROOT / "requirements-dev.lock"),
         "--vulnerability-service", "pypi", "--format", "json", "--progress-spinner", "off",
         "--timeout", "10"],
        capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        print(result.stderr, file=sys.stderr)
        return 0, 0, [f"pip-audit gave no report (exit {result.returncode})"]
    audited = skipped = 0
    found = []
    for dependency in report.get("dependencies", []):
        if dependency.get("skip_reason"):
            skipped += 1
            continue
        audited += 1
        for vulnerability in dependency.get("vulns", []):
            found.append(f"{dependency['name']} {dependency['version']}: {vulnerability['id']}")
    return audited, skipped, found


def reviewed() -> dict[str, str]:
    recorded = {}
    for line in REVIEW.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            sha, name, *_rest = line.split()
            recorded[name] = sha
    return recorded


def record_review(note: str) -> None:
    """Write the current hashes (``make lock-review NOTE=...``), keeping the header."""
    header = [line for line in REVIEW.read_text().splitlines() if line.startswith("#")] \
        if REVIEW.exists() else []
    lines = [f"{digest(name)}  {name}  {note}" for name in LOCKS]
    REVIEW.write_text("\n".join([*header, *lines]) + "\n")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--record":
        record_review(" ".join(sys.argv[2:]) or "reviewed")
        return 0
    audited, skipped, found = audit()
    print(f"pip-audit: {audited} packages audited, {skipped} skipped "
          f"(no vulnerability data reachable for them)")
    if found:
        print("Known vulnerabilities:\n  " + "\n  ".join(found))
        return 1
    if skipped and not audited:
        changed = [name for name, sha in reviewed().items() if digest(name) != sha]
        missing = [name for name in LOCKS if name not in reviewed()]
        if changed or missing:
            print(f"No vulnerability database was reachable, and {', '.join(changed + missing)} "
                  "changed since the last review in security/lock-review.txt: read the new "
                  "pins against their changelogs and advisories, then run "
                  "`make lock-review NOTE=\"what you checked\"`.")
            return 1
        print("No vulnerability database was reachable: the lock files are the reviewed ones "
              "(security/lock-review.txt).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
