"""Plain records the store returns. They are snapshots: read again after the feed says "changed"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Room:
    id: int
    code: str
    title: str
    lesson: str
    phase: str
    closed: bool
    revision: int
    created_at: str
    rubric_min: int
    rubric_max: int
    rubric_criteria: tuple[str, ...]
    #: The speech on the clock, set by the teacher's timer: label, speaker, seconds, running, left, since
    #: (``since``: epoch seconds when ``left`` was true). None before the first speech.
    speech: dict[str, Any] | None = None
    #: Closed to new participants (those already in can come back); set by the teacher.
    locked: bool = False
    #: How many may join; set by the teacher (default: the largest class the kit is measured for).
    max_people: int = 1000
    #: On a JupyterHub: the hub users who teach this room (the first made it); () elsewhere.
    owners: tuple[str, ...] = ()
    #: On a JupyterHub: the room's public salt, from which only the service derives its teacher key.
    hub_salt: str = ""
    #: The evidence card on the class screen (its id; shown without its author), set by the teacher.
    shown_card: int | None = None


@dataclass(frozen=True)
class Participant:
    id: int
    room_id: int
    name: str
    role: str
    created_at: str


@dataclass(frozen=True)
class Poll:
    id: int
    room_id: int
    key: str
    question: str
    kind: str
    options: tuple[str, ...]
    section: str | None
    state: str


@dataclass(frozen=True)
class Vote:
    """A participant's vote in a poll: the current choice, the first one and how often it changed."""

    participant_id: int
    choice: str
    first_choice: str
    changes: int
    cast_at: str


@dataclass(frozen=True)
class Round:
    id: int
    room_id: int
    number: int
    seed: int
    format: str
    published: bool
    scoring: str


@dataclass(frozen=True)
class SeatRow:
    round_id: int
    participant_id: int
    role: str
    debate: int | None
    speaker: int | None


@dataclass(frozen=True)
class Speech:
    id: int
    round_id: int
    debate: int
    side: str
    label: str
    speaker_id: int | None


@dataclass(frozen=True)
class ScoreRow:
    speech_id: int
    scorer_id: int
    values: dict[str, int]
    comment: str
    updated_at: str


@dataclass(frozen=True)
class Answer:
    participant_id: int
    prompt: str
    text: str
    updated_at: str
