"""The built wheel, installed outside the source tree, is a working fxdesigner.

The same steps as `python packaging/check_wheel.py --offline`: the sdist and the wheel built
from it carry every resource; the wheel goes into a fresh venv in a temporary folder with
--no-deps --no-index (PySide6 and networkx are borrowed from this interpreter through a .pth
file, so the test needs no network and takes ~25 s); then, from another temporary folder,
--version, check on the templates the wheel installed, rules, export, --install-desktop and
the designer starting offscreen. `python packaging/check_wheel.py` does a real `pip install`.
"""

from __future__ import annotations

from pathlib import Path

import check_wheel
import pytest

import fxdesigner


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_works_outside_the_source_tree(tmp_path: Path) -> None:
    sdist, wheel = check_wheel.build_dists(tmp_path / "dist")
    check_wheel.check_contents(sdist, wheel, fxdesigner.__version__)  # raises, listing what is missing

    venv = tmp_path / "venv"
    check_wheel.install(wheel, venv, offline=True)
    workdir = tmp_path / "work"
    workdir.mkdir()
    done = check_wheel.check_installed(venv, workdir, fxdesigner.__version__)

    assert done[0].startswith("import fxdesigner resolves inside the venv")
    assert any(line.startswith("check passed") for line in done)
    assert any("the designer ran" in line for line in done)
