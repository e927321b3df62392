"""The door against a real server: a school NAT of 30 phones gets in, a code sweep is stopped, a join
flood is paced, locked and full rooms say so, and a removed student's phone shows it.

The server has its own process here (its wrong-code counters are per process). Phones connect from
chosen loopback addresses (127.0.0.x) so that each test is its own "network".
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from debate_kit.core.guard import PER_ADDRESS
from debate_kit.student.door import REMOVED
from debate_kit.testing import VoilaServer
from tests.browser.helpers import Classroom
from tests.server.conftest import NOTEBOOKS, Student

MAIN_PRE = "motion-main-pre"


@pytest.fixture(scope="module")
def door_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    folder = tmp_path_factory.mktemp("door")
    with VoilaServer(f"sqlite:///{folder / 'classroom.sqlite3'}", notebooks=NOTEBOOKS, grace=2.0,
                     workdir=folder) as running:
        yield running
    log = running.log()
    assert running.token not in log and "Traceback" not in log, log


class Phone(Student):
    """A student's websocket from the address ``source`` (one of this machine's 127.0.0.x)."""

    def __init__(self, base_url: str, source: str, token: str | None = None,
                 headers: list[str] | None = None) -> None:
        import secrets

        import websocket

        port = urlparse(base_url).port
        sock = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
        self.url = base_url.replace("http://", "ws://") + "/debate-kit/ws"
        self.token = token or secrets.token_hex(16)
        self.ws = websocket.create_connection(self.url, timeout=10, socket=sock, header=headers or [])
        self.next_id = 0
        self.inbox: list[dict[str, Any]] = []
        self.view: dict[str, Any] | None = None

    def say_hello(self, room: str = "") -> None:
        self.send_raw(json.dumps({"type": "hello", "token": self.token, "room": room}))

def wrong_codes(room: Classroom, n: int) -> list[str]:
    with room.store() as store:
        real = {r.code for r in store.rooms()}
    codes = [f"QQ{a}{b}" for a in "ACDEFGHJKM" for b in "NPQRTUVWXY"]
    return [c for c in codes if c not in real][:n]


def test_a_school_nat_of_thirty_phones_with_typos_all_get_in_within_seconds(door_server: Any) -> None:
    room = Classroom(door_server, "Behind one NAT")
    phones = [Phone(door_server.url, "127.0.0.20") for _ in range(30)]
    typos = wrong_codes(room, 12)
    start = time.monotonic()
    for phone in phones:
        phone.say_hello()
        phone.wait_view(lambda v: v["stage"] == "join")
    for i, typo in enumerate(typos):  # twelve phones mistype first, all at once
        phones[i].send_raw(json.dumps({"type": "join", "id": 1, "room": typo, "name": f"S{i}",
                                       "anonymous": False}))
    for i in range(len(typos)):
        assert phones[i].wait(lambda m: m.get("id") == 1)["code"] == "room-unknown"
    for i, phone in enumerate(phones):  # then everyone types the code on the board
        phone.send_raw(json.dumps({"type": "join", "id": 2, "room": room.code.lower(), "name": f"S{i}",
                                   "anonymous": False}))
    answers = [phone.wait(lambda m: m.get("id") == 2) for phone in phones]
    assert all(a["type"] == "ack" for a in answers), [a for a in answers if a["type"] != "ack"][:3]
    assert time.monotonic() - start < 10
    with room.store() as store:
        assert len(store.participants(room.room_id)) == 30
    for phone in phones:
        phone.close()


def test_a_code_sweep_is_stopped_and_the_wait_is_no_oracle(door_server: Any) -> None:
    room = Classroom(door_server, "Swept")
    sweeper = [Phone(door_server.url, "127.0.0.30") for _ in range(8)]  # many sockets, one address
    for phone in sweeper:
        phone.say_hello()
    codes = wrong_codes(room, 80)
    answers: list[dict[str, Any]] = []
    started = time.monotonic()
    for i, code in enumerate(codes):
        answers.append(sweeper[i % 8].act("join", room=code, name="Sweep", anonymous=False))
    elapsed = time.monotonic() - started
    looked_up = [a for a in answers if a.get("code") == "room-unknown"]
    waits = [a for a in answers if a.get("code") == "code-wait"]
    assert len(looked_up) == PER_ADDRESS.burst and len(waits) == len(codes) - PER_ADDRESS.burst
    assert waits[0]["message"] == ("Too many wrong codes from this network: wait 30 seconds, then check "
                                   "the code on the board.")
    # the real code from the sweeping address gets the same wait: no title, no phase, nothing learnt
    real = sweeper[0].act("join", room=room.code, name="Sweep", anonymous=False)
    assert real["code"] == "code-wait"
    sweeper[1].say_hello(room.code)
    refused = sweeper[1].wait(lambda m: m.get("type") == "error")
    assert refused["code"] == "code-wait" and room.code not in json.dumps(refused)
    # another network (the class) is not held up
    pupil = Phone(door_server.url, "127.0.0.31")
    assert pupil.hello(room.code)["room"]["code"] == room.code
    print(f"sweep: {len(codes)} guesses in {elapsed:.2f} s, {len(looked_up)} looked up")
    for phone in [*sweeper, pupil]:
        phone.close()


def test_a_join_flood_from_one_address_is_paced(door_server: Any) -> None:
    room = Classroom(door_server, "Flooded")
    phones = [Phone(door_server.url, "127.0.0.40") for _ in range(75)]
    started = time.monotonic()
    for phone in phones:
        phone.say_hello(room.code)
    answers = [phone.act("join", room=room.code, name=f"Bot {i}", anonymous=False)
               for i, phone in enumerate(phones)]
    elapsed = time.monotonic() - started
    joined = sum(a["type"] == "ack" for a in answers)
    paced = [a for a in answers if a.get("code") == "join-wait"]
    assert 60 <= joined <= 60 + 3 * elapsed + 1 and paced, (joined, elapsed)
    assert paced[0]["message"].startswith("Many people are joining from this network: wait ")
    with room.store() as store:
        assert len(store.participants(room.room_id)) == joined
    for phone in phones:
        phone.close()


def test_this_machine_is_not_paced(door_server: Any) -> None:
    """Tests and benchmarks run their classes from 127.0.0.1."""
    room = Classroom(door_server, "Benchmark")
    phones = [Phone(door_server.url, "127.0.0.1") for _ in range(70)]
    for phone in phones:
        phone.say_hello(room.code)
    answers = [phone.act("join", room=room.code, name=f"B{i}", anonymous=False)
               for i, phone in enumerate(phones)]
    assert all(a["type"] == "ack" for a in answers)
    for phone in phones:
        phone.close()


def test_locked_and_full_rooms_and_a_removed_student(door_server: Any) -> None:
    room = Classroom(door_server, "Remedies")
    ana, ben = (Phone(door_server.url, "127.0.0.50") for _ in range(2))
    for phone, name in ((ana, "Ana"), (ben, "Ben")):
        phone.hello(room.code)
        assert phone.act("join", room=room.code, name=name, anonymous=False)["type"] == "ack"
    with room.store() as store:
        store.set_door(room.room_id, room.key, locked=True)
    late = Phone(door_server.url, "127.0.0.50")
    late.hello(room.code)
    answer = late.act("join", room=room.code, name="Cy", anonymous=False)
    assert answer["message"] == "This room is locked: ask your teacher to let you in."
    reload = Phone(door_server.url, "127.0.0.51", token=ana.token)  # Ana's reload on mobile data
    assert reload.hello(room.code)["me"]["name"] == "Ana"
    with room.store() as store:
        store.set_door(room.room_id, room.key, locked=False, max_people=2)
    answer = late.act("join", room=room.code, name="Cy", anonymous=False)
    assert answer["message"] == "This room is full: ask your teacher."

    room.set(phase="pre-vote", poll=MAIN_PRE)
    view = ben.wait_view(lambda v: bool(v["polls"]))
    assert ben.act("vote", poll=view["polls"][0]["id"], option="For")["type"] == "ack"
    with room.store() as store:
        ben_id = next(p.id for p in store.participants(room.room_id) if p.name == "Ben")
        assert store.remove_participant(room.room_id, room.key, ben_id).votes == 1
        assert store.votes(room.poll_id(MAIN_PRE)) == {}
    gone = ben.wait_view(lambda v: v["stage"] == "join")
    assert gone["notice"] == REMOVED and gone["me"] is None
    assert ben.act("vote", poll=view["polls"][0]["id"], option="For")["code"] == "not-joined"
    for phone in (ana, ben, late, reload):
        phone.close()


def test_the_second_screen_socket_answers_an_unknown_code_as_a_wrong_key(door_server: Any) -> None:
    import websocket

    room = Classroom(door_server, "Projected")
    replies = []
    for code in (room.code, wrong_codes(room, 1)[0]):
        ws = websocket.create_connection(door_server.url.replace("http://", "ws://")
                                         + "/debate-kit/projector-ws", timeout=10)
        ws.send(json.dumps({"type": "hello", "room": code, "key": "not-the-key", "page": ""}))
        replies.append(json.loads(ws.recv()))
        ws.close()
    assert replies[0] == replies[1] and replies[0]["code"] == "teacher-key"


def test_behind_the_hubs_proxy_each_network_is_its_own_and_a_forged_header_gains_nothing(
        door_server: Any) -> None:
    """The hub's proxy on this machine (127.0.0.1, trusted) appends each phone's address to
    X-Forwarded-For: a school behind one NAT is paced as one network (not as this machine, which is not
    paced), whatever a phone wrote in the header itself, and another network still gets in."""
    room = Classroom(door_server, "Through the proxy")

    def via_proxy(client: str, forged: str = "") -> Phone:
        header = f"X-Forwarded-For: {forged + ', ' if forged else ''}{client}"
        return Phone(door_server.url, "127.0.0.1", headers=[header])

    school = [via_proxy("198.51.100.7", forged="127.0.0.1" if i % 2 else "") for i in range(75)]
    for phone in school:
        phone.say_hello(room.code)
    answers = [phone.act("join", room=room.code, name=f"P{i}", anonymous=False)
               for i, phone in enumerate(school)]
    joined = sum(a["type"] == "ack" for a in answers)
    assert 60 <= joined < 75, joined
    assert any(a.get("code") == "join-wait" for a in answers)
    other = via_proxy("203.0.113.9")
    other.say_hello(room.code)
    assert other.act("join", room=room.code, name="Other school", anonymous=False)["type"] == "ack"
    for phone in [*school, other]:
        phone.close()
