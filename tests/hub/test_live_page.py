"""The class page's self-updating script (debate_kit.service.live) in Chromium, against the class page on
a real tornado server with the stand-in for the hub's OAuth (which, like the hub, signs a script's GET in
only with the page's XSRF token): a join shows up without a reload; typing in a field, a typed value or a
choice in a list not yet sent and a "Remove …?" question pause the updates; the keyboard focus stays on
its button; a dropped connection says so and the page recovers."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tornado.web import Application

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import Assignment, Seat
from debate_kit.lesson_cache import lesson_loader
from debate_kit.server.hub import Hub
from debate_kit.service.auth import room_key
from debate_kit.store import open_store
from debate_kit.testing import free_port
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS
from tests.hub import test_room_files as room_files
from tests.hub.test_class_page import AUTH, CARD, Page
from tests.hub.test_room_files import READINGS, SECRET

pytestmark = pytest.mark.browser
SOON = 15_000  # ms: three rounds of the script's 5 s


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, str, str]]:
    """The class page on a tornado server in a thread: (page address, database URL, room code)."""
    folder = Path(tempfile.mkdtemp(prefix="dk-live-page-"))
    url = f"sqlite:///{folder / 'classroom.sqlite3'}"
    with open_store(url) as store:
        code = room_files.RoomFilesTest._lesson(store, "teacher1", "Period 3")
        room = store.room(code)
        store.set_phase(room.id, room_key(SECRET, room.hub_salt), "reading")  # cards open with the reading
        ids = {p.name: p.id for p in store.participants(room.id)}
        store.save_card(ids["Xanthe"], CARD)
        key = room_key(SECRET, room.hub_salt)  # sides out: the form to tag a card shows
        seats = (Seat(str(ids["Xanthe"]), "proposition", 1, 1), Seat(str(ids["Quentin"]), "opposition", 1, 1))
        round_ = store.save_round(room.id, key, Assignment(1, seats, ()), PRESETS["classroom"])
        store.publish_round(round_.id, key)
    port, ready, loop = free_port(), threading.Event(), asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        hub = Hub(url, lesson_loader(READINGS))
        app = Application([(r"/debate-kit/class/([^/]{1,12})", Page)], debate_kit_hub=hub,
                          debate_kit_secret=SECRET, hub_auth=AUTH, xsrf_cookies=True, cookie_secret="x")
        app.listen(port, "127.0.0.1")
        ready.set()
        loop.run_forever()
        hub.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(30)
    yield f"http://127.0.0.1:{port}/debate-kit/class/{code}", url, code
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def page(served: tuple[str, str, str]) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(extra_http_headers={"X-Test-User": "teacher1"})
        yield context.new_page()
        browser.close()


def join(db_url: str, code: str, name: str) -> None:
    with open_store(db_url) as store:
        store.join(store.room(code).id, name, name.lower().ljust(32, "x"))


def test_the_class_page_updates_itself_and_waits_for_the_teacher(page: Any,
                                                                 served: tuple[str, str, str]) -> None:
    address, db_url, code = served
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(address + "?names=1")
    page.locator(".dk-hub-joined", has_text="2 students joined").wait_for()
    join(db_url, code, "Ana")
    page.locator(".dk-hub-joined", has_text="3 students joined").wait_for(timeout=SOON)
    assert page.locator(".dk-hub-updated").inner_text().startswith("Updated ")
    assert "Ana" in page.locator(".dk-hub-people").inner_text()
    fresh = page.locator("#dk-hub-live").inner_text()  # the whole part came over, in order
    for words in ("Who may come in", "Room size", "Evidence cards", "Prices <rose> 40%"):
        assert words in fresh, words

    # The keyboard focus stays on its button across an update.
    page.locator("button.dk-hub-card-show").focus()
    join(db_url, code, "Ben")
    page.locator(".dk-hub-joined", has_text="4 students joined").wait_for(timeout=SOON)
    assert page.evaluate("document.activeElement.getAttribute('data-dk-key')").startswith("card-")

    # Typing in the size field (and a typed size not yet sent) pauses the updates; the value stays.
    size = page.locator("input.dk-hub-size")
    size.fill("40")
    page.locator(".dk-hub-updated", has_text="Not updating while you type").wait_for(timeout=SOON)
    page.locator("button.dk-hub-lock").focus()
    join(db_url, code, "Cy")
    page.locator(".dk-hub-updated", has_text="send or clear what you typed").wait_for(timeout=SOON)
    assert size.input_value() == "40" and "4 students joined" in page.locator(".dk-hub-joined").inner_text()
    size.fill(page.locator("input.dk-hub-size").get_attribute("value") or "")
    page.locator("button.dk-hub-lock").focus()
    page.locator(".dk-hub-joined", has_text="5 students joined").wait_for(timeout=SOON)

    # So does a choice in a list not yet sent (the speech to tag a card for).
    speech = page.locator(".dk-hub-tag select[name=speech]")
    speech.select_option(index=1)
    page.locator("button.dk-hub-lock").focus()
    join(db_url, code, "Cyd")
    page.locator(".dk-hub-updated", has_text="send what you chose").wait_for(timeout=SOON)
    speech.select_option(index=0)
    page.locator("button.dk-hub-lock").focus()
    page.locator(".dk-hub-joined", has_text="6 students joined").wait_for(timeout=SOON)

    # A "Remove …?" question pauses them too.
    page.locator("a.dk-hub-remove").first.click()
    page.locator(".dk-hub-confirm").wait_for()
    page.locator(".dk-hub-updated", has_text="Not updating while you confirm").wait_for(timeout=SOON)
    page.locator("a.dk-hub-remove-cancel").click()

    # The connection drops: the page says so, then recovers by itself.
    page.route("**/debate-kit/class/**", lambda route: route.abort())
    page.locator(".dk-hub-dropped", has_text="Not updated: the connection dropped, trying again").wait_for(
        timeout=SOON)
    page.unroute("**/debate-kit/class/**")
    join(db_url, code, "Dee")
    page.locator(".dk-hub-joined", has_text="7 students joined").wait_for(timeout=SOON)
    assert page.locator(".dk-hub-dropped").inner_text() == ""
    assert not [e for e in errors if "Content Security Policy" in e], errors
