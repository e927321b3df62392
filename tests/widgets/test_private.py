"""A console safe to mirror: by default no tab shows a live tally before the reveal, nor who voted
what, who moved, who wrote which answer or who gave which score; all of it while private details show."""

from __future__ import annotations

import re

import ipywidgets as w

from debate_kit.core.privacy import HIDDEN
from debate_kit.widgets.private import BANNER, PrivateSwitch
from tests.widgets.browser import click, text_of, update
from tests.widgets.conftest import Class, hide_private, show_private

#: Names that no other text of the console contains.
NAMES = ("Zoltan", "Quincy", "Xanthe", "Yusuf", "Wilhelmina", "Ottoline")
SCORER, AUDIENCE = "Wilhelmina", "Ottoline"
TALLY = re.compile(r"\d+ \(\d+%\)")  # "1 (50%)": a bar's count and share


def _lesson_played(klass: Class) -> dict[str, int]:
    """Six students: a published round with a score sheet, answers, both motion votes (not revealed)."""
    for name in NAMES:
        klass.student(name)
    ids = {name: klass.pid(name) for name in NAMES}
    klass.refresh()
    sides = klass.console.controls.sides
    update(sides.judges, value=1)
    update(sides.team_size, value=2)
    for name, role in ((SCORER, "judge"), (AUDIENCE, "audience")):
        sides.lock_who.value = str(ids[name])
        sides.lock_role.value = role
        click(sides.lock_add)
    click(sides.preview_button)
    click(sides.publish)
    click(klass.console.controls.phases.phase_buttons["scoring"])
    click(klass.console.controls.phases.scoring_open)
    klass.refresh()
    speech = klass.view(SCORER)["scoring"]["speeches"][0]["id"]
    marks = dict.fromkeys(klass.room.rubric_criteria, 4)
    assert klass.act(SCORER, "score", speech=speech, values=marks, comment="Sharp clash")["type"] == "ack"
    store, key = klass.store, klass.key
    store.save_answer(ids["Zoltan"], "opening-claim", "It claims a union.")
    store.save_answer(ids["Quincy"], "opening-claim", "It claims <b>history</b> repeats.")
    pre, post = klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post")
    for pid, votes in ((pre, ("For", "Against", "For", "Undecided")),
                       (post, ("Against", "Against", "For", "Against"))):
        store.set_poll_state(pid, key, "open")
        for name, choice in zip(NAMES, votes, strict=False):
            store.cast_vote(pid, ids[name], choice)
        store.set_poll_state(pid, key, "closed")
    klass.refresh()
    return ids


def _tabs(klass: Class) -> dict[str, str]:
    tabs = klass.console.controls
    return {tabs.get_title(i): text_of(child) for i, child in enumerate(tabs.children)}


def test_no_tab_shows_a_tally_or_whose_vote_answer_or_score_by_default(klass: Class) -> None:
    _lesson_played(klass)
    tabs = _tabs(klass)
    everything = "\n".join(tabs.values())
    assert not TALLY.search(everything), "no live tally before the reveal"
    assert "4 of 6 voted" in tabs["Polls"] and HIDDEN in tabs["Polls"]
    assert "Before the debate: 4 of 6 voted. After the debate: 4 of 6 voted." in tabs["Polls"]
    assert "wins" not in tabs["Polls"] and "Tie" not in tabs["Polls"], "no swing before the reveal"
    for tab in ("Room", "Polls", "Answers", "Scores"):
        assert not any(name in tabs[tab] for name in NAMES), tab
    assert "It claims a union." in tabs["Answers"] and "history" in tabs["Answers"]  # answers, no names
    assert HIDDEN in tabs["Answers"] and HIDDEN in tabs["Scores"]
    assert "16 out of 20" not in tabs["Scores"] and "16.0 out of 20" in tabs["Scores"]  # the mean only
    assert "Sharp clash" not in tabs["Scores"]
    # the Class tab: who joined (the class sees that), how many voted; nobody's vote
    assert all(name in tabs["Class"] for name in NAMES) and "4 of 6" in tabs["Class"]
    assert not any(option in tabs["Class"] for option in ("For", "Against", "Undecided"))


def test_private_details_show_names_and_tallies_until_hidden(klass: Class) -> None:
    _lesson_played(klass)
    show_private(klass)
    tabs = _tabs(klass)
    assert TALLY.search(tabs["Polls"]) and "students don&#x27;t see these results yet" in tabs["Polls"]
    assert "Who moved (private)" in tabs["Polls"] and "Zoltan" in tabs["Polls"]  # For -> Against
    assert "Xanthe" not in tabs["Polls"]  # voted For twice: not a mover
    assert "<b>Zoltan</b>: " in tabs["Answers"] and "<b>Quincy</b>: " in tabs["Answers"]
    assert SCORER in tabs["Scores"] and "16 out of 20" in tabs["Scores"] and "Sharp clash" in tabs["Scores"]
    assert HIDDEN not in "".join(tabs[t] for t in ("Polls", "Answers", "Scores"))
    hide_private(klass)
    tabs = _tabs(klass)
    assert not TALLY.search("".join(tabs.values()))
    assert not any(name in tabs[t] for name in NAMES for t in ("Polls", "Answers", "Scores"))


def test_revealed_results_show_without_names(klass: Class) -> None:
    _lesson_played(klass)
    for key in ("motion-main-pre", "motion-main-post"):
        klass.store.set_poll_state(klass.poll_id(key), klass.key, "revealed")
    klass.refresh()
    polls = _tabs(klass)["Polls"]
    assert TALLY.search(polls), "a revealed tally is the class's to see"
    assert "Against (Opposition) wins" in polls and "The rule: " in polls
    assert "4 voted before the debate and 4 after." in polls
    assert "For (Proposition) → Against (Opposition): 1" in polls
    assert not any(name in polls for name in NAMES) and HIDDEN in polls  # who moved stays private


def test_the_switch_shows_private_details_with_a_banner_and_hides_them(klass: Class) -> None:
    _lesson_played(klass)
    session = klass.console.session
    assert session is not None
    switch = PrivateSwitch(session)
    answers = klass.console.controls.answers
    assert not session.show_private and "Zoltan" not in answers.list.value
    click(switch.button)
    assert session.show_private and BANNER in switch.banner.value
    assert "Zoltan" in answers.list.value, "the switch redraws the views"
    click(switch.button)
    assert not session.show_private and switch.banner.value == ""
    assert "Zoltan" not in answers.list.value


def test_a_student_session_never_shows_private_details(klass: Class) -> None:
    _lesson_played(klass)
    student = klass.class_session("Zoltan")
    switch = PrivateSwitch(student)
    click(switch.button)
    assert not student.show_private and student.private_until == 0.0
    assert isinstance(switch.banner, w.HTML) and switch.banner.value == ""


def test_one_prompt_filter_and_escaping(klass: Class) -> None:
    _lesson_played(klass)
    answers = klass.console.controls.answers
    update(answers.prompt, index=2)  # "History repeating itself?: What does the wording…"
    assert "(0 answers)" in answers.list.value and "It claims" not in answers.list.value
    update(answers.prompt, index=1)
    assert "(2 answers)" in answers.list.value
    assert "It claims &lt;b&gt;history&lt;/b&gt; repeats." in answers.list.value
