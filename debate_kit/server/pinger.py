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
from typing import Any

from tornado.ioloop import IOLoop, PeriodicCallback

log = logging.getLogger("debate_kit.server")
TICK = 1.0  # seconds between two slices


class Pinger:
    """Pings the sockets ``add``-ed to it every ``interval`` seconds; closes those silent ``timeout``."""

    def __init__(self, interval: float, timeout: float) -> None:
        self.interval, self.timeout = interval, timeout
        self.slices = max(1, round(interval / TICK))
        self._by_slice: list[dict[Any, None]] = [{} for _ in range(self.slices)]
        self._where: dict[Any, int] = {}
        self._next = itertools.cycle(range(self.slices))
        self._tick = 0
        self._timer: PeriodicCallback | None = None

    def __len__(self) -> int:
        return len(self._where)

    def add(self, socket: Any) -> None:
        """Ping ``socket`` from now on (its ``last_pong`` is set now; its ``on_pong`` keeps it)."""
        if self.interval <= 0 or socket in self._where:
            return
        socket.last_ping = socket.last_pong = IOLoop.current().time()
        where = self._where[socket] = next(self._next)
        self._by_slice[where][socket] = None
        if self._timer is None:
            self._timer = PeriodicCallback(self.ping_due, TICK * 1000)
            self._timer.start()

    def discard(self, socket: Any) -> None:
        where = self._where.pop(socket, None)
        if where is not None:
            self._by_slice[where].pop(socket, None)
        if not self._where and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def ping_due(self) -> None:
        """Close the sockets that stopped answering (any of them: a frozen phone goes within a second of
        ``timeout``), then ping this tick's slice."""
        self._tick = (self._tick + 1) % self.slices
        now = IOLoop.current().time()
        for socket in list(self._where):
            connection = socket.ws_connection
            if connection is None or connection.client_terminated:
                self.discard(socket)
            # After a pause of the whole machine (a suspended laptop) the pongs are late, not missing.
            elif now - socket.last_ping < 2 * self.interval and now - socket.last_pong > self.timeout:
                log.debug("debate_kit: closing a student socket silent for %.0f s", now - socket.last_pong)
                self.discard(socket)
                socket.close()
        for socket in list(self._by_slice[self._tick]):
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
