"""Export and print: PNG, SVG and PDF files, the printer, and the File → Export menu.

sheet.py lays a plan out (options, offscreen scene, title block); images.py
writes PNG and SVG and chooses the format by suffix; printing.py makes PDF pages
and prints; dialog.py is the menu and the export dialog. Each imports only the
modules before it in that list.
"""

from fxdesigner.ui.export.images import export_plan, render, render_png, render_svg
from fxdesigner.ui.export.sheet import (
    ExportError,
    ExportOptions,
    ExportScene,
    TitleInfo,
    content_rect,
    fit_pixels,
    paint_sheet,
    sheet_layout,
)

__all__ = [
    "ExportError",
    "ExportOptions",
    "ExportScene",
    "TitleInfo",
    "content_rect",
    "export_plan",
    "fit_pixels",
    "paint_sheet",
    "render",
    "render_png",
    "render_svg",
    "sheet_layout",
]
