"""Joining: device token, reloads, pseudonyms, JupyterHub names, forged tokens."""

from __future__ import annotations

import re

from debate_kit.store import Store
from debate_kit.student.view import WAITING
from tests.widgets.browser import custom, hello, new_token
from tests.widgets.conftest import Class, act, participant, student_widget

PSEUDONYM = re.compile(r"^[A-Z][a-z]+ [A-Z][a-z]+ [1-9][0-9]$")


def test_join_with_name_shows_waiting_page(klass: Class) -> None:
    app = klass.student("Ann")
    assert participant(app).name == "Ann"
    assert [p.name for p in klass.store.participants(klass.room.id)] == ["Ann"]
    assert app.sent[-1]["message"] == f"You are in room {klass.room.code} as Ann."  # type: ignore[attr-defined]
    view = app.view
    assert view["stage"] == "room" and view["me"] == {"name": "Ann"} and view["join"] is None
    assert view["room"]["code"] == klass.room.code and view["room"]["phase"] == "join"
    assert view["notice"] == WAITING and "Wait for your teacher" in view["notice"]


def test_reload_and_new_tab_are_the_same_participant(klass: Class) -> None:
    token = new_token()
    first = klass.student("Ann", token)
    again = klass.student("ignored", token)  # same browser: same token from localStorage
    assert participant(again) == participant(first)
    assert again.view["me"] == {"name": "Ann"}  # recognised on hello, before any join
    assert again.sent[-1]["message"].endswith("as Ann.")  # type: ignore[attr-defined]
    assert len(klass.store.participants(klass.room.id)) == 1


def test_anonymous_pseudonym(klass: Class) -> None:
    app = student_widget(klass.store, klass.lesson, code=klass.room.code)
    assert app.identity is not None
    hello(app.identity)
    reply = act(app, "join", room=klass.room.code, name="", anonymous=True)
    name = participant(app).name
    assert reply["type"] == "ack" and reply["message"].endswith(f" as {name}.")
    assert name == app.view["me"]["name"] != "" and PSEUDONYM.match(name), name
    assert [p.name for p in klass.store.participants(klass.room.id)] == [name]


def test_anonymous_ignores_a_typed_name(klass: Class) -> None:
    app = student_widget(klass.store, klass.lesson, code=klass.room.code)
    assert app.identity is not None
    hello(app.identity)
    act(app, "join", room=klass.room.code, name="Ann", anonymous=True)
    assert participant(app).name != "Ann" and PSEUDONYM.match(participant(app).name)


def test_join_before_token_arrives_is_refused_without_storing(klass: Class) -> None:
    app = student_widget(klass.store, klass.lesson, code=klass.room.code)
    reply = act(app, "join", room=klass.room.code, name="Ann", anonymous=False)
    assert app.session.participant is None
    assert reply["type"] == "error" and reply["code"] == "token-missing"
    assert "not sent its id" in reply["message"]
    assert app.view["stage"] == "join" and app.view["me"] is None
    assert klass.store.participants(klass.room.id) == []


def test_forged_token_change_after_joining_is_ignored(klass: Class) -> None:
    ann = klass.student("Ann")
    ben_token = new_token()
    klass.student("Ben", ben_token)
    assert ann.identity is not None
    hello(ann.identity, ben_token)  # Ann's page now claims to be Ben's device
    assert ann.sent[-1]["type"] == "error" and ann.sent[-1]["code"] == "token-changed"  # type: ignore[attr-defined]
    assert participant(ann).name == "Ann"
    forged = ann.receive({"type": "hello", "token": ben_token, "room": klass.room.code})
    assert forged is not None and forged["code"] == "token-changed" and forged["id"] is None
    reply = act(ann, "join", room=klass.room.code, name="Ben", anonymous=False)
    assert reply["type"] == "ack" and reply["message"].endswith("as Ann.")
    assert participant(ann).name == "Ann" and ann.view["me"] == {"name": "Ann"}
    assert len(klass.store.participants(klass.room.id)) == 2


def test_malformed_token_is_not_accepted(klass: Class) -> None:
    app = student_widget(klass.store, klass.lesson, code=klass.room.code)
    assert app.identity is not None
    custom(app.identity, {"kind": "hello", "token": "x" * 5000})
    assert app.identity.token == ""
    assert app.session.token is None and app.view["stage"] == "join"
    for bad in ("x" * 5000, "x" * 201, "short", "tab\tinside-a-token-of-20", 12345):
        reply = app.receive({"type": "hello", "token": bad, "room": klass.room.code})
        assert reply is not None and reply["type"] == "error", bad
        assert reply["code"] == ("message-field-type" if bad == 12345 else "token-invalid"), reply
    assert app.session.token is None
    assert act(app, "join", room=klass.room.code, name="Ann", anonymous=False)["code"] == "token-missing"
    assert klass.store.participants(klass.room.id) == []


def test_bad_code_and_oversize_name_show_the_store_message(klass: Class) -> None:
    app = student_widget(klass.store, klass.lesson, code="KKKK")
    assert app.identity is not None
    hello(app.identity)  # the page's hello carries the code of the link: it is checked at once
    assert app.sent[-1]["type"] == "error" and "There is no room KKKK" in app.sent[-1]["message"]  # type: ignore[attr-defined]
    assert app.view["stage"] == "join" and app.view["room"] is None and app.view["join"]["code"] == "KKKK"
    reply = act(app, "join", room="KKKK", name="Ann", anonymous=False)
    assert reply["type"] == "error" and "There is no room KKKK" in reply["message"]
    reply = act(app, "join", room=klass.room.code, name="A" * 10_000, anonymous=False)
    assert reply["type"] == "error" and "at most 60 characters" in reply["message"]
    assert app.view["stage"] == "join"
    assert klass.store.participants(klass.room.id) == []


def test_script_in_name_is_escaped_on_the_teacher_screen(klass: Class) -> None:
    klass.student("<script>alert(1)</script>")
    klass.refresh()
    assert klass.console.controls is not None
    shown = klass.console.controls.room_panel.roster.value
    assert "<script>" not in shown and "&lt;script&gt;" in shown


def test_hub_user_is_the_identity(wstore: Store, klass: Class) -> None:
    first = student_widget(wstore, klass.lesson, code=klass.room.code, hub_user="jdoe")
    assert first.view["join"] == {"code": klass.room.code, "hub_user": "jdoe"}
    reply = act(first, "join", room=klass.room.code, name="Someone else", anonymous=False)
    assert reply["type"] == "ack" and participant(first).name == "jdoe"
    second = student_widget(wstore, klass.lesson, code=klass.room.code, hub_user="jdoe")
    assert participant(second) == participant(first)  # recognised at once, without joining
    assert second.view["stage"] == "room" and second.view["me"] == {"name": "jdoe"}
    assert second.identity is not None
    hello(second.identity)  # a browser token changes nothing under JupyterHub
    assert second.receive({"type": "hello", "token": new_token(), "room": klass.room.code}) is None
    assert participant(second).name == "jdoe" and participant(second) == participant(first)
    assert act(second, "join", room=klass.room.code, name="", anonymous=True)["message"].endswith("as jdoe.")
    assert [p.name for p in wstore.participants(klass.room.id)] == ["jdoe"]
