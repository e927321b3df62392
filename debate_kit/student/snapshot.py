"""One read of a room's state for its students, shared by every student connected to the room.

A server process reads a room once per change (not once per student) and builds each student's view
from the same :class:`RoomSnapshot`. Draft polls are left out: students never see them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from debate_kit.core.errors import NotFound
from debate_kit.core.reflection import DONE_STATES, REFLECT_PHASES
from debate_kit.store import (
    Card,
    Participant,
    Poll,
    Room,
    Round,
    ScoreRow,
    SeatRow,
    Speech,
    SpeechCard,
    Store,
)

#: The phases whose views show evidence cards (a student's own, and their team's deck).
CARD_PHASES = ("reading", "sides", "debate")
#: The phases whose views show the cards cited in speeches (the speaker's tags; the scorers' rubric).
TAG_PHASES = ("debate", "scoring")


@dataclass(frozen=True)
class RoomSnapshot:
    room: Room
    polls: tuple[Poll, ...]
    votes: dict[int, dict[int, str]]
    names: dict[int, str]
    round: Round | None = None
    seats: tuple[SeatRow, ...] = ()
    speeches: tuple[Speech, ...] = ()
    scores: dict[int, tuple[ScoreRow, ...]] = field(default_factory=dict)
    #: Prompt id -> how many students answered it (read in the reading phase only: the projector's counts).
    answered: dict[str, int] = field(default_factory=dict)
    #: When this was read (epoch seconds): a running speech timer's time left is counted from it.
    read_at: float = 0.0
    #: The room's evidence cards and who marked each (card id -> participant ids), in CARD_PHASES only.
    cards: tuple[Card, ...] = ()
    marks: dict[int, tuple[int, ...]] = field(default_factory=dict)
    #: The published round's cards cited in speeches, in TAG_PHASES only (scoring: only cited cards read).
    tags: tuple[SpeechCard, ...] = ()
    #: The card the teacher put on the class screen (None: none, or it was deleted).
    shown_card: Card | None = None


def reflecting(room: Room, polls: tuple[Poll, ...]) -> bool:
    """Students may reflect now (a motion's after-vote is closed): their cards are on the pick list."""
    return room.phase in REFLECT_PHASES and any(
        p.kind == "motion" and p.key.endswith("-post") and p.state in DONE_STATES for p in polls)


def latest_published(rounds: list[Round]) -> Round | None:
    published = [r for r in rounds if r.published]
    return published[-1] if published else None


def read_snapshot(store: Store, room_id: int) -> RoomSnapshot:
    """The room, its visible polls with effective votes, names, the published round and its scores."""
    room = store.room_by_id(room_id)
    polls = tuple(p for p in store.polls(room_id) if p.state != "draft")
    votes = {p.id: store.votes(p.id) for p in polls}
    people: list[Participant] = store.participants(room_id)
    round_ = latest_published(store.rounds(room_id)) if room.phase not in ("join", "pre-vote") else None
    seats: tuple[SeatRow, ...] = ()
    speeches: tuple[Speech, ...] = ()
    scores: dict[int, tuple[ScoreRow, ...]] = {}
    if round_ is not None:
        seats = tuple(store.seats(round_.id))
        speeches = tuple(store.speeches(round_.id))
        if room.phase in ("scoring", "results"):
            scores = {s.id: tuple(store.scores(s.id)) for s in speeches}
    answered = store.answer_counts(room_id) if room.phase == "reading" else {}
    in_cards = (room.phase in CARD_PHASES or reflecting(room, polls)) and not room.closed
    cards = tuple(store.cards(room_id)) if in_cards else ()
    marks = store.card_marks(room_id) if cards and room.phase in ("sides", "debate") else {}
    tags: tuple[SpeechCard, ...] = ()
    if round_ is not None and room.phase in TAG_PHASES and not room.closed:
        tags = tuple(t for t in store.speech_cards(room_id) if t.round_id == round_.id)
        if tags and not cards:
            cards = tuple(store.cited_cards(round_.id))
    return RoomSnapshot(room, polls, votes, {p.id: p.name for p in people}, round_, seats, speeches,
                        scores, answered, read_at=time.time(), cards=cards, marks=marks, tags=tags,
                        shown_card=_shown(store, room))


def _shown(store: Store, room: Room) -> Card | None:
    if room.shown_card is None:
        return None
    try:
        return store.card(room.shown_card)
    except NotFound:  # deleted since
        return None
