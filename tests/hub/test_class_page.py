"""A hub room's class page (debate_kit.service.class_page) on a real tornado app (XSRF cookies on) and a
SQLite store, with the stand-in for the hub's OAuth of test_room_files: the owner and co-teachers see the
class, remove a participant, lock the room, set its size and put a card on the class screen; everyone
else 403; nobody signed in: the hub login; a POST without the XSRF token changes nothing."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jupyterhub._xsrf_utils import _needs_check_xsrf, check_xsrf_cookie
from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, HTTPError

from debate_kit.core.errors import NotAllowed
from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import Assignment, Seat
from debate_kit.lesson_cache import lesson_loader
from debate_kit.server.hub import Hub
from debate_kit.service.auth import room_key
from debate_kit.service.class_page import ClassPageHandler
from debate_kit.service.handlers import NOT_YOURS, room_item
from debate_kit.service.live import LIVE_CSP, LIVE_SCRIPT
from debate_kit.store import open_store
from tests.hub import test_room_files as room_files
from tests.hub.test_room_files import READINGS, SECRET, StandInAuth

CARD = {"claim": "Prices <rose> 40%", "evidence": "Rosstat table 3", "outlet": "Rosstat",
        "behind": "the state statistics office", "others": "the IMF agrees", "trust": "high",
        "trust_reason": "official figures", "reasoning": "So prices rose", "helps": "both"}


class XsrfStandIn(StandInAuth):
    """The stand-in, checking POSTs' XSRF token as the hub's OAuth does (jupyterhub's own check)."""

    base_url = "/"

    def check_xsrf_cookie(self, handler: Any) -> None:
        check_xsrf_cookie(handler)

    def get_user(self, handler: Any) -> dict[str, str] | None:
        """As the hub's OAuth does: a script's GET (not a page view) is signed in only with the XSRF token."""
        if handler.request.method == "GET" and _needs_check_xsrf(handler):
            try:
                check_xsrf_cookie(handler)
            except HTTPError:
                return None
        return super().get_user(handler)


AUTH = XsrfStandIn()


class SignedIn:
    """A page handler signed in by the stand-in hub (X-Test-User), its XSRF token bound to that user."""

    _hub_auth = AUTH

    @property
    def _xsrf_token_id(self) -> bytes:  # the hub binds the token to the signed-in user's cookie
        return f"stand-in:{self.request.headers.get('X-Test-User', '')}".encode()


class Page(SignedIn, ClassPageHandler):
    pass


class ClassPageTest(AsyncHTTPTestCase):
    def get_app(self) -> Application:
        self.folder = Path(tempfile.mkdtemp(prefix="dk-class-page-"))
        self.url = f"sqlite:///{self.folder / 'classroom.sqlite3'}"
        with open_store(self.url) as store:
            lesson = room_files.RoomFilesTest._lesson
            self.code = lesson(store, "teacher1", "<b>Period 3</b>", co=("teacher2",))
            room = store.room(self.code)
            people = {p.name: p.id for p in store.participants(room.id)}
            store.set_phase(room.id, room_key(SECRET, room.hub_salt), "reading")
            store.save_answer(people["Xanthe"], "reading-1", "An answer <i>")
            self.card = store.save_card(people["Xanthe"], CARD).id
        self.hub = Hub(self.url, lesson_loader(READINGS))
        return Application([(r"/debate-kit/class/([^/]{1,12})", Page)], debate_kit_hub=self.hub,
                           debate_kit_secret=SECRET, hub_auth=AUTH, xsrf_cookies=True,
                           cookie_secret="test-cookie-secret")

    def tearDown(self) -> None:
        super().tearDown()
        self.hub.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, query: str = "") -> str:
        return f"/debate-kit/class/{self.code}{query}"

    def get(self, user: str | None, query: str = "") -> Any:
        headers = {"X-Test-User": user} if user else {}
        return self.fetch(self.path(query), headers=headers, follow_redirects=False)

    def post(self, user: str, form: dict[str, str], query: str = "", token: bool = True) -> Any:
        """A POST from the user's own page: its XSRF cookie and the form's token (unless ``token`` False)."""
        page = self.get(user, query)
        cookie = page.headers.get("Set-Cookie", "").split(";")[0]
        found = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode())
        body = {**form, "_xsrf": found.group(1)} if token and found else form
        return self.fetch(self.path(query), method="POST", body=urlencode(body), follow_redirects=False,
                          headers={"X-Test-User": user, "Cookie": cookie})

    def store(self) -> Any:
        return open_store(self.url)

    def test_owner_and_co_teacher_see_the_class_without_names_until_asked(self) -> None:
        for user in ("teacher1", "teacher2"):
            answer = self.get(user)
            assert answer.code == 200 and answer.headers["Cache-Control"] == "no-store", user
            csp = answer.headers["Content-Security-Policy"]
            assert csp == LIVE_CSP and "unsafe-inline" not in csp.split("script-src")[1]
            page = answer.body.decode()
            assert "2 students joined" in page and "Student 1" in page and "1 answer" in page
            assert "Xanthe" not in page and "Quentin" not in page and "dk-hub-remove" not in page
            assert "&lt;b&gt;Period 3&lt;/b&gt;" in page and "<b>Period 3" not in page
            assert f"#{self.card}: Prices &lt;rose&gt; 40%" in page and "<rose>" not in page
            assert room_key(SECRET, "0123456789abcdef" * 2) not in page
        named = self.get("teacher1", "?names=1").body.decode()
        assert "Xanthe" in named and "Quentin" in named and "by Xanthe" in named
        assert 'href="../rooms"' in named

    def test_the_page_updates_itself_with_one_static_script_allowed_by_its_hash(self) -> None:
        page = self.get("teacher1", "?names=1").body.decode()
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        assert scripts == [LIVE_SCRIPT]
        digest = base64.b64encode(hashlib.sha256(LIVE_SCRIPT.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'; connect-src 'self'" in LIVE_CSP
        live = page[page.index('id="dk-hub-live"'):page.index("<script>")]
        assert "students joined" in live and "dk-hub-door" in live and "dk-hub-cards" in live
        assert 'id="dk-hub-updated"' in page and 'role="alert"' in page
        for key in ("door", "size", f"card-{self.card}"):
            assert f'data-dk-key="{key}"' in live, key
        assert 'class="dk-hub-answers" href="../answers/' in page
        # the script pauses in a confirm step and while typing; it reads the page's own address only
        for words in (".dk-hub-confirm", "defaultValue", "Not updated: the connection dropped, trying again",
                      'searchParams.delete("remove")', 'credentials: "same-origin"'):
            assert words in LIVE_SCRIPT, words
        assert "http" not in LIVE_SCRIPT.replace("window.location.href", "")
        assert '{"X-XSRFToken": token.value}' in LIVE_SCRIPT and "searchParams.set" not in LIVE_SCRIPT

    def test_a_card_is_tagged_for_a_speech_during_the_debate(self) -> None:
        with self.store() as store:
            room = store.room(self.code)
            key = room_key(SECRET, room.hub_salt)
            ids = {p.name: str(p.id) for p in store.participants(room.id)}
            seats = (Seat(ids["Xanthe"], "proposition", 1, 1), Seat(ids["Quentin"], "opposition", 1, 1))
            round_ = store.save_round(room.id, key, Assignment(1, seats, ()), PRESETS["classroom"])
            store.publish_round(round_.id, key)
        page = self.get("teacher2").body.decode()
        assert 'class="dk-hub-tag"' in page
        assert '<option value="1st proposition">1st Proposition</option>' in page
        tag = {"action": "tag-card", "card": str(self.card), "debate": "1", "speech": "1st proposition"}
        early = self.post("teacher2", tag)
        assert early.code == 400 and "during the debate only" in early.body.decode()
        with self.store() as store:
            store.set_phase(room.id, key, "debate")
            store.set_speech(room.id, key, label="1st proposition", speaker="", seconds=180, running=True,
                             left=180.0)
        forged = self.post("teacher3", tag)
        assert forged.code == 403
        page = self.post("teacher2", tag).body.decode()
        assert f"Card #{self.card} tagged for 1st Proposition in debate 1." in page
        assert "(cited: debate 1, 1st Proposition)" in page
        with self.store() as store:
            assert [(t.card_id, t.slot, t.tagged_by) for t in store.speech_cards(room.id)] == [
                (self.card, "1st proposition", None)]
        later = self.post("teacher2", {**tag, "speech": "1st opposition"})
        assert later.code == 400 and "has not started yet" in later.body.decode()
        for wrong in ({"debate": "x"}, {"card": ""}, {"speech": "<b>3rd</b>"}):
            answer = self.post("teacher2", {**tag, **wrong})
            assert answer.code == 400 and "<b>3rd" not in answer.body.decode(), wrong
        page = self.post("teacher2", {**tag, "action": "untag-card"}).body.decode()
        assert f"Card #{self.card} untagged from 1st Proposition in debate 1." in page
        assert "cited:" not in page
        with self.store() as store:
            assert store.speech_cards(room.id) == []

    def test_everyone_else_is_refused(self) -> None:
        answer = self.get("teacher3", "?names=1")
        assert answer.code == 403 and NOT_YOURS.split(":")[0] in answer.body.decode()
        assert "Xanthe" not in answer.body.decode()
        stranger = self.get(None)
        assert stranger.code == 302 and stranger.headers["Location"].startswith("/hub/login?next=")
        forged = self.post("teacher3", {"action": "lock"})  # their own valid token: still not their room
        assert forged.code == 403
        with self.store() as store:
            assert not store.room(self.code).locked
        assert self.fetch("/debate-kit/class/NOPE0", headers={"X-Test-User": "teacher1"}).code == 404

    def test_a_post_without_the_xsrf_token_changes_nothing(self) -> None:
        answer = self.post("teacher1", {"action": "lock"}, token=False)
        assert answer.code == 403 and "_xsrf" in answer.body.decode()
        with self.store() as store:
            assert not store.room(self.code).locked

    def test_remove_asks_first_then_takes_the_votes_out_of_the_tally(self) -> None:
        with self.store() as store:
            room = store.room(self.code)
            xanthe = next(p.id for p in store.participants(room.id) if p.name == "Xanthe")
            poll = next(p for p in store.polls(room.id) if p.key == "motion-main-pre")
        assert self.get("teacher2", "?names=1&remove=%C2%B2").code == 200  # not a number: nobody asked
        asked = self.get("teacher2", f"?names=1&remove={xanthe}").body.decode()
        assert "Remove <b>Xanthe</b>? Their 1 vote and 1 answer will no longer count" in asked
        assert "Yes, remove Xanthe" in asked
        answer = self.post("teacher2", {"action": "remove", "participant": str(xanthe)}, "?names=1")
        page = answer.body.decode()
        assert answer.code == 200, page
        assert "Removed Xanthe: their 1 vote and 1 answer no longer count." in page
        assert "1 student joined" in page and "No evidence cards yet" in page  # hers went too
        with self.store() as store:
            assert store.votes(poll.id) == {next(iter(store.votes(poll.id))): "Against"}
            assert [p.name for p in store.participants(room.id)] == ["Quentin"]
        again = self.post("teacher2", {"action": "remove", "participant": str(xanthe)}, "?names=1")
        assert again.code == 400 and "not in this room" in again.body.decode()

    def test_a_hidden_name_stays_hidden_in_the_removal_message(self) -> None:
        with self.store() as store:
            pid = store.participants(store.room(self.code).id)[1].id
        page = self.post("teacher1", {"action": "remove", "participant": str(pid)}).body.decode()
        assert "Removed Student 2: their 1 vote no longer counts." in page and "Quentin" not in page

    def test_lock_refuses_a_new_join_and_the_size_is_checked(self) -> None:
        page = self.post("teacher1", {"action": "lock"}).body.decode()
        assert "The room is locked" in page and "Let new students join" in page
        with self.store() as store:
            room = store.room(self.code)
            try:
                store.join(room.id, "Late", "late" * 8)
                raise AssertionError("a locked room let someone in")
            except NotAllowed as refused:
                assert refused.code == "room-locked"
        for typed in ("lots", "0", "9999999", "²"):
            answer = self.post("teacher1", {"action": "size", "size": typed})
            assert answer.code == 400 and "whole number from 1 to 5000" in answer.body.decode(), typed
        page = self.post("teacher1", {"action": "size", "size": "2"}).body.decode()
        assert "Up to 2 students can join this room. 2 are in already" in page
        page = self.post("teacher1", {"action": "unlock"}).body.decode()
        assert "The room is open" in page and "Full: 2 joined" in page
        with self.store() as store:
            room = store.room(self.code)
            assert not room.locked and room.max_people == 2

    def test_a_card_goes_on_the_class_screen_and_off(self) -> None:
        page = self.post("teacher2", {"action": "show-card", "card": str(self.card)}).body.decode()
        assert f"Card #{self.card} is on the class screen" in page and "(on the class screen now)" in page
        assert "Xanthe" not in page
        with self.store() as store:
            assert store.room(self.code).shown_card == self.card
        assert self.post("teacher2", {"action": "show-card", "card": "999"}).code == 400
        assert self.post("teacher2", {"action": "nonsense"}).code == 400
        page = self.post("teacher2", {"action": "hide-card"}).body.decode()
        assert "The card is off the class screen." in page
        with self.store() as store:
            assert store.room(self.code).shown_card is None


def test_the_room_list_links_the_class_page() -> None:
    from debate_kit.store.models import Room

    room = Room(id=1, code="K7QF", title="P3", lesson="x", phase="lobby", closed=False, revision=1,
                created_at="", rubric_min=1, rubric_max=5, rubric_criteria=(), owners=("t1", "t2"),
                hub_salt="s")
    for user in ("t1", "t2"):
        assert 'class="dk-hub-class" href="class/K7QF"' in room_item(room, user)
