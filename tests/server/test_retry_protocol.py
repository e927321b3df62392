"""Retries against a real server (docs/student-protocol.md, "Retries"): the ack was lost with the
connection; the phone reconnects and sends the same action again (same key). The server answers it as the
same action: the same ack, and the answer is stored once (its time stamp unchanged)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser.helpers import Classroom
from tests.server.conftest import Student

PROMPT = "opening-claim"


@pytest.fixture
def room(server: Any) -> Classroom:
    return Classroom(server)


def stored_answers(room: Classroom) -> list[tuple[str, str]]:
    with room.store() as store:
        return [(a.text, a.updated_at) for a in store.answers(room.room_id)]


def test_an_answer_whose_ack_was_lost_is_retried_on_a_new_socket_and_stored_once(server: Any,
                                                                                  room: Classroom) -> None:
    ana = Student(server.url)
    ana.hello(room.code)
    assert ana.act("join", room=room.code, name="Ana", anonymous=False)["type"] == "ack"
    room.set(phase="reading")
    action = {"type": "answer", "id": 7, "key": "3f9a1c0d5e7b2a48", "prompt": PROMPT, "text": "A union."}
    ana.send_raw(json.dumps(action))
    first = ana.wait(lambda m: m.get("id") == 7)
    assert first == {"type": "ack", "id": 7, "message": "Answer saved."}
    stored = stored_answers(room)
    assert [text for text, _ in stored] == ["A union."]
    ana.ws.close()  # as if the ack had not arrived: the page sends the action again on its next socket

    again = Student(server.url, token=ana.token)
    assert again.hello(room.code)["stage"] == "room"
    again.send_raw(json.dumps(action))
    assert again.wait(lambda m: m.get("id") == 7) == first
    assert stored_answers(room) == stored  # not written again: the same time stamp
    reused = {**action, "id": 8, "text": "Something else"}  # the same key for another content: refused
    again.send_raw(json.dumps(reused))
    assert again.wait(lambda m: m.get("id") == 8)["code"] == "action-key-reused"
    assert stored_answers(room) == stored

    ben = Student(server.url)  # another device may use any key: its actions are its own
    ben.hello(room.code)
    assert ben.act("join", room=room.code, name="Ben", anonymous=False)["type"] == "ack"
    ben.send_raw(json.dumps({**action, "text": "Ben's"}))
    assert ben.wait(lambda m: m.get("id") == 7)["type"] == "ack"
    assert sorted(text for text, _ in stored_answers(room)) == ["A union.", "Ben's"]
    again.close()
    ben.close()
