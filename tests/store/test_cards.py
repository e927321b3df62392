"""Evidence cards in the store (issue 19), on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from typing import Any

import pytest

from debate_kit.core.cards import MAX_CARDS
from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.export import room_tables
from debate_kit.store import Store
from tests.store.helpers import Classroom, classroom


def card(**changes: str) -> dict[str, Any]:
    fields = {"claim": "The Union State is a new USSR.", "evidence": "28 union programmes signed in 2021",
              "outlet": "Reuters", "date": "2021-11-04", "url": "https://www.reuters.com/x",
              "behind": "A news agency owned by Thomson Reuters.", "others": "BBC reports the same.",
              "trust": "high", "trust_reason": "Other outlets cite it for facts.",
              "reasoning": "Signed is not implemented.", "helps": "opposition"}
    return {**fields, **changes}


def sides(c: Classroom, names: dict[str, str]) -> None:
    """Publish a round: Ann and Ben proposition, Cy and Dee opposition (by ``names``: name -> side)."""
    by_name = {p.name: str(p.id) for p in c.students}
    locks = {by_name[n]: side for n, side in names.items()}
    assignment = assign_sides(list(by_name.values()), SeatPlan(1, 2, 0), seed=1, locks=locks)
    round_ = c.store.save_round(c.room.id, c.key, assignment, PRESETS["classroom"])
    c.store.publish_round(round_.id, c.key)
    c.store.set_phase(c.room.id, c.key, "sides")


TEAMS = {"Ann": "proposition", "Ben": "proposition", "Cy": "opposition", "Dee": "opposition"}


@pytest.fixture
def c(store: Store) -> Classroom:
    made = classroom(store, ("Ann", "Ben", "Cy", "Dee"))
    store.set_phase(made.room.id, made.key, "reading")
    return made


def test_a_card_is_saved_edited_and_moves_the_revision(c: Classroom) -> None:
    ann = c.students[0]
    before = c.store.room_by_id(c.room.id).revision
    saved = c.store.save_card(ann.id, card())
    assert saved.fields["outlet"] == "Reuters" and saved.participant_id == ann.id
    assert c.store.room_by_id(c.room.id).revision > before  # in the change feed
    edited = c.store.save_card(ann.id, card(trust="low"), saved.id)
    assert edited.id == saved.id and [x.fields["trust"] for x in c.store.cards(c.room.id)] == ["low"]


def test_only_the_author_edits_or_deletes(c: Classroom) -> None:
    ann, ben = c.students[:2]
    saved = c.store.save_card(ann.id, card())
    with pytest.raises(NotAllowed) as err:
        c.store.save_card(ben.id, card(claim="Mine now"), saved.id)
    assert err.value.code == "card-not-yours"
    with pytest.raises(NotAllowed):
        c.store.delete_card(ben.id, saved.id)
    with pytest.raises(NotFound):
        c.store.save_card(ann.id, card(), saved.id + 100)
    assert c.store.cards(c.room.id)[0].fields["claim"] == card()["claim"]


def test_an_incomplete_card_is_not_kept_and_says_what_is_missing(c: Classroom) -> None:
    with pytest.raises(InvalidInput) as err:
        c.store.save_card(c.students[0].id, card(others="", trust_reason=" "))
    assert err.value.code == "card-incomplete"
    assert err.value.message == ("Not saved yet: fill in what other sources say and a reason for the trust "
                                 "rating.")
    assert c.store.cards(c.room.id) == []


def test_cards_only_while_editing_is_open(c: Classroom) -> None:
    ann = c.students[0]
    saved = c.store.save_card(ann.id, card())
    c.store.set_phase(c.room.id, c.key, "debate")
    for attempt in (lambda: c.store.save_card(ann.id, card()), lambda: c.store.delete_card(ann.id, saved.id),
                    lambda: c.store.save_card(ann.id, card(claim="x"), saved.id)):
        with pytest.raises(NotAllowed) as err:
            attempt()
        assert err.value.code == "cards-closed" and "debate has started" in err.value.message
    c.store.set_phase(c.room.id, c.key, "pre-vote")
    with pytest.raises(NotAllowed, match="open with the reading"):
        c.store.save_card(ann.id, card())
    assert len(c.store.cards(c.room.id)) == 1


def test_at_most_fifty_cards_each(c: Classroom) -> None:
    ann, ben = c.students[:2]
    for i in range(MAX_CARDS):
        c.store.save_card(ann.id, card(claim=f"claim {i}"))
    with pytest.raises(NotAllowed) as err:
        c.store.save_card(ann.id, card())
    assert err.value.code == "card-limit" and "Delete one first" in err.value.message
    c.store.save_card(ben.id, card())  # the limit is per student
    assert len(c.store.cards(c.room.id)) == MAX_CARDS + 1


def test_teammates_mark_cards_the_other_side_cannot(c: Classroom) -> None:
    ann, ben, cy, _dee = c.students
    saved = c.store.save_card(ann.id, card())
    with pytest.raises(NotAllowed) as err:  # still reading: no decks yet
        c.store.mark_card(ben.id, saved.id, True)
    assert err.value.code == "mark-closed"
    sides(c, TEAMS)
    c.store.mark_card(ben.id, saved.id, True)
    c.store.mark_card(ben.id, saved.id, True)  # twice: one mark
    c.store.mark_card(ann.id, saved.id, True)
    assert c.store.card_marks(c.room.id) == {saved.id: (ann.id, ben.id)}
    with pytest.raises(NotAllowed) as err:
        c.store.mark_card(cy.id, saved.id, True)
    assert err.value.code == "card-not-team"
    c.store.mark_card(ben.id, saved.id, False)
    assert c.store.card_marks(c.room.id) == {saved.id: (ann.id,)}


def test_another_rooms_card_is_unknown(c: Classroom, store: Store) -> None:
    saved = c.store.save_card(c.students[0].id, card())
    other = classroom(store, ("Zoe",))
    store.set_phase(other.room.id, other.key, "sides")
    with pytest.raises(NotFound):
        store.mark_card(other.students[0].id, saved.id, True)
    with pytest.raises(NotAllowed):
        store.save_card(other.students[0].id, card(), saved.id)


def test_cards_are_exported_guarded_and_deleted_with_the_room(c: Classroom) -> None:
    ann, ben = c.students[:2]
    saved = c.store.save_card(ann.id, card(claim="=HYPERLINK(\"http://evil\")"))
    sides(c, TEAMS)
    c.store.mark_card(ben.id, saved.id, True)
    tables = room_tables(c.store, c.room.id)
    header, rows = tables["cards"]
    assert "claim" in header and "trust_reason" in header and len(rows) == 1
    assert tables["card_marks"][1] == [[saved.id, ben.id, rows and tables["card_marks"][1][0][2]]]
    from debate_kit.export import csv_text
    assert "'=HYPERLINK" in csv_text(header, rows)  # the spreadsheet guard
    c.store.delete_room(c.room.id, c.key)
    with c.store._read() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM cards")
        assert int(cur.fetchone()["n"]) == 0
        cur.execute("SELECT COUNT(*) AS n FROM card_marks")
        assert int(cur.fetchone()["n"]) == 0
