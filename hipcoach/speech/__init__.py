"""Spoken cues: render ahead on one worker thread, cache as WAV, play one at a time through Qt Multimedia.

See docs/speech.md for the design and the measurements behind it.
"""
