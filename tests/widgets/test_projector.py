"""The class screen in the console: a whole lesson from the presenter's controls, what the view holds in
each phase (never a tally before the reveal, never who moved), the console's place kept across a reload,
and private detail that hides itself."""

from __future__ import annotations

import json
from typing import Any

from debate_kit.core.lesson_model import Lesson
from debate_kit.store import Store
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import Recorder, click, custom, hello
from tests.widgets.conftest import Class


def control(klass: Class, control_id: str) -> str:
    projector = klass.console.projector
    offered = [c["id"] for c in projector.controls]
    assert control_id in offered, (control_id, offered, projector.status)
    custom(projector, {"type": "control", "id": control_id})
    klass.refresh()
    return projector.status


def view(klass: Class) -> dict[str, Any]:
    return klass.console.projector.view


def test_present_is_the_default_and_hides_the_console(klass: Class) -> None:
    console = klass.console
    assert console.projector.mode == "present"
    assert console.console_box.layout.display == "none" and console.head.layout.display == "none"
    join = view(klass)["join"]
    assert join["code"] == klass.room.code and join["link"].endswith(f"/debate-kit/join/{klass.room.code}")
    assert len(join["qr"]) > 20 and set("".join(join["qr"])) == {"0", "1"}
    custom(console.projector, {"type": "control", "id": "console"})
    assert console.projector.mode == "preview" and console.console_box.layout.display is None
    assert console.projector.controls == []
    click(next(c for c in console.console_box.children[2].children if "Present" in c.description))
    assert console.projector.mode == "present"


def test_a_whole_lesson_from_the_presenters_controls(klass: Class) -> None:
    names = ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay"]
    for name in names:
        klass.student(name)
    pre = klass.poll_id("motion-main-pre")
    post = klass.poll_id("motion-main-post")
    control(klass, "next")  # pre-vote: the vote opens
    for name, option in zip(names, ["For", "For", "Against", "Against", "Undecided", "For"], strict=True):
        klass.act(name, "vote", poll=pre, option=option)
    klass.refresh()
    vote = view(klass)["vote"]
    assert vote["voted"] == 6 and vote["of"] == 6 and vote["results"] is None  # no tally before the reveal
    assert "For" not in json.dumps(vote).replace("Before", "")  # no option names, let alone counts
    control(klass, "close-vote")
    control(klass, "reveal")
    assert view(klass)["vote"]["results"]["total"] == 6
    control(klass, "next")  # reading
    assert view(klass)["reading"]["sections"]
    control(klass, "next")  # sides
    assert control(klass, "make-sides").startswith("The sides are out")
    debates = view(klass)["sides"]["debates"]
    assert debates and debates[0]["proposition"] and debates[0]["opposition"]
    control(klass, "next")  # debate: the first speech is on the clock, paused
    debate = view(klass)["debate"]
    assert debate["label"] and debate["side"] == "Proposition" and not debate["running"]
    assert debate["next"]["label"]
    control(klass, "start")
    assert view(klass)["debate"]["running"]
    control(klass, "pause")
    control(klass, "next-speech")
    assert view(klass)["debate"]["label"] == debate["next"]["label"]
    timer = klass.console.controls.timer  # the console's Timer tab follows the class screen's buttons
    assert timer.speech.value == 2 and timer.timer.label.lower() == debate["next"]["label"].lower()
    control(klass, "next")  # scoring
    control(klass, "open-scoring")
    assert view(klass)["scoring"]["open"]
    control(klass, "next")  # post-vote
    for name, option in zip(names, ["Against", "Against", "Against", "For", "Undecided", "For"], strict=True):
        klass.act(name, "vote", poll=post, option=option)
    control(klass, "next")  # results: both votes revealed
    results = view(klass)["results"]
    swing = results["swings"][0]
    assert "(Proposition)" in swing["winner_text"] or "(Opposition)" in swing["winner_text"]
    assert "voted before the debate" in swing["voters_text"]
    text = json.dumps(view(klass))
    for name in ("Ann", "Ben", "Eve"):  # who moved is never on the class screen
        assert f"{name} " not in swing["voters_text"] and f'"{name}"' not in json.dumps(swing)
    assert "next" not in [c["id"] for c in klass.console.projector.controls]
    assert "Console" in json.dumps(klass.console.projector.controls) and text


def test_a_stale_or_forged_control_is_refused(klass: Class) -> None:
    custom(klass.console.projector, {"type": "control", "id": "reveal"})  # not offered in the join phase
    assert "not available now" in klass.console.projector.status
    assert klass.store.room_by_id(klass.room.id).phase == "join"
    custom(klass.console.projector, {"type": "control", "id": "x" * 5000})
    assert klass.store.room_by_id(klass.room.id).phase == "join"


def test_private_details_show_for_a_minute_and_hide_on_a_tab_change(klass: Class) -> None:
    console = klass.console
    custom(console.projector, {"type": "control", "id": "console"})
    assert not console.session.show_private
    click(console.private.button)
    assert console.session.show_private and "class sees them too" in console.private.banner.value
    console.controls.selected_index = 2
    assert not console.session.show_private and console.private.banner.value == ""
    click(console.private.button)
    console.session.private_until = 0.0  # the minute is over
    assert not console.session.show_private


def test_a_reload_comes_back_to_the_same_room_tab_and_mode(klass: Class, wstore: Store,
                                                           lesson: Lesson) -> None:
    console = klass.console
    custom(console.projector, {"type": "control", "id": "console"})
    console.controls.selected_index = 3
    place = [m for m in klass.recorder.sent if m.get("kind") == "remember-console"][-1]["state"]
    assert place == {"room": klass.room.code, "tab": 3, "mode": "preview"}
    # The reloaded page: a new kernel, the same browser (its keys and the place it kept).
    identity = DeviceIdentity()
    Recorder(identity)
    again = TeacherConsole(wstore, {lesson.id: lesson}, identity=identity)
    custom(identity, {"kind": "hello", "token": "a" * 32, "teacher_keys": {klass.room.code: klass.key},
                      "page": "http://10.0.0.5:8866/voila/render/teacher.ipynb", "console": place})
    assert again.session is not None and again.session.room.code == klass.room.code
    assert again.controls.selected_index == 3 and again.projector.mode == "preview"
    # A place naming a room this browser holds no key for opens nothing.
    other = DeviceIdentity()
    Recorder(other)
    stranger = TeacherConsole(wstore, {lesson.id: lesson}, identity=other)
    hello(other)
    custom(other, {"kind": "hello", "token": "b" * 32, "teacher_keys": {}, "console": place})
    assert stranger.session is None


def test_the_browser_keeps_the_new_mode_before_it_sees_it(klass: Class) -> None:
    """The place is kept (a message to the browser) before the mode changes (a state update on the same
    kernel channel): a reload right after the class screen appears comes back presenting, not to the
    tabs (found by the whole-lesson browser test on a loaded machine)."""
    console = klass.console
    events: list[str] = []
    console.projector.observe(lambda change: events.append(f"mode={change['new']}"), "mode")
    sent = klass.recorder.sent
    before = len(sent)
    console.identity.send = lambda content, buffers=None: (  # type: ignore[method-assign]
        sent.append(content), events.append(f"kept={content.get('state', {}).get('mode')}"))
    custom(console.projector, {"type": "control", "id": "console"})
    click(next(c for c in console.console_box.children[2].children if "Present" in c.description))
    kept = [e for e in events if e.startswith("kept=")]
    assert events.index("kept=preview") < events.index("mode=preview"), events
    assert events.index("kept=present") < events.index("mode=present"), events
    assert kept[-1] == "kept=present" and len(sent) > before
