"""Speech rendering benchmark: cold renders of the longest built-in routine, and the time to the first cue warm.

- Cold cache: the real render worker renders every cue text of the longest built-in routine, in the order the
  session needs them (as ``Speaker.prepare`` asks). From the moment each text was ready, and the moment each cue is
  due in a real-time run (the session's schedule, from the real engine on a simulated clock, starting when the first
  cues are ready or after two seconds, as ``Speaker.when_ready`` does), it counts the cues that would have been ready
  when due (target: all). Simulated rather than waiting the routine's 35 minutes: the renders are real, and nothing
  else competes with the worker in a session (playback is on the GUI thread).
- The same renders give each text's real length, against ``hipcoach.core.cues.spoken_seconds`` (the estimate that
  makes a get-ready long enough for its text before the countdown): how far under and over it is.
- Warm cache: a new speaker and session controller open the same session; the time from opening (``prepare``) to the
  first cue handed to the voice channel.

Run: python bench/bench_speech.py [--renderer espeak-ng|pyttsx3] [--verbosity minimal|standard|coach]. Uses a
temporary cache folder (the user's cache is untouched). docs/speech.md records what was measured.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from hipcoach.core.content import builtin_routines, load_catalogue
from hipcoach.core.cue_script import cue_texts
from hipcoach.core.cues import Cue, cue_for, spoken_seconds
from hipcoach.core.engine import SessionEngine
from hipcoach.core.plan import Plan, build_plan
from hipcoach.core.verbosity import SPEECH_RATE as DEFAULT_RATE
from hipcoach.core.verbosity import Verbosity
from hipcoach.speech.cache import SpeechCache, VoiceSettings
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.renderers import EspeakRenderer, Pyttsx3Renderer, Renderer
from hipcoach.speech.speaker import FIRST_CUE_WAIT, FIRST_CUES, Speaker
from hipcoach.ui.session_controller import SessionController

RENDERERS = {"espeak-ng": EspeakRenderer, "pyttsx3": Pyttsx3Renderer}


class NullPlayer:
    """Rendering is measured, not playback."""

    problem = ""

    def available(self) -> bool:
        return True

    def preload(self, path: Path) -> None:
        pass

    def play(self, path: Path, volume: float = 1.0, at: float | None = None) -> None:
        pass

    def stop(self) -> None:
        pass

    def latency(self) -> float:
        return 0.0


def wait(condition: object, timeout: float = 120.0) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def schedule(plan: Plan, verbosity: Verbosity) -> list[tuple[float, str]]:
    """(seconds after the session starts, text) of every cue of a full run, from the real engine on a fake clock."""
    now = [0.0]
    engine = SessionEngine(plan, clock=lambda: now[0], wall_clock=lambda: now[0] + 1e6)
    cues: list[tuple[float, str]] = []
    events = engine.start()
    while True:
        for event in events:
            cue = cue_for(event, plan, verbosity)
            if cue is not None:
                cues.append((event.at, cue.text))
        delay = engine.seconds_until_next_event()
        if delay is None:
            return cues
        now[0] += max(delay, 1e-6)
        events = engine.poll()


def cold(factory: Callable[[], Renderer], cache: SpeechCache, plan: Plan, verbosity: Verbosity) -> None:
    texts = cue_texts(plan, verbosity)
    done: dict[str, float] = {}
    lengths: dict[str, float] = {}

    def rendered(text: str, _voice: VoiceSettings, _path: str, seconds: float) -> None:
        done.setdefault(text, time.perf_counter())
        lengths.setdefault(text, seconds)

    worker = RenderWorker(factory, cache)
    worker.rendered.connect(rendered)
    worker.failed.connect(lambda message, _hint: print(f"renderer failed: {message}"))
    worker.start()
    started = time.perf_counter()
    worker.request(texts, VoiceSettings())
    wait(lambda: len(done) == len(texts) or worker.broken)
    total = time.perf_counter() - started
    worker.stop()
    print(f"{len(texts)} distinct cues; cold cache: all rendered in {total * 1000:.0f} ms "
          f"({total / len(texts) * 1000:.1f} ms per cue); engine renders: {worker.renders}")  # fmt: skip

    # ready when due: the session opens at `started` and starts once the first cues are ready (at most 2 s)
    never = float("inf")
    first = max((done.get(text, never) for text in texts[:FIRST_CUES]), default=started)
    session_start = min(first, started + FIRST_CUE_WAIT)
    timeline = schedule(plan, verbosity)
    leads = [(session_start + at - done.get(text, never), text) for at, text in timeline]
    late = [text for lead, text in leads if lead < 0]
    print(f"ready when due (real-time schedule of {len(timeline)} cues): {len(timeline) - len(late)} of "
          f"{len(timeline)}; session starts {(session_start - started) * 1000:.0f} ms after opening; "
          f"smallest lead {min(leads)[0] * 1000:.0f} ms" + (f"; late: {late[:5]}" if late else ""))  # fmt: skip

    # the estimate behind SpokenLeadIn against the real lengths (meaningful at the default rate, which this uses)
    over = [spoken_seconds(text, DEFAULT_RATE) - seconds for text, seconds in lengths.items()]
    print(f"spoken_seconds() minus real length, {len(over)} texts: min {min(over):+.2f} s (negative: under), "
          f"median {statistics.median(over):+.2f} s, max {max(over):+.2f} s")  # fmt: skip


def warm(factory: Callable[[], Renderer], cache: SpeechCache, plan: Plan, verbosity: Verbosity) -> None:
    """Each sample: a new speaker (new worker thread, new engine) and controller opening the same session."""
    ready: list[float] = []
    first_cue: list[float] = []
    for _ in range(5):
        speaker = Speaker(player=NullPlayer(), worker=RenderWorker(factory, cache), cache=cache)
        controller = SessionController(verbosity=verbosity)
        said: list[float] = []

        def on_cue(cue: Cue, due: float, speaker: Speaker = speaker, said: list[float] = said) -> None:
            speaker.say(cue, due)
            said.append(time.perf_counter())

        def go(controller: SessionController = controller) -> None:
            controller.start(plan)

        controller.cue.connect(on_cue)
        t0 = time.perf_counter()
        speaker.prepare(plan, verbosity)
        speaker.when_ready(go)
        wait(speaker.first_ready)
        ready.append(time.perf_counter() - t0)
        wait(lambda said=said: bool(said))
        first_cue.append(said[0] - t0)
        controller.stop()
        speaker.close()
    print(f"warm cache: prepare() to first cues ready: median {statistics.median(ready) * 1000:.1f} ms, "
          f"max {max(ready) * 1000:.1f} ms (includes building the cue script)")  # fmt: skip
    print(f"warm cache: opening the session to its first cue said: median "
          f"{statistics.median(first_cue) * 1000:.1f} ms, max {max(first_cue) * 1000:.1f} ms "
          f"(then ~15-30 ms for the sound to start, measured through the null sink)")  # fmt: skip


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
    factory: type[Renderer] = RENDERERS[args.renderer]  # type: ignore[assignment]
    print(f"routine: {longest.id} ({plan.total_seconds / 60:.0f} min), verbosity {verbosity.value}, "
          f"renderer {args.renderer}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="hipcoach-bench-speech-") as folder:
        cache = SpeechCache(Path(folder))
        cold(factory, cache, plan, verbosity)
        warm(factory, cache, plan, verbosity)


if __name__ == "__main__":
    main()
