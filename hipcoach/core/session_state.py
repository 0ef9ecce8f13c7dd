"""Where a session stands, apart from the engine that moves it, so the window can ask before any engine exists."""

from __future__ import annotations

import enum


class State(enum.StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    WAITING = "waiting"  # "wait for me": holding before a get-ready until the user says go
    FINISHED = "finished"
    STOPPED = "stopped"
