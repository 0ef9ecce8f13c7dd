"""One background thread that owns the speech engine and renders cue texts to WAV files, in the order asked.

Why one thread that creates the engine itself: pyttsx3 shares one engine between all threads and has no locks, and
its drivers must run on the thread that created them (COM on Windows). Why not the GUI thread: even 10 ms per cue
would stall the countdown, and a hanging engine would freeze the window.

The thread is a ``hipcoach/qt_worker.py`` BackgroundWorker: each request is one job, and its result (or failure)
comes back to the GUI thread, where this object emits ``rendered``, ``voices_found`` or ``failed``; nothing on the
worker touches a QObject. A render that raises, or that is still running after ``timeout`` seconds (the watchdog
on the GUI thread notices; the renderers also time out on their own), marks the engine broken: the worker stops
rendering and reports ``failed`` once, and the speaker falls back to tones.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from hipcoach.core.files import os_problem, write_problem
from hipcoach.qt_worker import BackgroundWorker
from hipcoach.speech.cache import SpeechCache, VoiceSettings, cache_key
from hipcoach.speech.renderers import RENDER_TIMEOUT, Renderer, RenderError, Voice

WATCHDOG_INTERVAL_MS = 100

T = TypeVar("T")
Rendered = tuple[str, VoiceSettings, str, float]  # text, settings, path, seconds: what ``rendered`` carries


class RenderWorker(QObject):
    """GUI-thread handle of the render thread. ``start()`` launches it; ``stop()`` asks it to finish."""

    rendered = Signal(str, object, str, float)  # text, VoiceSettings, path, seconds
    failed = Signal(str, str)  # what went wrong, what to install (emitted once; the worker then stops rendering)
    voices_found = Signal(object)  # list[Voice]
    cache_cleared = Signal(list)  # list[str]: the files clear_cache() removed

    def __init__(
        self,
        renderer_factory: Callable[[], Renderer],
        cache: SpeechCache | None = None,
        *,
        timeout: float = RENDER_TIMEOUT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = renderer_factory
        self._cache = cache if cache is not None else SpeechCache()
        self.timeout = timeout
        self._tasks = BackgroundWorker("hipcoach-speech-render")
        self._renderer: Renderer | None = None  # created and used on the render thread only
        self._generation = 0  # requests from an earlier prepare() are skipped
        self._stopping = False
        # Written by the worker thread, read by the watchdog on the GUI thread (single attribute stores are atomic).
        self._busy_since: float | None = None
        self._busy_text = ""
        self._hint = ""
        self._broken = False
        self.renders = 0  # texts the engine really rendered (not served from the cache)
        self.cache_hits = 0
        self._failed_reported = False
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_INTERVAL_MS)
        self._watchdog.timeout.connect(self._check_hang)

    @property
    def broken(self) -> bool:
        return self._broken

    def start(self) -> None:
        if self._tasks.started:
            return
        self._tasks.start()
        self._watchdog.start()

    def stop(self, wait: float = 1.0) -> None:
        """Finish the thread (at most ``wait`` seconds; a hung engine is left behind as a daemon thread)."""
        self._stopping = True
        self._watchdog.stop()
        self.clear_pending()
        self._tasks.close(wait, discard=True)

    def request(self, texts: list[str], settings: VoiceSettings) -> None:
        """Render ``texts`` in this order (cached ones are only looked up). Returns at once."""
        for text in texts:
            self._submit(self._render_task(self._generation, text, settings), self._on_rendered)

    def clear_pending(self) -> None:
        """Forget queued requests (a new session or new voice settings); the one being rendered still finishes."""
        self._generation += 1

    def request_voices(self) -> None:
        self._submit(lambda renderer: renderer.voices(), self._on_voices)

    def clear_cache(self) -> None:
        """Empty the cache folder, then emit ``cache_cleared``. Done on the worker, between two renders, so a render
        in progress never loses its file half-way; a broken engine may be stuck in a render and never come back
        to the queue, so then it is done here at once."""
        if self._broken or not self._tasks.started:
            self.cache_cleared.emit([str(path) for path in self._cache.clear()])
            return
        self.clear_pending()
        self._tasks.submit(lambda: [str(path) for path in self._cache.clear()], self.cache_cleared.emit)

    def _submit(self, work: Callable[[Renderer], T | None], done: Callable[[T], None]) -> None:
        """``work`` on the render thread with the engine (made there on first use); nothing once it is broken."""

        def job() -> T | None:
            if self._broken:
                return None
            try:
                if self._renderer is None:
                    self._renderer = self._factory()  # created here, on the thread that will use it
                    self._hint = self._renderer.install_hint
                return work(self._renderer)
            except Exception as exc:  # any engine failure means "fall back to tones"
                hint = exc.hint if isinstance(exc, RenderError) else getattr(self._renderer, "install_hint", "")
                self._broken = True
                self._busy_since = None
                raise RenderError(str(exc) or type(exc).__name__, hint) from exc

        def deliver(result: T | None) -> None:
            if result is not None and not self._stopping:
                done(result)

        self._tasks.submit(job, deliver, self._on_failed)

    # -- worker thread ----------------------------------------------------------------------------------------------

    def _render_task(
        self, generation: int, text: str, settings: VoiceSettings
    ) -> Callable[[Renderer], Rendered | None]:
        def work(renderer: Renderer) -> Rendered | None:
            if generation != self._generation:
                return None
            key = cache_key(renderer.name, settings, text)
            found = self._cache.lookup(key)
            if found is None:
                self._busy_text = text
                self._busy_since = time.monotonic()
                try:
                    found = render_into_cache(
                        renderer, self._cache, key, text, settings, abandoned=lambda: self._broken
                    )
                finally:
                    self._busy_since = None
                if found is None:  # the watchdog gave up on this render while it ran
                    return None
                self.renders += 1
            else:
                self.cache_hits += 1
            path, seconds = found
            return text, settings, str(path), seconds

        return work

    # -- GUI thread -------------------------------------------------------------------------------------------------

    def _on_rendered(self, result: Rendered) -> None:
        self.rendered.emit(*result)

    def _on_voices(self, voices: list[Voice]) -> None:
        self.voices_found.emit(voices)

    def _on_failed(self, exc: Exception) -> None:
        if not self._stopping:
            self._report_failure(str(exc), exc.hint if isinstance(exc, RenderError) else "")

    def _check_hang(self) -> None:
        since = self._busy_since
        if since is None or self._broken or time.monotonic() - since <= self.timeout:
            return
        self._broken = True
        self._report_failure(f"the speech engine took more than {self.timeout:g} s for {self._busy_text!r}", self._hint)

    def _report_failure(self, message: str, hint: str) -> None:
        if self._failed_reported:
            return
        self._failed_reported = True
        self._watchdog.stop()
        self.failed.emit(message, hint)


FREE_SPACE_HINT = "Free some space on that disk, then restart hipcoach."


def render_into_cache(
    renderer: Renderer,
    cache: SpeechCache,
    key: str,
    text: str,
    settings: VoiceSettings,
    *,
    abandoned: Callable[[], bool] = lambda: False,
) -> tuple[Path, float] | None:
    """Render ``text`` into the cache; None when ``abandoned()`` says the result is no longer wanted.

    A failure is a RenderError naming its real cause: when the cache folder cannot be written (a full disk, a
    read-only disk, a permission) that is what it says, not that the engine should be installed."""
    try:
        part = cache.part_path(key)
        renderer.render(text, settings.voice, settings.rate, settings.volume, part)
        if abandoned():
            return None
        return cache.commit(key, part)
    except (RenderError, ValueError, OSError) as exc:
        problem = write_problem(cache.directory)
        if problem is not None:
            raise RenderError(f"{problem}, so no speech could be saved", FREE_SPACE_HINT) from exc
        if isinstance(exc, RenderError):
            raise
        if isinstance(exc, OSError):
            raise RenderError(f"the speech could not be saved ({os_problem(exc, cache.directory)})", "") from exc
        raise RenderError(f"{renderer.name} wrote no usable audio for {text!r}", renderer.install_hint) from exc
