"""Reflections on one's own swing in the store (issue 19, item 4), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.formats import PRESETS
from debate_kit.core.reflection import MAX_WHY
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.export import csv_text, room_tables
from debate_kit.store import Poll, Store
from tests.store.helpers import MOTION, Classroom, classroom
from tests.store.test_cards import TEAMS, card


def motion(c: Classroom) -> tuple[Poll, Poll]:
    pre = c.store.add_poll(c.room.id, c.key, "motion-m-pre", "Before: the motion", "motion", MOTION)
    post = c.store.add_poll(c.room.id, c.key, "motion-m-post", "After: the motion", "motion", MOTION)
    return pre, post


def debated(c: Classroom) -> tuple[Poll, Poll, dict[str, int]]:
    """Votes before (Ann Against, Ben For, Cy Undecided; Dee none), a round with Ann's card, votes after
    (Ann Undecided, Ben For, Cy Against, Dee For), the after-vote closed, the room in the results."""
    ids = {p.name: p.id for p in c.students}
    pre, post = motion(c)
    c.store.set_phase(c.room.id, c.key, "pre-vote", [(pre.id, "open")])
    for name, choice in (("Ann", "Against"), ("Ben", "For"), ("Cy", "Undecided")):
        c.store.cast_vote(pre.id, ids[name], choice)
    c.store.set_phase(c.room.id, c.key, "reading", [(pre.id, "closed")])
    ids["card"] = c.store.save_card(ids["Ann"], card(claim="Signed is not done."), None).id
    locks = {str(ids[n]): side for n, side in TEAMS.items()}
    assignment = assign_sides([str(ids[n]) for n in TEAMS], SeatPlan(1, 2, 0), seed=1, locks=locks)
    round_ = c.store.save_round(c.room.id, c.key, assignment, PRESETS["classroom"])
    c.store.publish_round(round_.id, c.key)
    ids["speech"] = c.store.speeches(round_.id)[0].id
    c.store.set_phase(c.room.id, c.key, "post-vote", [(post.id, "open")])
    for name, choice in (("Ann", "Undecided"), ("Ben", "For"), ("Cy", "Against"), ("Dee", "For")):
        c.store.cast_vote(post.id, ids[name], choice)
    return pre, post, ids


@pytest.fixture
def c(store: Store) -> Classroom:
    return classroom(store, ("Ann", "Ben", "Cy", "Dee"))


def test_a_reflection_is_kept_with_its_swing_and_replaced(c: Classroom) -> None:
    _pre, post, ids = debated(c)
    with pytest.raises(NotAllowed) as err:  # the after-vote is still open
        c.store.save_reflection(ids["Ann"], post.id, "The rebuttal.", "none")
    assert err.value.code == "reflection-closed" and "wait for your teacher" in err.value.message
    c.store.set_poll_state(post.id, c.key, "closed")  # still in the post-vote phase: allowed now
    revision = c.store.room_by_id(c.room.id).revision
    saved = c.store.save_reflection(ids["Ann"], post.id, "  The rebuttal on treaties.\u200b ",
                                    f"card:{ids['card']}")
    assert (saved.before, saved.after, saved.movement) == ("Against", "Undecided", "for")
    assert saved.why == "The rebuttal on treaties." and saved.mattered_label == "Card: Signed is not done."
    assert c.store.room_by_id(c.room.id).revision > revision  # in the change feed
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    again = c.store.save_reflection(ids["Ann"], post.id, "Changed my mind: the speech.",
                                    f"speech:{ids['speech']}")
    assert again.id == saved.id and again.mattered == f"speech:{ids['speech']}"
    assert again.mattered_label.startswith("Debate 1: ") and "(" not in again.mattered_label  # no name
    cy = c.store.save_reflection(ids["Cy"], post.id, "The numbers.", "none")
    assert cy.movement == "against" and cy.mattered_label == ""
    assert [(r.participant_id, r.why) for r in c.store.reflections(c.room.id)] == [
        (ids["Ann"], "Changed my mind: the speech."), (ids["Cy"], "The numbers.")]
    assert c.store.save_reflection(ids["Ben"], post.id, "Nothing new.", "none").movement == "stayed"


def test_only_students_who_voted_both_times(c: Classroom) -> None:
    _pre, post, ids = debated(c)
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    with pytest.raises(NotAllowed) as err:
        c.store.save_reflection(ids["Dee"], post.id, "I joined late.", "none")  # voted after only
    assert err.value.code == "reflection-no-votes" and "did not vote both times" in err.value.message
    assert c.store.reflections(c.room.id) == []


def test_bad_input_is_refused_and_nothing_is_kept(c: Classroom, store: Store) -> None:
    pre, post, ids = debated(c)
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    ann = ids["Ann"]
    cases = [
        (lambda: store.save_reflection(ann, post.id, "  ", "none"), InvalidInput, "reflection-empty"),
        (lambda: store.save_reflection(ann, post.id, "x" * (MAX_WHY + 1), "none"), InvalidInput,
         "reflection-too-long"),
        (lambda: store.save_reflection(ann, post.id, 5, "none"), InvalidInput, "reflection-type"),
        (lambda: store.save_reflection(ann, post.id, "ok", "card:abc"), InvalidInput, "reflection-pick"),
        (lambda: store.save_reflection(ann, post.id, "ok", "card:999999"), InvalidInput, "reflection-pick"),
        (lambda: store.save_reflection(ann, post.id, "ok", "speech:999999"), InvalidInput, "reflection-pick"),
        (lambda: store.save_reflection(ann, pre.id, "ok", "none"), NotFound, "reflection-poll"),
        (lambda: store.save_reflection(ann, 10**6, "ok", "none"), NotFound, "reflection-poll"),
    ]
    for attempt, kind, code in cases:
        with pytest.raises(kind) as err:
            attempt()
        assert err.value.code == code, (code, err.value.message)
    # Ann's own card may be picked by Ben (same team); not by Cy (the other side).
    store.save_reflection(ids["Ben"], post.id, "Ann's card.", f"card:{ids['card']}")
    with pytest.raises(InvalidInput) as err:
        store.save_reflection(ids["Cy"], post.id, "Their card.", f"card:{ids['card']}")
    assert err.value.code == "reflection-pick"
    assert [r.participant_id for r in store.reflections(c.room.id)] == [ids["Ben"]]


def test_another_rooms_ids_and_a_closed_room(c: Classroom, store: Store) -> None:
    _pre, post, ids = debated(c)
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    other = classroom(store, ("Zed",))
    o_pre, o_post = motion(other)
    zed = other.students[0].id
    for poll in (o_pre, o_post):
        store.set_poll_state(poll.id, other.key, "open")
        store.cast_vote(poll.id, zed, "For")
    store.set_phase(other.room.id, other.key, "results", [(o_pre.id, "revealed"), (o_post.id, "revealed")])
    with pytest.raises(NotFound):  # this room's after-vote, from another room's student
        store.save_reflection(other.students[0].id, post.id, "Mine.", "none")
    with pytest.raises(NotFound):
        store.save_reflection(ids["Ann"], o_post.id, "Theirs.", "none")
    with pytest.raises(InvalidInput):  # another room's speech is not on the list
        store.save_reflection(other.students[0].id, o_post.id, "x", f"speech:{ids['speech']}")
    store.set_closed(c.room.id, c.key, True)
    with pytest.raises(NotAllowed) as err:
        store.save_reflection(ids["Ann"], post.id, "Too late.", "none")
    assert err.value.code == "room-closed"
    assert store.reflections(c.room.id) == []


def test_before_the_post_vote_phase_is_refused(c: Classroom) -> None:
    _pre, post, ids = debated(c)
    c.store.set_poll_state(post.id, c.key, "closed")
    c.store.set_phase(c.room.id, c.key, "scoring")  # the teacher stepped back
    with pytest.raises(NotAllowed) as err:
        c.store.save_reflection(ids["Ann"], post.id, "Early.", "none")
    assert err.value.code == "reflection-closed"


def test_exported_guarded_and_deleted_with_the_room(c: Classroom, store: Store) -> None:
    _pre, post, ids = debated(c)
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    store.save_reflection(ids["Ann"], post.id, "=HYPERLINK(\"http://x\")", "none")
    header, rows = room_tables(store, c.room.id)["reflections"]
    assert {"participant_id", "before_choice", "after_choice", "movement", "why", "mattered"} <= set(header)
    text = csv_text(header, rows)
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    store.delete_room(c.room.id, c.key)
    with store._read() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM reflections")
        assert cur.fetchone()["n"] == 0


def test_a_removed_student_takes_their_reflection(c: Classroom, store: Store) -> None:
    _pre, post, ids = debated(c)
    c.store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    store.save_reflection(ids["Cy"], post.id, "Gone soon.", "none")
    store.remove_participant(c.room.id, c.key, ids["Cy"])
    assert store.reflections(c.room.id) == []


def test_a_student_names_only_the_speeches_of_their_own_debate(store: Store) -> None:
    c = classroom(store, ("Ann", "Ben", "Cy", "Dee", "Eve", "Fay"))
    ann = c.students[0].id
    pre, post = motion(c)
    for poll in (pre, post):
        store.set_poll_state(poll.id, c.key, "open")
        store.cast_vote(poll.id, ann, "For")
    ids = [str(p.id) for p in c.students]
    round_ = store.save_round(c.room.id, c.key, assign_sides(ids, SeatPlan(2, 1, 1), seed=3),
                              PRESETS["classroom"])
    store.publish_round(round_.id, c.key)
    store.set_phase(c.room.id, c.key, "results", [(post.id, "revealed")])
    mine = next(s.debate for s in store.seats(round_.id) if s.participant_id == ann)
    speeches = store.speeches(round_.id)
    other = next(s for s in speeches if s.debate != mine)
    with pytest.raises(InvalidInput) as err:
        store.save_reflection(ann, post.id, "The other debate.", f"speech:{other.id}")
    assert err.value.code == "reflection-pick"
    own = next(s for s in speeches if s.debate == mine)
    assert store.save_reflection(ann, post.id, "Mine.", f"speech:{own.id}").mattered == f"speech:{own.id}"
