"""The code base stays clean under ruff (the rules are in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff is not None, "ruff is part of the test extra"
    result = subprocess.run([ruff, "check", "--quiet", str(ROOT)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_no_import_cycle_anywhere_in_the_package() -> None:
    """Imports under TYPE_CHECKING and inside functions count: a cycle hidden there is still a cycle."""
    import grimp
    import networkx as nx

    graph = grimp.build_graph("fxdesigner", include_external_packages=False)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    cycles = [sorted(group) for group in nx.strongly_connected_components(imports) if len(group) > 1]
    assert cycles == []


def test_the_cycle_check_sees_a_cycle_behind_type_checking(tmp_path, monkeypatch) -> None:
    import grimp

    package = tmp_path / "loop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from loop import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from loop import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("loop", include_external_packages=False, cache_dir=None)
    assert graph.find_modules_directly_imported_by("loop.b") == {"loop.a"}
