"""CardsPanel (teacher): the room's evidence cards per team and student, which were cited in speeches,
one card on the class screen (never its author), and tags for a speaker without a phone.

Clicks become store calls (the store checks the teacher key and the rules of core/speech_cards.py); the
list is :func:`debate_kit.widgets.cards_list.cards_html`. The card picker names cards by number and claim,
never by author, so it is safe on a mirrored screen.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.rounds import tag_choices
from debate_kit.student.roles import slot_label
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.cards_list import cards_html
from debate_kit.widgets.session import ClassSession


def _short(text: str, n: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n - 1] + "…"


class CardsPanel(w.VBox):
    """The Cards tab of the console."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.card = w.Dropdown(description="Card", options=[], layout=w.Layout(width="95%"))
        self.card.add_class("dk-cards-pick")
        self.show = w.Button(description="Show on the class screen", button_style="primary",
                             tooltip="The card's claim, evidence and source, without its author")
        self.show.add_class("dk-cards-show")
        self.hide = w.Button(description="Hide the card")
        self.hide.add_class("dk-cards-hide")
        self.debate = w.Dropdown(description="Debate", options=[])
        self.debate.add_class("dk-cards-debate")
        self.speech = w.Dropdown(description="Speech", options=[])
        self.speech.add_class("dk-cards-speech")
        self.tag = w.Button(description="Tag for this speech",
                            tooltip="For a speaker without a phone: a speech given or on the clock")
        self.tag.add_class("dk-cards-tag")
        self.untag = w.Button(description="Untag")
        self.untag.add_class("dk-cards-untag")
        self.list = w.HTML()
        self.list.add_class("dk-cards-list")
        self.status = StatusLine()
        self.show.on_click(lambda _b: self._show(True))
        self.hide.on_click(lambda _b: self._show(False))
        self.tag.on_click(lambda _b: self._tag(True))
        self.untag.on_click(lambda _b: self._tag(False))
        super().__init__([self.card, w.HBox([self.show, self.hide]),
                          w.HTML("<p>Tag a card for a speaker without a phone (during the debate):</p>"),
                          w.HBox([self.debate, self.speech]), w.HBox([self.tag, self.untag]),
                          self.status, self.list])
        self.add_class("dk-cards-panel")
        self.refresh()

    def refresh(self) -> None:
        store, room = self.session.store, self.session.room
        cards = store.cards(room.id)
        choices = tag_choices(store, room.id)
        names = self.session.names() if self.session.show_private else None
        self.list.value = cards_html(cards, choices.seats, list(choices.tags), names)
        self._options(self.card, [(f"#{c.id}: {_short(c.fields['claim'])}", c.id) for c in cards])
        self._options(self.debate, [(f"Debate {d}", d) for d in choices.debates])
        self._options(self.speech, [(text, label) for label, text in choices.speeches])
        shown = room.shown_card is not None
        self.hide.disabled = not shown
        self.show.disabled = not cards

    @staticmethod
    def _options(dropdown: w.Dropdown, options: list[tuple[str, Any]]) -> None:
        if list(dropdown.options) != options:
            keep = dropdown.value
            dropdown.options = options
            if any(value == keep for _label, value in options):
                dropdown.value = keep

    def _key(self) -> str:
        if self.session.teacher_key is None:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        return self.session.teacher_key

    @guarded
    def _show(self, on: bool) -> None:
        if on and self.card.value is None:
            self.status.error("Pick a card first.")
            return
        self.session.store.show_card(self.session.room.id, self._key(), self.card.value if on else None)
        self.session.refresh()
        self.status.ok(f"Card #{self.card.value} is on the class screen, without its author's name." if on
                       else "The card is off the class screen.")

    @guarded
    def _tag(self, on: bool) -> None:
        if self.card.value is None or self.debate.value is None or self.speech.value is None:
            self.status.error("Pick a card, a debate and a speech first.")
            return
        self.session.store.tag_card_as_teacher(self.session.room.id, self._key(), self.debate.value,
                                               self.speech.value, self.card.value, on)
        self.session.refresh()
        what = slot_label(self.speech.value)
        self.status.ok(f"Card #{self.card.value} tagged for {what} in debate {self.debate.value}." if on
                       else f"Card #{self.card.value} untagged from {what} in debate {self.debate.value}.")
