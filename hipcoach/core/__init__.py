"""The Qt-free core: content, plan, engine, cue wording, paths.

Nothing in this package may import PySide6; a test enforces it, so the whole session logic runs and is tested
without a QApplication.
"""
