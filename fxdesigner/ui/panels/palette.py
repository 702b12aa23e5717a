"""The palette: every device type and catalogue model, by category, with a search box.

Drag an entry onto the canvas to place it where it is dropped; double-click to
place it at the centre of the view.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fxdesigner import assets
from fxdesigner.model.catalogue import CATEGORIES, Catalogue, CatalogueEntry, default_catalogue
from fxdesigner.ui.canvas.style import icon_name
from fxdesigner.ui.canvas.view import ENTRY_MIME
from fxdesigner.ui.text import plain_tooltip

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


class PaletteTree(QTreeWidget):
    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        mime = QMimeData()
        entries = [i.data(0, ENTRY_ROLE) for i in items if i.data(0, ENTRY_ROLE)]
        if entries:
            mime.setData(ENTRY_MIME, entries[0].encode("utf-8"))
        return mime

    def mimeTypes(self) -> list[str]:
        return [ENTRY_MIME]


class Palette(QWidget):
    #: Double-clicked: place this catalogue entry at the view's centre.
    place_requested = Signal(str)

    def __init__(self, catalogue: Catalogue | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.catalogue = catalogue or default_catalogue()
        self.search = QLineEdit(self)
        self.search.setObjectName("paletteSearch")
        self.search.setPlaceholderText("Search devices (phone, HT813, gateway...)")
        self.search.setClearButtonEnabled(True)
        self.tree = PaletteTree(self)
        self.tree.setObjectName("paletteTree")
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(32, 32))
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()
        self.search.textChanged.connect(self.filter)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def _fill(self) -> None:
        for category, title in CATEGORIES:
            entries = self.catalogue.in_category(category)
            if not entries:
                continue
            head = QTreeWidgetItem([title])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            for entry in sorted(entries, key=lambda e: (e.model is not None, e.title.casefold())):
                head.addChild(self._entry_item(entry))
            head.setExpanded(True)

    def _entry_item(self, entry: CatalogueEntry) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{entry.title}\n{_first_sentence(entry.description)}"])
        item.setData(0, ENTRY_ROLE, entry.id)
        item.setIcon(0, _icon(entry.type))
        item.setToolTip(0, plain_tooltip(f"{entry.title}\n\n{entry.description}"))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        self._items[entry.id] = item
        return item

    def item_for(self, entry_id: str) -> QTreeWidgetItem:
        return self._items[entry_id]

    def filter(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            visible = 0
            for j in range(head.childCount()):
                child = head.child(j)
                entry = self.catalogue.entry(child.data(0, ENTRY_ROLE))
                haystack = " ".join([entry.title, entry.type, entry.description, entry.label]).casefold()
                show = all(w in haystack for w in words)
                child.setHidden(not show)
                visible += show
            head.setHidden(visible == 0)

    def visible_entries(self) -> list[str]:
        found = []
        for entry_id, item in self._items.items():
            if not item.isHidden() and not item.parent().isHidden():
                found.append(entry_id)
        return found

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        entry_id = item.data(0, ENTRY_ROLE)
        if entry_id:
            self.place_requested.emit(entry_id)


def _first_sentence(text: str, limit: int = 70) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


_ICONS: dict[str, QIcon] = {}


def _icon(device_type: str) -> QIcon:
    name = icon_name(device_type)
    if name not in _ICONS:
        _ICONS[name] = QIcon(str(assets.resource_path("icons", "devices", f"{name}.svg")))
    return _ICONS[name]
