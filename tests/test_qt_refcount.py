"""Guard against the PySide6 reference-count bug on None.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call of
a void Qt method (a method returning nothing, such as ``setPos``). ``None`` is
an ordinary object on 3.11, so after enough calls its count reaches zero and
CPython aborts the whole process in ``none_dealloc`` ("deallocating None"):
about 5,000 calls are enough, which a drag on the canvas does in seconds.
CPython 3.12+ makes ``None`` immortal, which hides the bug there. pyproject.toml
therefore pins ``PySide6-Essentials<6.12`` on Python < 3.12; this test fails (or
crashes) if an upgrade brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QGraphicsRectItem

CALLS = 200_000


def test_void_qt_calls_do_not_leak_references_to_none(qapp: QApplication) -> None:
    item = QGraphicsRectItem(0.0, 0.0, 10.0, 10.0)
    set_pos = item.setPos
    before = sys.getrefcount(None)
    for i in range(CALLS):
        set_pos(1.0, float(i & 1))
    after = sys.getrefcount(None)
    # Other code may take references to None meanwhile; the count must not have fallen.
    assert after >= before - 10, f"None lost {before - after} references over {CALLS:,} void calls"
    assert (item.pos().x(), item.pos().y()) == (1.0, float((CALLS - 1) & 1))
