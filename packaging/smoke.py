"""Smoke tests shared by check_wheel.py, build_bundle.py and tests/packaging.

Each runs an installed `fxdesigner` (a wheel's console script or the bundle's executable)
from a folder outside the source tree, on the plans that installation carries itself.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_version() -> str:
    """fxdesigner.__version__ of the source tree these scripts belong to."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import fxdesigner

    return fxdesigner.__version__


def clean_env(workdir: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment minus anything that could let the source tree leak in.

    Qt draws offscreen, and the designer keeps its settings in `workdir`, not the user's.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FXDESIGNER_", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["FXDESIGNER_CONFIG_DIR"] = str(workdir / "config")
    env.update(extra or {})
    return env


def run(cmd: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float = 120):
    """Run a command; returns the CompletedProcess (text output) and prints a one-line log."""
    start = time.monotonic()
    result = subprocess.run(
        list(cmd), cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout, check=False
    )
    shown = " ".join(str(c) if len(str(c)) < 60 else "…/" + Path(c).name for c in cmd)
    print(f"  $ {shown}  -> exit {result.returncode} ({time.monotonic() - start:.1f} s)", flush=True)
    return result


def _expect(ok: bool, what: str, result: subprocess.CompletedProcess | None = None) -> None:
    if not ok:
        detail = (
            f"\n--- stdout ---\n{result.stdout[-2000:]}\n--- stderr ---\n{result.stderr[-2000:]}"
            if result
            else ""
        )
        raise AssertionError(what + detail)


def cli_smoke(fxdesigner: Sequence[str], resources: Path, workdir: Path, version: str) -> list[str]:
    """--version, check on every shipped template and on a miswired example, rules, export.

    `fxdesigner` is the command (a list, e.g. [path]); `resources` is the resources folder the
    installation carries. Returns what was checked; raises AssertionError on the first failure.
    """
    done: list[str] = []
    env = clean_env(workdir)
    result = run([*fxdesigner, "--version"], workdir, env)
    _expect(result.returncode == 0 and result.stdout.strip() == f"fxdesigner {version}", "--version", result)
    done.append(f"--version printed {result.stdout.strip()!r}")

    templates = sorted((resources / "templates").glob("*.fxplan")) or sorted(
        (resources / "examples").glob("home-office*.fxplan")
    )
    _expect(bool(templates), f"no templates shipped in {resources}")
    result = run([*fxdesigner, "check", "--format", "json", *map(str, templates)], workdir, env)
    _expect(result.returncode == 0, "check on the shipped templates", result)
    files = json.loads(result.stdout)["files"]
    _expect(
        [f["path"] for f in files] == [str(t) for t in templates] and not any(f["error"] for f in files),
        "check --format json loaded every template",
        result,
    )
    done.append(f"check passed {len(templates)} shipped templates")

    miswired = resources / "examples" / "miswired-office.fxplan"
    if miswired.is_file():
        result = run([*fxdesigner, "check", str(miswired)], workdir, env)
        _expect(
            result.returncode == 1 and "FX" in result.stdout,
            "check finds the miswired example's errors",
            result,
        )
        done.append("check flagged the miswired example (exit 1)")

    result = run([*fxdesigner, "rules"], workdir, env)
    _expect(result.returncode == 0 and "FX101" in result.stdout, "rules lists the rule table", result)
    done.append(f"rules listed {result.stdout.count(chr(10))} lines")

    usage = run([*fxdesigner, "--help"], workdir, env).stdout
    if re.search(r"^\s+export\s", usage, re.MULTILINE):  # the command list in the epilog
        for suffix, magic in ((".png", PNG_SIGNATURE), (".pdf", b"%PDF-"), (".svg", b"<?xml")):
            out = workdir / f"smoke-export{suffix}"
            result = run([*fxdesigner, "export", str(templates[0]), str(out)], workdir, env, timeout=180)
            _expect(result.returncode == 0 and out.is_file(), f"export to {suffix}", result)
            _expect(out.read_bytes().startswith(magic), f"export wrote a {suffix} file")
            done.append(f"export wrote a {out.stat().st_size:,}-byte {suffix[1:].upper()}")
        # The PNG carries the plan: checking the picture is checking the plan.
        result = run([*fxdesigner, "check", str(workdir / "smoke-export.png")], workdir, env)
        _expect(result.returncode == 0, "check reads the plan back from the exported PNG", result)
        done.append("check read the plan back from the exported PNG")
    else:
        done.append("export: not in this build's command line yet")
    return done


def desktop_smoke(fxdesigner: Sequence[str], workdir: Path, expected_exec: str) -> str:
    """--install-desktop into a temporary XDG_DATA_HOME; the launcher entry runs this installation."""
    home = workdir / "xdg-data"
    result = run(
        [*fxdesigner, "--install-desktop"], workdir, clean_env(workdir, {"XDG_DATA_HOME": str(home)})
    )
    entry = home / "applications" / "io.github.fxdesigner.FxDesigner.desktop"
    _expect(result.returncode == 0 and entry.is_file(), "--install-desktop", result)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry, encoding="utf-8")
    exec_line = parser["Desktop Entry"]["Exec"]
    _expect(exec_line == expected_exec, f"Exec={exec_line}, expected {expected_exec}")
    icons = sorted(home.glob("icons/hicolor/*/apps/io.github.fxdesigner.FxDesigner.*"))
    _expect(len(icons) == 8, f"8 app icons (7 PNG sizes and the SVG), found {len(icons)}", result)
    validated = ""
    validator = shutil.which("desktop-file-validate")
    if validator:
        check = subprocess.run([validator, str(entry)], capture_output=True, text=True, check=False)
        _expect(check.returncode == 0 and not check.stdout.strip(), "desktop-file-validate: " + check.stdout)
        validated = " (desktop-file-validate: clean)"
    return f"--install-desktop wrote Exec={exec_line} and {len(icons)} app icons{validated}"


def gui_starts(fxdesigner: Sequence[str], plan: Path, workdir: Path, seconds: float = 5.0) -> str:
    """The designer starts on a plan (offscreen) and is still running `seconds` later."""
    env = clean_env(workdir)
    process = subprocess.Popen(
        [*fxdesigner, str(plan)],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.terminate()
        process.communicate(timeout=30)
        return f"the designer ran {seconds:.0f} s on {plan.name} (offscreen)"
    out, err = process.communicate()
    raise AssertionError(
        f"the designer exited early with {process.returncode}:\n{out[-2000:]}\n{err[-2000:]}"
    )


def main_gui_smoke(fxdesigner: Sequence[str], plan: Path, shot: Path, seconds: float = 6.0) -> str:
    """Linux: start the designer with a plan under xvfb-run, screenshot the screen, stop it.

    Returns a description; raises AssertionError if the designer died or the screen is blank.
    """
    script = (
        f'"$@" & pid=$!; sleep {seconds}; '
        'if ! kill -0 $pid 2>/dev/null; then wait $pid; echo "designer exited early: $?" >&2; exit 90; fi; '
        f'import -window root "{shot}"; kill $pid; wait $pid 2>/dev/null; exit 0'
    )
    env = clean_env(shot.parent, {"QT_QPA_PLATFORM": "xcb"})
    result = run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", script, "sh", *fxdesigner, str(plan)],
        shot.parent,
        env,
        timeout=seconds + 60,
    )
    _expect(result.returncode == 0 and shot.is_file(), "the designer ran under Xvfb", result)
    colours = distinct_colours(shot)
    _expect(colours > 20, f"the screenshot {shot} looks blank ({colours} colours)")
    return f"designer ran {seconds:.0f} s under Xvfb; screenshot {shot} ({colours} colours)"


def distinct_colours(png: Path) -> int:
    """How many colours a sample of the image has (a blank Xvfb screen has one)."""
    code = (
        "import sys\nfrom PySide6.QtGui import QImage\n"
        "img = QImage(sys.argv[1])\n"
        "print(len({img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(png)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())
