"""Evidence cards and team decks (issue 19): the session's card actions and the pure card views."""

from __future__ import annotations

from typing import Any

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.store import Card, Room, Round, SeatRow
from debate_kit.student.card_actions import SAVED, UNKNOWN_REF
from debate_kit.student.cards import NO_DECK, cards_view
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import RoomSnapshot, read_snapshot
from tests.student.conftest import Klass, me, send

TEAMS = {"Ann": "proposition", "Ben": "proposition", "Cy": "opposition", "Dee": "opposition",
         "Eve": "judge"}


def card(**changes: str) -> dict[str, Any]:
    fields = {"claim": "The treaty was signed.", "claim_from": "integration", "evidence": "Signed in 1999",
              "outlet": "TASS", "date": "2024-01-06", "url": "https://tass.com/x", "source_ref": "treaty:1",
              "behind": "Russia's state news agency.", "others": "Reuters says the same.", "trust": "medium",
              "trust_reason": "State-run, but the date is checked.", "reasoning": "Signed, not done.",
              "helps": "both"}
    return {**fields, **changes}


def room_of(klass: Klass) -> dict[str, StudentSession]:
    people = {name: klass.student(name) for name in TEAMS}
    klass.phase("reading")
    return people


def publish(klass: Klass, people: dict[str, StudentSession]) -> None:
    locks = {str(me(people[n]).id): side for n, side in TEAMS.items()}
    ids = [str(me(s).id) for s in people.values()]
    round_ = klass.store.save_round(klass.room.id, klass.key, assign_sides(ids, SeatPlan(1, 2, 1), seed=2,
                                                                           locks=locks), PRESETS["classroom"])
    klass.store.publish_round(round_.id, klass.key)
    klass.phase("sides")


def test_a_student_saves_and_edits_a_card_and_sees_it(klass: Klass) -> None:
    people = room_of(klass)
    ann = people["Ann"]
    reply = send(ann, "card_new", card=card())
    assert reply["type"] == "ack" and reply["message"] == SAVED and isinstance(reply["card"], int)
    view = klass.view(ann)["cards"]
    assert view["open"] and [c["id"] for c in view["mine"]] == [reply["card"]]
    assert view["mine"][0]["link"] == "https://tass.com/x" and view["deck"] is None
    assert send(ann, "card_edit", card_id=reply["card"], card=card(trust="low"))["type"] == "ack"
    assert klass.view(ann)["cards"]["mine"][0]["fields"]["trust"] == "low"
    assert klass.view(people["Ben"])["cards"]["mine"] == []  # nobody else's cards while reading


def test_refusals_say_what_to_do_and_keep_nothing(klass: Klass) -> None:
    people = room_of(klass)
    ann, ben = people["Ann"], people["Ben"]
    cases = [
        ({"card": card(reasoning="")}, "card-incomplete", "Not saved yet: fill in how the evidence bears on "
                                                         "the claim."),
        ({"card": card(url="javascript:alert(1)")}, "card-link", "must start with http:// or https://"),
        ({"card": card(trust="total")}, "card-trust", "high, medium or low"),
        ({"card": card(claim_from="elsewhere")}, "card-ref", UNKNOWN_REF),
        ({"card": card(source_ref="treaty:9")}, "card-ref", UNKNOWN_REF),
        ({"card": {**card(), "author": "Ben"}}, "card-fields", "no part called author"),
        ({"card": card(evidence="x" * 601)}, "card-too-long", "Please shorten it"),
        ({"card": card(claim="é" * 600, evidence="é" * 600, reasoning="é" * 600, behind="é" * 400,
                       others="é" * 400)}, "card-too-big", "the limit is 4,000"),
        ({"card": "not a card"}, "message-field-type", "wrong type"),
    ]
    for fields, code, words in cases:
        reply = send(ann, "card_new", **fields)
        assert reply["type"] == "error" and reply["code"] == code and words in reply["message"], reply
    assert klass.store.cards(klass.room.id) == []
    saved = send(ann, "card_new", card=card())["card"]
    reply = send(ben, "card_edit", card_id=saved, card=card(claim="Ben's now"))
    assert reply["code"] == "card-not-yours" and "only its author" in reply["message"]
    assert send(ben, "card_delete", card_id=saved)["code"] == "card-not-yours"
    klass.phase("debate")
    reply = send(ann, "card_edit", card_id=saved, card=card(claim="Too late"))
    assert reply["code"] == "cards-closed"
    assert reply["message"].startswith("Cards can be made and changed only")
    assert klass.store.cards(klass.room.id)[0].fields["claim"] == card()["claim"]


def test_a_retried_new_card_is_saved_once(klass: Klass) -> None:
    ann = room_of(klass)["Ann"]
    message = {"type": "card_new", "id": 7, "key": "card-key-0001", "card": card()}
    first, again = ann.receive(message), ann.receive({**message, "id": 8})
    assert first is not None and again is not None and again["card"] == first["card"] and again["id"] == 8
    assert len(klass.store.cards(klass.room.id)) == 1


def test_team_decks_show_the_team_only(klass: Klass) -> None:
    people = room_of(klass)
    ann_card = send(people["Ann"], "card_new", card=card(helps="proposition"))["card"]
    cy_card = send(people["Cy"], "card_new", card=card(helps="opposition"))["card"]
    send(people["Eve"], "card_new", card=card())
    publish(klass, people)
    ben_deck = klass.view(people["Ben"])["cards"]["deck"]
    assert ben_deck["side"] == "proposition" and [c["id"] for c in ben_deck["cards"]] == [ann_card]
    assert ben_deck["cards"][0]["author"] == "Ann" and not ben_deck["cards"][0]["mine"]
    assert send(people["Ben"], "card_mark", card_id=ann_card, marked=True)["type"] == "ack"
    deck = klass.view(people["Ann"])["cards"]["deck"]
    first = deck["cards"][0]
    assert first["marked_by"] == ["Ben"] and not first["marked"] and first["mine"]
    opposition = klass.view(people["Dee"])
    assert [c["id"] for c in opposition["cards"]["deck"]["cards"]] == [cy_card]
    seen = opposition["cards"]["deck"]["cards"] + opposition["cards"]["mine"]
    assert ann_card not in {c["id"] for c in seen} and "'Ann'" not in str(opposition["cards"])
    reply = send(people["Dee"], "card_mark", card_id=ann_card, marked=True)
    assert reply["code"] == "card-not-team" and "your own team's cards" in reply["message"]
    judge = klass.view(people["Eve"])["cards"]
    assert judge["deck"]["text"] == NO_DECK and judge["deck"]["cards"] == [] and len(judge["mine"]) == 1


def test_cards_view_is_none_outside_the_card_phases(klass: Klass) -> None:
    people = room_of(klass)
    send(people["Ann"], "card_new", card=card())
    klass.phase("scoring")
    snap = read_snapshot(klass.store, klass.room.id)
    assert snap.cards == () and cards_view(snap, me(people["Ann"]).id) is None
    klass.phase("pre-vote")
    assert klass.view(people["Ann"])["cards"] is None


def test_pure_view_an_opposition_student_gets_no_proposition_card() -> None:
    room = Room(1, "K7QF", "Y11", "l", "sides", False, 1, "", 1, 5, ("clash",))
    round_ = Round(1, 1, 1, 0, "{}", True, "closed")
    seats = tuple(SeatRow(1, pid, role, 1, pos) for pid, role, pos in
                  ((1, "proposition", 1), (2, "proposition", 2), (3, "opposition", 1), (4, "opposition", 2)))
    cards = tuple(Card(cid, 1, pid, card(claim=f"secret {cid}"), "", "") for cid, pid in ((10, 1), (11, 3)))
    snap = RoomSnapshot(room, (), {}, {1: "Ann", 2: "Ben", 3: "Cy", 4: "Dee"}, round_, seats,
                        cards=cards, marks={10: (2,), 11: (4,)})
    dee = cards_view(snap, 4)
    assert dee is not None and dee["mine"] == [] and [c["id"] for c in dee["deck"]["cards"]] == [11]
    assert "secret 10" not in str(dee) and "Ben" not in str(dee)
    ben = cards_view(snap, 2)
    assert ben is not None and ben["deck"]["cards"][0]["marked"] and "secret 11" not in str(ben)
