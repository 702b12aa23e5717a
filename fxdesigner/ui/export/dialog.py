"""File → Export and File → Print: the export options dialog and the menu actions.

``install(window)`` fills the window's Export menu and adds Print Preview and
Print to its File menu. Everything is drawn by ui.export from the document's
plan and findings, never from the canvas, so zoom and selection do not matter.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fxdesigner import APP_NAME
from fxdesigner.export_data.formats import table_text
from fxdesigner.io.atomic import SaveError, write_atomic
from fxdesigner.model.text import plural
from fxdesigner.ui import settings
from fxdesigner.ui.export.images import export_plan
from fxdesigner.ui.export.printing import markdown_pdf, preview_dialog, print_dialog, print_plan
from fxdesigner.ui.export.sheet import ExportError, ExportOptions
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.text import message_box, plain_label

FORMAT_NAMES: Final = {".png": "PNG image", ".svg": "SVG drawing", ".pdf": "PDF document"}
FILTERS: Final = {
    ".png": "PNG images (*.png)",
    ".svg": "SVG drawings (*.svg)",
    ".pdf": "PDF documents (*.pdf)",
    ".csv": "CSV tables (*.csv)",
    ".md": "Markdown (*.md)",
}
SCALES: Final = (1.0, 2.0, 3.0, 4.0)
PAGES: Final = (
    ("auto", "Tile across pages when one page is too small", None),
    ("fit", "Fit on one page", False),
    ("tile", "Tile across pages", True),
)
PAPER_CHOICES: Final = (("", "From the plan's region"), ("a4", "A4"), ("letter", "US Letter"))


# --- remembered options -------------------------------------------------------------------------


def load_options() -> ExportOptions:
    store = settings.settings()

    def flag(key: str, default: bool) -> bool:
        return settings.get_bool(f"export/{key}", default)

    try:
        scale = float(store.value("export/scale", 2.0))
    except (TypeError, ValueError):
        scale = 2.0
    paper = str(store.value("export/paper", "") or "")
    pages = str(store.value("export/pages", "auto") or "auto")
    return ExportOptions(
        scale=scale if scale in SCALES else 2.0,
        transparent=flag("transparent", False),
        title_block=flag("title_block", True),
        legend=flag("legend", True),
        findings=flag("findings", True),
        embed=flag("embed", True),
        paper=paper if paper in ("a4", "letter") else None,
        landscape=flag("landscape", True),
        tiled={"fit": False, "tile": True}.get(pages),
    )


def save_options(options: ExportOptions) -> None:
    store = settings.settings()
    values: dict[str, Any] = {
        "scale": options.scale,
        "transparent": options.transparent,
        "title_block": options.title_block,
        "legend": options.legend,
        "findings": options.findings,
        "embed": options.embed,
        "paper": options.paper or "",
        "landscape": options.landscape,
        "pages": {None: "auto", False: "fit", True: "tile"}[options.tiled],
    }
    for key, value in values.items():
        store.setValue(f"export/{key}", value)
    store.sync()


# --- the dialog --------------------------------------------------------------------------------------


class ExportDialog(QDialog):
    """Options for one export: only those that apply to the chosen format are shown."""

    def __init__(self, suffix: str, options: ExportOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suffix = suffix
        self.base = options
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export {FORMAT_NAMES.get(suffix, suffix)} — {APP_NAME}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.scale = QComboBox(self)
        self.scale.setObjectName("scale")
        for value in SCALES:
            self.scale.addItem(f"{value:g}×", value)
        self.scale.setCurrentIndex(SCALES.index(options.scale) if options.scale in SCALES else 1)
        self.scale.setToolTip("Pixels per drawing unit: 2× is sharp on high-density screens and in print")

        self.paper = QComboBox(self)
        self.paper.setObjectName("paper")
        for key, text in PAPER_CHOICES:
            self.paper.addItem(text, key)
        self.paper.setCurrentIndex([k for k, _ in PAPER_CHOICES].index(options.paper or ""))
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("orientation")
        self.orientation.addItem("Landscape", True)
        self.orientation.addItem("Portrait", False)
        self.orientation.setCurrentIndex(0 if options.landscape else 1)
        self.pages = QComboBox(self)
        self.pages.setObjectName("pages")
        for key, text, _ in PAGES:
            self.pages.addItem(text, key)
        self.pages.setCurrentIndex([t for _, _, t in PAGES].index(options.tiled))

        self.title_block = self._check(
            "titleBlock", "Title block (title, region, date, finding counts)", options.title_block
        )
        self.legend = self._check("legend", "Legend of jack kinds and cable colours", options.legend)
        self.findings = self._check(
            "findings", "Show findings (red and amber cables, jacks and badges)", options.findings
        )
        self.transparent = self._check("transparent", "Transparent background", options.transparent)
        self.embed = self._check(
            "embed", "Embed the plan, so File → Open and fxdesigner check can read it back", options.embed
        )

        raster, image, paged = suffix == ".png", suffix in (".png", ".svg"), suffix == ".pdf"
        # Widgets that do not apply are hidden: a child outside the layout would still be drawn.
        for label, widget, shown in (
            ("Scale:", self.scale, raster),
            ("Paper:", self.paper, paged),
            ("Orientation:", self.orientation, paged),
            ("Pages:", self.pages, paged),
            (None, self.title_block, True),
            (None, self.legend, True),
            (None, self.findings, True),
            (None, self.transparent, image),
            (None, self.embed, image),
        ):
            widget.setVisible(shown)
            if shown and label:
                form.addRow(label, widget)
            elif shown:
                form.addRow(widget)
        if paged:
            form.addRow(plain_label("Big plans are tiled across pages, after an overview page.", self))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self, name: str, text: str, checked: bool) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setChecked(checked)
        return box

    def options(self) -> ExportOptions:
        suffix = self.suffix
        return ExportOptions(
            scale=float(self.scale.currentData()) if suffix == ".png" else self.base.scale,
            transparent=self.transparent.isChecked() if suffix in (".png", ".svg") else self.base.transparent,
            title_block=self.title_block.isChecked(),
            legend=self.legend.isChecked(),
            findings=self.findings.isChecked(),
            embed=self.embed.isChecked() if suffix in (".png", ".svg") else self.base.embed,
            paper=(self.paper.currentData() or None) if suffix == ".pdf" else self.base.paper,
            landscape=bool(self.orientation.currentData()) if suffix == ".pdf" else self.base.landscape,
            tiled=PAGES[self.pages.currentIndex()][2] if suffix == ".pdf" else self.base.tiled,
            orthogonal=self.base.orthogonal,
        )


# --- the menus ------------------------------------------------------------------------------------------


class ExportActions(QObject):
    """The Export menu's actions and Print/Print Preview for one window."""

    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        menu: QMenu = window.export_menu
        for name, text, handler in (
            ("export_png", "PNG image…", lambda: self.export_image(".png")),
            ("export_svg", "SVG drawing…", lambda: self.export_image(".svg")),
            ("export_pdf", "PDF document…", lambda: self.export_image(".pdf")),
            (None, "", None),
            ("export_bom_csv", "Bill of materials (CSV)…", lambda: self.export_table("bom", ".csv")),
            ("export_bom_md", "Bill of materials (Markdown)…", lambda: self.export_table("bom", ".md")),
            ("export_bom_pdf", "Bill of materials (PDF)…", lambda: self.export_table("bom", ".pdf")),
            ("export_cables_csv", "Cable schedule (CSV)…", lambda: self.export_table("cables", ".csv")),
        ):
            if name is None:
                menu.addSeparator()
                continue
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _=False, h=handler: h())
            self.actions[name] = action
        self.actions["print_preview"] = self._action(
            "print_preview", "Print Pre&view…", None, self.print_preview
        )
        self.actions["print"] = self._action(
            "print", "&Print…", QKeySequence.StandardKey.Print, self.print_plan
        )
        self._add_to_file_menu(menu, [self.actions["print_preview"], self.actions["print"]])

    def _action(self, name: str, text: str, key: QKeySequence.StandardKey | None, handler: Any) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if key is not None:
            keys = QKeySequence.keyBindings(key)
            action.setShortcuts(keys or [QKeySequence("Ctrl+P")])
        action.triggered.connect(lambda _=False: handler())
        return action

    @staticmethod
    def _add_to_file_menu(export_menu: QMenu, actions: list[QAction]) -> None:
        file_menu = export_menu.parentWidget()
        if not isinstance(file_menu, QMenu):
            export_menu.addSeparator()
            export_menu.addActions(actions)
            return
        items = file_menu.actions()
        index = items.index(export_menu.menuAction()) if export_menu.menuAction() in items else len(items) - 1
        after = items[index + 1] if index + 1 < len(items) else None
        for action in actions:
            if after is None:
                file_menu.addAction(action)
            else:
                file_menu.insertAction(after, action)

    # --- what is exported ---------------------------------------------------------------------

    def _plan_and_findings(self) -> tuple[Any, list[Any]]:
        document = self.window.document
        return document.plan, document.findings()

    def _current_options(self) -> ExportOptions:
        options = load_options()
        if self.window.actions["straight"].isChecked():
            options = replace(options, orthogonal=False)
        return options

    def _suggested_path(self, suffix: str) -> str:
        document = self.window.document
        folder = str(settings.settings().value("export/folder", "") or "")
        if not folder or not os.path.isdir(folder):
            folder = os.path.dirname(document.path) if document.path else os.path.expanduser("~")
        if document.path:
            stem = Path(document.path).stem
        else:
            stem = (
                re.sub(r"[^A-Za-z0-9._-]+", "-", (document.plan.title or "plan").strip()).strip("-.")[:60]
                or "plan"
            )
        return os.path.join(folder, stem + suffix)

    def _ask_path(self, suffix: str, title: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, self._suggested_path(suffix), FILTERS[suffix]
        )
        if not path:
            return None
        if Path(path).suffix.lower() != suffix:
            path += suffix
        settings.set_value("export/folder", os.path.dirname(os.path.abspath(path)))
        return path

    # --- actions -------------------------------------------------------------------------------------

    def export_image(self, suffix: str) -> bool:
        dialog = ExportDialog(suffix, self._current_options(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        options = dialog.options()
        save_options(options)
        path = self._ask_path(suffix, f"Export {FORMAT_NAMES[suffix]}")
        return bool(path) and self.export_to(path, options)

    def export_to(self, path: str, options: ExportOptions | None = None) -> bool:
        """Export the window's plan to path (format from its suffix); tells the user how it went."""
        plan, findings = self._plan_and_findings()
        try:
            result = export_plan(plan, path, findings, options or self._current_options())
        except (ExportError, SaveError, OSError) as exc:
            self._error(f"{os.path.basename(path)} was not exported.", str(exc))
            return False
        name = os.path.basename(path)
        if result.suffix == ".png":
            detail = f"{result.width:,} × {result.height:,} pixels"
        elif result.suffix == ".pdf":
            detail = plural(result.pages, "page")
        else:
            detail = ""
        self.window.statusBar().showMessage(f"Exported {name}" + (f" ({detail})" if detail else ""), 8000)
        if result.notice:
            box = message_box(
                self.window,
                QMessageBox.Icon.Information,
                f"Export — {APP_NAME}",
                f"{name} was exported at a smaller size.",
                result.notice,
            )
            box.setObjectName("exportNotice")
            box.exec()
        return True

    def export_table(self, table: str, suffix: str) -> bool:
        title = "Export bill of materials" if table == "bom" else "Export cable schedule"
        path = self._ask_path(suffix, title)
        return bool(path) and self.table_to(table, path)

    def table_to(self, table: str, path: str) -> bool:
        plan, _ = self._plan_and_findings()
        suffix = Path(path).suffix.lower()
        try:
            if suffix == ".pdf":

                data = markdown_pdf(table_text(plan, table, "markdown"), plan, self._current_options())
            else:
                data = table_text(plan, table, "markdown" if suffix == ".md" else "csv").encode("utf-8")
            write_atomic(path, data)
        except (SaveError, OSError) as exc:
            self._error(f"{os.path.basename(path)} was not written.", str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported {os.path.basename(path)}", 8000)
        return True

    def print_preview(self, show: bool = True) -> Any:
        plan, findings = self._plan_and_findings()
        dialog = preview_dialog(self.window, plan, findings, self._current_options())
        if show:
            dialog.exec()
        return dialog

    def print_plan(self) -> bool:
        plan, findings = self._plan_and_findings()
        options = self._current_options()
        dialog, printer = print_dialog(self.window, plan, options)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            pages = print_plan(printer, plan, findings, options)
        except ExportError as exc:
            self._error("The plan was not printed.", str(exc))
            return False
        self.window.statusBar().showMessage(
            f"Sent {plural(pages, 'page')} to the printer", 8000
        )
        return True

    def _error(self, text: str, detail: str) -> None:
        box = message_box(self.window, QMessageBox.Icon.Critical, f"Export — {APP_NAME}", text, detail)
        box.setObjectName("exportErrorDialog")
        box.exec()


def install(window: HostWindow) -> ExportActions:
    """Fill the window's Export menu and add Print Preview/Print after it in the File menu.

    Its .actions dict holds every QAction by objectName.
    """
    return ExportActions(window)
