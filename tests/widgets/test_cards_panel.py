"""The console's Cards tab (issue 19 item 3): cards per team and student with "cited" shown, one card on
the class screen without its author, and a tag for a speaker without a phone; typed text stays text."""

from __future__ import annotations

import json

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from debate_kit.projector.card_view import SHOWN_CHARS, shorten, shown_card_view
from debate_kit.store import Card
from debate_kit.widgets.cards_panel import CardsPanel
from tests.store.test_cards import card
from tests.widgets.browser import click, custom, update
from tests.widgets.conftest import Class, show_private

HOSTILE = "<script>alert('x')</script> Signed & not done"


def debate_class(klass: Class) -> dict[str, int]:
    for name in ("Ann", "Ben", "Cy", "Dee"):
        klass.student(name)
    store, room, key = klass.store, klass.room, klass.key
    store.set_phase(room.id, key, "reading")
    made = {n: store.save_card(klass.pid(n), card(claim=f"{n}: {HOSTILE}")).id for n in ("Ann", "Cy")}
    locks = {str(klass.pid("Ann")): "proposition", str(klass.pid("Ben")): "proposition",
             str(klass.pid("Cy")): "opposition", str(klass.pid("Dee")): "opposition"}
    ids = [str(klass.pid(n)) for n in ("Ann", "Ben", "Cy", "Dee")]
    round_ = store.save_round(room.id, key, assign_sides(ids, SeatPlan(1, 2, 0), seed=1, locks=locks),
                              PRESETS["classroom"])
    store.publish_round(round_.id, key)
    store.set_phase(room.id, key, "debate")
    store.set_speech(room.id, key, label="1st proposition", speaker="", seconds=180, running=False,
                     left=180.0)
    klass.refresh()
    return made


def pick(dropdown: object, value: object) -> None:
    """Choose ``value`` in a dropdown as the browser does (by index)."""
    update(dropdown, index=[v for _label, v in dropdown.options].index(value))  # type: ignore[attr-defined]


def panel_of(klass: Class) -> CardsPanel:
    return klass.console.controls.cards  # type: ignore[no-any-return]


def test_cards_per_team_cited_and_tagged_by_the_teacher(klass: Class) -> None:
    made = debate_class(klass)
    panel = panel_of(klass)
    text = panel.list.value
    assert "<script>" not in text and "&lt;script&gt;" in text and "Not cited" in text
    assert "Debate 1: Proposition" in text and "Debate 1: Opposition" in text
    assert "Ann" not in text.replace("Ann:", "") and "Who made which card" in text  # no authors when mirrored
    assert all("Ann" not in label.split(":", 1)[0] for label, _v in panel.card.options)
    pick(panel.card, made["Ann"])
    pick(panel.debate, 1)
    pick(panel.speech, "1st proposition")
    click(panel.tag)
    assert panel.status.kind == "ok", panel.status.text
    klass.refresh()
    assert "Cited in Debate 1: 1st Proposition" in panel.list.value
    assert [t.tagged_by for t in klass.store.speech_cards(klass.room.id)] == [None]
    pick(panel.card, made["Cy"])  # the other side's card for a proposition speech
    click(panel.tag)
    assert panel.status.kind == "error" and "speaker's own team" in panel.status.text
    show_private(klass)
    assert "Per student" in panel_of(klass).list.value and "<b>Ann</b>" in panel_of(klass).list.value


def test_one_card_on_the_class_screen_without_its_author(klass: Class) -> None:
    made = debate_class(klass)
    panel = panel_of(klass)
    pick(panel.card, made["Ann"])
    click(panel.show)
    assert panel.status.kind == "ok", panel.status.text
    klass.refresh()
    projector = klass.console.projector
    shown = projector.view["card"]
    assert shown["claim"].startswith("Ann: <script>")  # as text: projector.js puts it in as text
    rest = json.dumps({k: v for k, v in shown.items() if k != "claim"})
    assert set(shown) == {"claim", "evidence", "source", "trust", "helps", "shortened"}
    assert not any(name in rest for name in ("Ann", "Ben", "Cy", "Dee"))  # no author, no marks, no tags
    assert "hide-card" in [c["id"] for c in projector.controls]
    custom(projector, {"type": "control", "id": "hide-card"})
    klass.refresh()
    assert projector.view["card"] is None and panel.hide.disabled


def test_the_notebook_widget_tags_with_the_same_session(klass: Class) -> None:
    """The notebook transport (StudentWidget) sends card_tag to the same StudentSession as the light page."""
    made = debate_class(klass)
    round_ = [r for r in klass.store.rounds(klass.room.id) if r.published][-1]
    seat = {s.participant_id: s for s in klass.store.seats(round_.id)}
    first = next(n for n in ("Ann", "Ben") if seat[klass.pid(n)].speaker == 1)
    second = "Ben" if first == "Ann" else "Ann"
    reply = klass.act(first, "card_tag", card_id=made["Ann"], speech="1st proposition", tagged=True)
    assert reply["type"] == "ack", reply
    refused = klass.act(second, "card_tag", card_id=made["Ann"], speech="1st proposition", tagged=True)
    assert refused["code"] == "tag-not-speaker"
    klass.refresh()
    assert klass.view(first)["cards"]["tagging"]["speeches"][0]["tagged"] == [made["Ann"]]


def test_the_class_screens_card_is_cut_at_a_word_and_has_no_author() -> None:
    text, cut = shorten("word " * 100)
    assert cut and len(text) <= SHOWN_CHARS and text.endswith("word…")
    assert shorten("  two\nlines ") == ("two lines", False)
    fields = {**card(claim="x" * 600), "outlet": "Reuters", "date": ""}
    shown = shown_card_view(Card(7, 1, 42, fields, "", ""))
    assert shown is not None and shown["source"] == "Reuters" and shown["shortened"]
    assert "42" not in str(shown) and shown_card_view(None) is None
