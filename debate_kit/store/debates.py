"""Debate rounds: side assignments (seats), rebuttal speeches and their rubric scores."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.formats import DebateFormat, running_order
from debate_kit.core.scoring import check_score, may_score
from debate_kit.core.sides import Assignment, Seat
from debate_kit.core.validation import check_row_id
from debate_kit.core.vocabulary import SIDES
from debate_kit.store.base import now, room_from_row
from debate_kit.store.classroom import ClassroomOps
from debate_kit.store.models import Round, ScoreRow, SeatRow, Speech


def _round(row: Any) -> Round:
    return Round(
        id=int(row["id"]), room_id=int(row["room_id"]), number=int(row["number"]),
        seed=int(row["seed"]), format=row["format"], published=bool(row["published"]),
        scoring=row["scoring"],
    )


def _seat(row: Any) -> SeatRow:
    return SeatRow(
        round_id=int(row["round_id"]), participant_id=int(row["participant_id"]), role=row["role"],
        debate=row["debate"], speaker=row["speaker"],
    )


def _speech(row: Any) -> Speech:
    return Speech(
        id=int(row["id"]), round_id=int(row["round_id"]), debate=int(row["debate"]), side=row["side"],
        label=row["label"],
        speaker_id=None if row["speaker_id"] is None else int(row["speaker_id"]),
    )


def as_core_seat(seat: SeatRow | None) -> Seat | None:
    if seat is None:
        return None
    return Seat(str(seat.participant_id), seat.role, seat.debate, seat.speaker)


class DebateOps(ClassroomOps):
    def save_round(
        self, room_id: int, teacher_key: object, assignment: Assignment, fmt: DebateFormat
    ) -> Round:
        """Store a new round's seats and its rebuttal speeches (not yet shown to students)."""
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            cur.execute(
                "SELECT COALESCE(MAX(number), 0) AS n FROM rounds WHERE room_id = ?", (room_id,)
            )
            number = int(cur.fetchone()["n"]) + 1
            cur.execute(
                "INSERT INTO rounds (room_id, number, seed, format, created_at) "
                "VALUES (?, ?, ?, ?, ?) RETURNING *",
                (room_id, number, assignment.seed, json.dumps(asdict(fmt)), now()),
            )
            round_ = _round(cur.fetchone())
            self._write_seats(cur, round_, assignment, fmt)
            return round_

    def replace_seats(
        self, round_id: int, teacher_key: object, assignment: Assignment
    ) -> None:
        """Replace a round's seats (after manual swaps); refused once scores exist."""
        round_ = self.round(round_id)
        with self._tx(round_.room_id) as cur:
            self._check_teacher(cur, round_.room_id, teacher_key)
            cur.execute(
                "SELECT COUNT(*) AS n FROM scores s JOIN speeches p ON s.speech_id = p.id "
                "WHERE p.round_id = ?", (round_id,),
            )
            if int(cur.fetchone()["n"]):
                raise NotAllowed("round-scored", "Rebuttals in this round have scores: start a new round.")
            cur.execute("DELETE FROM speeches WHERE round_id = ?", (round_id,))
            cur.execute("DELETE FROM seats WHERE round_id = ?", (round_id,))
            self._write_seats(cur, round_, assignment, DebateFormat(**json.loads(round_.format)))

    def _write_seats(self, cur: Any, round_: Round, assignment: Assignment, fmt: DebateFormat) -> None:
        cur.execute("SELECT id FROM participants WHERE room_id = ?", (round_.room_id,))
        members = {str(r["id"]) for r in cur.fetchall()}
        unknown = sorted({s.participant for s in assignment.seats} - members)
        if unknown:
            raise InvalidInput("seat-unknown", "Some seats are for people who are not in this room.")
        for seat in assignment.seats:
            cur.execute(
                "INSERT INTO seats (round_id, participant_id, role, debate, speaker) "
                "VALUES (?, ?, ?, ?, ?)",
                (round_.id, int(seat.participant), seat.role, seat.debate, seat.speaker),
            )
        debates = sorted({s.debate for s in assignment.seats if s.role in SIDES and s.debate})
        for debate in debates:
            for slot in running_order(fmt):
                if slot.kind != "rebuttal":
                    continue
                team = sorted(
                    (s for s in assignment.seats if s.debate == debate and s.role == slot.side),
                    key=lambda s: (s.speaker != slot.position, s.speaker or 99),
                )
                speaker = int(team[0].participant) if team else None
                cur.execute(
                    "INSERT INTO speeches (round_id, debate, side, label, speaker_id) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (round_.id, debate, slot.side, f"Debate {debate}: {slot.label}", speaker),
                )

    def round(self, round_id: int) -> Round:
        with self._read() as cur:
            cur.execute("SELECT * FROM rounds WHERE id = ?", (round_id,))
            row = cur.fetchone()
        if row is None:
            raise NotFound("round-unknown", "This debate round does not exist.")
        return _round(row)

    def rounds(self, room_id: int) -> list[Round]:
        with self._read() as cur:
            cur.execute("SELECT * FROM rounds WHERE room_id = ? ORDER BY number", (room_id,))
            return [_round(r) for r in cur.fetchall()]

    def seats(self, round_id: int) -> list[SeatRow]:
        with self._read() as cur:
            cur.execute("SELECT * FROM seats WHERE round_id = ? ORDER BY participant_id", (round_id,))
            return [_seat(r) for r in cur.fetchall()]

    def side_history(self, room_id: int) -> dict[str, list[str]]:
        """Each participant's roles in earlier rounds, oldest first (for side balancing)."""
        with self._read() as cur:
            cur.execute(
                "SELECT s.participant_id, s.role FROM seats s JOIN rounds r ON s.round_id = r.id "
                "WHERE r.room_id = ? ORDER BY r.number", (room_id,),
            )
            history: dict[str, list[str]] = {}
            for r in cur.fetchall():
                history.setdefault(str(r["participant_id"]), []).append(r["role"])
            return history

    def publish_round(self, round_id: int, teacher_key: object, published: bool = True) -> None:
        round_ = self.round(round_id)
        with self._tx(round_.room_id) as cur:
            self._check_teacher(cur, round_.room_id, teacher_key)
            cur.execute("UPDATE rounds SET published = ? WHERE id = ?", (int(published), round_id))

    def set_scoring(self, round_id: int, teacher_key: object, open_: bool) -> None:
        round_ = self.round(round_id)
        with self._tx(round_.room_id) as cur:
            self._check_teacher(cur, round_.room_id, teacher_key)
            cur.execute(
                "UPDATE rounds SET scoring = ? WHERE id = ?",
                ("open" if open_ else "closed", round_id),
            )

    def speeches(self, round_id: int) -> list[Speech]:
        with self._read() as cur:
            cur.execute("SELECT * FROM speeches WHERE round_id = ? ORDER BY id", (round_id,))
            return [_speech(r) for r in cur.fetchall()]

    def submit_score(
        self, speech_id: int, scorer_id: int, values: object, comment: object = ""
    ) -> None:
        """One score per scorer per speech, editable while the teacher keeps scoring open."""
        if not isinstance(values, dict):
            raise InvalidInput("score-type", "A score needs a number for every criterion.")
        speech_id = check_row_id(speech_id, "speech")
        with self._read() as cur:
            cur.execute(
                "SELECT p.*, r.room_id, r.scoring, r.id AS rid FROM speeches p "
                "JOIN rounds r ON p.round_id = r.id WHERE p.id = ?", (speech_id,),
            )
            speech = cur.fetchone()
        if speech is None:
            raise NotFound("speech-unknown", "This speech does not exist.")
        room_id = int(speech["room_id"])
        with self._tx(room_id) as cur:
            self._member(cur, scorer_id, room_id)
            room = room_from_row(self._room_row(cur, room_id))
            cur.execute("SELECT scoring, published FROM rounds WHERE id = ?", (speech["rid"],))
            state = cur.fetchone()
            if state["scoring"] != "open" or not state["published"]:
                raise NotAllowed("scoring-closed", "Scoring is closed for this round.")
            cur.execute(
                "SELECT * FROM seats WHERE round_id = ? AND participant_id = ?",
                (speech["rid"], scorer_id),
            )
            row = cur.fetchone()
            scorer = as_core_seat(_seat(row)) if row else None
            speaker = Seat(
                str(speech["speaker_id"]), speech["side"], int(speech["debate"]), None
            )
            if speech["speaker_id"] is not None and str(scorer_id) == speaker.participant:
                raise NotAllowed("own-speech", "You can't score your own speech.")
            may_score(scorer, speaker)
            vals, text = check_score(
                room.rubric_min, room.rubric_max, room.rubric_criteria, values, comment
            )
            cur.execute(
                "INSERT INTO scores (speech_id, scorer_id, vals, comment, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (speech_id, scorer_id) DO UPDATE SET "
                "vals = excluded.vals, comment = excluded.comment, updated_at = excluded.updated_at",
                (speech_id, scorer_id, json.dumps(vals), text, now()),
            )

    def scores(self, speech_id: int) -> list[ScoreRow]:
        with self._read() as cur:
            cur.execute("SELECT * FROM scores WHERE speech_id = ? ORDER BY scorer_id", (speech_id,))
            return [
                ScoreRow(int(r["speech_id"]), int(r["scorer_id"]), json.loads(r["vals"]),
                         r["comment"], r["updated_at"])
                for r in cur.fetchall()
            ]
