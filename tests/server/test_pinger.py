"""One pinger for all student sockets (debate_kit/server/pinger.py): each socket pinged once per interval,
a slice a tick; a socket silent for the timeout closed, whatever its slice, while those that answer stay;
a closed one forgotten."""

from __future__ import annotations

import asyncio
from typing import Any

from debate_kit.server.pinger import Pinger, student_pinger


class Connection:
    client_terminated = False


class FakeSocket:
    def __init__(self) -> None:
        self.ws_connection: Connection | None = Connection()
        self.pings = 0
        self.closed = False
        self.last_ping = self.last_pong = 0.0

    def ping(self, data: bytes) -> None:
        self.pings += 1

    def close(self) -> None:
        self.closed = True


def run(body: Any) -> Any:
    async def main() -> Any:
        return body()

    return asyncio.run(main())


def test_each_socket_is_pinged_once_per_interval_in_slices() -> None:
    def body() -> None:
        pinger = Pinger(10.0, 20.0)
        sockets = [FakeSocket() for _ in range(25)]
        for socket in sockets:
            pinger.add(socket)
        assert len(pinger) == 25 and pinger.slices == 10
        seen = []
        for _ in range(10):
            before = sum(s.pings for s in sockets)
            pinger.ping_due()
            seen.append(sum(s.pings for s in sockets) - before)
        assert all(s.pings == 1 for s in sockets) and max(seen) == 3 and min(seen) == 2
        for socket in sockets:
            pinger.discard(socket)
        assert len(pinger) == 0 and pinger._timer is None

    run(body)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_silent_socket_is_closed_and_a_gone_one_forgotten() -> None:
    def body() -> None:
        clock = Clock()
        pinger = Pinger(1.0, 2.0, clock)  # one slice: every tick pings every socket
        silent, alive, gone = FakeSocket(), FakeSocket(), FakeSocket()
        for socket in (silent, alive, gone):
            pinger.add(socket)
        gone.ws_connection = None
        for _ in range(3):  # three seconds: alive answers each ping, silent never does
            clock.t += 1.0
            pinger.ping_due()
            pinger.pong(alive)
        assert silent.closed and not alive.closed and alive.pings == 3 and gone.pings == 0
        assert len(pinger) == 1

    run(body)


def test_the_server_settings_give_one_pinger_in_seconds() -> None:
    def body() -> None:
        settings: dict[str, Any] = {"ws_ping_interval": 10_000, "ws_ping_timeout": 20_000}
        pinger = student_pinger(settings)
        assert (pinger.interval, pinger.timeout) == (10.0, 20.0) and student_pinger(settings) is pinger

    run(body)


def test_a_silent_socket_is_closed_at_the_next_tick_whatever_its_slice() -> None:
    def body() -> None:
        clock = Clock()
        pinger = Pinger(10.0, 20.0, clock)
        sockets = [FakeSocket() for _ in range(10)]
        for socket in sockets:
            pinger.add(socket)
        for second in range(1, 22):  # each socket pinged in its slice and answering, but number 7
            clock.t += 1.0
            pinger.ping_due()
            for socket in sockets:
                if socket.pings and socket is not sockets[7] and not socket.closed:
                    pinger.pong(socket)
            closed = [i for i, s in enumerate(sockets) if s.closed]
            assert closed == ([7] if second == 21 else []), (second, closed)
        assert len(pinger) == 9 and sockets[7].pings == 2  # pinged at 8 s and 18 s, closed at 21 s

    run(body)


def test_the_check_reads_only_the_front_of_the_line() -> None:
    """Sockets that answered lately are not looked at: the check stops at the first one in time."""
    clock = Clock()
    pinger = Pinger(10.0, 20.0, clock)
    sockets = [FakeSocket() for _ in range(5)]
    for socket in sockets:
        socket.last_ping = socket.last_pong = clock.t
        pinger._by_pong[socket] = None
    sockets[0].last_pong -= 25.0
    sockets[3].last_pong -= 25.0  # behind one that answered in time: found at its own turn
    assert pinger.silent(clock.t) == [sockets[0]]
