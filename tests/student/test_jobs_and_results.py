"""Every student has a job, said for now (issue 15, item 4); results that explain themselves (item 6).

Pure view tests over hand-made snapshots (the round of tests/student/test_view.py), and one class of 30
on a real store with the default seat plan.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from debate_kit.core.formats import PRESETS
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.sides import DEFAULT_PLAN, assign_sides
from debate_kit.core.swing import RULE_TEXT
from debate_kit.store import ScoreRow
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.student.view import seat_view, student_view
from tests.student.conftest import Klass, me, send
from tests.student.test_view import ANN, BEN, CRITERIA, CY, DEE, EVE, debate_round, person, poll, snapshot


def on_clock(phase: str, label: str | None, **more: Any) -> RoomSnapshot:
    snap = snapshot(phase, **{**debate_round(), **more})
    speech = None if label is None else {"label": label, "speaker": "?", "seconds": 180, "running": True,
                                         "left": 100.0, "since": 0.0}
    return replace(snap, room=replace(snap.room, speech=speech))


def now(snap: RoomSnapshot, who: int) -> str:
    return seat_view(snap, who)["now"]


# -- every student has a job ---------------------------------------------------------------------------

def test_a_class_of_30_with_the_default_plan_has_no_student_without_a_role(klass: Klass) -> None:
    students = [klass.student(f"Student {i:02d}") for i in range(30)]
    ids = [str(me(s).id) for s in students]
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(ids, DEFAULT_PLAN, seed=11),
                                    PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    for phase in ("sides", "debate", "scoring"):
        klass.phase(phase)
        seats = [klass.view(s)["seat"] for s in students]
        roles = [seat["role"] for seat in seats]
        assert roles.count("proposition") == roles.count("opposition") == 2
        assert roles.count("judge") == 26 and "audience" not in roles
        assert all(seat["debate"] == 1 and seat["now"] for seat in seats), phase
    judge = next(s for s, r in zip(students, roles, strict=True) if r == "judge")
    assert klass.view(judge)["seat"]["now"] == "Scoring opens soon: wait for your teacher."
    klass.store.set_scoring(round_.id, klass.key, True)
    assert klass.view(judge)["seat"]["now"] == ("Score the rebuttals of debate 1 below, with a comment that "
                                                "helps the speaker.")
    assert len(klass.view(judge)["scoring"]["speeches"]) == 2


def test_sides_each_role_prepares() -> None:
    snap = on_clock("sides", None)
    assert now(snap, ANN) == (
        "Prepare your speech with your team: you give 1st Proposition (3 min) and Proposition rebuttal "
        "(2 min). Find evidence for the motion in the essay and the other views (tap “The essay and your "
        "answers”), and plan how to answer the other side.")
    assert now(snap, DEE).startswith("Prepare your speech with your team: you give 2nd Opposition (3 min). "
                                     "Find evidence against the motion")
    assert now(snap, EVE) == (
        "You judge debate 1: during the debate, note how each speaker uses evidence and answers the other "
        "side. You score the rebuttals when scoring opens.")
    assert seat_view(snap, 99)["now"].startswith("You joined after the sides were made")


def test_debate_with_a_speech_on_the_clock() -> None:
    snap = on_clock("debate", "2nd opposition")
    assert now(snap, DEE) == "You are speaking now."
    assert now(snap, CY) == "You speak next (Opposition rebuttal): get ready."
    assert now(snap, EVE) == (
        "Listen to 2nd Opposition (Dee) and note how they answer the other side: you score their side's "
        "rebuttal when scoring opens.")
    assert now(snap, ANN) == "Listen to 2nd Opposition (Dee) and note what your team must answer."
    rebuttal = on_clock("debate", "Opposition rebuttal")
    assert now(rebuttal, EVE) == (
        "Listen to Opposition rebuttal (Cy): you score this rebuttal when scoring opens.")
    assert now(rebuttal, DEE) == "Listen to Opposition rebuttal (Cy) and note what your team can build on."
    assert now(rebuttal, ANN) == "You speak next (Proposition rebuttal): get ready."
    assert now(rebuttal, 99).startswith("You joined after the sides were made")


def test_debate_before_the_clock_starts() -> None:
    snap = on_clock("debate", None)
    assert now(snap, BEN) == (
        "The debate starts soon: you give 2nd Proposition (3 min). Have your notes ready.")
    assert now(snap, EVE) == ("The debate starts soon: listen to every speaker in debate 1 and note how they "
                              "use evidence. You score the rebuttals when scoring opens.")


def test_scoring_says_who_scores() -> None:
    open_ = on_clock("scoring", None)
    assert now(open_, EVE) == "Score the rebuttals of debate 1 below, with a comment that helps the speaker."
    assert now(open_, ANN) == (
        "Your debate is over: the judges score the rebuttals now. You see your feedback in the results.")
    closed = on_clock("scoring", None, round=replace(debate_round()["round"], scoring="closed"))
    assert now(closed, EVE) == "Scoring opens soon: wait for your teacher."


def test_audience_on_request_can_score() -> None:
    round_ = debate_round()
    seats = (*round_["seats"][:4], replace(round_["seats"][4], role="audience", debate=None))
    snap = on_clock("debate", "1st proposition", seats=seats)
    assert now(snap, EVE) == (
        "Listen to 1st Proposition and note how they answer the other side: you can score their side's "
        "rebuttal when scoring opens.")
    assert now(on_clock("sides", None, seats=seats), EVE).startswith("You watch the debate")


# -- results that explain themselves ------------------------------------------------------------------

def results(lesson: Lesson | None, who: int, answers: dict[str, str] | None = None,
            post: str = "revealed") -> dict[str, Any]:
    polls = (poll(1, "motion-main-pre", "revealed"), poll(2, "motion-main-post", post))
    votes = {1: {ANN: "For", BEN: "Against", CY: "Undecided"},
             2: {ANN: "Against", BEN: "Against", CY: "Against", EVE: "For"}}
    marks = ((EVE, (4, 3, 4, 5), "Zesty close"), (99, (3, 3, 2, 4), "  "), (DEE, (5, 4, 4, 5), "Add a date"))
    sheets = {10: tuple(ScoreRow(10, who, dict(zip(CRITERIA, values, strict=True)), comment, "t")
                        for who, values, comment in marks)}
    snap = snapshot("results", polls=polls, votes=votes, scores=sheets, **debate_round())
    return student_view(snap, person(who), answers=answers, lesson=lesson)["results"]


def test_the_swing_explains_itself_in_the_sides_names() -> None:
    [swing] = results(None, BEN)["swings"]
    assert swing["labels"] == {"For": "For (Proposition)", "Against": "Against (Opposition)",
                               "Undecided": "Undecided"}
    assert swing["winner_text"].startswith("Against (Opposition) wins")
    assert swing["voters_text"] == ("3 voted before the debate and 4 after: 3 voted both times, 1 voted only "
                                    "after (joined late or missed the first vote). Each vote's shares count "
                                    "everyone who voted in it.")
    assert swing["rule"] == RULE_TEXT


def test_own_summary_votes_answers_and_feedback_without_scorers_names(lesson: Lesson) -> None:
    prompt = lesson.sections[0].prompts[0]
    shown = results(lesson, ANN, {prompt.id: "It says history repeats."})
    mine = shown["mine"]
    assert mine["votes"] == [{"motion": "Question motion-main-post?", "before": "For", "after": "Against",
                              "text": "Before the debate: For (Proposition). After it: Against (Opposition). "
                                      "So you changed your mind."}]
    assert mine["answers"] == [{"prompt": prompt.id, "question": prompt.text,
                                "answer": "It says history repeats."}]
    [feedback] = mine["feedback"]
    assert (feedback["label"], feedback["n"], feedback["max"]) == ("Debate 1: Proposition rebuttal", 3, 20)
    assert feedback["mean"] == 15.3 and feedback["text"] == "Average 15.3 out of 20 (3 scores)"
    clash = feedback["criteria"][0]
    assert (clash["id"], clash["max"], clash["mean"]) == ("clash", 5, 4.0)
    assert clash["text"] == f"{clash['label']}: 4.0 out of 5"
    assert feedback["comments"] == ["Add a date", "Zesty close"]  # sorted by text, blank ones left out
    text = json.dumps(mine)
    assert "Eve" not in text and "Dee" not in text  # never who scored
    assert shown["speeches"][0]["text"] == "Average 15.3 out of 20 (3 scores)"


def test_summary_of_a_student_without_a_speech_and_a_late_voter() -> None:
    mine = results(None, EVE)["mine"]
    assert mine["feedback"] == [] and mine["feedback_text"] == "" and mine["answers"] == []
    assert mine["votes"][0]["text"] == (
        "Before the debate: no vote. After it: For (Proposition). So you voted only once.")
    hidden = results(None, ANN, post="closed")["mine"]
    assert hidden["feedback"] == [] and hidden["feedback_text"].startswith("Your feedback comes")


def test_a_student_can_read_their_answers_in_the_results(klass: Klass) -> None:
    ann = klass.student("Ann")
    klass.phase("reading")
    prompt = klass.lesson.sections[0].prompts[0]
    assert send(ann, "answer", prompt=prompt.id, text="Mine.")["type"] == "ack"
    klass.phase("results")
    view = klass.view(ann)
    assert view["results"]["mine"]["answers"] == [{"prompt": prompt.id, "question": prompt.text,
                                                   "answer": "Mine."}]
    assert view["reading"] == {"lesson": klass.lesson.id, "answers": {prompt.id: "Mine."}, "read_only": True}
