"""The teacher's side of the JupyterHub service: rooms owned by hub users, and the class screen.

``debate-kit/rooms`` (hub login): the teacher's rooms (class screen, class page, results, data) and a
form to make one. ``debate-kit/present/CODE`` (hub login, owners only): the class screen with the
presenter's buttons, over ``debate-kit/present-ws``, whose every message is checked against the store
and the hub identity (never against the page). The students' routes are the server extension's, unchanged
(public, no hub login).
"""

from __future__ import annotations

import html
import json
from typing import Any

from jupyterhub.services.auth import HubOAuthenticated
from tornado import web
from tornado.ioloop import PeriodicCallback
from tornado.websocket import WebSocketHandler

from debate_kit.core.errors import DebateKitError, NotAllowed
from debate_kit.core.validation import normalize_join_code
from debate_kit.links import student_link
from debate_kit.projector.controls import Presenter, controls_for
from debate_kit.projector.qr import qr_rows
from debate_kit.projector.view import projector_view
from debate_kit.rooms import create_lesson_room
from debate_kit.rounds import publish_default_sides
from debate_kit.server.hub import Hub
from debate_kit.server.page import send_template
from debate_kit.server.projector import PROJECTOR_STATIC, projector_values
from debate_kit.server.sockets import Sender
from debate_kit.service import auth_cache_seconds
from debate_kit.service.auth import hub_user, new_salt, room_key, still_signed_in
from debate_kit.store import Room, Store
from debate_kit.student.session import error
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.widgets.session import ClassSession

NOT_YOURS = "This room belongs to another teacher: ask them to add you as a co-teacher."
SIGNED_OUT = "You signed out of the hub: sign in again, then reload this page."
HUB_SILENT = "The hub did not say whether you are still signed in: nothing was done. Try again."


def teacher_session(store: Store, room: Room, user: str, secret: bytes, hub: Hub) -> ClassSession:
    """A teacher session for ``user`` in ``room``, if the hub user teaches it (on the store thread)."""
    if user not in room.owners or not room.hub_salt:
        raise NotAllowed("not-your-room", NOT_YOURS)
    return ClassSession(store, room, hub.lessons(room.lesson), teacher_key=room_key(secret, room.hub_salt))


def room_item(room: Room, user: str) -> str:
    """A room in the teacher's list: its class screen, class page, answers, sides, results and data; its
    teachers' page for the owner."""
    code = html.escape(room.code)
    item = (f'<li><a href="present/{code}">{html.escape(room.title)} ({code})</a>'
            f' · <a class="dk-hub-class" href="class/{code}">Class</a>'
            f' · <a class="dk-hub-answers" href="answers/{code}">Answers</a>'
            f' · <a class="dk-hub-sides" href="sides/{code}">Sides</a>'
            f' · <a class="dk-hub-results" href="results/{code}">Results</a>'
            f' · <a class="dk-hub-export" href="export/{code}" download>Download (zip)</a>')
    if room.owners[0] == user:
        return f'{item} · <a class="dk-hub-teachers" href="teachers/{code}">Teachers</a></li>'
    return f"{item} (co-teacher; owner: {html.escape(room.owners[0])})</li>"


class RoomsHandler(HubOAuthenticated, web.RequestHandler):
    """``GET/POST {base}debate-kit/rooms``: my rooms, and a new one for a lesson."""

    @web.authenticated
    async def get(self) -> None:
        hub: Hub = self.settings["debate_kit_hub"]
        user = hub_user(self) or ""
        rooms = await hub.threads.run(lambda: [r for r in hub.threads.store.rooms() if user in r.owners])
        lessons = self.settings["debate_kit_lessons"]()
        items = "".join(room_item(r, user) for r in rooms) or "<li>No rooms yet.</li>"
        options = "".join(f'<option value="{html.escape(i)}">{html.escape(t)}</option>' for i, t in lessons)
        self.set_header("Cache-Control", "no-store")
        self.finish(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>debate_kit: your rooms</title>
<style>body{{font:20px system-ui,sans-serif;max-width:40em;margin:1em auto;padding:0 1em}}
button,select,input{{font:inherit;padding:.3em .6em}}</style></head><body>
<h1>Your debate rooms</h1><p>Signed in as <b>{html.escape(user)}</b> (your hub account).</p>
<ul class="dk-hub-rooms">{items}</ul>
<h2>New room</h2><form method="post">{self.xsrf_form_html()}
<label>Lesson <select name="lesson">{options}</select></label>
<label>Class <input name="title" maxlength="120" placeholder="e.g. Period 3"></label>
<button class="dk-hub-create" type="submit">Create room</button></form></body></html>""")

    @web.authenticated
    async def post(self) -> None:
        hub: Hub = self.settings["debate_kit_hub"]
        user = hub_user(self) or ""
        lesson = hub.lessons(self.get_body_argument("lesson", "")[:80])
        if lesson is None:
            raise web.HTTPError(400, "Choose one of the lessons in the list.")
        title = self.get_body_argument("title", "")[:120] or lesson.title[:120]
        salt = new_salt()
        key = room_key(self.settings["debate_kit_secret"], salt)
        room, _key = await hub.threads.run(
            lambda: create_lesson_room(hub.threads.store, lesson, title, hub=(user, salt, key)))
        self.redirect(f"present/{room.code}")


class PresentPageHandler(HubOAuthenticated, web.RequestHandler):
    """``GET {base}debate-kit/present/CODE``: the class screen with the presenter's buttons."""

    @web.authenticated
    def get(self, code: str) -> None:
        try:
            room = normalize_join_code(code)
        except DebateKitError as problem:
            raise web.HTTPError(404, "No such room") from problem
        send_template(self, PROJECTOR_STATIC / "projector.html",
                      projector_values(self.settings["base_url"], room, self.settings, "present"))


class PresentMember:
    """A present-mode socket's session in the room's channel: the class screen plus its buttons."""

    def __init__(self, session: ClassSession, link: tuple[str, bool], hub: Hub, user: str) -> None:
        self.session = session
        self.user = user
        self.dropped: Any = None  # called once the room's owners no longer include ``user``
        self.room_id = session.room.id
        self.link = link
        self.hub = hub
        self.presenter = Presenter(session, lambda: self._sides())

    def _sides(self) -> str:
        assert self.session.teacher_key is not None
        publish_default_sides(self.session.store, self.room_id, self.session.teacher_key)
        return "The sides are out."

    def perform(self, control: str) -> str:
        """A button, if ``user`` still teaches the room (the owners read again: on the store thread)."""
        if self.user not in self.session.store.room_by_id(self.room_id).owners:
            raise NotAllowed("not-your-room", NOT_YOURS)
        return self.presenter.perform(control)

    def view(self, snap: RoomSnapshot | None) -> dict[str, Any] | None:
        if snap is None:
            return None
        if self.user not in snap.room.owners:  # removed as a co-teacher, or the room handed over
            if self.dropped is not None:
                self.dropped()
            return None
        link, reachable = self.link
        view = projector_view(snap, self.hub.lessons(snap.room.lesson), link=link, reachable=reachable,
                              qr=list(qr_rows(link)) if link else [])
        return {**view, "controls": [c for c in controls_for(snap) if c["id"] != "console"]}


class PresentSocket(Sender, HubOAuthenticated, WebSocketHandler):
    """``{base}debate-kit/present-ws``: hello (room, page) once, then control messages; hub login."""

    last_view = ""
    watch: PeriodicCallback | None = None  # asks the hub again, every auth_cache_seconds (at least 2 s)

    def open(self, *args: Any, **kwargs: Any) -> None:
        self.hub: Hub = self.settings["debate_kit_hub"]
        self.user = hub_user(self)
        self.member: PresentMember | None = None
        self.closed = False
        if self.user is None:
            self.send(error("hub-login", "Sign in to the hub again, then reload this page."))
            self.close()

    def clear_cookie(self, *args: Any, **kwargs: Any) -> None:
        """jupyterhub clears the cookie of a login the hub no longer knows; a socket cannot set cookies
        (tornado raises), so the page's next load does it."""

    @property
    def session(self) -> Any:  # what the room's channel asks its members
        return self.member

    async def on_message(self, text: str | bytes) -> None:
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise ValueError
        except ValueError:
            self.send(error("message-json", "The screen sent something unreadable."))
            return
        if self.member is None:
            await self._hello(raw)
        elif raw.get("type") == "control" and isinstance(raw.get("id"), str) and len(raw["id"]) <= 40:
            signed_in = await still_signed_in(self, self.user or "")
            if signed_in is None:
                self.send({"type": "said", "text": HUB_SILENT})
                return
            if not signed_in:
                self._drop(NotAllowed("hub-login", SIGNED_OUT))
                return
            try:
                said = await self.hub.threads.run(self.member.perform, raw["id"])
            except DebateKitError as problem:
                if problem.code == "not-your-room":
                    self._drop(problem)
                    return
                said = problem.message
            self.send({"type": "said", "text": said})

    def _drop(self, problem: DebateKitError) -> None:
        """No longer a teacher of this room, or no longer signed in: say so and close."""
        if not self.closed:
            self.send(error(problem.code, problem.message))
            self.close()
            self.closed = True

    async def _recheck(self) -> None:
        """An open class screen ends with the teacher's hub session (a logout, an expired login)."""
        if not self.closed and await still_signed_in(self, self.user or "") is False:
            self._drop(NotAllowed("hub-login", SIGNED_OUT))

    async def _hello(self, raw: dict[str, Any]) -> None:
        page = raw.get("page")
        page = page if isinstance(page, str) and len(page) <= 500 and page.startswith(("http:", "https:")) \
            else ""

        def check() -> PresentMember:
            store = self.hub.threads.store
            room = store.room(raw.get("room"))
            session = teacher_session(store, room, self.user or "", self.settings["debate_kit_secret"],
                                      self.hub)
            link = student_link(page, room.code) if page else ("", False)
            return PresentMember(session, link, self.hub, self.user or "")

        try:
            self.member = await self.hub.threads.run(check)
        except DebateKitError as problem:
            self.send(error(problem.code, problem.message))
            self.close()
            return
        self.member.dropped = lambda: self._drop(NotAllowed("not-your-room", NOT_YOURS))
        self.hub.place(self, None)
        self.watch = PeriodicCallback(self._recheck, 1000 * max(2, auth_cache_seconds()))
        self.watch.start()

    def on_close(self) -> None:
        self.closed = True
        if self.watch is not None:
            self.watch.stop()
        if self.member is not None:
            self.hub.leave(self, self.member.room_id)
