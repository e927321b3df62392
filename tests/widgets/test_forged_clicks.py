"""Hidden controls decide by state, not by being hidden: a page can send a click on any button."""

from __future__ import annotations

from debate_kit.results.app import LOCKED, ResultsApp
from debate_kit.widgets.lesson_app import LessonApp
from tests.widgets.browser import click, hello, update
from tests.widgets.conftest import Class


def _lesson_app(klass: Class, hub_user: str | None = None) -> LessonApp:
    app = LessonApp(klass.store, lambda _id: klass.lesson, code=klass.room.code, hub_user=hub_user)
    hello(app.identity)
    return app


def test_forged_join_clicks_after_joining_change_nobody(klass: Class) -> None:
    app = _lesson_app(klass)
    update(app.join.name, value="Ann")
    click(app.join.button)
    ann = app.join.participant
    assert ann is not None and app.page is not None and app.join.layout.display == "none"
    page = app.page
    other, _key = klass.store.create_room("Period 4", klass.room.lesson)
    update(app.join.code, value=other.code)  # forged: the hidden form now names another room
    update(app.join.name, value="Mallory")
    click(app.join.button)
    click(app.join.anon)
    assert app.join.participant == ann and app.page is page
    assert f"as {ann.name}" in app.join.status.text
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann"]
    assert klass.store.participants(other.id) == []


def test_forged_just_read_after_joining_keeps_the_joined_page(klass: Class) -> None:
    app = _lesson_app(klass)
    update(app.join.name, value="Ann")
    click(app.join.button)
    page = app.page
    assert page is not None and app.read_only.layout.display == "none"
    click(app.read_only)  # hidden: a read-only page would drop the student's answers and polls
    assert app.page is page and app.body.children == (page,)


def test_forged_just_read_when_joined_but_the_lesson_is_missing(klass: Class) -> None:
    app = LessonApp(klass.store, lambda _id: None, code=klass.room.code)
    hello(app.identity)
    update(app.join.name, value="Ann")
    click(app.join.button)
    assert app.join.participant is not None and app.session is None
    before = app.body.children
    click(app.read_only)
    assert app.body.children == before and app.page is None


def test_a_forged_anonymous_join_under_jupyterhub_is_the_hub_user(klass: Class) -> None:
    app = _lesson_app(klass, hub_user="jdoe")
    assert app.join.participant is None and app.join.anon.layout.display == "none"
    click(app.join.anon)  # hidden under JupyterHub: never a pseudonym instead of the user
    assert app.join.participant is not None and app.join.participant.name == "jdoe"
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["jdoe"]


def test_refresh_checks_the_key_in_the_store_each_time(klass: Class) -> None:
    app = ResultsApp(klass.store, klass.room.code, teacher_key=klass.key)
    assert app.unlocked
    klass.store.new_teacher_key_as_admin(klass.room.code)  # the key of this page no longer opens the room
    click(app.refresh_button)
    assert not app.unlocked and "teacher console" in app.gate.value and app.body.children == ()
    click(app.refresh_button)  # locked now: still nothing is read or shown
    assert LOCKED in app.status.text and app.body.children == ()
