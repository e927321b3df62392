"""``{base}debate-kit/sides/CODE[?names=1]`` (hub login; the room's owner and co-teachers): the console's
SideAssigner as a plain page: plan the debates, preview the seats, swap by hand, publish.

The seating is the core's (:mod:`debate_kit.service.sides_plan`); the round is stored with the store's
own calls (``save_round``, ``publish_round``, ``replace_seats``), made with the room's key (derived from
the service's secret) in the same store step as the check of the hub identity against the room's
owners. Names only with ``?names=1`` (otherwise "Student 3"). POSTs carry the XSRF token.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from dataclasses import dataclass

from tornado import web

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.sides import Assignment, swap_seats
from debate_kit.service.auth import room_key
from debate_kit.service.room_files import TaughtRoomHandler
from debate_kit.service.sides_html import SidesView, sides_html
from debate_kit.service.sides_plan import (
    SidesForm,
    as_assignment,
    fingerprint,
    member,
    new_form,
    read_form,
    readable,
    seat_class,
    with_lock,
    with_pair,
)
from debate_kit.store import Room, Store

PREVIEW_ONLY = "Preview only: students see nothing until you publish."
CHANGED = "The class changed since your preview (someone joined or left): check these seats, then publish."
NO_PREVIEW = InvalidInput("sides-no-preview", "Make a preview first.")
Get = Callable[[str], str]
#: The form's fields that carry the plan and the page's state (shown again as sent if they are wrong).
FIELDS = ("debates", "team_size", "judges", "others", "format", "speech", "rebuttal", "seed", "locks",
          "apart", "swaps", "shown", "round")


@dataclass(frozen=True)
class Outcome:
    """What a button did: the form after it, the seats to show, and what the page says."""

    form: SidesForm
    seats: Assignment | None
    said: str = ""
    problem: str = ""


def labels_of(store: Store, room: Room, names: bool) -> dict[str, str]:
    """Participant id -> how the page names them, in the order they joined."""
    return {str(p.id): p.name if names else f"Student {n}"
            for n, p in enumerate(store.participants(room.id), start=1)}


def published_round(store: Store, room: Room) -> tuple[int, Assignment] | None:
    """The room's latest round with its seats, if it is published (what the students see)."""
    rounds = store.rounds(room.id)
    if not rounds or not rounds[-1].published:
        return None
    seats = [(s.participant_id, s.role, s.debate, s.speaker) for s in store.seats(rounds[-1].id)]
    return rounds[-1].id, as_assignment(rounds[-1].seed, seats)


def _previewed(form: SidesForm, people: list[str], store: Store, room: Room) -> Outcome:
    fresh = dataclasses.replace(form, swaps=(), round_id=None)
    seats = seat_class(fresh, people, store.side_history(room.id))
    return Outcome(dataclasses.replace(fresh, shown=fingerprint(seats)), seats, PREVIEW_ONLY)


def act(action: str, form: SidesForm, get: Get, store: Store, room: Room, key: str, people: list[str],
        rng: random.Random) -> Outcome:
    """One button of the page, checked against the store's class list (on the store thread)."""
    if action == "preview":
        return _previewed(form, people, store, room)
    if action == "new-seed":
        return _previewed(dataclasses.replace(form, seed=rng.randrange(1, 100_000)), people, store, room)
    if action == "lock":
        return Outcome(with_lock(form, get("lock_who"), get("lock_role"), people), None,
                       "Locked. Preview to see the seats.")
    if action == "apart":
        return Outcome(with_pair(form, get("apart_a"), get("apart_b"), people), None,
                       "These two will be in different teams. Preview to see the seats.")
    if action == "clear":
        return Outcome(dataclasses.replace(form, locks=(), apart=(), swaps=(), shown="", round_id=None), None,
                       "No locks and no pairs.")
    if action not in ("swap", "publish"):
        raise web.HTTPError(400, "Use the page's buttons.")
    if action == "swap" and form.round_id is not None:
        return _swap_published(form, get, store, room, key, people)
    if not form.shown:
        raise NO_PREVIEW
    seats = seat_class(form, people, store.side_history(room.id))
    if fingerprint(seats) != form.shown:
        return Outcome(dataclasses.replace(form, shown=fingerprint(seats)), seats, problem=CHANGED)
    if action == "swap":
        a, b = member(get("swap_a"), people), member(get("swap_b"), people)
        seats = swap_seats(seats, a, b)
        swapped = dataclasses.replace(form, swaps=(*form.swaps, (a, b)), shown=fingerprint(seats))
        return Outcome(swapped, seats, "Swapped. Publish to show the change to the class.")
    round_ = store.save_round(room.id, key, seats, form.fmt())
    store.publish_round(round_.id, key)
    return Outcome(dataclasses.replace(form, round_id=round_.id, shown="", swaps=()), seats,
                   "Published: every student now sees their side and role.")


def _swap_published(form: SidesForm, get: Get, store: Store, room: Room, key: str,
                    people: list[str]) -> Outcome:
    """A swap in the published round (the room's latest): the students see it at once."""
    now = published_round(store, room)
    if now is None or now[0] != form.round_id:
        raise InvalidInput("sides-round-moved", "The sides changed since this page was opened: reload it.")
    seats = swap_seats(now[1], member(get("swap_a"), people), member(get("swap_b"), people))
    store.replace_seats(now[0], key, seats)
    store.publish_round(now[0], key)
    return Outcome(form, seats, "Swapped in the published round: the students see it now.")


class SidesPageHandler(TaughtRoomHandler):
    """``GET/POST {base}debate-kit/sides/CODE[?names=1]``: plan, preview, swap, publish."""

    def names(self) -> bool:
        return self.get_query_argument("names", "") == "1"

    @web.authenticated
    async def get(self, code: str) -> None:
        form = new_form(random.SystemRandom())
        names = self.names()

        def read(store: Store, room: Room) -> SidesView:
            now = published_round(store, room)
            shown = dataclasses.replace(form, round_id=now[0]) if now else form
            return SidesView(room, labels_of(store, room, names), shown, now[1] if now else None)

        self._page(await self.with_room(code, read))

    @web.authenticated
    async def post(self, code: str) -> None:
        def get(name: str) -> str:
            return self.get_body_argument(name, "")[:4000]

        action, names = get("action")[:20], self.names()
        secret: bytes = self.settings["debate_kit_secret"]
        rng = random.SystemRandom()

        def step(store: Store, room: Room) -> SidesView:
            labels = labels_of(store, room, names)
            form, typed = new_form(rng), {name: get(name)[:80] for name in FIELDS}
            try:
                form, typed = read_form(get), {}
                done = act(action, form, get, store, room, room_key(secret, room.hub_salt), list(labels), rng)
            except (InvalidInput, NotAllowed, NotFound) as refused:
                done = Outcome(form, None, problem=readable(refused.message, labels))
            return SidesView(room, labels, done.form, done.seats, done.said, done.problem, typed)

        view = await self.with_room(code, step)
        if view.problem:
            self.set_status(400)
        self._page(view)

    def _page(self, view: SidesView) -> None:
        self.private_headers()
        self.finish(sides_html(view, names=self.names(), xsrf=self.xsrf_form_html()))
