"""Cards cited in speeches (tags) and the one card on the class screen, in the store.

Rights are checked inside each write's transaction (core/speech_cards.py has the rules): during the
debate phase, the speaker of a speech (or the teacher) tags cards of the speaker's own team for it, in
the room's latest published round. A tag is one row (round, debate, speech label, card); a card's
deletion, or the room's, takes its tags. The card on the class screen is a room setting the teacher sets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from debate_kit.core import speech_cards as rules
from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.validation import check_row_id
from debate_kit.store.base import now
from debate_kit.store.cards import Card, CardOps, _card
from debate_kit.store.membership import hold_room


@dataclass(frozen=True)
class SpeechCard:
    """A card cited in a speech: ``slot`` is the running order's label; ``tagged_by`` None: the teacher."""

    round_id: int
    debate: int
    slot: str
    card_id: int
    tagged_by: int | None
    tagged_at: str


class SpeechCardOps(CardOps):
    def tag_card(self, participant_id: int, speech: object, card_id: int, tagged: bool) -> None:
        """The speaker tags (or untags) one of their team's cards for their speech in their debate."""
        participant_id = check_row_id(participant_id, "participant")
        card_id = check_row_id(card_id, "card")
        with self._read() as cur:
            room_id = self._card_room(cur, participant_id)
        with self._tx(room_id) as cur:
            self._member(cur, participant_id, room_id)
            round_ = self._open_round(cur, room_id)
            cur.execute("SELECT role, debate FROM seats WHERE round_id = ? AND participant_id = ?",
                        (int(round_["id"]), participant_id))
            seat = cur.fetchone()
            if seat is None or not seat["debate"]:
                raise NotAllowed("tag-not-speaker", rules.NOT_SPEAKER)
            self._tag(cur, room_id, round_, int(seat["debate"]), speech, card_id, tagged, participant_id)

    def tag_card_as_teacher(self, room_id: int, teacher_key: object, debate: object, speech: object,
                            card_id: int, tagged: bool) -> None:
        """The teacher tags (or untags) a card for a speech of ``debate`` (a speaker without a phone)."""
        card_id = check_row_id(card_id, "card")
        if isinstance(debate, bool) or not isinstance(debate, int) or not 1 <= debate <= 1000:
            raise InvalidInput("tag-debate", "Pick the debate by its number.")
        with self._tx(room_id) as cur:
            self._check_teacher(cur, room_id, teacher_key)
            round_ = self._open_round(cur, room_id)
            self._tag(cur, room_id, round_, debate, speech, card_id, tagged, None)

    def speech_cards(self, room_id: int) -> list[SpeechCard]:
        """The tags of the room's rounds, in the order they were made."""
        with self._read() as cur:
            cur.execute("SELECT t.* FROM speech_cards t JOIN rounds r ON t.round_id = r.id "
                        "WHERE r.room_id = ? ORDER BY t.tagged_at, t.card_id", (room_id,))
            return [SpeechCard(int(r["round_id"]), int(r["debate"]), r["slot"], int(r["card_id"]),
                               None if r["tagged_by"] is None else int(r["tagged_by"]), r["tagged_at"])
                    for r in cur.fetchall()]

    def cited_cards(self, round_id: int) -> list[Card]:
        """The cards cited in any speech of a round (one read, however many cards the room has)."""
        with self._read() as cur:
            cur.execute("SELECT * FROM cards WHERE id IN "
                        "(SELECT card_id FROM speech_cards WHERE round_id = ?) ORDER BY id", (round_id,))
            return [_card(r) for r in cur.fetchall()]

    def card(self, card_id: int) -> Card:
        with self._read() as cur:
            cur.execute("SELECT * FROM cards WHERE id = ?", (check_row_id(card_id, "card"),))
            row = cur.fetchone()
        if row is None:
            raise NotFound("card-unknown", rules.NO_SUCH_CARD)
        return _card(row)

    def show_card(self, room_id: int, teacher_key: object, card_id: int | None) -> None:
        """Put one of the room's cards on the class screen (without its author), or take it off (None)."""
        with self._tx(room_id) as cur:
            row = self._check_teacher(cur, room_id, teacher_key)
            if card_id is not None:
                card_id = check_row_id(card_id, "card")
                cur.execute("SELECT 1 FROM cards WHERE id = ? AND room_id = ?", (card_id, room_id))
                if cur.fetchone() is None:
                    raise NotFound("card-unknown", rules.NO_SUCH_CARD)
            settings = json.loads(row["settings"])
            settings["shown_card"] = card_id
            cur.execute("UPDATE rooms SET settings = ? WHERE id = ?", (json.dumps(settings), room_id))

    # -- inside a write transaction --------------------------------------------------------------------
    def _open_round(self, cur: Any, room_id: int) -> Any:
        room = self._room_row(cur, room_id)
        if room["phase"] != "debate" or room["closed"]:
            raise NotAllowed("tag-closed", rules.TAG_CLOSED)
        cur.execute("SELECT * FROM rounds WHERE room_id = ? AND published = 1 ORDER BY number DESC LIMIT 1",
                    (room_id,))
        round_ = cur.fetchone()
        if round_ is None:
            raise NotAllowed("tag-closed", rules.TAG_CLOSED)
        return round_

    def _tag(self, cur: Any, room_id: int, round_: Any, debate: int, speech: object, card_id: int,
             tagged: bool, by: int | None) -> None:
        if not isinstance(speech, str) or not isinstance(tagged, bool):
            raise InvalidInput("tag-shape", "The page sent a tag in the wrong shape: reload the page.")
        order = rules.order_of(round_["format"])
        slot = rules.find_slot(order, speech)
        if slot is None:
            raise InvalidInput("tag-speech-unknown", rules.unknown_speech(speech))
        current = (json.loads(self._room_row(cur, room_id)["settings"]).get("speech") or {}).get("label")
        why = rules.tag_refusal(order, current, slot, teacher=by is None)
        if why is not None:
            raise NotAllowed("tag-window", why)
        cur.execute("SELECT participant_id, role, debate, speaker FROM seats WHERE round_id = ?",
                    (int(round_["id"]),))
        seats = [(int(r["participant_id"]), r["role"], r["debate"], r["speaker"]) for r in cur.fetchall()]
        if by is not None and by not in rules.speakers_of(slot, seats, debate):
            raise NotAllowed("tag-not-speaker", rules.NOT_SPEAKER)
        cur.execute("SELECT participant_id FROM cards WHERE id = ? AND room_id = ?", (card_id, room_id))
        card = cur.fetchone()
        if card is None:
            raise NotFound("card-unknown", rules.NO_SUCH_CARD)
        team = {p for p, role, d, _s in seats if role == slot.side and d == debate}
        if int(card["participant_id"]) not in team:
            raise NotAllowed("card-not-team", rules.NOT_TEAM)
        key = (int(round_["id"]), debate, slot.label, card_id)
        if not tagged:
            cur.execute("DELETE FROM speech_cards WHERE round_id = ? AND debate = ? AND slot = ? "
                        "AND card_id = ?", key)
            return
        hold_room(cur, room_id)  # two tags at once cannot both take the last place
        cur.execute("SELECT card_id FROM speech_cards WHERE round_id = ? AND debate = ? AND slot = ?",
                    key[:3])
        cited = {int(r["card_id"]) for r in cur.fetchall()}
        if card_id in cited:
            return
        if len(cited) >= rules.MAX_TAGS:
            raise NotAllowed("tag-limit", rules.TOO_MANY)
        cur.execute("INSERT INTO speech_cards (round_id, debate, slot, card_id, tagged_by, tagged_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)", (*key, by, now()))
