"""A hub room's data for its teachers (hub login; the owner and the co-teachers only).

- ``{base}debate-kit/export/CODE``: the room's export as one zip, the same CSV files as ``debate-kit
  export`` (the raw tables and ``readable/``: :func:`debate_kit.export.room_zip`);
- ``{base}debate-kit/results/CODE``: the results page as HTML, no kernel
  (:mod:`debate_kit.service.results_page`).

Each request is checked against the hub identity (the service's OAuth cookie) and the owners kept in
the store, read on the store thread in the same step as the room's data. Anyone else gets 403 with a
message; a browser not signed in to the hub gets the hub's login. No key or token is in any URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from jupyterhub.services.auth import HubOAuthenticated
from tornado import web

from debate_kit.core.errors import DebateKitError, NotAllowed, NotFound
from debate_kit.core.validation import normalize_join_code
from debate_kit.export import room_zip
from debate_kit.results.records import read_records
from debate_kit.server.hub import Hub
from debate_kit.service.auth import hub_user
from debate_kit.service.handlers import NOT_YOURS
from debate_kit.service.pages import RefusalPage
from debate_kit.service.results_page import results_html
from debate_kit.store import Room, Store

T = TypeVar("T")
NO_PANDAS = "The results page needs pandas on the service (pip install \"debate_kit[hub]\")."


def taught_room(store: Store, code: str, user: str) -> Room:
    """The hub room ``code`` if ``user`` teaches it (its owner or a co-teacher), else why not."""
    room = store.room(code)
    if not room.hub_salt:
        raise NotFound("room-unknown", "This room is not one of the hub's rooms.")
    if user not in room.owners:
        raise NotAllowed("not-your-room", NOT_YOURS)
    return room


class TaughtRoomHandler(HubOAuthenticated, RefusalPage):
    """A GET for one room's data, answered only to the hub users who teach the room."""

    async def with_room(self, code: str, read: Callable[[Store, Room], T]) -> T:
        """``read(store, room)`` on the store thread, once the room's owners include this hub user."""
        hub: Hub = self.settings["debate_kit_hub"]
        user = hub_user(self) or ""

        def check_and_read() -> T:
            store = hub.threads.store
            return read(store, taught_room(store, code, user))

        try:
            normalize_join_code(code)
            return await hub.threads.run(check_and_read)
        except NotAllowed as problem:
            raise web.HTTPError(403, problem.message) from problem
        except DebateKitError as problem:
            raise web.HTTPError(404, "No such room") from problem


class ExportHandler(TaughtRoomHandler):
    """``GET {base}debate-kit/export/CODE``: ``debate-kit-CODE.zip`` (the room's CSV files)."""

    @web.authenticated
    async def get(self, code: str) -> None:
        hub: Hub = self.settings["debate_kit_hub"]

        def export(store: Store, room: Room) -> tuple[str, bytes]:
            return room.code, room_zip(store, room.id, room.code, hub.lessons(room.lesson))

        name, data = await self.with_room(code, export)
        self.private_headers()
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", f'attachment; filename="debate-kit-{name}.zip"')
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(data)


class ResultsHandler(TaughtRoomHandler):
    """``GET {base}debate-kit/results/CODE[?names=1]``: the results page (names only with ``names=1``)."""

    @web.authenticated
    async def get(self, code: str) -> None:
        try:
            import pandas  # noqa: F401  (the results tables)
        except ImportError as missing:
            raise web.HTTPError(501, NO_PANDAS) from missing
        hub: Hub = self.settings["debate_kit_hub"]
        records = await self.with_room(
            code, lambda store, room: read_records(store, room.id, hub.lessons(room.lesson)))
        private = self.get_query_argument("names", "") == "1"
        page = await asyncio.get_running_loop().run_in_executor(
            None, lambda: results_html(records, private=private))  # pandas work: off the event loop
        self.private_headers()
        self.finish(page)
