"""Evidence cards over the light page's websocket, against a real server (issue 19)."""

from __future__ import annotations

from typing import Any

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.helpers import Classroom
from tests.server.test_protocol import joined

CARD = {"claim": "Russia and Belarus are forming a new Soviet Union.", "evidence": "28 union programmes",
        "outlet": "Reuters", "date": "2021-11-04", "url": "https://www.reuters.com/world/",
        "behind": "A news agency.", "others": "The BBC reports the same number.", "trust": "high",
        "trust_reason": "Others cite it.", "reasoning": "Programmes signed are not a state.",
        "helps": "opposition"}


def test_cards_and_team_decks_over_the_socket(server: Any) -> None:
    room, other = Classroom(server), Classroom(server, "Another class")
    ana, bo, cy = (joined(server, room, n) for n in ("Ana", "Bo", "Cy"))
    early = ana.act("card_new", card=CARD)
    assert early["type"] == "error" and early["code"] == "cards-closed" and "wait for your teacher" in \
        early["message"]
    room.set(phase="reading")
    saved = ana.act("card_new", card=CARD)
    assert saved["type"] == "ack" and saved["message"].startswith("Card saved.")
    view = ana.wait_view(lambda v: v["cards"] and v["cards"]["mine"])
    assert view["cards"]["mine"][0]["id"] == saved["card"] and view["cards"]["open"]

    for fields, code in (({**CARD, "outlet": ""}, "card-incomplete"),
                         ({**CARD, "url": "data:text/html,hi"}, "card-link"),
                         ({**CARD, "claim_from": "no-such-section"}, "card-ref")):
        answer = ana.act("card_new", card=fields)
        assert answer["type"] == "error" and answer["code"] == code, answer
    assert bo.act("card_edit", card_id=saved["card"], card=CARD)["code"] == "card-not-yours"
    zed = joined(server, other, "Zed")
    other.set(phase="reading")
    assert zed.act("card_delete", card_id=saved["card"])["code"] == "card-not-yours"  # another room's id
    assert zed.act("card_mark", card_id=saved["card"], marked=True)["code"] == "mark-closed"

    with room.store() as store:
        ids = {p.name: p.id for p in store.participants(room.room_id)}
        locks = {str(ids["Ana"]): "proposition", str(ids["Bo"]): "proposition", str(ids["Cy"]): "opposition"}
        assignment = assign_sides([str(i) for i in ids.values()], SeatPlan(1, 2, 0), seed=1, locks=locks)
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        store.set_phase(room.room_id, room.key, "sides")
    deck = bo.wait_view(lambda v: v["cards"] and v["cards"]["deck"] and v["cards"]["deck"]["cards"])
    assert deck["cards"]["deck"]["cards"][0]["author"] == "Ana"
    assert bo.act("card_mark", card_id=saved["card"], marked=True)["type"] == "ack"
    deck_of = lambda v: (v["cards"] or {}).get("deck") or {"cards": [{}]}  # noqa: E731
    ana.wait_view(lambda v: deck_of(v)["cards"][0].get("marked_by") == ["Bo"])
    opposition = cy.wait_view(lambda v: v["cards"] and v["cards"]["deck"] is not None)
    assert opposition["cards"]["deck"]["cards"] == [] and CARD["claim"] not in str(opposition)
    assert cy.act("card_mark", card_id=saved["card"], marked=True)["code"] == "card-not-team"

    room.set(phase="debate")
    late = ana.act("card_edit", card_id=saved["card"], card={**CARD, "trust": "low"})
    assert late["code"] == "cards-closed" and "debate has started" in late["message"]
    with room.store() as store:
        assert [c.fields["trust"] for c in store.cards(room.room_id)] == ["high"]
