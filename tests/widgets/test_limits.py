"""A page can send any click, as fast as it likes: limits answer a burst with a clear message."""

from __future__ import annotations

from debate_kit.results.app import LOCKED, ResultsApp
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.live_vote import LiveVote
from tests.widgets.browser import click, hello
from tests.widgets.conftest import Class


def test_a_burst_of_create_clicks_makes_three_rooms_then_explains(klass: Class) -> None:
    console = klass.console
    before = len(klass.store.rooms())
    for _ in range(100):  # forged clicks on Create (hidden once a room is open: handlers still run)
        click(console.create_button)
    assert len(klass.store.rooms()) - before <= 3
    assert "wait half a minute" in console.status.text


def test_a_burst_of_forged_votes_from_a_student_widget_stores_a_burst_at_most(klass: Class) -> None:
    ann = klass.student("Ann")
    click(klass.console.controls.phases.phase_buttons["pre-vote"])  # opens the main motion's vote
    klass.refresh()
    pid = klass.poll_id("motion-main-pre")
    for n in range(1000):  # every other vote a change, so each accepted vote is counted
        option = ("For", "Against")[n % 2]
        ann._on_browser_msg(ann, {"type": "vote", "id": n + 100, "poll": pid, "option": option}, [])
    [vote] = klass.store.vote_records(pid)
    assert 1 <= vote.changes + 1 <= 25, vote
    assert any(m.get("code") == "slow-down" and "wait a second" in m["message"] for m in ann.sent)


def test_a_burst_of_clicks_on_a_lesson_pages_vote_button_is_limited(klass: Class) -> None:
    klass.student("Ann")
    session = klass.class_session("Ann")
    klass.store.set_poll_state(klass.poll_id("motion-main-pre"), klass.key, "open")
    vote = LiveVote(session, klass.poll_id("motion-main-pre"))
    for n in range(1000):
        click(vote.buttons.children[n % 2])
    [record] = klass.store.vote_records(klass.poll_id("motion-main-pre"))
    assert record.changes + 1 <= 25, record
    assert "wait a second" in vote.status.text
    page = LessonPage(klass.lesson, session)
    prompt = next(iter(page.answer_boxes))
    for _ in range(200):
        page._save(prompt)
    assert "wait a second" in page.status.text


def test_the_results_pages_refresh_does_nothing_while_locked(klass: Class) -> None:
    identity = DeviceIdentity()
    app = ResultsApp(klass.store, klass.room.code, identity=identity)
    hello(identity, keys={})  # this browser holds no key: locked
    click(app.refresh_button)  # hidden, but a page can still send the click
    assert LOCKED in app.status.text and "Up to date" not in app.status.text
    assert not app.body.children


def test_the_console_and_the_notebook_page_say_when_the_database_is_away(klass: Class) -> None:
    session = klass.console.session
    assert session is not None
    banner = next(c for c in klass.console.console_box.children if "dk-database-trouble" in c._dom_classes)
    assert banner.value == "" and klass.console.projector.alert == ""
    session._trouble(True)
    assert "cannot be reached" in banner.value and "reconnecting" in banner.value
    assert "cannot be reached" in klass.console.projector.alert  # the class screen says it too
    session._trouble(False)
    assert banner.value == "" and klass.console.projector.alert == ""
    ann = klass.student("Ann")
    ann._trouble(True)
    assert ann.connection == "reconnecting"
    ann._trouble(False)
    assert ann.connection == "open"
