"""The exports carry what schema version 6 keeps: each session's plan, sore-day mark and answers, and the user's dose
choices. JSON both ways (older exports still import, a second import adds nothing); CSV columns for the version
done, the dose as planned, the answer and the sore-day mark, the same file from the database as from the rows."""

from __future__ import annotations

import copy
import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from hipcoach.core.dose_plan import ChoiceKind, DoseChoice, DoseNumbers, Feeling, PlannedEntry
from hipcoach.core.history import HistoryImportError, HistoryStore, open_history
from hipcoach.core.history.exchange import write_csv
from hipcoach.core.model import Side
from hipcoach.core.results import Status
from tests.core.history.support import T0, StepClock, result

HALF_BRIDGE = PlannedEntry("bridge", "half-bridge", DoseNumbers(sets=2, reps=10), first_side=Side.RIGHT)
BIKE = PlannedEntry("bike", None, DoseNumbers(sets=1, minutes=12))
CLAMS = PlannedEntry("clamshells", "clamshells-band", DoseNumbers(sets=2, reps=12), only_side=Side.LEFT, pinned=True)
CHOICE = DoseChoice(T0 + timedelta(hours=1), "bridge", ChoiceKind.SET, HALF_BRIDGE, routine_id="strength")


def _history(store: HistoryStore) -> None:
    """A sore-day session with a version and answers, a plain one with a plan, one from before plans, a choice."""
    sore = store.start_session("strength", "Strength", 1.0, T0, plan=(HALF_BRIDGE, BIKE, CLAMS), sore_day=True)
    store.record_exercise(sore, result(0, "half-bridge"), "reps")
    store.record_exercise(sore, result(1, "bike", sides=(None,), target=720, actual=720), "seconds")
    store.record_exercise(sore, result(2, "clamshells-band", sides=(Side.LEFT,), status=Status.PARTIAL), "reps")
    store.set_feeling(sore, 0, Feeling.TOO_EASY)
    store.set_feeling(sore, 2, Feeling.TOO_HARD)
    store.end_session(sore, "completed", T0 + timedelta(minutes=10), 600.0, 600.0)
    plain = store.start_session("strength", "Strength", 1.0, T0 + timedelta(days=1), plan=(BIKE,))
    store.record_exercise(plain, result(0, "bike", sides=(None,), target=720, actual=720), "seconds")
    store.end_session(plain, "completed", T0 + timedelta(days=1, minutes=12), 720.0, 720.0)
    old = store.start_session("short", "Short", 1.0, T0 + timedelta(days=2))
    store.record_exercise(old, result(0), "reps")
    store.end_session(old, "stopped", T0 + timedelta(days=2, minutes=3), 180.0, 180.0)
    store.start_session("short", "Short", 1.0, T0 + timedelta(days=3), plan=(BIKE,), sore_day=True)  # no results
    store.record_choice(CHOICE)


def test_the_json_export_carries_plans_marks_answers_and_choices_and_imports_once(tmp_path: Path) -> None:
    with open_history(tmp_path / "a.sqlite3", now=StepClock()) as store:
        _history(store)
        exported = store.export_json()
        records = store.records()
    first = exported["sessions"][0]  # type: ignore[index]
    assert first["sore_day"] is True
    assert first["plan"][0] == {"exercise": "bridge", "variant": "half-bridge", "dose": {"sets": 2, "reps": 10},
                                "first_side": "right"}  # fmt: skip
    assert [(f["entry_index"], f["feeling"]) for f in first["feelings"]] == [(0, "too_easy"), (2, "too_hard")]
    assert exported["sessions"][2]["plan"] is None  # type: ignore[index]
    assert exported["choices"] == [  # type: ignore[comparison-overlap]
        {
            "made_at": "2026-03-02T09:00:00+00:00",
            "exercise_id": "bridge",
            "kind": "set",
            "plan": HALF_BRIDGE.to_json(),
            "routine_id": "strength",
        }
    ]
    with open_history(tmp_path / "b.sqlite3") as other:
        assert other.import_json(json.loads(json.dumps(exported))) == 4
        assert other.import_json(json.loads(json.dumps(exported))) == 0  # the second import adds nothing
        again = other.records()
        assert other.dose_choices() == [CHOICE]
        assert [s.sore_day for s in other.sessions()] == [True, False, False, True]
        past = other.past_sessions()
    strip = [(r.session.uuid, r.session.sore_day, r.plan, r.feelings, r.exercises) for r in records]
    assert [(r.session.uuid, r.session.sore_day, r.plan, r.feelings, r.exercises) for r in again] == strip
    assert [e.feeling for e in past[0].entries] == [Feeling.TOO_EASY, None, Feeling.TOO_HARD]


def test_an_export_from_before_plans_still_imports(tmp_path: Path) -> None:
    with open_history(tmp_path / "a.sqlite3") as store:
        _history(store)
        exported = store.export_json()
    older = copy.deepcopy(exported)
    del older["choices"]
    for session in older["sessions"]:  # type: ignore[attr-defined]
        for key in ("plan", "sore_day", "feelings"):
            del session[key]
    with open_history(tmp_path / "b.sqlite3") as other:
        assert other.import_json(older) == 4
        assert [(r.plan, r.feelings, r.session.sore_day) for r in other.records()] == [(None, (), False)] * 4
        assert other.dose_choices() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["sessions"][0].__setitem__("plan", [{"exercise": "bridge"}]),
            r"sessions\[0\]\.plan\[0\]: a plan entry needs",
        ),
        (lambda d: d["sessions"][0].__setitem__("plan", "bridge"), r"sessions\[0\]\.plan must be a list"),
        (lambda d: d["sessions"][0].__setitem__("sore_day", "yes"), r"sessions\[0\]\.sore_day must be true or false"),
        (
            lambda d: d["sessions"][0]["feelings"][0].__setitem__("feeling", "meh"),
            r"sessions\[0\]\.feelings\[0\]\.feeling must be one of too_easy, about_right, too_hard",
        ),
        (
            lambda d: d["sessions"][0]["feelings"].append(dict(d["sessions"][0]["feelings"][0])),
            r"sessions\[0\]\.feelings\[2\]: entry_index 0 has two answers",
        ),
        (lambda d: d["choices"][0].__setitem__("kind", "lower"), r"choices\[0\]\.kind must be one of set"),
        (lambda d: d["choices"][0].__setitem__("plan", {}), r"choices\[0\]\.plan: a plan entry needs"),
        (
            lambda d: d["sessions"][0]["plan"][1]["dose"].__setitem__("minutes", 10**12),
            r"sessions\[0\]\.plan\[1\]\.dose\.minutes",
        ),
    ],
)
def test_a_bad_plan_answer_or_choice_is_refused_naming_the_field(tmp_path: Path, change: object, message: str) -> None:
    with open_history(tmp_path / "a.sqlite3") as store:
        _history(store)
        exported = json.loads(json.dumps(store.export_json()))
    change(exported)  # type: ignore[operator]
    with open_history(tmp_path / "b.sqlite3") as other:
        with pytest.raises(HistoryImportError, match=message):
            other.import_json(exported)
        assert other.sessions() == [] and other.dose_choices() == []  # nothing written


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_has_the_version_the_planned_dose_the_answer_and_the_sore_day_mark(tmp_path: Path) -> None:
    with open_history(tmp_path / "a.sqlite3") as store:
        _history(store)
        store.export_csv(tmp_path / "fast.csv")
        write_csv(store.records(), tmp_path / "rows.csv")
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
    rows = _csv(tmp_path / "fast.csv")
    assert list(rows[0])[-4:] == ["sore_day", "version", "planned_dose", "feeling"]
    got = [(r["exercise_id"], r["side"], r["sore_day"], r["version"], r["planned_dose"], r["feeling"]) for r in rows]
    assert got == [
        ("half-bridge", "left", "1", "half-bridge", "sets=2 reps=10", "too_easy"),
        ("half-bridge", "right", "1", "half-bridge", "sets=2 reps=10", "too_easy"),
        ("bike", "", "1", "", "sets=1 minutes=12", ""),
        ("clamshells-band", "left", "1", "clamshells-band", "sets=2 reps=12", "too_hard"),
        ("bike", "", "0", "", "sets=1 minutes=12", ""),
        ("bridge", "left", "0", "", "", ""),  # recorded before plans were kept
        ("bridge", "right", "0", "", "", ""),
        ("", "", "1", "", "", ""),  # a session without results
    ]


def test_the_csv_from_the_database_is_the_rows_file_with_awkward_plans(tmp_path: Path) -> None:
    """A version id needing quotes (only an import of a hand-written file can bring one), a plan edited by hand that
    no longer parses, an answer for an entry beyond the plan: the two writers still agree byte for byte."""
    with open_history(tmp_path / "a.sqlite3") as store:
        _history(store)
        exported = json.loads(json.dumps(store.export_json()))
        exported["sessions"][1]["plan"][0]["variant"] = 'bike, "easy"\nway'
        exported["sessions"][1]["feelings"] = [
            {"entry_index": 5, "feeling": "about_right", "answered_at": "2026-03-03T08:20:00+00:00"}
        ]
        with open_history(tmp_path / "b.sqlite3") as other:
            other.import_json(exported)
            other._conn.execute("UPDATE sessions SET plan = '[{\"exercise\": 1}]' WHERE id = 1")
            other.export_csv(tmp_path / "fast.csv")
            write_csv(other.records(), tmp_path / "rows.csv")
    assert (tmp_path / "fast.csv").read_bytes() == (tmp_path / "rows.csv").read_bytes()
    rows = _csv(tmp_path / "fast.csv")
    assert rows[0]["version"] == "" and rows[0]["feeling"] == "too_easy"  # no plan read, the answer kept
    assert rows[4]["version"] == 'bike, "easy"\nway'
