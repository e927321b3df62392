"""Cards cited in speeches over the light page's websocket, against a real server (issue 19 item 3)."""

from __future__ import annotations

from typing import Any

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.helpers import Classroom
from tests.server.test_cards_protocol import CARD
from tests.server.test_protocol import joined


def clock(room: Classroom, label: str) -> None:
    with room.store() as store:
        store.set_speech(room.room_id, room.key, label=label, speaker="", seconds=180, running=False,
                         left=180.0)


def test_card_tag_valid_refused_and_after_the_phase(server: Any) -> None:
    room, other = Classroom(server), Classroom(server, "Another class")
    ana, bo, cy, eve = (joined(server, room, n) for n in ("Ana", "Bo", "Cy", "Eve"))
    room.set(phase="reading")
    ana_card = ana.act("card_new", card={**CARD, "claim": "The first speaker's claim."})["card"]
    cy_card = cy.act("card_new", card=CARD)["card"]
    zed = joined(server, other, "Zed")
    other.set(phase="reading")
    zed_card = zed.act("card_new", card=CARD)["card"]
    with room.store() as store:
        ids = {p.name: p.id for p in store.participants(room.room_id)}
        locks = {str(ids["Ana"]): "proposition", str(ids["Bo"]): "proposition", str(ids["Cy"]): "opposition",
                 str(ids["Eve"]): "judge"}
        assignment = assign_sides([str(i) for i in ids.values()], SeatPlan(1, 2, 1), seed=1, locks=locks)
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        seats = {s.participant_id: s for s in store.seats(round_.id)}
    room.set(phase="sides")
    early = ana.act("card_tag", card_id=ana_card, speech="1st proposition", tagged=True)
    assert early["code"] == "tag-closed" and "during the debate only" in early["message"]
    room.set(phase="debate")
    clock(room, "1st proposition")
    first, second = (ana, bo) if seats[ids["Ana"]].speaker == 1 else (bo, ana)
    view = first.wait_view(lambda v: v["cards"] and v["cards"]["tagging"])
    assert view["cards"]["tagging"]["speeches"][0]["speech"] == "1st proposition"

    ok = first.act("card_tag", card_id=ana_card, speech="1st proposition", tagged=True)
    assert ok["type"] == "ack" and ok["card"] == ana_card
    tags = lambda v: (v["cards"]["tagging"] or {"speeches": [{}]})["speeches"][0].get("tagged")  # noqa: E731
    first.wait_view(lambda v: tags(v) == [ana_card])
    refusals = [
        (second, {"card_id": ana_card, "speech": "1st proposition", "tagged": True}, "tag-not-speaker"),
        (eve, {"card_id": ana_card, "speech": "1st proposition", "tagged": True}, "tag-not-speaker"),
        (first, {"card_id": cy_card, "speech": "1st proposition", "tagged": True}, "card-not-team"),
        (first, {"card_id": zed_card, "speech": "1st proposition", "tagged": True}, "card-unknown"),
        (first, {"card_id": ana_card, "speech": "Proposition rebuttal", "tagged": True}, "tag-window"),
        (first, {"card_id": ana_card, "speech": "5th proposition", "tagged": True}, "tag-speech-unknown"),
        (first, {"card_id": ana_card, "speech": "1st proposition", "tagged": "yes"}, "message-field-type"),
        (first, {"card_id": ana_card, "speech": "1st proposition"}, "message-fields"),
        (cy, {"card_id": ana_card, "speech": "1st proposition", "tagged": True}, "tag-not-speaker"),
        (zed, {"card_id": ana_card, "speech": "1st proposition", "tagged": True}, "tag-closed"),
    ]
    for who, fields, code in refusals:
        answer = who.act("card_tag", **fields)
        assert answer["type"] == "error" and answer["code"] == code and answer["message"], (fields, answer)
    assert "The first speaker's claim." not in str(cy.wait_view(lambda v: True))  # not the other side's
    clock(room, "2nd proposition")
    late = first.act("card_tag", card_id=ana_card, speech="1st proposition", tagged=False)
    assert late["code"] == "tag-window" and "has ended" in late["message"]
    room.set(phase="scoring")
    after = second.act("card_tag", card_id=ana_card, speech="2nd proposition", tagged=True)
    assert after["code"] == "tag-closed"
    with room.store() as store:
        cited = [(t.slot, t.card_id) for t in store.speech_cards(room.room_id)]
        assert cited == [("1st proposition", ana_card)]
        store.set_scoring(round_.id, room.key, True)
    judged = eve.wait_view(lambda v: v["scoring"] and v["scoring"]["open"])
    prop = next(s for s in judged["scoring"]["speeches"] if "Proposition" in s["label"])
    assert [c["id"] for c in prop["cards"]] == [ana_card] and "author" not in prop["cards"][0]
