"""A hub room's Sides page (debate_kit.service.sides_page) on a real tornado app (XSRF cookies on) and a
SQLite store, with the stand-in for the hub's OAuth: the owner and co-teachers plan the debates, preview
the seats (the core's assign_sides: the same seed seats the class the same way), swap by hand and
publish (the store's own round calls); a class that changed since the preview is shown again, not
published; names only with ``?names=1``; everyone else 403; a POST without the XSRF token changes
nothing."""

from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application

from debate_kit.core.sides import DEFAULT_PLAN, assign_sides, swap_seats
from debate_kit.lesson_cache import lesson_loader
from debate_kit.server.hub import Hub
from debate_kit.service.handlers import NOT_YOURS, room_item
from debate_kit.service.sides_page import CHANGED, SidesPageHandler
from debate_kit.service.sides_plan import readable
from debate_kit.store import open_store
from tests.hub import test_room_files as room_files
from tests.hub.test_class_page import AUTH, SignedIn
from tests.hub.test_room_files import READINGS, SECRET


class Sides(SignedIn, SidesPageHandler):
    pass


class FormValues(HTMLParser):
    """What a browser would send for the page's form: inputs' values and each select's chosen option."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and (self.select not in self.values or "selected" in a):
            self.values[self.select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def form_of(page: str) -> dict[str, str]:
    parser = FormValues()
    parser.feed(page)
    return parser.values


class SidesPageTest(AsyncHTTPTestCase):
    cookie = ""

    def get_app(self) -> Application:
        self.folder = Path(tempfile.mkdtemp(prefix="dk-sides-page-"))
        self.url = f"sqlite:///{self.folder / 'classroom.sqlite3'}"
        with open_store(self.url) as store:
            lesson = room_files.RoomFilesTest._lesson
            self.code = lesson(store, "teacher1", "<b>Period 3</b>", co=("teacher2",))
            room = store.room(self.code)
            for name in ("Ana", "Ben", "Cy", "Dee <i>"):
                store.join(room.id, name, (name[:2].lower() + "x") * 11)
            self.people = {p.name: str(p.id) for p in store.participants(room.id)}
        self.hub = Hub(self.url, lesson_loader(READINGS))
        return Application([(r"/debate-kit/sides/([^/]{1,12})", Sides)], debate_kit_hub=self.hub,
                           debate_kit_secret=SECRET, hub_auth=AUTH, xsrf_cookies=True,
                           cookie_secret="test-cookie-secret")

    def tearDown(self) -> None:
        super().tearDown()
        self.hub.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def get(self, user: str | None, query: str = "") -> Any:
        headers = {"X-Test-User": user} if user else {}
        return self.fetch(f"/debate-kit/sides/{self.code}{query}", headers=headers, follow_redirects=False)

    def post(self, user: str, page: Any, changes: dict[str, str], query: str = "", token: bool = True) -> Any:
        """The page's form as a browser sends it, with ``changes`` (the button pressed, fields typed)."""
        cookie = page.headers.get("Set-Cookie", "").split(";")[0] or self.cookie
        self.cookie = cookie  # tornado sets the XSRF cookie once; later pages reuse it
        body = {**form_of(page.body.decode()), **changes}
        if not token:
            body.pop("_xsrf", None)
        return self.fetch(f"/debate-kit/sides/{self.code}{query}", method="POST", body=urlencode(body),
                          follow_redirects=False, headers={"X-Test-User": user, "Cookie": cookie})

    def rounds(self) -> list[Any]:
        with open_store(self.url) as store:
            return [(r, {str(s.participant_id): (s.role, s.debate, s.speaker) for s in store.seats(r.id)})
                    for r in store.rounds(store.room(self.code).id)]

    def test_preview_then_publish_seats_the_class_as_the_core_does(self) -> None:
        page = self.get("teacher2")
        assert page.code == 200 and page.headers["Cache-Control"] == "no-store"
        text = page.body.decode()
        assert "Student 6" in text and "Xanthe" not in text and "&lt;b&gt;Period 3" in text
        assert "dk-hub-sides-publish" not in text  # nothing to publish before a preview
        preview = self.post("teacher2", page, {"action": "preview", "seed": "4242"})
        shown = preview.body.decode()
        assert preview.code == 200 and "Preview (students see nothing yet)" in shown, shown
        assert self.rounds() == []
        expected = assign_sides(sorted(self.people.values()), DEFAULT_PLAN, seed=4242)
        published = self.post("teacher2", preview, {"action": "publish"})
        assert "Published: every student now sees their side and role." in published.body.decode()
        [(round_, seats)] = self.rounds()
        assert round_.published and round_.seed == 4242
        assert seats == {s.participant: (s.role, s.debate, s.speaker) for s in expected.seats}
        # Reopened, the page shows the published round; a swap there changes it at once (same round).
        again = self.get("teacher1", "?names=1")
        text = again.body.decode()
        assert "Published: what the students see" in text and "Dee &lt;i&gt;" in text
        a = self.people["Ana"]
        b = next(p for p in self.people.values() if seats[p][0] != seats[a][0])
        swapped = self.post("teacher1", again, {"action": "swap", "swap_a": a, "swap_b": b}, "?names=1")
        assert "the students see it now" in swapped.body.decode()
        [(same, after)] = self.rounds()
        assert same.id == round_.id and after[a] == seats[b] and after[b] == seats[a]

    def test_a_swap_after_the_preview_and_a_class_that_changed(self) -> None:
        preview = self.post("teacher1", self.get("teacher1"), {"action": "preview", "seed": "7"})
        seated = assign_sides(sorted(self.people.values()), DEFAULT_PLAN, seed=7)
        debater = next(s.participant for s in seated.seats if s.role == "proposition")
        judge = next(s.participant for s in seated.seats if s.role != "proposition")
        swapped = self.post("teacher1", preview, {"action": "swap", "swap_a": debater, "swap_b": judge})
        assert "Swapped. Publish to show the change" in swapped.body.decode() and self.rounds() == []
        with open_store(self.url) as store:  # someone joins before the teacher publishes
            late = str(store.join(store.room(self.code).id, "Late", "late" * 8).id)
        changed = self.post("teacher1", swapped, {"action": "publish"})
        assert changed.code == 400 and CHANGED.split(":")[0] in changed.body.decode().replace("&#x27;", "'")
        assert self.rounds() == []
        published = self.post("teacher1", changed, {"action": "publish"})
        assert published.code == 200 and "Published" in published.body.decode()
        [(_round, seats)] = self.rounds()
        again = assign_sides(sorted([*self.people.values(), late]), DEFAULT_PLAN, seed=7)
        expected = swap_seats(again, debater, judge)  # seated again with Late, the swap kept
        assert seats == {s.participant: (s.role, s.debate, s.speaker) for s in expected.seats}

    def test_locks_pairs_and_wrong_values_are_checked(self) -> None:
        page = self.get("teacher1", "?names=1")
        ana = self.people["Ana"]
        lock = {"action": "lock", "lock_who": ana, "lock_role": "judge"}
        locked = self.post("teacher1", page, lock, "?names=1")
        assert "Locks: Ana → Judge." in locked.body.decode()
        preview = self.post("teacher1", locked, {"action": "preview"}, "?names=1")
        published = self.post("teacher1", preview, {"action": "publish"}, "?names=1")
        assert published.code == 200
        [(_round, seats)] = self.rounds()
        assert seats[ana][0] == "judge"
        page = self.get("teacher1")
        for changes, words in (({"action": "preview", "debates": "0"}, "The number of debates"),
                               ({"action": "preview", "seed": "lots"}, "The seed is a whole number"),
                               ({"action": "preview", "speech": "99"}, "A speech lasts 0.5 to 20 minutes"),
                               ({"action": "lock", "lock_role": "king"}, "Choose a role"),
                               ({"action": "lock", "lock_who": "999"}, "Choose a student who is in the room"),
                               ({"action": "apart", "apart_a": ana, "apart_b": ana}, "two different"),
                               ({"action": "publish"}, "Make a preview first"),
                               ({"action": "preview", "locks": "x:judge"}, "form was changed"),
                               ({"action": "preview", "format": "<nope>"}, "Choose one of the formats")):
            answer = self.post("teacher1", page, changes)
            assert answer.code == 400 and words in answer.body.decode().replace("&#x27;", "'"), changes
        wrong = {"action": "preview", "debates": "3", "seed": "lots"}
        kept = self.post("teacher1", page, wrong).body.decode()
        assert 'name="debates" type="number" min="1" max="50" step="1" value="3"' in kept  # shown as typed
        assert 'value="lots"' in kept
        assert self.post("teacher1", page, {"action": "nonsense"}).code == 400
        assert len(self.rounds()) == 1

    def test_everyone_else_is_refused_and_a_post_needs_the_token(self) -> None:
        answer = self.get("teacher3", "?names=1")
        assert answer.code == 403 and NOT_YOURS.split(":")[0] in answer.body.decode()
        assert "Xanthe" not in answer.body.decode()
        stranger = self.get(None)
        assert stranger.code == 302 and stranger.headers["Location"].startswith("/hub/login?next=")
        with open_store(self.url) as store:  # teacher3's own room gives them a valid XSRF token
            their_code = room_files.RoomFilesTest._lesson(store, "teacher3", "Theirs")
        theirs = self.fetch(f"/debate-kit/sides/{their_code}", headers={"X-Test-User": "teacher3"})
        assert theirs.code == 200
        forged = self.post("teacher3", theirs, {"action": "preview"})  # their own valid token, not their room
        assert forged.code == 403 and "Student 1" not in forged.body.decode()
        own = self.get("teacher1")
        no_token = self.post("teacher1", own, {"action": "preview"}, token=False)
        assert no_token.code == 403 and self.rounds() == []
        assert self.fetch("/debate-kit/sides/NOPE0", headers={"X-Test-User": "teacher1"}).code == 404


def test_messages_name_students_as_the_page_does() -> None:
    labels = {"12": "Student 1", "15": "Student 2"}
    said = readable("12 and 15 should be kept apart, but…", labels)
    assert said.startswith("Student 1 and Student 2 should")
    assert readable("15 cannot be placed as locked: x", labels) == "Student 2 cannot be placed as locked: x"
    assert readable("Debate 1 is short", labels) == "Debate 1 is short"


def test_the_room_list_links_the_sides() -> None:
    from debate_kit.store.models import Room

    room = Room(id=1, code="K7QF", title="P3", lesson="x", phase="lobby", closed=False, revision=1,
                created_at="", rubric_min=1, rubric_max=5, rubric_criteria=(), owners=("t1", "t2"),
                hub_salt="s")
    for user in ("t1", "t2"):
        assert re.search(r'class="dk-hub-sides" href="sides/K7QF"', room_item(room, user))
