"""Reading debate rounds back from the store: the latest published round and its format, and what a
teacher can tag a card for (the console's Cards tab and the hub's class page)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from debate_kit.core.formats import DebateFormat, running_order
from debate_kit.store import Round, SeatRow, Store
from debate_kit.store.speech_cards import SpeechCard
from debate_kit.student.roles import slot_label

ROLE_TEXT = {
    "proposition": "Proposition (for the motion)",
    "opposition": "Opposition (against the motion)",
    "judge": "Judge",
    "audience": "Audience",
}


def latest_published(store: Store, room_id: int) -> Round | None:
    published = [r for r in store.rounds(room_id) if r.published]
    return published[-1] if published else None


def round_format(round_: Round) -> DebateFormat:
    data = json.loads(round_.format)
    data["rebuttal_by"] = tuple(data.get("rebuttal_by", ()))
    return DebateFormat(**data)


@dataclass(frozen=True)
class TagChoices:
    """The latest published round's seats, its debates, its speeches (label, as shown) and its tags."""

    seats: list[SeatRow]
    debates: tuple[int, ...]
    speeches: tuple[tuple[str, str], ...]
    tags: tuple[SpeechCard, ...]


def tag_choices(store: Store, room_id: int) -> TagChoices:
    """What a card can be tagged for now: the debates and speeches of the latest published round."""
    round_ = latest_published(store, room_id)
    if round_ is None:
        return TagChoices([], (), (), ())
    seats = store.seats(round_.id)
    return TagChoices(seats, tuple(sorted({s.debate for s in seats if s.debate})),
                      tuple((s.label, slot_label(s.label)) for s in running_order(round_format(round_))),
                      tuple(t for t in store.speech_cards(room_id) if t.round_id == round_.id))


def seat_of(seats: list[SeatRow], participant_id: int | None) -> SeatRow | None:
    for seat in seats:
        if seat.participant_id == participant_id:
            return seat
    return None


def ordinal(n: int | None) -> str:
    if n is None:
        return ""
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def publish_default_sides(store: Store, room_id: int, teacher_key: str) -> Round:
    """Seat everyone by the default plan (every student a job) in the classroom format, and publish."""
    from random import SystemRandom

    from debate_kit.core.formats import PRESETS
    from debate_kit.core.sides import DEFAULT_PLAN, assign_sides

    names = {str(p.id): p.name for p in store.participants(room_id)}
    assignment = assign_sides(sorted(names), DEFAULT_PLAN, seed=SystemRandom().randrange(1, 100_000),
                              history=store.side_history(room_id))
    round_ = store.save_round(room_id, teacher_key, assignment, PRESETS["classroom"])
    store.publish_round(round_.id, teacher_key)
    return round_
