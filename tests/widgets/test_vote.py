"""Voting: open/closed/revealed, changing a vote, forged votes and options, live results, swing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from debate_kit.core.privacy import HIDDEN
from debate_kit.student.view import STATE_TEXT, VOTE_HINT
from tests.widgets.browser import click, text_of
from tests.widgets.conftest import Class, hide_private, show_private


def _open_pre_vote(klass: Class) -> int:
    controls = klass.console.controls
    pid = klass.poll_id("motion-main-pre")
    click(controls.phases.phase_buttons["pre-vote"])
    click(controls.polls.buttons[pid]["open"])
    klass.refresh()
    return pid


def _poll(klass: Class, name: str) -> dict[str, Any]:
    """The one poll shown to student ``name`` (the motion vote)."""
    polls = klass.view(name)["polls"]
    assert len(polls) == 1, polls
    return polls[0]


def test_vote_change_and_reveal(klass: Class) -> None:
    klass.student("Ann"), klass.student("Ben")
    pid = _open_pre_vote(klass)
    poll = _poll(klass, "Ann")
    assert poll["id"] == pid and poll["options"] == ["For", "Against", "Undecided"]
    assert poll["state"] == "open" and poll["state_text"] == STATE_TEXT["open"] and poll["mine"] is None
    assert klass.view("Ann")["notice"] == VOTE_HINT
    reply = klass.act("Ann", "vote", poll=pid, option="For")
    assert reply["type"] == "ack" and reply["message"] == "Vote saved: For."
    assert klass.act("Ann", "vote", poll=pid, option="Against")["type"] == "ack"  # changing one's mind
    assert klass.act("Ben", "vote", poll=pid, option="For")["type"] == "ack"
    ids = klass.pid("Ann"), klass.pid("Ben")
    assert klass.store.votes(pid) == {ids[0]: "Against", ids[1]: "For"}
    klass.refresh()
    mine = _poll(klass, "Ann")
    assert mine["mine"] == "Against"  # "Your vote: Against"
    assert mine["results"] is None  # not revealed yet
    assert _poll(klass, "Ben")["mine"] == "For" and _poll(klass, "Ben")["results"] is None
    assert "For" not in json.dumps({k: v for k, v in mine.items() if k not in ("options", "question")})
    teacher = klass.console.controls.polls.votes[pid].results
    assert "2 of 2 voted" in teacher.value and "%" not in teacher.value  # safe to mirror: no live tally
    assert HIDDEN in teacher.value
    show_private(klass)
    assert "1 (50%)" in teacher.value  # the teacher's private look: the live tally
    hide_private(klass)
    assert "%" not in teacher.value
    click(klass.console.controls.polls.buttons[pid]["closed"])
    klass.refresh()
    assert _poll(klass, "Ben")["state"] == "closed" and _poll(klass, "Ben")["results"] is None
    click(klass.console.controls.polls.buttons[pid]["revealed"])
    klass.refresh()
    shown = _poll(klass, "Ben")
    assert shown["state"] == "revealed" and shown["state_text"] == STATE_TEXT["revealed"]
    assert shown["mine"] == "For"  # own vote only, still
    assert shown["results"] == {"total": 2, "rows": [  # "For 1 (50%)", "2 votes"
        {"option": "For", "count": 1, "percent": 50},
        {"option": "Against", "count": 1, "percent": 50},
        {"option": "Undecided", "count": 0, "percent": 0},
    ]}


def test_vote_on_closed_poll_is_refused(klass: Class) -> None:
    klass.student("Ann")
    pid = _open_pre_vote(klass)
    click(klass.console.controls.polls.buttons[pid]["closed"])
    klass.refresh()
    poll = _poll(klass, "Ann")
    assert poll["state"] == "closed" and poll["state_text"] == STATE_TEXT["closed"]  # no voting shown
    reply = klass.act("Ann", "vote", poll=pid, option="For")  # a forged vote on the closed poll
    assert klass.store.votes(pid) == {}
    assert reply["type"] == "error" and reply["code"] == "poll-closed" and "not open" in reply["message"]
    klass.refresh()
    assert _poll(klass, "Ann")["mine"] is None


def test_forged_option_label_votes_only_for_a_real_option(klass: Class) -> None:
    klass.student("Ann")
    pid = _open_pre_vote(klass)
    reply = klass.act("Ann", "vote", poll=pid, option="Evil<script>")
    assert reply["type"] == "error" and reply["code"] == "vote-option"
    assert klass.store.votes(pid) == {}
    for forged in ("for", "For ", ""):
        assert klass.act("Ann", "vote", poll=pid, option=forged)["code"] == "vote-option"
    assert klass.act("Ann", "vote", poll=pid, option="For")["type"] == "ack"
    assert set(klass.store.votes(pid).values()) == {"For"}


def test_student_sees_no_draft_poll_and_teacher_results_are_hidden_note(klass: Class) -> None:
    klass.student("Ann")
    click(klass.console.controls.phases.phase_buttons["pre-vote"])
    klass.refresh()
    pid = next(p.id for p in klass.store.polls(klass.room.id)  # another poll: the phase opens the main one
               if p.key not in ("motion-main-pre", "motion-main-post"))
    assert klass.store.poll(pid).state == "draft"
    assert [p["id"] for p in klass.view("Ann")["polls"]] == [klass.poll_id("motion-main-pre")]
    assert all(p["id"] != pid for p in klass.view("Ann")["polls"])
    reply = klass.act("Ann", "vote", poll=pid, option="For")  # forged vote on the hidden draft poll
    assert reply["type"] == "error" and reply["code"] == "poll-not-shown"
    assert klass.store.votes(pid) == {}
    for phase in ("reading", "post-vote", "results"):  # drafts stay out of every phase's view
        click(klass.console.controls.phases.phase_buttons[phase])
        klass.refresh()
        assert all(p["state"] != "draft" for p in klass.view("Ann")["polls"])
        assert pid not in [p["id"] for p in klass.view("Ann")["polls"]]


def test_a_poll_of_another_room_is_refused(klass: Class) -> None:
    from tests.widgets.conftest import open_class

    klass.student("Ann")
    other = open_class(klass.store, klass.lesson)
    other.student("Zed")
    foreign = other.poll_id("motion-main-pre")
    klass.store.set_poll_state(foreign, other.key, "open")
    _open_pre_vote(klass)
    reply = klass.act("Ann", "vote", poll=foreign, option="For")
    assert reply["type"] == "error" and reply["code"] == "poll-not-shown"
    assert klass.store.votes(foreign) == {}
    assert klass.act("Ann", "vote", poll=10**6, option="For")["code"] == "poll-unknown"


def test_swing_counts_for_everyone_names_for_the_teacher(klass: Class) -> None:
    for name in ("Ann", "Ben", "Cy"):
        klass.student(name)
    pre, post = klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post")
    key = klass.key
    for pid, choices in ((pre, {"Ann": "For", "Ben": "Against", "Cy": "Undecided"}),
                         (post, {"Ann": "Against", "Ben": "Against", "Cy": "Against"})):
        klass.store.set_poll_state(pid, key, "open")
        for name, choice in choices.items():
            klass.store.cast_vote(pid, klass.pid(name), choice)
        klass.store.set_poll_state(pid, key, "revealed")
    klass.store.set_phase(klass.room.id, key, "results")
    klass.refresh()
    results = klass.view("Ann")["results"]
    assert results is not None and results["text"] == ""
    [swing] = results["swings"]
    assert swing["motion"] == klass.store.poll(post).question
    assert swing["winner"] == "Against"  # "Against wins the swing"
    assert swing["voters_before"] == 3 and swing["voters_after"] == 3
    third = 100 / 3
    assert swing["before"] == pytest.approx({"For": third, "Against": third, "Undecided": third})
    assert swing["after"] == pytest.approx({"For": 0.0, "Against": 100.0, "Undecided": 0.0})
    # "For → Against" and "Undecided → Against": the change in points (who moved is not shown to students)
    assert swing["change"] == pytest.approx({"For": -third, "Against": 2 * third, "Undecided": -third})
    # who moved, by name, is for the teacher only: no student's name is in any student's view
    for name in ("Ann", "Ben", "Cy"):
        shown = json.dumps({k: v for k, v in klass.view(name).items() if k != "me"})
        assert not any(other in shown for other in ("Ann", "Ben", "Cy")), shown
    [swing_view] = klass.console.controls.swings  # the Class tab lists who joined: not who moved
    teacher_text = text_of(swing_view)
    assert "Against (Opposition) wins" in teacher_text and "For (Proposition) → Against (Opposition): 1" in (
        teacher_text)
    assert "Who moved" not in teacher_text and HIDDEN in teacher_text and "Cy" not in teacher_text
    show_private(klass)
    teacher_text = text_of(swing_view)
    assert "Who moved (private)" in teacher_text and "<td" in teacher_text and "Cy" in teacher_text


def test_one_step_per_phase_opens_closes_and_reveals_the_main_motion(klass: Class) -> None:
    klass.student("Ann")
    phases = klass.console.controls.phases
    pre, post = klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post")
    state = lambda pid: klass.store.poll(pid).state  # noqa: E731
    click(phases.phase_buttons["pre-vote"])
    assert (state(pre), state(post)) == ("open", "draft")
    assert "vote opened" in phases.status.text
    klass.refresh()
    assert [p["id"] for p in klass.view("Ann")["polls"]] == [pre]
    assert klass.act("Ann", "vote", poll=pre, option="For")["type"] == "ack"
    click(phases.phase_buttons["reading"])
    assert state(pre) == "closed"
    click(phases.phase_buttons["post-vote"])
    assert (state(pre), state(post)) == ("closed", "open")
    click(phases.phase_buttons["results"])
    assert (state(pre), state(post)) == ("revealed", "revealed")
    others = [p for p in klass.store.polls(klass.room.id) if p.id not in (pre, post)]
    assert others and all(p.state == "draft" for p in others), "other polls are the teacher's to open"
    klass.refresh()
    assert klass.view("Ann")["results"]["swings"], "the class sees the swing in one step"
    polls = klass.console.controls.polls
    assert {r for r in polls.votes} >= {pre, post}
    assert len(polls.rows.children) == 2 and polls.others.selected_index is None, "the rest is folded away"
