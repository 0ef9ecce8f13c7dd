"""Export and import: a JSON round trip into another data folder, merging without duplicates, clear errors naming
the field, and the CSV a physiotherapist can open."""

from __future__ import annotations

import copy
import csv
import json
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from hipcoach.core.history import HistoryImportError, HistoryStore, open_history
from hipcoach.core.history.exchange import CSV_COLUMNS, FORMAT, FORMAT_VERSION
from hipcoach.core.results import Status
from tests.core.history.support import T0, result, seed


def _rich(history: HistoryStore) -> list[int]:
    ids = seed(history, 3)
    history.set_pain(ids[0], before=6, after=3, note='Tight hip, "better" after')
    history.record_pause(ids[1], T0 + timedelta(days=1, minutes=4), 60.0, "user")
    stopped = result(1, "bike", sides=(None,), target=600, actual=200, status=Status.PARTIAL, sharp_pain=True)
    history.record_exercise(ids[1], stopped, "seconds", recorded_at=T0 + timedelta(days=1, minutes=8))
    empty = history.start_session("long", "Long routine", 1.0, T0 + timedelta(days=5))
    history.end_session(empty, "stopped", T0 + timedelta(days=5, minutes=1), 60.0, 55.0)
    return [*ids, empty]


def _comparable(history: HistoryStore) -> list[object]:
    """Everything but the database ids, which differ between two files."""
    return [(record.session.__dict__ | {"id": None}, record.exercises, record.pauses) for record in history.records()]


def test_json_round_trip_into_another_folder_and_no_duplicates(tmp_path: Path) -> None:
    with open_history(tmp_path / "a" / "history.sqlite3") as source:
        _rich(source)
        exported = source.export_json()
        expected = _comparable(source)
        assert source.import_json(exported) == 0  # everything is already there
    assert exported["format"] == FORMAT
    assert exported["version"] == FORMAT_VERSION
    text = json.dumps(exported)  # plain JSON types only

    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        assert target.import_json(json.loads(text)) == 4
        assert target.import_json(json.loads(text)) == 0
        assert _comparable(target) == expected


def test_import_merges_by_uuid(tmp_path: Path) -> None:
    with open_history(tmp_path / "a" / "history.sqlite3") as laptop:
        seed(laptop, 2)
        from_laptop = laptop.export_json()
    with open_history(tmp_path / "b" / "history.sqlite3") as desktop:
        seed(desktop, 1, start=T0 + timedelta(days=10))
        desktop.import_json(from_laptop)
        assert desktop.import_json(from_laptop) == 0
        assert len(desktop.sessions()) == 3
        merged = desktop.export_json()
    with open_history(tmp_path / "a" / "history.sqlite3") as laptop:
        assert laptop.import_json(merged) == 1
        assert len(laptop.sessions()) == 3


def test_a_running_session_is_imported_as_stopped(tmp_path: Path) -> None:
    with open_history(tmp_path / "a" / "history.sqlite3") as source:
        session_id = source.start_session("short", "Short", 1.0, T0)
        source.record_exercise(session_id, result(), "reps")
        exported = source.export_json()
    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        target.import_json(exported)
        assert target.unfinished_session() is None
        assert [row.status for row in target.sessions()] == ["stopped"]


def _export_with_one_session(tmp_path: Path) -> dict[str, object]:
    with open_history(tmp_path / "a" / "history.sqlite3") as source:
        _rich(source)
        return source.export_json()


def _session(data: dict[str, object], index: int = 0) -> dict[str, object]:
    sessions = data["sessions"]
    assert isinstance(sessions, list)
    session = sessions[index]
    assert isinstance(session, dict)
    return session


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something-else"), '"format" must be "hipcoach-history"'),
        (lambda d: d.update(version=FORMAT_VERSION + 1), "written by a newer hipcoach"),
        (lambda d: d.update(version="1"), '"version" must be a whole number'),
        (lambda d: d.update(sessions={}), '"sessions" must be a list'),
        (lambda d: _session(d).pop("uuid"), r"sessions\[0\]\.uuid is missing"),
        (lambda d: _session(d).update(status="paused"), r"sessions\[0\]\.status must be one of"),
        (lambda d: _session(d).update(started_at="yesterday"), r"sessions\[0\]\.started_at must be a date"),
        (lambda d: _session(d).update(started_at="2026-03-02T08:00:00"), r"sessions\[0\]\.started_at .*offset"),
        (lambda d: _session(d).update(pain_after=11), r"sessions\[0\]\.pain_after must be a whole number from 0"),
        (lambda d: _session(d).update(time_scale=0), r"sessions\[0\]\.time_scale must be a number greater than 0"),
        (lambda d: _session(d, 2)["exercises"][1].update(side="up"), r"sessions\[2\]\.exercises\[1\]\.side"),
        (lambda d: _session(d)["exercises"][0].update(actual=-1), r"sessions\[0\]\.exercises\[0\]\.actual"),
        (lambda d: _session(d)["exercises"][0].update(unit="kg"), r"sessions\[0\]\.exercises\[0\]\.unit"),
        (lambda d: _session(d)["exercises"][0].update(sharp_pain=1), r"exercises\[0\]\.sharp_pain must be true or"),
        (lambda d: _session(d)["exercises"].append(_session(d)["exercises"][0]), r"sessions\[0\]\.exercises\[3\]"),
        (lambda d: _session(d, 1)["pauses"][0].pop("reason"), r"sessions\[1\]\.pauses\[0\]\.reason is missing"),
        (lambda d: _session(d, 3).update(uuid=_session(d)["uuid"]), r"sessions\[3\]\.uuid: .*sessions\[0\]"),
        (lambda d: _session(d).update(precautions="crossing"), r"sessions\[0\]\.precautions must be a list of words"),
        (
            lambda d: _session(d, 1).update(precautions=["crossing", "kneeling"]),
            r"sessions\[1\]\.precautions\[1\] must be one of crossing, deep-bend, extension-turned-out, "
            r"turning-in, not 'kneeling'\.",
        ),
        (lambda d: _session(d).update(precautions=[1]), r"sessions\[0\]\.precautions\[0\] must be one of .* not 1\."),
    ],
)
def test_import_errors_name_the_field_and_write_nothing(tmp_path: Path, change: object, message: str) -> None:
    data = copy.deepcopy(_export_with_one_session(tmp_path))
    change(data)  # type: ignore[operator]
    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        with pytest.raises(HistoryImportError, match=message):
            target.import_json(data)
        assert target.sessions() == []


def test_sharp_pain_travels_in_json_and_an_export_without_the_field_reads_as_false(tmp_path: Path) -> None:
    exported = _export_with_one_session(tmp_path)
    assert [e["sharp_pain"] for e in _session(exported, 1)["exercises"]] == [False, False, False, True]  # type: ignore[index]
    older = copy.deepcopy(exported)  # as hipcoach wrote it before the field existed
    for session in older["sessions"]:  # type: ignore[attr-defined]
        for exercise in session["exercises"]:
            del exercise["sharp_pain"]
    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        target.import_json(exported)
        marks = [[e.sharp_pain for e in record.exercises] for record in target.records()]
    assert marks == [[False] * 3, [False, False, False, True], [False] * 3, []]
    with open_history(tmp_path / "c" / "history.sqlite3") as target:
        assert target.import_json(older) == 4
        assert not any(e.sharp_pain for record in target.records() for e in record.exercises)


def test_every_attempt_travels_in_json_and_a_version_1_export_still_imports(tmp_path: Path) -> None:
    exported = _export_with_one_session(tmp_path)
    assert exported["version"] == FORMAT_VERSION == 2
    bikes = [e for e in _session(exported, 1)["exercises"] if e["exercise_id"] == "bike"]  # type: ignore[index]
    assert [(e["attempt"], e["actual"], e["status"]) for e in bikes] == [(1, 600, "completed"), (2, 200, "partial")]
    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        target.import_json(exported)
        _, rows = target.session_detail(target.sessions()[-2].id)
    assert [(row.exercise_id, row.attempt, row.actual) for row in rows] == [
        ("bridge", 1, 10),
        ("bridge", 1, 10),
        ("bike", 1, 600),
        ("bike", 2, 200),
    ]

    older = copy.deepcopy(exported)  # as hipcoach wrote it before attempts: version 1, one attempt, no field
    older["version"] = 1
    for session in older["sessions"]:  # type: ignore[attr-defined]
        session["exercises"] = [e for e in session["exercises"] if e.get("attempt") == 1]
        for exercise in session["exercises"]:
            del exercise["attempt"]
    with open_history(tmp_path / "c" / "history.sqlite3") as target:
        assert target.import_json(older) == 4
        assert {e.attempt for record in target.records() for e in record.exercises} == {1}

    twice = copy.deepcopy(exported)  # the same attempt of the same side twice is still refused
    exercises = _session(twice, 0)["exercises"]
    exercises.append(dict(exercises[0]))  # type: ignore[attr-defined]
    with open_history(tmp_path / "d" / "history.sqlite3") as target:
        with pytest.raises(HistoryImportError, match=r"sessions\[0\]\.exercises\[3\]: entry_index 0 attempt 1"):
            target.import_json(twice)
        bad = copy.deepcopy(exported)
        _session(bad, 0)["exercises"][0]["attempt"] = 0  # type: ignore[index]
        with pytest.raises(HistoryImportError, match=r"attempt must be a whole number from 1"):
            target.import_json(bad)


def test_a_trial_run_is_marked_in_json_and_csv(tmp_path: Path) -> None:
    with open_history() as history:
        seed(history, 1)
        trial = history.start_session("short", "Short routine", 10.0, T0 + timedelta(days=2))
        history.end_session(trial, "completed", T0 + timedelta(days=2, seconds=76), 76.0, 780.0)
        exported = history.export_json()
        history.export_csv(tmp_path / "history.csv")
    assert [(s["time_scale"], s["trial"]) for s in exported["sessions"]] == [(1.0, False), (10.0, True)]  # type: ignore[index, union-attr]
    with (tmp_path / "history.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["time_scale"], row["trial"]) for row in rows] == [("1.0", "0")] * 3 + [("10.0", "1")]
    with open_history(tmp_path / "b" / "history.sqlite3") as target:  # derived from time_scale, so it travels
        target.import_json(exported)
        assert [s.trial for s in target.sessions()] == [True, False]


def _adapted(history: HistoryStore) -> int:
    """A session done under hip precautions (given unsorted, as a set would give them)."""
    began = T0 + timedelta(days=3)
    session_id = history.start_session("strength", "Strength", 1.0, began, precautions=["turning-in", "crossing"])
    history.record_exercise(session_id, result(0), "reps", recorded_at=began + timedelta(minutes=3))
    history.end_session(session_id, "completed", began + timedelta(minutes=10), 600.0, 600.0)
    return session_id


def test_precautions_travel_in_json_and_an_export_without_them_imports(tmp_path: Path) -> None:
    with open_history(tmp_path / "a" / "history.sqlite3") as source:
        seed(source, 1)
        _adapted(source)
        exported = json.loads(json.dumps(source.export_json()))
    assert [s["precautions"] for s in exported["sessions"]] == [[], ["crossing", "turning-in"]]
    assert exported["version"] == FORMAT_VERSION == 2  # an optional field: the format keeps its version

    with open_history(tmp_path / "b" / "history.sqlite3") as target:
        assert target.import_json(exported) == 2
        assert [record.precautions for record in target.records()] == [(), ("crossing", "turning-in")]
        adapted = target.sessions()[0]  # newest first
        assert target.precautions_by_session() == {adapted.id: ("crossing", "turning-in")}  # the report's mark
        assert target.session_precautions(adapted.id) == ("crossing", "turning-in")
        assert target.export_json()["sessions"] == exported["sessions"]

    older = copy.deepcopy(exported)  # as hipcoach wrote it before the field existed
    for session in older["sessions"]:
        del session["precautions"]
    _session(older)["precautions"] = None  # null reads as none too
    with open_history(tmp_path / "c" / "history.sqlite3") as target:
        assert target.import_json(older) == 2
        assert target.precautions_by_session() == {}
        assert [record.precautions for record in target.records()] == [(), ()]


def test_the_csv_has_the_precautions_in_one_column(tmp_path: Path) -> None:
    with open_history() as history:
        seed(history, 1)
        _adapted(history)
        history.export_csv(tmp_path / "history.csv")
    with (tmp_path / "history.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0])[24:26] == ("trial", "precautions")  # new columns go at the end, after these
    assert [row["precautions"] for row in rows] == [""] * 3 + ["crossing turning-in"] * 2


def test_import_refuses_what_is_not_an_export() -> None:
    with open_history() as history:
        for data in ([], "text", None, {"sessions": []}):
            with pytest.raises(HistoryImportError, match="not a hipcoach history export"):
                history.import_json(data)


def test_csv_has_one_row_per_result_with_the_session_columns(tmp_path: Path) -> None:
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir()
    with open_history() as history:
        ids = _rich(history)
        assert history.export_csv(target) == 3 * 3 + 1 + 1  # the second session's bike was done twice
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 11
    first = [row for row in rows if row["started_at"] == "2026-03-02T08:00:00+00:00"]
    assert [(row["exercise_id"], row["side"], row["target"], row["actual"], row["unit"]) for row in first] == [
        ("bridge", "left", "10", "10", "reps"),
        ("bridge", "right", "10", "10", "reps"),
        ("bike", "", "600", "600", "seconds"),
    ]
    assert {row["pain_before"] for row in first} == {"6"}
    assert [row["sharp_pain"] for row in first] == ["0", "0", "0"]
    second = [row for row in rows if row["started_at"] == "2026-03-03T08:00:00+00:00"]
    assert [(row["exercise_id"], row["status"], row["sharp_pain"], row["attempt"]) for row in second][-2:] == [
        ("bike", "completed", "0", "1"),
        ("bike", "partial", "1", "2"),
    ]
    assert rows[-1]["sharp_pain"] == ""  # a session without results: no exercise, no mark
    assert first[0]["note"] == 'Tight hip, "better" after'
    last = rows[-1]
    assert (last["routine_id"], last["session_status"], last["exercise_id"], last["active_seconds"]) == (
        "long",
        "stopped",
        "",
        "55.0",
    )
    assert len(ids) == 4
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
