"""The change feed: tells a kernel, cheaply, that something in its room changed.

SQLite: ``PRAGMA data_version`` on a separate connection (microseconds a call), then the room's
revision counter, woken by an inotify watch on the database's folder (Linux), else polled.
PostgreSQL: LISTEN on the ``debate_kit`` channel, woken by the socket. With a wake-up fd, an idle
feed looks only every ``FD_INTERVAL`` seconds (a safety net), so idle kernels cost almost no CPU.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import select
import time
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from debate_kit.store import Store

#: How often a SQLite feed looks while the room is busy, and at most while it is quiet (seconds).
FAST_INTERVAL = 0.1
QUIET_INTERVAL = 0.2
QUIET_AFTER = 30.0
#: How often a feed with a wake-up fd (inotify, PostgreSQL) looks without being woken (seconds).
FD_INTERVAL = 5.0
#: After the database went away: first retry, and the longest wait between retries (seconds).
RETRY_FIRST, RETRY_MAX = 0.5, 8.0
log = logging.getLogger("debate_kit.store")


class ChangeFeed:
    """Subscribe to one room: ``changed()`` answers at once; ``wait()`` and ``updates()`` wait."""

    def __init__(self, store: Store, room_id: int) -> None:
        self._store = store
        self.room_id = room_id
        self._listener = store.backend.listener(room_id)
        self.revision = store.revision(room_id)

    def close(self) -> None:
        self._listener.close()

    def changed(self) -> bool:
        """True if the room changed since the last call that returned True."""
        if not self._listener.poll():
            return False
        revision = self._store.revision(self.room_id)
        if revision == self.revision:
            return False
        self.revision = revision
        return True

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds for a change (used by tools and benchmarks)."""
        deadline = time.monotonic() + timeout
        fd = self._listener.fileno()
        while True:
            if self.changed():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if fd is not None:
                select.select([fd], [], [], left)
            else:
                time.sleep(min(FAST_INTERVAL / 2, left))

    async def updates(self, min_interval: float = 0.0) -> AsyncIterator[int]:
        """Yield the room's new revision after each change, for as long as the caller iterates.

        A listener with a wake-up fd (SQLite with inotify, PostgreSQL) wakes on it; without one,
        SQLite is polled every 0.1 s, slowing to 0.2 s after 30 quiet seconds. After a change it looks
        again no sooner than ``min_interval`` seconds: a caller that redraws at most that often is not
        woken by every commit of a burst (500 joins are 500 commits), only told once there was one.
        """
        fd = self._listener.fileno()
        loop = asyncio.get_running_loop()
        wake = asyncio.Event()
        if fd is not None:
            loop.add_reader(fd, wake.set)
        last_change = last_wake = time.monotonic()
        try:
            while True:
                if self.changed():
                    last_change = time.monotonic()
                    yield self.revision
                    if min_interval > 0:
                        await self._pause(fd, wake, min_interval)
                    continue
                now = time.monotonic()
                quiet = now - last_change > QUIET_AFTER
                timeout = QUIET_INTERVAL if quiet else FAST_INTERVAL
                # SQLite's inotify wake comes when the WAL is written, a moment before the commit is
                # visible: after a wake, look again quickly for a second before sleeping on the fd.
                if fd is not None and now - last_wake > 1.0:
                    timeout = FD_INTERVAL
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), timeout)
                if wake.is_set():
                    last_wake = time.monotonic()
                wake.clear()
        finally:
            if fd is not None:
                loop.remove_reader(fd)


    @staticmethod
    async def _pause(fd: int | None, wake: asyncio.Event, seconds: float) -> None:
        """Sleep without being woken: the fd (level-triggered) stays readable until drained."""
        loop = asyncio.get_running_loop()
        if fd is not None:
            loop.remove_reader(fd)
        try:
            await asyncio.sleep(seconds)
        finally:
            if fd is not None:
                loop.add_reader(fd, wake.set)


async def follow(store: Store, room_id: int, on_trouble: Callable[[bool], None] | None = None,
                 min_interval: float = 0.0) -> AsyncIterator[int]:
    """Yield after each change of the room, for as long as the caller iterates, through outages.

    Yields once at the start and once after each re-subscription (something may have changed while
    nobody listened), so a view that redraws on each yield is never left stale. If the database goes
    away (PostgreSQL restarted, the network dropped), it subscribes again with a growing backoff;
    ``on_trouble(True)`` is called when it loses the database, ``on_trouble(False)`` when it is back.
    ``min_interval``: see :meth:`ChangeFeed.updates`.
    """
    delay = RETRY_FIRST
    trouble = False
    while True:
        feed = None
        try:
            feed = store.feed(room_id)
            delay = RETRY_FIRST
            if trouble and on_trouble is not None:
                on_trouble(False)
            trouble = False
            yield feed.revision
            async for revision in feed.updates(min_interval):
                yield revision
        except (asyncio.CancelledError, GeneratorExit):
            raise
        except Exception as problem:
            log.warning("debate_kit: the change feed of room %s stopped (%s); reconnecting in %.1f s",
                        room_id, type(problem).__name__, delay)
            if not trouble and on_trouble is not None:
                on_trouble(True)
            trouble = True
        finally:
            if feed is not None:
                with contextlib.suppress(Exception):
                    feed.close()
        await asyncio.sleep(delay)
        delay = min(delay * 2, RETRY_MAX)
