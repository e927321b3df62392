"""A student's card actions (docs/student-protocol.md, "Evidence cards"), mixed into StudentSession.

Each message's shape is checked by :mod:`debate_kit.core.student_protocol`, a card's fields by
:mod:`debate_kit.core.cards`, its references to the lesson here, and the rights (author, phase, team)
by the store inside the write. The answer is an ``ack`` after the commit, with the card's id for a new
card, or an ``error`` whose message says what to do.
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.errors import InvalidInput
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.student_protocol import Message
from debate_kit.store import Participant, Room, Store

SAVED = "Card saved. You can change it until the debate starts."
UNKNOWN_REF = "That passage or source is not part of this lesson: pick it again from the list, or type it."


def card_refs(lesson: Lesson | None) -> tuple[set[str], set[str]]:
    """The lesson's ids a card may name: passages (sections, counter-readings, key claims as
    ``claim-N``) and sources (``READING-ID:N``)."""
    if lesson is None:
        return set(), set()
    passages = {s.id for s in lesson.sections} | {r.id for r in lesson.counter_readings}
    passages |= {f"claim-{i}" for i in range(1, len(getattr(lesson, "claims", ())) + 1)}
    sources = {f"{r.id}:{s.id}" for r in lesson.counter_readings for s in r.sources}
    return passages, sources


def check_refs(card: dict[str, Any], lesson: Lesson | None) -> None:
    """Refuse a card whose picked passage or source is not the lesson's (a forged or stale id)."""
    passages, sources = card_refs(lesson)
    claim_from, source_ref = card.get("claim_from", ""), card.get("source_ref", "")
    if (claim_from and claim_from not in passages) or (source_ref and source_ref not in sources):
        raise InvalidInput("card-ref", UNKNOWN_REF)


class CardActions:
    """The ``card_*`` handlers; the session provides the store, the lesson and the membership check."""

    store: Store
    lessons: Any

    def _member(self) -> tuple[Participant, Room]:  # pragma: no cover - StudentSession's
        raise NotImplementedError

    def _on_card_new(self, message: Message) -> dict[str, Any]:
        participant, room = self._member()
        check_refs(message["card"], self.lessons(room.lesson))
        card = self.store.save_card(participant.id, message["card"])
        return {"type": "ack", "id": message.id, "message": SAVED, "card": card.id}

    def _on_card_edit(self, message: Message) -> dict[str, Any]:
        participant, room = self._member()
        check_refs(message["card"], self.lessons(room.lesson))
        card = self.store.save_card(participant.id, message["card"], message["card_id"])
        return {"type": "ack", "id": message.id, "message": SAVED, "card": card.id}

    def _on_card_delete(self, message: Message) -> dict[str, Any]:
        participant, _room = self._member()
        self.store.delete_card(participant.id, message["card_id"])
        return {"type": "ack", "id": message.id, "message": "Card deleted.", "card": message["card_id"]}

    def _on_card_mark(self, message: Message) -> dict[str, Any]:
        participant, _room = self._member()
        self.store.mark_card(participant.id, message["card_id"], message["marked"])
        text = "Marked for your speeches." if message["marked"] else "Mark taken off."
        return {"type": "ack", "id": message.id, "message": text, "card": message["card_id"]}

    def _on_card_tag(self, message: Message) -> dict[str, Any]:
        participant, _room = self._member()
        if len(message["speech"]) > 80:
            raise InvalidInput("tag-speech-unknown", "That speech name is too long: reload the page.")
        self.store.tag_card(participant.id, message["speech"], message["card_id"], message["tagged"])
        text = "Tagged: the judges see this card with your speech." if message["tagged"] else "Tag taken off."
        return {"type": "ack", "id": message.id, "message": text, "card": message["card_id"]}
