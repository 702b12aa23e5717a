"""Paths and small helpers shared by the lesson and drill tests."""

from __future__ import annotations

from pathlib import Path

from fxdesigner.io.plan_json import load_plan
from fxdesigner.lessons.lesson import Lesson, load_lessons
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.plan import Link, Plan, PortRef

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
LESSONS_DIR = RESOURCES / "lessons"
TEMPLATES = sorted((RESOURCES / "templates").glob("*.fxplan"))
DATA = Path(__file__).resolve().parent / "data"

LESSONS: list[Lesson] = load_lessons(LESSONS_DIR)


def alternative_solution(lesson: Lesson) -> Plan:
    return load_plan(DATA / f"{lesson.id}.fxplan")


def place(plan: Plan, entry: str, device_id: str, x: float = 0.0, y: float = 0.0, label: str | None = None):
    """A catalogue device added to the plan, as the designer's palette would."""
    device = default_catalogue().entry(entry).make_device(device_id, x, y, label)
    plan.add_device(device)
    return device


def cable(plan: Plan, a: str, b: str, link_id: str | None = None) -> Link:
    da, pa = a.split(":")
    db, pb = b.split(":")
    link = Link(link_id or plan.fresh_id("link", "c"), PortRef(da, pa), PortRef(db, pb))
    plan.add_link(link)
    return link
