"""Voting: open/closed/revealed, changing a vote, forged clicks and options, live results, swing."""

from __future__ import annotations

from debate_kit.widgets.live_vote import LiveVote
from tests.widgets.browser import click, text_of, update
from tests.widgets.conftest import Class


def _open_pre_vote(klass: Class) -> int:
    controls = klass.console.controls
    pid = klass.poll_id("motion-main-pre")
    click(controls.phases.phase_buttons["pre-vote"])
    click(controls.polls.buttons[pid]["open"])
    klass.refresh()
    return pid


def _vote_widget(app) -> LiveVote:  # type: ignore[no-untyped-def]
    votes = [v for v in app.views if isinstance(v, LiveVote)]
    assert len(votes) == 1
    return votes[0]


def _button(vote: LiveVote, option: str):  # type: ignore[no-untyped-def]
    return next(b for b in vote.buttons.children if b.description == option)


def test_vote_change_and_reveal(klass: Class) -> None:
    ann, ben = klass.student("Ann"), klass.student("Ben")
    pid = _open_pre_vote(klass)
    vote = _vote_widget(ann)
    click(_button(vote, "For"))
    click(_button(vote, "Against"))  # changing one's mind while open
    click(_button(_vote_widget(ben), "For"))
    ids = ann.session.participant.id, ben.session.participant.id
    assert klass.store.votes(pid) == {ids[0]: "Against", ids[1]: "For"}
    klass.refresh()
    assert "Your vote: <b>Against</b>" in vote.mine.value
    assert vote.results.value == ""  # not revealed yet
    assert "1 (50%)" in klass.console.controls.polls.votes[pid].results.value  # teacher sees live
    click(klass.console.controls.polls.buttons[pid]["closed"])
    click(klass.console.controls.polls.buttons[pid]["revealed"])
    klass.refresh()
    shown = _vote_widget(ben).results.value
    assert "For" in shown and "1 (50%)" in shown and "2 votes" in shown


def test_vote_on_closed_poll_is_refused(klass: Class) -> None:
    ann = klass.student("Ann")
    pid = _open_pre_vote(klass)
    click(klass.console.controls.polls.buttons[pid]["closed"])
    klass.refresh()
    button = _button(_vote_widget(ann), "For")
    assert button.disabled
    click(button)  # a forged click on the disabled button
    assert klass.store.votes(pid) == {}
    assert "not open" in _vote_widget(ann).status.text


def test_forged_option_label_votes_only_for_a_real_option(klass: Class) -> None:
    ann = klass.student("Ann")
    pid = _open_pre_vote(klass)
    vote = _vote_widget(ann)
    button = _button(vote, "For")
    update(button, description="Evil<script>")
    click(button)
    assert set(klass.store.votes(pid).values()) == {"For"}


def test_student_sees_no_draft_poll_and_teacher_results_are_hidden_note(klass: Class) -> None:
    ann = klass.student("Ann")
    click(klass.console.controls.phases.phase_buttons["pre-vote"])
    klass.refresh()
    assert not [v for v in ann.views if isinstance(v, LiveVote)]  # no view at all for a draft poll
    vote = LiveVote(ann.session, klass.poll_id("motion-main-pre"))  # if there were one, it is hidden
    assert vote.layout.display == "none"
    click(_button(vote, "For"))  # forged click on a hidden draft poll
    assert klass.store.votes(klass.poll_id("motion-main-pre")) == {}


def test_swing_counts_for_everyone_names_for_the_teacher(klass: Class) -> None:
    apps = {n: klass.student(n) for n in ("Ann", "Ben", "Cy")}
    pre, post = klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post")
    key = klass.key
    for pid, choices in ((pre, {"Ann": "For", "Ben": "Against", "Cy": "Undecided"}),
                         (post, {"Ann": "Against", "Ben": "Against", "Cy": "Against"})):
        klass.store.set_poll_state(pid, key, "open")
        for name, choice in choices.items():
            klass.store.cast_vote(pid, apps[name].session.participant.id, choice)
        klass.store.set_poll_state(pid, key, "revealed")
    klass.store.set_phase(klass.room.id, key, "results")
    klass.refresh()
    student_text = text_of(apps["Ann"].body)
    assert "Against wins the swing" in student_text
    assert "2 of 3 who voted twice changed their mind" in student_text
    assert "For → Against: 1" in student_text
    assert "Ann" not in student_text.replace("Ann</b> in", "")
    teacher_text = text_of(klass.console.controls)
    assert "Who moved (teacher only)" in teacher_text and "<td" in teacher_text and "Cy" in teacher_text
