"""A half-dead Wi-Fi on the light page, against a real server (issue 16, item 6).

The page's websocket goes through Playwright's routing (``page.route_web_socket``): while the Wi-Fi is
"half dead", the page's frames still reach the server but nothing comes back. An answer is saved by the
server; its ack never arrives. The page says "Still trying…" after 3 s, gives the silent socket up after
10 s, reconnects and sends the answer once more (same id, same key); the server answers it as the same
action: one ack on the page, one answer in the store with its first time stamp.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import pytest

from tests.browser.helpers import Classroom, join_student, open_student, student_url

pytestmark = pytest.mark.browser
STILL_TRYING = "Still trying to reach the class server… Keep this page open."


class HalfDeadWifi:
    """Routes the page's websocket; after ``fail()`` the socket open now brings nothing back to the page
    (its frames still reach the server); the page's next socket works."""

    def __init__(self) -> None:
        self.dead: set[int] = set()
        self.sockets = 0
        self.actions: list[dict[str, Any]] = []  # what the page sent, over every socket
        self.lock = threading.Lock()

    def route(self, ws: Any) -> None:
        server = ws.connect_to_server()
        with self.lock:
            self.sockets += 1
            number = self.sockets

        def up(message: str | bytes) -> None:
            data = json.loads(message)
            if data.get("type") != "hello":
                with self.lock:
                    self.actions.append(data)
            server.send(message)

        def down(message: str | bytes) -> None:
            if number not in self.dead:
                ws.send(message)

        ws.on_message(up)
        server.on_message(down)

    def fail(self) -> None:
        with self.lock:
            self.dead.add(self.sockets)


def test_an_answer_on_a_half_dead_wifi_says_still_trying_then_is_retried_once_and_stored_once(
        server: Any, people: Any) -> None:
    room = Classroom(server)
    wifi = HalfDeadWifi()
    page = people.new().new_page()
    page.route_web_socket(re.compile(r".*/debate-kit/ws$"), wifi.route)
    open_student(page.context, student_url(server, room.code))
    join_student(page, "Ana")
    room.set(phase="reading")
    prompt = page.locator(".dk-prompt:visible").first
    prompt.locator("textarea.dk-answer").fill("The treaty was never carried out.")
    status = prompt.locator(".dk-status")
    banner = page.locator(".dk-banner")

    wifi.fail()
    prompt.locator("button.dk-answer-save").click()
    status.filter(has_text=STILL_TRYING).wait_for(timeout=6_000)  # 3 s, in words
    assert banner.inner_text().startswith("Still trying to reach the class server…")
    assert "saved" not in status.inner_text().lower()
    with room.store() as store:  # the server did save it: only its ack was lost
        first = [(a.prompt, a.text, a.updated_at) for a in store.answers(room.room_id)]
    assert [text for _, text, _ in first] == ["The treaty was never carried out."]

    # The page gives the silent socket up after 10 s and opens another, which works.
    status.filter(has_text="Answer saved.").wait_for(timeout=30_000)
    assert wifi.sockets == 2
    answers = [a for a in wifi.actions if a["type"] == "answer"]
    assert len(answers) == 2 and answers[0] == answers[1], answers  # the same action, sent twice
    assert len(answers[0]["key"]) >= 8
    page.wait_for_function("document.querySelector('.dk-banner').textContent === ''")
    with room.store() as store:  # stored once: the retry wrote nothing
        assert [(a.prompt, a.text, a.updated_at) for a in store.answers(room.room_id)] == first
    page.wait_for_timeout(500)
    assert status.inner_text() == "Answer saved." and len(answers) == 2
