"""The light student page's websocket, against a real `debate-kit serve` (ServerApp + extensions).

Students here are websocket clients, as phones are to the server: no kernel, no token.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.browser.helpers import Classroom
from tests.server.conftest import Student

MAIN_PRE = "motion-main-pre"


def status(url: str) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture
def room(server: Any) -> Classroom:
    return Classroom(server)


def joined(server: Any, room: Classroom, name: str) -> Student:
    student = Student(server.url)
    view = student.hello(room.code)
    assert view["stage"] == "join" and view["room"]["code"] == room.code
    answer = student.act("join", room=room.code, name=name, anonymous=False)
    assert answer["type"] == "ack", answer
    student.wait_view(lambda v: v["stage"] == "room")
    return student


def test_join_vote_and_reload_keep_the_same_person(server: Any, room: Classroom) -> None:
    ana = joined(server, room, "Ana")
    room.set(phase="pre-vote", poll=MAIN_PRE)
    view = ana.wait_view(lambda v: v["room"]["phase"] == "pre-vote" and v["polls"])
    poll = view["polls"][0]
    assert poll["state"] == "open" and poll["mine"] is None and poll["results"] is None
    answer = ana.act("vote", poll=poll["id"], option="For")
    assert answer == {"type": "ack", "id": answer["id"], "message": "Vote saved: For."}
    with room.store() as store:  # acknowledged = committed
        assert store.votes(poll["id"]) == {next(iter(store.votes(poll["id"]))): "For"}
    ana.wait_view(lambda v: v["polls"] and v["polls"][0]["mine"] == "For")
    ana.close()
    again = Student(server.url, token=ana.token)  # a reload: same browser, same device token
    view = again.hello(room.code)
    assert view["stage"] == "room" and view["me"]["name"] == "Ana"
    again.wait_view(lambda v: v["polls"] and v["polls"][0]["mine"] == "For")
    with room.store() as store:
        assert len(store.participants(room.room_id)) == 1
    again.close()


def test_no_tally_before_the_reveal_and_only_your_own_vote(server: Any, room: Classroom) -> None:
    students = [joined(server, room, name) for name in ("Ben", "Cy", "Di")]
    room.set(phase="pre-vote", poll=MAIN_PRE)
    for student, option in zip(students, ("For", "Against", "For"), strict=True):
        view = student.wait_view(lambda v: bool(v["polls"]))
        assert student.act("vote", poll=view["polls"][0]["id"], option=option)["type"] == "ack"
    third = students[2].wait_view(lambda v: v["polls"][0]["mine"] == "For")
    assert third["polls"][0]["results"] is None
    assert "Against" not in json.dumps({k: v for k, v in third["polls"][0].items() if k != "options"})
    room.set(poll=MAIN_PRE, state="closed")
    closed = students[0].wait_view(lambda v: v["polls"][0]["state"] == "closed")
    assert closed["polls"][0]["results"] is None
    room.set(poll=MAIN_PRE, state="revealed")
    shown = students[1].wait_view(lambda v: v["polls"][0]["state"] == "revealed")
    results = shown["polls"][0]["results"]
    assert results["total"] == 3 and {r["option"]: r["count"] for r in results["rows"]}["For"] == 2
    for student in students:
        student.close()


BAD = [
    ("not json", "message-not-json"),
    (json.dumps([1, 2]), "message-shape"),
    (json.dumps({"type": "teacher", "id": 1}), "message-type"),
    (json.dumps({"type": "vote", "id": 1, "poll": 1}), "message-fields"),
    (json.dumps({"type": "vote", "id": 1, "poll": 1, "option": "For", "admin": True}), "message-fields"),
    (json.dumps({"type": "vote", "id": 1, "poll": "1", "option": "For"}), "message-field-type"),
    (json.dumps({"type": "vote", "id": True, "poll": 1, "option": "For"}), "message-field-type"),
    (json.dumps({"type": "answer", "id": 1, "prompt": "x", "text": "y" * 20_000}), "message-too-big"),
]


@pytest.mark.parametrize(("raw", "code"), BAD, ids=[code for _raw, code in BAD])
def test_malformed_messages_are_refused_and_the_socket_stays_usable(server: Any, room: Classroom,
                                                                     raw: str, code: str) -> None:
    student = joined(server, room, "Eve")
    before = room.snapshot()
    assert student.error(raw)["code"] == code
    assert room.snapshot() == before, "nothing stored"
    room.set(phase="pre-vote", poll=MAIN_PRE)
    view = student.wait_view(lambda v: bool(v["polls"]))
    assert student.act("vote", poll=view["polls"][0]["id"], option="Undecided")["type"] == "ack"
    student.close()


def test_forged_values_are_checked_against_the_store(server: Any, room: Classroom) -> None:
    other = Classroom(server, "Another class")
    other.set(phase="pre-vote", poll=MAIN_PRE)
    student = joined(server, room, "Fay")
    room.set(phase="pre-vote", poll=MAIN_PRE)
    poll = student.wait_view(lambda v: bool(v["polls"]))["polls"][0]["id"]
    before, before_other = room.snapshot(), other.snapshot()
    cases = [
        (("vote", {"poll": poll, "option": "Maybe"}), "vote-option"),
        (("vote", {"poll": other.poll_id(MAIN_PRE), "option": "For"}), "poll-not-shown"),
        (("vote", {"poll": 99_999_999, "option": "For"}), "poll-unknown"),
        (("vote", {"poll": room.poll_id("motion-main-post"), "option": "For"}), "poll-not-shown"),
        (("answer", {"prompt": "not-a-prompt", "text": "hi"}), "prompt-unknown"),
        (("score", {"speech": 99_999_999, "values": {"clash": 3}, "comment": ""}), "speech-unknown"),
        (("join", {"room": other.code, "name": "Fay2", "anonymous": False}), None),  # already joined: no-op
    ]
    for (kind, fields), code in cases:
        answer = student.act(kind, **fields)
        if code is None:
            assert answer["type"] == "ack" and room.code in answer["message"]
        else:
            assert answer["type"] == "error" and answer["code"] == code, (kind, answer)
            assert answer["message"] and "Traceback" not in answer["message"]
    assert student.error(json.dumps({"type": "hello", "token": "z" * 32, "room": room.code}))["code"] == \
        "token-changed"
    assert room.snapshot() == before and other.snapshot() == before_other
    student.close()


def test_bad_join_input_gets_a_message_a_student_understands(server: Any, room: Classroom) -> None:
    student = Student(server.url)
    view = student.hello("QQQQ")
    assert view["stage"] == "join" and view["room"] is None
    unknown = student.wait(lambda m: m.get("type") == "error")
    assert "no room QQQQ" in unknown["message"]
    assert student.act("join", room="QQQQ", name="Gil", anonymous=False)["code"] == "room-unknown"
    assert student.act("join", room=room.code, name="x" * 61, anonymous=False)["code"] == "name-too-long"
    assert student.act("join", room=room.code, name="  ", anonymous=False)["code"] == "name-empty"
    anon = student.act("join", room=room.code, name="ignored", anonymous=True)
    assert anon["type"] == "ack" and "ignored" not in anon["message"]
    student.close()


def test_a_flood_from_one_socket_is_limited_without_slowing_the_others(server: Any, room: Classroom) -> None:
    flooder, calm = joined(server, room, "Hal"), joined(server, room, "Ivy")
    room.set(phase="pre-vote", poll=MAIN_PRE)
    poll = calm.wait_view(lambda v: bool(v["polls"]))["polls"][0]["id"]
    for _ in range(200):
        flooder.send_raw(json.dumps({"type": "vote", "id": 7, "poll": poll, "option": "For"}))
    start = time.monotonic()
    assert calm.act("vote", poll=poll, option="Against")["type"] == "ack"
    calm_seconds = time.monotonic() - start
    answers = [flooder.wait(lambda m: m.get("type") in ("ack", "error")) for _ in range(200)]
    refused = [a for a in answers if a.get("code") == "slow-down"]
    assert refused and "wait a second" in refused[0]["message"]
    assert len(answers) - len(refused) <= 40, "a burst of about 20, then about 5 per second"
    assert calm_seconds < 10, calm_seconds  # a bound for a busy CI machine, not a benchmark
    with room.store() as store:
        assert len(store.vote_records(poll)) == len(store.votes(poll)) <= 2, "one row per voter"
    flooder.close()
    calm.close()


def test_only_the_student_routes_are_public(server: Any, room: Classroom) -> None:
    assert status(f"{server.url}/debate-kit/join/{room.code}") == 200
    assert status(f"{server.url}/debate-kit/join") == 200
    assert status(f"{server.url}/debate-kit/static/student.js") == 200
    assert status(f"{server.url}/debate-kit/lesson/new-soviet-union.json") == 200
    assert status(f"{server.url}/debate-kit/lesson/nope.json") == 404
    assert status(server.url + "/api/terminals") in (403, 404)  # serve has no terminals at all
    for path in ("/api/kernels", "/api/contents", "/api/sessions"):
        assert status(server.url + path) == 403, path
    for path in ("/voila/render/teacher.ipynb", "/voila/render/results.ipynb", "/debate-kit/teacher"):
        assert status(server.url + path) == 302, path  # to the login page
    assert status(server.url + "/terminals/1") in (302, 403, 404)
    assert status(server.authed(server.url + "/api/kernels")) == 200
    assert status(server.url + "/logout") < 500, "logging out is not a server error"


def test_student_pages_start_no_kernel(server: Any, room: Classroom) -> None:
    students = [joined(server, room, f"K{n}") for n in range(10)]
    room.set(phase="pre-vote", poll=MAIN_PRE)
    for student in students:
        poll = student.wait_view(lambda v: bool(v["polls"]))["polls"][0]["id"]
        assert student.act("vote", poll=poll, option="For")["type"] == "ack"
    assert server.kernels() == []
    with urllib.request.urlopen(server.authed(server.url + "/api/kernels"), timeout=10) as response:
        assert json.loads(response.read()) == []
    for student in students:
        student.close()


def test_student_traffic_counts_as_server_activity(server: Any, room: Classroom) -> None:
    """Binder's culler stops a server without activity: students' messages must count."""

    def last_activity() -> str:
        with urllib.request.urlopen(server.authed(server.url + "/api/status"), timeout=10) as response:
            return str(json.loads(response.read())["last_activity"])

    student = Student(server.url)
    student.hello(room.code)
    first = last_activity()
    time.sleep(1.1)
    student.hello(room.code)
    assert last_activity() > first
    student.close()


def test_secrets_are_redacted_from_log_lines() -> None:
    import logging

    from debate_kit.server.redact import RedactSecrets, redact

    assert redact("GET /voila/render/x.ipynb?token=abc123&room=K7QF") == \
        "GET /voila/render/x.ipynb?token=[secret]&room=K7QF"
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "Uncaught exception %s", ("/a?_xsrf=zz",),
                               None)
    assert RedactSecrets().filter(record) and record.getMessage() == "Uncaught exception /a?_xsrf=[secret]"


def test_open_socket_limits_per_address_and_in_all() -> None:
    from debate_kit.server.handlers import Limits

    limits = Limits()
    limits.sockets_per_address, limits.sockets_total = 2, 3
    limits.open_by_address = {"10.0.0.1": 2}
    assert limits.full("10.0.0.1") and not limits.full("10.0.0.2")
    limits.open_by_address["10.0.0.2"] = 1
    assert limits.full("10.0.0.3"), "three open in all"


def test_a_deleted_room_is_explained_to_its_students(server: Any) -> None:
    room = Classroom(server)
    student = joined(server, room, "Gus")
    with room.store() as store:
        store.delete_room(room.room_id, room.key)
    gone = student.wait(lambda m: m.get("type") == "error" and m.get("code") == "room-unknown")
    assert "does not exist" in gone["message"]
    student.close()
