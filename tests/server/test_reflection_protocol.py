"""Reflections on one's own swing over the light page's websocket, against a real server (issue 19,
item 4): a valid reflection, each refusal, another room's ids and the end of the phase."""

from __future__ import annotations

import json
from typing import Any

from debate_kit.core.formats import PRESETS
from debate_kit.core.reflection import MAX_WHY
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.helpers import Classroom
from tests.server.test_protocol import joined

PRE, POST = "motion-main-pre", "motion-main-post"


def voted(room: Classroom, students: dict[str, Any], before: dict[str, str], after: dict[str, str]) -> int:
    """Both motion votes through the socket, sides published in between; returns the after poll's id."""
    room.set(phase="pre-vote", poll=PRE)
    pre = room.poll_id(PRE)
    for name, choice in before.items():
        assert students[name].act("vote", poll=pre, option=choice)["type"] == "ack"
    room.set(phase="sides", poll=PRE, state="closed")
    with room.store() as store:
        ids = [str(p.id) for p in store.participants(room.room_id)]
        if len(ids) < 2:
            return _after(room, students, after)
        round_ = store.save_round(room.room_id, room.key, assign_sides(ids, SeatPlan(1, 1, 0), seed=1),
                                  PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
    return _after(room, students, after)


def _after(room: Classroom, students: dict[str, Any], after: dict[str, str]) -> int:
    room.set(phase="post-vote", poll=POST)
    post = room.poll_id(POST)
    for name, choice in after.items():
        assert students[name].act("vote", poll=post, option=choice)["type"] == "ack"
    return post


def test_reflections_over_the_socket(server: Any) -> None:
    room, other = Classroom(server), Classroom(server, "Another class")
    people = {n: joined(server, room, n) for n in ("Ana", "Bo", "Cy")}
    after = {"Ana": "Undecided", "Bo": "For", "Cy": "For"}  # Cy votes only after
    post = voted(room, people, {"Ana": "Against", "Bo": "For"}, after)
    ana, bo, cy = people["Ana"], people["Bo"], people["Cy"]
    early = ana.act("reflect", poll=post, why="Too early", mattered="none")
    assert early["type"] == "error" and early["code"] == "reflection-closed"
    assert "wait for your teacher" in early["message"]

    room.set(poll=POST, state="closed")  # the after-vote closes: reflections open (still post-vote)
    view = ana.wait_view(lambda v: bool(v.get("reflection")))
    item = view["reflection"]["items"][0]
    assert item["text"] == "Before: Against. After: Undecided." and item["movement"] == "for"
    speech = next(o["value"] for o in item["options"] if o["value"].startswith("speech:"))
    saved = ana.act("reflect", poll=post, why="<b>The rebuttal</b> on dates", mattered=speech)
    assert saved["type"] == "ack" and saved["message"].startswith("Reflection saved.")
    mine = ana.wait_view(lambda v: bool(v["reflection"] and v["reflection"]["items"][0].get("mine")))
    assert mine["reflection"]["items"][0]["mine"] == {"why": "<b>The rebuttal</b> on dates",
                                                      "mattered": speech}
    assert "<b>The rebuttal" not in json.dumps(bo.wait_view(lambda v: bool(v.get("reflection"))))

    refusals = [
        (cy, {"poll": post, "why": "Late", "mattered": "none"}, "reflection-no-votes", "voted both"),
        (bo, {"poll": post, "why": "   ", "mattered": "none"}, "reflection-empty", "Write a sentence"),
        (bo, {"poll": post, "why": "x" * (MAX_WHY + 1), "mattered": "none"}, "reflection-too-long",
         "shorten"),
        (bo, {"poll": post, "why": "ok", "mattered": "card:999999"}, "reflection-pick", "pick again"),
        (bo, {"poll": post, "why": "ok", "mattered": "javascript:1"}, "reflection-pick", "from the list"),
        (bo, {"poll": room.poll_id(PRE), "why": "ok", "mattered": "none"}, "reflection-poll", "reload"),
        (bo, {"poll": post, "why": 3, "mattered": "none"}, "message-field-type", "wrong type"),
        (bo, {"poll": post, "why": "ok", "mattered": "none", "name": "Ana"}, "message-fields", "unknown"),
    ]
    for student, fields, code, words in refusals:
        answer = student.act("reflect", **fields)
        assert answer["type"] == "error" and answer["code"] == code and words in answer["message"], answer

    zed = joined(server, other, "Zed")
    other_post = voted(other, {"Zed": zed}, {"Zed": "For"}, {"Zed": "Against"})
    other.set(phase="results", poll=POST, state="revealed")
    assert zed.act("reflect", poll=post, why="Theirs", mattered="none")["code"] == "reflection-poll"
    assert zed.act("reflect", poll=other_post, why="Not mine", mattered=speech)["code"] == "reflection-pick"
    assert ana.act("reflect", poll=other_post, why="Theirs", mattered="none")["code"] == "reflection-poll"

    room.set(phase="scoring")  # the teacher steps back: the phase has ended
    assert bo.act("reflect", poll=post, why="Later", mattered="none")["code"] == "reflection-closed"
    room.set(phase="results", closed=True)
    closed = bo.act("reflect", poll=post, why="Closed", mattered="none")
    assert closed["code"] == "room-closed" and "closed" in closed["message"]
    with room.store() as store:
        kept = store.reflections(room.room_id)
    assert [(r.why, r.movement) for r in kept] == [("<b>The rebuttal</b> on dates", "for")]
