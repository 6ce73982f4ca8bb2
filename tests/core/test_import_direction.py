"""The direction of imports (docs/architecture.md), checked by import-linter with the
contracts of pyproject.toml (``[tool.importlinter]``): the kernel (``core``) imports no domain
app and not the composition root (``portal``), no domain app imports ``portal``, the role
matrix reads nothing of ``contacts``, and the partners app does not import the Help Center
(``knowledge`` reads the partners' register)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo"], cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(cwd)}, capture_output=True,
                          text=True, timeout=120)


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONTRACTS['contracts'])} kept, 0 broken." in result.stdout


# The modules the contracts name, with the imports they allow on purpose (ignore_imports),
# as in the real code.
ALLOWED = {
    "accounts.roles": "",
    "accounts.permissions": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                            "    from contacts.middleware import PortalRequest\n"
                            "    from contacts.models import Contact\n",
    "contacts.middleware": "",
    "contacts.models": "",
}


def _write_project(folder: Path, wrong: dict[str, str]) -> None:
    """Empty packages for every root package, the allowed imports plus the wrong ones, and
    our contracts."""
    for package in CONTRACTS["root_packages"]:
        (folder / package).mkdir()
        (folder / package / "__init__.py").write_text("")
    modules = dict(ALLOWED)
    for name, source in wrong.items():
        modules[name] = modules.get(name, "") + source
    for name, source in modules.items():
        (folder / (name.replace(".", "/") + ".py")).write_text(source)
    # JSON strings and lists of strings are TOML too.
    lines = ["[tool.importlinter]", f"root_packages = {json.dumps(CONTRACTS['root_packages'])}"]
    for contract in CONTRACTS["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in contract.items())
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(("wrong", "broken"), [
    ({"core.mail": "import contacts.models\n", "contacts.models": ""}, "kernel"),
    ({"core.outbox": "from incidents import emails\n", "incidents.emails": ""}, "kernel"),
    ({"core.views": "from portal import celery\n", "portal.celery": ""}, "kernel"),
    ({"incidents.views": "from portal.navigation import PAGES\n", "portal.navigation": ""},
     "composition-root"),
    ({"contacts.emails": "import portal.settings\n", "portal.settings": ""},
     "composition-root"),
    ({"accounts.permissions": "from contacts.queries import administrators_of\n",
      "contacts.queries": ""}, "role-matrix"),
    ({"accounts.roles": "from contacts.models import Contact\n"}, "role-matrix"),
    ({"partners.queries": "from knowledge.models import Article\n", "knowledge.models": ""},
     "partners-register"),
])
def test_a_wrong_import_breaks_a_contract(tmp_path, wrong, broken):
    """The contracts bite: each wrong import, put in an otherwise empty copy of the layout,
    makes import-linter fail and name the contract."""
    _write_project(tmp_path, wrong)
    result = lint_imports(tmp_path)
    name = next(c["name"] for c in CONTRACTS["contracts"] if c["id"] == broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 broken" in result.stdout
    assert " ".join(f"{name} BROKEN".split()) in " ".join(result.stdout.split())
