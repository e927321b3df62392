"""Polls, votes and written answers of a room's participants."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.tally import OptionCount, tally
from debate_kit.core.validation import check_id, check_row_id, clean_text
from debate_kit.core.vocabulary import POLL_KINDS, POLL_STATES
from debate_kit.store.base import now, room_from_row
from debate_kit.store.classroom import ClassroomOps
from debate_kit.store.models import Answer, Poll, Room, Vote

#: Refuses a vote by raising: given the poll, its room and the room's polls, read in the vote's transaction.
VoteCheck = Callable[[Poll, Room, list[Poll]], None]

MAX_OPTIONS = 12
MAX_OPTION = 200
MAX_QUESTION = 500


def _poll(row: Any) -> Poll:
    return Poll(
        id=int(row["id"]), room_id=int(row["room_id"]), key=row["key"], question=row["question"],
        kind=row["kind"], options=tuple(json.loads(row["options"])), section=row["section"],
        state=row["state"],
    )



class PollOps(ClassroomOps):
    """A room's polls (made in draft, then opened, closed, revealed), its votes and its answers."""

    def add_poll(
        self, room_id: int, teacher_key: object, key: str, question: str, kind: str,
        options: tuple[str, ...], section: str | None = None,
    ) -> Poll:
        """Create a poll (in draft), or return the existing one with this key."""
        key = check_id(key, "poll")
        question = clean_text(question, limit=MAX_QUESTION, what="question")
        if kind not in POLL_KINDS:
            raise InvalidInput("poll-kind", f"Unknown poll kind {kind!r}.")
        options = tuple(clean_text(o, limit=MAX_OPTION, what="option") for o in options)
        if not 2 <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options) or "" in options:
            raise InvalidInput("poll-options", "A poll needs 2 to 12 different, non-empty options.")
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute("SELECT * FROM polls WHERE room_id = ? AND key = ?", (room_id, key))
            row = cur.fetchone()
            if row is None:
                cur.execute(
                    "INSERT INTO polls (room_id, key, question, kind, options, section, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
                    (room_id, key, question, kind, json.dumps(options), section, now()),
                )
                row = cur.fetchone()
            return _poll(row)

    def polls(self, room_id: int) -> list[Poll]:
        with self._read() as cur:
            cur.execute("SELECT * FROM polls WHERE room_id = ? ORDER BY id", (room_id,))
            return [_poll(r) for r in cur.fetchall()]

    def poll(self, poll_id: int) -> Poll:
        poll_id = check_row_id(poll_id, "poll")
        with self._read() as cur:
            cur.execute("SELECT * FROM polls WHERE id = ?", (poll_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFound("poll-unknown", "This poll does not exist.")
        return _poll(row)

    def set_poll_state(self, poll_id: int, teacher_key: object, state: str) -> None:
        if state not in POLL_STATES or state == "draft":
            raise InvalidInput("poll-state", f"A poll can be opened, closed or revealed, not {state!r}.")
        room_id = self.poll(poll_id).room_id
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute("UPDATE polls SET state = ? WHERE id = ?", (state, poll_id))

    # -- votes ----------------------------------------------------------------------------------------
    def cast_vote(self, poll_id: int, participant_id: int, choice: object, *,
                  check: VoteCheck | None = None) -> int:
        """Record a vote: one row per voter and poll, keeping the current choice, the first one and how
        many times it changed (the store stays bounded however often a phone votes). Returns its id.

        ``check(poll, room, polls)``, if given, runs first inside the same transaction, with the poll's
        room and all its polls as stored, and raises to refuse the vote (the student's "is it shown?").
        """
        poll_id, participant_id = check_row_id(poll_id, "poll"), check_row_id(participant_id, "participant")
        with self._tx() as cur:
            cur.execute("SELECT * FROM polls WHERE id = ?", (poll_id,))
            row = cur.fetchone()
            if row is None:
                raise NotFound("poll-unknown", "This poll does not exist.")
            poll = _poll(row)
            if check is not None:
                room = room_from_row(self._room_row(cur, poll.room_id))
                cur.execute("SELECT * FROM polls WHERE room_id = ? ORDER BY id", (poll.room_id,))
                check(poll, room, [_poll(r) for r in cur.fetchall()])
            self._member(cur, participant_id, poll.room_id)
            if poll.state != "open":
                raise NotAllowed("poll-closed", "This poll is not open for voting.")
            if not isinstance(choice, str) or choice not in poll.options:
                raise InvalidInput("vote-option", "That is not one of this poll's options.")
            cur.execute(
                "INSERT INTO votes (poll_id, participant_id, choice, cast_at, first_choice, changes) "
                "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (poll_id, participant_id) DO UPDATE SET "
                "choice = excluded.choice, cast_at = excluded.cast_at, changes = votes.changes + 1 "
                "WHERE votes.choice <> excluded.choice RETURNING id",
                (poll_id, participant_id, choice, now(), choice),
            )
            written = cur.fetchone()
            if written is None:  # the same choice again: nothing changed, nobody to tell
                cur.execute("SELECT id FROM votes WHERE poll_id = ? AND participant_id = ?",
                            (poll_id, participant_id))
                return int(cur.fetchone()["id"])
            self._touch(cur, poll.room_id)
            return int(written["id"])

    def votes(self, poll_id: int) -> dict[int, str]:
        """Each participant's current vote."""
        with self._read() as cur:
            cur.execute("SELECT participant_id, choice FROM votes WHERE poll_id = ?", (poll_id,))
            return {int(r["participant_id"]): r["choice"] for r in cur.fetchall()}

    def vote_records(self, poll_id: int) -> list[Vote]:
        """Each participant's vote with their first choice and how many times they changed it."""
        with self._read() as cur:
            cur.execute(
                "SELECT participant_id, choice, first_choice, changes, cast_at FROM votes "
                "WHERE poll_id = ? ORDER BY id", (poll_id,),
            )
            return [Vote(int(r["participant_id"]), r["choice"], r["first_choice"] or r["choice"],
                         int(r["changes"]), r["cast_at"]) for r in cur.fetchall()]

    def tally(self, poll_id: int) -> tuple[tuple[OptionCount, ...], int]:
        return tally(self.poll(poll_id).options, self.votes(poll_id).values())

    # -- answers --------------------------------------------------------------------------------------
    def save_answer(self, participant_id: int, prompt: object, text: object) -> None:
        """Keep a participant's answer to a prompt (replacing their earlier one)."""
        prompt = check_id(prompt, "prompt")
        text = clean_text(text)
        with self._read() as cur:
            room_id = int(self._member_any(cur, participant_id)["room_id"])
        with self._tx(room_id) as cur:
            self._member(cur, participant_id, room_id)
            cur.execute(
                "INSERT INTO answers (room_id, participant_id, prompt, text, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id, prompt) DO UPDATE SET "
                "text = excluded.text, updated_at = excluded.updated_at",
                (room_id, participant_id, prompt, text, now()),
            )

    def _member_any(self, cur: Any, participant_id: int) -> Any:
        cur.execute("SELECT * FROM participants WHERE id = ?", (participant_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFound("participant-unknown", "You are not in this room any more: reload the page.")
        return row

    def answer_counts(self, room_id: int) -> dict[str, int]:
        """Prompt id -> how many participants answered it (one query; no text read)."""
        with self._read() as cur:
            cur.execute("SELECT prompt, COUNT(*) AS n FROM answers WHERE room_id = ? GROUP BY prompt",
                        (room_id,))
            return {r["prompt"]: int(r["n"]) for r in cur.fetchall()}

    def answers(self, room_id: int, prompt: str | None = None, *,
                participant_id: int | None = None) -> list[Answer]:
        """The room's answers (to one prompt, or of one participant: read by its index, not the room's)."""
        sql = "SELECT * FROM answers WHERE room_id = ?"
        params: tuple[Any, ...] = (room_id,)
        if prompt is not None:
            sql, params = sql + " AND prompt = ?", (*params, prompt)
        if participant_id is not None:
            sql, params = sql + " AND participant_id = ?", (*params, participant_id)
        with self._read() as cur:
            cur.execute(sql + " ORDER BY id", params)
            return [
                Answer(int(r["participant_id"]), r["prompt"], r["text"], r["updated_at"])
                for r in cur.fetchall()
            ]
