"""The Explainer dock on a real window: every selection kind, live updates, links, zoom, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget

from fxdesigner.explain.subject import (
    PLAN,
    DeviceSubject,
    DeviceTypePage,
    FindingSubject,
    JackSubject,
    PortKindPage,
)
from fxdesigner.io.plan_json import load_plan
from fxdesigner.model import edits as e
from fxdesigner.model.plan import PortRef
from fxdesigner.ui.panels.markdown_view import MarkdownView

ROOT = Path(__file__).resolve().parents[2]
MISWIRED = ROOT / "resources" / "examples" / "miswired-office.fxplan"
EVIL = "<img src=file:///etc/passwd> <b>Boss</b>"


def panel_text(window) -> str:
    return window.explainer_panel.view.toPlainText()


def wait_for(qtbot, window, *needles: str) -> None:
    qtbot.waitUntil(lambda: all(n in panel_text(window) for n in needles), timeout=3000)


def anchors(document: QTextDocument) -> list[str]:
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.append(fmt.anchorHref())
            if fmt.isImageFormat():
                found.append("IMAGE:" + fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return found


def test_install_adds_the_dock_on_the_right_with_a_menu_toggle(win) -> None:
    dock = win.findChild(QDockWidget, "explainerDock")
    assert dock is win.explainer_dock and dock.windowTitle() == "Explainer"
    assert win.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.toggleViewAction() in win.panels_menu.actions()
    assert dock.isVisible()
    # Below Properties, not hidden behind it as a tab (other panels may tab with Properties).
    assert win.properties_dock not in win.tabifiedDockWidgets(dock)
    assert win.properties_dock.isVisible()
    assert dock.geometry().top() >= win.properties_dock.geometry().bottom()


def test_nothing_selected_shows_the_plan_summary(win, qtbot) -> None:
    win.plan_scene.clearSelection()
    wait_for(
        qtbot,
        win,
        "Small office, three mistakes",
        "2 of 3 stations can call out now",
        "1 of 3 in a power cut",
        "1 of 3 when the internet is down",
        "2 phones",
        "1 fax",
        "2 street lines",
    )


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (
            PortRef("ks", "ext1"),
            [
                "EXT 1",
                "FXS — Foreign eXchange Subscriber",
                "S = Station",
                "In the USA",
                "about 90 V AC at 20 Hz",
                "Plugged in now",
                "LINE on Reception",
                "More detail",
            ],
        ),
        (
            PortRef("ks", "co2"),
            ["CO 2", "FXO — Foreign eXchange Office", "O = Office", "LINE on Back office", "FX104"],
        ),
        (PortRef("line2", "jack"), ["Street line jack", "L = Line", "5 REN", "EXT 2 on Key system", "FX102"]),
        (PortRef("isp", "eth"), ["Ethernet", "Data, not voltage", "WAN on Fax ATA"]),
    ],
)
def test_clicking_a_jack_explains_it(win, qtbot, ref, expected) -> None:
    win.view.click_jack(ref)
    assert win.explainer_panel.subject == JackSubject(ref)
    wait_for(qtbot, win, *expected)


def test_selecting_a_device_a_cable_a_note_or_several(win, qtbot) -> None:
    win.plan_scene.select(["ata"])
    wait_for(
        qtbot,
        win,
        "Fax ATA",
        "What it is for",
        "Its jacks",
        "PHONE 1",
        "Power and power cuts",
        "It runs on mains power with no UPS",
        "FX401",
    )
    win.plan_scene.select([], ["c4"])
    wait_for(qtbot, win, "Cable c4", "Does this pairing work?", "No: FXO to FXO")
    note = win.document.add_note(0, 0, "Line 3 arrives in March")
    win.plan_scene.select([], [], [note])
    wait_for(qtbot, win, "Note", "Line 3 arrives in March")
    win.plan_scene.select(["ata", "fax"])
    wait_for(qtbot, win, "2 items selected")


def test_the_panel_follows_live_edits(win, qtbot) -> None:
    win.plan_scene.select(["ata"])
    wait_for(qtbot, win, "T.38 fax relay: off", "FX401")
    win.document.push(e.SetDeviceProperty("ata", "t38", True))
    qtbot.waitUntil(lambda: "T.38 fax relay: on" in panel_text(win) and "FX401" not in panel_text(win))
    win.document.undo_stack.undo()
    wait_for(qtbot, win, "T.38 fax relay: off", "FX401")
    win.document.push(e.SetDeviceField("ata", "label", "Back room ATA"))
    wait_for(qtbot, win, "Back room ATA")


def test_the_summary_counts_follow_edits(win, qtbot) -> None:
    win.plan_scene.clearSelection()
    wait_for(qtbot, win, "2 of 3 stations can call out now")
    # Move Back office from the dead CO 2 jack to the free extension EXT 3.
    win.document.push(e.Reconnect("c4", PortRef("back", "line"), PortRef("ks", "ext3")))
    wait_for(qtbot, win, "3 of 3 stations can call out now")
    win.document.undo_stack.undo()
    wait_for(qtbot, win, "2 of 3 stations can call out now")


def test_a_removed_subject_falls_back_to_the_summary(win, qtbot) -> None:
    win.plan_scene.select(["fax"])
    wait_for(qtbot, win, "Fax machine", "Its jacks")
    win.delete_selection()
    wait_for(qtbot, win, "Small office, three mistakes", "1 of 2 stations can call out now", "0 faxes")


def test_links_jump_to_pages_and_back_and_forward(win, qtbot) -> None:
    panel = win.explainer_panel
    win.view.click_jack(PortRef("ks", "ext1"))
    wait_for(qtbot, win, "EXT 1")
    panel.view.anchorClicked.emit(QUrl("fx:port/fxo"))
    assert panel.subject == PortKindPage("fxo")
    wait_for(qtbot, win, "FXO — Foreign eXchange Office", "O = Office")
    panel.view.anchorClicked.emit(QUrl("fx:device/ata"))
    wait_for(qtbot, win, "ATA", "What it is for")
    panel.view.anchorClicked.emit(QUrl("fx:rule/FX104"))
    wait_for(qtbot, win, "FX104 · No dial tone source on the pair", "What it means", "In this plan")
    assert panel.back_button.isEnabled() and not panel.forward_button.isEnabled()
    QTest.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.subject == DeviceTypePage("ata")
    QTest.keyClick(panel.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert panel.subject == PortKindPage("fxo")
    panel.back()
    assert panel.subject == JackSubject(PortRef("ks", "ext1"))
    assert not panel.back_button.isEnabled()
    panel.forward()
    assert panel.subject == PortKindPage("fxo")
    # A jump clears what lay ahead.
    panel.view.anchorClicked.emit(QUrl("fx:jack/ata:phone1"))
    assert panel.subject == JackSubject(PortRef("ata", "phone1"))
    assert not panel.forward_button.isEnabled()


def test_a_finding_link_opens_the_finding_and_a_select_link_selects(win, qtbot) -> None:
    panel = win.explainer_panel
    win.plan_scene.clearSelection()
    wait_for(qtbot, win, "FX102")
    href = next(h for h in anchors(panel.view.document()) if h.startswith("fx:finding/FX102/"))
    panel.view.anchorClicked.emit(QUrl(href))
    assert isinstance(panel.subject, FindingSubject) and panel.subject.finding.code == "FX102"
    assert win.findings_panel.current_finding().code == "FX102", "the list follows"
    wait_for(qtbot, win, "In this plan", "What it means", "Why it matters on a real line", "How to fix")
    assert panel.actions_bar.isVisible()
    panel.view.anchorClicked.emit(QUrl("fx:select/device/fax"))
    assert win.plan_scene.selected_ids() == (["fax"], [], [])
    assert panel.subject == DeviceSubject("fax")


def test_outside_links_are_never_followed(win, qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    panel = win.explainer_panel
    before = panel.subject
    for url in ("http://evil.example", "file:///etc/passwd", "fx:select/device/nosuch", "fx:port/rj11"):
        panel.view.anchorClicked.emit(QUrl(url))
    assert panel.subject == before
    assert opened == []
    assert panel.view.source().isEmpty()


def test_the_selected_findings_page_has_select_and_waive_actions(win, qtbot, waive_reply) -> None:
    panel = win.explainer_panel
    fp = win.findings_panel
    fp.step(1)  # FX102, the first finding
    assert isinstance(panel.subject, FindingSubject) and panel.subject.finding.code == "FX102"
    assert panel.actions_bar.isVisible() and panel.waive_button.isVisible()
    assert not panel.unwaive_button.isVisible()
    win.plan_scene.clearSelection()
    assert panel.subject == PLAN
    panel.show_finding(fp.visible_findings()[0])
    QTest.mouseClick(panel.select_button, Qt.MouseButton.LeftButton)
    devices, links, _ = win.plan_scene.selected_ids()
    assert set(devices) == {"line2", "ks"} and links == ["c2"]
    assert isinstance(panel.subject, FindingSubject), "Select keeps the finding's page"

    waive_reply.reason = "line is being ceased"
    QTest.mouseClick(panel.waive_button, Qt.MouseButton.LeftButton)
    assert [(w.code, w.subject, w.reason) for w in win.document.plan.waivers] == [
        ("FX102", "line2", "line is being ceased")
    ]
    qtbot.waitUntil(lambda: panel.unwaive_button.isVisible() and not panel.waive_button.isVisible())
    wait_for(qtbot, win, "Waived error", "line is being ceased")
    QTest.mouseClick(panel.unwaive_button, Qt.MouseButton.LeftButton)
    assert win.document.plan.waivers == []
    qtbot.waitUntil(lambda: panel.waive_button.isVisible())
    win.document.undo_stack.undo()
    assert len(win.document.plan.waivers) == 1


def test_ctrl_plus_minus_zero_zoom_the_panel_not_the_canvas(win, qtbot) -> None:
    view: MarkdownView = win.explainer_panel.view
    view.setFocus()
    canvas_zoom = win.view.zoom()
    size = view.font().pointSizeF()
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size + 2
    assert view.document().defaultFont().pointSizeF() == size + 2
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size + 1
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSizeF() == size
    assert win.view.zoom() == canvas_zoom
    # The zoom is remembered for the next window.
    view.zoom_by(3)
    assert MarkdownView().font().pointSizeF() == size + 3
    view.zoom_by(0)


def test_a_label_that_looks_like_html_is_shown_literally_and_loads_nothing(
    make_window, tmp_path, qtbot
) -> None:
    plan = load_plan(MISWIRED)
    plan.device("ata").label = EVIL
    plan.device("ata").port("phone1").label = "**x** [x](http://evil)"
    path = tmp_path / "evil.fxplan"
    from fxdesigner.io.plan_json import save_plan

    save_plan(plan, path)
    window = make_window(path)
    panel = window.explainer_panel
    for act in (
        lambda: window.plan_scene.select(["ata"]),
        lambda: window.view.click_jack(PortRef("ata", "phone1")),
        lambda: window.view.click_jack(PortRef("fax", "line")),
        lambda: window.plan_scene.select([], ["c6"]),
        lambda: window.plan_scene.clearSelection(),
        lambda: window.findings_panel.activate(
            next(f for f in window.document.findings() if f.code == "FX401")
        ),
    ):
        act()
        qtbot.waitUntil(lambda: EVIL in panel_text(window) or "**x** [x](http://evil)" in panel_text(window))
        assert all(h.startswith("fx:") for h in anchors(panel.view.document())), anchors(
            panel.view.document()
        )
    assert panel.view.safe_document.requested == []


def test_the_resource_guard_returns_a_placeholder_for_any_image(qtbot, tmp_path) -> None:
    canary = tmp_path / "canary.png"
    image = QImage(60, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    image.save(str(canary))
    view = MarkdownView()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.document().setHtml(f'<p>x</p><img src="file://{canary}"><img src="{canary}">')
    view.show()
    qtbot.waitExposed(view)
    grab = view.grab().toImage()
    red = sum(
        1
        for x in range(grab.width())
        for y in range(grab.height())
        if grab.pixelColor(x, y) == QColor("#ff0000")
    )
    assert red == 0
    assert any("canary.png" in url for url in view.safe_document.requested)


def test_a_new_plan_resets_the_panel(win, qtbot) -> None:
    panel = win.explainer_panel
    win.plan_scene.select(["ata"])
    wait_for(qtbot, win, "Fax ATA")
    win.new_plan()
    wait_for(qtbot, win, "Untitled plan", "No stations yet")
    assert panel.subject == PLAN


def test_installing_twice_adds_one_dock(win) -> None:
    assert len(win.findChildren(QDockWidget, "explainerDock")) == 1
    assert len(win.findChildren(QDockWidget, "findingsDock")) == 1
    assert [a.objectName() for a in win.plan_menu.actions()].count("nextFinding") == 1


def test_install_before_the_window_is_shown(qtbot) -> None:
    # As the window's own list of panels will call it: during construction, before show().
    from fxdesigner.ui.document import Document
    from fxdesigner.ui.main_window import MainWindow

    document = Document()
    document.replace_plan(load_plan(MISWIRED), None)
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.explainer_dock.isVisible() and window.findings_dock.isVisible()
    wait_for(qtbot, window, "Small office, three mistakes", "2 of 3 stations can call out now")
    assert len(window.findings_panel.visible_findings()) == 4
