"""Side assignment: who debates for the proposition or the opposition, who judges, who watches.

The default plan (:data:`DEFAULT_PLAN`: one debate, two a side, everyone else judges) gives every
student a job.

Like Tabbycat's draw generators this is a plain function over plain data: it gets the class list, a
:class:`SeatPlan`, a seed and the side history, and returns an :class:`Assignment`. It does not read
the store, the clock or the global random generator; ``random.Random(seed)`` makes every choice.

Policy cases
------------
1. Input order does not matter: participants are sorted first, so the same names, plan, history and
   seed always give the same assignment.
2. Every participant gets exactly one seat. Repeated names are refused (``sides-duplicate``).
3. Debater seats are filled first, then ``judges_per_debate`` judge seats per debate, then everyone
   else gets ``plan.others``: by default ``"judge"`` (every student has a job), spread evenly over
   the debates (judge counts differ by at most one); ``"audience"`` when the teacher asks for it.
   A student locked to audience watches either way. A debate left with no judge gets a warning.
4. With fewer debaters than seats, team sizes in the class differ by at most one and both sides of
   every debate have at least one speaker; each short debate gets a warning.
5. With fewer than 2 debaters per planned debate the number of debates is reduced, with a warning.
   Fewer than 2 possible debaters in all is refused (``sides-too-few``).
6. Locks are honoured (a student locked to proposition, opposition, judge or audience). A lock that
   cannot be honoured is refused with ``sides-lock-impossible`` naming the student (a judge lock
   only when the others watch and the judge seats are full).
7. Unknown names in locks or keep-apart pairs are refused (``sides-unknown-participant``), as are
   unknown roles (``sides-unknown-role``), also as ``plan.others`` (``sides-plan-invalid``).
8. Keep-apart pairs are never in the same team when seat swaps can separate them; otherwise the
   assignment warns, naming both students.
9. Side balance (Tabbycat): a student whose history has more proposition than opposition goes to
   opposition when possible, and vice versa; ties are broken at random. Over several rounds each
   student's sides even out. Judge and audience entries in the history are ignored here.
10. Who debates, when not everyone can: students with fewer debates in their history first, ties at
    random. Speaker order within a team is random, students with fewer debates speaking first.
11. :func:`swap_seats` exchanges two students' seats by hand and keeps the warnings as they were.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from debate_kit.core.errors import InvalidInput
from debate_kit.core.vocabulary import DEBATER_ROLES, ROLES

_SIDE_SIGN = {"proposition": 1, "opposition": -1, "judge": 0, "audience": 0}
_NO_HISTORY: Mapping[str, Sequence[str]] = MappingProxyType({})
_NO_LOCKS: Mapping[str, str] = MappingProxyType({})

Slot = tuple[str, int | None]  # (role, debate)


def _whole_in(value: object, low: int, high: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput("sides-plan-invalid", f"{what} must be from {low} to {high}.")


#: What everyone who does not debate can do: judge a debate, or watch it.
OTHERS = ("judge", "audience")


@dataclass(frozen=True)
class SeatPlan:
    """How many debates, speakers per team and judges per debate the teacher wants, and what everyone
    else does (``others``: ``"judge"``, the default, or ``"audience"``)."""

    debates: int = 1
    team_size: int = 2
    judges_per_debate: int = 0
    others: str = "judge"

    def __post_init__(self) -> None:
        _whole_in(self.debates, 1, 1000, "The number of debates")
        _whole_in(self.team_size, 1, 5, "The team size")
        _whole_in(self.judges_per_debate, 0, 5, "The number of judges per debate")
        if self.others not in OTHERS:
            raise InvalidInput("sides-plan-invalid", "Everyone who does not debate judges or watches.")


#: One debate, two a side, everyone else a judge: every student has a job.
DEFAULT_PLAN = SeatPlan()


@dataclass(frozen=True)
class Seat:
    """One participant's place: ``debate`` is 1-based (None for audience), ``speaker`` 1..n."""

    participant: str
    role: str
    debate: int | None
    speaker: int | None


@dataclass(frozen=True)
class Assignment:
    """The seats of one round, the seed that made them and warnings for the teacher."""

    seed: int
    seats: tuple[Seat, ...]
    warnings: tuple[str, ...]

    def seat_of(self, participant: str) -> Seat:
        """The seat of ``participant``; unknown names raise :class:`InvalidInput`."""
        for seat in self.seats:
            if seat.participant == participant:
                return seat
        raise InvalidInput("sides-unknown-participant", f"{participant!r} has no seat.")


def _seat_order(seat: Seat) -> tuple[int, int, int, str]:
    debate = seat.debate if seat.debate is not None else 1_000_000
    return (debate, ROLES.index(seat.role), seat.speaker or 0, seat.participant)


def _check_inputs(
    participants: Sequence[str],
    locks: Mapping[str, str],
    keep_apart: Iterable[tuple[str, str]],
) -> tuple[list[str], list[tuple[str, str]]]:
    if any(not isinstance(p, str) or not p for p in participants):
        raise InvalidInput("sides-bad-name", "Every participant needs a name.")
    people = sorted(participants)
    for a, b in itertools.pairwise(people):
        if a == b:
            raise InvalidInput("sides-duplicate", f"{a} is on the class list twice.")
    known = set(people)
    pairs = sorted({tuple(sorted(map(str, pair))) for pair in keep_apart})
    if any(len(pair) != 2 or pair[0] == pair[1] for pair in pairs):
        raise InvalidInput("sides-bad-pair", "Keep-apart needs pairs of two different students.")
    for name in [*sorted(locks), *(n for pair in pairs for n in pair)]:
        if name not in known:
            raise InvalidInput("sides-unknown-participant", f"{name!r} is not in this class.")
    for name in sorted(locks):
        if locks[name] not in ROLES:
            raise InvalidInput(
                "sides-unknown-role", f"{name} is locked to {locks[name]!r}, which is not a role."
            )
    return people, [(a, b) for a, b in pairs]


def _impossible(name: str, why: str) -> InvalidInput:
    return InvalidInput("sides-lock-impossible", f"{name} cannot be placed as locked: {why}")


def _size(people: list[str], locks: Mapping[str, str], plan: SeatPlan, warnings: list[str]) -> int:
    """Number of debates that can run (policy cases 4-6)."""
    possible = [p for p in people if locks.get(p, "proposition") in DEBATER_ROLES]
    if len(possible) < 2:
        raise InvalidInput(
            "sides-too-few",
            f"A debate needs at least 2 students who can debate; there are {len(possible)}.",
        )
    debates = min(plan.debates, len(possible) // 2)
    if debates < plan.debates:
        warnings.append(f"Only enough students for {debates} debate(s), not {plan.debates}.")
    judges = [p for p in people if locks.get(p) == "judge"]
    if plan.others == "audience" and len(judges) > debates * plan.judges_per_debate:
        seats = debates * plan.judges_per_debate
        raise _impossible(judges[-1], f"there are only {seats} judge seats.")
    for side in DEBATER_ROLES:
        locked = [p for p in people if locks.get(p) == side]
        if len(locked) > debates * plan.team_size:
            seats = debates * plan.team_size
            raise _impossible(locked[-1], f"there are only {seats} {side} seats.")
    return debates


@dataclass(frozen=True)
class _Round:
    """What every step of one assignment needs to know."""

    people: list[str]
    plan: SeatPlan
    locks: Mapping[str, str]
    balance: dict[str, int]  # proposition minus opposition in the history
    debated: dict[str, int]  # proposition plus opposition in the history
    rng: random.Random


def _pick_roles(r: _Round, debates: int) -> tuple[list[str], list[str]]:
    """Debaters and judges (policy cases 3 and 10); everyone else is audience."""
    keys = {p: (r.debated[p], r.rng.random()) for p in r.people}
    free = sorted((p for p in r.people if p not in r.locks), key=keys.__getitem__)
    locked_debaters = [p for p in r.people if r.locks.get(p) in DEBATER_ROLES]
    total = min(len(locked_debaters) + len(free), 2 * debates * r.plan.team_size)
    extra = total - len(locked_debaters)
    judges = [p for p in r.people if r.locks.get(p) == "judge"]
    judge_room = debates * r.plan.judges_per_debate - len(judges)
    if r.plan.others == "judge":
        judge_room = len(free)
    return locked_debaters + free[:extra], judges + free[extra : extra + max(judge_room, 0)]


def _side_cost(balance: Mapping[str, int], slots: Mapping[str, Slot]) -> int:
    return sum((balance[p] + _SIDE_SIGN[role]) ** 2 for p, (role, _) in slots.items())


def _split_sides(r: _Round, debaters: list[str], debates: int) -> tuple[list[str], list[str]]:
    """Proposition and opposition lists with the best side balance (policy cases 4, 6, 9)."""
    base, extra = divmod(len(debaters), 2 * debates)
    balance, keys = r.balance, {p: (r.balance[p], r.rng.random()) for p in debaters}
    # Tabbycat: the larger (proposition - opposition) goes opposition, ties at random.
    free = sorted((p for p in debaters if p not in r.locks), key=keys.__getitem__)
    prop = [p for p in debaters if r.locks.get(p) == "proposition"]
    opp = [p for p in debaters if r.locks.get(p) == "opposition"]
    options: list[tuple[int, int]] = []
    for k in range(max(0, extra - debates), min(debates, extra) + 1):
        n_prop = debates * base + k
        if len(prop) <= n_prop and len(opp) <= len(debaters) - n_prop:
            cut = n_prop - len(prop)
            cost = sum((balance[p] + 1) ** 2 for p in prop + free[:cut])
            cost += sum((balance[p] - 1) ** 2 for p in opp + free[cut:])
            options.append((cost, cut))
    if not options:
        side = "proposition" if len(prop) > len(opp) else "opposition"
        locked = prop if side == "proposition" else opp
        raise _impossible(locked[-1], f"too many students are locked to {side} for fair teams.")
    best = min(cost for cost, _ in options)
    cut = r.rng.choice([c for cost, c in options if cost == best])
    return prop + free[:cut], opp + free[cut:]


def _team_slots(prop: list[str], opp: list[str], debates: int, rng: random.Random) -> dict[str, Slot]:
    """Deal each side into teams whose sizes differ by at most one, bigger teams facing smaller."""
    base = (len(prop) + len(opp)) // (2 * debates)
    order = list(range(1, debates + 1))
    rng.shuffle(order)
    big_prop = set(order[: len(prop) - debates * base])
    big_opp = set(order[debates - (len(opp) - debates * base) :])
    slots: dict[str, Slot] = {}
    for side, members, big in (("proposition", prop, big_prop), ("opposition", opp, big_opp)):
        members = sorted(members)
        rng.shuffle(members)
        for debate in range(1, debates + 1):
            size = base + (debate in big)
            slots.update({p: (side, debate) for p in members[:size]})
            members = members[size:]
    return slots


def _violations(pairs: list[tuple[str, str]], slots: Mapping[str, Slot]) -> int:
    return sum(slots[a] == slots[b] and slots[a][0] in DEBATER_ROLES for a, b in pairs)


def _separate(r: _Round, pairs: list[tuple[str, str]], slots: dict[str, Slot]) -> dict[str, Slot]:
    """Swap seats until no keep-apart pair shares a team, or no swap helps (policy case 8).

    Each step takes the swap that leaves the fewest pairs together, then the best side balance,
    then prefers swapping two debaters over changing who debates.
    """
    people, locks = r.people, r.locks
    while (now := _violations(pairs, slots)) > 0:
        best: tuple[int, int, int] | None = None
        best_slots = slots
        for i, p in enumerate(people):
            for q in people[i + 1 :]:
                sp, sq = slots[p], slots[q]
                if sp == sq or locks.get(p, sq[0]) != sq[0] or locks.get(q, sp[0]) != sp[0]:
                    continue
                trial = {**slots, p: sq, q: sp}
                debaters_only = sp[0] in DEBATER_ROLES and sq[0] in DEBATER_ROLES
                score = (_violations(pairs, trial), _side_cost(r.balance, trial), not debaters_only)
                if score[0] < now and (best is None or score < best):
                    best, best_slots = score, trial
        if best is None:
            break
        slots = best_slots
    return slots


def _warnings(slots: Mapping[str, Slot], plan: SeatPlan, debates: int) -> list[str]:
    found: list[str] = []
    for debate in range(1, debates + 1):
        sizes = [sum(s == (side, debate) for s in slots.values()) for side in DEBATER_ROLES]
        if min(sizes) < plan.team_size:
            found.append(
                f"Debate {debate} is short: {sizes[0]} proposition and {sizes[1]} opposition "
                f"speakers instead of {plan.team_size} a side."
            )
        judges = sum(s == ("judge", debate) for s in slots.values())
        if judges < plan.judges_per_debate:
            found.append(f"Debate {debate} has {judges} of {plan.judges_per_debate} judges.")
        elif judges == 0 and plan.others == "judge":
            found.append(f"Debate {debate} has no judge, so few can score it: make fewer or smaller debates.")
    return found


def _seats(r: _Round, slots: Mapping[str, Slot]) -> list[Seat]:
    keys = {p: (r.debated[p], r.rng.random()) for p in r.people}
    teams: dict[Slot, list[str]] = {}
    for p in sorted(slots):
        teams.setdefault(slots[p], []).append(p)
    seats: list[Seat] = []
    for (role, debate), members in teams.items():
        if role in DEBATER_ROLES:
            members.sort(key=keys.__getitem__)
            seats += [Seat(p, role, debate, n) for n, p in enumerate(members, start=1)]
        else:
            seats += [Seat(p, role, debate, None) for p in members]
    return sorted(seats, key=_seat_order)


def assign_sides(
    participants: Sequence[str],
    plan: SeatPlan,
    *,
    seed: int,
    history: Mapping[str, Sequence[str]] = _NO_HISTORY,
    locks: Mapping[str, str] = _NO_LOCKS,
    keep_apart: Iterable[tuple[str, str]] = (),
    names: Mapping[str, str] = _NO_LOCKS,
) -> Assignment:
    """Seat every participant for one round (see the numbered policy cases above).

    ``names``: how the warnings call a participant (their name, where ``participants`` are ids)."""
    people, pairs = _check_inputs(participants, locks, keep_apart)
    past = {p: history.get(p, ()) for p in people}
    if any(isinstance(entries, str) for entries in past.values()):
        raise InvalidInput("sides-bad-history", "A side history must be a list of roles.")
    prop, opp = ({p: list(past[p]).count(side) for p in people} for side in DEBATER_ROLES)
    balance = {p: prop[p] - opp[p] for p in people}
    debated = {p: prop[p] + opp[p] for p in people}
    r = _Round(people, plan, locks, balance, debated, random.Random(seed))
    warnings: list[str] = []
    debates = _size(people, locks, plan, warnings)
    debaters, judges = _pick_roles(r, debates)
    slots = _team_slots(*_split_sides(r, debaters, debates), debates, r.rng)
    r.rng.shuffle(judges)
    slots.update({j: ("judge", i % debates + 1) for i, j in enumerate(judges)})
    slots.update({p: ("audience", None) for p in people if p not in slots})
    slots = _separate(r, pairs, slots)
    warnings += _warnings(slots, plan, debates)
    warnings += [
        f"{names.get(a, a)} and {names.get(b, b)} should be kept apart, but they could not be put in "
        "different teams."
        for a, b in pairs
        if slots[a] == slots[b] and slots[a][0] in DEBATER_ROLES
    ]
    return Assignment(seed, tuple(_seats(r, slots)), tuple(warnings))


def swap_seats(assignment: Assignment, a: str, b: str) -> Assignment:
    """Exchange the seats of ``a`` and ``b`` (policy case 11)."""
    seat_a, seat_b = assignment.seat_of(a), assignment.seat_of(b)
    if a == b:
        return assignment
    swapped = {a: replace(seat_b, participant=a), b: replace(seat_a, participant=b)}
    seats = [swapped.get(s.participant, s) for s in assignment.seats]
    return replace(assignment, seats=tuple(sorted(seats, key=_seat_order)))
