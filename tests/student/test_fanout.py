"""Views shared by many students (debate_kit/student/fanout.py): the same text as each session's own view,
built once per snapshot, and nothing made for a student whose inputs did not change."""

from __future__ import annotations

from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import DEFAULT_PLAN, assign_sides
from debate_kit.student.fanout import SHARED_PHASES, SnapshotViews, encode
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import read_snapshot
from tests.student.conftest import Klass, me, new_token, send

MAIN_PRE, MAIN_POST = "motion-main-pre", "motion-main-post"


def same_as_sessions(klass: Klass, sessions: list[StudentSession]) -> SnapshotViews:
    """Every session's text from a SnapshotViews equals the encoding of its own view of the snapshot."""
    views = SnapshotViews(read_snapshot(klass.store, klass.room.id))
    for session in sessions:
        _key, text = views.render(session)
        assert text == encode(session.view(views.snap)), session.participant
    return views


@pytest.fixture
def students(klass: Klass) -> list[StudentSession]:
    waiting = klass.session()  # said hello with the room's code, not joined
    assert waiting.receive({"type": "hello", "token": new_token(), "room": klass.room.code}) is None
    return [klass.student("Ann"), klass.student("Ben <b>"), klass.student("Cy"), waiting]


@pytest.mark.parametrize("phase", ["join", "pre-vote", "reading", "post-vote", "sides", "debate", "scoring",
                                   "results"])
def test_every_phase_gives_each_student_their_own_view(klass: Klass, students: list[StudentSession],
                                                       phase: str) -> None:
    ann, ben, cy, _waiting = students
    pre = klass.poll(MAIN_PRE, "open")
    send(ann, "vote", poll=pre, option="For")
    send(ben, "vote", poll=pre, option="Against")
    klass.poll(MAIN_PRE, "revealed")
    post = klass.poll(MAIN_POST, "open")
    send(ann, "vote", poll=post, option="Against")
    klass.phase("reading")
    send(cy, "answer", prompt="opening-claim", text="Cy's answer")
    ids = [str(me(s).id) for s in students[:3]]
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(ids, DEFAULT_PLAN, seed=3),
                                    PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    klass.phase(phase)
    views = same_as_sessions(klass, students)
    shared = phase in SHARED_PHASES and views.shared() is not None  # (a field it does not know: not)
    assert (views.render(ann)[0] is not None) == shared  # a key only where the view is shared
    klass.store.set_closed(klass.room.id, klass.key, True)
    same_as_sessions(klass, students)


def test_an_unchanged_student_costs_no_view_and_a_changed_one_gets_theirs(
        klass: Klass, students: list[StudentSession]) -> None:
    ann, ben, cy, waiting = students
    klass.phase("pre-vote")
    pre = klass.poll(MAIN_PRE, "open")
    first = same_as_sessions(klass, students)
    keys = {id(s): first.render(s)[0] for s in (ann, ben, cy)}
    send(ben, "vote", poll=pre, option="For")  # a new snapshot: only Ben's view changed
    again = same_as_sessions(klass, students)
    assert again.render(ann, keys[id(ann)]) == (keys[id(ann)], None)
    assert again.render(cy, keys[id(cy)])[1] is None
    key, text = again.render(ben, keys[id(ben)])
    assert key != keys[id(ben)] and text is not None and '"mine":"For"' in text
    klass.poll(MAIN_PRE, "revealed")  # the shared part changed: everyone gets a new view
    revealed = same_as_sessions(klass, students)
    assert all(revealed.render(s, keys[id(s)])[1] is not None for s in (ann, cy))
    assert revealed.render(waiting)[0] is None  # not joined: the join form, shared by its code


def test_answers_are_part_of_the_reading_view(klass: Klass, students: list[StudentSession]) -> None:
    ann = students[0]
    klass.phase("reading")
    views = same_as_sessions(klass, students)
    key, _text = views.render(ann)
    send(ann, "answer", prompt="opening-claim", text="Mine")
    key2, text = views.render(ann, key)  # the same snapshot: only her answers changed
    assert text is not None and '"opening-claim":"Mine"' in text and (key is None or key2 != key)


def test_a_field_it_does_not_know_makes_every_view_built_in_full(
        klass: Klass, students: list[StudentSession], monkeypatch: pytest.MonkeyPatch) -> None:
    import debate_kit.student.fanout as fanout
    import debate_kit.student.session as session_module

    plain = fanout.student_view

    def with_own_field(snap: Any, me: Any, **kwargs: Any) -> dict[str, Any]:
        return {**plain(snap, me, **kwargs), "own": {"id": me.id}}  # a personal field added later

    monkeypatch.setattr(fanout, "student_view", with_own_field)
    monkeypatch.setattr(session_module, "student_view", with_own_field)
    klass.phase("pre-vote")
    views = same_as_sessions(klass, students)
    assert views.render(students[0])[0] is None  # not shared: no key, the whole view each time


def test_reading_with_cards_is_shared_and_each_student_gets_their_own_cards(
        klass: Klass, students: list[StudentSession]) -> None:
    from tests.student.test_cards import card

    ann, ben, cy, _waiting = students
    klass.phase("reading")
    assert send(ann, "card_new", card=card())["type"] == "ack"
    first = same_as_sessions(klass, students)
    assert first.shared() is not None, "reading with cards is still one shared view"
    keys = {id(s): first.render(s)[0] for s in (ann, ben, cy)}
    assert all(k is not None for k in keys.values())
    assert send(ben, "card_new", card=card(claim="Ben's claim"))["type"] == "ack"
    again = same_as_sessions(klass, students)  # Ben's card: only Ben's view changed
    assert again.render(ann, keys[id(ann)]) == (keys[id(ann)], None)
    assert again.render(cy, keys[id(cy)])[1] is None
    _key, text = again.render(ben, keys[id(ben)])
    assert text is not None and "Ben's claim" in text
    assert "Ben's claim" not in (again.render(ann)[1] or "")
