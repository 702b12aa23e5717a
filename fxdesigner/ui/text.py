"""User text in widgets that might guess it is HTML.

QLabel, QMessageBox and every tooltip render a string as rich text when it
merely looks like markup (Qt::mightBeRichText), so a plan label such as
`<img src=file:///...>` would load a local file. Everything from a plan goes
through here or through a widget set to Qt.PlainText.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_tooltip(text: str) -> str:
    """A tooltip that shows text literally: escaped, and always rich so escaping is honoured."""
    if not text:
        return ""
    body = html.escape(text).replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                informative: str = "") -> QMessageBox:
    """A QMessageBox that shows plan text literally (no markup, no clickable links)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # before setText: also makes the informative text plain
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    return box


def refusal_words(problem: str) -> str:
    """A model refusal as a sentence: "label: label is 230 characters long" reads
    "label is 230 characters long" (the field's name is already in the sentence)."""
    field, sep, rest = problem.partition(": ")
    return rest if sep and rest.startswith(field) else problem
