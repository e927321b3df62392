"""The public student routes: the light page, its static files, the lesson text and the websocket.

They are public on purpose: students have no Jupyter token (on Binder, the token also opens terminals
and every kernel). The page and the socket are built on :class:`~debate_kit.server.public.PublicHandler`
(no login lookup at all: cheaper for a class of 500); the others are ``JupyterHandler``s decorated
``@allow_unauthenticated``. Nothing else of the server becomes public, and no teacher operation exists
on these routes. No decision rests on cookies or the Origin header
(Binder sets ``allow_origin='*'``): a socket's rights come only from its device token and the store.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from pathlib import Path
from typing import Any

from jupyter_server._tz import utcnow
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from tornado.websocket import WebSocketHandler

from debate_kit.core.errors import DebateKitError, InvalidInput
from debate_kit.core.guard import Door
from debate_kit.core.rate import MESSAGE_BURST, MESSAGES_PER_SECOND, SLOW_DOWN, Bucket
from debate_kit.core.student_protocol import MAX_MESSAGE, decode
from debate_kit.core.validation import check_id, normalize_join_code
from debate_kit.server.device import cookie_mode, device_cookie, ensure_device_cookie
from debate_kit.server.hub import Hub
from debate_kit.server.page import send_template
from debate_kit.server.page import serve as serve_page
from debate_kit.server.pinger import student_pinger
from debate_kit.server.public import PublicHandler, origin_allowed, request_address
from debate_kit.server.sockets import Sender, cancel, close_if_silent
from debate_kit.student.lesson_data import lesson_data
from debate_kit.student.session import error

log = logging.getLogger("debate_kit.server")
STATIC = Path(__file__).resolve().parent.parent / "student" / "static"
ACTIVITY_KEY = "debate_kit_last_activity"  # jupyter_server counts any *_last_activity setting
BOOT = secrets.token_hex(8)  # made once per server process: a restarted server answers another one


class Limits:
    """Per-socket and per-address limits; generous per address (a school's pupils share one NAT)."""

    messages_per_second = MESSAGES_PER_SECOND
    message_burst = MESSAGE_BURST
    address_messages_per_second = 300.0
    address_burst = 600.0
    sockets_per_address = 600
    sockets_total = 3000

    def __init__(self) -> None:
        self.by_address: dict[str, Bucket] = {}
        self.open_by_address: dict[str, int] = {}
        self.door = Door()  # wrong join codes and joins, per address and in all (core/guard.py)

    def full(self, address: str) -> bool:
        """No room for another socket: too many open in all, or from this address."""
        return (sum(self.open_by_address.values()) >= self.sockets_total
                or self.open_by_address.get(address, 0) >= self.sockets_per_address)

    def address_bucket(self, address: str) -> Bucket:
        bucket = self.by_address.get(address)
        if bucket is None:
            if len(self.by_address) > 10_000:
                self.by_address.clear()
            bucket = self.by_address[address] = Bucket(self.address_messages_per_second, self.address_burst)
        return bucket


def _settings(handler: web.RequestHandler) -> tuple[Hub, Limits]:
    return handler.settings["debate_kit_hub"], handler.settings["debate_kit_limits"]


class PageHandler(PublicHandler):
    """``GET {base}debate-kit/join[/CODE]``: the student page (no kernel, no login)."""

    def get(self, code: str | None = None) -> None:
        try:
            room = normalize_join_code(code) if code else ""
        except InvalidInput:
            room = ""
        device = "cookie" if cookie_mode(self) else "local"
        if device == "cookie":
            ensure_device_cookie(self)
        if serve_page(self, room, device):  # the page with its files inlined, in one response (page.py)
            return
        base = self.base_url
        send_template(self, STATIC / "page.html", {
            "base": base, "room": room, "static": f"{base}debate-kit/static/", "device": device,
            "version": self.settings.get("debate_kit_version", "0")})


class TeacherEntryHandler(JupyterHandler):
    """``GET {base}debate-kit/teacher?token=...``: log in, then go on to the console at a clean address.

    The token logs the browser in (a cookie); the redirect drops it from the address bar, which the
    projector shows to the class.
    """

    @web.authenticated
    def get(self) -> None:
        self.redirect(f"{self.base_url}voila/render/teacher.ipynb")


class AliveHandler(JupyterHandler):
    """``GET {base}debate-kit/alive``: ``{"boot": ID}``, for an open teacher page whose connection was lost.

    Public (a page whose kernel is gone asks it before it reloads); it tells only whether the server
    answers and whether it was restarted (another ``boot``): no version, no path, nothing private.
    """

    @allow_unauthenticated
    def get(self) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"boot": BOOT}))


class StaticHandler(web.StaticFileHandler):
    """The student page's own files (works offline: nothing from a CDN)."""

    @allow_unauthenticated
    def get(self, path: str, include_body: bool = True) -> Any:
        return super().get(path, include_body)

    @allow_unauthenticated
    def head(self, path: str) -> Any:
        return super().head(path)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "public, max-age=3600")


class LessonHandler(JupyterHandler):
    """``GET {base}debate-kit/lesson/ID.json``: the lesson's text for the reading phase."""

    @allow_unauthenticated
    def get(self, lesson_id: str) -> None:
        hub, _limits = _settings(self)
        try:
            lesson = hub.lessons(check_id(lesson_id, "lesson"))
        except DebateKitError:
            lesson = None
        if lesson is None:  # no log message: the loader logs an unknown id once (debate_kit.lesson_cache)
            raise web.HTTPError(404)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=300")
        self.finish(json.dumps(lesson_data(lesson), ensure_ascii=False))


class StudentSocket(Sender, WebSocketHandler, PublicHandler):
    """``{base}debate-kit/ws``: one per student page. Messages: docs/student-protocol.md."""

    last_view = ""
    last_ping = last_pong = 0.0  # kept by the server's one pinger (server/pinger.py) and on_pong

    def set_default_headers(self) -> None:
        """No page headers on a websocket."""

    def check_origin(self, origin: str) -> bool:
        return origin_allowed(self.settings, origin, self.request.headers.get("Host"))

    def on_pong(self, data: bytes) -> None:
        student_pinger(self.settings).pong(self)

    @property
    def max_message_size(self) -> int:  # tornado closes the socket above this; we answer below it
        return 4 * MAX_MESSAGE

    @property
    def ping_interval(self) -> int:
        """No timer of its own: the server's one pinger pings every student socket (server/pinger.py)."""
        return 0

    async def get(self, *args: Any, **kwargs: Any) -> None:
        _hub, limits = _settings(self)
        self.address = request_address(self)
        if limits.full(self.address):
            raise web.HTTPError(503, "Too many open student pages")
        await super().get(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> None:
        super().open()
        student_pinger(self.settings).add(self)
        hub, limits = _settings(self)
        limits.open_by_address[self.address] = limits.open_by_address.get(self.address, 0) + 1
        self.session = hub.new_session()
        self.session.door, self.session.address = limits.door, self.address  # used on the store thread
        if cookie_mode(self):
            self.session.device_cookie = device_cookie(self)  # the identity; hello's token is not used
        self.bucket = Bucket(limits.messages_per_second, limits.message_burst)
        self.closed = False
        self.hello_timer = close_if_silent(self, lambda: self.session.token is not None)

    async def on_message(self, text: str | bytes) -> None:
        hub, limits = _settings(self)
        self.settings[ACTIVITY_KEY] = utcnow()
        now = time.monotonic()
        if not (self.bucket.allow(now) and limits.address_bucket(self.address).allow(now)):
            self.send(error("slow-down", SLOW_DOWN))
            return
        try:
            raw = decode(text)
        except DebateKitError as problem:
            self.send(error(problem.code, problem.message))
            return
        before = self.session.room_id
        reply = await hub.threads.run(self.session.receive, raw)
        if reply is not None:
            self.send(reply)
        if not self.closed:
            hub.place(self, before)

    def on_close(self) -> None:
        hub, limits = _settings(self)
        self.closed = True
        cancel(getattr(self, "hello_timer", None))
        student_pinger(self.settings).discard(self)
        hub.leave(self, self.session.room_id)
        left = limits.open_by_address.get(self.address, 1) - 1
        if left > 0:
            limits.open_by_address[self.address] = left
        else:
            limits.open_by_address.pop(self.address, None)
