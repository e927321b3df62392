"""Evidence cards in the store: made and edited by their author while editing is open, marked by teammates.

Rights are checked here, inside each write's transaction, whatever the page showed: only the author
changes a card, only in the reading and sides phases, at most :data:`MAX_CARDS` each; only a member of
the author's team (same side, same debate, in the published round) marks it, in the sides and debate
phases. Every write moves the room's revision on (the change feed); a room's deletion takes its cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from debate_kit.core.cards import DECK_PHASES, FIELDS, MAX_CARDS, check_card, edit_refusal
from debate_kit.core.errors import NotAllowed, NotFound
from debate_kit.core.validation import check_row_id
from debate_kit.core.vocabulary import SIDES
from debate_kit.store.base import now
from debate_kit.store.classroom import ClassroomOps
from debate_kit.store.membership import hold_room

NOT_YOURS = "That card is not yours: only its author can change it."
NO_CARD = "There is no such card (it may have been deleted): reload the page."
TOO_MANY = f"You already have {MAX_CARDS} cards, the most one student can keep. Delete one first."
NOT_TEAM = "You can only mark your own team's cards, once the sides are out."
MARK_CLOSED = "Cards can be marked while preparing and during the debate only."
_COLUMNS = ", ".join(FIELDS)


@dataclass(frozen=True)
class Card:
    id: int
    room_id: int
    participant_id: int
    fields: dict[str, str]
    created_at: str
    updated_at: str


def _card(row: Any) -> Card:
    return Card(int(row["id"]), int(row["room_id"]), int(row["participant_id"]),
                {name: row[name] for name in FIELDS}, row["created_at"], row["updated_at"])


class CardOps(ClassroomOps):
    def save_card(self, participant_id: int, fields: object, card_id: int | None = None) -> Card:
        """Add a card (``card_id`` None) or replace one of the author's own; returns it as stored."""
        participant_id = check_row_id(participant_id, "participant")
        checked = check_card(fields)
        with self._read() as cur:
            room_id = self._card_room(cur, participant_id)
        with self._tx(room_id) as cur:
            self._may_edit(cur, participant_id, room_id)
            stamp = now()
            if card_id is None:
                hold_room(cur, room_id)  # two saves at once cannot both take the 50th place
                cur.execute("SELECT COUNT(*) AS n FROM cards WHERE participant_id = ?", (participant_id,))
                if int(cur.fetchone()["n"]) >= MAX_CARDS:
                    raise NotAllowed("card-limit", TOO_MANY)
                cur.execute(
                    f"INSERT INTO cards (room_id, participant_id, {_COLUMNS}, created_at, updated_at) "
                    f"VALUES (?, ?, {', '.join('?' for _ in FIELDS)}, ?, ?) RETURNING *",
                    (room_id, participant_id, *checked.values(), stamp, stamp))
                return _card(cur.fetchone())
            self._own_card(cur, participant_id, card_id)
            sets = ", ".join(f"{name} = ?" for name in FIELDS)
            cur.execute(f"UPDATE cards SET {sets}, updated_at = ? WHERE id = ? RETURNING *",
                        (*checked.values(), stamp, card_id))
            return _card(cur.fetchone())

    def delete_card(self, participant_id: int, card_id: int) -> None:
        """The author deletes their card (and teammates' marks on it) while editing is open."""
        participant_id = check_row_id(participant_id, "participant")
        with self._read() as cur:
            room_id = self._card_room(cur, participant_id)
        with self._tx(room_id) as cur:
            self._may_edit(cur, participant_id, room_id)
            self._own_card(cur, participant_id, card_id)
            cur.execute("DELETE FROM cards WHERE id = ?", (card_id,))

    def mark_card(self, participant_id: int, card_id: int, marked: bool) -> None:
        """A teammate of the card's author marks it for their speeches (or unmarks it)."""
        participant_id = check_row_id(participant_id, "participant")
        card_id = check_row_id(card_id, "card")
        with self._read() as cur:
            room_id = self._card_room(cur, participant_id)
        with self._tx(room_id) as cur:
            self._member(cur, participant_id, room_id)
            room = self._room_row(cur, room_id)
            if room["phase"] not in DECK_PHASES:
                raise NotAllowed("mark-closed", MARK_CLOSED)
            cur.execute("SELECT * FROM cards WHERE id = ? AND room_id = ?", (card_id, room_id))
            card = cur.fetchone()
            if card is None:
                raise NotFound("card-unknown", NO_CARD)
            teams = self._teams(cur, room_id)
            mine, theirs = teams.get(participant_id), teams.get(int(card["participant_id"]))
            if mine is None or mine != theirs:
                raise NotAllowed("card-not-team", NOT_TEAM)
            if marked:
                cur.execute("INSERT INTO card_marks (card_id, participant_id, marked_at) VALUES (?, ?, ?) "
                            "ON CONFLICT (card_id, participant_id) DO NOTHING",
                            (card_id, participant_id, now()))
            else:
                cur.execute("DELETE FROM card_marks WHERE card_id = ? AND participant_id = ?",
                            (card_id, participant_id))

    def cards(self, room_id: int) -> list[Card]:
        with self._read() as cur:
            cur.execute("SELECT * FROM cards WHERE room_id = ? ORDER BY id", (room_id,))
            return [_card(r) for r in cur.fetchall()]

    def card_marks(self, room_id: int) -> dict[int, tuple[int, ...]]:
        """Card id -> the participants who marked it for their speeches (by participant id)."""
        with self._read() as cur:
            cur.execute("SELECT m.card_id, m.participant_id FROM card_marks m "
                        "JOIN cards c ON m.card_id = c.id WHERE c.room_id = ? "
                        "ORDER BY m.card_id, m.participant_id", (room_id,))
            marks: dict[int, tuple[int, ...]] = {}
            for r in cur.fetchall():
                marks[int(r["card_id"])] = (*marks.get(int(r["card_id"]), ()), int(r["participant_id"]))
            return marks

    # -- checks inside a transaction ------------------------------------------------------------------
    def _card_room(self, cur: Any, participant_id: int) -> int:
        cur.execute("SELECT room_id FROM participants WHERE id = ?", (participant_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFound("participant-unknown", "You are not in this room any more: reload the page.")
        return int(row["room_id"])

    def _may_edit(self, cur: Any, participant_id: int, room_id: int) -> None:
        self._member(cur, participant_id, room_id)
        room = self._room_row(cur, room_id)
        why = edit_refusal(room["phase"], bool(room["closed"]))
        if why is not None:
            raise NotAllowed("cards-closed", why)

    def _own_card(self, cur: Any, participant_id: int, card_id: object) -> None:
        card_id = check_row_id(card_id, "card")
        cur.execute("SELECT participant_id FROM cards WHERE id = ?", (card_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFound("card-unknown", NO_CARD)
        if int(row["participant_id"]) != participant_id:
            raise NotAllowed("card-not-yours", NOT_YOURS)

    def _teams(self, cur: Any, room_id: int) -> dict[int, tuple[str, int]]:
        """Participant id -> (side, debate) in the room's latest published round (debaters only)."""
        cur.execute("SELECT id FROM rounds WHERE room_id = ? AND published = 1 ORDER BY number DESC LIMIT 1",
                    (room_id,))
        round_ = cur.fetchone()
        if round_ is None:
            return {}
        cur.execute("SELECT participant_id, role, debate FROM seats WHERE round_id = ?", (int(round_["id"]),))
        return {int(r["participant_id"]): (r["role"], int(r["debate"])) for r in cur.fetchall()
                if r["role"] in SIDES and r["debate"]}
