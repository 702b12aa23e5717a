"""The Findings dock: rows, sorting and filters, navigation, waivers with undo, Copy Report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from fxdesigner.cli import main
from fxdesigner.explain.subject import FindingSubject
from fxdesigner.io.plan_json import load_plan, save_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import Waiver
from fxdesigner.rules.engine import check
from fxdesigner.rules.report import FileReport, to_text
from fxdesigner.ui.panels import finding_actions
from fxdesigner.ui.panels.finding_actions import WaiveDialog
from fxdesigner.ui.panels.findings_model import CODE, FINDING_ROLE, MESSAGE, SEVERITY, SUBJECT

ROOT = Path(__file__).resolve().parents[2]
MISWIRED = ROOT / "resources" / "examples" / "miswired-office.fxplan"
EVIL = "<img src=file:///etc/passwd> <b>Boss</b>"


def rows(window) -> list:
    return window.findings_panel.visible_findings()


def codes(window) -> list[str]:
    return [f.code for f in rows(window)]


def test_install_adds_the_dock_the_menu_toggle_and_plan_actions(win) -> None:
    dock = win.findChild(QDockWidget, "findingsDock")
    assert dock is win.findings_dock and dock.windowTitle() == "Findings"
    assert win.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert dock.toggleViewAction() in win.panels_menu.actions()
    names = [a.objectName() for a in win.plan_menu.actions()]
    assert {"nextFinding", "previousFinding", "copyReport"} <= set(names)
    panel = win.findings_panel
    assert panel.next_action.shortcut().toString() == "F8"
    assert panel.previous_action.shortcut().toString() == "Shift+F8"


def test_rows_are_the_engines_findings(win) -> None:
    expected = [f for f in check(win.document.plan).findings if not f.waived]
    assert [f.key for f in rows(win)] == [f.key for f in expected]
    model = win.findings_panel.proxy
    first = model.index(0, 0)
    assert model.index(0, SEVERITY).data() == "Error"
    assert model.index(0, CODE).data() == "FX102"
    assert model.index(0, MESSAGE).data() == expected[0].message
    assert model.index(0, SUBJECT).data() == "Line 2, Key system"
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert win.findings_panel.severity_buttons["error"].text() == "Errors 2"
    assert win.findings_panel.severity_buttons["warning"].text() == "Warnings 2"


def test_filter_by_severity_and_text_and_sort(win, qtbot) -> None:
    panel = win.findings_panel
    panel.severity_buttons["error"].setChecked(False)
    assert codes(win) == ["FX203", "FX401"]
    panel.severity_buttons["error"].setChecked(True)
    panel.severity_buttons["warning"].setChecked(False)
    assert codes(win) == ["FX102", "FX104"]
    panel.severity_buttons["warning"].setChecked(True)
    QTest.keyClicks(panel.search, "fax machine")
    assert codes(win) == ["FX401"]
    panel.search.clear()
    QTest.keyClicks(panel.search, "KEY SYSTEM")
    assert codes(win) == ["FX102", "FX104"]
    QTest.keyClicks(panel.search, " nothing like this")
    assert codes(win) == []
    assert panel.stack.currentWidget() is panel.empty
    assert "No finding matches" in panel.empty.text()
    panel.search.clear()
    assert len(codes(win)) == 4
    panel.table.sortByColumn(CODE, Qt.SortOrder.DescendingOrder)
    assert codes(win) == ["FX401", "FX203", "FX104", "FX102"]
    panel.table.sortByColumn(SEVERITY, Qt.SortOrder.AscendingOrder)
    assert codes(win) == ["FX102", "FX104", "FX203", "FX401"]


def test_the_list_follows_edits(win, qtbot) -> None:
    win.document.push(e.SetDeviceProperty("ata", "t38", True))
    qtbot.waitUntil(lambda: "FX401" not in codes(win))
    win.document.undo_stack.undo()
    qtbot.waitUntil(lambda: "FX401" in codes(win))
    assert [f.key for f in rows(win)] == [f.key for f in check(win.document.plan).findings]


def test_f8_and_shift_f8_walk_the_list_in_order(win, qtbot) -> None:
    panel = win.findings_panel
    win.activateWindow()
    win.view.setFocus()
    order = codes(win)
    seen = []
    for _ in range(5):
        QTest.keyClick(win.view, Qt.Key.Key_F8)
        seen.append(panel.current_finding().code)
        assert win.explainer_panel.subject == FindingSubject(panel.current_finding())
    assert seen == order + order[:1], "F8 goes down the list and wraps around"
    QTest.keyClick(win.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_finding().code == order[-1]
    QTest.keyClick(win.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current_finding().code == order[-2]
    finding = panel.current_finding()
    devices, links, _ = win.plan_scene.selected_ids()
    assert set(devices) == set(finding.devices) and links == list(finding.links)


def test_shift_f8_first_goes_to_the_last(win) -> None:
    win.findings_panel.previous_action.trigger()
    assert win.findings_panel.current_finding().code == codes(win)[-1]


def test_clicking_a_row_selects_and_centres_its_subject(win, qtbot) -> None:
    panel = win.findings_panel
    win.view.set_zoom(2.5)
    win.view.centerOn(QPointF(-2000, -2000))
    before = win.view.view_centre()
    row = codes(win).index("FX401")
    rect = panel.table.visualRect(panel.proxy.index(row, MESSAGE))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    finding = panel.current_finding()
    assert finding.code == "FX401"
    assert win.plan_scene.selected_ids() == (["ata", "fax"], [], [])
    items = (
        win.plan_scene.devices["ata"]
        .sceneBoundingRect()
        .united(win.plan_scene.devices["fax"].sceneBoundingRect())
    )
    centre = win.view.view_centre()
    assert (centre - before).manhattanLength() > 100
    assert abs(centre.x() - items.center().x()) < 3 and abs(centre.y() - items.center().y()) < 3
    assert win.explainer_panel.subject == FindingSubject(finding)
    # Clicking it again after looking elsewhere shows it again.
    win.plan_scene.clearSelection()
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.plan_scene.selected_ids() == (["ata", "fax"], [], [])


def test_waive_with_reason_stores_a_waiver_and_undo_removes_it(win, qtbot, waive_reply) -> None:
    panel = win.findings_panel
    waive_reply.reason = "line 2 is being ceased next month"
    panel.step(1)
    assert panel.current_finding().code == "FX102"
    QTest.mouseClick(panel.waive_button, Qt.MouseButton.LeftButton)
    assert waive_reply.asked == ["Waive FX102"]
    waivers = win.document.plan.waivers
    assert len(waivers) == 1
    w = waivers[0]
    assert (w.code, w.subject, w.reason) == ("FX102", "line2", "line 2 is being ceased next month")
    assert w.date
    assert win.document.undo_stack.undoText() == "Waive FX102"
    fx102 = next(f for f in win.document.findings() if f.code == "FX102")
    assert fx102.waived
    qtbot.waitUntil(lambda: "FX102" not in codes(win))
    assert panel.waived_button.text() == "Waived 1"
    panel.waived_button.setChecked(True)
    assert "FX102" in codes(win)
    row = codes(win).index("FX102")
    assert panel.proxy.index(row, SEVERITY).data() == "Waived error"
    panel.table.sortByColumn(SEVERITY, Qt.SortOrder.AscendingOrder)
    assert codes(win)[-1] == "FX102", "waived findings sort after the live ones"
    win.document.undo_stack.undo()
    assert win.document.plan.waivers == []
    assert not next(f for f in win.document.findings() if f.code == "FX102").waived
    win.document.undo_stack.redo()
    assert len(win.document.plan.waivers) == 1


def test_cancelling_the_reason_waives_nothing(win, waive_reply) -> None:
    waive_reply.reason = None
    win.findings_panel.step(1)
    win.findings_panel.waive_selected()
    assert win.document.plan.waivers == []
    assert win.document.undo_stack.count() == 0


def test_unwaive_with_undo(make_window, tmp_path, qtbot) -> None:
    plan = load_plan(MISWIRED)
    plan.add_waiver(Waiver("w1", "FX203", "line2", "ordered, not yet live", "J. Ortiz", "2026-11-20"))
    path = tmp_path / "waived.fxplan"
    save_plan(plan, path)
    window = make_window(path)
    panel = window.findings_panel
    assert "FX203" not in codes(window)
    panel.waived_button.setChecked(True)
    row = codes(window).index("FX203")
    panel.table.setCurrentIndex(panel.proxy.index(row, 0))
    assert panel.unwaive_button.isEnabled() and not panel.waive_button.isEnabled()
    assert window.explainer_panel.unwaive_button.isVisible()
    QTest.mouseClick(panel.unwaive_button, Qt.MouseButton.LeftButton)
    assert window.document.plan.waivers == []
    assert not next(f for f in window.document.findings() if f.code == "FX203").waived
    assert window.document.undo_stack.undoText() == "Un-waive FX203"
    window.document.undo_stack.undo()
    assert [w.id for w in window.document.plan.waivers] == ["w1"]
    assert next(f for f in window.document.findings() if f.code == "FX203").waived


def test_the_waive_dialog_shows_plan_text_plainly(win, qtbot) -> None:
    win.document.push(e.SetDeviceField("line2", "label", EVIL))
    finding = next(f for f in win.document.findings() if f.code == "FX203")
    seen = {}

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, WaiveDialog) and w.isVisible()
        )
        seen["formats"] = [label.textFormat() for label in dialog.findChildren(QLabel)]
        seen["message"] = dialog.findChild(QLabel, "waiveMessage").text()
        seen["ok_before"] = dialog.ok_button.isEnabled()
        QTest.keyClicks(dialog.reason, "ordered")
        seen["ok_after"] = dialog.ok_button.isEnabled()
        dialog.accept()

    QTimer.singleShot(50, fill)
    assert finding_actions.waive_with_reason(win, finding)
    assert set(seen["formats"]) == {Qt.TextFormat.PlainText}
    assert EVIL in seen["message"]
    assert seen["ok_before"] is False and seen["ok_after"] is True
    assert win.document.plan.waivers[-1].reason == "ordered"


def test_copy_report_is_what_fxdesigner_check_prints(make_window, win, tmp_path, capsys) -> None:
    text = win.findings_panel.copy_report()
    assert QGuiApplication.clipboard().text() == text
    report = FileReport(win.document.display_name, check(win.document.plan))
    assert text == to_text([report], "none")
    # Opened from a file, the report names the file the way `fxdesigner check FILE` does.
    path = tmp_path / "office.fxplan"
    save_plan(load_plan(MISWIRED), path)
    window = make_window()
    window.open_path(str(path))
    copied = window.findings_panel.copy_report()
    assert main(["check", str(path)]) == 1
    assert copied == capsys.readouterr().out
    assert "FX102" in copied and "2 errors, 2 warnings, 0 info" in copied


def test_labels_show_literally_in_the_list(win) -> None:
    win.document.push(e.SetDeviceField("line2", "label", EVIL))
    panel = win.findings_panel
    row = codes(win).index("FX203")
    assert EVIL in panel.proxy.index(row, MESSAGE).data()
    assert panel.proxy.index(row, SUBJECT).data() == EVIL
    tip = panel.proxy.index(row, MESSAGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img src=file:///etc/passwd&gt;" in tip


def test_a_new_plan_reloads_the_list(win, qtbot) -> None:
    win.findings_panel.step(1)
    win.new_plan()
    assert rows(win) == []
    assert win.findings_panel.stack.currentWidget() is win.findings_panel.empty
    assert "No findings" in win.findings_panel.empty.text()
    assert not win.findings_panel.next_action.isEnabled()


def test_rows_carry_the_finding_object(win) -> None:
    index = win.findings_panel.proxy.index(0, 2)
    assert index.data(FINDING_ROLE).code == "FX102"
