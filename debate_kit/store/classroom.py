"""Rooms and participants (polls, votes and answers: :mod:`debate_kit.store.polls`)."""

from __future__ import annotations

import json
import math
import secrets
import time
from collections.abc import Sequence
from random import SystemRandom
from typing import Any

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.validation import (
    check_id,
    check_phase,
    clean_name,
    clean_text,
    clean_title,
    new_join_code,
    normalize_join_code,
)
from debate_kit.core.vocabulary import POLL_STATES
from debate_kit.store.base import StoreBase, digest, now, room_from_row
from debate_kit.store.membership import check_entry
from debate_kit.store.models import Participant, Room

MAX_TOKEN = 200
MAX_SPEECH = 20 * 60
MAX_LABEL = 200  # a speech label, as long as a poll option


def _participant(row: Any) -> Participant:
    return Participant(
        id=int(row["id"]), room_id=int(row["room_id"]), name=row["name"], role=row["role"],
        created_at=row["created_at"],
    )


def _token(token: object) -> str:
    if not isinstance(token, str) or not 16 <= len(token) <= MAX_TOKEN or not token.isprintable():
        raise InvalidInput("token-invalid", "This browser did not send a valid device id; reload the page.")
    return token


class ClassroomOps(StoreBase):
    # -- rooms ----------------------------------------------------------------------------------------
    def create_room(
        self, title: str, lesson: str, *, rubric: tuple[int, int, tuple[str, ...]] | None = None,
        hub: tuple[str, str, str] | None = None,
    ) -> tuple[Room, str]:
        """A new room with a fresh join code; returns it with the teacher key (shown once, kept hashed).

        ``hub`` (JupyterHub service only): (owner, salt, key): the hub user who owns the room, and the
        key the service derived from the salt with a secret only it holds (no browser ever gets it).
        """
        title = clean_title(title)
        lesson = check_id(lesson, "lesson")
        low, high, criteria = rubric or (1, 5, ("clash", "evidence", "reasoning", "delivery"))
        settings: dict[str, Any] = {"rubric": {"min": low, "max": high, "criteria": list(criteria)}}
        key = secrets.token_urlsafe(18)
        if hub is not None:
            owner, salt, key = (clean_text(v, limit=200, what="hub user") for v in hub)
            settings.update(owners=[owner], hub_salt=salt)
        rng = SystemRandom()
        with self._tx() as cur:
            for attempt in range(200):
                code = new_join_code(rng, 4 if attempt < 100 else 5)
                cur.execute("SELECT 1 FROM rooms WHERE code = ?", (code,))
                if cur.fetchone() is None:
                    break
            cur.execute(
                "INSERT INTO rooms (code, title, lesson, teacher_hash, settings, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (code, title, lesson, digest(key), json.dumps(settings), now()),
            )
            room_id = int(cur.fetchone()["id"])
            return room_from_row(self._room_row(cur, room_id)), key

    def room(self, code: object) -> Room:
        """The room with this join code (typed by a person: normalised and checked)."""
        code = normalize_join_code(code)
        with self._read() as cur:
            cur.execute("SELECT * FROM rooms WHERE code = ?", (code,))
            row = cur.fetchone()
        if row is None:
            raise NotFound("room-unknown", f"There is no room {code}. Check the code on the board.")
        return room_from_row(row)

    def room_by_id(self, room_id: int) -> Room:
        with self._read() as cur:
            return room_from_row(self._room_row(cur, room_id))

    def rooms(self) -> list[Room]:
        with self._read() as cur:
            cur.execute("SELECT * FROM rooms ORDER BY id")
            return [room_from_row(r) for r in cur.fetchall()]

    def revision(self, room_id: int) -> int:
        with self._read() as cur:
            cur.execute("SELECT revision FROM rooms WHERE id = ?", (room_id,))
            row = cur.fetchone()
        return -1 if row is None else int(row["revision"])

    def is_teacher(self, room_id: int, teacher_key: object) -> bool:
        try:
            with self._read() as cur:
                self._check_teacher(cur, room_id, teacher_key)
        except (NotAllowed, NotFound):
            return False
        return True

    def set_phase(self, room_id: int, teacher_key: object, phase: str,
                  polls: Sequence[tuple[int, str]] = ()) -> None:
        """Move the class to ``phase`` and, in the same transaction, set these polls' states."""
        phase = check_phase(phase)
        for _poll_id, state in polls:
            if state not in POLL_STATES or state == "draft":
                raise InvalidInput("poll-state", f"A poll can be opened, closed or revealed, not {state!r}.")
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute("UPDATE rooms SET phase = ? WHERE id = ?", (phase, room_id))
            for poll_id, state in polls:
                cur.execute("UPDATE polls SET state = ? WHERE id = ? AND room_id = ?",
                            (state, poll_id, room_id))

    def set_speech(self, room_id: int, teacher_key: object, *, label: object, speaker: object,
                   seconds: object, running: object, left: object) -> None:
        """The speech on the clock, for every student's page: what, who, how long, running or not,
        and the seconds left now (stamped with this moment, so pages count down on their own)."""
        label = clean_text(label, limit=MAX_LABEL, what="speech label")
        speaker = clean_text(speaker, limit=200, what="speaker")
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 1 <= seconds <= MAX_SPEECH:
            raise InvalidInput("speech-seconds", f"A speech lasts 1 to {MAX_SPEECH} seconds.")
        if isinstance(left, bool) or not isinstance(left, int | float) or not math.isfinite(left) \
                or abs(left) > MAX_SPEECH:
            raise InvalidInput("speech-left", "The time left is out of range.")
        if not isinstance(running, bool):
            raise InvalidInput("speech-running", "Running must be true or false.")
        speech = {"label": label, "speaker": speaker, "seconds": seconds, "running": running,
                  "left": float(left), "since": time.time()}
        with self._tx(room_id) as cur:
            row = self._check_teacher(cur, room_id, teacher_key)
            settings = json.loads(row["settings"])
            settings["speech"] = speech
            cur.execute("UPDATE rooms SET settings = ? WHERE id = ?", (json.dumps(settings), room_id))

    def set_owners(self, room_id: int, teacher_key: object, owners: Sequence[object]) -> None:
        """JupyterHub: the hub users who teach this room (the owner first; co-teachers after)."""
        names = [clean_text(o, limit=200, what="hub user") for o in owners]
        if not names or len(names) > 20 or len(set(names)) != len(names):
            raise InvalidInput("owners", "A room has 1 to 20 different teachers.")
        with self._tx(room_id) as cur:
            row = self._check_teacher(cur, room_id, teacher_key)
            settings = json.loads(row["settings"])
            settings["owners"] = names
            cur.execute("UPDATE rooms SET settings = ? WHERE id = ?", (json.dumps(settings), room_id))

    def set_closed(self, room_id: int, teacher_key: object, closed: bool) -> None:
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute(
                "UPDATE rooms SET closed = ?, closed_at = ? WHERE id = ?",
                (int(closed), now() if closed else None, room_id),
            )

    def delete_room(self, room_id: int, teacher_key: object) -> None:
        with self._tx() as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute("DELETE FROM rooms WHERE id = ?", (room_id,))
        self._notify_deleted(room_id)

    def new_teacher_key_as_admin(self, code: str) -> str:
        """For the command line: replace a room's teacher key (the old one stops working)."""
        room = self.room(code)
        key = secrets.token_urlsafe(18)
        with self._tx(room.id) as cur:
            cur.execute("UPDATE rooms SET teacher_hash = ? WHERE id = ?", (digest(key), room.id))
        return key

    def delete_room_as_admin(self, code: str) -> None:
        """For the command line, whose user can open the database file anyway."""
        room = self.room(code)
        with self._tx() as cur:
            cur.execute("DELETE FROM rooms WHERE id = ?", (room.id,))
        self._notify_deleted(room.id)

    def _notify_deleted(self, room_id: int) -> None:
        with self._tx() as cur:
            self.backend.notify(cur, room_id)

    # -- participants ---------------------------------------------------------------------------------
    def join(self, room_id: int, name: object, token: object, *, role: str = "student") -> Participant:
        """Join (or re-join) a room. The same device token is the same participant, with its votes."""
        token_hash = digest(_token(token))
        with self._tx(room_id) as cur:
            room = self._room_row(cur, room_id)
            cur.execute(
                "SELECT * FROM participants WHERE room_id = ? AND token_hash = ?", (room_id, token_hash)
            )
            row = cur.fetchone()
            if row is not None:
                return _participant(row)
            if room["closed"]:
                raise NotAllowed("room-closed", "This room is closed: ask your teacher for a new code.")
            check_entry(cur, room)  # locked or full: see store/membership.py
            name = clean_name(name)
            cur.execute(
                "SELECT 1 FROM participants WHERE room_id = ? AND lower(name) = lower(?)",
                (room_id, name),
            )
            if cur.fetchone() is not None:
                raise InvalidInput(
                    "name-taken", f"Someone in this room is already called {name!r}: add an initial."
                )
            cur.execute(
                "INSERT INTO participants (room_id, name, token_hash, role, created_at) "
                "VALUES (?, ?, ?, ?, ?) RETURNING *",
                (room_id, name, token_hash, role, now()),
            )
            return _participant(cur.fetchone())

    def participant_by_token(self, room_id: int, token: object) -> Participant | None:
        with self._read() as cur:
            cur.execute(
                "SELECT * FROM participants WHERE room_id = ? AND token_hash = ?",
                (room_id, digest(_token(token))),
            )
            row = cur.fetchone()
        return None if row is None else _participant(row)

    def participants(self, room_id: int) -> list[Participant]:
        with self._read() as cur:
            cur.execute("SELECT * FROM participants WHERE room_id = ? ORDER BY id", (room_id,))
            return [_participant(r) for r in cur.fetchall()]

    def _member(self, cur: Any, participant_id: int, room_id: int) -> Any:
        """The participant's row, if they belong to this room and the room is still open."""
        cur.execute("SELECT * FROM participants WHERE id = ?", (participant_id,))
        row = cur.fetchone()
        if row is None or int(row["room_id"]) != room_id:
            raise NotAllowed("not-in-room", "You are not a member of this room: join it first.")
        if self._room_row(cur, room_id)["closed"]:
            raise NotAllowed("room-closed", "This room is closed: nothing more can be changed.")
        return row

    # -- polls ----------------------------------------------------------------------------------------
