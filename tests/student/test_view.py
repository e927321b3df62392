"""The student view model (debate_kit/student/view.py) and the snapshot it is built from.

The view functions are pure: most tests build a :class:`RoomSnapshot` by hand; the snapshot tests read a
real SQLite store.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.rooms import motions_of
from debate_kit.store import Participant, Poll, Room, Round, ScoreRow, SeatRow, Speech
from debate_kit.student.roles import LATE
from debate_kit.student.snapshot import RoomSnapshot, read_snapshot
from debate_kit.student.view import (
    CLOSED,
    STATE_TEXT,
    VOTE_HINT,
    WAITING,
    join_view,
    results_view,
    room_info,
    scoring_view,
    seat_view,
    student_view,
)
from tests.student.conftest import Klass, me

#: The view model's keys (docs/student-protocol.md): every view has all of them.
KEYS = {"stage", "room", "join", "me", "notice", "polls", "reading", "seat", "scoring", "results",
        "speech", "cards", "reflection"}
CRITERIA = ("clash", "evidence", "reasoning", "delivery")
ANN, BEN, CY, DEE, EVE = 1, 2, 3, 4, 5
NAMES = {ANN: "Ann", BEN: "Ben", CY: "Cy", DEE: "Dee", EVE: "Eve"}


def room(phase: str = "join", closed: bool = False) -> Room:
    return Room(id=1, code="K7QF", title="Year 11", lesson="new-soviet-union", phase=phase, closed=closed,
                revision=1, created_at="2026-01-01", rubric_min=1, rubric_max=5, rubric_criteria=CRITERIA)


def poll(pid: int, key: str, state: str, *, section: str | None = None,
         options: tuple[str, ...] = ("For", "Against", "Undecided")) -> Poll:
    kind = "motion" if key.startswith("motion-") else "agree"
    return Poll(id=pid, room_id=1, key=key, question=f"Question {key}?", kind=kind, options=options,
                section=section, state=state)


def person(pid: int) -> Participant:
    return Participant(id=pid, room_id=1, name=NAMES[pid], role="student", created_at="2026-01-01")


def snapshot(phase: str = "join", *, polls: tuple[Poll, ...] = (),
             votes: dict[int, dict[int, str]] | None = None, closed: bool = False,
             **more: Any) -> RoomSnapshot:
    return RoomSnapshot(room(phase, closed), polls, votes or {}, dict(NAMES), **more)


def debate_round(scoring: str = "open") -> dict[str, Any]:
    """One debate: Ann and Ben for the proposition, Cy and Dee against, Eve judging."""
    round_ = Round(id=1, room_id=1, number=1, seed=1, format=json.dumps(PRESETS["classroom"].__dict__),
                   published=True, scoring=scoring)
    seats = (SeatRow(1, ANN, "proposition", 1, 1), SeatRow(1, BEN, "proposition", 1, 2),
             SeatRow(1, CY, "opposition", 1, 1), SeatRow(1, DEE, "opposition", 1, 2),
             SeatRow(1, EVE, "judge", 1, None))
    speeches = (Speech(10, 1, 1, "proposition", "Debate 1: Proposition rebuttal", ANN),
                Speech(11, 1, 1, "opposition", "Debate 1: Opposition rebuttal", CY))
    return {"round": round_, "seats": seats, "speeches": speeches}


# -- shape ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("phase", ["join", "pre-vote", "reading", "sides", "debate", "scoring", "post-vote",
                                   "results"])
def test_every_view_has_every_key_and_is_json(phase: str, lesson: Lesson) -> None:
    snap = snapshot(phase, polls=(poll(1, "motion-main-pre", "revealed"),), votes={1: {ANN: "For"}},
                    **debate_round())
    for view in (student_view(snap, person(ANN), lesson=lesson), join_view("K7QF", None, room_info(snap)),
                 join_view("", "jdoe")):
        assert set(view) == KEYS
        assert json.loads(json.dumps(view)) == view


def test_the_join_view(lesson: Lesson) -> None:
    assert join_view("KKKK", None) == {
        "stage": "join", "room": None, "join": {"code": "KKKK", "hub_user": None}, "me": None, "notice": "",
        "polls": [], "reading": None, "seat": None, "scoring": None, "results": None, "speech": None,
        "cards": None, "reflection": None}
    info = room_info(snapshot("pre-vote", closed=True))
    assert info == {"code": "K7QF", "title": "Year 11", "phase": "pre-vote",
                    "phase_label": "Vote before the debate", "closed": True}
    assert join_view("K7QF", "jdoe", info)["room"] == info


def test_a_joined_student_waits_until_the_class_starts() -> None:
    view = student_view(snapshot("join"), person(ANN))
    assert view["stage"] == "room" and view["me"] == {"name": "Ann"} and view["join"] is None
    assert view["notice"] == WAITING and view["room"]["phase_label"] == "Join"


def test_a_closed_room_shows_only_the_notice() -> None:
    snap = snapshot("pre-vote", polls=(poll(1, "motion-main-pre", "open"),), closed=True, **debate_round())
    view = student_view(snap, person(ANN))
    assert view["notice"] == CLOSED and view["polls"] == [] and view["room"]["closed"] is True
    assert all(view[k] is None for k in ("reading", "seat", "scoring", "results"))


# -- polls -----------------------------------------------------------------------------------------------

def test_own_vote_only_and_no_tally_before_the_reveal() -> None:
    for state in ("open", "closed"):
        snap = snapshot("pre-vote", polls=(poll(1, "motion-main-pre", state),),
                        votes={1: {ANN: "For", BEN: "Against", CY: "Against"}})
        [shown] = student_view(snap, person(ANN))["polls"]
        assert shown["mine"] == "For" and shown["results"] is None
        assert shown["state_text"] == STATE_TEXT[state]
        assert "Against" not in json.dumps({k: v for k, v in shown.items() if k != "options"})
        assert student_view(snap, person(DEE))["polls"][0]["mine"] is None


def test_revealed_results_count_everyone() -> None:
    snap = snapshot("pre-vote", polls=(poll(1, "motion-main-pre", "revealed"),),
                    votes={1: {ANN: "For", BEN: "Against", CY: "Against"}})
    [shown] = student_view(snap, person(BEN))["polls"]
    assert shown["mine"] == "Against" and shown["state_text"] == STATE_TEXT["revealed"]
    assert shown["results"] == {"total": 3, "rows": [{"option": "For", "count": 1, "percent": 33},
                                                     {"option": "Against", "count": 2, "percent": 67},
                                                     {"option": "Undecided", "count": 0, "percent": 0}]}


def test_each_phase_shows_its_own_polls() -> None:
    polls = (poll(1, "motion-main-pre", "open"), poll(2, "motion-main-post", "open"),
             poll(3, "motion-other-pre", "open"), poll(4, "motion-other-post", "closed"),
             poll(5, "repeat-history", "open", section="opening", options=("Agree", "Disagree")))
    shown = {phase: [p["id"] for p in student_view(snapshot(phase, polls=polls), person(ANN))["polls"]]
             for phase in ("join", "pre-vote", "reading", "post-vote", "sides", "results")}
    assert shown == {"join": [], "pre-vote": [1, 3], "reading": [5], "post-vote": [2, 4], "sides": [],
                     "results": []}
    assert student_view(snapshot("pre-vote", polls=polls), person(ANN))["notice"] == VOTE_HINT
    assert motions_of(list(snapshot(polls=polls).polls)) == ["main", "other"]


def test_reading_shows_the_lesson_and_only_the_students_answers() -> None:
    view = student_view(snapshot("reading"), person(ANN), answers={"opening-claim": "Mine."})
    assert view["reading"] == {"lesson": "new-soviet-union", "answers": {"opening-claim": "Mine."},
                               "read_only": False}
    assert student_view(snapshot("reading"), person(BEN))["reading"]["answers"] == {}


@pytest.mark.parametrize("phase", ["sides", "debate", "scoring", "post-vote", "results"])
def test_after_reading_the_essay_and_own_answers_stay_read_only(phase: str) -> None:
    view = student_view(snapshot(phase, **debate_round()), person(ANN), answers={"opening-claim": "Mine."})
    assert view["reading"] == {"lesson": "new-soviet-union", "answers": {"opening-claim": "Mine."},
                               "read_only": True}


@pytest.mark.parametrize("phase", ["join", "pre-vote"])
def test_before_reading_no_essay(phase: str) -> None:
    assert student_view(snapshot(phase), person(ANN), answers={"opening-claim": "Mine."})["reading"] is None


# -- seats ------------------------------------------------------------------------------------------------

def test_seat_before_the_sides_are_out() -> None:
    for phase in ("sides", "debate"):
        assert student_view(snapshot(phase), person(ANN))["seat"] == {
            "round": None, "text": "Sides are not out yet. Your teacher will publish them soon."}


def test_a_debater_sees_the_running_order_of_their_debate() -> None:
    snap = snapshot("debate", **debate_round())
    seat = seat_view(snap, ANN)
    assert seat["round"] == 1 and (seat["role"], seat["debate"], seat["speaker"]) == ("proposition", 1, 1)
    assert seat["text"].startswith("You are: ") and "debate 1" in seat["text"]
    assert seat["judges"] == ["Eve"]
    assert [slot["order"] for slot in seat["order"]] == list(range(1, len(seat["order"]) + 1))
    assert {slot["speaker"] for slot in seat["order"]} <= {"Ann", "Ben", "Cy", "Dee", "(team's choice)"}
    assert all(slot["minutes"] > 0 for slot in seat["order"])
    assert seat_view(snap, EVE)["role"] == "judge" and seat_view(snap, EVE)["order"] == seat["order"]


def test_a_late_student_is_in_the_audience_and_told_what_to_do() -> None:
    seat = seat_view(snapshot("debate", **debate_round()), 99)
    assert seat["role"] == "audience" and seat["debate"] is None and seat["order"] == []
    assert seat["text"] == seat["now"] == LATE == ("You joined after the sides were made: listen, and score "
                                                    "the speeches when scoring opens.")
    # ... which is true: a student with no seat may score every rebuttal once scoring opens
    scoring = scoring_view(snapshot("scoring", **debate_round()), 99, None)
    assert scoring["open"] and [s["id"] for s in scoring["speeches"]] == [10, 11]
    assert seat_view(snapshot("scoring", **debate_round()), 99)["now"].startswith("Score the rebuttals below")


# -- scoring ----------------------------------------------------------------------------------------------

def test_scoring_lists_the_speeches_a_student_may_score(lesson: Lesson) -> None:
    scores = {10: (ScoreRow(10, EVE, {"clash": 4}, "Good", "t"), ScoreRow(10, 99, {"clash": 1}, "Bad", "t"))}
    snap = snapshot("scoring", scores=scores, **debate_round())
    scoring = scoring_view(snap, EVE, lesson)
    assert scoring["open"]
    assert scoring["text"] == "Score each rebuttal. You can change a score until scoring closes."
    assert (scoring["min"], scoring["max"]) == (1, 5)
    assert [c["id"] for c in scoring["criteria"]] == list(CRITERIA)
    assert scoring["criteria"][0]["label"] == lesson.rubric.criteria[0].label
    assert [(s["id"], s["mine"]) for s in scoring["speeches"]] == [
        (10, {"values": {"clash": 4}, "comment": "Good"}), (11, None)]  # own marks only, per speech
    assert scoring["speeches"][0]["label"] == "Debate 1: Proposition rebuttal, debate 1 (Ann)"
    audience = scoring_view(snap, 99, lesson)
    assert [s["mine"] for s in audience["speeches"]] == [{"values": {"clash": 1}, "comment": "Bad"}, None]


@pytest.mark.parametrize("debater", [ANN, BEN, CY, DEE])
def test_debaters_are_told_they_are_debating(debater: int) -> None:
    scoring = scoring_view(snapshot("scoring", **debate_round()), debater, None)
    assert scoring["speeches"] == [] and scoring["open"] is False
    assert scoring["text"] == ("There is no speech for you to score: You are debating in this debate, so you "
                               "cannot score it. The judges and the audience will.")


def test_scoring_closed_and_no_round() -> None:
    closed = scoring_view(snapshot("scoring", **debate_round("closed")), EVE, None)
    assert closed["open"] is False and closed["text"] == "Scoring is closed." and len(closed["speeches"]) == 2
    none = scoring_view(snapshot("scoring"), EVE, None)
    assert none["speeches"] == [] and none["text"] == "Sides are not out yet, so there is nothing to score."
    empty = scoring_view(snapshot("scoring", **{**debate_round(), "speeches": ()}), EVE, None)
    assert empty["text"] == "There is no speech for you to score: This round has no speeches to score."


def test_criteria_without_the_lesson_get_plain_labels() -> None:
    snap = replace(snapshot("scoring"), room=replace(room("scoring"), rubric_criteria=("use-of-evidence",)))
    assert scoring_view(snap, ANN, None)["criteria"] == [
        {"id": "use-of-evidence", "label": "Use of evidence", "help": "", "cards": False}]


# -- results ----------------------------------------------------------------------------------------------

def test_results_wait_for_the_after_vote_to_be_revealed() -> None:
    polls = (poll(1, "motion-main-pre", "revealed"), poll(2, "motion-main-post", "closed"))
    votes = {1: {ANN: "For"}, 2: {ANN: "Against"}}
    results = results_view(snapshot("results", polls=polls, votes=votes), None)
    assert results == {"swings": [], "speeches": [], "text": "The results are not shown yet."}
    mine = results_view(snapshot("results", polls=polls, votes=votes, **debate_round()), None, ANN)["mine"]
    assert mine["feedback"] == [] and mine["feedback_text"] == (
        "Your feedback comes when your teacher shows the results.")  # Ann gave a rebuttal


def test_the_swing_and_the_speech_means() -> None:
    polls = (poll(1, "motion-main-pre", "revealed"), poll(2, "motion-main-post", "revealed"))
    votes = {1: {ANN: "For", BEN: "Against", CY: "Undecided", DEE: "For"},
             2: {ANN: "Against", BEN: "Against", CY: "Against", EVE: "For"}}
    scores = {10: (ScoreRow(10, EVE, dict.fromkeys(CRITERIA, 4), "", "t"),
                   ScoreRow(10, 99, dict.fromkeys(CRITERIA, 3), "", "t"))}
    view = student_view(snapshot("results", polls=polls, votes=votes, scores=scores, **debate_round()),
                        person(DEE))
    results = view["results"]
    [swing] = results["swings"]
    assert swing["motion"] == "Question motion-main-post?" and swing["winner"] == "Against"
    assert (swing["voters_before"], swing["voters_after"]) == (4, 4)
    assert swing["before"] == pytest.approx({"For": 50.0, "Against": 25.0, "Undecided": 25.0})
    assert swing["after"] == pytest.approx({"For": 25.0, "Against": 75.0, "Undecided": 0.0})
    assert swing["change"] == pytest.approx({"For": -25.0, "Against": 50.0, "Undecided": -25.0})
    assert results["text"] == ""
    assert results["speeches"] == [
        {"label": "Debate 1: Proposition rebuttal, debate 1 (Ann)", "n": 2, "mean": 14.0, "max": 20,
         "text": "Average 14.0 out of 20 (2 scores)"},
        {"label": "Debate 1: Opposition rebuttal, debate 1 (Cy)", "n": 0, "mean": None, "max": 20,
         "text": "No scores yet."}]
    assert view["polls"] == [] and view["seat"] is None and view["scoring"] is None


# -- snapshots from the store --------------------------------------------------------------------------------

def test_the_snapshot_leaves_out_drafts_and_reads_rounds_only_when_shown(klass: Klass) -> None:
    people = [klass.student(n) for n in ("Ann", "Ben", "Cy", "Dee")]
    pid = klass.poll("motion-main-pre", "open")
    klass.store.cast_vote(pid, me(people[0]).id, "For")
    snap = read_snapshot(klass.store, klass.room.id)
    assert [p.id for p in snap.polls] == [pid] and snap.votes == {pid: {me(people[0]).id: "For"}}
    assert snap.names == {me(s).id: me(s).name for s in people}
    ids = [str(me(s).id) for s in people]
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(ids, SeatPlan(1, 1, 1), seed=2),
                                    PRESETS["classroom"])
    klass.phase("sides")
    assert read_snapshot(klass.store, klass.room.id).round is None  # not published yet
    klass.store.publish_round(round_.id, klass.key)
    for phase, has_round, has_scores in (("pre-vote", False, False), ("sides", True, False),
                                         ("scoring", True, True), ("results", True, True)):
        klass.phase(phase)
        snap = read_snapshot(klass.store, klass.room.id)
        assert (snap.round is not None) == has_round and (snap.seats != ()) == has_round, phase
        assert (snap.scores != {}) == has_scores, phase
