"""A read-only Markdown view that never loads anything and never opens a link by itself.

The explainer shows Markdown that quotes plan labels. The builders escape them
(fxdesigner.explain.markdown), and this view adds two more locks:

- Markdown is read without HTML (MarkdownNoHTML) and in the CommonMark dialect,
  which has no bare-URL autolinks;
- the document refuses every resource. Returning None from loadResource is not
  enough: Qt's image handler then reads the file name itself (measured in
  reference/qt-reliability-packaging.md 1.2), so every image request gets a
  1x1 transparent placeholder, and every request is recorded.

Links are reported through link_activated and only fx: links mean anything;
the panel never hands a URL to the desktop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from fxdesigner.ui import settings

ZOOM_SETTING = "explainer/zoom"
#: The canvas's severity colours (style.py), a little darker where text needs the contrast.
SEVERITY_COLOURS = {
    "Error": "#c62828",
    "Warning": "#a15c00",
    "Info": "#1565c0",
    "Waived error": "#78909c",
    "Waived warning": "#78909c",
    "Waived info": "#78909c",
}
MIN_ZOOM, MAX_ZOOM = -4, 12


class SafeDocument(QTextDocument):
    """A text document that loads no resource: images become a transparent placeholder."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Every URL something asked this document to load (tests assert on it).
        self.requested: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> object:
        self.requested.append(url.toString())
        if int(kind) == QTextDocument.ResourceType.ImageResource.value:
            placeholder = QImage(1, 1, QImage.Format.Format_ARGB32)
            placeholder.fill(Qt.GlobalColor.transparent)
            return placeholder
        return ""


def _zoom_step(event: QKeyEvent) -> int | None:
    """+1, -1 or 0 (reset) for the panel's zoom keys, else None."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    key = event.key()
    if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(QKeySequence.StandardKey.ZoomIn):
        return 1
    if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) or event.matches(QKeySequence.StandardKey.ZoomOut):
        return -1
    if key == Qt.Key.Key_0:
        return 0
    return None


class MarkdownView(QTextBrowser):
    """Shows Markdown built by fxdesigner.explain, styled for reading, zoomable with Ctrl +/-/0."""

    #: An fx: (or any other) link was clicked; the owner decides what it means.
    link_activated = Signal(QUrl)
    #: Alt+Left / Alt+Right or the mouse's back and forward buttons.
    back_requested = Signal()
    forward_requested = Signal()
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.safe_document = SafeDocument(self)
        self.setDocument(self.safe_document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.document().setDocumentMargin(14)
        self._apply_palette()
        self.anchorClicked.connect(self.link_activated.emit)
        self._base_point_size = self.font().pointSizeF()
        self.zoom = 0
        self.markdown = ""
        self.set_zoom(_stored_zoom())

    # --- content ------------------------------------------------------------------------

    def set_markdown(self, markdown: str, keep_scroll: bool = False) -> None:
        bar = self.verticalScrollBar()
        position = bar.value() if keep_scroll else 0
        self.markdown = markdown
        self.document().setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownNoHTML)
        self._style()
        bar.setValue(position)

    def _style(self) -> None:
        """Reading typography: air around headings, comfortable line height, quiet section titles."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        section = _mix(text, palette.color(QPalette.ColorRole.Link), 0.55)
        doc = self.document()
        doc.setIndentWidth(18)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        block = doc.begin()
        first = True
        while block.isValid():
            fmt = QTextBlockFormat(block.blockFormat())
            level = fmt.headingLevel()
            char = QTextCharFormat()
            if level == 1:
                fmt.setTopMargin(0 if first else 18)
                fmt.setBottomMargin(6)
                char.setForeground(text)
                char.setFontWeight(QFont.Weight.Bold)
                char.setProperty(QTextFormat.Property.FontSizeAdjustment, 2)
            elif level >= 2:
                fmt.setTopMargin(14)
                fmt.setBottomMargin(4)
                char.setForeground(section)
                char.setFontWeight(QFont.Weight.Bold)
                char.setProperty(QTextFormat.Property.FontSizeAdjustment, 1 if level == 2 else 0)
            else:
                fmt.setLineHeight(128, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                fmt.setBottomMargin(6 if block.textList() is None else 3)
                fmt.setTopMargin(0 if block.textList() is None else 1)
            block_cursor = QTextCursor(block)
            block_cursor.setBlockFormat(fmt)
            if level:
                block_cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                block_cursor.mergeCharFormat(char)
            first = False
            block = block.next()
        self._colour_severities(doc)
        for frame_list in _lists(doc):
            list_format = QTextListFormat(frame_list.format())
            list_format.setIndent(1)
            frame_list.setFormat(list_format)
        cursor.endEditBlock()

    def _colour_severities(self, doc: QTextDocument) -> None:
        """Give the bold severity words (**Error**, **Warning**...) their canvas colours."""
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                colour = SEVERITY_COLOURS.get(fragment.text())
                if colour is not None and fmt.fontWeight() >= QFont.Weight.Bold.value and not fmt.isAnchor():
                    cursor = QTextCursor(doc)
                    start = fragment.position()
                    cursor.setPosition(start)
                    cursor.setPosition(start + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                    coloured = QTextCharFormat()
                    coloured.setForeground(QColor(colour))
                    cursor.mergeCharFormat(coloured)
                it += 1
            block = block.next()

    def _apply_palette(self) -> None:
        # Qt's default link blue (#0000ff) shouts in a reading panel; on a light
        # background use a calmer blue. A dark scheme keeps its own link colour.
        palette = self.palette()
        if palette.color(QPalette.ColorRole.Base).lightness() > 128:
            palette.setColor(QPalette.ColorRole.Link, QColor("#1565c0"))
            palette.setColor(QPalette.ColorRole.LinkVisited, QColor("#1565c0"))
            self.setPalette(palette)

    # --- zoom -----------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        font = self.font()
        font.setPointSizeF(max(5.0, self._base_point_size + steps))
        self.setFont(font)
        self.document().setDefaultFont(font)
        if steps != self.zoom:
            self.zoom = steps
            settings.set_value(ZOOM_SETTING, steps)
            self.zoom_changed.emit(steps)
        if self.markdown:
            self.set_markdown(self.markdown, keep_scroll=True)

    def zoom_by(self, step: int) -> None:
        self.set_zoom(self.zoom + step if step else 0)

    def event(self, event: QEvent) -> bool:
        # The window's Ctrl +/-/0 zoom the canvas; inside the panel they zoom the text.
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.ShortcutOverride
                and _zoom_step(event) is not None):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _zoom_step(event)
        if step is not None:
            self.zoom_by(step)
            event.accept()
            return
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if (alt and event.key() == Qt.Key.Key_Left) or event.key() == Qt.Key.Key_Back:
            self.back_requested.emit()
            return
        if (alt and event.key() == Qt.Key.Key_Right) or event.key() == Qt.Key.Key_Forward:
            self.forward_requested.emit()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_by(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
            return
        if event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
            return
        super().mousePressEvent(event)

    # QTextBrowser would load sources itself; it never gets one here, but be sure.
    def loadResource(self, kind: int, url: QUrl) -> object:
        return self.safe_document.loadResource(kind, url)


def _lists(doc: QTextDocument) -> list[QTextList]:
    seen = {}
    block = doc.begin()
    while block.isValid():
        text_list = block.textList()
        if text_list is not None:
            seen[id(text_list)] = text_list
        block = block.next()
    return list(seen.values())


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )


def _stored_zoom() -> int:
    value = settings.settings().value(ZOOM_SETTING, 0)
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
