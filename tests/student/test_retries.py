"""Retries (docs/student-protocol.md, "Retries"): an action sent again with the same key is the same action.

A page whose connection dropped before the answer came sends the action again once, on a new connection
(a new StudentSession of the same device, sharing the server's RecentActions). The retry gets the same
ack and nothing is written twice; after a server restart (an empty memory) an answer or a score sheet
already stored is not written again either.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from debate_kit.core.errors import InvalidInput
from debate_kit.core.student_protocol import parse_message
from debate_kit.student import recent as recent_module
from debate_kit.student.recent import KEY_REUSED, PER_DEVICE, RecentActions
from debate_kit.student.session import READING_OVER, StudentSession
from debate_kit.student.widget import StudentWidget
from tests.student.conftest import Klass, me, new_token, send
from tests.student.test_session import marks, scoring_round

_ids = itertools.count(1000)


def reconnect(klass: Klass, token: str, recent: RecentActions) -> StudentSession:
    """The same phone on a new connection: a new session that says hello with its room's code."""
    session = StudentSession(klass.store, lambda _id: klass.lesson, recent=recent)
    assert session.receive({"type": "hello", "token": token, "room": klass.room.code}) is None
    return session


def joined(klass: Klass, name: str, recent: RecentActions) -> tuple[StudentSession, str]:
    token = new_token()
    session = reconnect(klass, token, recent)
    assert send(session, "join", room=klass.room.code, name=name, anonymous=False)["type"] == "ack"
    return session, token


def act(session: StudentSession, kind: str, key: str, **fields: Any) -> dict[str, Any]:
    rid = next(_ids)
    reply = session.receive({"type": kind, "id": rid, "key": key, **fields})
    assert reply is not None and reply["id"] == rid, reply
    return reply


def counting(monkeypatch: pytest.MonkeyPatch, klass: Klass, method: str) -> list[Any]:
    """Record every call of the store's ``method`` (the writes)."""
    calls: list[Any] = []
    original = getattr(klass.store, method)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(klass.store, method, spy)
    return calls


def test_an_answer_retried_on_a_new_connection_gets_the_same_ack_and_is_written_once(
        klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    recent = RecentActions()
    ann, token = joined(klass, "Ann", recent)
    klass.phase("reading")
    writes = counting(monkeypatch, klass, "save_answer")
    first = act(ann, "answer", "a1b2c3d4e5", prompt="opening-claim", text="A new pole.")
    assert first["type"] == "ack" and first["message"] == "Answer saved."
    stored = klass.store.answers(klass.room.id)
    again = reconnect(klass, token, recent)  # the ack was lost with the connection
    retry = act(again, "answer", "a1b2c3d4e5", prompt="opening-claim", text="A new pole.")
    assert retry == {**first, "id": retry["id"]} and retry["id"] != first["id"]
    assert klass.store.answers(klass.room.id) == stored and len(writes) == 1  # the same time stamp
    klass.phase("sides")  # the reading ended meanwhile: the retry is still the same action, acknowledged
    assert act(again, "answer", "a1b2c3d4e5", prompt="opening-claim", text="A new pole.") == {
        **first, "id": next(_ids) - 1}
    late = act(again, "answer", "f6f6f6f6f6", prompt="opening-claim", text="Changed")  # a new action
    assert (late["code"], late["message"]) == ("reading-not-open", READING_OVER)
    assert klass.view(again)["reading"]["answers"] == {"opening-claim": "A new pole."}


def test_a_score_sheet_retried_is_written_once(klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    people = scoring_round(klass)
    eve = people["Eve"]
    recent = RecentActions()
    eve.recent = recent
    speech = klass.view(eve)["scoring"]["speeches"][0]["id"]
    writes = counting(monkeypatch, klass, "submit_score")
    sheet = {"speech": speech, "values": marks(klass, 4), "comment": "Clear"}
    first = act(eve, "score", "score-0001", **sheet)
    assert first["type"] == "ack"
    stored = klass.store.scores(speech)
    again = reconnect(klass, eve.token or "", recent)
    assert act(again, "score", "score-0001", **sheet) == {**first, "id": next(_ids) - 1}
    assert klass.store.scores(speech) == stored and len(writes) == 1


def test_a_vote_retried_counts_once(klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    recent = RecentActions()
    ann, token = joined(klass, "Ann", recent)
    klass.phase("pre-vote")
    poll = klass.poll("motion-main-pre", "open")
    writes = counting(monkeypatch, klass, "cast_vote")
    first = act(ann, "vote", "vote-00001", poll=poll, option="For")
    retry = act(reconnect(klass, token, recent), "vote", "vote-00001", poll=poll, option="For")
    assert retry == {**first, "id": retry["id"]} and first["message"] == "Vote saved: For."
    assert len(writes) == 1 and klass.store.votes(poll) == {me(ann).id: "For"}


def test_the_same_key_with_other_content_is_refused_and_writes_nothing(klass: Klass) -> None:
    recent = RecentActions()
    ann, _token = joined(klass, "Ann", recent)
    klass.phase("reading")
    assert act(ann, "answer", "k-00000001", prompt="opening-claim", text="One")["type"] == "ack"
    reused = act(ann, "answer", "k-00000001", prompt="opening-claim", text="Two")
    assert (reused["type"], reused["code"], reused["message"]) == ("error", "action-key-reused", KEY_REUSED)
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["One"]


def test_keys_belong_to_a_device_and_refusals_are_not_remembered(klass: Klass) -> None:
    recent = RecentActions()
    ann, _ = joined(klass, "Ann", recent)
    ben, _ = joined(klass, "Ben", recent)
    klass.phase("pre-vote")
    poll = klass.poll("motion-main-pre", "closed")
    refused = act(ann, "vote", "same-key-1", poll=poll, option="For")
    assert refused["code"] == "poll-closed"
    klass.poll("motion-main-pre", "open")
    assert act(ann, "vote", "same-key-1", poll=poll, option="For")["type"] == "ack"  # checked again
    assert act(ben, "vote", "same-key-1", poll=poll, option="Against")["type"] == "ack"  # another device
    assert klass.store.votes(poll) == {me(ann).id: "For", me(ben).id: "Against"}


def test_after_a_restart_an_answer_or_score_already_stored_is_not_written_again(
        klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    people = scoring_round(klass)
    eve = people["Eve"]
    speech = klass.view(eve)["scoring"]["speeches"][0]["id"]
    sheet = {"speech": speech, "values": marks(klass, 3), "comment": " Fine "}
    assert act(eve, "score", "restart-01", **sheet)["type"] == "ack"
    stored = klass.store.scores(speech)
    writes = counting(monkeypatch, klass, "submit_score")
    after = reconnect(klass, eve.token or "", RecentActions())  # a restarted server: nothing remembered
    assert act(after, "score", "restart-01", **sheet)["type"] == "ack"
    assert writes == [] and klass.store.scores(speech) == stored
    changed = act(after, "score", "restart-02", **{**sheet, "values": marks(klass, 5)})
    assert changed["type"] == "ack" and len(writes) == 1  # a real change is written


def test_an_unchanged_answer_after_a_restart_keeps_its_time(klass: Klass,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ann, token = joined(klass, "Ann", RecentActions())
    klass.phase("reading")
    assert act(ann, "answer", "restart-03", prompt="opening-claim", text="  Mine.\r\n")["type"] == "ack"
    stored = klass.store.answers(klass.room.id)
    writes = counting(monkeypatch, klass, "save_answer")
    after = reconnect(klass, token, RecentActions())
    assert act(after, "answer", "restart-03", prompt="opening-claim", text="  Mine.\r\n")["type"] == "ack"
    assert writes == [] and klass.store.answers(klass.room.id) == stored


def test_the_memory_is_short_and_small(klass: Klass, monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    recent = RecentActions(clock=lambda: now[0])
    ann, token = joined(klass, "Ann", recent)
    klass.phase("pre-vote")
    poll = klass.poll("motion-main-pre", "open")
    writes = counting(monkeypatch, klass, "cast_vote")
    for n in range(PER_DEVICE + 1):
        assert act(ann, "vote", f"vote-{n:06d}", poll=poll, option="For")["type"] == "ack"
    assert len(writes) == PER_DEVICE + 1
    act(ann, "vote", "vote-000000", poll=poll, option="For")  # the oldest was forgotten: done again
    assert len(writes) == PER_DEVICE + 2
    act(ann, "vote", f"vote-{PER_DEVICE:06d}", poll=poll, option="For")  # still remembered
    assert len(writes) == PER_DEVICE + 2
    now[0] += recent_module.KEEP_SECONDS + 1
    act(reconnect(klass, token, recent), "vote", f"vote-{PER_DEVICE:06d}", poll=poll, option="For")
    assert len(writes) == PER_DEVICE + 3  # after the memory's time: a new action


@pytest.mark.parametrize("key", ["short", "x" * 65, "has space1", "ünïcödé-key", "semi;colon"])
def test_a_malformed_key_is_refused(key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_message({"type": "vote", "id": 1, "poll": 1, "option": "For", "key": key})
    assert caught.value.code == "message-field-type"
    with pytest.raises(InvalidInput):
        parse_message({"type": "vote", "id": 1, "poll": 1, "option": "For", "key": 12345678})
    with pytest.raises(InvalidInput) as caught:  # hello has no key
        parse_message({"type": "hello", "token": "t" * 20, "room": "", "key": "abcdefgh"})
    assert caught.value.code == "message-fields"
    assert parse_message({"type": "vote", "id": 1, "poll": 1, "option": "For"}).fields == {
        "poll": 1, "option": "For"}  # the key is optional


def test_the_notebook_widget_takes_keyed_actions_and_a_repeat_is_the_same_action(klass: Klass) -> None:
    widget = StudentWidget(klass.store, lambda _id: klass.lesson, code=klass.room.code)
    sent: list[dict[str, Any]] = []
    widget.send = lambda content, buffers=None: sent.append(content)  # type: ignore[method-assign]
    widget.receive({"type": "hello", "token": new_token(), "room": klass.room.code})
    join = {"type": "join", "id": 1, "key": "join-0001", "room": klass.room.code, "name": "Nia",
            "anonymous": False}
    assert widget.receive(join)["type"] == "ack"  # type: ignore[index]
    klass.phase("reading")
    answer = {"type": "answer", "id": 2, "key": "answer-001", "prompt": "opening-claim", "text": "Yes"}
    assert widget.receive(answer) == {"type": "ack", "id": 2, "message": "Answer saved."}
    assert widget.receive({**answer, "id": 3}) == {"type": "ack", "id": 3, "message": "Answer saved."}
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["Yes"] and len(sent) == 3


def test_a_vote_retried_after_a_restart_changes_nothing(klass: Klass) -> None:
    ann, token = joined(klass, "Ann", RecentActions())
    klass.phase("pre-vote")
    poll = klass.poll("motion-main-pre", "open")
    first = act(ann, "vote", "restart-04", poll=poll, option="Against")
    records = klass.store.vote_records(poll)
    after = reconnect(klass, token, RecentActions())
    assert act(after, "vote", "restart-04", poll=poll, option="Against") == {**first, "id": next(_ids) - 1}
    assert klass.store.vote_records(poll) == records  # no change counted, the same time
