"""A student's evidence cards and their team's deck, as plain view data (docs/student-protocol.md).

Pure functions over a :class:`RoomSnapshot`. A student sees their own cards; once sides are out, a
debater also sees the cards of their team (the same side in the same debate), with the authors' names
and who marked each card for their speeches. Nobody sees another team's cards, nor a judge's or an
audience member's; the other side's cards never reach a page.
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.cards import DECK_PHASES, EDIT_PHASES, HELPS, MAX_CARDS, QUESTIONS, TRUST, safe_link
from debate_kit.core.vocabulary import SIDES
from debate_kit.store import Card
from debate_kit.student.snapshot import CARD_PHASES, RoomSnapshot
from debate_kit.student.speech_cards import cited_in, tagging_view

OPEN_TEXT = ("Make evidence cards: a claim, the evidence and its source, a check of the source, and your "
             "reasoning. You can change them until the debate starts.")
CLOSED_TEXT = "The debate has started: your cards are kept as they are."
DECK_TEXT = "Your team's cards. Mark the ones you will use in your speeches; your team sees your marks."
NO_DECK = "Only the two teams have a deck. Your own cards stay yours."


def card_item(card: Card) -> dict[str, Any]:
    """A card as the page shows it: its fields, and its link only if it is a safe http(s) one."""
    return {"id": card.id, "fields": dict(card.fields), "link": safe_link(card.fields.get("url", "")),
            "updated": card.updated_at}


def team_of(snap: RoomSnapshot, participant_id: int) -> tuple[str, int] | None:
    """(side, debate) of a debater in the published round, or None (judge, audience, no round)."""
    if snap.round is None:
        return None
    seat = next((s for s in snap.seats if s.participant_id == participant_id), None)
    if seat is None or seat.role not in SIDES or not seat.debate:
        return None
    return seat.role, seat.debate


def deck_view(snap: RoomSnapshot, participant_id: int) -> dict[str, Any]:
    """The team's deck for this student: every teammate's card, its author and who marked it."""
    team = team_of(snap, participant_id)
    if team is None:
        return {"side": None, "debate": None, "text": NO_DECK, "cards": []}
    members = {s.participant_id for s in snap.seats if (s.role, s.debate) == team}
    cards = []
    for card in snap.cards:
        if card.participant_id not in members:
            continue
        marked_by = [m for m in snap.marks.get(card.id, ()) if m in members]
        cards.append({**card_item(card), "author": snap.names.get(card.participant_id, "?"),
                      "mine": card.participant_id == participant_id, "marked": participant_id in marked_by,
                      "marked_by": [snap.names.get(m, "?") for m in marked_by],
                      "cited_in": cited_in(snap, team[1], card.id)})
    return {"side": team[0], "debate": team[1], "text": DECK_TEXT, "cards": cards}


def cards_view(snap: RoomSnapshot, participant_id: int) -> dict[str, Any] | None:
    """This student's cards (reading, sides, debate), and their team's deck once sides are out."""
    phase = snap.room.phase
    if snap.room.closed or phase not in CARD_PHASES:
        return None
    editing = phase in EDIT_PHASES
    mine = [card_item(c) for c in snap.cards if c.participant_id == participant_id]
    deck = deck_view(snap, participant_id) if phase in DECK_PHASES and snap.round is not None else None
    return {"open": editing, "text": OPEN_TEXT if editing else CLOSED_TEXT, "limit": MAX_CARDS,
            "questions": dict(QUESTIONS), "trust": list(TRUST), "helps": list(HELPS),
            "marking": phase in DECK_PHASES, "mine": mine, "deck": deck,
            "tagging": tagging_view(snap, participant_id, team_of(snap, participant_id))}
