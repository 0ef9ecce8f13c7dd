"""Speech rendering benchmark: cold renders of the longest built-in routine, and the time to the first cue warm.

Run: python bench/bench_speech.py [--renderer espeak-ng|pyttsx3]. Uses a temporary cache folder (the user's cache is
untouched). Prints the numbers; docs/speech.md records what was measured on the reference machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import cue_texts
from hipcoach.core.cues import Verbosity
from hipcoach.core.plan import build_plan
from hipcoach.speech.cache import SpeechCache, VoiceSettings
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.renderers import EspeakRenderer, Pyttsx3Renderer, Renderer
from hipcoach.speech.speaker import Speaker

RENDERERS = {"espeak-ng": EspeakRenderer, "pyttsx3": Pyttsx3Renderer}


class NullPlayer:
    """Rendering is measured, not playback."""

    problem = ""

    def available(self) -> bool:
        return True

    def preload(self, path: Path) -> None:
        pass

    def play(self, path: Path, volume: float = 1.0) -> None:
        pass

    def stop(self) -> None:
        pass


def wait(condition: object, timeout: float = 120.0) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--renderer", choices=sorted(RENDERERS), default="espeak-ng")
    parser.add_argument("--verbosity", choices=[v.value for v in Verbosity], default=Verbosity.STANDARD.value)
    args = parser.parse_args()
    app = QCoreApplication([])  # noqa: F841 - the worker's signals need an event loop

    routines = builtin_routines(load_catalogue())
    longest = max(routines, key=lambda r: build_plan(r).total_seconds)
    plan = build_plan(longest)
    verbosity = Verbosity(args.verbosity)
    texts = cue_texts(plan, verbosity)
    factory: type[Renderer] = RENDERERS[args.renderer]  # type: ignore[assignment]

    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-speech-") as folder:
        cache = SpeechCache(Path(folder))
        done: dict[str, float] = {}
        worker = RenderWorker(factory, cache)
        worker.rendered.connect(lambda text, _s, _p, _sec: done.setdefault(text, time.perf_counter()))
        worker.failed.connect(lambda message, _hint: print(f"renderer failed: {message}"))
        worker.start()
        started = time.perf_counter()
        worker.request(texts, VoiceSettings())
        wait(lambda: len(done) == len(texts) or worker.broken)
        total = time.perf_counter() - started
        worker.stop()
        print(f"routine: {longest.id} ({plan.total_seconds / 60:.0f} min), verbosity {verbosity.value}, "
              f"{len(texts)} distinct cues, renderer {args.renderer}")  # fmt: skip
        print(f"cold cache: all cues rendered in {total * 1000:.0f} ms ({total / len(texts) * 1000:.1f} ms per cue); "
              f"engine renders: {worker.renders}")  # fmt: skip

        # warm cache: a new speaker (new worker thread, new engine) preparing the same session
        samples = []
        for _ in range(5):
            speaker = Speaker(player=NullPlayer(), worker=RenderWorker(factory, cache), cache=cache)
            t0 = time.perf_counter()
            speaker.prepare(plan, verbosity)
            wait(speaker.first_ready)
            samples.append(time.perf_counter() - t0)
            speaker.close()
        print(f"warm cache: prepare() to first cues ready: median {statistics.median(samples) * 1000:.1f} ms, "
              f"max {max(samples) * 1000:.1f} ms (includes building the cue script)")  # fmt: skip


if __name__ == "__main__":
    main()
