"""What-if scenarios: None / Power cut / Internet down, as a view mode.

Devices that go down are greyed; stations that keep service are ringed green,
those that lose it are crossed; lifeline relays are drawn closed; the status
bar counts who can still call out. It is not an edit: the plan is unchanged,
and the view follows the user's rewiring live. The findings list switches to
the same scenario, so it matches `fxdesigner check --scenario`.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel

from fxdesigner.rules.reach import NONE, SCENARIO_PHRASE
from fxdesigner.ui.canvas.style import ui_icon_path
from fxdesigner.ui.host import HostWindow

SCENARIOS: Final = (
    ("none", "Normal", "scenario-none", "Alt+1"),
    ("power", "Power Cut", "scenario-power", "Alt+2"),
    ("internet", "Internet Down", "scenario-internet", "Alt+3"),
)


class ScenarioView(QObject):
    def __init__(self, window: HostWindow) -> None:
        super().__init__(window)
        self.window = window
        self.summary = ""
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for key, text, icon, shortcut in SCENARIOS:
            action = QAction(QIcon(ui_icon_path(icon)), text, window)
            action.setObjectName(f"scenario_{key}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"Show the plan {SCENARIO_PHRASE[key]}" if key != NONE else "Normal state")
            action.setStatusTip(action.toolTip())
            action.triggered.connect(lambda _=False, k=key: window.selection.set_scenario(k))
            self.group.addAction(action)
            self.actions[key] = action
        self.actions[NONE].setChecked(True)
        self.label = QLabel(window)
        self.label.setObjectName("scenarioLabel")
        self.label.setTextFormat(self.label.textFormat().PlainText)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        window.document.findings_changed.connect(self._schedule)
        window.document.replaced.connect(self._replaced)
        window.selection.scenario_changed.connect(self._scenario_changed)

    @property
    def scenario(self) -> str:
        return self.window.selection.scenario

    def set_scenario(self, scenario: str) -> None:
        self.window.selection.set_scenario(scenario)

    def _scenario_changed(self, scenario: str) -> None:
        self.actions[scenario].setChecked(True)
        document = self.window.document
        document.checker.set_scenario(scenario)
        document.findings_changed.emit()
        self.refresh()

    def _replaced(self) -> None:
        self.window.document.checker.set_scenario(self.scenario)
        self._schedule()

    def _schedule(self) -> None:
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        scene = self.window.plan_scene
        plan = self.window.document.plan
        if self.scenario == NONE:
            for item in scene.devices.values():
                if item.down or item.service or item.relays:
                    item.down, item.service, item.relays = False, None, ()
                    item.update()
            self.summary = ""
            self.label.setText("")
            self.label.hide()
            return
        # The document keeps who reaches the outside, component by component: after an
        # edit only the touched components are worked out again (the Explainer reads the same).
        document = self.window.document
        component_of = document.checker.component_of
        reach = document.reach.reach(plan, component_of)
        stations = keeping = 0
        for device_id, item in scene.devices.items():
            marks = document.reach.marks(plan, device_id, self.scenario, component_of)
            service = None
            station = reach.get(device_id)
            if station is not None:
                stations += 1
                if station.in_scenario(self.scenario):
                    keeping += 1
                    service = "keeps"
                elif station.now:
                    service = "loses"
            if (item.down, item.service, item.relays) != (marks.down, service, marks.relays):
                item.down, item.service, item.relays = marks.down, service, marks.relays
                item.update()
        phrase = SCENARIO_PHRASE[self.scenario]
        self.summary = f"{keeping} of {stations} stations can call out {phrase}"
        self.label.setText(self.summary)
        self.label.show()


def install(window: HostWindow) -> ScenarioView:
    view = ScenarioView(window)
    window.toolbar.addSeparator()
    for action in view.actions.values():
        window.toolbar.addAction(action)
    menu = window.plan_menu.addMenu("&Scenario")
    menu.setObjectName("scenarioMenu")
    for action in view.actions.values():
        menu.addAction(action)
    window.statusBar().addPermanentWidget(view.label)
    view.label.hide()
    return view
