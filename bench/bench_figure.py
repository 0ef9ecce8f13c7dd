"""The exercise figure's cost, each against a baseline measured in the same run.

1. Painting one frame at 1920x1080 full screen (the pose computed and painted, as the session page does at each
   frame, into the figure's box of a 1920x1080 window), for every exercise with a figure through its whole
   movement, against painting the countdown's number at the same size. Target: p99 at most 2 ms. Measured twice:
   on the wall clock, and in CPU time of the thread (what the frame costs, without the time the shared machine
   gave to other processes in the middle of it).
2. CPU of the whole app (a real ``python -m hipcoach`` process, its window at its default size on a 1920x1080
   screen) over 60 s of a paced-rep exercise with the figure shown, against the same 60 s with the figure hidden
   (Settings → Appearance), alternating in one run of this benchmark. Targets: at most 1.3 times the hidden run,
   and at most 15 % of one core.
3. Frames asked and painted while paused, counted by the session page's figure on real timers and a real clock.
   Target: 0.
4. One frame of the session page in the app (a real window at its default size, real timers and clock, reps of
   clamshells from the second rep on): the CPU time of the thread in the frame timer's work and in the paint, per
   frame painted. No target of its own: it is what part 2's ratio is made of, measured without the noise of the
   rest of the machine.

5. The floor under any moving figure: a bare Qt window on the same platform and screen as part 2, with a picture the
   size of the figure's box (the app's window at its default size), still, then with Qt's own timer waking it 15
   times a second and repainting nothing, then repainted 15 times a second by that timer with no Python at all per
   frame (``bench/frames_floor.py``). No target of its own: its CPU per frame is
   the least a frame costs on this machine, and it says how many frames a second part 2's 1.3x target leaves
   (docs/figure.md, "The floor under a frame").

Run: ``.venv/bin/python -m bench.bench_figure`` (about nine minutes; ``--cpu-pairs 0`` leaves part 2 out,
``--floor-pairs 0`` part 5).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from hipcoach.core.content import load_catalogue, load_routine
from hipcoach.core.figure.body import BodySide
from hipcoach.core.figure.motion import frame
from hipcoach.core.model import Entry, Routine, Side
from hipcoach.core.plan import PhaseKind, Plan, PlanOptions, build_plan
from hipcoach.core.settings import Settings
from hipcoach.ui.figure.colours import light_colours
from hipcoach.ui.figure.painter import paint_figure
from hipcoach.ui.main_window import MainWindow
from hipcoach.ui.session_controller import SessionController

if TYPE_CHECKING:
    from hipcoach.ui.session_figure import SessionFigure

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1920, 1080)
CPU_SECONDS = 60.0
PAUSE_TIME_SCALE = 10.0
ROUTINE = """\
id = "figure-cpu"
name = "Figure CPU check"
description = "Clamshells, one long set on the left: the figure moves nearly all the time (no hold)."
rest_between_sets = 5
rest_between_exercises = 3

[[exercise]]
id = "clamshells"
reps = 20
sets = 1
only_side = "left"
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# -- 1. one frame ------------------------------------------------------------------------------------------------


def figure_size(*, full_screen: bool = True) -> tuple[int, int]:
    """The size of the session page's figure in a 1920x1080 window (full screen on such a screen), or in the window
    at its default size."""
    window = MainWindow(SessionController(), Settings(first_run_notice_seen=True), save=lambda _s: None)
    if full_screen:
        window.resize(*SIZE)
    window.show()
    view = window.session_view
    window.pages.setCurrentWidget(view)
    for _ in range(5):
        QApplication.processEvents()
    size = view.figure.contentsRect().size()
    window.close()
    return size.width(), size.height()


def paint_times(rounds: int, size: tuple[int, int]) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds per frame of the figure (the pose computed, then painted into ``size`` pixels) on the wall
    clock and in the thread's CPU time, and of the baseline (the countdown's number at the same height), on the wall
    clock, interleaved."""
    catalogue = load_catalogue()
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    rect = QRectF(0, 0, *size)
    colours = light_colours()
    font = QFont()
    font.setBold(True)
    font.setPixelSize(round(size[1] * 0.6))
    figures, cpu, baseline = [], [], []
    clock = QElapsedTimer()
    for exercise in catalogue.values():
        figure = exercise.movement.figure
        if figure is None:
            continue
        plan = build_plan_for(exercise.id)
        phase = next(p for p in plan.phases if p.kind.is_work)
        side = phase.side
        on = figure.for_side(None if side is None else _body(side))
        for k in range(rounds):
            seconds = (k / rounds) * min(phase.duration, 20.0)
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            clock.start()
            started = time.thread_time_ns()
            paint_figure(painter, rect, on, frame(on, phase, seconds, side), colours=colours)
            cpu.append((time.thread_time_ns() - started) / 1e6)
            figures.append(clock.nsecsElapsed() / 1e6)
            painter.end()
            image.fill(0xFFFFFFFF)
            painter = QPainter(image)
            clock.start()
            painter.setFont(font)
            painter.drawText(QPointF(size[0] * 0.1, size[1] * 0.8), str(k % 100))
            baseline.append(clock.nsecsElapsed() / 1e6)
            painter.end()
    return figures, cpu, baseline


def _body(side: Side) -> BodySide:
    return BodySide(side.value)


def build_plan_for(exercise_id: str) -> Plan:
    exercise = load_catalogue()[exercise_id]
    routine = Routine(id="x", name="x", description="x", entries=(Entry(exercise, exercise.dose),))
    return build_plan(routine, PlanOptions())


# -- 2. CPU of the whole app ---------------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def core_share(pid: int, *, after: float) -> float:
    """Share of one core that process ``pid`` uses over CPU_SECONDS, measured from ``after`` seconds from now."""
    time.sleep(after)
    before = cpu_seconds(pid)
    time.sleep(CPU_SECONDS)
    return (cpu_seconds(pid) - before) / CPU_SECONDS


def screen_env(folder: str) -> dict[str, str]:
    """The environment of a measured process: Qt's offscreen platform, with a screen of SIZE."""
    screen = Path(folder) / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "bench", "width": SIZE[0], "height": SIZE[1]}]}))
    return dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")


def app_cpu(shown: bool, routine: Path) -> float:
    """Share of one core used by the app over CPU_SECONDS of the paced reps, the figure shown or hidden."""
    with tempfile.TemporaryDirectory() as data:
        config = Path(data) / "config"
        config.mkdir(mode=0o700)
        settings = {"first_run_notice_seen": True, "show_figure": shown}
        (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        (config / "speech.json").write_text(json.dumps({"muted": True}), encoding="utf-8")
        env = dict(screen_env(data), HIPCOACH_DATA_DIR=data)  # the config folder is <data>/config
        app = subprocess.Popen(
            [sys.executable, "-m", "hipcoach", "--start", str(routine), "--quit-when-done"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            share = core_share(app.pid, after=3.0 + first_reps_at())  # start-up, then the get-ready
            assert app.poll() is None, "the session ended before the measurement did"
        finally:
            app.terminate()
            app.wait(30)
    return share


def first_reps_at() -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figure-cpu.toml"
        path.write_text(ROUTINE, encoding="utf-8")
        plan = build_plan(load_routine(path, load_catalogue()), Settings().plan_options())
    index = next(i for i, p in enumerate(plan.phases) if p.kind is PhaseKind.REPS)
    return plan.seconds_before(index)


# -- 5. the floor under a frame -------------------------------------------------------------------------------------

FLOOR_FPS = 15.0
"""The least frame rate of a smooth movement (docs/figure.md, "In the app"): the app's frames come at up to 20 a
second, about 17 in a rep of clamshells."""


def floor_cpu(fps: float, box: tuple[int, int], *, wake_only: bool = False) -> tuple[float, int]:
    """(share of one core over CPU_SECONDS, paints counted in the second after) of ``bench/frames_floor.py``: a bare
    window with a picture of ``box``, repainted ``fps`` times a second by Qt alone (0: still; ``wake_only``: its
    timer runs ``fps`` times a second and repaints nothing)."""
    start_up = 3.0
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, str(ROOT / "bench" / "frames_floor.py"), "--fps", str(fps)]
        command += ["--box", f"{box[0]}x{box[1]}", "--seconds", str(start_up + CPU_SECONDS + 0.5)]
        command += ["--wake-only"] if wake_only else []
        floor = subprocess.Popen(
            command, env=screen_env(folder), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            share = core_share(floor.pid, after=start_up)
            out, _ = floor.communicate(timeout=30)
        finally:
            if floor.poll() is None:
                floor.kill()
                floor.wait(30)
    paints = int(out.rsplit(":", 1)[1]) if "paints in one second:" in out else -1
    return share, paints


def app_figure_box() -> tuple[int, int]:
    """The figure's box in the app's window at its default size on part 2's screen (the default size follows the
    screen, and this process's own screen is Qt's default 800x600): worked out in a process on that screen."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "bench.bench_figure", "--print-box"]
        done = subprocess.run(
            command, env=screen_env(folder), cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
        )
    width, height = done.stdout.split()[-1].split("x")
    return int(width), int(height)


def report_floor(pairs: int, hidden: float | None) -> None:
    """Part 5, against part 2's hidden run when there was one."""
    box = app_figure_box()
    runs: dict[str, list[float]] = {"still": [], "waking": [], "moving": []}
    paints = []
    for _ in range(pairs):
        runs["still"].append(floor_cpu(0.0, box)[0])
        runs["waking"].append(floor_cpu(FLOOR_FPS, box, wake_only=True)[0])
        share, counted = floor_cpu(FLOOR_FPS, box)
        runs["moving"].append(share)
        paints.append(counted)
    still, waking, moving = (statistics.median(runs[name]) for name in ("still", "waking", "moving"))
    per_frame_ms = (moving - still) * 1000 / FLOOR_FPS
    per_wake_ms = (waking - still) * 1000 / FLOOR_FPS
    listed = {name: ", ".join(f"{v * 100:.2f}" for v in values) for name, values in runs.items()}
    print(
        f"the floor: a bare Qt window with a {box[0]}x{box[1]} picture (the figure's box at the default window size) "
        f"over {CPU_SECONDS:.0f} s: still {still * 100:.2f} % of a core (runs {listed['still']}); its timer waking "
        f"{FLOOR_FPS:g} times a second, repainting nothing, {waking * 100:.2f} % (runs {listed['waking']}): "
        f"{per_wake_ms:.3f} ms a wake; repainted {FLOOR_FPS:g} times a second by Qt alone {moving * 100:.2f} % "
        f"(runs {listed['moving']}; paints counted in one second after: {', '.join(str(p) for p in paints)}): "
        f"the least a frame costs, {per_frame_ms:.3f} ms of CPU"
    )
    if hidden:
        allowed_ms = 0.3 * hidden * 1000  # CPU a second that the 1.3x target leaves the figure
        allowed_fps = allowed_ms / per_frame_ms if per_frame_ms > 0 else float("inf")
        print(
            f"  against part 2's hidden app ({hidden * 100:.2f} % of a core): {FLOOR_FPS:g} frames a second at this "
            f"floor alone would be {(hidden + moving - still) / hidden:.2f}x, the waking alone "
            f"{(hidden + waking - still) / hidden:.2f}x; the 1.3x target leaves {allowed_ms:.2f} ms of CPU a second, "
            f"{allowed_fps:.1f} frames a second at this floor"
        )


# -- 3. frames while paused ----------------------------------------------------------------------------------------


def figure_session(controller: SessionController) -> tuple[MainWindow, SessionFigure]:
    """The app's window on the figure's routine, past the pain question: the session page's figure running."""
    window = MainWindow(controller, Settings(first_run_notice_seen=True), save=lambda _s: None)
    window.show()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figure-cpu.toml"
        path.write_text(ROUTINE, encoding="utf-8")
        routine = load_routine(path, load_catalogue())
    window.start_routine(routine)
    view = window.session_view
    if view.pain_before.isVisible():
        view.pain_before.skipped.emit()
    return window, view.figure


def run_events(app: QApplication, seconds: float, until: Callable[[], bool] = lambda: False) -> None:
    """The event loop for ``seconds`` of real time, or until ``until()``."""
    loop_end = time.monotonic() + seconds
    while time.monotonic() < loop_end and not until():
        app.processEvents()
        time.sleep(0.002)


def reps_begun(app: QApplication, controller: SessionController) -> None:
    run_events(app, 60.0, lambda: controller.phase is not None and controller.phase.kind is PhaseKind.REPS)
    assert controller.phase is not None and controller.phase.kind is PhaseKind.REPS, "the reps never began"


def paused_frames(app: QApplication) -> tuple[int, int, int]:
    """(frames asked while running 3 s, frames asked while paused 3 s, frames painted while paused 3 s)."""
    controller = SessionController(time_scale=PAUSE_TIME_SCALE)  # through the get-ready in a second or two
    window, figure = figure_session(controller)
    window.resize(*SIZE)

    def run(seconds: float) -> None:
        run_events(app, seconds)

    reps_begun(app, controller)

    asked = figure.frames_asked
    run(3.0)
    running = figure.frames_asked - asked
    controller.pause()
    run(0.2)  # the one repaint that shows the pause
    asked, painted = figure.frames_asked, figure.frames_painted
    run(3.0)
    result = (running, figure.frames_asked - asked, figure.frames_painted - painted)
    controller.stop()
    window.close()
    return result


# -- 4. one frame of the session page, in the app --------------------------------------------------------------------

FRAME_SECONDS = 16.0  # four clamshell reps, after the first


def session_frames(app: QApplication) -> tuple[int, float, float, str]:
    """(frames painted, ms of the thread's CPU per frame in the frame timer's work, and in the paint, and what the
    frame cache did), over FRAME_SECONDS of clamshell reps from the second rep on, the window at its default
    size."""
    from hipcoach.ui.session_figure import SessionFigure  # noqa: PLC0415 - timed only here

    spent = {"timer": 0, "paint": 0}
    originals: dict[str, Callable[..., None]] = {"timer": SessionFigure._next_frame, "paint": SessionFigure.paintEvent}

    def timed(name: str) -> Callable[..., None]:
        original = originals[name]

        def run(*args: object) -> None:
            started = time.thread_time_ns()
            original(*args)
            spent[name] += time.thread_time_ns() - started

        return run

    SessionFigure._next_frame = timed("timer")  # type: ignore[method-assign]
    SessionFigure.paintEvent = timed("paint")  # type: ignore[method-assign]
    try:
        controller = SessionController()
        window, figure = figure_session(controller)

        def run(seconds: float) -> None:
            run_events(app, seconds)

        reps_begun(app, controller)
        assert controller.phase is not None
        run(controller.phase.rep_seconds)  # the first rep: poses (and pictures) made for the first time
        spent["timer"] = spent["paint"] = 0
        painted = figure.frames_painted
        cache = figure.frame_cache() if hasattr(figure, "frame_cache") else None
        copied = cache.pictures_copied if cache is not None else 0
        run(FRAME_SECONDS)
        frames = figure.frames_painted - painted
        kept = (
            f"{cache.pictures_copied - copied} copied from pictures ({cache.picture_bytes / 2**20:.1f} MiB kept)"
            if cache is not None
            else "no frame cache"
        )
        controller.stop()
        window.close()
    finally:
        SessionFigure._next_frame = originals["timer"]  # type: ignore[method-assign]
        SessionFigure.paintEvent = originals["paint"]  # type: ignore[method-assign]
    per = max(1, frames)
    return frames, spent["timer"] / 1e6 / per, spent["paint"] / 1e6 / per, kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200, help="frames painted per exercise")
    parser.add_argument("--cpu-pairs", type=int, default=2, help="shown/hidden pairs of 60 s app runs")
    parser.add_argument("--floor-pairs", type=int, default=1, help="rounds of the three 60 s floor runs")
    parser.add_argument("--only-frames", action="store_true", help="part 4 only (the session page's frame)")
    parser.add_argument("--only-floor", action="store_true", help="part 5 only (the floor under a frame)")
    parser.add_argument("--print-box", action="store_true", help="print the figure's box at the default size")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(["bench"])
    assert isinstance(app, QApplication)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")

    if args.only_frames:
        frames, timer_ms, paint_ms, kept = session_frames(app)
        print(f"session page: {frames} frames ({kept}); per frame: timer {timer_ms:.3f} ms, paint {paint_ms:.3f} ms")
        return 0

    if args.print_box:
        width, height = figure_size(full_screen=False)
        print(f"{width}x{height}")
        return 0
    if args.only_floor:
        report_floor(max(1, args.floor_pairs), None)
        return 0

    size = figure_size()
    for name, where in (
        (f"the figure's box at {SIZE[0]}x{SIZE[1]} full screen", size),
        ("a whole 1920x1080 canvas", SIZE),
    ):
        figures, cpu, baseline = paint_times(args.rounds, where)
        p99, cpu99, base99 = percentile(figures, 0.99), percentile(cpu, 0.99), percentile(baseline, 0.99)
        print(
            f"one frame, {name} ({where[0]}x{where[1]}): median {statistics.median(figures):.3f} ms, "
            f"p99 {p99:.3f} ms ({len(figures)} frames); CPU of the thread: median {statistics.median(cpu):.3f} ms, "
            f"p99 {cpu99:.3f} ms; the countdown's number as tall: p99 {base99:.3f} ms; ratio {p99 / base99:.2f}"
            + (
                f"  (target p99 <= 2 ms: wall {'met' if p99 <= 2.0 else 'NOT met'}, "
                f"CPU {'met' if cpu99 <= 2.0 else 'NOT met'})"
                if where == size
                else ""
            )
        )

    running, asked, painted = paused_frames(app)
    print(
        f"frames in 3 s (time scale {PAUSE_TIME_SCALE:g}): {running} asked while running; {asked} asked and "
        f"{painted} painted while paused  "
        f"(target 0: {'met' if asked == painted == 0 else 'NOT met'})"
    )

    frames, timer_ms, paint_ms, kept = session_frames(app)
    print(
        f"the session page in the app, {FRAME_SECONDS:.0f} s of clamshells from the second rep on: {frames} frames "
        f"painted, {kept}; CPU of the thread per frame: the timer's work {timer_ms:.3f} ms, the paint {paint_ms:.3f} ms"
    )

    hidden: float | None = None
    if args.cpu_pairs:
        with tempfile.TemporaryDirectory() as folder:
            routine = Path(folder) / "figure-cpu.toml"
            routine.write_text(ROUTINE, encoding="utf-8")
            shown_runs, hidden_runs = [], []
            for _ in range(args.cpu_pairs):
                hidden_runs.append(app_cpu(False, routine))
                shown_runs.append(app_cpu(True, routine))
        shown, hidden = statistics.median(shown_runs), statistics.median(hidden_runs)
        ratio = shown / hidden if hidden else float("inf")
        print(
            f"CPU over {CPU_SECONDS:.0f} s of paced reps: figure shown {shown * 100:.1f} % of a core "
            f"(runs {', '.join(f'{v * 100:.1f}' for v in shown_runs)}), hidden {hidden * 100:.1f} % "
            f"(runs {', '.join(f'{v * 100:.1f}' for v in hidden_runs)}); ratio {ratio:.2f}  "
            f"(targets <= 1.30 and <= 15 %: {'met' if ratio <= 1.3 and shown <= 0.15 else 'NOT met'})"
        )
    if args.floor_pairs:
        report_floor(args.floor_pairs, hidden)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
