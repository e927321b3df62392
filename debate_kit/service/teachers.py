"""``{base}debate-kit/teachers/CODE`` (hub login, the room's owner only): name co-teachers, hand over.

Every request is checked against the hub identity (the service's OAuth cookie) and the owners kept in
the store, read again on the store thread in the same step as the change (one store thread per service:
no other change comes in between). POSTs carry tornado's XSRF token (``xsrf_cookies``). The rules are
:mod:`debate_kit.service.owners`; every name is first looked up in the hub's users
(:mod:`debate_kit.service.hub_users`): an unknown name, or a hub that cannot be asked, saves nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from jupyterhub.services.auth import HubOAuthenticated
from tornado import web

from debate_kit.core.errors import DebateKitError, InvalidInput, NotAllowed, NotFound
from debate_kit.core.validation import normalize_join_code
from debate_kit.server.hub import Hub
from debate_kit.service.auth import hub_user, room_key
from debate_kit.service.hub_users import HubUnreachable, check_hub_users
from debate_kit.service.owners import MAX_CO_TEACHERS, check_owner, handed_over, with_co_teachers
from debate_kit.service.pages import STYLE, RefusalPage
from debate_kit.store import Room

DONE = {"co-teachers": "Saved. The co-teachers can open this room's class screen from their room list."}


class TeachersHandler(HubOAuthenticated, RefusalPage):
    """``GET/POST {base}debate-kit/teachers/CODE``: the room's teachers; forms for the owner."""

    async def _room(self, code: str, change: Callable[[Room, str], tuple[str, ...]] | None = None) -> Room:
        """The room if this hub user owns it (after ``change``, if given, made on the store thread)."""
        hub: Hub = self.settings["debate_kit_hub"]
        secret: bytes = self.settings["debate_kit_secret"]
        user = hub_user(self) or ""

        def check() -> Room:
            store = hub.threads.store
            room = store.room(code)
            if not room.hub_salt:
                raise NotFound("room-unknown", "This room is not one of the hub's rooms.")
            check_owner(room.owners, user)
            if change is None:
                return room
            store.set_owners(room.id, room_key(secret, room.hub_salt), change(room, user))
            return store.room_by_id(room.id)

        try:
            normalize_join_code(code)
            return await hub.threads.run(check)
        except NotAllowed as problem:
            raise web.HTTPError(403, problem.message) from problem
        except (NotFound, InvalidInput) as problem:
            if change is None or isinstance(problem, NotFound):
                raise web.HTTPError(404, "No such room") from problem
            raise

    @web.authenticated
    async def get(self, code: str) -> None:
        room = await self._room(code)
        done = DONE.get(self.get_query_argument("done", ""), "")
        self._page(room, said=done)

    @web.authenticated
    async def post(self, code: str) -> None:
        action = self.get_body_argument("action", "")
        typed = {"co_teachers": self.get_body_argument("co_teachers", "")[:2000],
                 "new_owner": self.get_body_argument("new_owner", "")[:200]}
        keep_me = self.get_body_argument("keep_me", "") == "yes"
        if action not in ("co-teachers", "hand-over"):
            raise web.HTTPError(400, "Use the page's buttons.")

        def change(room: Room, user: str) -> tuple[str, ...]:
            if action == "co-teachers":
                return with_co_teachers(room.owners, user, typed["co_teachers"])
            return handed_over(room.owners, user, typed["new_owner"], keep_me)

        current = await self._room(code)  # the owner only (403 for anyone else), before asking the hub
        try:
            user = hub_user(self) or ""
            named = [name for name in change(current, user) if name != user]
            await check_hub_users(named, self.settings["debate_kit_ask_hub"])
            room = await self._room(code, change)  # the owners read and checked again with the change
        except DebateKitError as problem:
            current = await self._room(code)
            self.set_status(503 if isinstance(problem, HubUnreachable) else 400)
            self._page(current, problem=problem.message, typed=typed)
            return
        if action == "hand-over":
            self.redirect("../rooms", status=303)
        else:
            self.redirect(f"{room.code}?done=co-teachers", status=303)

    def _page(self, room: Room, *, said: str = "", problem: str = "",
              typed: dict[str, str] | None = None) -> None:
        e = html.escape
        co = typed["co_teachers"] if typed else "\n".join(room.owners[1:])
        new_owner = typed["new_owner"] if typed else ""
        note = (f'<p class="dk-hub-problem" role="alert">{e(problem)}</p>' if problem else "") + \
            (f'<p class="dk-hub-said" role="status">{e(said)}</p>' if said else "")
        xsrf = self.xsrf_form_html()
        self.private_headers()
        self.finish(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>debate_kit: teachers of {e(room.code)}</title><style>{STYLE}</style></head><body>
<p><a href="../rooms">Your rooms</a> · <a href="../present/{e(room.code)}">Class screen</a></p>
<h1>Teachers of {e(room.title)} ({e(room.code)})</h1>{note}
<p>Owner: <b class="dk-hub-owner">{e(room.owners[0])}</b> (you). Co-teachers can run the class screen;
only the owner changes the teachers.</p>
<h2>Co-teachers</h2><form method="post">{xsrf}<input type="hidden" name="action" value="co-teachers">
<label for="dk-co">Hub user names, one a line (at most {MAX_CO_TEACHERS}); empty: no co-teachers.</label>
<textarea id="dk-co" name="co_teachers" rows="4" maxlength="2000" autocomplete="off">{e(co)}</textarea>
<button class="dk-hub-save" type="submit">Save co-teachers</button></form>
<h2>Hand the room over</h2><form method="post">{xsrf}<input type="hidden" name="action" value="hand-over">
<label>New owner (hub user name) <input name="new_owner" maxlength="64" autocomplete="off"
value="{e(new_owner)}"></label><br><label><input type="checkbox" name="keep_me" value="yes" checked>
Stay as a co-teacher</label><br><button class="dk-hub-hand-over" type="submit">Hand over</button></form>
</body></html>""")
