"""The store's door, on SQLite and PostgreSQL: a size cap, a lock, and removing a participant."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.store import Store
from debate_kit.store.membership import DEFAULT_MAX_PEOPLE, ROOM_FULL, ROOM_LOCKED
from tests.store.helpers import classroom, token


def test_a_new_room_is_open_with_the_default_cap(store: Store) -> None:
    c = classroom(store)
    room = store.room_by_id(c.room.id)
    assert room.locked is False and room.max_people == DEFAULT_MAX_PEOPLE == 1000


def test_the_cap_refuses_newcomers_but_not_returning_devices(store: Store) -> None:
    c = classroom(store)  # Ann, Ben, Cy
    room = store.set_door(c.room.id, c.key, max_people=4)
    assert room.max_people == 4 and store.room_by_id(c.room.id).max_people == 4
    store.join(c.room.id, "Dee", token("Dee"))
    with pytest.raises(NotAllowed) as err:
        store.join(c.room.id, "Eve", token("Eve"))
    assert (err.value.code, err.value.message) == ("room-full", ROOM_FULL)
    assert store.join(c.room.id, "Ann", token("Ann")) == c.students[0]  # a reload still gets in
    store.set_door(c.room.id, c.key, max_people=2)  # below the number in: all stay, nobody new
    assert len(store.participants(c.room.id)) == 4
    store.set_door(c.room.id, c.key, max_people=5)
    assert store.join(c.room.id, "Eve", token("Eve")).name == "Eve"


def test_a_locked_room_lets_only_its_participants_back(store: Store) -> None:
    c = classroom(store)
    revision = store.revision(c.room.id)
    assert store.set_door(c.room.id, c.key, locked=True).locked
    assert store.revision(c.room.id) > revision  # the console and the pages redraw
    with pytest.raises(NotAllowed) as err:
        store.join(c.room.id, "Dee", token("Dee"))
    assert (err.value.code, err.value.message) == ("room-locked", ROOM_LOCKED)
    assert store.join(c.room.id, "Whatever", token("Ben")) == c.students[1]
    assert store.set_door(c.room.id, c.key, locked=False).locked is False
    assert store.join(c.room.id, "Dee", token("Dee")).name == "Dee"
    assert store.room_by_id(c.room.id).max_people == DEFAULT_MAX_PEOPLE  # the lock left the cap alone


@pytest.mark.parametrize(
    ("fields", "code"),
    [({"locked": "yes"}, "locked-invalid"), ({"max_people": 0}, "room-size-invalid"),
     ({"max_people": 5001}, "room-size-invalid"), ({"max_people": True}, "room-size-invalid"),
     ({"max_people": 30.5}, "room-size-invalid")],
    ids=["locked-text", "zero", "too-many", "bool", "float"],
)
def test_door_values_are_checked(store: Store, fields: dict[str, object], code: str) -> None:
    c = classroom(store)
    with pytest.raises(InvalidInput) as err:
        store.set_door(c.room.id, c.key, **fields)  # type: ignore[arg-type]
    assert err.value.code == code
    assert store.room_by_id(c.room.id).max_people == DEFAULT_MAX_PEOPLE


def test_only_the_teacher_sets_the_door_or_removes_anyone(store: Store) -> None:
    c = classroom(store)
    other = classroom(store)
    for attempt in (lambda: store.set_door(c.room.id, "guess", locked=True),
                    lambda: store.set_door(c.room.id, other.key, max_people=1),
                    lambda: store.remove_participant(c.room.id, None, c.students[0].id),
                    lambda: store.remove_participant(c.room.id, other.key, c.students[0].id)):
        with pytest.raises(NotAllowed, match="Only the teacher"):
            attempt()
    room = store.room_by_id(c.room.id)
    assert not room.locked and room.max_people == DEFAULT_MAX_PEOPLE
    assert len(store.participants(c.room.id)) == 3
    with pytest.raises(NotFound):  # a teacher removes only from their own room
        store.remove_participant(other.room.id, other.key, c.students[0].id)
    assert len(store.participants(c.room.id)) == 3


def test_removing_a_participant_takes_their_votes_answers_and_scores_out(store: Store) -> None:
    c = classroom(store)
    ann, ben, _cy = c.students
    pre, post = c.open_poll("motion-pre"), c.open_poll("motion-post")
    for poll in (pre, post):
        store.cast_vote(poll.id, ann.id, "For")
        store.cast_vote(poll.id, ben.id, "Against")
    store.cast_vote(pre.id, ann.id, "Against")  # a change of mind is still one vote
    store.save_answer(ann.id, "s1-claim", "A claim.")
    assert store.tally(pre.id)[1] == 2
    revision = store.revision(c.room.id)
    removed = store.remove_participant(c.room.id, c.key, ann.id)
    assert (removed.name, removed.votes, removed.answers, removed.scores) == ("Ann", 2, 1, 0)
    assert store.revision(c.room.id) > revision
    assert [p.name for p in store.participants(c.room.id)] == ["Ben", "Cy"]
    assert store.votes(pre.id) == {ben.id: "Against"} and store.votes(post.id) == {ben.id: "Against"}
    counts, total = store.tally(pre.id)
    assert total == 1 and {c.option: c.count for c in counts}["For"] == 0
    assert store.answers(c.room.id) == []
    with pytest.raises(NotAllowed):  # the old participant id can no longer vote
        store.cast_vote(pre.id, ann.id, "For")
    with pytest.raises(NotFound):
        store.remove_participant(c.room.id, c.key, ann.id)
    again = store.join(c.room.id, "Ann B", token("Ann"))  # the device may come back as someone new
    assert again.id != ann.id and store.votes(pre.id) == {ben.id: "Against"}


@pytest.mark.parametrize("pid", [0, -1, 2**63, "1", True, None], ids=str)
def test_a_bad_participant_id_is_refused(store: Store, pid: object) -> None:
    c = classroom(store)
    with pytest.raises(InvalidInput):
        store.remove_participant(c.room.id, c.key, pid)
    assert len(store.participants(c.room.id)) == 3
