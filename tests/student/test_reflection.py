"""Reflection on one's own swing (issue 19, item 4): the session's ``reflect`` and the student's view."""

from __future__ import annotations

from debate_kit.core.formats import PRESETS
from debate_kit.core.reflection import MAX_WHY, NOT_BOTH, NOT_YET
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.student.fanout import SnapshotViews, encode
from debate_kit.student.reflect_actions import SAVED
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import read_snapshot
from tests.student.conftest import Klass, me, send
from tests.student.test_cards import card

PRE, POST = "motion-main-pre", "motion-main-post"
TEAMS = {"Ann": "proposition", "Ben": "proposition", "Cy": "opposition", "Dee": "opposition"}


def lesson_done(klass: Klass) -> dict[str, StudentSession]:
    """Ann Against -> Undecided, Ben For -> For, Cy Undecided -> Against; Dee votes after only. Ann and
    Ben (proposition) and Cy and Dee (opposition) each made a card. The after-vote is open."""
    people = {name: klass.student(name) for name in TEAMS}
    klass.phase("pre-vote")
    pre = klass.poll(PRE, "open")
    for name, choice in (("Ann", "Against"), ("Ben", "For"), ("Cy", "Undecided")):
        assert send(people[name], "vote", poll=pre, option=choice)["type"] == "ack"
    klass.poll(PRE, "closed")
    klass.phase("reading")
    for name in TEAMS:
        assert send(people[name], "card_new", card=card(claim=f"{name}'s claim"))["type"] == "ack"
    locks = {str(me(people[n]).id): side for n, side in TEAMS.items()}
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(
        list(locks), SeatPlan(1, 2, 0), seed=2, locks=locks), PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    klass.phase("post-vote")
    post = klass.poll(POST, "open")
    for name, choice in (("Ann", "Undecided"), ("Ben", "For"), ("Cy", "Against"), ("Dee", "For")):
        assert send(people[name], "vote", poll=post, option=choice)["type"] == "ack"
    return people


def test_a_student_sees_their_swing_and_reflects(klass: Klass) -> None:
    people = lesson_done(klass)
    ann, post = people["Ann"], klass.poll_id(POST)
    assert klass.view(ann)["reflection"] is None  # the after-vote is still open
    refused = send(ann, "reflect", poll=post, why="Early", mattered="none")
    assert refused["type"] == "error" and refused["message"] == NOT_YET
    klass.poll(POST, "closed")
    part = klass.view(ann)["reflection"]
    item = part["items"][0]
    assert part["limit"] == MAX_WHY and item["open"] and item["text"] == "Before: Against. After: Undecided."
    assert item["movement"] == "for" and item["question"] == "What moved you towards For?"
    labels = {o["label"] for o in item["options"]}
    assert "Card: Ann's claim" in labels and "Card: Ben's claim" in labels  # her own and her team's
    assert "Card: Cy's claim" not in str(part)  # never the other side's
    speech = next(o for o in item["options"] if o["value"].startswith("speech:"))
    reply = send(ann, "reflect", poll=post, why="The rebuttal on the treaty.", mattered=speech["value"])
    assert reply == {"type": "ack", "id": reply["id"], "message": SAVED}
    assert klass.view(ann)["reflection"]["items"][0]["mine"] == {"why": "The rebuttal on the treaty.",
                                                                  "mattered": speech["value"]}
    again = StudentSession(klass.store, lambda _id: klass.lesson)  # the same device comes back
    assert again.receive({"type": "hello", "token": ann.token, "room": klass.room.code}) is None
    assert klass.view(again)["reflection"]["items"][0]["mine"]["why"] == "The rebuttal on the treaty."
    ben = klass.view(people["Ben"])["reflection"]["items"][0]
    assert ben["movement"] == "stayed" and ben["question"] == "What kept you where you were?"


def test_refusals_each_say_what_to_do(klass: Klass) -> None:
    people = lesson_done(klass)
    klass.phase("results")
    klass.poll(POST, "revealed")
    post = klass.poll_id(POST)
    ann, dee = people["Ann"], people["Dee"]
    cy_card = next(c.id for c in klass.store.cards(klass.room.id) if c.participant_id == me(people["Cy"]).id)
    cases = [
        (dee, {"poll": post, "why": "Late", "mattered": "none"}, "reflection-no-votes"),
        (ann, {"poll": post, "why": " ", "mattered": "none"}, "reflection-empty"),
        (ann, {"poll": post, "why": "x" * (MAX_WHY + 1), "mattered": "none"}, "reflection-too-long"),
        (ann, {"poll": post, "why": "ok", "mattered": f"card:{cy_card}"}, "reflection-pick"),
        (ann, {"poll": post, "why": "ok", "mattered": "<b>"}, "reflection-pick"),
        (ann, {"poll": klass.poll_id(PRE), "why": "ok", "mattered": "none"}, "reflection-poll"),
        (ann, {"poll": post, "why": "ok"}, "message-fields"),
        (ann, {"poll": "1", "why": "ok", "mattered": "none"}, "message-field-type"),
    ]
    for session, fields, code in cases:
        reply = send(session, "reflect", **fields)
        assert reply["type"] == "error" and reply["code"] == code, (code, reply)
        assert reply["message"] and "Traceback" not in reply["message"]
    assert send(dee, "reflect", poll=post, why="x", mattered="none")["message"] == NOT_BOTH
    motion = klass.store.poll(post).question
    assert klass.view(dee)["reflection"]["items"][0] == {"poll": post, "motion": motion, "open": False,
                                                         "text": NOT_BOTH}
    assert klass.store.reflections(klass.room.id) == []
    klass.store.set_closed(klass.room.id, klass.key, True)
    assert send(ann, "reflect", poll=post, why="Closed", mattered="none")["code"] == "room-closed"
    assert klass.view(ann)["reflection"] is None


def test_shared_views_build_the_reflection_for_each_student(klass: Klass) -> None:
    people = lesson_done(klass)
    klass.poll(POST, "closed")  # still the post-vote phase, a shared one: the reflection is personal
    send(people["Ann"], "reflect", poll=klass.poll_id(POST), why="Mine", mattered="none")
    views = SnapshotViews(read_snapshot(klass.store, klass.room.id))
    for session in people.values():
        key, text = views.render(session)
        assert key is None and text == encode(session.view(views.snap))
    assert '"why":"Mine"' in views.render(people["Ann"])[1] and "Mine" not in views.render(people["Ben"])[1]


def test_the_notebook_widget_reflects_through_the_same_session(klass: Klass) -> None:
    from debate_kit.student.widget import StudentWidget

    people = lesson_done(klass)
    klass.phase("results")
    post = klass.poll(POST, "revealed")
    widget = StudentWidget(klass.store, lambda _id: klass.lesson, code=klass.room.code)
    sent: list[dict[str, object]] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    widget.receive({"type": "hello", "token": people["Cy"].token, "room": klass.room.code})  # Cy's device
    item = widget.view["reflection"]["items"][0]
    assert item["text"] == "Before: Undecided. After: Against." and item["movement"] == "against"
    reflect = {"type": "reflect", "id": 1, "poll": post, "why": "The figures.", "mattered": "none"}
    reply = widget.receive(reflect)
    assert reply == {"type": "ack", "id": 1, "message": SAVED} and sent == [reply]
    assert widget.view["reflection"]["items"][0]["mine"] == {"why": "The figures.", "mattered": "none"}
    assert "reflect" in widget._esm and "dk-reflect-why" in widget._esm  # the same student.js
