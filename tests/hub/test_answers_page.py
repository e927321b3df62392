"""A hub room's answers page (debate_kit.service.answers_page) on a real tornado app and a SQLite store,
with the stand-in for the hub's OAuth of test_room_files: the owner and co-teachers read the class's
answers grouped by prompt in lesson order (the console's grouping), names only with ``?names=1``, every
text escaped, one prompt with ``?prompt=ID``; everyone else 403; nobody signed in: the hub login."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application

from debate_kit.lesson_cache import lesson_loader
from debate_kit.server.hub import Hub
from debate_kit.service.answers_page import AnswersHandler
from debate_kit.service.handlers import NOT_YOURS, room_item
from debate_kit.service.live import LIVE_CSP
from debate_kit.store import open_store
from tests.hub import test_room_files as room_files
from tests.hub.test_class_page import AUTH, SignedIn
from tests.hub.test_room_files import READINGS, SECRET


class Answers(SignedIn, AnswersHandler):
    pass


class AnswersPageTest(AsyncHTTPTestCase):
    def get_app(self) -> Application:
        self.folder = Path(tempfile.mkdtemp(prefix="dk-answers-page-"))
        url = f"sqlite:///{self.folder / 'classroom.sqlite3'}"
        with open_store(url) as store:
            lesson = room_files.RoomFilesTest._lesson
            self.code = lesson(store, "teacher1", "<b>Period 3</b>", co=("teacher2",))
            room = store.room(self.code)
            people = {p.name: p.id for p in store.participants(room.id)}
            store.save_answer(people["Xanthe"], "opening-claim", "Zebra <script>alert(1)</script>")
            store.save_answer(people["Quentin"], "opening-claim", "A new pole & more")
            store.save_answer(people["Quentin"], "opening-language", "   ")  # blank: left out
        self.hub = Hub(url, lesson_loader(READINGS))
        return Application([(r"/debate-kit/answers/([^/]{1,12})", Answers)], debate_kit_hub=self.hub,
                           debate_kit_secret=SECRET, hub_auth=AUTH, xsrf_cookies=True,
                           cookie_secret="test-cookie-secret")

    def tearDown(self) -> None:
        super().tearDown()
        self.hub.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def get(self, user: str | None, query: str = "") -> Any:
        headers = {"X-Test-User": user} if user else {}
        return self.fetch(f"/debate-kit/answers/{self.code}{query}", headers=headers, follow_redirects=False)

    def test_the_answers_by_prompt_without_names_until_asked(self) -> None:
        for user in ("teacher1", "teacher2"):
            answer = self.get(user)
            assert answer.code == 200 and answer.headers["Cache-Control"] == "no-store", user
            assert answer.headers["Content-Security-Policy"] == LIVE_CSP
            page = answer.body.decode()
            assert "2 answer(s) in all." in page and 'id="dk-hub-live"' in page
            assert "Xanthe" not in page and "Quentin" not in page
            assert "Who wrote which answer is hidden" in page
            claim = page.index("taking shape")
            first, second = page.index("A new pole &amp; more", claim), page.index("Zebra &lt;script&gt;")
            assert first < second  # sorted by text: the order gives nobody away
            assert "<script>alert" not in page and "&lt;b&gt;Period 3&lt;/b&gt;" in page
            assert page.index("taking shape") < page.index("history always seems to repeat")  # lesson order
        named = self.get("teacher1", "?names=1").body.decode()
        assert "<b>Quentin</b>: " in named and "<b>Xanthe</b>: " in named
        assert "Who wrote which answer is hidden" not in named

    def test_one_prompt_and_an_unknown_prompt(self) -> None:
        page = self.get("teacher1", "?prompt=opening-language").body.decode()
        assert "history always seems to repeat" in page and "(0 answers)" in page
        assert "Zebra" not in page and '<option value="opening-language" selected>' in page
        everything = self.get("teacher1", "?prompt=%3Cnope%3E").body.decode()
        assert "Zebra" in everything and "<nope>" not in everything

    def test_everyone_else_is_refused(self) -> None:
        answer = self.get("teacher3", "?names=1")
        assert answer.code == 403 and NOT_YOURS.split(":")[0] in answer.body.decode()
        assert "Xanthe" not in answer.body.decode() and "Zebra" not in answer.body.decode()
        stranger = self.get(None)
        assert stranger.code == 302 and stranger.headers["Location"].startswith("/hub/login?next=")
        assert self.fetch("/debate-kit/answers/NOPE0", headers={"X-Test-User": "teacher1"}).code == 404


def test_the_room_list_links_the_answers() -> None:
    from debate_kit.store.models import Room

    room = Room(id=1, code="K7QF", title="P3", lesson="x", phase="lobby", closed=False, revision=1,
                created_at="", rubric_min=1, rubric_max=5, rubric_criteria=(), owners=("t1", "t2"),
                hub_salt="s")
    for user in ("t1", "t2"):
        assert 'class="dk-hub-answers" href="answers/K7QF"' in room_item(room, user)
