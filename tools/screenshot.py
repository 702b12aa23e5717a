"""Screenshots of the designer for the README and for reviewing the UI.

Run under a real X server, e.g.:
  xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshot.py OUT.png PLAN \
      [--select DEVICE] [--jack DEVICE:PORT] [--scenario power] [--trace STATION] [--size 1500x920]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("FXDESIGNER_CONFIG_DIR", tempfile.mkdtemp(prefix="fx-shot-"))

from PySide6.QtTest import QTest

from fxdesigner.io.plan_json import load_plan
from fxdesigner.model.plan import PortRef
from fxdesigner.ui.app import create_application
from fxdesigner.ui.document import Document
from fxdesigner.ui.main_window import MainWindow


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("plan")
    parser.add_argument("--select")
    parser.add_argument("--jack")
    parser.add_argument("--scenario")
    parser.add_argument("--trace")
    parser.add_argument("--finding", help="code of a finding to show in the explainer")
    parser.add_argument("--size", default="1500x920")
    args = parser.parse_args()
    app = create_application([sys.argv[0]])
    document = Document()
    document.replace_plan(load_plan(args.plan), os.path.abspath(args.plan))
    window = MainWindow(document)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    QTest.qWait(300)
    window.view.fit_all()
    if args.scenario:
        window.scenario_view.set_scenario(args.scenario)
    if args.select:
        window.plan_scene.select(devices=[args.select])
    if args.jack:
        window.view.click_jack(PortRef.parse(args.jack))
    if args.finding:
        panel = window.findings_panel
        finding = next(f for f in panel.visible_findings() if f.code == args.finding)
        panel.select_finding(finding)
        panel.activate(finding)
    if args.trace:
        window.trace_view.show(args.trace)
        window.trace_view.reveal_all()
    QTest.qWait(400)
    window.grab().save(args.out)
    app.quit()


if __name__ == "__main__":
    main()
