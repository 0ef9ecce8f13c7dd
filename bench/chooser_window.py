"""A second reference for the start-up benchmark: the least a routine chooser needs, with no hipcoach code.

A QMainWindow with a menu bar, a list of four two-line routines drawn by a styled delegate, a details panel with a
scrolling exercise list and a big Start button, laid out with alignment flags. No content is read and nothing of
hipcoach is imported, so the gap between this and the bare window is what PySide6 itself costs for the widgets a
chooser is made of (mostly creating the Python enum classes of every Qt class it touches, the Qt namespace first),
and the gap between this and hipcoach is what our own code costs. Prints its first paint like bare_window.py.
"""

from __future__ import annotations

import sys

from first_paint import FirstPaint  # run as a script: its folder is first on sys.path
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ROUTINES = ("Gentle mobility", "Strength", "Stretching", "Full routine")


def chooser() -> QWidget:
    page = QWidget()
    routines = QListWidget()
    routines.setItemDelegate(QStyledItemDelegate(routines))
    routines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for name in ROUTINES:
        item = QListWidgetItem(f"{name}\nAbout 14 minutes · 6 exercises\nNeeds: chair, mat")
        item.setData(Qt.ItemDataRole.UserRole + 1, name)
        routines.addItem(item)
    routines.setCurrentRow(0)
    title = QLabel(ROUTINES[0])
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 2.2)
    font.setBold(True)
    title.setFont(font)
    steps = QLabel("\n".join(f"{n}. Exercise {n}  (10 reps)" for n in range(1, 9)))
    steps.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    scroll = QScrollArea()
    scroll.setWidget(steps)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    start = QAction("Start", page)
    start.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    button = QToolButton()
    button.setDefaultAction(start)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    panel = QFrame()
    panel.setFrameShape(QFrame.Shape.StyledPanel)
    details = QVBoxLayout(panel)
    details.addWidget(title)
    details.addWidget(scroll, 1)
    details.addWidget(button)
    body = QHBoxLayout(page)
    body.addWidget(routines, 5)
    body.addWidget(panel, 6)
    return page


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    for menu_name in ("&Session", "S&ettings", "&Help"):
        menu = window.menuBar().addMenu(menu_name)
        for number in range(5):
            menu.addAction(f"Item {number}")
    window.setCentralWidget(chooser())
    window.resize(1024, 700)
    paint = FirstPaint()
    window.installEventFilter(paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
