"""Helpers for the real-browser tests: open an app, join, click a dk- control, read the page.

ipywidgets puts a widget's CSS classes on its outer element: a Button is ``button.dk-join-button``, a
Text's input is ``.dk-join-name input``. Timeouts are generous but bounded (2 shared cores: a page is
ready in 3-15 s); nothing sleeps for a fixed time where a selector can be waited for.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1280, "height": 800}
READY_MS = 120_000  # a page's widgets: 3-15 s normally; much more while several pages start on a busy machine
LIVE_MS = 30_000  # what one page does shows on another (change feed + redraw): well under 1 s normally
READY = {"teacher": "button.dk-console-create", "student": ".dk-student .dk-join-button",
         "lesson": "button.dk-join-button", "results": ".dk-results, .dk-app-error, .dk-message"}


class People:
    """Browser contexts, one per person (own localStorage = own device token / teacher key)."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.contexts: list[Any] = []

    def new(self, viewport: dict[str, int] | None = None) -> Any:
        context = self.browser.new_context(viewport=viewport or PHONE)
        context.set_default_timeout(LIVE_MS)
        self.contexts.append(context)
        return context

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):  # a context whose browser already went
                context.close()
        self.contexts.clear()


def app_url(server: Any, app: str, **query: str) -> str:
    """A Voila app's address with the server's token (the teacher's pages are behind it)."""
    tail = f"?{urlencode(query)}" if query else ""
    return server.authed(f"{server.url}/voila/render/{app}.ipynb{tail}")


def student_url(server: Any, code: str = "") -> str:
    """The light student page (no token, no kernel), as the console's link gives it."""
    return f"{server.url}/debate-kit/join/{code}" if code else f"{server.url}/debate-kit/join"


def start_app(context: Any, server: Any, app: str, **query: str) -> Any:
    """Open an app without waiting for its widgets (several pages can then start together).

    The teacher console is opened as a teacher does: the link ``serve`` prints, which logs in and
    redirects to the console's clean address.
    """
    page = context.pages[0] if context.pages and context.pages[0].url == "about:blank" else context.new_page()
    url = server.teacher_login() if app == "teacher" and not query else app_url(server, app, **query)
    page.goto(url, wait_until="commit", timeout=READY_MS)
    return page


def open_student(context: Any, url: str) -> Any:
    """Open the light student page at ``url`` (the console's link) and wait for its first view."""
    page = context.pages[0] if context.pages and context.pages[0].url == "about:blank" else context.new_page()
    page.goto(url, wait_until="commit", timeout=READY_MS)
    page.wait_for_selector(".dk-join, .dk-header .dk-me:not([hidden])", state="visible", timeout=READY_MS)
    return page


def join_student(page: Any, name: str) -> None:
    """Type a name on the light page, press Join and wait until the page says who the student is."""
    page.locator("input.dk-join-name").fill(name)
    page.locator("button.dk-join-button").click()
    page.locator(".dk-me", has_text=name).wait_for(state="visible", timeout=LIVE_MS)


def poll_block(page: Any, question_start: str) -> Any:
    """A poll on the light page, by the start of its question."""
    return page.locator(".dk-poll:visible").filter(
        has=page.locator(".dk-question", has_text=question_start)).first


def vote_on(page: Any, question_start: str, option: str) -> None:
    """Tap an option on the light page and wait for the server's acknowledgement next to it."""
    block = poll_block(page, question_start)
    choice = block.locator(f"button.dk-vote-option[data-option='{option}']")
    page.wait_for_function("(el) => !el.disabled", arg=choice.element_handle(timeout=LIVE_MS),
                           timeout=LIVE_MS)
    choice.click()
    block.locator(".dk-status", has_text=f"Vote saved: {option}").wait_for(timeout=LIVE_MS)


def in_viewport(page: Any, selector: str) -> None:
    """The whole element is inside the viewport (what a projector or phone shows without scrolling)."""
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0, (selector, box)
    assert box["x"] + box["width"] <= size["width"] + 1, (selector, box, size)
    assert box["y"] + box["height"] <= size["height"] + 1, (selector, box, size)


def ready(page: Any, selector: str) -> Any:
    page.wait_for_selector(selector, state="visible", timeout=READY_MS)
    return page


def open_app(context: Any, server: Any, app: str, ready_selector: str | None = None, **query: str) -> Any:
    """Open an app and wait until its first control is shown."""
    return ready(start_app(context, server, app, **query), ready_selector or READY[app])


def button(page: Any, css: str, text: str | None = None) -> Any:
    """The visible Button with class ``css`` (and this text, when given)."""
    found = page.locator(f"button.{css}:visible")
    if text is not None:
        found = found.filter(has_text=text)
    return found.first


def click(page: Any, css: str, text: str | None = None) -> None:
    """Click a visible button once it is enabled (Playwright waits; a button that stays disabled
    fails the test after the timeout: state changes arrive as separate widget messages)."""
    button(page, css, text).click()


def fill(page: Any, css: str, value: str) -> None:
    page.locator(f".{css} input:visible, .{css} textarea:visible").first.fill(value)


def join(page: Any, name: str) -> None:
    """Type a name, press Join and wait until the page shows the student's header."""
    fill(page, "dk-join-name", name)
    click(page, "dk-join-button")
    page.wait_for_selector(".dk-header, .dk-lesson", timeout=LIVE_MS)


def text(page: Any, selector: str) -> str:
    return " ".join(page.locator(f"{selector}:visible").all_inner_texts())


def wait_text(page: Any, selector: str, expected: str, timeout_ms: int = LIVE_MS) -> None:
    """Wait until a visible element matching ``selector`` contains ``expected`` (no reload)."""
    page.locator(f"{selector}:visible", has_text=expected).first.wait_for(state="visible", timeout=timeout_ms)


def tab(page: Any, title: str) -> None:
    """Show one of the teacher console's tabs."""
    page.get_by_role("tab", name=title).click()


def poll_row(page: Any, question_start: str) -> Any:
    """The teacher's row for the poll whose question starts with ``question_start``."""
    return page.locator(".dk-poll-row").filter(
        has=page.locator(".dk-question", has_text=question_start)).first


def vote_block(page: Any, question_start: str) -> Any:
    return page.locator(".dk-vote:visible").filter(
        has=page.locator(".dk-question", has_text=question_start)).first


def wait_until(predicate: Callable[[], bool], timeout: float, step: float = 0.25) -> float:
    """Poll a condition outside the browser (store, kernel count); returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    raise AssertionError(f"not true after {timeout} s")


class Classroom:
    """A room made straight in the store (faster than through the console), and its teacher key."""

    LESSON = "new-soviet-union"

    def __init__(self, server: Any, title: str = "Test class") -> None:
        from debate_kit import config
        from debate_kit.content import load_lesson
        from debate_kit.rooms import create_lesson_room

        self.server = server
        with self.store() as store:
            room, self.key = create_lesson_room(store, load_lesson(config.readings_dir() / self.LESSON),
                                                title)
        self.code, self.room_id = room.code, room.id

    def store(self) -> Any:
        from debate_kit.store import open_store

        return open_store(self.server.db_url)

    def poll_id(self, key: str) -> int:
        with self.store() as store:
            return next(p.id for p in store.polls(self.room_id) if p.key == key)

    def set(self, *, phase: str | None = None, poll: str | None = None, state: str = "open",
            closed: bool | None = None) -> None:
        """What the teacher would do, straight in the store (the pages follow by the change feed)."""
        with self.store() as store:
            if phase is not None:
                store.set_phase(self.room_id, self.key, phase)
            if poll is not None:
                pid = next(p.id for p in store.polls(self.room_id) if p.key == poll)
                store.set_poll_state(pid, self.key, state)
            if closed is not None:
                store.set_closed(self.room_id, self.key, closed)

    def snapshot(self) -> tuple[Any, ...]:
        """Everything a teacher control could change, to compare before and after."""
        with self.store() as store:
            room = store.room_by_id(self.room_id)
            polls = tuple((p.key, p.state) for p in store.polls(self.room_id))
            return (room.phase, room.closed, room.title, polls, len(store.participants(self.room_id)),
                    len(store.rounds(self.room_id)), store.revision(self.room_id))

    def teacher(self, people: People, viewport: dict[str, int] | None = None) -> Any:
        """A browser that keeps this room's teacher key in localStorage, as the console leaves it."""
        context = people.new(viewport or PROJECTOR)
        context.add_init_script(
            f"localStorage.setItem('debate_kit.teacher.{self.code}', '{self.key}')")
        return context



def unexpected_tracebacks(log: str) -> list[str]:
    """Tracebacks in a server log that pass through debate_kit's code.

    Upstream noise is left out: jupyter_server failing to render the 404 page for a websocket to a
    kernel that is gone (server restarted, kernel reaped), and ipykernel flushing stdout on a closed
    socket while the reaper shuts a kernel down.
    """
    found = []
    for block in log.split("Traceback (most recent call last):")[1:]:
        frames = []
        for line in block.splitlines()[1:]:
            if not line.startswith(" "):
                frames.append(line)  # the exception line
                break
            frames.append(line)
        text = "\n".join(frames)
        if "/debate_kit/" in text:
            found.append(text)
    return found
