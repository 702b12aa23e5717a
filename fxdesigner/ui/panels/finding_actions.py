"""What the findings list and the Explainer do to the window: reveal a finding on the
canvas, waive it with a reason, take a waiver back, copy the report."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from PySide6.QtCore import (
    QRectF,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from fxdesigner.model.text import one_line
from fxdesigner.rules.engine import CheckResult
from fxdesigner.rules.findings import Finding
from fxdesigner.rules.registry import BY_CODE
from fxdesigner.rules.report import FileReport, to_text
from fxdesigner.rules.waivers import waive_finding, waivers_of
from fxdesigner.ui.host import HostWindow
from fxdesigner.ui.text import plain_label

# --- what the panel does to the window -----------------------------------------------------------


def reveal(
    window: HostWindow, devices: Iterable[str] = (), links: Iterable[str] = (), notes: Iterable[str] = ()
) -> None:
    """Select items on the canvas and centre the view on them."""
    scene = window.plan_scene
    devices, links, notes = list(devices), list(links), list(notes)
    scene.select(devices, links, notes)
    rect = QRectF()
    for table, ids in ((scene.devices, devices), (scene.links, links), (scene.notes, notes)):
        for item_id in ids:
            item = table.get(item_id)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
    if not rect.isNull():
        window.view.centerOn(rect.center())


def finding_devices(finding: Finding) -> list[str]:
    devices = list(finding.devices)
    for port in finding.ports:
        device = PortRef.parse(port).device
        if device not in devices:
            devices.append(device)
    return devices


def reveal_finding(window: HostWindow, finding: Finding) -> None:
    reveal(window, devices=finding_devices(finding), links=finding.links)


class WaiveDialog(QDialog):
    """Asks why a finding is accepted. Every text here is plain: the message quotes plan labels."""

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waiveDialog")
        self.setWindowTitle(f"Waive {finding.code}")
        rule = BY_CODE.get(finding.code)
        layout = QVBoxLayout(self)
        title = plain_label(f"{finding.code} · {rule.title if rule else finding.name}", self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        message = plain_label(one_line(finding.message, 400), self)
        message.setWordWrap(True)
        message.setObjectName("waiveMessage")
        prompt = plain_label(
            "Why is this acceptable here? The reason is saved in the plan with the waiver.", self
        )
        prompt.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("waiveReason")
        self.reason.setPlaceholderText("e.g. line ordered, not live until March")
        self.reason.setMaxLength(500)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Waive")
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (title, message, prompt, self.reason, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())


def ask_waiver_reason(parent: QWidget | None, finding: Finding) -> str | None:
    """The reason typed by the user, or None if they cancelled."""
    dialog = WaiveDialog(finding, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text().strip() or None


def waive_with_reason(window: HostWindow, finding: Finding, parent: QWidget | None = None) -> bool:
    reason = ask_waiver_reason(parent or window, finding)
    if reason is None:
        return False
    document = window.document
    return document.push(waive_finding(document.plan, finding, reason, datetime.date.today()))


def unwaive(window: HostWindow, finding: Finding) -> bool:
    document = window.document
    found = waivers_of(document.plan, finding)
    if not found:
        return False
    if len(found) == 1:
        return document.push(e.RemoveWaiver(found[0].id))
    return document.push(e.CompoundEdit(f"Un-waive {finding.code}", [e.RemoveWaiver(w.id) for w in found]))


def report_text(window: HostWindow) -> str:
    """The text `fxdesigner check` prints for this plan, under the plan's file name."""
    document = window.document
    scenario = document.checker.scenario
    path = document.path or document.display_name
    return to_text([FileReport(path, CheckResult(scenario, list(document.findings())))], scenario)

