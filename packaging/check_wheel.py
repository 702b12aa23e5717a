"""Build the sdist and wheel, install the wheel in a fresh venv outside the tree, and run it.

    .venv/bin/python packaging/check_wheel.py [--offline] [--keep DIR]

1. python -m build: the sdist, then the wheel built *from the sdist* (so the sdist is complete)
2. both archives hold every resource, the freedesktop files and the right version
3. a fresh venv in a temporary folder; pip install the wheel (its dependencies come from the
   package index or pip's cache). --offline: no index at all: the wheel goes in with --no-deps
   and the venv borrows PySide6 and networkx from the running Python (what the CI test does)
4. from a temporary folder, with a clean environment: fxdesigner --version, check on the
   templates the wheel installed, rules, export (when present), --install-desktop, and the
   designer starting on a plan (offscreen)

tests/packaging/test_wheel_install.py runs the same steps with --offline's install.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import smoke  # noqa: E402

#: What the wheel borrows from the running Python in an offline install.
DEPENDENCIES = ("PySide6", "shiboken6", "networkx")
DESKTOP_FILES = (
    "io.github.fxdesigner.FxDesigner.desktop",
    "io.github.fxdesigner.FxDesigner.metainfo.xml",
    "io.github.fxdesigner.FxDesigner.xml",
)


def build_dists(outdir: Path) -> tuple[Path, Path]:
    """(sdist, wheel): python -m build, the wheel made from the unpacked sdist."""
    cmd = [sys.executable, "-m", "build", "--outdir", str(outdir)]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-isolation")  # no download of the build backend when it is already here
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        raise AssertionError(f"python -m build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    (sdist,) = outdir.glob("*.tar.gz")
    (wheel,) = outdir.glob("*.whl")
    return sdist, wheel


def _source_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def check_contents(sdist: Path, wheel: Path, version: str) -> list[str]:
    """Both archives carry the code, every resource and the desktop files; returns a summary."""
    problems: list[str] = []
    resources = _source_files(ROOT / "resources")
    code = {f for f in _source_files(ROOT / "fxdesigner") if f.endswith(".py")}

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"fxdesigner-{version}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode("utf-8")
        entry_points = archive.read(f"{info}/entry_points.txt").decode("utf-8")
    if wheel.name != f"fxdesigner-{version}-py3-none-any.whl":
        problems.append(f"wheel name {wheel.name}")
    if f"\nVersion: {version}\n" not in metadata:
        problems.append("METADATA version")
    for requirement in ("Requires-Dist: pyside6-essentials", "Requires-Dist: networkx"):
        if requirement not in metadata.lower().replace("requires-dist", "Requires-Dist"):
            problems.append(f"METADATA lacks {requirement}")
    if "fxdesigner = fxdesigner.cli:main" not in entry_points:
        problems.append("the fxdesigner console script")
    problems += [
        f"wheel lacks resources/{f}" for f in sorted(resources) if f"fxdesigner/resources/{f}" not in names
    ]
    problems += [f"wheel lacks fxdesigner/{f}" for f in sorted(code) if f"fxdesigner/{f}" not in names]
    problems += [
        f"wheel lacks fxdesigner/resources/desktop/{f}"
        for f in DESKTOP_FILES
        if f"fxdesigner/resources/desktop/{f}" not in names
    ]
    problems += [
        f"wheel carries {n}" for n in names if "__pycache__" in n or n.startswith(("tests/", "packaging/"))
    ]

    with tarfile.open(sdist) as archive:
        prefix = f"fxdesigner-{version}/"
        members = {m.name.removeprefix(prefix) for m in archive.getmembers() if m.isfile()}
    problems += [f"sdist lacks resources/{f}" for f in sorted(resources) if f"resources/{f}" not in members]
    needed = ["pyproject.toml", "README.md", "packaging/fxdesigner.spec", "packaging/make_icons.py"]
    needed += [f"packaging/linux/{f}" for f in DESKTOP_FILES]
    problems += [f"sdist lacks {f}" for f in needed if f not in members]
    problems += [
        f"sdist carries build output {m}"
        for m in members
        if m.startswith(("packaging/build/", "packaging/dist/"))
    ]
    if problems:
        raise AssertionError("the archives are incomplete:\n  " + "\n  ".join(problems[:40]))
    return [
        f"wheel {wheel.name}: {len(names)} files, {wheel.stat().st_size / 1e3:.0f} kB, "
        f"all {len(resources)} resources",
        f"sdist {sdist.name}: {len(members)} files, {sdist.stat().st_size / 1e3:.0f} kB",
    ]


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def venv_script(venv: Path) -> Path:
    return venv / ("Scripts/fxdesigner.exe" if os.name == "nt" else "bin/fxdesigner")


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(
        subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    )


def install(wheel: Path, venv: Path, offline: bool) -> None:
    """A fresh venv with the wheel in it (see the module docstring for --offline)."""
    if not offline:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv_python(venv)), "-m", "pip", "install", "-q", str(wheel)], check=True)
        return
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    pip = [sys.executable, "-m", "pip", "--python", str(venv_python(venv)), "install", "-q"]
    subprocess.run([*pip, "--no-deps", "--no-index", str(wheel)], check=True)
    # A path line in a .pth file adds the folder but does not run the .pth files inside it, so
    # the source tree's editable-install hook stays out; the venv's own site-packages comes first.
    folders = []
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise AssertionError(f"{name} is not installed in {sys.executable}")
        folder = str(Path(next(iter(spec.submodule_search_locations))).parent)
        if folder not in folders:
            folders.append(folder)
    (_site_packages(venv_python(venv)) / "fxdesigner_borrowed_deps.pth").write_text(
        "\n".join(folders) + "\n", encoding="utf-8"
    )


def installed_resources(venv: Path, workdir: Path) -> Path:
    """The resources folder the installed package uses; fails if it is not inside `venv`."""
    code = "import fxdesigner, fxdesigner.assets as a; print(fxdesigner.__file__); print(a.resources_root())"
    result = smoke.run([str(venv_python(venv)), "-c", code], workdir, smoke.clean_env(workdir))
    if result.returncode != 0:
        raise AssertionError(result.stderr)
    package, resources = (Path(line).resolve() for line in result.stdout.split())
    for path in (package, resources):
        if venv.resolve() not in path.parents:
            raise AssertionError(f"{path} is not inside the fresh venv {venv}: the source tree leaked in")
    return resources


def check_installed(venv: Path, workdir: Path, version: str) -> list[str]:
    """Everything a user does with the installed wheel, from a folder outside the tree."""
    resources = installed_resources(venv, workdir)
    fxdesigner = [str(venv_script(venv))]
    done = [f"import fxdesigner resolves inside the venv; resources at {resources}"]
    done += smoke.cli_smoke(fxdesigner, resources, workdir, version)
    if sys.platform.startswith("linux"):
        done.append(smoke.desktop_smoke(fxdesigner, workdir, expected_exec=f"{fxdesigner[0]} %F"))
    plan = sorted((resources / "templates").glob("*.fxplan"))[0]
    done.append(smoke.gui_starts(fxdesigner, plan, workdir))
    return done


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offline", action="store_true", help="no package index: borrow the dependencies")
    parser.add_argument("--keep", type=Path, help="build and install in this folder and keep it")
    args = parser.parse_args(argv)

    version = smoke.read_version()
    with tempfile.TemporaryDirectory(prefix="fxdesigner-wheel-") as tmp:
        base = args.keep or Path(tmp)
        for sub in ("dist", "work"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        report = []
        start = time.monotonic()
        sdist, wheel = build_dists(base / "dist")
        report.append(f"build: {time.monotonic() - start:.1f} s")
        report += check_contents(sdist, wheel, version)
        start = time.monotonic()
        install(wheel, base / "venv", args.offline)
        report.append(
            f"install into a fresh venv ({'offline' if args.offline else 'pip'}): "
            f"{time.monotonic() - start:.1f} s"
        )
        report += check_installed(base / "venv", base / "work", version)
    print("\nWheel OK:\n  " + "\n  ".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
