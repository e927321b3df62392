"""Connections that must not linger (debate_kit.server.sockets): in-process, no server started."""

from __future__ import annotations

import asyncio
import gc
import socket
import threading
import time
from types import SimpleNamespace
from typing import Any

import pytest
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler
from tornado.websocket import WebSocketClosedError

from debate_kit.server.sockets import SILENT_CODE, apply_http_timeouts, cancel, close_if_silent, consume
from debate_kit.voila_app.config import shared_settings


def test_a_failed_write_is_consumed_so_asyncio_reports_nothing() -> None:
    reported: list[dict[str, Any]] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: reported.append(ctx))

        async def write() -> None:
            raise WebSocketClosedError()

        for wanted in (True, False):
            task = asyncio.ensure_future(write())
            if wanted:
                consume(task)
            await asyncio.sleep(0.01)
            del task
            gc.collect()

    asyncio.run(main())
    assert len(reported) == 1, "without consume: 'Task exception was never retrieved'"
    assert "never retrieved" in reported[0]["message"]
    consume(None)  # a closed socket's write_message may return nothing: no error


class _Socket:
    def __init__(self) -> None:
        self.settings: dict[str, Any] = {}
        self.closed = False
        self.closes: list[tuple[int, str]] = []

    def close(self, code: int, reason: str) -> None:
        self.closes.append((code, reason))
        self.closed = True


def test_a_socket_that_says_no_hello_is_closed_and_one_that_does_is_kept() -> None:
    silent, talker, gone = _Socket(), _Socket(), _Socket()
    talker.hello = False  # type: ignore[attr-defined]

    async def main() -> None:
        close_if_silent(silent, lambda: False, seconds=0.05)
        close_if_silent(talker, lambda: talker.hello, seconds=0.05)  # type: ignore[attr-defined]
        talker.hello = True  # type: ignore[attr-defined]
        timer = close_if_silent(gone, lambda: False, seconds=0.05)
        cancel(timer)  # the socket closed first
        await asyncio.sleep(0.15)

    asyncio.run(main())
    assert silent.closes == [(SILENT_CODE, "No hello in time")]
    assert talker.closes == [] and gone.closes == []


def test_the_hello_time_comes_from_the_server_settings() -> None:
    assert shared_settings()["ServerApp"]["tornado_settings"]["debate_kit_hello_seconds"] == 30.0
    sock = _Socket()
    sock.settings["debate_kit_hello_seconds"] = 0.05

    async def main() -> None:
        close_if_silent(sock, lambda: False)
        await asyncio.sleep(0.15)

    asyncio.run(main())
    assert sock.closes


class _Hello(RequestHandler):
    def get(self) -> None:
        self.write("hello")

    def post(self) -> None:
        self.write("got it")


def _closed_within(port: int, data: bytes, seconds: float) -> float:
    """Send ``data`` (a half request) and return how long the server took to close the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds + 5) as conn:
        conn.sendall(data)
        start = time.monotonic()
        while conn.recv(1024):
            pass
        return time.monotonic() - start


@pytest.mark.parametrize(("data", "what"), [
    (b"GET / HTTP/1.1\r\nHost: x\r\n", "headers never finished"),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc", "body never finished"),
], ids=["headers", "body"])
def test_a_half_sent_request_is_closed_after_the_server_settings_timeout(data: bytes, what: str) -> None:
    settings = shared_settings()["ServerApp"]["tornado_settings"]
    assert settings["idle_connection_timeout"] == 60.0 and settings["body_timeout"] == 60.0
    holder: dict[str, Any] = {}

    def serve() -> None:
        async def main() -> None:
            server = HTTPServer(Application([("/", _Hello)], idle_connection_timeout=0.3, body_timeout=0.3))
            app = SimpleNamespace(web_app=server.request_callback, http_server=server)
            apply_http_timeouts(app)
            assert server.conn_params.header_timeout == server.conn_params.body_timeout == 0.3
            sockets = bind_sockets(0, "127.0.0.1")
            server.add_sockets(sockets)
            holder["port"] = sockets[0].getsockname()[1]
            holder["loop"] = IOLoop.current()
            holder["stop"] = asyncio.Event()
            await holder["stop"].wait()
            server.stop()

        asyncio.run(main())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while "stop" not in holder and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        took = _closed_within(holder["port"], data, 3.0)
        assert took < 2.0, f"{what}: kept open {took:.1f} s"
    finally:
        holder["loop"].add_callback(holder["stop"].set)
        thread.join(5)


def test_the_extension_applies_the_timeouts_to_a_server_that_has_none_of_its_own() -> None:
    server = HTTPServer(Application([("/", _Hello)]))
    assert server.conn_params.header_timeout == 3600 and server.conn_params.body_timeout is None
    apply_http_timeouts(SimpleNamespace(web_app=server.request_callback, http_server=server))
    assert (server.conn_params.header_timeout, server.conn_params.body_timeout) == (60.0, 60.0)
    apply_http_timeouts(SimpleNamespace(web_app=server.request_callback))  # none: nothing to set
