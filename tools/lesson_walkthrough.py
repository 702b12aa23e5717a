"""Screenshots of every lesson's first step and finished state, for review.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/lesson_walkthrough.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("FXDESIGNER_CONFIG_DIR", tempfile.mkdtemp(prefix="fx-walk-"))
os.environ.setdefault("FXDESIGNER_DATA_DIR", tempfile.mkdtemp(prefix="fx-walk-data-"))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from fxdesigner.lessons.lesson import load_lessons
from fxdesigner.ui.app import create_application
from fxdesigner.ui.main_window import MainWindow


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    QMessageBox.exec = lambda box: QMessageBox.StandardButton.Yes  # type: ignore[method-assign]
    for lesson in load_lessons():
        window = MainWindow()
        window.resize(1500, 920)
        window.show()
        window.teaching.start_lesson(lesson)
        QTest.qWait(300)
        window.view.fit_all()
        QTest.qWait(200)
        window.grab().save(str(out / f"{lesson.id}-start.png"))
        window.teaching.show_solution()
        window.teaching.judge()
        QTest.qWait(300)
        window.view.fit_all()
        QTest.qWait(200)
        window.grab().save(str(out / f"{lesson.id}-solved.png"))
        window.document.undo_stack.setClean()
        window.close()
    app.quit()


if __name__ == "__main__":
    main()
