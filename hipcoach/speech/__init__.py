"""Spoken cues: render ahead on one worker thread, cache as WAV, play one at a time through miniaudio.

It may import the core, PySide6 and the leaf modules (``hipcoach``, ``hooks``); never ``ui``, ``cli`` or ``app``.
See docs/speech.md for the design and the measurements behind it.
"""
