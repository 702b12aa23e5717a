"""The properties dock: edits the selection (a device, a jack, a cable, a note, or the plan).

Every committed change is one undoable edit pushed through the document. What the
user typed is checked before it reaches the model: a refused value stays in its
field, marked, with the reason in plain words under the form, and nothing changes.

The form is rebuilt after every edit, but never from inside a field's own signal:
the rebuild waits for the event loop, old fields are deleted later, not at once, and
a field from an old form can no longer commit. The field the user was in keeps the
focus (and any text not yet committed) across the rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fxdesigner.explain.subject import (
    PLAN,
    CableSubject,
    DeviceSubject,
    FindingSubject,
    JackSubject,
    ManySubject,
    NoteSubject,
    Selected,
)
from fxdesigner.model import edits as e
from fxdesigner.model.catalogue import default_catalogue
from fxdesigner.model.kinds import (
    ETHERNET,
    FXO,
    FXS,
    PASSIVE,
    PBX_TYPES,
    PSTN,
    REGIONS,
    default_power,
    device_copper,
    device_ren,
    device_ups,
    region_ren_limit,
)
from fxdesigner.model.plan import PortRef
from fxdesigner.ui.document import Document
from fxdesigner.ui.text import plain_label, plain_tooltip, refusal_words

UNKNOWN = -1.0



class PropertiesPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("properties")
        self.document = document
        self.subject: Selected = PLAN
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        #: Why the last value typed was refused (plain text), under the form.
        self.problem = plain_label("", self)
        self.problem.setObjectName("propertiesProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828; padding: 4px;")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        layout.addWidget(self.problem)
        self.fields: dict[str, QWidget] = {}
        #: Goes up with every form built; a field of an older form can no longer commit.
        self._generation = 0
        #: While True, a field's commit waits for the event loop (see show_subject).
        self._deferring = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh_now)
        self.show_subject(PLAN)

    def set_document(self, document: Document) -> None:
        self.document = document
        self.show_subject(PLAN)

    def follow(self, subject: Selected) -> None:
        """The selection changed. A finding is read in the Explainer; the form keeps what it shows."""
        if not isinstance(subject, FindingSubject):
            self.show_subject(subject)

    # --- building ----------------------------------------------------------------------------

    def show_subject(self, subject: Selected) -> None:
        self._refresh_timer.stop()
        focused, pending = self._focused_field()
        same = subject == self.subject
        if focused is not None and pending is not None and not same:
            # The selection moved on (F8, a click in the findings list) while a field still
            # held typed text: it is committed, as leaving the field would have, but once the
            # event loop is back. The selection is changing under whatever moved it (the
            # findings table, the scene), and an edit now would reset their models mid-signal.
            field = self.fields[focused]
            if isinstance(field, QLineEdit):
                self._deferring = True
                try:
                    field.editingFinished.emit()
                finally:
                    self._deferring = False
        self._retire()
        self.subject = subject
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        plan = self.document.plan
        match subject:
            case DeviceSubject(device_id) if plan.has_device(device_id):
                self._device_form(form, device_id)
            case JackSubject(ref) if plan.has_device(ref.device) and plan.device(ref.device).has_port(ref.port):
                self._jack_form(form, ref)
            case CableSubject(link_id) if plan.has_link(link_id):
                self._link_form(form, link_id)
            case NoteSubject(note_id) if plan.has_note(note_id):
                self._note_form(form, note_id)
            case ManySubject(count):
                form.addRow(plain_label(f"{count} items selected"))
            case _:
                self.subject = PLAN
                self._plan_form(form)
        self.scroll.setWidget(body)
        if same and focused in self.fields:
            self._refocus(self.fields[focused], pending)

    def refresh(self) -> None:
        """Show the subject again once the event loop is back (never inside a field's own signal)."""
        self._refresh_timer.start()

    def refresh_now(self) -> None:
        self.show_subject(self.subject)

    def _retire(self) -> None:
        """Take the old form away without deleting a widget whose handler may still be running."""
        self._generation += 1
        self.fields = {}
        self.problem.hide()
        old = self.scroll.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()

    def _focused_field(self) -> tuple[str | None, str | None]:
        """The field with the keyboard focus, and its text if it holds an uncommitted edit."""
        focus = QApplication.focusWidget()
        for name, widget in self.fields.items():
            if focus is widget or (focus is not None and widget.isAncestorOf(focus)):
                if isinstance(widget, QLineEdit) and widget.isModified():
                    return name, widget.text()
                return name, None
        return None, None

    def _refocus(self, widget: QWidget, pending: str | None) -> None:
        if pending is not None and isinstance(widget, QLineEdit) and widget.text() != pending:
            widget.setText(pending)
            widget.setModified(True)
        widget.setFocus()

    def _guard(self, commit: Callable[..., None]) -> Callable[..., None]:
        """commit, for this form only: a field of a form already replaced changes nothing."""
        generation = self._generation

        def run(*args: Any) -> None:
            if generation == self._generation:
                commit(*args)

        return run

    def _submit_later(self, revision: int, make: Callable[[], e.Edit]) -> None:
        """A field's value committed after its form went away: pushed unless the plan changed
        since (then the value was typed against a plan that is no longer there)."""
        if self.document.revision != revision:
            return
        problem = self.document.submit(make)
        if problem is not None:
            self.problem.setText(f"Not changed: {refusal_words(problem)}")
            self.problem.show()

    def _commit(self, name: str, make: Callable[[Any], e.Edit]) -> Callable[[Any], None]:
        """What a field calls with its new value: make the edit, push it, or say why not."""
        return self._guard(lambda value: self._submit(name, lambda: make(value)))

    def _submit(self, name: str, make: Callable[[], e.Edit]) -> None:
        """Push the edit made from a field's value; on refusal mark the field and say why."""
        if self._deferring:
            revision = self.document.revision
            QTimer.singleShot(0, lambda: self._submit_later(revision, make))
            return
        problem = self.document.submit(make)
        if problem is None:
            return
        problem = refusal_words(problem)
        field = self.fields.get(name)
        if field is not None:
            field.setProperty("refused", True)
            field.setStyleSheet("border: 2px solid #c62828;")
            field.setToolTip(plain_tooltip(problem))
        self.problem.setText(f"Not changed: {problem}")
        self.problem.show()

    def _heading(self, form: QFormLayout, text: str) -> None:
        label = plain_label(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        form.addRow(label)

    def _line(self, form: QFormLayout, name: str, title: str, value: str, commit: Callable[[str], e.Edit],
              placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(value)
        edit.setCursorPosition(0)
        edit.setObjectName(f"prop_{name}")
        edit.setPlaceholderText(placeholder)
        commit = self._commit(name, commit)
        edit.editingFinished.connect(lambda: commit(edit.text()) if edit.text() != value else None)
        self.fields[name] = edit
        form.addRow(title, edit)
        return edit

    def _check(self, form: QFormLayout, name: str, title: str, value: bool, commit: Callable[[bool], e.Edit]) -> None:
        box = QCheckBox()
        box.setObjectName(f"prop_{name}")
        box.setChecked(value)
        box.toggled.connect(self._commit(name, commit))
        self.fields[name] = box
        form.addRow(title, box)

    def _choice(self, form: QFormLayout, name: str, title: str, options: list[tuple[str, Any]], current: Any,
                commit: Callable[[Any], e.Edit]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"prop_{name}")
        for text, data in options:
            combo.addItem(text, data)
        index = next((i for i, (_, data) in enumerate(options) if data == current), 0)
        combo.setCurrentIndex(index)
        commit = self._commit(name, commit)
        combo.activated.connect(lambda i: commit(options[i][1]) if options[i][1] != current else None)
        self.fields[name] = combo
        form.addRow(title, combo)
        return combo

    def _number(self, form: QFormLayout, name: str, title: str, value: float | None, commit: Callable[[Any], e.Edit],
                maximum: float = 100000.0, suffix: str = "", decimals: int = 1) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(f"prop_{name}")
        spin.setRange(UNKNOWN, maximum)
        spin.setDecimals(decimals)
        spin.setSpecialValueText("unknown")
        spin.setSuffix(suffix)
        spin.setValue(UNKNOWN if value is None else float(value))
        spin.setKeyboardTracking(False)
        commit = self._commit(name, commit)

        def changed(v: float) -> None:
            new = None if v <= UNKNOWN else (int(v) if float(v).is_integer() else v)
            if new != value:
                commit(new)

        spin.valueChanged.connect(changed)
        self.fields[name] = spin
        form.addRow(title, spin)
        return spin

    # --- forms ------------------------------------------------------------------------------

    def _plan_form(self, form: QFormLayout) -> None:
        plan = self.document.plan
        self._heading(form, "Plan")
        self._line(form, "title", "Title", plan.title or "",
                   lambda text: e.SetPlanField("title", text or None))
        region = plan.effective_region
        options = [(code, code) for code in REGIONS]
        if region not in REGIONS:
            options.append((region, region))
        self._choice(form, "region", "Region", options, region,
                     lambda code: e.SetPlanField("region", code))
        form.addRow(plain_label(f"Street-line ringer limit here: REN {region_ren_limit(region):g}"))

    def _device_form(self, form: QFormLayout, device_id: str) -> None:
        doc = self.document
        device = doc.plan.device(device_id)
        self._heading(form, f"Device · {device.type}")
        self._line(form, "label", "Label", device.label or "",
                   lambda text: e.SetDeviceField(device_id, "label", text or e.DELETE))
        models = sorted({entry.model for entry in default_catalogue() if entry.type == device.type and entry.model})
        combo = QComboBox()
        combo.setObjectName("prop_model")
        combo.setEditable(True)
        combo.addItems(["", *models])
        combo.setCurrentText(device.model or "")
        model_changed = self._commit("model", lambda text: e.SetDeviceField(device_id, "model", text or e.DELETE))
        combo.lineEdit().editingFinished.connect(
            lambda: model_changed(combo.currentText()) if combo.currentText() != (device.model or "") else None
        )
        self.fields["model"] = combo
        form.addRow("Model", combo)
        props = device.properties
        default = default_power(device.type)
        self._choice(form, "power", "Power", [(f"Default ({default})", None), ("Line powered", "line"),
                                               ("Mains", "mains"), ("PoE", "poe")], props.get("power"),
                     lambda v: e.SetDeviceProperty(device_id, "power", e.DELETE if v is None else v))
        self._check(form, "ups", "On a UPS / battery", device_ups(device.type, props),
            lambda on: e.SetDeviceProperty(device_id, "ups", on))
        self._number(form, "ren", "Ringer load (REN)", device_ren(device.type, props),
                     lambda v: e.SetDeviceProperty(device_id, "ren", v), maximum=50.0)
        self._choice(form, "t38", "T.38 fax relay", [("Unknown", None), ("Enabled", True), ("Disabled", False)],
                     props.get("t38"), lambda v: e.SetDeviceProperty(device_id, "t38", v))
        if device.type == "pstn-line":
            self._check(form, "copper", "Copper pair (line powered)", device_copper(props),
                        lambda on: e.SetDeviceProperty(device_id, "copper", on))
        if device.type in PBX_TYPES:
            self._choice(form, "direct_911", "911 without a prefix",
                         [("Unknown", None), ("Yes", True), ("No", False)], props.get("direct_911"),
                         lambda v: e.SetDeviceProperty(device_id, "direct_911", v))

    def _jack_form(self, form: QFormLayout, ref: PortRef) -> None:
        doc = self.document
        device = doc.plan.device(ref.device)
        port = device.port(ref.port)
        self._heading(form, f"Jack · {port.kind.upper()} on {device.name}")
        self._line(form, "jack_label", "Label", port.label or "",
                   lambda text: e.SetPortLabel(ref, text or None))
        props = port.properties
        if port.kind in (FXS, PSTN):
            budget = props.get("ren_budget") if "ren_budget" in props else (
                region_ren_limit(doc.plan.effective_region) if port.kind == PSTN else None)
            self._number(form, "ren_budget", "REN budget", budget,
                         lambda v: e.SetPortProperty(ref, "ren_budget", v), maximum=100.0)
        if port.kind == FXS:
            self._number(form, "max_loop_m", "Longest cable run", props.get("max_loop_m"),
                         lambda v: e.SetPortProperty(ref, "max_loop_m", v), suffix=" m", decimals=0)
            options: list[tuple[str, Any]] = [("None", None)]
            options += [(f"{p.name} ({p.id})", p.id) for p in device.ports if p.kind == FXO]
            self._choice(form, "power_fail_to", "Power-fail relay to", options, props.get("power_fail_to"),
                         lambda v: e.SetPortProperty(ref, "power_fail_to", v))
        if port.kind == ETHERNET:
            self._check(form, "poe", "Supplies PoE", props.get("poe") is True,
                        lambda on: e.SetPortProperty(ref, "poe", on))
            self._choice(form, "role", "Role", [("—", None), ("WAN", "wan"), ("LAN", "lan")], props.get("role"),
                         lambda v: e.SetPortProperty(ref, "role", e.DELETE if v is None else v))
        if port.kind == PASSIVE:
            self._check(form, "filtered", "Filtered (phone side of a microfilter)", props.get("filtered") is True,
                        lambda on: e.SetPortProperty(ref, "filtered", on))
        links = doc.plan.links_at(ref)
        form.addRow(plain_label(f"Cables in this jack: {len(links)}"))

    def _link_form(self, form: QFormLayout, link_id: str) -> None:
        doc = self.document
        link = doc.plan.link(link_id)
        self._heading(form, f"Cable {link_id}")
        for end, title in ((link.a, "End A"), (link.b, "End B")):
            device = doc.plan.device(end.device)
            form.addRow(title, plain_label(f"{device.port(end.port).name} on {device.name}"))
        props = link.properties
        self._number(form, "length_m", "Length", props.get("length_m"),
                     lambda v: e.SetLinkProperty(link_id, "length_m", v), suffix=" m")
        self._check(form, "leaves_building", "Leaves the building", props.get("leaves_building") is True,
                    lambda on: e.SetLinkProperty(link_id, "leaves_building", on))
        self._line(form, "tag", "Tag", str(props.get("label") or ""),
                   lambda text: e.SetLinkProperty(link_id, "label", text or e.DELETE))

    def _note_form(self, form: QFormLayout, note_id: str) -> None:
        doc = self.document
        note = doc.plan.note(note_id)
        self._heading(form, "Note")
        text = QPlainTextEdit()
        text.setObjectName("prop_note")
        text.setPlainText(note.text)
        text.setTabChangesFocus(True)
        apply = QPushButton("Apply")
        apply.setObjectName("prop_note_apply")
        commit = self._commit("note", lambda value: e.SetNoteText(note_id, value))
        apply.clicked.connect(lambda: commit(text.toPlainText()) if text.toPlainText() != note.text else None)
        self.fields["note"] = text
        form.addRow(text)
        form.addRow(apply)

