"""`fxdesigner export`, `bom` and `cables`: drawings and tables of a plan, without a display.

`export` draws with Qt on the offscreen platform, through the same renderer as
the designer's File → Export. `bom` and `cables` (and `export` to .fxplan) are
pure Python and never load Qt.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Final

from fxdesigner.commands.common import load_or_report
from fxdesigner.export_data.formats import table_text
from fxdesigner.io.atomic import SaveError, write_atomic

HELP = {
    "export": "draw a plan as PNG, SVG or PDF (or save it as .fxplan); the format comes from OUT's suffix",
    "bom": "print the bill of materials: devices, FXS/FXO jacks in use and spare, cables (CSV or Markdown)",
    "cables": "print the cable schedule: each cable, jack to jack, with kind and length (CSV or Markdown)",
}

EXPORT_SUFFIXES: Final = (".png", ".svg", ".pdf", ".fxplan")
TABLE_FORMATS: Final = {".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
EXIT_ERROR: Final = 2


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1.0 <= value <= 4.0:
        raise argparse.ArgumentTypeError("the scale must be between 1 and 4")
    return value


def _switch(help_text: str) -> dict[str, Any]:
    return {"action": "store_true", "help": help_text}


# In the order `export --help` lists them; the switches are all off by default.
EXPORT_OPTIONS: Final[tuple[tuple[str, dict[str, Any]], ...]] = (
    (
        "--scale",
        dict(type=_scale, default=2.0, metavar="N", help="PNG pixels per drawing unit, 1 to 4 (default: 2)"),
    ),
    (
        "--no-embed",
        _switch("leave the plan out of the PNG or SVG (by default it can be opened and checked again)"),
    ),
    ("--no-legend", _switch("leave out the legend of jack kinds")),
    ("--no-title-block", _switch("leave out the title block (title, region, date, finding counts)")),
    ("--no-findings", _switch("draw cables and jacks without the findings' colours and badges")),
    ("--transparent", _switch("PNG/SVG: no white background")),
    (
        "--paper",
        dict(
            choices=("a4", "letter"),
            default=None,
            help="PDF paper size (default: letter for plans in US/CA regions, else A4)",
        ),
    ),
    ("--portrait", _switch("PDF: portrait pages (default: landscape)")),
    (
        "--pages",
        dict(
            choices=("auto", "fit", "tile"),
            default="auto",
            help="PDF: fit the plan on one page, tile it across pages, or tile only when one "
            "page would be too small to read (default: auto)",
        ),
    ),
)


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "plan", metavar="PLAN", help="the plan (.fxplan, .json, or an image with an embedded plan)"
    )
    if name == "export":
        parser.add_argument("out", metavar="OUT", help="the file to write: .png, .svg, .pdf or .fxplan")
        for flag, settings in EXPORT_OPTIONS:
            parser.add_argument(flag, **settings)
        parser.epilog = (
            "exit status: 0 written (a note on standard error says if the PNG scale had to be "
            "reduced); 2 the plan could not be loaded or the file could not be written"
        )
    else:
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="write to FILE (.csv, .md, or .pdf, drawn with Qt offscreen) instead of standard output",
        )
        parser.add_argument(
            "--format",
            choices=("csv", "markdown"),
            default=None,
            help="output format (default: from FILE's suffix, else csv)",
        )


def run(args: argparse.Namespace) -> int:
    if args._command == "export":
        return _export(args)
    return _table(args)


# --- export ---------------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        shown = f'"{suffix}"' if suffix else "no suffix"
        print(
            f"error: {args.out}: cannot export to {shown}; use .png, .svg, .pdf or .fxplan", file=sys.stderr
        )
        return EXIT_ERROR
    plan = load_or_report(args.plan)
    if plan is None:
        return EXIT_ERROR
    if suffix == ".fxplan":
        from fxdesigner.io.plan_json import dumps_plan

        return _write(args.out, dumps_plan(plan).encode("utf-8"))
    start_offscreen_qt()
    from fxdesigner.ui.export import ExportError, ExportOptions, render

    options = ExportOptions(
        scale=args.scale,
        transparent=args.transparent,
        title_block=not args.no_title_block,
        legend=not args.no_legend,
        findings=not args.no_findings,
        embed=not args.no_embed,
        paper=args.paper,
        landscape=not args.portrait,
        tiled={"auto": None, "fit": False, "tile": True}[args.pages],
    )
    try:
        result = render(plan, suffix, None, options)
    except ExportError as exc:
        print(f"error: {args.out}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    status = _write(args.out, result.data)
    if status == 0 and result.notice:
        print(f"note: {args.out}: {result.notice}", file=sys.stderr)
    return status


def start_offscreen_qt() -> None:
    """Create the QApplication that QGraphicsScene needs; offscreen when there is no usable display."""
    from fxdesigner.commands.gui import display_problem

    # No display (or an X11 display Qt would abort on): draw offscreen. This must be
    # decided before the application object exists. A platform the user chose is kept.
    if not os.environ.get("QT_QPA_PLATFORM") and display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        # Kept on the module so the application outlives this call.
        start_offscreen_qt.app = QApplication([sys.argv[0] if sys.argv else "fxdesigner"])  # type: ignore[attr-defined]


def _write(path: str, data: bytes) -> int:
    try:
        write_atomic(path, data)
    except SaveError as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return 0


# --- bom and cables ---------------------------------------------------------------------------------


def _table(args: argparse.Namespace) -> int:
    fmt = args.format
    if args.output:
        suffix = Path(args.output).suffix.lower()
        if suffix not in TABLE_FORMATS:
            shown = f'"{suffix}"' if suffix else "no suffix"
            print(
                f"error: {args.output}: cannot write a table to {shown}; use .csv, .md or .pdf",
                file=sys.stderr,
            )
            return EXIT_ERROR
        fmt = fmt if fmt and suffix != ".pdf" else TABLE_FORMATS[suffix]
    fmt = fmt or "csv"
    plan = load_or_report(args.plan)
    if plan is None:
        return EXIT_ERROR
    if fmt == "pdf":
        markdown = table_text(plan, args._command, "markdown")
        start_offscreen_qt()
        from fxdesigner.ui.export.printing import markdown_pdf

        return _write(args.output, markdown_pdf(markdown, plan, None))
    text = table_text(plan, args._command, fmt)
    if args.output:
        return _write(args.output, text.encode("utf-8"))
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
