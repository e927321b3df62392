"""A hub room's teachers page (debate_kit.service.teachers) on a real tornado app (XSRF cookies on) and
a SQLite store, with the stand-in for the hub's OAuth and a stand-in for the hub's user API: every name
the owner saves (co-teachers, a new owner) is looked up first; an unknown name, a service without the
scope to look, or a hub that does not answer saves nothing and says why; nobody else may even ask."""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application

from debate_kit.core.errors import InvalidInput
from debate_kit.lesson_cache import lesson_loader
from debate_kit.server.hub import Hub
from debate_kit.service.hub_users import NO_SCOPE, UNREACHABLE, HubUnreachable, check_hub_users, verdict
from debate_kit.service.teachers import TeachersHandler
from debate_kit.store import open_store
from tests.hub import test_room_files as room_files
from tests.hub.test_class_page import AUTH, SignedIn
from tests.hub.test_room_files import READINGS, SECRET

USERS = {"teacher1", "teacher2", "teacher3"}


class Teachers(SignedIn, TeachersHandler):
    pass


class TeachersPageTest(AsyncHTTPTestCase):
    def get_app(self) -> Application:
        self.folder = Path(tempfile.mkdtemp(prefix="dk-teachers-page-"))
        self.url = f"sqlite:///{self.folder / 'classroom.sqlite3'}"
        with open_store(self.url) as store:
            self.code = room_files.RoomFilesTest._lesson(store, "teacher1", "Period 3")
        self.hub = Hub(self.url, lesson_loader(READINGS))
        self.asked: list[str] = []
        self.hub_answer: int | None = None  # every lookup answers this (None: the users above)
        return Application([(r"/debate-kit/teachers/([^/]{1,12})", Teachers)], debate_kit_hub=self.hub,
                           debate_kit_secret=SECRET, hub_auth=AUTH, xsrf_cookies=True,
                           cookie_secret="test-cookie-secret", debate_kit_ask_hub=self.ask)

    async def ask(self, name: str) -> int:
        self.asked.append(name)
        if self.hub_answer is not None:
            return self.hub_answer
        return 200 if name in USERS else 404

    def tearDown(self) -> None:
        super().tearDown()
        self.hub.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def post(self, user: str, form: dict[str, str]) -> Any:
        path = f"/debate-kit/teachers/{self.code}"
        page = self.fetch(path, headers={"X-Test-User": user}, follow_redirects=False)
        cookie = page.headers.get("Set-Cookie", "").split(";")[0]
        found = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode())
        body = {**form, "_xsrf": found.group(1)} if found else form
        return self.fetch(path, method="POST", body=urlencode(body), follow_redirects=False,
                          headers={"X-Test-User": user, "Cookie": cookie})

    def owners(self) -> tuple[str, ...]:
        with open_store(self.url) as store:
            return store.room(self.code).owners

    def test_known_co_teachers_are_saved_after_the_hub_is_asked(self) -> None:
        answer = self.post("teacher1", {"action": "co-teachers", "co_teachers": "teacher2\nteacher3"})
        assert answer.code == 303, answer.body
        assert self.owners() == ("teacher1", "teacher2", "teacher3")
        assert self.asked == ["teacher2", "teacher3"]

    def test_an_unknown_name_is_refused_and_nothing_is_saved(self) -> None:
        answer = self.post("teacher1", {"action": "co-teachers", "co_teachers": "teacher2, ghost<b>x"})
        assert answer.code == 400 and "is not a hub user name" in answer.body.decode()  # shape first
        assert self.asked == []
        answer = self.post("teacher1", {"action": "co-teachers", "co_teachers": "teacher2, teacher9"})
        page = answer.body.decode()
        assert answer.code == 400 and "No hub user is called &#x27;teacher9&#x27;" in page, page
        assert "Nothing was saved" in page and "teacher9" in page.split("<textarea")[1]  # kept to fix
        answer = self.post("teacher1", {"action": "hand-over", "new_owner": "teacher9", "keep_me": "yes"})
        assert answer.code == 400 and "No hub user is called" in answer.body.decode()
        assert self.owners() == ("teacher1",)
        assert self.post("teacher1", {"action": "hand-over", "new_owner": "teacher3"}).code == 303
        assert self.owners() == ("teacher3",)

    def test_a_hub_that_cannot_say_saves_nothing(self) -> None:
        for status, said in ((0, UNREACHABLE), (599, UNREACHABLE), (500, UNREACHABLE), (403, NO_SCOPE)):
            self.hub_answer = status
            answer = self.post("teacher1", {"action": "co-teachers", "co_teachers": "teacher2"})
            assert answer.code == 503 and html.escape(said) in answer.body.decode(), status
            assert self.owners() == ("teacher1",)

    def test_nobody_else_may_make_the_service_ask(self) -> None:
        answer = self.post("teacher2", {"action": "co-teachers", "co_teachers": "teacher2"})
        assert answer.code == 403 and self.asked == [] and self.owners() == ("teacher1",)


def test_the_verdict_and_the_lookups() -> None:
    verdict({"a": 200, "b": 200})
    verdict({})
    for statuses, kind in (({"a": 200, "b": 404}, InvalidInput), ({"a": 404, "b": 403}, HubUnreachable),
                           ({"a": 502}, HubUnreachable)):
        try:
            verdict(statuses)
            raise AssertionError(statuses)
        except kind:
            pass
    asked: list[str] = []

    async def ask(name: str) -> int:
        asked.append(name)
        return 200

    asyncio.run(check_hub_users(["b", "a", "b"], ask))
    assert asked == ["b", "a"]  # each name once
