"""The core (model, io, rules) and the headless commands never import Qt.

Each check runs in a fresh interpreter: this test process has probably imported
PySide6 already (pytest-qt).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "resources/examples/home-office.fxplan"
QT_MODULES = ("PySide6", "shiboken6")


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


IMPORT_ALL = """
import importlib, json, pkgutil, sys
names = []
for package_name in ("fxdesigner.model", "fxdesigner.io", "fxdesigner.rules"):
    package = importlib.import_module(package_name)
    names.append(package_name)
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_importing_every_core_module_loads_no_qt() -> None:
    result = run_python("-c", IMPORT_ALL)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    imported = set(report["imported"])
    # The walk really found the modules (not just the empty packages).
    for name in (
        "fxdesigner.model.plan",
        "fxdesigner.model.edits",
        "fxdesigner.model.catalogue",
        "fxdesigner.io.plan_json",
        "fxdesigner.io.embedded",
        "fxdesigner.io.atomic",
        "fxdesigner.rules.engine",
    ):
        assert name in imported
    assert report["qt"] == []


CLI_CHECK = """
import sys
from fxdesigner.cli import main
status = main(["check", "--format", "json", sys.argv[1]])
sys.stdout.flush()
qt = any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
print("QT-IMPORTED" if qt else "QT-NOT-IMPORTED")
sys.exit(status)
"""


def test_the_check_command_loads_no_qt() -> None:
    result = run_python("-c", CLI_CHECK, EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith("QT-NOT-IMPORTED")
    assert '"path": "resources/examples/home-office.fxplan"' in result.stdout


def test_python_m_fxdesigner_check_loads_no_qt() -> None:
    # -X importtime lists every module the run imports, on stderr.
    result = run_python("-X", "importtime", "-m", "fxdesigner", "check", EXAMPLE)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "home-office.fxplan: 0 errors" in result.stdout
    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    ]
    assert "fxdesigner.rules.engine" in imported
    assert not [name for name in imported if name.split(".")[0] in QT_MODULES]


def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is a test dependency"
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "The core never imports Qt KEPT" in result.stdout
    assert ", 0 broken." in result.stdout
