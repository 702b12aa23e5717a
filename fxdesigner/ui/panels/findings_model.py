"""The findings list's table: one row per finding, sortable and filtered by severity, text and waiver."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QWidget,
)

from fxdesigner.model.plan import Plan
from fxdesigner.model.text import one_line
from fxdesigner.rules.findings import SEVERITY_RANK, Finding, severity_word
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.ui.canvas.style import ui_icon_path
from fxdesigner.ui.text import plain_tooltip

COLUMNS: Final = ("Severity", "Code", "Message", "Subject")
SEVERITY, CODE, MESSAGE, SUBJECT = range(4)
FINDING_ROLE: Final = Qt.ItemDataRole.UserRole + 1
SORT_ROLE: Final = Qt.ItemDataRole.UserRole + 2


def severity_icon(finding_or_severity: Finding | str) -> QIcon:
    if isinstance(finding_or_severity, Finding):
        return _icon("waived" if finding_or_severity.waived else finding_or_severity.severity)
    return _icon(finding_or_severity)


@lru_cache(maxsize=8)
def _icon(name: str) -> QIcon:
    return QIcon(ui_icon_path(f"severity-{name}"))


def subject_names(plan: Plan, finding: Finding, limit: int = 4) -> str:
    names = []
    for device_id in finding.devices[:limit]:
        names.append(one_line(plan.device(device_id).name, 40) if plan.has_device(device_id) else device_id)
    if not names:
        names = list(finding.links[:limit] or finding.ports[:limit])
    more = len(finding.devices) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


# --- model ---------------------------------------------------------------------------------


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self._subjects: list[str] = []
        self._messages: list[str] = []

    def set_findings(self, findings: Sequence[Finding], plan: Plan) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self._subjects = [subject_names(plan, f) for f in self.findings]
        self._messages = [one_line(f.message, 400) for f in self.findings]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        finding = self.findings[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:
                word = severity_word(finding.severity)
                return f"Waived {word.lower()}" if finding.waived else word
            if column == CODE:
                return finding.code
            if column == MESSAGE:
                return self._messages[row]
            return self._subjects[row]
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            return severity_icon(finding)
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = BY_CODE.get(finding.code)
            lines = [f"{finding.code} {rule.title if rule else finding.name}", finding.message]
            if finding.fix:
                lines.append(f"Fix: {finding.fix}")
            return plain_tooltip("\n".join(lines))
        if role == SORT_ROLE:
            if column == SEVERITY:
                return (1 if finding.waived else 0) * 10 + SEVERITY_RANK.get(finding.severity, 9)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == FINDING_ROLE:
            return finding
        return None


class FindingsFilter(QSortFilterProxyModel):
    def __init__(self, source: FindingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.severities: set[str] = {"error", "warning", "info"}
        self.text = ""
        self.show_waived = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filter(
        self,
        *,
        severities: Iterable[str] | None = None,
        text: str | None = None,
        show_waived: bool | None = None,
    ) -> None:
        # Qt 6.9 replaced invalidateFilter() (now deprecated) by begin/endFilterChange().
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        if severities is not None:
            self.severities = set(severities)
        if text is not None:
            self.text = text.strip().casefold()
        if show_waived is not None:
            self.show_waived = show_waived
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.source
        finding = model.findings[row]
        if finding.waived and not self.show_waived:
            return False
        if finding.severity not in self.severities:
            return False
        if not self.text:
            return True
        haystack = " ".join((finding.code, finding.name, model._messages[row], model._subjects[row]))
        return self.text in haystack.casefold()

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            a, b = a.casefold(), b.casefold()
        if a == b:
            # Ties keep the engine's order (severity, code, first subject), whatever was sorted before.
            return left.row() < right.row()
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

