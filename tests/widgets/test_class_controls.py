"""The Class tab's door: lock, room size, and Remove with a confirmation (the class screen's counts drop)."""

from __future__ import annotations

from debate_kit.store.membership import Removed
from debate_kit.student.door import REMOVED
from debate_kit.widgets.class_controls import ClassControls, removal_text
from debate_kit.widgets.session import ClassSession
from tests.widgets.browser import click, custom, hello, new_token, update
from tests.widgets.conftest import Class, act, student_widget


def controls(klass: Class) -> ClassControls:
    assert klass.console.controls is not None
    return klass.console.controls.class_controls


def test_the_class_tab_holds_the_door_controls(klass: Class) -> None:
    tabs = klass.console.controls
    assert tabs is not None
    titles = [tabs.get_title(i) for i in range(len(tabs.children))]
    assert controls(klass) in tabs.children[titles.index("Class")].children
    assert "Open to new students: 0 joined, the room takes up to 1000." in controls(klass).door.value


def test_remove_asks_first_then_the_votes_leave_the_class_screen(klass: Class) -> None:
    for name in ("Ann", "Ben", "Cy"):
        klass.student(name)
    custom(klass.console.projector, {"type": "control", "id": "next"})  # pre-vote: the vote opens
    pre, post = klass.poll_id("motion-main-pre"), klass.poll_id("motion-main-post")
    for name in ("Ann", "Ben", "Cy"):
        assert klass.act(name, "vote", poll=pre, option="For")["type"] == "ack"
    klass.store.set_poll_state(post, klass.key, "open")
    klass.store.cast_vote(post, klass.pid("Ann"), "Against")  # (the page shows one poll at a time)
    klass.refresh()
    assert klass.console.projector.view["vote"]["voted"] == 3
    panel = controls(klass)
    assert [name for name, _pid in panel.who.options] == ["Ann", "Ben", "Cy"]
    update(panel.who, index=0)
    click(panel.remove)
    assert "Remove <b>Ann</b>? Their 2 votes" in panel.question.value
    assert panel.asking.layout.display is None
    assert len(klass.store.participants(klass.room.id)) == 3  # nothing yet
    click(panel.confirm)
    assert panel.status.text == ("Removed Ann: their 2 votes no longer count. Lock the room to keep them "
                                 "from joining again.")
    assert panel.asking.layout.display == "none"
    klass.refresh()
    assert klass.console.projector.view["vote"]["voted"] == 2  # the class screen's count drops
    assert klass.console.projector.view["vote"]["of"] == 2
    assert [name for name, _pid in panel.who.options] == ["Ben", "Cy"]
    assert "Ann" not in klass.console.controls.room_panel.roster.value
    view = klass.view("Ann")  # Ann's page says why
    assert view["stage"] == "join" and view["notice"] == REMOVED


def test_cancel_and_a_forged_confirm_remove_nobody(klass: Class) -> None:
    klass.student("Ann")
    panel = controls(klass)
    click(panel.confirm)  # a forged click on the hidden button, with nothing asked
    assert panel.status.kind == "error" and len(klass.store.participants(klass.room.id)) == 1
    update(panel.who, index=0)
    click(panel.remove)
    click(panel.cancel)
    click(panel.confirm)
    assert len(klass.store.participants(klass.room.id)) == 1 and panel.status.kind == "error"


def test_lock_keeps_newcomers_out_and_lets_the_class_back(klass: Class) -> None:
    ann = klass.student("Ann")
    panel = controls(klass)
    click(panel.lock)
    assert panel.status.text.startswith("The room is locked")
    assert "Locked: nobody new can join; the 1 already in can reconnect." in panel.door.value
    assert panel.lock.layout.display == "none" and panel.unlock.layout.display is None
    newcomer = student_widget(klass.store, klass.lesson, code=klass.room.code)
    assert newcomer.identity is not None
    hello(newcomer.identity, new_token())
    answer = act(newcomer, "join", room=klass.room.code, name="Zed", anonymous=False)
    assert answer["message"] == "This room is locked: ask your teacher to let you in."
    assert ann.session.participant is not None
    click(panel.unlock)
    assert act(newcomer, "join", room=klass.room.code, name="Zed", anonymous=False)["type"] == "ack"


def test_room_size(klass: Class) -> None:
    klass.student("Ann")
    panel = controls(klass)
    update(panel.size, value=1)
    click(panel.size_set)
    assert panel.status.text == "Up to 1 students can join this room. 1 are in already: nobody new can join."
    assert klass.store.room_by_id(klass.room.id).max_people == 1
    newcomer = student_widget(klass.store, klass.lesson, code=klass.room.code)
    assert newcomer.identity is not None
    hello(newcomer.identity, new_token())
    answer = act(newcomer, "join", room=klass.room.code, name="Zed", anonymous=False)
    assert answer["message"] == "This room is full: ask your teacher."


def test_the_door_needs_the_teacher_key(klass: Class) -> None:
    klass.student("Ann")
    readonly = ClassSession(klass.store, klass.store.room_by_id(klass.room.id))
    panel = ClassControls(readonly)  # a page without the key: forged clicks change nothing
    click(panel.lock)
    update(panel.who, index=0)
    click(panel.remove)
    click(panel.confirm)
    room = klass.store.room_by_id(klass.room.id)
    assert not room.locked and len(klass.store.participants(klass.room.id)) == 1
    assert panel.status.kind == "error"


def test_removal_text() -> None:
    assert removal_text(Removed("Ann", 1, 0, 0), True) == "Removed Ann: their 1 vote no longer counts."
    assert removal_text(Removed("Bo", 2, 1, 3), True) == (
        "Removed Bo: their 2 votes, 1 answer and 3 scores no longer count.")
    assert removal_text(Removed("Cy", 0, 0, 0), True) == (
        "Removed Cy: they had not voted, answered or scored yet.")
