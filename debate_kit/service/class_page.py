"""``{base}debate-kit/class/CODE`` (hub login; the room's owner and co-teachers): the console's Class and
Cards tabs as one plain page.

The class list (names only with ``?names=1``: it may be on the projector), removing a participant (their
votes, answers and scores leave every tally), locking the room to new joins and its size cap, and one
evidence card on the class screen (without its author) or none, and a card tagged for a speech (for a
speaker without a phone, during the debate: the store's own checks). Every request is checked against the hub
identity and the owners kept in the store; each change is made with the room's key (derived from the
service's secret) in the same store step as that check. POSTs carry the XSRF token (``xsrf_cookies``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable

from tornado import web

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.rounds import tag_choices
from debate_kit.service.auth import room_key
from debate_kit.service.class_html import ClassData, Person, class_html, label
from debate_kit.service.live import LIVE_CSP
from debate_kit.service.room_files import TaughtRoomHandler
from debate_kit.store import Room, Store
from debate_kit.store.membership import MAX_PEOPLE
from debate_kit.student.roles import slot_label
from debate_kit.widgets.class_controls import removal_text

#: A change: (store, room, its teacher key, the page's data before it) -> what the page says.
Change = Callable[[Store, Room, str, ClassData], str]


def read_class(store: Store, room: Room) -> ClassData:
    """The room's participants with what of theirs counts, and its cards (on the store thread)."""
    votes: Counter[int] = Counter()
    for poll in store.polls(room.id):
        votes.update(store.votes(poll.id).keys())
    answers = Counter(a.participant_id for a in store.answers(room.id))
    people = tuple(Person(i, p.id, p.name, votes[p.id], answers[p.id])
                   for i, p in enumerate(store.participants(room.id), start=1))
    cards = tuple((c.id, c.fields.get("claim", ""), c.participant_id) for c in store.cards(room.id))
    return ClassData(room, people, cards, tag_choices(store, room.id))


def _number(text: str, problem: InvalidInput) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise problem
    return int(text)


def change_for(action: str, form: dict[str, str], names: bool) -> Change:
    """The store operation a form's button asks for (checked again by the store)."""
    if action in ("lock", "unlock"):
        def door(store: Store, room: Room, key: str, _data: ClassData) -> str:
            store.set_door(room.id, key, locked=action == "lock")
            return ("The room is locked: nobody new can join. Students already in can reconnect."
                    if action == "lock" else "The room is open: new students can join.")
        return door
    if action == "size":
        def size(store: Store, room: Room, key: str, data: ClassData) -> str:
            cap = _number(form.get("size", ""), InvalidInput(
                "room-size-invalid", f"Type the room size as a whole number from 1 to {MAX_PEOPLE}."))
            store.set_door(room.id, key, max_people=cap)
            full = f" {len(data.people)} are in already: nobody new can join." if len(data.people) >= cap \
                else ""
            return f"Up to {cap} students can join this room.{full}"
        return size
    if action == "remove":
        def remove(store: Store, room: Room, key: str, data: ClassData) -> str:
            pid = _number(form.get("participant", ""), InvalidInput(
                "participant-choose", "Choose a student to remove."))
            person = next((p for p in data.people if p.id == pid), None)
            removed = store.remove_participant(room.id, key, pid)
            if person is not None:
                removed = dataclasses.replace(removed, name=label(person, names))
            return removal_text(removed, room.locked)
        return remove
    if action in ("tag-card", "untag-card"):
        def tag(store: Store, room: Room, key: str, _data: ClassData) -> str:
            card_id = _number(form.get("card", ""), InvalidInput("card-choose", "Pick a card first."))
            debate = _number(form.get("debate", ""),
                             InvalidInput("tag-debate", "Pick the debate by its number."))
            speech, on = form.get("speech", ""), action == "tag-card"
            try:  # the store checks the phase, the round, the speech and the card's team
                store.tag_card_as_teacher(room.id, key, debate, speech, card_id, on)
            except NotAllowed as refused:  # e.g. not during the debate: a message, not a 403
                raise InvalidInput(refused.code, refused.message) from refused
            what = slot_label(speech)
            return (f"Card #{card_id} tagged for {what} in debate {debate}." if on
                    else f"Card #{card_id} untagged from {what} in debate {debate}.")
        return tag
    if action in ("show-card", "hide-card"):
        def card(store: Store, room: Room, key: str, _data: ClassData) -> str:
            if action == "hide-card":
                store.show_card(room.id, key, None)
                return "The card is off the class screen."
            card_id = _number(form.get("card", ""), InvalidInput("card-choose", "Pick a card first."))
            store.show_card(room.id, key, card_id)
            return f"Card #{card_id} is on the class screen, without its author's name."
        return card
    raise web.HTTPError(400, "Use the page's buttons.")


class ClassPageHandler(TaughtRoomHandler):
    """``GET/POST {base}debate-kit/class/CODE[?names=1][&remove=ID]``: the class, the door, the cards."""

    def names(self) -> bool:
        return self.get_query_argument("names", "") == "1"

    @web.authenticated
    async def get(self, code: str) -> None:
        data = await self.with_room(code, read_class)
        asked = self.get_query_argument("remove", "")
        confirm = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 19 else None
        self._page(data, confirm=confirm)

    @web.authenticated
    async def post(self, code: str) -> None:
        form = {name: self.get_body_argument(name, "")[:40]
                for name in ("size", "participant", "card", "debate", "speech")}
        change = change_for(self.get_body_argument("action", "")[:20], form, self.names())
        secret: bytes = self.settings["debate_kit_secret"]

        def step(store: Store, room: Room) -> tuple[str, str, ClassData]:
            """The change, made with the room's key right after the owners were checked; the page after."""
            before = read_class(store, room)
            try:
                said, problem = change(store, room, room_key(secret, room.hub_salt), before), ""
            except (InvalidInput, NotFound) as refused:
                said, problem = "", refused.message
            return said, problem, read_class(store, store.room_by_id(room.id))

        said, problem, data = await self.with_room(code, step)
        if problem:
            self.set_status(400)
        self._page(data, said=said, problem=problem)

    def _page(self, data: ClassData, *, said: str = "", problem: str = "",
              confirm: int | None = None) -> None:
        self.private_headers(LIVE_CSP)
        self.finish(class_html(data, names=self.names(), xsrf=self.xsrf_form_html(), said=said,
                               problem=problem, confirm=confirm))
