"""The teacher console: creating and reopening rooms, teacher keys, phases, roster, export."""

from __future__ import annotations

import base64
import io
import zipfile

from debate_kit.core.vocabulary import PHASE_LABELS, PHASES
from debate_kit.store import Store
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.phase_bar import PhaseBar
from debate_kit.widgets.poll_controls import PollControls
from debate_kit.widgets.session import ClassSession
from debate_kit.widgets.side_assigner import SideAssigner
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import Recorder, click, hello, text_of, update
from tests.widgets.conftest import Class


def test_creating_a_room_makes_its_polls_in_draft_and_hands_the_key_to_the_browser(klass: Class) -> None:
    polls = klass.store.polls(klass.room.id)
    assert [p.key for p in polls] == ["motion-main-pre", "motion-main-post", "repeat-history", "evidence"]
    assert {p.state for p in polls} == {"draft"}
    assert [p.section for p in polls] == [None, None, "opening", "integration"]
    assert klass.store.is_teacher(klass.room.id, klass.key)
    assert klass.room.rubric_criteria == ("clash", "evidence", "reasoning", "delivery")
    # the key is nowhere in synced state
    for widget in [klass.console.identity, *_all(klass.console)]:
        assert klass.key not in repr(widget.get_state())


def _all(widget):  # type: ignore[no-untyped-def]
    from tests.widgets.browser import walk

    return walk(widget)


def test_join_code_url_and_qr(klass: Class) -> None:
    panel = klass.console.controls.room_panel
    text = panel.join_box.value
    assert klass.room.code in text
    assert f"http://10.0.0.5:8866/debate-kit/join/{klass.room.code}" in text
    assert "<svg" in text and "dk-qr" in text
    assert "dk-join-warning" not in text


def test_a_loopback_console_shows_the_public_address_or_warns(klass: Class, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = klass.console.controls.room_panel
    monkeypatch.delenv("DEBATE_KIT_PUBLIC_URL", raising=False)
    panel.set_page("http://localhost:8866/voila/render/teacher.ipynb")
    assert f"http://localhost:8866/debate-kit/join/{klass.room.code}" in panel.join_box.value
    assert "dk-join-warning" in panel.join_box.value, "phones cannot open localhost: the teacher is told"
    monkeypatch.setenv("DEBATE_KIT_PUBLIC_URL", "http://192.168.1.20:8866/")
    panel.set_page("http://127.0.0.1:8866/voila/render/teacher.ipynb")
    assert f"http://192.168.1.20:8866/debate-kit/join/{klass.room.code}" in panel.join_box.value
    assert "localhost" not in panel.join_box.value and "dk-join-warning" not in panel.join_box.value


def test_reopen_in_the_same_browser_with_the_stored_key(klass: Class) -> None:
    identity = DeviceIdentity()
    console = TeacherConsole(klass.store, {klass.lesson.id: klass.lesson}, code=klass.room.code,
                             identity=identity)
    hello(identity, keys=klass.recorder.keys())
    assert console.session is not None and console.session.room.id == klass.room.id


def test_reopen_by_typing_the_code(klass: Class) -> None:
    identity = DeviceIdentity()
    console = TeacherConsole(klass.store, {klass.lesson.id: klass.lesson}, identity=identity)
    hello(identity, keys=klass.recorder.keys())
    assert console.session is None
    update(console.code, value=klass.room.code.lower())
    click(console.open_button)
    assert console.session is not None


def test_reopen_on_another_computer_with_a_typed_key(klass: Class) -> None:
    identity = DeviceIdentity()
    recorder = Recorder(identity)
    console = TeacherConsole(klass.store, {klass.lesson.id: klass.lesson}, identity=identity)
    hello(identity, keys={})
    update(console.code, value=klass.room.code)
    update(console.key, value="wrong-key-wrong-key-wrong")
    click(console.open_button)
    assert console.session is None and "not the teacher key" in console.status.text
    assert console.key.value == ""
    update(console.key, value=klass.key)
    click(console.open_button)
    assert console.session is not None and console.session.room.id == klass.room.id
    assert console.key.value == "" and klass.key not in repr(console.key.get_state())
    assert recorder.keys() == {klass.room.code: klass.key}


def test_student_opening_the_console_url_cannot_control_the_room(klass: Class) -> None:
    identity = DeviceIdentity()
    recorder = Recorder(identity)
    console = TeacherConsole(klass.store, {klass.lesson.id: klass.lesson}, code=klass.room.code,
                             identity=identity)
    hello(identity, keys={klass.room.code: "forged-key-forged-key-123"})
    assert console.session is None and console.controls is None
    update(console.code, value=klass.room.code)
    click(console.open_button)
    assert console.session is None
    assert "does not hold the teacher key" in console.status.text
    click(console.create_button)  # they may only make a room of their own
    assert console.session is not None and console.session.room.id != klass.room.id
    assert list(recorder.keys()) == [console.session.room.code]


def test_teacher_buttons_without_a_key_change_nothing(wstore: Store, klass: Class) -> None:
    klass.student("Ann")
    student_session = klass.class_session("Ann")  # the teacher's widgets, driven by a student
    assert student_session is not None and not student_session.is_teacher
    bar, polls = PhaseBar(student_session), PollControls(student_session)
    sides = SideAssigner(student_session)
    click(bar.phase_buttons["results"])
    click(bar.room_close)
    pid = klass.poll_id("motion-main-pre")
    click(polls.buttons[pid]["open"])
    click(sides.preview_button)
    click(sides.publish)
    room = wstore.room_by_id(klass.room.id)
    assert room.phase == "join" and not room.closed
    assert wstore.poll(pid).state == "draft" and wstore.rounds(room.id) == []
    assert "Only the teacher" in bar.status.text and "Only the teacher" in polls.status.text
    assert "Only the teacher" in sides.status.text


def test_forged_teacher_key_cannot_make_a_session(klass: Class) -> None:
    try:
        ClassSession(klass.store, klass.room, teacher_key="guess-guess-guess-guess")
    except Exception as error:
        assert getattr(error, "code", "") == "teacher-key"
    else:
        raise AssertionError("a wrong teacher key was accepted")


#: What each phase shows a student: these parts of the view are set, the others are empty.
PHASE_PARTS = {"join": {"notice"}, "pre-vote": {"notice", "polls"}, "reading": {"reading", "polls"},
               "sides": {"seat", "reading"}, "debate": {"seat", "reading"},
               "scoring": {"seat", "scoring", "reading"},
               "post-vote": {"notice", "polls", "reading"}, "results": {"results", "reading"}}


def test_phases_drive_the_student_app(klass: Class) -> None:
    ann = klass.student("Ann")
    bar = klass.console.controls.phases
    for pid in (klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post"),
                klass.poll_id("repeat-history")):
        click(klass.console.controls.polls.buttons[pid]["open"])
    assert set(PHASE_PARTS) == set(PHASES)
    for phase in PHASES:
        click(bar.phase_buttons[phase])
        klass.refresh()
        view = ann.view
        assert view["room"]["phase"] == phase and view["room"]["phase_label"] == PHASE_LABELS[phase]
        assert bar.phase_buttons[phase].button_style == "primary"
        shown = {part for part in ("notice", "polls", "reading", "seat", "scoring", "results") if view[part]}
        assert shown == PHASE_PARTS[phase], (phase, view)
        if phase == "reading":
            assert view["reading"] == {"lesson": klass.lesson.id, "answers": {}, "read_only": False}
            assert [p["id"] for p in view["polls"]] == [klass.poll_id("repeat-history")]  # its section's
            assert ann.lesson is not None and ann.lesson["id"] == klass.lesson.id
        if phase in ("pre-vote", "post-vote"):
            key = "motion-main-pre" if phase == "pre-vote" else "motion-main-post"
            assert [p["id"] for p in view["polls"]] == [klass.poll_id(key)]
        if phase in ("sides", "debate", "scoring"):
            assert view["seat"]["round"] is None and "not out yet" in view["seat"]["text"]
    assert "Results" in ann.view["room"]["phase_label"]


def test_roster_counts_and_answers(klass: Class) -> None:
    ann, ben = klass.student("Ann"), klass.student("Ben")
    pid = klass.poll_id("motion-main-pre")
    click(klass.console.controls.polls.buttons[pid]["open"])
    klass.store.cast_vote(pid, ann.session.participant.id, "For")
    klass.store.save_answer(ben.session.participant.id, "opening-claim", "It claims <b>much</b>.")
    klass.refresh()
    roster = klass.console.controls.room_panel.roster.value
    assert "2 joined" in roster and "1 of 2" in roster
    answers = klass.console.controls.answers
    update(answers.prompt, index=0)
    klass.refresh()
    assert "It claims &lt;b&gt;much&lt;/b&gt;." in answers.list.value and "Ben" not in answers.list.value
    click(klass.console.private.button)  # "Show private details": names for a minute
    assert "Ben" in answers.list.value


def test_export_zip_link(klass: Class) -> None:
    klass.student("Ann")
    export = klass.console.controls.export
    click(export.button)
    data = export.link.value.split("base64,", 1)[1].split('"', 1)[0]
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(data))).namelist()
    assert f"{klass.room.code}/participants.csv" in names
    assert "token_hash" not in text_of(export)


def test_close_room_stops_students(klass: Class) -> None:
    ann = klass.student("Ann")
    pid = klass.poll_id("motion-main-pre")
    click(klass.console.controls.phases.phase_buttons["pre-vote"])
    click(klass.console.controls.polls.buttons[pid]["open"])
    klass.refresh()
    assert ann.view["polls"]
    click(klass.console.controls.phases.room_close)
    klass.refresh()
    assert "This room is closed" in ann.view["notice"] and ann.view["room"]["closed"]
    assert ann.view["polls"] == [] and ann.view["me"] == {"name": "Ann"}
    reply = klass.act(ann, "vote", poll=pid, option="For")  # a page that still shows the vote
    assert reply["type"] == "error" and reply["code"] == "room-closed"
    assert klass.store.votes(pid) == {}


def test_timer_follows_the_published_running_order(klass: Class) -> None:
    for name in ("Ann", "Ben", "Cy", "Dee"):
        klass.student(name)
    klass.refresh()
    controls = klass.console.controls
    controls.sides.preset.value = "world-schools"
    update(controls.sides.speech_minutes, value=5.0)
    update(controls.sides.team_size, value=2)
    click(controls.sides.preview_button)
    click(controls.sides.publish)
    klass.refresh()
    timer = controls.timer
    assert timer.timer.seconds == 300 and "proposition" in timer.timer.label
    last = timer.speech.options[-1][1]
    update(timer.speech, index=len(timer.speech.options) - 1)
    assert timer.speech.value == last and timer.timer.seconds == 4 * 60
    assert "reply" in timer.timer.label


def test_the_feed_redraws_only_the_tab_the_teacher_sees(klass: Class) -> None:
    """A class joining redraws the open tab; hidden tabs (their name lists: at 500 students most of what
    the console's browser was sent) wait until they are opened, and nothing waits while presenting."""
    console = klass.console
    tabs, session = console.controls, console.session
    assert session is not None
    console.projector.set_mode("preview")
    tabs.selected_index = 0  # Room
    klass.student("Ada")
    session.refresh(live=True)
    assert "Ada" not in [name for name, _pid in tabs.sides.swap_a.options], "the Sides tab is hidden"
    assert "1" in text_of(tabs.room_panel.counts), "the open tab is up to date"
    tabs.selected_index = 5  # Sides: drawn as it opens
    assert [name for name, _pid in tabs.sides.swap_a.options] == ["Ada"]
    console.projector.set_mode("present")  # the console is hidden behind the class screen
    klass.student("Bea")
    session.refresh(live=True)
    assert "Bea" not in [name for name, _pid in tabs.sides.swap_a.options]
    assert "Bea" not in text_of(tabs.room_panel.roster)
    console.projector.set_mode("preview")  # back: the open tab catches up at once
    assert [name for name, _pid in tabs.sides.swap_a.options] == ["Ada", "Bea"]
    session.refresh()  # a full redraw (the teacher's own actions) draws every tab
    assert "Bea" in text_of(tabs.room_panel.roster)
