"""Who may come in: a room's size cap and lock (kept in its settings), and removing a participant.

Teacher operations check the room's teacher key here. A removed participant's votes, answers, seats and
scores go with them (the database's ON DELETE CASCADE), so every tally and count drops at once; the
room's revision moves on, so the class screen and the phones redraw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.store.base import StoreBase, room_from_row
from debate_kit.store.models import Room

#: The default cap: the largest class the kit is measured for (a lecture hall, BENCHMARKS.md).
DEFAULT_MAX_PEOPLE: int = Room.max_people
MAX_PEOPLE = 5000
ROOM_LOCKED = "This room is locked: ask your teacher to let you in."
ROOM_FULL = "This room is full: ask your teacher."


@dataclass(frozen=True)
class Removed:
    """Who was removed and what of theirs no longer counts."""

    name: str
    votes: int
    answers: int
    scores: int


def door_of(settings: dict[str, Any]) -> tuple[bool, int]:
    """(locked, max_people) from a room's settings."""
    return bool(settings.get("locked", False)), int(settings.get("max_people", DEFAULT_MAX_PEOPLE))


def hold_room(cur: Any, room_id: int) -> None:
    """Take the room's row lock for this transaction (PostgreSQL; SQLite's writes are serial anyway),
    so two joins cannot both take the last place, nor two settings changes undo each other."""
    cur.execute("UPDATE rooms SET revision = revision WHERE id = ?", (room_id,))


def check_entry(cur: Any, room_row: Any) -> None:
    """Refuse a new participant if the room is locked or full (inside the join's transaction)."""
    locked, max_people = door_of(json.loads(room_row["settings"]))
    if locked:
        raise NotAllowed("room-locked", ROOM_LOCKED)
    hold_room(cur, int(room_row["id"]))
    cur.execute("SELECT COUNT(*) AS n FROM participants WHERE room_id = ?", (int(room_row["id"]),))
    if int(cur.fetchone()["n"]) >= max_people:
        raise NotAllowed("room-full", ROOM_FULL)


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{what}-invalid", f"The {what.replace('-', ' ')} must be a whole number "
                           f"from {low} to {high}.")
    return value


class MembershipOps(StoreBase):
    def set_door(self, room_id: int, teacher_key: object, *, locked: object = None,
                 max_people: object = None) -> Room:
        """Lock or unlock the room to new participants, and/or set how many may join (1 to 5,000).

        Students already in can always come back (a reload, another network); a cap below the number
        already in keeps them all and lets nobody new in."""
        if locked is not None and not isinstance(locked, bool):
            raise InvalidInput("locked-invalid", "Locked must be true or false.")
        if max_people is not None:
            max_people = _whole(max_people, "room-size", 1, MAX_PEOPLE)
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            hold_room(cur, room_id)
            settings = json.loads(self._room_row(cur, room_id)["settings"])
            if locked is not None:
                settings["locked"] = locked
            if max_people is not None:
                settings["max_people"] = max_people
            cur.execute("UPDATE rooms SET settings = ? WHERE id = ?", (json.dumps(settings), room_id))
            return room_from_row(self._room_row(cur, room_id))

    def remove_participant(self, room_id: int, teacher_key: object, participant_id: object) -> Removed:
        """Take a participant out of the room with everything of theirs (votes, answers, seats, scores
        given). The device can join again as someone new unless the room is locked."""
        participant_id = _whole(participant_id, "participant", 1, 2**63 - 1)
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            hold_room(cur, room_id)
            cur.execute("SELECT name FROM participants WHERE id = ? AND room_id = ?",
                        (participant_id, room_id))
            row = cur.fetchone()
            if row is None:
                raise NotFound("participant-unknown", "That student is not in this room (any more).")
            counts = []
            for sql in ("SELECT COUNT(DISTINCT poll_id) AS n FROM votes WHERE participant_id = ?",
                        "SELECT COUNT(*) AS n FROM answers WHERE participant_id = ?",
                        "SELECT COUNT(*) AS n FROM scores WHERE scorer_id = ?"):
                cur.execute(sql, (participant_id,))
                counts.append(int(cur.fetchone()["n"]))
            cur.execute("DELETE FROM participants WHERE id = ? AND room_id = ?", (participant_id, room_id))
            return Removed(row["name"], *counts)
