"""Keep-alive pings for all student sockets from one timer, a slice of the sockets at a time.

jupyter_server's websockets each run their own ping timer: at 500 phones that is 50 timers firing a
second, each a turn of the event loop for one ping, and each pong another turn. Here one timer ticks
every second and pings the sockets whose turn it is (each socket once per ``interval``), so the pings
of a second go out together and their pongs come back together: a few turns of the loop a second, not
a hundred. A socket that has not answered for ``timeout`` seconds is closed within a second (a frozen
phone; before, at its next ping: up to ``interval`` later).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from tornado.ioloop import IOLoop, PeriodicCallback

log = logging.getLogger("debate_kit.server")
TICK = 1.0  # seconds between two slices


class Pinger:
    """Pings the sockets ``add``-ed to it every ``interval`` seconds; closes those silent ``timeout``.

    The sockets are also kept in the order of their last pong (:meth:`pong` moves one to the end), so
    the check for silent ones looks only at the front: the sockets that answered longest ago.
    """

    def __init__(self, interval: float, timeout: float, clock: Callable[[], float] | None = None) -> None:
        self.interval, self.timeout = interval, timeout
        self.slices = max(1, round(interval / TICK))
        self._by_slice: list[dict[Any, None]] = [{} for _ in range(self.slices)]
        self._where: dict[Any, int] = {}
        self._by_pong: dict[Any, None] = {}  # oldest pong first
        self._next = itertools.cycle(range(self.slices))
        self._tick = 0
        self._timer: PeriodicCallback | None = None
        self._clock = clock

    def now(self) -> float:
        return self._clock() if self._clock is not None else IOLoop.current().time()

    def __len__(self) -> int:
        return len(self._where)

    def add(self, socket: Any) -> None:
        """Ping ``socket`` from now on (its ``last_pong`` is set now; :meth:`pong` keeps it)."""
        if self.interval <= 0 or socket in self._where:
            return
        socket.last_ping = socket.last_pong = self.now()
        where = self._where[socket] = next(self._next)
        self._by_slice[where][socket] = None
        self._by_pong[socket] = None
        if self._timer is None:
            self._timer = PeriodicCallback(self.ping_due, TICK * 1000)
            self._timer.start()

    def pong(self, socket: Any) -> None:
        """``socket`` answered a ping: it goes to the end of the line."""
        socket.last_pong = self.now()
        if socket in self._by_pong:
            del self._by_pong[socket]
            self._by_pong[socket] = None

    def discard(self, socket: Any) -> None:
        where = self._where.pop(socket, None)
        if where is not None:
            self._by_slice[where].pop(socket, None)
        self._by_pong.pop(socket, None)
        if not self._where and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def silent(self, now: float) -> list[Any]:
        """The sockets to close: no pong for ``timeout`` seconds though pinged lately (after a pause of
        the whole machine, a suspended laptop, the pongs are late, not missing)."""
        found = []
        for socket in self._by_pong:
            if now - socket.last_pong <= self.timeout:
                break  # the rest answered later
            if now - socket.last_ping < 2 * self.interval:
                found.append(socket)
        return found

    def ping_due(self) -> None:
        """Close the sockets that stopped answering (any of them: a frozen phone goes within a second of
        ``timeout``), then ping this tick's slice."""
        self._tick = (self._tick + 1) % self.slices
        now = self.now()
        for socket in self.silent(now):
            log.debug("debate_kit: closing a student socket silent for %.0f s", now - socket.last_pong)
            self.discard(socket)
            socket.close()
        for socket in list(self._by_slice[self._tick]):
            connection = socket.ws_connection
            if connection is None or connection.client_terminated:
                self.discard(socket)
                continue
            try:
                socket.ping(b"")
            except Exception:  # closed in between: it leaves at its on_close
                continue
            socket.last_ping = now


def student_pinger(settings: dict[str, Any]) -> Pinger:
    """The server's one pinger for student sockets, with the server's ping settings (milliseconds)."""
    found = settings.get("debate_kit_pinger")
    if found is None:
        interval = float(settings.get("ws_ping_interval", 30_000))
        timeout = float(settings.get("ws_ping_timeout", max(3 * interval, 30_000)))
        found = settings["debate_kit_pinger"] = Pinger(interval / 1000, timeout / 1000)
    return found
