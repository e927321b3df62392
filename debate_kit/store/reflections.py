"""Reflections on one's own swing in the store: written by a student who voted before and after.

Rights are checked here, inside the write's transaction, whatever the page showed (rules in
:mod:`debate_kit.core.reflection`): the poll is the after-vote of a motion in the student's own room,
the room is in the post-vote or results phase with that vote closed, the student voted in both the
before and the after poll, and the card or speech they name is one they were offered (their own or
their team's card; a speech of the room's published round). One reflection per student and motion,
replaced when written again; every write moves the room's revision on (the change feed); a room's
deletion takes its reflections.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.reflection import NOT_BOTH, check_why, movement, parse_mattered, refusal
from debate_kit.core.validation import check_row_id
from debate_kit.core.vocabulary import SIDES
from debate_kit.store.base import now
from debate_kit.store.classroom import ClassroomOps

NOT_A_MOTION = "That is not the vote after the debate in your room: reload the page."
PICK_UNKNOWN = "That card or speech is not one you can pick (it may have been deleted): pick again."
NOT_JOINED = "You are not in this room any more: reload the page."


@dataclass(frozen=True)
class Reflection:
    id: int
    room_id: int
    participant_id: int
    poll_id: int
    before: str
    after: str
    movement: str
    why: str
    mattered: str
    mattered_label: str
    updated_at: str


def _reflection(row: Any) -> Reflection:
    return Reflection(int(row["id"]), int(row["room_id"]), int(row["participant_id"]), int(row["poll_id"]),
                      row["before_choice"], row["after_choice"], row["movement"], row["why"],
                      row["mattered"], row["mattered_label"], row["updated_at"])


class ReflectionOps(ClassroomOps):
    def save_reflection(self, participant_id: int, poll_id: object, why: object,
                        mattered: object) -> Reflection:
        """Keep (or replace) a student's reflection on the motion whose after-vote is ``poll_id``."""
        participant_id = check_row_id(participant_id, "participant")
        poll_id = check_row_id(poll_id, "poll")
        text = check_why(why)
        kind, ref = parse_mattered(mattered)
        with self._read() as cur:
            cur.execute("SELECT room_id FROM participants WHERE id = ?", (participant_id,))
            row = cur.fetchone()
            if row is None:
                raise NotFound("participant-unknown", NOT_JOINED)
            room_id = int(row["room_id"])
        with self._tx(room_id) as cur:
            self._member(cur, participant_id, room_id)  # refuses a closed room too
            room = self._room_row(cur, room_id)
            cur.execute("SELECT * FROM polls WHERE id = ? AND room_id = ?", (poll_id, room_id))
            post = cur.fetchone()
            if post is None or post["kind"] != "motion" or not post["key"].endswith("-post"):
                raise NotFound("reflection-poll", NOT_A_MOTION)
            why_not = refusal(room["phase"], bool(room["closed"]), post["state"])
            if why_not is not None:
                raise NotAllowed("reflection-closed", why_not)
            before = self._choice(cur, room_id, post["key"][:-len("-post")] + "-pre", participant_id)
            after = self._choice(cur, room_id, post["key"], participant_id)
            if before is None or after is None:
                raise NotAllowed("reflection-no-votes", NOT_BOTH)
            label = "" if ref is None else self._pick_label(cur, room_id, participant_id, kind, ref)
            stamp = now()
            cur.execute(
                "INSERT INTO reflections (room_id, participant_id, poll_id, before_choice, after_choice, "
                "movement, why, mattered, mattered_label, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (participant_id, poll_id) DO UPDATE SET "
                "before_choice = excluded.before_choice, after_choice = excluded.after_choice, "
                "movement = excluded.movement, why = excluded.why, mattered = excluded.mattered, "
                "mattered_label = excluded.mattered_label, updated_at = excluded.updated_at RETURNING *",
                (room_id, participant_id, poll_id, before, after, movement(before, after), text,
                 str(mattered), label, stamp, stamp))
            return _reflection(cur.fetchone())

    def reflections(self, room_id: int, participant_id: int | None = None) -> list[Reflection]:
        """The room's reflections (or one participant's), oldest first."""
        sql, params = "SELECT * FROM reflections WHERE room_id = ?", (room_id,)
        if participant_id is not None:
            sql, params = sql + " AND participant_id = ?", (room_id, participant_id)
        with self._read() as cur:
            cur.execute(sql + " ORDER BY id", params)
            return [_reflection(r) for r in cur.fetchall()]

    # -- checks inside the transaction ----------------------------------------------------------------
    def _choice(self, cur: Any, room_id: int, key: str, participant_id: int) -> str | None:
        cur.execute("SELECT v.choice FROM votes v JOIN polls p ON v.poll_id = p.id "
                    "WHERE p.room_id = ? AND p.key = ? AND v.participant_id = ?",
                    (room_id, key, participant_id))
        row = cur.fetchone()
        return None if row is None else str(row["choice"])

    def _debates_seen(self, cur: Any, round_: Any, participant_id: int) -> set[int]:
        """The debates whose speeches a student may name: their own, or every one without a seat in one."""
        cur.execute("SELECT debate FROM seats WHERE round_id = ? AND participant_id = ?",
                    (int(round_["id"]), participant_id))
        seat = cur.fetchone()
        if seat is not None and seat["debate"]:
            return {int(seat["debate"])}
        cur.execute("SELECT DISTINCT debate FROM speeches WHERE round_id = ?", (int(round_["id"]),))
        return {int(r["debate"]) for r in cur.fetchall()}

    def _pick_label(self, cur: Any, room_id: int, participant_id: int, kind: str, ref: int) -> str:
        """The picked card's claim or speech's label, if the student was offered it; else refused."""
        cur.execute("SELECT id FROM rounds WHERE room_id = ? AND published = 1 ORDER BY number DESC LIMIT 1",
                    (room_id,))
        round_ = cur.fetchone()
        if kind == "speech":
            cur.execute("SELECT label, debate FROM speeches WHERE id = ? AND round_id = ?",
                        (ref, -1 if round_ is None else int(round_["id"])))
            row = cur.fetchone()
            if row is None or int(row["debate"]) not in self._debates_seen(cur, round_, participant_id):
                raise InvalidInput("reflection-pick", PICK_UNKNOWN)
            return speech_label(row["label"], int(row["debate"]))  # no name: the results may be projected
        cur.execute("SELECT participant_id, claim FROM cards WHERE id = ? AND room_id = ?", (ref, room_id))
        card = cur.fetchone()
        if card is None:
            raise InvalidInput("reflection-pick", PICK_UNKNOWN)
        author = int(card["participant_id"])
        if author != participant_id:
            teams: dict[int, tuple[str, int]] = {}
            if round_ is not None:
                cur.execute("SELECT participant_id, role, debate FROM seats WHERE round_id = ? "
                            "AND participant_id IN (?, ?)", (int(round_["id"]), participant_id, author))
                teams = {int(r["participant_id"]): (r["role"], int(r["debate"] or 0)) for r in cur.fetchall()
                         if r["role"] in SIDES}
            if participant_id not in teams or teams.get(author) != teams[participant_id]:
                raise InvalidInput("reflection-pick", PICK_UNKNOWN)
        return card_label(card["claim"])


def speech_label(label: str, debate: int, speaker: str | None = None) -> str:
    """``"Debate 1: Proposition rebuttal"`` (the debate added if the label lacks it), with ``" (Ann)"`` on
    a student's list (the class saw who spoke); stored without the name, as the results page names
    nobody unless private."""
    named = label if label.startswith(f"Debate {debate}:") else f"{label}, debate {debate}"
    return named + (f" ({speaker})" if speaker else "")


def card_label(claim: str) -> str:
    """A card as the list and the results name it: "Card: " and its claim, cut at 80 characters."""
    text = " ".join(claim.split())
    return "Card: " + (text if len(text) <= 80 else text[:79].rstrip() + "…")
