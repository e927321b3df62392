"""The hub's Sides page as plain data: what the form carries, and what each button does to it.

The page keeps no state on the service: the form carries the plan (debates, team size, judges, what
everyone else does), the format and its times, the seed, the locks and keep-apart pairs, the swaps made
since the preview, a fingerprint of the seats the teacher saw and the round this page published. Each
request seats the class again from the store's class list with :func:`debate_kit.core.sides.
assign_sides` and :func:`~debate_kit.core.sides.swap_seats` (the console's SideAssigner's core), so a
seat is never taken from the browser. Publishing saves and publishes the round with the store's
``save_round`` / ``publish_round`` (or ``replace_seats`` for a swap in the round just published).
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from debate_kit.core.errors import InvalidInput
from debate_kit.core.formats import PRESETS, DebateFormat, with_times
from debate_kit.core.sides import DEFAULT_PLAN, ROLES, Assignment, Seat, SeatPlan, assign_sides, swap_seats

MAX_SEED = 2**31 - 1
Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SidesForm:
    """What the Sides page's form carries between requests (participants by their store id)."""

    plan: SeatPlan
    preset: str
    speech: float
    rebuttal: float
    seed: int
    locks: Pairs = ()  # (participant, role)
    apart: Pairs = ()  # (participant, participant), smaller id first
    swaps: Pairs = ()  # made since the preview, in order
    shown: str = ""  # the fingerprint of the previewed seats ("" before a preview)
    round_id: int | None = None  # the round this page published (swaps then change it)

    def fmt(self) -> DebateFormat:
        preset = PRESETS.get(self.preset)
        if preset is None:
            raise InvalidInput("format-unknown", "Choose one of the formats in the list.")
        return with_times(preset, self.speech, self.rebuttal)


def new_form(rng: random.Random) -> SidesForm:
    """The defaults: the core's plan (every student a job), the classroom format, a random seed."""
    fmt = PRESETS["classroom"]
    seed = rng.randrange(1, 100_000)
    return SidesForm(DEFAULT_PLAN, fmt.id, fmt.speech_minutes, fmt.rebuttal_minutes, seed)


def _whole(text: str, what: str, high: int) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12 or int(text) > high:
        raise InvalidInput("sides-number", f"{what} is a whole number from 0 to {high}.")
    return int(text)


def _minutes(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        value = -1.0
    if not 0.5 <= value <= 20:
        raise InvalidInput("sides-minutes", f"{what} lasts 0.5 to 20 minutes.")
    return value


def _pairs(text: str, sep: str, second: Callable[[str], bool]) -> Pairs:
    found = []
    for part in text.split(",")[:200]:
        if part:
            a, _, b = part.partition(sep)
            if not (a.isascii() and a.isdigit() and len(a) < 19 and second(b)):
                raise InvalidInput("sides-form", "The page's form was changed: open the Sides page again.")
            found.append((a, b))
    return tuple(found)


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) < 19


def read_form(get: Callable[[str], str]) -> SidesForm:
    """The form's values, each checked (the plan by the core's own :class:`SeatPlan`)."""
    plan = SeatPlan(_whole(get("debates"), "The number of debates", 50),
                    _whole(get("team_size"), "The team size", 5),
                    _whole(get("judges"), "The number of judges per debate", 5), get("others"))
    round_text = get("round")
    form = SidesForm(plan, get("format"), _minutes(get("speech"), "A speech"),
                     _minutes(get("rebuttal"), "A rebuttal"), _whole(get("seed"), "The seed", MAX_SEED),
                     _pairs(get("locks"), ":", lambda role: role in ROLES),
                     _pairs(get("apart"), "-", _digits), _pairs(get("swaps"), "-", _digits),
                     get("shown") if re.fullmatch(r"[0-9a-f]{16}", get("shown")) else "",
                     int(round_text) if _digits(round_text) else None)
    form.fmt()  # a known format, its times in range
    return form


def fingerprint(assignment: Assignment) -> str:
    """A short digest of the seats (not secret): did the seating change since the teacher saw it?"""
    return hashlib.sha256(repr(assignment.seats).encode()).hexdigest()[:16]


def seat_class(form: SidesForm, people: list[str], history: Mapping[str, list[str]]) -> Assignment:
    """The class seated by the form's plan, then its swaps (locks and pairs of people who left dropped)."""
    here = set(people)
    assignment = assign_sides(sorted(people), form.plan, seed=form.seed, history=history,
                              locks={p: r for p, r in form.locks if p in here},
                              keep_apart=[pair for pair in form.apart if set(pair) <= here])
    for a, b in form.swaps:
        assignment = swap_seats(assignment, a, b)
    return assignment


def member(pid: str, people: list[str]) -> str:
    """A participant chosen in a list, if they are in the room now."""
    if pid not in people:
        raise InvalidInput("sides-unknown-participant", "Choose a student who is in the room.")
    return pid


def with_lock(form: SidesForm, pid: str, role: str, people: list[str]) -> SidesForm:
    if role not in ROLES:
        raise InvalidInput("sides-unknown-role", "Choose a role from the list.")
    pid = member(pid, people)
    locks = (*((p, r) for p, r in form.locks if p != pid), (pid, role))
    return dataclasses.replace(form, locks=locks, shown="", swaps=(), round_id=None)


def with_pair(form: SidesForm, a: str, b: str, people: list[str]) -> SidesForm:
    a, b = member(a, people), member(b, people)
    if a == b:
        raise InvalidInput("sides-bad-pair", "Choose two different students.")
    pair = (min(a, b, key=int), max(a, b, key=int))
    apart = form.apart if pair in form.apart else (*form.apart, pair)
    return dataclasses.replace(form, apart=apart, shown="", swaps=(), round_id=None)


def as_assignment(seed: int, seats: list[tuple[int, str, int | None, int | None]]) -> Assignment:
    """A stored round's seats (participant id, role, debate, speaker) as the core's assignment."""
    return Assignment(seed, tuple(Seat(str(p), role, debate, speaker) for p, role, debate, speaker in seats),
                      ())


def readable(message: str, labels: Mapping[str, str]) -> str:
    """The core's messages name participants by the id they were given: put the page's labels in."""
    match = re.match(r"(\d+) and (\d+)( should be kept apart.*)|(\d+)( cannot be placed.*)", message, re.S)
    if match is None:
        return message
    if match.group(4):
        return labels.get(match.group(4), "A student") + match.group(5)
    first, second = (labels.get(match.group(i), "a student") for i in (1, 2))
    return f"{first} and {second}{match.group(3)}"
