"""Joining: device token, reloads, pseudonyms, JupyterHub names, forged tokens."""

from __future__ import annotations

from debate_kit.store import Store
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.student_app import StudentApp
from tests.widgets.browser import click, custom, hello, new_token, text_of, update
from tests.widgets.conftest import Class


def test_join_with_name_shows_waiting_page(klass: Class) -> None:
    app = klass.student("Ann")
    assert app.session is not None and app.session.participant is not None
    assert app.session.participant.name == "Ann"
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann"]
    assert "Wait for your teacher" in text_of(app.body)


def test_reload_and_new_tab_are_the_same_participant(klass: Class) -> None:
    token = new_token()
    first = klass.student("Ann", token)
    again = klass.student("ignored", token)  # same browser: same token from localStorage
    assert again.session is not None and first.session is not None
    assert again.session.participant == first.session.participant
    assert len(klass.store.participants(klass.room.id)) == 1


def test_anonymous_pseudonym(klass: Class) -> None:
    app = StudentApp(klass.store, lambda _id: klass.lesson, code=klass.room.code, identity=DeviceIdentity())
    hello(app.identity)
    click(app.join.anon)
    assert app.session is not None and app.session.participant is not None
    assert app.session.participant.name == app.join.name.value != ""


def test_join_before_token_arrives_is_refused_without_storing(klass: Class) -> None:
    app = StudentApp(klass.store, lambda _id: klass.lesson, code=klass.room.code, identity=DeviceIdentity())
    update(app.join.name, value="Ann")
    click(app.join.button)
    assert app.session is None
    assert "not sent its id" in app.join.status.text
    assert klass.store.participants(klass.room.id) == []


def test_forged_token_change_after_joining_is_ignored(klass: Class) -> None:
    ann = klass.student("Ann")
    ben_token = new_token()
    klass.student("Ben", ben_token)
    hello(ann.identity, ben_token)  # Ann's page now claims to be Ben's device
    assert ann.session is not None and ann.session.participant is not None
    assert ann.session.participant.name == "Ann"
    click(ann.join.button)
    assert ann.session.participant.name == "Ann"


def test_malformed_token_is_not_accepted(klass: Class) -> None:
    app = StudentApp(klass.store, lambda _id: klass.lesson, code=klass.room.code, identity=DeviceIdentity())
    custom(app.identity, {"kind": "hello", "token": "x" * 5000})
    assert app.identity.token == ""


def test_bad_code_and_oversize_name_show_the_store_message(klass: Class) -> None:
    app = StudentApp(klass.store, lambda _id: klass.lesson, code="KKKK", identity=DeviceIdentity())
    hello(app.identity)
    update(app.join.name, value="Ann")
    click(app.join.button)
    assert "There is no room KKKK" in app.join.status.text
    update(app.join.code, value=klass.room.code)
    update(app.join.name, value="A" * 10_000)
    click(app.join.button)
    assert "at most 60 characters" in app.join.status.text
    assert klass.store.participants(klass.room.id) == []


def test_script_in_name_is_escaped_on_the_teacher_screen(klass: Class) -> None:
    klass.student("<script>alert(1)</script>")
    klass.refresh()
    assert klass.console.controls is not None
    shown = klass.console.controls.room_panel.roster.value
    assert "<script>" not in shown and "&lt;script&gt;" in shown


def test_hub_user_is_the_identity(wstore: Store, klass: Class) -> None:
    first = StudentApp(wstore, lambda _id: klass.lesson, code=klass.room.code, hub_user="jdoe",
                       identity=DeviceIdentity())
    click(first.join.button)
    assert first.session is not None and first.session.participant is not None
    second = StudentApp(wstore, lambda _id: klass.lesson, code=klass.room.code, hub_user="jdoe",
                        identity=DeviceIdentity())
    assert second.session is not None and second.session.participant == first.session.participant
    hello(second.identity)  # a browser token changes nothing under JupyterHub
    assert second.session.participant.name == "jdoe"
