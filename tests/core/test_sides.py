"""Tests for debate_kit.core.sides: one test per numbered policy case, plus property tests."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.errors import InvalidInput
from debate_kit.core.sides import (
    DEFAULT_PLAN,
    ROLES,
    Assignment,
    Seat,
    SeatPlan,
    assign_sides,
    swap_seats,
)

CLASS = [f"s{i:02d}" for i in range(14)]
DEBATERS = ("proposition", "opposition")


def teams(assignment: Assignment) -> dict[tuple[str, int], list[str]]:
    found: dict[tuple[str, int], list[str]] = {}
    for seat in assignment.seats:
        if seat.role in DEBATERS:
            assert seat.debate is not None
            found.setdefault((seat.role, seat.debate), []).append(seat.participant)
    return found


def role_of(assignment: Assignment) -> dict[str, str]:
    return {seat.participant: seat.role for seat in assignment.seats}


def check_invariants(
    assignment: Assignment, people: list[str], plan: SeatPlan, locks: dict[str, str] | None = None
) -> None:
    locks = locks or {}
    names = [seat.participant for seat in assignment.seats]
    assert sorted(names) == sorted(people)
    sizes = [len(team) for team in teams(assignment).values()]
    assert max(sizes) - min(sizes) <= 1
    assert max(sizes) <= plan.team_size
    debates = {seat.debate for seat in assignment.seats if seat.role in DEBATERS}
    for debate in debates:
        assert ("proposition", debate) in teams(assignment)
        assert ("opposition", debate) in teams(assignment)
    for seat in assignment.seats:
        assert seat.role in ROLES
        if seat.role == "audience":
            assert (seat.debate, seat.speaker) == (None, None)
        elif seat.role == "judge":
            assert seat.debate in debates and seat.speaker is None
    for members in teams(assignment).values():
        speakers = sorted(s.speaker for s in assignment.seats if s.participant in members)
        assert speakers == list(range(1, len(members) + 1))
    if plan.others == "judge":  # everyone has a job (unless locked to watch); judges spread evenly
        watching = [s.participant for s in assignment.seats if s.role == "audience"]
        assert all(locks.get(name) == "audience" for name in watching)
        judges = Counter(seat.debate for seat in assignment.seats if seat.role == "judge")
        if judges:
            counts = [judges.get(d, 0) for d in debates]
            assert max(counts) - min(counts) <= 1


@pytest.mark.parametrize(
    ("plan", "n"),
    [
        (SeatPlan(1, 3), 6),
        (SeatPlan(2, 3, 1), 14),
        (SeatPlan(3, 2), 9),
        (SeatPlan(1, 5, 2), 3),
        (SeatPlan(4, 4, 0), 30),
        (SeatPlan(2, 3, 1, "audience"), 14),
        (DEFAULT_PLAN, 30),
        (SeatPlan(3, 2), 30),
    ],
    ids=["exact", "with-judges", "odd", "tiny-class", "big-class", "audience", "default", "three-debates"],
)
def test_invariants_on_typical_classes(plan: SeatPlan, n: int) -> None:
    people = CLASS[:n] if n <= len(CLASS) else [f"p{i}" for i in range(n)]
    check_invariants(assign_sides(people, plan, seed=3), people, plan)


def test_case_1_input_order_does_not_matter_and_seed_repeats() -> None:
    plan = SeatPlan(2, 3, 1)
    first = assign_sides(CLASS, plan, seed=7)
    assert assign_sides(list(reversed(CLASS)), plan, seed=7) == first
    assert assign_sides(CLASS, plan, seed=7) == first
    assert first.seed == 7
    others = {assign_sides(CLASS, plan, seed=s).seats for s in range(10)}
    assert len(others) > 1


def test_case_1_does_not_touch_the_global_random_generator() -> None:
    random.seed(1)
    expected = random.random()
    random.seed(1)
    assign_sides(CLASS, SeatPlan(2, 3), seed=5)
    assert random.random() == expected


@pytest.mark.parametrize(
    "people",
    [["ana", "ben", "ana"], ["ana", ""], ["ana", 3]],
    ids=["repeated", "empty-name", "not-text"],
)
def test_case_2_every_participant_once(people: list) -> None:
    with pytest.raises(InvalidInput) as err:
        assign_sides(people, SeatPlan(1, 2), seed=1)
    assert err.value.code in ("sides-duplicate", "sides-bad-name")


def test_case_3_debaters_first_then_judges_then_audience_when_asked() -> None:
    plan = SeatPlan(1, 2, 1, others="audience")
    result = assign_sides(CLASS[:7], plan, seed=2)
    counts = Counter(role_of(result).values())
    assert counts == {"proposition": 2, "opposition": 2, "judge": 1, "audience": 2}
    assert result.warnings == ()


@pytest.mark.parametrize("seed", range(5))
def test_case_3_default_plan_gives_a_class_of_30_a_job_each(seed: int) -> None:
    people = [f"p{i:02d}" for i in range(30)]
    assert SeatPlan(1, 2, 0, "judge") == DEFAULT_PLAN
    result = assign_sides(people, DEFAULT_PLAN, seed=seed)
    counts = Counter(role_of(result).values())
    assert counts == {"proposition": 2, "opposition": 2, "judge": 26}
    assert [s for s in result.seats if s.role == "audience" or s.debate is None] == []
    assert result.warnings == ()


def test_case_3_judges_spread_evenly_over_parallel_debates() -> None:
    people = [f"p{i:02d}" for i in range(30)]
    result = assign_sides(people, SeatPlan(3, 2), seed=4)
    judges = Counter(s.debate for s in result.seats if s.role == "judge")
    assert sorted(judges.values()) == [6, 6, 6]  # 30 - 12 debaters = 18 judges, 6 per debate
    assert Counter(role_of(result).values())["audience"] == 0


def test_case_3_locked_audience_watches_and_a_debate_with_no_judge_warns() -> None:
    result = assign_sides(CLASS[:6], SeatPlan(1, 2), seed=1, locks={"s05": "audience"})
    assert role_of(result)["s05"] == "audience"
    assert Counter(role_of(result).values())["judge"] == 1
    bare = assign_sides(CLASS[:4], SeatPlan(1, 2), seed=1)
    assert bare.warnings == ("Debate 1 has no judge, so few can score it: make fewer or smaller debates.",)


@pytest.mark.parametrize(
    ("plan", "n", "sizes", "warnings"),
    [
        (SeatPlan(1, 3), 5, [2, 3], 2),
        (SeatPlan(2, 3), 10, [2, 2, 3, 3], 4),
        (SeatPlan(2, 3), 9, [2, 2, 2, 3], 4),
        (SeatPlan(3, 2, 1), 6, [1, 1, 1, 1, 1, 1], 6),
    ],
    ids=["one-short", "two-short", "odd", "no-judges-left"],
)
def test_case_4_short_teams_differ_by_at_most_one(
    plan: SeatPlan, n: int, sizes: list[int], warnings: int
) -> None:
    result = assign_sides(CLASS[:n], plan, seed=1)
    assert sorted(len(t) for t in teams(result).values()) == sizes
    assert len(result.warnings) == warnings
    assert any("short" in w for w in result.warnings)


def test_case_4_bigger_team_faces_smaller_team() -> None:
    result = assign_sides(CLASS[:10], SeatPlan(2, 3), seed=4)
    for debate in (1, 2):
        sizes = {len(teams(result)[(side, debate)]) for side in DEBATERS}
        assert sizes == {2, 3}


def test_case_5_debates_reduced_with_a_warning() -> None:
    result = assign_sides(CLASS[:5], SeatPlan(3, 3), seed=1)
    assert {debate for _, debate in teams(result)} == {1, 2}
    assert result.warnings[0] == "Only enough students for 2 debate(s), not 3."


@pytest.mark.parametrize(
    ("people", "locks"),
    [(["ana"], {}), (["ana", "ben", "cat"], {"ben": "audience", "cat": "judge"})],
    ids=["one-student", "only-one-can-debate"],
)
def test_case_5_too_few_debaters_refused(people: list[str], locks: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as err:
        assign_sides(people, SeatPlan(1, 2, 1), seed=1, locks=locks)
    assert err.value.code == "sides-too-few"


@pytest.mark.parametrize(
    "locks",
    [
        {"s00": "judge", "s01": "audience", "s02": "proposition", "s03": "opposition"},
        {"s00": "opposition", "s01": "opposition", "s02": "opposition"},
        {"s04": "audience", "s05": "audience", "s06": "audience"},
    ],
    ids=["one-of-each", "whole-team", "three-watching"],
)
@pytest.mark.parametrize("seed", range(5))
def test_case_6_locks_honoured(locks: dict[str, str], seed: int) -> None:
    plan = SeatPlan(1, 3, 1)
    result = assign_sides(CLASS[:9], plan, seed=seed, locks=locks)
    roles = role_of(result)
    assert {name: roles[name] for name in locks} == locks


@pytest.mark.parametrize(
    ("plan", "locks", "name"),
    [
        (SeatPlan(1, 2, others="audience"), {"s00": "judge"}, "s00"),
        (SeatPlan(1, 2, 1, "audience"), {"s00": "judge", "s01": "judge"}, "s01"),
        (SeatPlan(1, 2), {"s00": "proposition", "s01": "proposition", "s02": "proposition"}, "s02"),
        (SeatPlan(1, 3), {"s00": "opposition", "s01": "opposition", "s02": "opposition"}, "s02"),
    ],
    ids=["no-judge-seats", "too-many-judges", "side-full", "teams-would-be-unequal"],
)
def test_case_6_impossible_lock_names_the_student(plan: SeatPlan, locks: dict[str, str], name: str) -> None:
    with pytest.raises(InvalidInput) as err:
        assign_sides(CLASS[:4], plan, seed=1, locks=locks)
    assert err.value.code == "sides-lock-impossible"
    assert err.value.message.startswith(name)


@pytest.mark.parametrize(
    ("locks", "keep_apart", "code"),
    [
        ({"zed": "judge"}, (), "sides-unknown-participant"),
        ({}, [("s00", "zed")], "sides-unknown-participant"),
        ({"s00": "captain"}, (), "sides-unknown-role"),
        ({}, [("s00", "s00")], "sides-bad-pair"),
        ({}, [("s00", "s01", "s02")], "sides-bad-pair"),
    ],
    ids=["lock-unknown", "pair-unknown", "role-unknown", "pair-with-self", "three-names"],
)
def test_case_7_unknown_names_and_roles_refused(
    locks: dict[str, str], keep_apart: list[tuple[str, str]], code: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        assign_sides(CLASS[:6], SeatPlan(1, 3), seed=1, locks=locks, keep_apart=keep_apart)
    assert err.value.code == code


def same_team(assignment: Assignment, a: str, b: str) -> bool:
    return any(a in team and b in team for team in teams(assignment).values())


@pytest.mark.parametrize("seed", range(20))
def test_case_8_keep_apart_pairs_separated(seed: int) -> None:
    pairs = [("s00", "s01"), ("s00", "s02"), ("s01", "s02"), ("s03", "s04")]
    result = assign_sides(CLASS[:6], SeatPlan(1, 3), seed=seed, keep_apart=pairs[3:])
    assert not same_team(result, "s03", "s04")
    # A triangle cannot fit in two teams of two, but a judge can take one seat.
    result = assign_sides(CLASS[:5], SeatPlan(1, 2), seed=seed, keep_apart=pairs[:3])
    assert not any(same_team(result, a, b) for a, b in pairs[:3])
    assert result.warnings == ()


def test_case_8_warning_when_pairs_cannot_be_separated() -> None:
    locks = {"s00": "proposition", "s01": "proposition"}
    result = assign_sides(CLASS[:5], SeatPlan(1, 2), seed=1, locks=locks, keep_apart=[("s01", "s00")])
    assert same_team(result, "s00", "s01")
    assert result.warnings == (
        "s00 and s01 should be kept apart, but they could not be put in different teams.",
    )
    named = assign_sides(CLASS[:5], SeatPlan(1, 2), seed=1, locks=locks, keep_apart=[("s01", "s00")],
                         names={"s00": "Ana", "s01": "Ben"})  # ids in, names in the teacher's warning
    assert named.warnings == (
        "Ana and Ben should be kept apart, but they could not be put in different teams.",)
    assert named.seats == result.seats


@pytest.mark.parametrize("seed", range(10))
def test_case_9_history_decides_sides(seed: int) -> None:
    history = {
        "s00": ["proposition", "proposition"],
        "s01": ["proposition", "judge"],
        "s02": ["opposition"],
        "s03": ["opposition", "opposition", "proposition"],
    }
    roles = role_of(assign_sides(CLASS[:4], SeatPlan(1, 2), seed=seed, history=history))
    assert roles == {
        "s00": "opposition",
        "s01": "opposition",
        "s02": "proposition",
        "s03": "proposition",
    }


def test_case_9_history_must_be_a_list_of_roles() -> None:
    with pytest.raises(InvalidInput) as err:
        assign_sides(CLASS[:4], SeatPlan(1, 2), seed=1, history={"s00": "proposition"})
    assert err.value.code == "sides-bad-history"


def test_case_9_ties_broken_at_random() -> None:
    sides = {role_of(assign_sides(CLASS[:4], SeatPlan(1, 2), seed=s))["s00"] for s in range(20)}
    assert sides == {"proposition", "opposition"}


def test_case_10_students_who_debated_least_debate_first() -> None:
    history = {name: ["proposition"] for name in CLASS[:4]}
    history.update({name: ["audience"] for name in CLASS[4:8]})
    roles = role_of(assign_sides(CLASS[:8], SeatPlan(1, 2), seed=3, history=history))
    assert {name for name, role in roles.items() if role in DEBATERS} == set(CLASS[4:8])


def test_case_10_speaker_one_goes_to_who_debated_least() -> None:
    history = {"s00": ["opposition", "opposition"], "s01": []}
    history.update({name: ["proposition", "opposition"] for name in CLASS[2:4]})
    locks = {"s00": "proposition", "s01": "proposition"}
    result = assign_sides(CLASS[:4], SeatPlan(1, 2), seed=9, history=history, locks=locks)
    assert result.seat_of("s01").speaker == 1
    assert result.seat_of("s00").speaker == 2


def test_case_11_swap_seats() -> None:
    result = assign_sides(CLASS[:7], SeatPlan(1, 3, 1), seed=1)
    a, b = result.seats[0], result.seats[-1]
    swapped = swap_seats(result, a.participant, b.participant)
    assert swapped.seat_of(a.participant) == dataclasses.replace(b, participant=a.participant)
    assert swapped.seat_of(b.participant) == dataclasses.replace(a, participant=b.participant)
    assert (swapped.seed, swapped.warnings) == (result.seed, result.warnings)
    assert swap_seats(swapped, b.participant, a.participant) == result
    assert swap_seats(result, a.participant, a.participant) == result


def test_case_11_swap_unknown_name_refused() -> None:
    result = assign_sides(CLASS[:4], SeatPlan(1, 2), seed=1)
    with pytest.raises(InvalidInput) as err:
        swap_seats(result, "s00", "zed")
    assert err.value.code == "sides-unknown-participant"


@pytest.mark.parametrize(
    "args",
    [(0, 2, 0), (1, 0, 0), (1, 6, 0), (1, 2, 6), (1, 2, -1), (True, 2, 0), (1.5, 2, 0), (1, 2, 0, "nap")],
    ids=["no-debates", "no-team", "team-too-big", "too-many-judges", "negative", "bool", "float", "others"],
)
def test_seat_plan_validated(args: tuple) -> None:
    with pytest.raises(InvalidInput) as err:
        SeatPlan(*args)
    assert err.value.code == "sides-plan-invalid"


def test_seats_are_frozen_and_ordered() -> None:
    result = assign_sides(CLASS[:9], SeatPlan(1, 3, 1, "audience"), seed=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.seats[0].role = "judge"  # type: ignore[misc]
    assert [s.role for s in result.seats] == ["proposition"] * 3 + ["opposition"] * 3 + [
        "judge",
        "audience",
        "audience",
    ]
    assert isinstance(result.seats[0], Seat)


# ---------------------------------------------------------------- property tests

plans = st.builds(
    SeatPlan,
    debates=st.integers(min_value=1, max_value=4),
    team_size=st.integers(min_value=1, max_value=5),
    judges_per_debate=st.integers(min_value=0, max_value=2),
    others=st.sampled_from(["judge", "audience"]),
)
classes = st.lists(st.text("abcdefgh", min_size=1, max_size=4), min_size=2, max_size=30, unique=True)


@settings(max_examples=100, deadline=None)
@given(classes, plans, st.integers(), st.randoms(use_true_random=False))
def test_property_invariants_and_determinism(
    people: list[str], plan: SeatPlan, seed: int, shuffler: random.Random
) -> None:
    result = assign_sides(people, plan, seed=seed)
    check_invariants(result, people, plan)
    shuffled = list(people)
    shuffler.shuffle(shuffled)
    assert assign_sides(shuffled, plan, seed=seed) == result


@st.composite
def locked_classes(draw: st.DrawFn) -> tuple[list[str], SeatPlan, dict[str, str]]:
    people = draw(classes)
    plan = draw(plans)
    locks: dict[str, str] = {}
    judges = plan.judges_per_debate if plan.others == "audience" else 99
    room = {"proposition": 1, "opposition": 1, "judge": judges, "audience": 99}
    for name in draw(st.lists(st.sampled_from(people), unique=True, max_size=len(people) - 2)):
        role = draw(st.sampled_from(ROLES))
        if room[role] > 0:
            room[role] -= 1
            locks[name] = role
    return people, plan, locks


@settings(max_examples=100, deadline=None)
@given(locked_classes(), st.integers())
def test_property_locks_honoured(case: tuple[list[str], SeatPlan, dict[str, str]], seed: int) -> None:
    people, plan, locks = case
    result = assign_sides(people, plan, seed=seed, locks=locks)
    roles = role_of(result)
    assert {name: roles[name] for name in locks} == locks
    check_invariants(result, people, plan, locks)


@st.composite
def apart_classes(draw: st.DrawFn) -> tuple[list[str], SeatPlan, list[tuple[str, str]]]:
    """Pairs that form a matching (nobody in two pairs) with at least two teams: always feasible."""
    people = draw(classes.filter(lambda p: len(p) >= 4))
    plan = draw(plans)
    order = draw(st.permutations(people))
    count = draw(st.integers(min_value=0, max_value=len(people) // 2))
    pairs = [(order[2 * i], order[2 * i + 1]) for i in range(count)]
    return people, plan, pairs


@settings(max_examples=100, deadline=None)
@given(apart_classes(), st.integers())
def test_property_keep_apart_when_feasible(
    case: tuple[list[str], SeatPlan, list[tuple[str, str]]], seed: int
) -> None:
    people, plan, pairs = case
    result = assign_sides(people, plan, seed=seed, keep_apart=pairs)
    assert [a for a, b in pairs if same_team(result, a, b)] == []
    assert not any("kept apart" in w for w in result.warnings)
    check_invariants(result, people, plan)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=2, max_value=30),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=5),
    st.integers(),
)
def test_property_sides_balance_over_rounds(n: int, debates: int, team_size: int, seed: int) -> None:
    debates = max(1, min(debates, n // 2))
    team_size = max(team_size, -(-n // (2 * debates)))  # everyone debates every round
    if team_size > 5:
        return
    people = [f"p{i}" for i in range(n)]
    history: dict[str, list[str]] = {p: [] for p in people}
    for round_number in range(4):
        result = assign_sides(people, SeatPlan(debates, team_size), seed=seed + round_number, history=history)
        for seat in result.seats:
            assert seat.role in DEBATERS
            history[seat.participant].append(seat.role)
        for past in history.values():
            assert abs(past.count("proposition") - past.count("opposition")) <= 1
