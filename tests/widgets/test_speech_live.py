"""The speech on the teacher's clock reaches the students' pages: who speaks and the time left."""

from __future__ import annotations

import math

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.student.view import speech_view
from tests.widgets.browser import click, update
from tests.widgets.conftest import Class


def published(klass: Class) -> None:
    for name in ("Ann", "Ben", "Cy", "Dee"):
        klass.student(name)
    klass.refresh()
    controls = klass.console.controls
    click(controls.sides.preview_button)
    click(controls.sides.publish)
    click(controls.phases.phase_buttons["debate"])
    klass.refresh()


def test_choosing_and_starting_a_speech_shows_on_every_phone(klass: Class) -> None:
    published(klass)
    timer = klass.console.controls.timer
    assert klass.view("Ann")["speech"] is None, "nothing before the teacher uses the timer"
    update(timer.speech, index=1)  # the teacher picks the second speech
    klass.refresh()
    speech = klass.view("Ann")["speech"]
    assert speech["label"] == timer.timer.label and not speech["running"]
    assert speech["left"] == speech["seconds"] == timer.timer.seconds
    seats = klass.store.seats(klass.store.rounds(klass.room.id)[-1].id)
    names = {p.id: p.name for p in klass.store.participants(klass.room.id)}
    speakers = {names[s.participant_id] for s in seats if s.role in ("proposition", "opposition")}
    assert speech["speaker"] and set(speech["speaker"].split(" / ")) <= speakers
    timer.timer._browser_msg(timer.timer, {"kind": "timer", "action": "start", "left": 100.0}, [])
    klass.refresh()
    running = klass.view("Ben")["speech"]
    assert running["running"] and 95 <= running["left"] <= 100
    timer.timer._browser_msg(timer.timer, {"kind": "timer", "action": "pause", "left": 42.0}, [])
    klass.refresh()
    assert klass.view("Cy")["speech"]["left"] == 42.0 and not klass.view("Cy")["speech"]["running"]
    timer.timer._browser_msg(timer.timer, {"kind": "timer", "action": "reset", "left": 3.0}, [])
    klass.refresh()
    assert klass.view("Dee")["speech"]["left"] == timer.timer.seconds
    for forged in ({"kind": "timer", "action": "start", "left": math.nan}, {"kind": "timer", "action": "x"},
                   {"kind": "timer", "action": "start", "left": True}, "junk"):
        timer.timer._browser_msg(timer.timer, forged, [])  # ignored, nothing raised
    click(klass.console.controls.phases.phase_buttons["scoring"])
    klass.refresh()
    assert klass.view("Ann")["speech"] is None, "shown during the debate only"


def test_the_store_checks_the_speech_and_the_key(klass: Class) -> None:
    store, room, key = klass.store, klass.room, klass.key
    good = {"label": "1st Proposition", "speaker": "Ann", "seconds": 180, "running": True, "left": 180.0}
    with pytest.raises(NotAllowed):
        store.set_speech(room.id, "not-the-key", **good)
    for field, bad in (("seconds", 0), ("seconds", 99_999), ("seconds", True), ("left", math.inf),
                       ("left", "10"), ("running", "yes"), ("label", "x" * 300)):
        with pytest.raises(InvalidInput):
            store.set_speech(room.id, key, **{**good, field: bad})
    assert store.room_by_id(room.id).speech is None, "nothing half-written"
    store.set_speech(room.id, key, **good)
    assert store.room_by_id(room.id).speech["speaker"] == "Ann"


def test_time_left_is_counted_from_the_read() -> None:
    paused = {"label": "L", "speaker": "", "seconds": 60, "running": False, "left": 30.0, "since": 100.0}
    assert speech_view(paused, 200.0)["left"] == 30.0
    running = {**paused, "running": True}
    assert speech_view(running, 110.0)["left"] == 20.0
    assert speech_view(running, 150.0)["left"] == -20.0, "over time shows as negative"
    assert speech_view(None, 1.0) is None
