"""The tables a plan can be exported as, by name and format (for the command line and the GUI)."""

from __future__ import annotations

from typing import Final

from fxdesigner.export_data.bom import bill_of_materials, bom_csv, bom_markdown
from fxdesigner.export_data.cables import cable_schedule, schedule_csv, schedule_markdown
from fxdesigner.model.plan import Plan

TABLES: Final = ("bom", "cables")
TABLE_FORMATS: Final = ("csv", "markdown")


def table_text(plan: Plan, table: str, fmt: str) -> str:
    """table: "bom" or "cables"; fmt: "csv" or "markdown"."""
    if table not in TABLES or fmt not in TABLE_FORMATS:
        raise ValueError(f"no {fmt!r} format for table {table!r}")
    if table == "bom":
        bom = bill_of_materials(plan)
        return bom_csv(bom) if fmt == "csv" else bom_markdown(bom)
    rows = cable_schedule(plan)
    return schedule_csv(rows) if fmt == "csv" else schedule_markdown(rows, plan.title)
