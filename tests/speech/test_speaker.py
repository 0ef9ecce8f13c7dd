"""The speaker's decisions (priorities, late cues, interruption, tones, notices) with a fake player and clock."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hipcoach.core.cues import Cue, Priority
from hipcoach.speech.cache import SpeechCache
from hipcoach.speech.render_worker import RenderWorker
from hipcoach.speech.renderers import Tone
from hipcoach.speech.settings import SpeechSettings
from hipcoach.speech.speaker import CUE_LOG_ENV, Speaker
from tests.factories import FakeClock
from tests.speech.fakes import FakePlayer, FakeRenderer

SCRIPT = ["Bridge. Lie on your back.", "3", "2", "1", "Hold.", "Down.", "Rest."]

MakeSpeaker = Callable[..., Speaker]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def make_speaker(qtbot: QtBot, clock: FakeClock, player: FakePlayer, tmp_path: Path) -> Iterator[MakeSpeaker]:
    made: list[tuple[Speaker, threading.Event | None]] = []

    def make(
        renderer: FakeRenderer | None = None,
        *,
        settings: SpeechSettings | None = None,
        timeout: float = 2.0,
        **kwargs: object,
    ) -> Speaker:
        fake = renderer or FakeRenderer()
        cache = SpeechCache(tmp_path / "speech")
        worker = RenderWorker(lambda: fake, cache, timeout=timeout)
        speaker = Speaker(
            settings=settings,
            player=player,
            worker=worker,
            cache=cache,
            clock=clock,
            cue_log=tmp_path / "cues.jsonl",
            **kwargs,  # type: ignore[arg-type]
        )
        made.append((speaker, fake.hang))
        return speaker

    yield make
    for speaker, hang in made:
        if hang is not None:
            hang.set()  # let a hung fake render return so its thread ends
        speaker.close()


def ready(qtbot: QtBot, speaker: Speaker, texts: list[str] = SCRIPT) -> None:
    with qtbot.waitSignal(speaker.first_cues_ready, timeout=5000):
        speaker.prepare_texts(texts)
    qtbot.waitUntil(lambda: all(speaker._latest.get(text) for text in texts), timeout=5000)


def log(tmp_path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (tmp_path / "cues.jsonl").read_text().splitlines()]


def test_a_rendered_cue_plays_at_once_and_is_logged(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    speaker = make_speaker()
    ready(qtbot, speaker)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now - 0.05)
    assert len(player.plays) == 1
    assert player.plays[0][0] == speaker._latest["3"][0]
    [entry] = log(tmp_path)
    assert entry["text"] == "3"
    assert entry["priority"] == "countdown"
    assert entry["outcome"] == "played"
    assert entry["scheduled"] == pytest.approx(clock.now - 0.05)
    assert entry["started"] == pytest.approx(clock.now)
    assert entry["duration"] == pytest.approx(0.12, abs=0.01)


def test_a_cue_whose_moment_has_passed_is_dropped(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    speaker = make_speaker()
    ready(qtbot, speaker)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now - 0.3)
    assert player.plays == []
    speaker.say(Cue("2", Priority.COUNTDOWN), clock.now - 0.2)
    assert len(player.plays) == 1
    assert [(e["text"], e["outcome"], e["reason"]) for e in log(tmp_path)] == [
        ("3", "dropped", "late"),
        ("2", "played", ""),
    ]


def test_higher_or_equal_priority_cuts_the_cue_playing(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock
) -> None:
    speaker = make_speaker()
    ready(qtbot, speaker)
    speaker.say(Cue("Hold.", Priority.BEAT), clock.now)
    clock.advance(0.05)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)  # higher
    clock.advance(0.05)
    speaker.say(Cue("2", Priority.COUNTDOWN), clock.now)  # equal
    clock.advance(0.05)
    speaker.say(Cue("Rest.", Priority.TRANSITION), clock.now)  # higher
    assert [path for path, _ in player.plays] == [speaker._latest[t][0] for t in ("Hold.", "3", "2", "Rest.")]


def test_a_lower_cue_is_dropped_while_a_higher_one_plays_and_plays_after_it(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    speaker = make_speaker()
    ready(qtbot, speaker)
    speaker.say(Cue("Bridge. Lie on your back.", Priority.TRANSITION), clock.now)  # 0.6 s of audio
    clock.advance(0.3)
    speaker.say(Cue("Down.", Priority.BEAT), clock.now)
    assert len(player.plays) == 1
    clock.advance(0.4)  # the transition is over
    speaker.say(Cue("Down.", Priority.BEAT), clock.now)
    assert len(player.plays) == 2
    assert [(e["outcome"], e["reason"]) for e in log(tmp_path)] == [("played", ""), ("dropped", "busy"), ("played", "")]


def test_silence_stops_the_cue_and_frees_the_channel(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock
) -> None:
    speaker = make_speaker()
    ready(qtbot, speaker)
    speaker.say(Cue("Bridge. Lie on your back.", Priority.TRANSITION), clock.now)
    stops = player.stops
    speaker.silence()
    assert player.stops == stops + 1
    speaker.say(Cue("Down.", Priority.BEAT), clock.now)  # no longer blocked by the transition
    assert len(player.plays) == 2


def test_a_cue_not_rendered_when_due_gets_a_tone_at_once_and_its_voice_later(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    hang = threading.Event()
    speaker = make_speaker(FakeRenderer(hang=hang))
    speaker.prepare_texts(SCRIPT)  # stuck on the first text
    started = time.perf_counter()
    speaker.say(Cue("Bridge. Lie on your back.", Priority.TRANSITION), clock.now)
    clock.advance(0.5)  # the chime (0.36 s) is over
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)
    assert time.perf_counter() - started < 0.05  # never waits for the engine
    assert [path.name for path, _ in player.plays] == [f"{Tone.CHIME}.wav", f"{Tone.PIP}.wav"]
    assert [(e["outcome"], e["reason"]) for e in log(tmp_path)] == [("tone", "not rendered")] * 2
    hang.set()  # the engine catches up: the next time, the voice
    qtbot.waitUntil(lambda: "3" in speaker._latest, timeout=5000)
    clock.advance(5)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)
    assert player.plays[-1][0] == speaker._latest["3"][0]


def test_no_tones_and_muted_mean_silence(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    speaker = make_speaker(settings=SpeechSettings(tones=False))
    speaker.say(Cue("Not rendered.", Priority.TRANSITION), clock.now)
    ready(qtbot, speaker)
    speaker.apply_settings(SpeechSettings(tones=False, muted=True))
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)
    assert player.plays == []
    assert [e["reason"] for e in log(tmp_path)] == ["not rendered", "muted"]


def test_first_cues_ready_and_when_ready(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker()
    assert speaker.first_ready()  # nothing prepared, nothing to wait for
    ready(qtbot, speaker)
    calls: list[str] = []
    speaker.when_ready(lambda: calls.append("now"))
    assert calls == ["now"]


def test_when_ready_gives_up_after_the_timeout(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker(FakeRenderer(hang=threading.Event()))
    speaker.prepare_texts(SCRIPT)
    calls: list[float] = []
    started = time.monotonic()
    speaker.when_ready(lambda: calls.append(time.monotonic() - started), timeout=0.2)
    qtbot.waitUntil(lambda: bool(calls), timeout=3000)
    assert 0.15 <= calls[0] < 1.5
    assert len(calls) == 1


def test_new_voice_settings_apply_to_the_next_cue_once_rendered(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock
) -> None:
    renderer = FakeRenderer()
    speaker = make_speaker(renderer)
    ready(qtbot, speaker)
    old = speaker._latest["3"][0]
    speaker.apply_settings(SpeechSettings(rate=200))
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)  # until re-rendered: the old voice, not a tone
    assert player.plays[-1][0] == old
    qtbot.waitUntil(lambda: speaker._latest["3"][0] != old, timeout=5000)
    clock.advance(1)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)
    assert player.plays[-1][0] == speaker._latest["3"][0] != old
    assert renderer.rendered.count("3") == 2


def test_a_renderer_raising_gives_tones_and_one_notice(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    speaker = make_speaker(FakeRenderer(fail=True))
    with qtbot.waitSignal(speaker.notice, timeout=5000) as notice:
        speaker.prepare_texts(SCRIPT)
    assert "Install the fake engine." in notice.args[0]
    assert speaker.first_ready()  # nothing to wait for any more
    for i, text in enumerate(SCRIPT):
        speaker.say(Cue(text, Priority.TRANSITION), clock.now)
        clock.advance(1)
        assert len(player.plays) == i + 1
    speaker.prepare_texts(SCRIPT)
    qtbot.wait(0)  # nothing queued may arrive: process what is pending
    assert len(speaker.notices) == 1
    assert {e["outcome"] for e in log(tmp_path)} == {"tone"}
    assert {e["reason"] for e in log(tmp_path)} == {"no speech engine"}


def test_a_hanging_render_times_out_without_blocking(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock
) -> None:
    speaker = make_speaker(FakeRenderer(hang=threading.Event()))  # the default two-second limit
    started = time.monotonic()
    speaker.prepare_texts(SCRIPT)
    speaker.say(Cue("3", Priority.COUNTDOWN), clock.now)
    assert time.monotonic() - started < 0.1
    with qtbot.waitSignal(speaker.notice, timeout=5000) as notice:
        pass
    assert 2.0 <= time.monotonic() - started < 4.0
    assert "took more than 2 s" in notice.args[0]
    assert "Install the fake engine." in notice.args[0]
    assert not speaker.speech_available
    clock.advance(1)
    speaker.say(Cue("Rest.", Priority.TRANSITION), clock.now)
    assert [path.name for path, _ in player.plays] == [f"{Tone.PIP}.wav", f"{Tone.CHIME}.wav"]
    assert len(speaker.notices) == 1


def test_no_audio_device_gives_one_notice_and_drops_cues(qtbot: QtBot, clock: FakeClock, tmp_path: Path) -> None:
    silent = FakePlayer(available=False)
    cache = SpeechCache(tmp_path / "speech")
    speaker = Speaker(player=silent, worker=RenderWorker(FakeRenderer, cache), cache=cache, clock=clock)
    try:
        notices: list[str] = []
        speaker.notice.connect(notices.append)
        for text in SCRIPT:
            speaker.say(Cue(text, Priority.TRANSITION), clock.now)
        assert notices == [silent.problem]
        assert silent.plays == []
    finally:
        speaker.close()


def test_the_cue_log_path_comes_from_the_environment(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock
) -> None:
    path = tmp_path / "from-env.jsonl"
    monkeypatch.setenv(CUE_LOG_ENV, str(path))
    cache = SpeechCache(tmp_path / "speech")
    speaker = Speaker(player=FakePlayer(), worker=RenderWorker(FakeRenderer, cache), cache=cache, clock=clock)
    try:
        speaker.say(Cue("1", Priority.BEAT), clock.now)
    finally:
        speaker.close()
    assert json.loads(path.read_text())["outcome"] == "tone"


def test_rendering_happens_on_one_worker_thread_not_the_gui_thread(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    renderer = FakeRenderer()
    speaker = make_speaker(renderer)
    ready(qtbot, speaker)
    assert len(renderer.threads) == 1
    assert threading.get_ident() not in renderer.threads


def test_voices_come_from_the_worker(qtbot: QtBot, make_speaker: MakeSpeaker) -> None:
    speaker = make_speaker()
    with qtbot.waitSignal(speaker.voices_found, timeout=5000) as found:
        speaker.request_voices()
    assert [voice.id for voice in found.args[0]] == ["fake/en"]


def test_test_voice_plays_the_sample_once_rendered(qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer) -> None:
    speaker = make_speaker()
    speaker.test_voice(SpeechSettings(rate=120))
    qtbot.waitUntil(lambda: len(player.plays) == 1, timeout=5000)


def test_clearing_the_cache_waits_for_the_render_under_way_and_forgets_every_cue(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    """ "Delete all my data" while a cue is being rendered: the render still ends well (its file is not pulled from
    under it, which would count as a broken engine), then everything rendered is gone and the tones are back."""
    ready(qtbot, make_speaker(), ["Well done."])  # one cue in the cache from an earlier session
    hang = threading.Event()
    speaker = make_speaker(FakeRenderer(hang=hang))
    failures: list[str] = []
    speaker.worker.failed.connect(lambda message, _hint: failures.append(message))
    speaker.prepare_texts(SCRIPT)  # the worker is now stuck in the first render
    qtbot.waitUntil(lambda: speaker.worker._busy_since is not None, timeout=5000)
    speaker.clear_cache()
    assert list((tmp_path / "speech").glob("*.wav")), "nothing is deleted while a render is under way"
    with qtbot.waitSignal(speaker.cache_cleared, timeout=5000) as cleared:
        hang.set()
    assert failures == []
    assert not speaker.worker.broken
    assert list((tmp_path / "speech").glob("*.wav")) == []
    assert len(cleared.args[0]) >= 2  # the earlier cue and the one just rendered, at least (and the tones)
    assert speaker._latest == {}  # the render that ended after the clear is forgotten too
    speaker.say(Cue("Well done.", Priority.TRANSITION), clock.now)
    path, _ = player.plays[-1]
    assert path.is_file()  # a tone made again, not a deleted cue
    assert path.parent.name == "tones"


def test_a_cue_handed_over_early_is_played_on_its_moment_and_judged_by_it(
    qtbot: QtBot, make_speaker: MakeSpeaker, player: FakePlayer, clock: FakeClock, tmp_path: Path
) -> None:
    """The window hands a cue over ``lead()`` seconds before its moment; the player is told that moment, and "busy"
    is decided by what will be playing then, not by what plays at the hand-over."""
    player.latency_seconds = 0.05
    speaker = make_speaker()
    assert speaker.lead() == pytest.approx(0.05)
    ready(qtbot, speaker)
    speaker.say(Cue("Bridge. Lie on your back.", Priority.TRANSITION), clock.now)  # 0.6 s of audio
    seconds = speaker.seconds_left()
    clock.advance(seconds - 0.03)  # it still plays for 30 ms; "Down." is due in 50 ms, after it
    speaker.say(Cue("Down.", Priority.BEAT), clock.now + 0.05)
    assert player.moments == [pytest.approx(clock.now - seconds + 0.03), pytest.approx(clock.now + 0.05)]
    assert speaker.seconds_left() == pytest.approx(0.05 + speaker._latest["Down."][1])
    assert [(e["outcome"], e["reason"]) for e in log(tmp_path)] == [("played", ""), ("played", "")]
    speaker.apply_settings(SpeechSettings(muted=True))
    assert speaker.lead() == 0.0  # nothing is heard: nothing to start early
