"""A demo class: a whole lesson played through the Store API, for tests, notebooks and benchmarks.

``fill_demo_class(store)`` creates a room for the shipped lesson (or the one given) and plays it as a
class would: students join, vote on the motion before the debate (a few change their vote), answer
the section prompts and polls, get sides from :func:`debate_kit.core.sides.assign_sides`, score the
rebuttal speeches within the rules (judges and audience; never their own debate), and vote again.
One student arrives late (after-vote only) and one leaves early (before-vote only). Everything is
drawn from ``random.Random(seed)``: the same seed gives the same votes, answers and scores.
"""

from __future__ import annotations

import random

from debate_kit.core.errors import NotAllowed
from debate_kit.core.formats import PRESETS
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.scoring import may_score
from debate_kit.core.sides import Seat, SeatPlan, assign_sides
from debate_kit.core.swing import MOTION_OPTIONS
from debate_kit.store import Participant, Poll, Room, Store
from debate_kit.store.debates import as_core_seat

__all__ = ["DEMO_NAMES", "fill_demo_class", "shipped_lesson"]

DEMO_NAMES = (
    "Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jonas", "Kai", "Lena",
    "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yusuf",
)
_OPINIONS = (
    "The essay compares two things that are not alike.",
    "The dates in the counter-reading matter here.",
    "The author uses emotional words instead of evidence.",
    "I agree with part of this, but the source is old.",
    "Who benefits from this claim?",
)
_REASONS = (
    "The rebuttal answered the point about the treaty.",
    "The dates showed the union was never carried out.",
    "Nothing new changed my mind.",
    "The other side did not answer the economic argument.",
)


def shipped_lesson() -> Lesson:
    """The lesson that ships with debate_kit (``readings/new-soviet-union``)."""
    from debate_kit import config
    from debate_kit.content import load_lesson

    return load_lesson(config.readings_dir() / config.DEFAULT_LESSON)


def _name(i: int) -> str:
    return DEMO_NAMES[i] if i < len(DEMO_NAMES) else f"Student {i + 1}"


def _token(seed: int, i: int) -> str:
    return f"demo-{seed:06d}-{i:06d}-device"


def _run_poll(store: Store, key: str, poll: Poll, voters: list[Participant], rng: random.Random,
              weights: tuple[float, ...] | None = None) -> None:
    store.set_poll_state(poll.id, key, "open")
    for person in voters:
        store.cast_vote(poll.id, person.id, rng.choices(poll.options, weights)[0])
    store.set_poll_state(poll.id, key, "revealed")


def _motion_votes(store: Store, key: str, poll: Poll, voters: list[Participant], rng: random.Random,
                  before: dict[int, str] | None) -> dict[int, str]:
    """Open the motion poll, vote (after the debate about a third move), reveal; returns the votes."""
    store.set_poll_state(poll.id, key, "open")
    cast: dict[int, str] = {}
    both = [p.id for p in voters if before is not None and p.id in before]
    movers = set(rng.sample(both, max(1, round(0.3 * len(both))))) if both else set()
    for person in voters:
        if before is None or person.id not in before:
            choice = rng.choices(MOTION_OPTIONS, (0.4, 0.35, 0.25))[0]
            if rng.random() < 0.2:  # a first click, then a change of mind within the poll
                store.cast_vote(poll.id, person.id, rng.choice(MOTION_OPTIONS))
        elif person.id in movers:  # about a third change their mind; the undecided pick a side
            was = before[person.id]
            choice = rng.choices(("For", "Against"), (0.6, 0.4))[0] if was == "Undecided" else (
                rng.choice([o for o in MOTION_OPTIONS if o != was]))
        else:
            choice = before[person.id]
        store.cast_vote(poll.id, person.id, choice)
        cast[person.id] = choice
    store.set_poll_state(poll.id, key, "revealed")
    return cast


def _score_round(store: Store, round_id: int, people: list[Participant], rng: random.Random,
                 rubric: tuple[int, int, tuple[str, ...]]) -> None:
    low, high, criteria = rubric
    seats = {s.participant_id: as_core_seat(s) for s in store.seats(round_id)}
    for speech in store.speeches(round_id):
        speaker = Seat(str(speech.speaker_id), speech.side, speech.debate, None)
        quality = rng.randint(low + 1, max(low + 1, high - 1))
        for person in people:
            seat = seats.get(person.id)
            try:
                may_score(seat, speaker)
            except NotAllowed:
                continue
            if person.id == speech.speaker_id:
                continue
            role = seat.role if seat else "audience"
            if role != "judge" and rng.random() < (0.25 if role == "audience" else 0.5):
                continue  # not everyone scores every speech
            values = {c: min(high, max(low, quality + rng.choice((-1, 0, 0, 1)))) for c in criteria}
            comment = rng.choice(("", "", "Good use of the dates.", "Answered the other side."))
            store.submit_score(speech.id, person.id, values, comment)


def fill_demo_class(store: Store, students: int = 12, seed: int = 1,
                    lesson: Lesson | None = None, title: str = "Demo class") -> tuple[Room, str]:
    """Play a whole lesson in a new room; returns the room (phase ``results``) and its teacher key."""
    from debate_kit.rooms import create_lesson_room, motion_ids, motion_poll_keys

    if students < 4:
        raise ValueError("A demo class needs at least 4 students (two debaters and someone to score).")
    rng = random.Random(seed)
    lesson = lesson or shipped_lesson()
    room, key = create_lesson_room(store, lesson, title)
    polls = {p.key: p for p in store.polls(room.id)}
    # One student comes late (after-vote only), one leaves early (before-vote only).
    people = [store.join(room.id, _name(i), _token(seed, i)) for i in range(students - 1)]
    on_time = people[:-1]  # people[-1] leaves early
    store.set_phase(room.id, key, "pre-vote")
    before = {m: _motion_votes(store, key, polls[motion_poll_keys(m)[0]], people, rng, None)
              for m in motion_ids(store, room.id)}
    store.set_phase(room.id, key, "reading")
    late = store.join(room.id, _name(students - 1), _token(seed, students - 1))
    present = [*on_time, late]
    for section in lesson.sections:
        for prompt in section.prompts:
            for person in present:
                if rng.random() < 0.7:
                    text = f"{rng.choice(_OPINIONS)} ({section.title})"
                    store.save_answer(person.id, prompt.id, text)
    for spec in lesson.polls:
        _run_poll(store, key, polls[spec.id], [p for p in present if rng.random() < 0.85], rng)
    store.set_phase(room.id, key, "sides")
    plan = SeatPlan(debates=2 if len(present) >= 10 else 1, team_size=2, judges_per_debate=1)
    assignment = assign_sides([str(p.id) for p in present], plan, seed=seed,
                              history=store.side_history(room.id))
    round_ = store.save_round(room.id, key, assignment, PRESETS["classroom"])
    store.publish_round(round_.id, key)
    store.set_phase(room.id, key, "debate")
    store.set_phase(room.id, key, "scoring")
    store.set_scoring(round_.id, key, True)
    _score_round(store, round_.id, present, rng, (room.rubric_min, room.rubric_max, room.rubric_criteria))
    store.set_scoring(round_.id, key, False)
    store.set_phase(room.id, key, "post-vote")
    for m, votes in before.items():
        _motion_votes(store, key, polls[motion_poll_keys(m)[1]], present, rng, votes)
    store.set_phase(room.id, key, "results")
    _reflect(store, room.id, polls, before, present, rng)
    return store.room_by_id(room.id), key


def _reflect(store: Store, room_id: int, polls: dict[str, Poll], before: dict[str, dict[int, str]],
             present: list[Participant], rng: random.Random) -> None:
    """Most students who voted twice reflect on their swing, some naming a speech as mattering most."""
    from debate_kit.rooms import motion_poll_keys

    round_ = store.rounds(room_id)[-1]
    debate_of = {s.participant_id: s.debate for s in store.seats(round_.id)}
    speeches = store.speeches(round_.id)
    for motion, votes in before.items():
        post = polls[motion_poll_keys(motion)[1]]
        for person in present:
            if person.id in votes and rng.random() < 0.8:
                seen = [s.id for s in speeches if debate_of.get(person.id) in (None, s.debate)]
                pick = f"speech:{rng.choice(seen)}" if seen and rng.random() < 0.7 else "none"
                store.save_reflection(person.id, post.id, rng.choice(_REASONS), pick)
