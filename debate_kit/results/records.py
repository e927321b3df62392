"""Everything the results page needs about one room, read from the store once (the only I/O here).

:class:`RoomRecords` is a plain snapshot of store records; the tables in :mod:`debate_kit.results.tables`
are pure functions of it, so they can be tested without widgets and recomputed after a refresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from debate_kit.core.lesson_model import Lesson
from debate_kit.store import (
    Answer,
    Card,
    Participant,
    Poll,
    Reflection,
    Room,
    Round,
    ScoreRow,
    SeatRow,
    Speech,
    SpeechCard,
    Store,
    Vote,
)

MOTION_PREFIX, PRE, POST = "motion-", "-pre", "-post"


@dataclass(frozen=True)
class RoomRecords:
    """One room's records. ``votes_by_poll[poll_id]``: each voter's vote, first choice and changes."""

    room: Room
    participants: tuple[Participant, ...]
    polls: tuple[Poll, ...]
    votes_by_poll: dict[int, tuple[Vote, ...]]
    answers: tuple[Answer, ...]
    rounds: tuple[Round, ...]
    seats: dict[int, tuple[SeatRow, ...]]
    speeches: dict[int, tuple[Speech, ...]]
    scores: dict[int, tuple[ScoreRow, ...]]
    #: Prompt id -> (section title, prompt text), from the lesson when it could be loaded.
    prompts: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Section id -> title, and rubric criterion id -> label, from the lesson when it could be loaded.
    sections: dict[str, str] = field(default_factory=dict)
    criteria: dict[str, str] = field(default_factory=dict)
    #: The students' reflections on their own swing (issue 19), oldest first.
    reflections: tuple[Reflection, ...] = ()
    #: The evidence cards and the speeches that cited them (issue 19 item 3).
    cards: tuple[Card, ...] = ()
    tags: tuple[SpeechCard, ...] = ()

    def names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.participants}

    def motion_ids(self) -> list[str]:
        """Motions with a before poll, in creation order."""
        keys = {p.key for p in self.polls}
        return [
            p.key[len(MOTION_PREFIX):-len(PRE)] for p in self.polls
            if p.kind == "motion" and p.key.startswith(MOTION_PREFIX) and p.key.endswith(PRE)
            and p.key[:-len(PRE)] + POST in keys
        ]

    def poll_by_key(self, key: str) -> Poll | None:
        return next((p for p in self.polls if p.key == key), None)

    def criterion_label(self, criterion: str) -> str:
        """The lesson's label for a rubric criterion ("Use of evidence"), else one made from its id."""
        return self.criteria.get(criterion) or criterion.replace("-", " ").capitalize()

    def votes(self, poll_id: int) -> dict[int, str]:
        """Participant -> their current choice in a poll."""
        return effective_votes(self.votes_by_poll.get(poll_id, ()))

    def vote_changes(self, poll_id: int) -> dict[int, int]:
        """Participant -> how many times they changed their vote in a poll (0: never)."""
        return {v.participant_id: v.changes for v in self.votes_by_poll.get(poll_id, ())}


def effective_votes(votes: Iterable[Vote]) -> dict[int, str]:
    """Participant -> their current choice."""
    return {v.participant_id: v.choice for v in votes}


def read_records(store: Store, room_id: int, lesson: Lesson | None = None) -> RoomRecords:
    """Read a room's participants, polls, votes, answers, rounds, seats, speeches and scores."""
    polls = tuple(store.polls(room_id))
    rounds = tuple(store.rounds(room_id))
    speeches = {r.id: tuple(store.speeches(r.id)) for r in rounds}
    prompts, sections, criteria = {}, {}, {}
    if lesson is not None:
        for section in lesson.sections:
            sections[section.id] = section.title
            for prompt in section.prompts:
                prompts[prompt.id] = (section.title, prompt.text)
        criteria = {c.id: c.label for c in lesson.rubric.criteria}
    return RoomRecords(
        room=store.room_by_id(room_id),
        participants=tuple(store.participants(room_id)),
        polls=polls,
        votes_by_poll={p.id: tuple(store.vote_records(p.id)) for p in polls},
        answers=tuple(store.answers(room_id)),
        rounds=rounds,
        seats={r.id: tuple(store.seats(r.id)) for r in rounds},
        speeches=speeches,
        scores={s.id: tuple(store.scores(s.id)) for sp in speeches.values() for s in sp},
        prompts=prompts,
        sections=sections,
        criteria=criteria,
        reflections=tuple(store.reflections(room_id)),
        cards=tuple(store.cards(room_id)),
        tags=tuple(store.speech_cards(room_id)),
    )
