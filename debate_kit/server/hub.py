"""Fan-out in the server process: one change-feed subscription per room, one snapshot per change.

Every student socket of a room is a member of that room's :class:`RoomChannel`. When the store says the
room changed, the channel reads one :class:`RoomSnapshot` (on the store thread) and sends each socket its
own view, only if it differs from what that socket last got (views shared by many students are built and
encoded once: :mod:`debate_kit.student.fanout`). Changes are coalesced: a room redraws at most every
``PUSH_INTERVAL`` seconds, so 150 votes in one second cost a handful of reads, not 150.
Store work runs on one thread (:class:`StoreThread`), so the event loop never waits on a write; the
feeds use a connection of their own on the loop (a revision read takes microseconds).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from debate_kit.core.errors import NotFound
from debate_kit.core.lesson_model import Lesson
from debate_kit.store import Store, open_store
from debate_kit.store.feed import RETRY_FIRST, RETRY_MAX, follow
from debate_kit.student.fanout import SnapshotViews
from debate_kit.student.recent import RecentActions
from debate_kit.student.session import StudentSession, error
from debate_kit.student.snapshot import RoomSnapshot, read_snapshot

log = logging.getLogger("debate_kit.server")
PUSH_INTERVAL = 0.1
T = TypeVar("T")


class Member(Protocol):
    session: StudentSession
    last_view: str

    def send(self, message: dict[str, Any] | str) -> None: ...


class StoreThread:
    """The process's store, used only from one worker thread (database connections are not shared)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="debate-kit-store")
        self.store: Store = self._executor.submit(open_store, url).result()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    def close(self) -> None:
        self._executor.submit(self.store.close).result()
        self._executor.shutdown()


class RoomChannel:
    """The sockets of one room and the room's single change-feed subscription."""

    def __init__(self, hub: Hub, room_id: int) -> None:
        self.hub = hub
        self.room_id = room_id
        self.members: set[Member] = set()
        self.snapshot: RoomSnapshot | None = None
        self.views = SnapshotViews(None)
        self.keys: dict[Member, object] = {}  # what each member's last view was made from
        self._feed_task: asyncio.Task[None] | None = None
        self._push_task: asyncio.Task[None] | None = None
        self._dirty = False
        self._last_push = 0.0

    def start(self) -> None:
        self._feed_task = asyncio.get_running_loop().create_task(self._follow())

    async def _follow(self) -> None:
        async for _revision in follow(self.hub.feed_store, self.room_id, self._trouble,  # through outages
                                      min_interval=PUSH_INTERVAL):  # it pushes no more often than that
            self.request_push()

    def _trouble(self, lost: bool) -> None:
        """The database went away (or came back): every page of the room says so."""
        text = json.dumps({"type": "status", "connection": "reconnecting" if lost else "open"})
        for member in list(self.members):
            member.send(text)

    def request_push(self) -> None:
        """Redraw the room's sockets soon (at most every PUSH_INTERVAL seconds)."""
        self._dirty = True
        if self._push_task is None or self._push_task.done():
            self._push_task = asyncio.get_running_loop().create_task(self._push_loop())

    async def _push_loop(self) -> None:
        retry = RETRY_FIRST
        while self._dirty and self.members:
            wait = self._last_push + PUSH_INTERVAL - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._dirty = False
            self._last_push = time.monotonic()
            try:
                self.snapshot = await self.hub.threads.run(read_snapshot, self.hub.threads.store,
                                                           self.room_id)
                self.views = SnapshotViews(self.snapshot)
            except NotFound as gone:  # the teacher deleted the room: say so, once
                for member in list(self.members):
                    member.send(error(gone.code, gone.message))
                return
            except Exception as problem:  # the database is away: try again, less and less often
                log.warning("debate_kit: cannot read room %s (%s); again in %.1f s", self.room_id,
                            type(problem).__name__, retry)
                await asyncio.sleep(retry)
                retry = min(retry * 2, RETRY_MAX)
                self._dirty = True
                continue
            retry = RETRY_FIRST
            for member in list(self.members):
                self.send_view(member)

    def send_view(self, member: Member) -> None:
        """Send ``member`` its view of the latest snapshot, if it changed."""
        if self.snapshot is None:
            return
        try:
            key, text = self.views.render(member.session, self.keys.get(member))
        except Exception:
            log.exception("debate_kit: building a student's view failed")
            return
        self.keys[member] = key
        if text is not None and text != member.last_view:
            member.last_view = text
            member.send(text)

    def close(self) -> None:
        for task in (self._feed_task, self._push_task):
            if task is not None:
                task.cancel()


class Hub:
    """All rooms with connected students in this server process."""

    def __init__(self, url: str, lessons: Callable[[str], Lesson | None]) -> None:
        self.threads = StoreThread(url)
        #: The feeds' own connection, used on the event loop only (quick revision reads).
        self.feed_store = open_store(url)
        self.lessons = lessons
        self.recent = RecentActions()  # acknowledged actions per device, for retries after a reconnect
        self.channels: dict[int, RoomChannel] = {}

    def new_session(self) -> StudentSession:
        return StudentSession(self.threads.store, self.lessons, recent=self.recent)

    def place(self, member: Member, old_room: int | None) -> None:
        """Put ``member`` in the channel of its session's room (leaving ``old_room``)."""
        new_room = member.session.room_id
        if old_room == new_room and new_room is not None:
            channel = self.channels.get(new_room) if new_room is not None else None
            if channel is not None:
                channel.send_view(member) if channel.snapshot else channel.request_push()
            return
        if old_room is not None:
            self.leave(member, old_room)
        if new_room is None:  # not in a room: the join form
            text = json.dumps({"type": "view", "view": member.session.view(None)}, separators=(",", ":"))
            if text != member.last_view:
                member.last_view = text
                member.send(text)
            return
        channel = self.channels.get(new_room)
        if channel is None:
            channel = self.channels[new_room] = RoomChannel(self, new_room)
            channel.start()
        channel.members.add(member)
        if channel.snapshot is not None:
            channel.send_view(member)  # at once, from the room's latest snapshot; a fresh one follows
        channel.request_push()

    def leave(self, member: Member, room_id: int | None) -> None:
        channel = self.channels.get(room_id) if room_id is not None else None
        if channel is None:
            return
        channel.members.discard(member)
        channel.keys.pop(member, None)
        if not channel.members:
            channel.close()
            del self.channels[room_id]  # type: ignore[arg-type]

    def close(self) -> None:
        for channel in self.channels.values():
            channel.close()
        self.channels.clear()
        self.feed_store.close()
        self.threads.close()
