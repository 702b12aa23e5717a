"""What the user points at and which scenario the window shows: model state beside the Document.

The canvas and the findings list set the subject; the Properties dock, the
Explainer, the findings list and the teaching views follow it through one
signal each. Subjects are the typed values of fxdesigner.explain.subject.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from fxdesigner.explain.subject import PLAN, Selected
from fxdesigner.rules.reach import NONE


class Selection(QObject):
    #: The subject changed: the new subject (a fxdesigner.explain.subject value).
    subject_changed = Signal(object)
    #: The scenario changed: "none", "power" or "internet".
    scenario_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.subject: Selected = PLAN
        self.scenario: str = NONE

    def set_subject(self, subject: Selected) -> None:
        if subject != self.subject:
            self.subject = subject
            self.subject_changed.emit(subject)

    def set_scenario(self, scenario: str) -> None:
        if scenario != self.scenario:
            self.scenario = scenario
            self.scenario_changed.emit(scenario)
