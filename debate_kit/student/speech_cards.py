"""Cards cited in speeches, as view data: the speaker's tagging panel and the cards beside the rubric.

Pure functions over a :class:`RoomSnapshot` (docs/student-protocol.md, "Cards in a speech"). The
speaker of the speech on the clock (or of the one just before) sees their team's cards to tag; a scorer
sees, for each speech they may score, the cards its side cited in that debate (never the authors).
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.cards import safe_link
from debate_kit.core.formats import SpeechSlot, running_order
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.speech_cards import MAX_TAGS, open_slots, speakers_of
from debate_kit.rounds import round_format
from debate_kit.store import Card
from debate_kit.student.roles import slot_label
from debate_kit.student.snapshot import RoomSnapshot

TAG_TEXT = (f"Tag the cards you use in your speech (up to {MAX_TAGS}): the judges see them when they "
            "score. You can tag while you speak and during the next speech.")
#: The rubric's criteria whose box shows the cited cards (a lesson may mark others, see evidence_ids).
EVIDENCE = "evidence"


def _order(snap: RoomSnapshot) -> tuple[SpeechSlot, ...]:
    return running_order(round_format(snap.round)) if snap.round is not None else ()


def tagged(snap: RoomSnapshot, debate: int, slot: str) -> list[int]:
    """The card ids cited in ``slot`` of ``debate`` (the published round), in tagging order."""
    round_id = snap.round.id if snap.round is not None else None
    return [t.card_id for t in snap.tags if (t.round_id, t.debate, t.slot) == (round_id, debate, slot)]


def tagging_view(snap: RoomSnapshot, participant_id: int,
                 team: tuple[str, int] | None) -> dict[str, Any] | None:
    """The speeches this debater may tag cards for now (debate phase), with the cards tagged so far."""
    if snap.room.phase != "debate" or team is None:
        return None
    side, debate = team
    seats = [(s.participant_id, s.role, s.debate, s.speaker) for s in snap.seats]
    label = (snap.room.speech or {}).get("label")
    mine = [s for s in open_slots(_order(snap), label)
            if s.side == side and participant_id in speakers_of(s, seats, debate)]
    if not mine:
        return None
    return {"text": TAG_TEXT, "limit": MAX_TAGS,
            "speeches": [{"speech": s.label, "label": slot_label(s.label),
                          "tagged": tagged(snap, debate, s.label)} for s in mine]}


def cited_in(snap: RoomSnapshot, debate: int, card_id: int) -> list[str]:
    """The speeches of ``debate`` that cited this card, as labels."""
    round_id = snap.round.id if snap.round is not None else None
    return [slot_label(t.slot) for t in snap.tags
            if t.round_id == round_id and t.debate == debate and t.card_id == card_id]


def cited_card(card: Card, speeches: list[str]) -> dict[str, Any]:
    """A cited card as a scorer sees it: what it says and where it comes from, never who made it."""
    f = card.fields
    return {"id": card.id, "claim": f["claim"], "evidence": f["evidence"], "outlet": f["outlet"],
            "date": f["date"], "url": f["url"], "link": safe_link(f["url"]), "trust": f["trust"],
            "reasoning": f["reasoning"], "cited_in": speeches}


def side_cards(snap: RoomSnapshot, debate: int, side: str) -> list[dict[str, Any]]:
    """The cards ``side`` cited in any of its speeches in ``debate``, in running order."""
    by_id = {c.id: c for c in snap.cards}
    slots = [s.label for s in _order(snap) if s.side == side]
    seen: list[int] = []
    for slot in slots:
        seen += [i for i in tagged(snap, debate, slot) if i not in seen and i in by_id]
    return [cited_card(by_id[i], cited_in(snap, debate, i)) for i in seen]


def evidence_ids(criteria: list[str], lesson: Lesson | None) -> set[str]:
    """The criteria whose box shows the cited cards: ``evidence``, and any the lesson marks as such."""
    marked = {c.id for c in lesson.rubric.criteria if c.cards} if lesson else set()
    return {c for c in criteria if c == EVIDENCE} | (marked & set(criteria))
