"""The History panel's charts, painted with QPainter from the Qt-free statistics in :mod:`hipcoach.core.stats`.

Why painted by hand: QtCharts is deprecated since Qt 6.10 (and GPL-only), QtGraphs needs QML and Quick3D, and a
calendar heatmap is not a chart type anywhere. Each chart (``heatmap``, ``bars``, ``pain``) is a plain object holding
its numbers, with ``paint(painter, rect, style)`` (the same code paints the panel and the PDF report), ``summary()``
(words for screen readers, shown under the title for everyone) and ``headers()``/``rows()`` (the same numbers for
"Show as table", whose model is in ``table``). ``style`` holds the colours, fonts and palette handling, ``axes`` the
scale, columns and legend the week charts share, the dates and counts they write come from ``core/wording.py``,
``widgets`` the Qt widgets around a chart. Nothing is told by colour alone: bars differ in fill shape, the pain lines
in dash and marker, the heatmap's shades are written out in its legend. These modules import the core, PySide6 and
``hipcoach.ui.widgets``, never the app or the command line; they import each other directly, never through this file,
which only re-exports the names most callers want.
"""

from hipcoach.ui.charts.bars import WeeklyBars
from hipcoach.ui.charts.heatmap import CalendarHeatmap
from hipcoach.ui.charts.pain import PainTrend
from hipcoach.ui.charts.style import ChartStyle
from hipcoach.ui.charts.table import TextTableModel
from hipcoach.ui.charts.widgets import ChartPanel

__all__ = ["CalendarHeatmap", "ChartPanel", "ChartStyle", "PainTrend", "TextTableModel", "WeeklyBars"]
