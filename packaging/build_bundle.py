"""Build the standalone FX Designer bundle with PyInstaller, then prove it works.

    .venv/bin/python packaging/build_bundle.py [--skip-build] [--no-gui] [--no-archive]

(Windows: .venv\\Scripts\\python packaging\\build_bundle.py; macOS the same as Linux.)
Needs the project and PyInstaller in the running Python: pip install -e ".[bundle]".

1. pyinstaller packaging/fxdesigner.spec  ->  packaging/dist/fxdesigner/ (one folder)
2. size and, on Linux, the shared libraries every bundled binary needs: each one is either
   in the bundle or one PyInstaller deliberately leaves to the system (libc, libGL, ...)
3. from a temporary folder, with a clean environment: --version, check on the templates the
   bundle carries, check on a miswired example, rules, export to PNG (offscreen)
4. Linux: --install-desktop into a temporary XDG_DATA_HOME (Exec= is the bundle's path)
5. Linux with xvfb-run and ImageMagick's import: the designer opens a plan under Xvfb; the
   screenshot goes to packaging/build/gui-smoke.png
6. packaging/dist/fxdesigner-VERSION-PLATFORM-ARCH.tar.gz (.zip on Windows and macOS)
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import smoke  # noqa: E402

DIST = HERE / "dist"
BUILD = HERE / "build"
SPEC = HERE / "fxdesigner.spec"
SIZE_BUDGET_MB = 200
LINUX = sys.platform.startswith("linux")
WINDOWS = sys.platform == "win32"


def build() -> float:
    start = time.monotonic()
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC),
    ]  # fmt: skip
    print("Building the bundle:", " ".join(cmd[2:]), flush=True)
    subprocess.run(cmd, check=True, cwd=HERE.parent)
    return time.monotonic() - start


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_libraries(bundle: Path) -> list[str]:
    """Linux: every DT_NEEDED library is bundled or one PyInstaller leaves to the system."""
    from PyInstaller.depend import bindepend, dylib

    bundled = {p.name for p in bundle.rglob("*.so*")}
    elves = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and ".so" in p.name]
    missing: dict[str, set[str]] = {}
    system: set[str] = set()
    for elf in elves:
        for name, _path in bindepend.get_imports(str(elf)):
            if name in bundled:
                continue
            if dylib.include_library(name):
                missing.setdefault(name, set()).add(elf.name)
            else:
                system.add(name)
    if missing:
        lines = [f"{name} (needed by {', '.join(sorted(users))})" for name, users in sorted(missing.items())]
        raise AssertionError("libraries the bundle should carry but does not:\n  " + "\n  ".join(lines))
    return sorted(system)


def executables(bundle: Path) -> tuple[list[str], list[str]]:
    """(the designer, the command line) inside the bundle folder."""
    if WINDOWS:
        return [str(bundle / "fxdesigner.exe")], [str(bundle / "fxdesigner-cli.exe")]
    return [str(bundle / "fxdesigner")], [str(bundle / "fxdesigner")]


def archive(bundle: Path, version: str) -> Path:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = DIST / f"fxdesigner-{version}-{system}-{platform.machine().lower()}"
    fmt = "gztar" if LINUX else "zip"
    return Path(shutil.make_archive(str(base), fmt, root_dir=bundle.parent, base_dir=bundle.name))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="test the bundle already in packaging/dist")
    parser.add_argument("--no-gui", action="store_true", help="skip the Xvfb screenshot")
    parser.add_argument("--no-archive", action="store_true", help="do not write the .tar.gz/.zip")
    args = parser.parse_args(argv)

    version = smoke.read_version()
    report: list[str] = []
    if not args.skip_build:
        seconds = build()
        report.append(f"build: {seconds:.0f} s")
    bundle = DIST / "fxdesigner"
    designer, cli = executables(bundle)
    size = folder_size(bundle)
    report.append(f"bundle: {bundle} {size / 1e6:.0f} MB")
    if size > SIZE_BUDGET_MB * 1e6:
        raise SystemExit(f"the bundle is {size / 1e6:.0f} MB, over the {SIZE_BUDGET_MB} MB budget")
    if LINUX:
        system = check_libraries(bundle)
        report.append("system libraries it relies on: " + " ".join(system))

    resources = next(bundle.rglob("fxdesigner/resources/catalogue")).parent
    with tempfile.TemporaryDirectory(prefix="fxdesigner-bundle-") as tmp:
        work = Path(tmp)
        print("Smoke-testing", cli[0], flush=True)
        report += smoke.cli_smoke(cli, resources, work, version)
        if LINUX:
            report.append(smoke.desktop_smoke(cli, work, expected_exec=f"{cli[0]} %F"))
    if LINUX and not args.no_gui:
        if shutil.which("xvfb-run") and shutil.which("import"):
            plan = sorted((resources / "templates").glob("*.fxplan"))[0]
            report.append(smoke.main_gui_smoke(designer, plan, BUILD / "gui-smoke.png"))
        else:
            report.append("GUI smoke: skipped (needs xvfb-run and ImageMagick's import)")
    if not args.no_archive:
        path = archive(bundle, version)
        report.append(f"archive: {path} {path.stat().st_size / 1e6:.0f} MB")
    print("\nBundle OK:\n  " + "\n  ".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
