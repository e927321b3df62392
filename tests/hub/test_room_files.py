"""A hub room's zip and results page (debate_kit.service.room_files) on a real tornado app and SQLite
store, with the hub's OAuth replaced by a stand-in that names the user from a test header: only the
room's owner and co-teachers get the data; others 403 with a message; nobody signed in: the hub login."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application

from debate_kit.content import load_lesson
from debate_kit.lesson_cache import lesson_loader
from debate_kit.rooms import create_lesson_room
from debate_kit.server.hub import Hub
from debate_kit.service.auth import room_key
from debate_kit.service.handlers import NOT_YOURS, room_item
from debate_kit.service.room_files import ExportHandler, ResultsHandler
from debate_kit.store import open_store

READINGS = Path(__file__).resolve().parents[2] / "readings"
SECRET = b"test-service-secret"


class StandInAuth:
    """The hub's OAuth for tests: the user named in ``X-Test-User`` (none: not signed in)."""

    access_scopes = None
    login_url = "/hub/login"

    def get_user(self, handler: Any) -> dict[str, str] | None:
        name = handler.request.headers.get("X-Test-User")
        return {"name": name, "kind": "user"} if name else None

    def _persist_url_token_if_set(self, handler: Any) -> None:
        return None


AUTH = StandInAuth()


class Export(ExportHandler):
    _hub_auth = AUTH


class Results(ResultsHandler):
    _hub_auth = AUTH


class RoomFilesTest(AsyncHTTPTestCase):
    def get_app(self) -> Application:
        self.folder = Path(tempfile.mkdtemp(prefix="dk-room-files-"))
        url = f"sqlite:///{self.folder / 'classroom.sqlite3'}"
        with open_store(url) as store:
            self.code = self._lesson(store, "teacher1", "<b>Period 3</b>", co=("teacher2",))
            self.plain_code = store.create_room("Laptop room", "new-soviet-union")[0].code  # not a hub room
        self.hub = Hub(url, lesson_loader(READINGS))
        return Application([(r"/debate-kit/export/([^/]{1,12})", Export),
                            (r"/debate-kit/results/([^/]{1,12})", Results)],
                           debate_kit_hub=self.hub, debate_kit_secret=SECRET, hub_auth=AUTH)

    def tearDown(self) -> None:
        super().tearDown()
        self.hub.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _lesson(store: Any, owner: str, title: str, co: tuple[str, ...] = ()) -> str:
        salt = "0123456789abcdef" * 2
        key = room_key(SECRET, salt)
        room, _ = create_lesson_room(store, load_lesson(READINGS / "new-soviet-union"), title,
                                     hub=(owner, salt, key))
        store.set_owners(room.id, key, (owner, *co))
        poll = next(p for p in store.polls(room.id) if p.key == "motion-main-pre")
        store.set_poll_state(poll.id, key, "open")
        for name, choice in (("Xanthe", "For"), ("Quentin", "Against")):
            person = store.join(room.id, name, name.lower() * 16)
            store.cast_vote(poll.id, person.id, choice)
        return room.code

    def get(self, path: str, user: str | None) -> Any:
        headers = {"X-Test-User": user} if user else {}
        return self.fetch(path, headers=headers, follow_redirects=False)

    def test_owner_and_co_teacher_download_the_rooms_csv_files(self) -> None:
        for user in ("teacher1", "teacher2"):
            answer = self.get(f"/debate-kit/export/{self.code}", user)
            assert answer.code == 200, (user, answer.code)
            assert answer.headers["Content-Type"] == "application/zip"
            disposition = answer.headers["Content-Disposition"]
            assert disposition == f'attachment; filename="debate-kit-{self.code}.zip"'
            assert answer.headers["Cache-Control"] == "no-store"
            with zipfile.ZipFile(io.BytesIO(answer.body)) as archive:
                names = set(archive.namelist())
                raw = archive.read(f"{self.code}/participants.csv").decode()
                people = list(csv.DictReader(io.StringIO(raw)))
                readable = archive.read(f"{self.code}/readable/votes.csv").decode("utf-8-sig")
            assert {f"{self.code}/votes.csv", f"{self.code}/rooms.csv"} <= names
            assert sorted(p["name"] for p in people) == ["Quentin", "Xanthe"]
            assert "Xanthe" in readable and "For" in readable

    def test_everyone_else_is_refused_with_a_message(self) -> None:
        for path in (f"/debate-kit/export/{self.code}", f"/debate-kit/results/{self.code}"):
            answer = self.get(path, "teacher3")
            assert answer.code == 403, path
            assert "Content-Disposition" not in answer.headers
            text = answer.body.decode()
            assert NOT_YOURS.split(":")[0] in text and "Xanthe" not in text and "PK" not in text[:2]
            stranger = self.get(path, None)  # not signed in to the hub: its login, then back here
            assert stranger.code == 302 and stranger.headers["Location"].startswith("/hub/login?next=")
        for code in (self.plain_code, "NOPE0", "%3Cb%3E"):  # a laptop room, no room, not a code
            assert self.get(f"/debate-kit/export/{code}", "teacher1").code == 404, code

    def test_a_removed_co_teacher_is_refused_at_once(self) -> None:
        with open_store(self.hub.threads.url) as store:
            room = store.room(self.code)
            store.set_owners(room.id, room_key(SECRET, room.hub_salt), ("teacher1",))
        assert self.get(f"/debate-kit/export/{self.code}", "teacher2").code == 403
        assert self.get(f"/debate-kit/export/{self.code}", "teacher1").code == 200

    def test_the_results_page_hides_names_unless_asked(self) -> None:
        answer = self.get(f"/debate-kit/results/{self.code}", "teacher2")
        assert answer.code == 200 and answer.headers["Cache-Control"] == "no-store"
        assert "script-src" not in answer.headers["Content-Security-Policy"]  # no script at all
        page = answer.body.decode()
        assert f"Results: &lt;b&gt;Period 3&lt;/b&gt; ({self.code})" in page and "<b>Period 3" not in page
        assert "2 participants" in page and "Xanthe" not in page
        assert f'href="../export/{self.code}"' in page and 'href="?names=1"' in page
        named = self.get(f"/debate-kit/results/{self.code}?names=1", "teacher1").body.decode()
        assert "Xanthe" in named and "Quentin" in named


def test_the_room_list_links_results_and_the_zip_for_every_teacher() -> None:
    from debate_kit.store.models import Room

    room = Room(id=1, code="K7QF", title="P3", lesson="x", phase="lobby", closed=False, revision=1,
                created_at="", rubric_min=1, rubric_max=5, rubric_criteria=(), owners=("t1", "t2"),
                hub_salt="s")
    for user in ("t1", "t2"):
        item = room_item(room, user)
        assert 'href="results/K7QF"' in item and 'href="export/K7QF"' in item
    assert 'href="teachers/K7QF"' in room_item(room, "t1")
    assert "teachers/" not in room_item(room, "t2")
