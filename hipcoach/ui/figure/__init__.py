"""The exercise figure drawn with Qt: ``painter`` (``paint_figure``: a vector, anti-aliased figure scaled to a
rectangle, in a line style and a solid, person-like style) and ``colours`` (its colours for a light or dark palette).
The poses come from ``hipcoach/core/figure/`` (docs/figure.md). The modules may import the core and PySide6 only,
never the app, the windows or the command line, so ``hipcoach figure`` can draw without a window; this ``__init__``
imports nothing.
"""
