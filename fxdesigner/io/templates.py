"""The plans shipped as starting points (resources/templates)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fxdesigner import assets
from fxdesigner.io.plan_json import PlanLoadError, load_plan
from fxdesigner.model.plan import Plan


@dataclass(frozen=True)
class Template:
    path: Path
    title: str

    def load(self) -> Plan:
        plan = load_plan(self.path, display_name=self.path.name)
        return plan


def templates() -> list[Template]:
    found = []
    for path in assets.list_files("templates", ".fxplan"):
        try:
            title = load_plan(path, display_name=path.name).title or path.stem
        except PlanLoadError:
            continue  # a broken template is a packaging bug; the test suite catches it
        found.append(Template(path, title))
    return found
