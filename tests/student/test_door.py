"""A student's way in, through the server's door: wrong codes limited, joins paced, locked and full rooms,
and a participant the teacher removed (their page says so; their votes are gone)."""

from __future__ import annotations

import pytest

from debate_kit.core.guard import PER_ADDRESS, Door
from debate_kit.student.door import REMOVED
from debate_kit.student.session import StudentSession
from tests.student.conftest import Klass, me, new_token, send

MAIN_PRE = "motion-main-pre"


def at_door(klass: Klass, door: Door, address: str) -> StudentSession:
    session = klass.session()
    session.door, session.address = door, address
    assert session.receive({"type": "hello", "token": new_token(), "room": ""}) is None
    return session


def hello(session: StudentSession, code: str) -> dict | None:
    return session.receive({"type": "hello", "token": session.token or new_token(), "room": code})


def test_wrong_codes_from_one_network_wait_but_its_room_still_lets_its_class_in(klass: Klass) -> None:
    door, nat = Door(), "203.0.113.20"
    first = at_door(klass, door, nat)
    assert send(first, "join", room=klass.room.code, name="Ada", anonymous=False)["type"] == "ack"
    for i in range(int(PER_ADDRESS.burst)):
        answer = send(at_door(klass, door, nat), "join", room="QQQ" + "ACDEFGHJKMNPQRTUVWXY34679"[i % 25],
                      name=f"x{i}", anonymous=False)
        assert answer["code"] == "room-unknown", answer
    sweep = send(at_door(klass, door, nat), "join", room="QQQQ", name="x", anonymous=False)
    assert sweep["code"] == "code-wait"
    assert sweep["message"].startswith("Too many wrong codes from this network: wait 30 seconds")
    late = at_door(klass, door, nat)  # a classmate typing the code on the board: no wait
    assert hello(late, klass.room.code.lower()) is None and late.room_id == klass.room.id
    assert send(late, "join", room=klass.room.code, name="Bo", anonymous=False)["type"] == "ack"
    stranger = at_door(klass, door, nat)  # a code not found from here: it waits, so no oracle
    assert hello(stranger, "KQFA")["code"] == "code-wait"
    other = at_door(klass, door, "198.51.100.1")  # another network is not held up
    assert send(other, "join", room="QQQQ", name="y", anonymous=False)["code"] == "room-unknown"


def test_a_malformed_code_does_not_count_as_a_guess(klass: Klass) -> None:
    door = Door()
    session = at_door(klass, door, "192.0.2.9")
    for _ in range(100):
        assert send(session, "join", room="K0", name="x", anonymous=False)["code"] == "code-invalid"
    assert "192.0.2.9" not in door.misses


def test_joins_from_one_network_are_paced_after_sixty(klass: Klass) -> None:
    door, nat = Door(joins_per_second=0.001), "203.0.113.30"
    for i in range(60):
        answer = send(at_door(klass, door, nat), "join", room=klass.room.code, name=f"P{i}", anonymous=False)
        assert answer["type"] == "ack", answer
    answer = send(at_door(klass, door, nat), "join", room=klass.room.code, name="P60", anonymous=False)
    assert answer["code"] == "join-wait" and answer["message"].startswith(
        "Many people are joining from this network: wait")
    assert len(klass.store.participants(klass.room.id)) == 60


def test_locked_and_full_rooms_say_what_to_do(klass: Klass) -> None:
    ada = klass.student("Ada")
    klass.store.set_door(klass.room.id, klass.key, locked=True)
    newcomer = klass.session()
    newcomer.receive({"type": "hello", "token": new_token(), "room": ""})
    refused = send(newcomer, "join", room=klass.room.code, name="Bo", anonymous=False)
    assert refused["message"] == "This room is locked: ask your teacher to let you in."
    back = klass.session()  # Ada's reload: the same device gets back in
    assert back.receive({"type": "hello", "token": ada.token, "room": klass.room.code}) is None
    assert me(back).id == me(ada).id
    klass.store.set_door(klass.room.id, klass.key, locked=False, max_people=1)
    refused = send(newcomer, "join", room=klass.room.code, name="Bo", anonymous=False)
    assert refused["message"] == "This room is full: ask your teacher."


def test_a_removed_student_sees_why_and_their_vote_is_gone(klass: Klass) -> None:
    ada, bo = klass.student("Ada"), klass.student("Bo")
    klass.phase("pre-vote")
    pid = klass.poll(MAIN_PRE, "open")
    assert send(ada, "vote", poll=pid, option="For")["type"] == "ack"
    assert send(bo, "vote", poll=pid, option="Against")["type"] == "ack"
    removed = klass.store.remove_participant(klass.room.id, klass.key, me(ada).id)
    assert removed.votes == 1 and klass.store.votes(pid) == {me(bo).id: "Against"}
    view = klass.view(ada)
    assert view["stage"] == "join" and view["notice"] == REMOVED and view["me"] is None
    assert send(ada, "vote", poll=pid, option="For")["code"] == "not-joined"
    again = send(ada, "join", room=klass.room.code, name="Ada", anonymous=False)  # not locked: back in
    assert again["type"] == "ack" and klass.view(ada)["stage"] == "room"
    assert klass.view(ada)["polls"][0]["mine"] is None  # as someone new: the old vote does not count


@pytest.mark.parametrize("locked", [True, False])
def test_join_after_removal_checks_the_store_not_the_page(klass: Klass, locked: bool) -> None:
    ada = klass.student("Ada")
    klass.store.remove_participant(klass.room.id, klass.key, me(ada).id)
    klass.store.set_door(klass.room.id, klass.key, locked=locked)
    answer = send(ada, "join", room=klass.room.code, name="Ada", anonymous=False)  # before any redraw
    assert answer["type"] == ("error" if locked else "ack"), answer
    assert len(klass.store.participants(klass.room.id)) == (0 if locked else 1)
