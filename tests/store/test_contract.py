"""The store's contract, run on SQLite and on a real PostgreSQL server (see ``store_url``)."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.validation import JOIN_ALPHABET
from debate_kit.store import Store
from debate_kit.store.schema import EXPORT_TABLES
from tests.store.helpers import MOTION, classroom, token


def test_room_gets_unambiguous_code_and_a_hashed_teacher_key(store: Store) -> None:
    room, key = store.create_room("Period 3", "new-soviet-union")
    assert len(room.code) == 4 and set(room.code) <= set(JOIN_ALPHABET)
    assert store.room(room.code.lower()) == room
    assert store.is_teacher(room.id, key)
    assert not store.is_teacher(room.id, key + "x")
    with store._read() as cur:
        cur.execute("SELECT teacher_hash FROM rooms")
        assert key not in cur.fetchone()["teacher_hash"]


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [("QQQQ", NotFound, "no room QQQQ"), ("K0", InvalidInput, "not a room code"),
     (None, InvalidInput, "room code")],
    ids=["unknown", "malformed", "missing"],
)
def test_unknown_or_malformed_room_code(store: Store, code: object, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        store.room(code)


def test_same_device_token_is_the_same_participant(store: Store) -> None:
    c = classroom(store)
    again = store.join(c.room.id, "Someone else", token("Ann"))
    assert again == c.students[0]
    assert len(store.participants(c.room.id)) == 3


@pytest.mark.parametrize(
    ("name", "code"),
    [("x" * 61, "name-too-long"), ("", "name-empty"), ("Ann\x07", "name-control"),
     ("ann", "name-taken"), (42, "name-type")],
    ids=["61-chars", "empty", "control-char", "taken", "not-text"],
)
def test_bad_names_are_refused_and_nothing_is_kept(store: Store, name: object, code: str) -> None:
    c = classroom(store)
    with pytest.raises(InvalidInput) as err:
        store.join(c.room.id, name, token("new"))
    assert err.value.code == code
    assert len(store.participants(c.room.id)) == 3


def test_name_of_sixty_characters_is_fine(store: Store) -> None:
    c = classroom(store)
    assert store.join(c.room.id, "y" * 60, token("long")).name == "y" * 60


def test_closed_room_refuses_new_participants_but_not_returning_ones(store: Store) -> None:
    c = classroom(store)
    store.set_closed(c.room.id, c.key, True)
    with pytest.raises(NotAllowed, match="closed"):
        store.join(c.room.id, "Dee", token("Dee"))
    assert store.join(c.room.id, "Ann", token("Ann")) == c.students[0]


def test_wrong_teacher_key_changes_nothing(store: Store) -> None:
    c = classroom(store)
    poll = c.open_poll()
    for attempt in (
        lambda: store.set_phase(c.room.id, "guess", "results"),
        lambda: store.set_phase(c.room.id, None, "results"),
        lambda: store.set_poll_state(poll.id, "guess", "revealed"),
        lambda: store.add_poll(c.room.id, "guess", "p2", "Q?", "choice", ("a", "b")),
        lambda: store.set_closed(c.room.id, "guess", True),
        lambda: store.delete_room(c.room.id, "guess"),
    ):
        with pytest.raises(NotAllowed, match="Only the teacher"):
            attempt()
    room = store.room_by_id(c.room.id)
    assert (room.phase, room.closed) == ("join", False)
    assert store.poll(poll.id).state == "open"
    assert len(store.polls(c.room.id)) == 1


def test_teacher_moves_the_class_through_phases(store: Store) -> None:
    c = classroom(store)
    store.set_phase(c.room.id, c.key, "reading")
    assert store.room_by_id(c.room.id).phase == "reading"
    with pytest.raises(InvalidInput, match="Unknown phase"):
        store.set_phase(c.room.id, c.key, "party")


def test_latest_vote_counts_with_the_first_choice_and_the_number_of_changes(store: Store) -> None:
    c = classroom(store)
    poll = c.open_poll()
    ann, ben, _ = c.students
    for choice in ("For", "Against", "Undecided"):
        store.cast_vote(poll.id, ann.id, choice)
    store.cast_vote(poll.id, ben.id, "For")
    store.cast_vote(poll.id, ben.id, "For")  # the same choice again is not a change
    assert store.votes(poll.id) == {ann.id: "Undecided", ben.id: "For"}
    assert [(v.participant_id, v.choice, v.first_choice, v.changes) for v in store.vote_records(poll.id)] == [
        (ann.id, "Undecided", "For", 2), (ben.id, "For", "For", 0),
    ]
    counts, total = store.tally(poll.id)
    assert total == 2
    assert {o.option: o.count for o in counts} == {"For": 1, "Against": 0, "Undecided": 1}


def test_a_flood_of_vote_changes_keeps_one_row_per_voter(store: Store) -> None:
    c = classroom(store)
    poll = c.open_poll()
    ann = c.students[0]
    revision = store.revision(c.room.id)
    for i in range(300):
        store.cast_vote(poll.id, ann.id, ("For", "Against")[i % 2])
    store.cast_vote(poll.id, ann.id, "Against")  # unchanged: no write, nobody woken
    assert store.revision(c.room.id) == revision + 300
    with store._read() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM votes")
        assert cur.fetchone()["n"] == 1, "the store stays bounded however often a phone votes"
    [vote] = store.vote_records(poll.id)
    assert (vote.choice, vote.first_choice, vote.changes) == ("Against", "For", 299)


@pytest.mark.parametrize("poll_id", [2**63, 2**64 + 5, -1, True, "1"], ids=repr)
def test_ids_out_of_a_database_integer_are_refused_with_a_message(store: Store, poll_id: object) -> None:
    c = classroom(store)
    with pytest.raises(InvalidInput, match="no such poll") as err:
        store.cast_vote(poll_id, c.students[0].id, "For")  # type: ignore[arg-type]
    assert err.value.code == "poll-unknown"
    with pytest.raises(InvalidInput, match="no such poll"):
        store.poll(poll_id)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="no such speech"):
        store.submit_score(poll_id, c.students[0].id, {"clash": 3})  # type: ignore[arg-type]


@pytest.mark.parametrize("state", ["draft", "closed", "revealed"])
def test_vote_on_a_poll_that_is_not_open_is_refused(store: Store, state: str) -> None:
    c = classroom(store)
    poll = store.add_poll(c.room.id, c.key, "motion-pre", "Q?", "motion", MOTION)
    if state != "draft":
        store.set_poll_state(poll.id, c.key, state)
    with pytest.raises(NotAllowed, match="not open"):
        store.cast_vote(poll.id, c.students[0].id, "For")
    assert store.vote_records(poll.id) == []


@pytest.mark.parametrize("choice", ["Maybe", "", None, 0, "for"], ids=repr)
def test_option_not_in_the_poll_is_refused(store: Store, choice: object) -> None:
    c = classroom(store)
    poll = c.open_poll()
    with pytest.raises(InvalidInput, match="not one of this poll's options"):
        store.cast_vote(poll.id, c.students[0].id, choice)
    assert store.vote_records(poll.id) == []


def test_participant_of_another_room_cannot_vote(store: Store) -> None:
    c = classroom(store)
    other = classroom(store, ("Zed",))
    poll = c.open_poll()
    with pytest.raises(NotAllowed, match="not a member"):
        store.cast_vote(poll.id, other.students[0].id, "For")
    assert store.vote_records(poll.id) == []


def test_poll_options_are_checked(store: Store) -> None:
    c = classroom(store)
    with pytest.raises(InvalidInput, match="2 to 12"):
        store.add_poll(c.room.id, c.key, "p", "Q?", "choice", ("only one",))
    with pytest.raises(InvalidInput, match="2 to 12"):
        store.add_poll(c.room.id, c.key, "p", "Q?", "choice", ("a", "a"))
    assert store.polls(c.room.id) == []


def test_answers_are_kept_replaced_and_checked(store: Store) -> None:
    c = classroom(store)
    ann = c.students[0]
    store.save_answer(ann.id, "opening-claim", "It claims history repeats.")
    store.save_answer(ann.id, "opening-claim", "It claims history repeats, without evidence.")
    assert [a.text for a in store.answers(c.room.id)] == [
        "It claims history repeats, without evidence."
    ]
    store.save_answer(ann.id, "opening-claim", "x" * 5000)
    with pytest.raises(InvalidInput, match="limit is 5,000"):
        store.save_answer(ann.id, "opening-claim", "x" * 5001)
    with pytest.raises(InvalidInput, match="control characters"):
        store.save_answer(ann.id, "opening-claim", "bad\x00byte")
    assert store.answers(c.room.id)[0].text == "x" * 5000


def test_answers_of_one_participant_or_one_prompt(store: Store) -> None:
    c = classroom(store)
    ann, ben = c.students[0], c.students[1]
    store.save_answer(ann.id, "opening-claim", "Ann's claim")
    store.save_answer(ann.id, "word-choice", "Ann's words")
    store.save_answer(ben.id, "opening-claim", "Ben's claim")
    mine = store.answers(c.room.id, participant_id=ann.id)
    assert sorted(a.text for a in mine) == ["Ann's claim", "Ann's words"]
    bens = store.answers(c.room.id, "opening-claim", participant_id=ben.id)
    assert [a.text for a in bens] == ["Ben's claim"]
    assert len(store.answers(c.room.id, "opening-claim")) == 2
    other = classroom(store, ("Zed",))
    assert store.answers(other.room.id, participant_id=ann.id) == []  # another room's: none


def test_revision_moves_on_each_change_and_the_feed_sees_it(store: Store) -> None:
    c = classroom(store)
    other = classroom(store, ("Zed",))
    feed = store.feed(c.room.id)
    try:
        assert not feed.changed()
        store.set_phase(other.room.id, other.key, "reading")
        assert not feed.changed(), "a change in another room is not a change here"
        store.set_phase(c.room.id, c.key, "reading")
        assert feed.wait(2.0)
        assert not feed.changed()
    finally:
        feed.close()


def test_export_writes_one_csv_per_table_without_secrets(store: Store, tmp_path) -> None:
    c = classroom(store)
    poll = c.open_poll()
    store.cast_vote(poll.id, c.students[0].id, "For")
    from debate_kit.export import write_csv

    files = write_csv(store, c.room.id, tmp_path / "export")
    names = {f.stem for f in files}
    assert names == set(EXPORT_TABLES) >= {"rooms", "participants", "polls", "votes", "rounds", "seats",
                                            "speeches", "scores", "answers", "cards", "card_marks",
                                            "reflections"}
    text = {f.stem: f.read_text() for f in files}
    assert text["votes"].splitlines()[0] == "id,poll_id,participant_id,choice,cast_at,first_choice,changes"
    assert len(text["votes"].splitlines()) == 2
    assert text["seats"].splitlines() == ["round_id,participant_id,role,debate,speaker"]
    assert "hash" not in text["rooms"] + text["participants"]
    assert c.key not in "".join(text.values())


def test_delete_room_removes_all_its_data(store: Store) -> None:
    c = classroom(store)
    keep = classroom(store, ("Zed",))
    poll = c.open_poll()
    store.cast_vote(poll.id, c.students[0].id, "For")
    store.save_answer(c.students[0].id, "p1", "text")
    store.delete_room(c.room.id, c.key)
    with pytest.raises(NotFound):
        store.room_by_id(c.room.id)
    with store._read() as cur:
        for table in ("participants", "polls", "votes", "answers"):
            cur.execute(f"SELECT COUNT(*) AS n FROM {table}")
            assert cur.fetchone()["n"] == (1 if table == "participants" else 0), table
    assert store.participants(keep.room.id)[0].name == "Zed"
