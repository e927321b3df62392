"""Assigning sides: preview, seed, locks, swaps, publishing, and what students see."""

from __future__ import annotations

from debate_kit.widgets.seat_view import SeatView
from tests.widgets.browser import click, update
from tests.widgets.conftest import Class

NAMES = ("Ann", "Ben", "Cy", "Dee", "Eve", "Fay")


def _setup(klass: Class) -> dict[str, int]:
    ids = {}
    for name in NAMES:
        klass.student(name)
        ids[name] = klass.pid(name)
    klass.refresh()
    return ids


def test_preview_is_reproducible_and_publish_shows_students_their_side(klass: Class) -> None:
    ids = _setup(klass)
    sides = klass.console.controls.sides
    update(sides.team_size, value=2)
    update(sides.judges, value=1)
    update(sides.seed, value=42)
    click(sides.preview_button)
    first = sides.assignment
    click(sides.preview_button)
    assert sides.assignment == first and "Seed 42" in sides.preview.value
    assert klass.store.rounds(klass.room.id) == []  # preview only
    click(klass.console.controls.phases.phase_buttons["sides"])
    klass.refresh()
    assert klass.view("Ann")["seat"] == {
        "round": None, "text": "Sides are not out yet. Your teacher will publish them soon."}
    click(sides.publish)
    klass.refresh()
    rounds = klass.store.rounds(klass.room.id)
    assert len(rounds) == 1 and rounds[0].published
    names = {str(pid): name for name, pid in ids.items()}
    assert any(s.debate for s in first.seats) and any(s.role == "judge" for s in first.seats)
    for name in NAMES:  # each student sees their own side, as previewed
        seat = next(s for s in first.seats if s.participant == str(ids[name]))
        shown = klass.view(name)["seat"]
        assert shown["text"].startswith("You are:") and shown["round"] == 1
        assert (shown["role"], shown["debate"], shown["speaker"]) == (seat.role, seat.debate, seat.speaker)
        if seat.debate:  # the running order of their debate, with minutes, and its judges
            in_debate = [s for s in first.seats if s.debate == seat.debate]
            order = shown["order"]
            assert order and all(isinstance(slot["minutes"], int | float) and slot["minutes"] > 0
                                 for slot in order)
            assert [slot["order"] for slot in order] == list(range(1, len(order) + 1))
            speakers = {names[s.participant] for s in in_debate if s.role in ("proposition", "opposition")}
            assert {slot["speaker"] for slot in order} == speakers
            assert shown["judges"] == [names[s.participant] for s in in_debate if s.role == "judge"]
        else:
            assert shown["order"] == [] and shown["judges"] == []


def test_new_seed_locks_pairs_and_swap(klass: Class) -> None:
    ids = _setup(klass)
    sides = klass.console.controls.sides
    old = sides.seed.value
    click(sides.new_seed)
    assert isinstance(sides.seed.value, int)
    update(sides.seed, value=old)
    sides.lock_who.value = str(ids["Ann"])
    sides.lock_role.value = "judge"
    update(sides.judges, value=1)
    click(sides.lock_add)
    sides.apart_a.value, sides.apart_b.value = str(ids["Ben"]), str(ids["Cy"])
    click(sides.apart_add)
    click(sides.preview_button)
    assert sides.assignment.seat_of(str(ids["Ann"])).role == "judge"
    ben, cy = sides.assignment.seat_of(str(ids["Ben"])), sides.assignment.seat_of(str(ids["Cy"]))
    sides.swap_a.value, sides.swap_b.value = str(ids["Ben"]), str(ids["Dee"])
    dee = sides.assignment.seat_of(str(ids["Dee"]))
    click(sides.swap)
    assert sides.assignment.seat_of(str(ids["Ben"])).role == dee.role
    assert (ben.role, ben.debate) != (cy.role, cy.debate) or ben.role not in ("proposition", "opposition")
    click(sides.publish)
    click(sides.swap)  # swap back after publishing: replaces the seats of the same round
    click(sides.publish)
    assert len(klass.store.rounds(klass.room.id)) == 1


def test_forged_assigner_values_are_refused(klass: Class) -> None:
    _setup(klass)
    sides = klass.console.controls.sides
    update(sides.team_size, max=99, value=99)
    click(sides.preview_button)
    assert "team size" in sides.status.text.lower() and sides.assignment is None
    update(sides.team_size, max=5, value=2)
    update(sides.speech_minutes, max=999.0, value=999.0)
    click(sides.preview_button)
    assert "between 0.5 and 20" in sides.status.text
    update(sides.speech_minutes, value=3.0)
    sides.lock_who.options = [("Nobody", "9999")]  # a forged option list
    sides.lock_who.value = "9999"
    click(sides.lock_add)
    assert "in the room" in sides.status.text and sides.locks == {}
    click(sides.publish)
    assert "preview first" in sides.status.text
    assert klass.store.rounds(klass.room.id) == []


def test_teacher_seat_view_lists_every_debate(klass: Class) -> None:
    _setup(klass)
    sides = klass.console.controls.sides
    click(sides.preview_button)
    click(sides.publish)
    view = SeatView(klass.console.session)
    assert "Debate 1: running order" in view.body.value


def test_default_plan_gives_every_student_a_job_and_audience_on_request(klass: Class) -> None:
    ids = _setup(klass)
    sides = klass.console.controls.sides
    assert (sides.debates.value, sides.team_size.value, sides.others.value) == (1, 2, "judge")
    click(sides.preview_button)
    roles = [s.role for s in sides.assignment.seats]
    assert "audience" not in roles and roles.count("judge") == len(NAMES) - 4
    update(sides.others, index=1)  # "watch (audience)"
    click(sides.preview_button)
    assert [s.role for s in sides.assignment.seats].count("audience") == len(NAMES) - 4
    update(sides.others, index=0)
    click(klass.console.controls.phases.phase_buttons["sides"])
    click(sides.preview_button)
    click(sides.publish)
    klass.refresh()
    for name in NAMES:
        seat = klass.view(name)["seat"]
        assert seat["role"] != "audience" and seat["debate"] == 1 and seat["now"], seat
    assert ids


def test_a_keep_apart_warning_names_the_students(klass: Class) -> None:
    """Both locked to the same team, the pair cannot be split: the warning says who, by name."""
    ids = _setup(klass)
    sides = klass.console.controls.sides
    update(sides.team_size, value=2)
    for name in ("Ben", "Cy"):
        sides.lock_who.value, sides.lock_role.value = str(ids[name]), "proposition"
        click(sides.lock_add)
    sides.apart_a.value, sides.apart_b.value = str(ids["Ben"]), str(ids["Cy"])
    click(sides.apart_add)
    click(sides.preview_button)
    assert "Ben and Cy should be kept apart" in sides.preview.value
    assert str(ids["Ben"]) + " and" not in sides.preview.value
