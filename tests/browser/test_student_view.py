"""The student front-end module (debate_kit/student/static/student.js) alone, in a real browser.

No Jupyter and no debate_kit server: a tiny http.server on 127.0.0.1 serves the static folder (ES
modules need http) and a harness page that renders the module with a fake model
(``window.fakeModel``: get/set/on/off/send; ``send`` records the actions). One page is reused for the
module's tests; the light page's host (page.js + page.html) gets its own context with a fake WebSocket.
Each phase's example view is checked on a phone (360 x 740): key controls inside the screen, no
horizontal scroll, 44 px tap targets, and no serious or critical axe-core problem.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import PHONE, PROJECTOR  # Chromium: the package's `browser` fixture (conftest)

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "debate_kit" / "student" / "static"
MS = 5_000  # everything here is local: a few ms normally
STILL_TRYING = "Still trying to reach the class server… Keep this page open."
OFFLINE = ("Not connected: your answer was not saved. Try again when the page says it is connected.")
EVIL = "<b>bold</b><img src=x onerror=alert(1)>"

HARNESS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Student view test</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/tokens.css"><link rel="stylesheet" href="/static/student.css"></head>
<body><main id="app"></main>
<script type="module">
import widget from "/static/student.js";
function makeModel(attrs) {
  const handlers = {};
  return {
    attrs, sent: [],
    get(name) { return this.attrs[name]; },
    set(name, value) { this.attrs[name] = value; this.fire("change:" + name, this, value); },
    on(name, cb) { (handlers[name] ||= new Set()).add(cb); },
    off(name, cb) { if (handlers[name]) handlers[name].delete(cb); },
    send(message) { this.sent.push(JSON.parse(JSON.stringify(message))); },
    save_changes() {},
    fire(name, ...args) { for (const cb of [...(handlers[name] || [])]) cb(...args); },
    reply(msg) { this.fire("msg:custom", msg, []); },
    listeners() { return Object.values(handlers).reduce((n, s) => n + s.size, 0); },
  };
}
let cleanup = null;
window.mount = (attrs) => {
  if (cleanup) cleanup();
  window.fakeModel = makeModel(attrs);
  cleanup = widget.render({ model: window.fakeModel, el: document.getElementById("app") });
  window.scrollTo(0, 0);
};
window.unmount = () => { if (cleanup) cleanup(); cleanup = null; };
window.harnessReady = true;
</script></body></html>
"""

# A fake WebSocket for the light page: the test opens, answers and drops it.
FAKE_SOCKET = """
window.sockets = [];
class FakeSocket {
  constructor(url) { this.url = url; this.readyState = 0; this.sent = []; window.sockets.push(this); }
  send(text) { if (this.readyState !== 1) throw new Error("not open"); this.sent.push(JSON.parse(text)); }
  close() { this._drop(); }
  _open() { this.readyState = 1; this.onopen && this.onopen({}); }
  _msg(obj) { this.onmessage && this.onmessage({ data: JSON.stringify(obj) }); }
  _drop() { if (this.readyState === 3) return; this.readyState = 3; this.onclose && this.onclose({}); }
}
FakeSocket.CONNECTING = 0; FakeSocket.OPEN = 1; FakeSocket.CLOSING = 2; FakeSocket.CLOSED = 3;
window.WebSocket = FakeSocket;
"""

# ---- example views -----------------------------------------------------------------------------

ROOM = {"code": "K7QF", "title": "Year 11", "phase": "pre-vote", "phase_label": "Vote before the debate",
        "closed": False}
POLL = {"id": 12, "question": "This house believes that school uniforms should be abolished.",
        "options": ["For", "Against", "Undecided"], "state": "open",
        "state_text": "Voting is open: you can change your vote until the poll closes.", "mine": None,
        "section": None, "results": None}
REVEALED = {**POLL, "state": "revealed", "mine": "Against",
            "state_text": "Voting has closed. Here are the results.",
            "results": {"total": 27, "rows": [{"option": "For", "count": 12, "percent": 44},
                                              {"option": "Against", "count": 10, "percent": 37},
                                              {"option": "Undecided", "count": 5, "percent": 19}]}}
SECTION_POLL = {**POLL, "id": 30, "question": "Do you trust this source?", "options": ["Yes", "No"],
                "section": "s2"}
LESSON = {
    "id": "test-lesson", "title": "A Union State?", "origin": "Written for this test.",
    "sections": [
        {"id": "s1", "title": "The treaty", "paragraphs": ["In 1999 two states signed a treaty.",
                                                           "Few of its parts were carried out."],
         "prompts": [{"id": "s1-claim", "kind": "claim", "text": "What does the essay claim?"},
                     {"id": "s1-evidence", "kind": "evidence", "text": "What evidence does it give?"}],
         "readings": [{"id": "r1", "title": "A different view", "written": "2026-11-28",
                       "paragraphs": ["Others read the treaty differently."],
                       "sources": [{"id": "1", "outlet": "Reuters", "title": "Treaty talks",
                                    "date": "2025-03-13", "url": "https://example.org/treaty"},
                                   {"id": "2", "outlet": "Blog", "title": "Bad link", "date": "",
                                    "url": "javascript:alert(1)"}]}]},
        {"id": "s2", "title": "Today", "paragraphs": ["What is left of it now."],
         "prompts": [{"id": "s2-question", "kind": "question", "text": "Which question would you ask?"}],
         "readings": []},
    ],
}
SEAT = {"round": 1, "text": "You are: Proposition, 2nd speaker, in debate 1.", "role": "proposition",
        "debate": 1, "speaker": 2,
        "order": [{"order": 1, "label": "1st Proposition", "speaker": "Ada", "minutes": 3},
                  {"order": 2, "label": "1st Opposition", "speaker": "Bartholomew-Fitzgerald", "minutes": 3},
                  {"order": 3, "label": "Proposition rebuttal", "speaker": "Chloé", "minutes": 2},
                  {"order": 4, "label": "Opposition rebuttal", "speaker": "Dev", "minutes": 2}],
        "judges": ["Bo", "Eli"]}
SCORING = {"open": True, "text": "Score each rebuttal from 1 (weak) to 5 (strong).", "min": 1, "max": 5,
           "criteria": [{"id": "clash", "label": "Clash", "help": "Did they answer the other side?"},
                        {"id": "delivery", "label": "Delivery", "help": "Clear and confident?"}],
           "speeches": [{"id": 4, "label": "Proposition rebuttal (Ada)", "mine": None},
                        {"id": 5, "label": "Opposition rebuttal (Bo)",
                         "mine": {"values": {"clash": 4, "delivery": 2}, "comment": "Good answers"}}]}
RESULTS = {"swings": [{"motion": "This house believes that school uniforms should be abolished.",
                       "before": {"For": 40.0, "Against": 45.0, "Undecided": 15.0},
                       "after": {"For": 52.4, "Against": 38.1, "Undecided": 9.5},
                       "change": {"For": 12.4, "Against": -6.9, "Undecided": -5.5},
                       "winner": "For", "voters_before": 20, "voters_after": 21}],
           "speeches": [{"label": "Proposition rebuttal (Ada)", "n": 5, "mean": 3.4},
                        {"label": "Opposition rebuttal (Bo)", "n": 4, "mean": 2.75}]}


def join_view(code: str = "K7QF", hub_user: str | None = None) -> dict[str, Any]:
    return {"stage": "join", "room": {**ROOM, "phase": "join", "phase_label": "Join"} if code else None,
            "join": {"code": code, "hub_user": hub_user}, "me": None, "notice": "", "polls": [],
            "reading": None, "seat": None, "scoring": None, "results": None}


def room_view(phase: str = "pre-vote", label: str = "Vote before the debate", **parts: Any) -> dict[str, Any]:
    view = {"stage": "room", "room": {**ROOM, "phase": phase, "phase_label": label}, "join": None,
            "me": {"name": "Ada"}, "notice": "", "polls": [], "reading": None, "seat": None,
            "scoring": None, "results": None}
    view.update(parts)
    return view


def reading_view(answers: dict[str, str] | None = None) -> dict[str, Any]:
    return room_view("reading", "Read and question the essay", polls=[SECTION_POLL],
                     reading={"lesson": "test-lesson", "answers": answers or {}})


WAITING = room_view("join", "Join", notice="Wait for your teacher to start. This page updates by itself.")
SCREENS: dict[str, tuple[dict[str, Any], Any, list[str]]] = {
    # name: (view, lesson, key controls that must be on the screen)
    "join": (join_view(), None, [".dk-join-code", ".dk-join-name", ".dk-join-button", ".dk-join-anon"]),
    "waiting": (WAITING, None, [".dk-notice", ".dk-phase"]),
    "open-vote": (room_view(polls=[POLL]), None, [".dk-question", ".dk-vote-option >> nth=0",
                                                  ".dk-vote-option >> nth=2"]),
    "revealed-vote": (room_view("post-vote", "Vote after the debate", polls=[REVEALED]), None,
                      [".dk-poll-results", ".dk-bar-row >> nth=2"]),
    "reading": (reading_view({"s1-claim": "It claims a union."}), LESSON,
                [".dk-section-select", ".dk-answer >> nth=0", ".dk-answer-save >> nth=0", ".dk-section-next",
                 ".dk-source-link"]),
    "seat": (room_view("sides", "Sides and roles", seat=SEAT), None, [".dk-seat-text", ".dk-running-order"]),
    "scoring": (room_view("scoring", "Score the rebuttals", scoring=SCORING), None,
                [".dk-score-speech", ".dk-score-label >> nth=0", ".dk-score-comment", ".dk-score-submit"]),
    "results": (room_view("results", "Results", results=RESULTS), None, [".dk-swing", ".dk-speech-scores"]),
}

# ---- the little web server and the page -----------------------------------------------------------


class Handler(SimpleHTTPRequestHandler):
    """/static/* from the static folder; /harness.html; /page/ (page.html filled in); the lesson."""

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/harness.html":
            self.reply(HARNESS.encode(), "text/html")
        elif path == "/page/":
            page = (STATIC / "page.html").read_text()
            for key, value in {"base": "/", "room": "K7QF", "static": "/static/", "version": "t1"}.items():
                page = page.replace("{{" + key + "}}", value)
            self.reply(page.encode(), "text/html")
        elif path == "/debate-kit/lesson/test-lesson.json":
            self.reply(json.dumps(LESSON).encode(), "application/json")
        elif path.startswith("/static/"):
            self.path = self.path[len("/static"):]
            super().do_GET()
        else:
            self.send_error(404)

    def reply(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(STATIC)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(f"{site}/harness.html")
    tab.wait_for_function("window.harnessReady === true")
    yield tab
    context.close()
    assert not errors, errors


def mount(page: Any, view: dict[str, Any] | None, lesson: Any = None, connection: str | None = None) -> None:
    attrs: dict[str, Any] = {"view": view, "lesson": lesson}
    if connection is not None:
        attrs["connection"] = connection
    page.evaluate("(attrs) => window.mount(attrs)", attrs)


def set_attr(page: Any, name: str, value: Any) -> None:
    page.evaluate("([name, value]) => window.fakeModel.set(name, value)", [name, value])


def sent(page: Any) -> list[dict[str, Any]]:
    """The actions sent, each checked for its key (a retry's name for it), then without it."""
    messages: list[dict[str, Any]] = page.evaluate("window.fakeModel.sent")
    keys = [m.pop("key", None) for m in messages]
    assert all(re.fullmatch(r"[0-9a-f]{24}", str(k)) for k in keys) and len(set(keys)) == len(keys), keys
    return messages


def reply(page: Any, msg: dict[str, Any]) -> None:
    page.evaluate("(msg) => window.fakeModel.reply(msg)", msg)


def on_screen(page: Any, selector: str) -> None:
    """The element is visible and wholly inside the phone's screen once scrolled to."""
    found = page.locator(f"#app {selector}")
    found.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    box = found.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, f"{selector}: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] + 0.5, f"{selector}: {box}"


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px phone"


def small_targets(page: Any) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll(
        '#app button, #app select, #app input[type=text], #app textarea, #app summary, #app .dk-score-label, '
        + '#app a')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([, r]) => r.height < 44 || r.width < 44)
      .map(([el, r]) => `${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)}`)""")


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {' '.join(str(t) for t in n['target'])}: {n['html'][:160]}"
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
            for n in v["nodes"]]


def status_in(page: Any, container: str) -> Any:
    return page.locator(f"#app {container} .dk-status").first


# ---- the module ---------------------------------------------------------------------------------


@pytest.mark.parametrize("screen", list(SCREENS))
def test_each_screen_on_a_phone(page: Any, screen: str) -> None:
    view, lesson, controls = SCREENS[screen]
    mount(page, view, lesson)
    if screen == "reading":
        page.locator("#app .dk-counter-reading summary").first.click()
    for selector in controls:
        on_screen(page, selector)
    no_horizontal_scroll(page)
    assert not small_targets(page), small_targets(page)
    page.evaluate("window.scrollTo(0, 0)")
    problems = serious_violations(page)
    assert not problems, "axe-core:\n" + "\n".join(problems)


def test_a_laptop_shows_the_reading_and_results_without_sideways_scroll(page: Any) -> None:
    page.set_viewport_size(PROJECTOR)
    try:
        for name in ("reading", "results"):
            view, lesson, _controls = SCREENS[name]
            mount(page, view, lesson)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PROJECTOR["width"], f"{name}: {width} px"
            column = page.locator("#app").bounding_box()
            assert column is not None and column["width"] <= 0.6 * PROJECTOR["width"]  # a readable column
    finally:
        page.set_viewport_size(PHONE)


def test_join_sends_the_code_and_name_and_shows_errors_under_the_buttons(page: Any) -> None:
    mount(page, join_view())
    assert page.locator("#app .dk-join-code").input_value() == "K7QF"
    page.locator("#app .dk-join-button").click()  # no name yet: refused here, nothing sent
    assert "name" in status_in(page, ".dk-join").inner_text()
    assert sent(page) == []
    page.get_by_label("Your name").fill("Ada")
    page.locator("#app .dk-join-button").click()
    assert sent(page) == [{"type": "join", "id": 1, "room": "K7QF", "name": "Ada", "anonymous": False}]
    reply(page, {"type": "error", "id": 1, "code": "name-taken", "message": "Someone has that name."})
    assert status_in(page, ".dk-join").inner_text() == "Someone has that name."
    assert page.locator("#app .dk-join .dk-status").get_attribute("role") == "status"
    page.locator("#app .dk-join-anon").click()
    assert sent(page)[-1] == {"type": "join", "id": 2, "room": "K7QF", "name": "", "anonymous": True}
    reply(page, {"type": "ack", "id": 2, "message": "Welcome, Quiet Otter."})
    set_attr(page, "view", WAITING)
    assert page.locator("#app .dk-join").count() == 0
    assert "Welcome, Quiet Otter." in page.locator("#app .dk-status-global").inner_text()
    assert "Wait for your teacher" in page.locator("#app .dk-notice").inner_text()


def test_a_hub_user_joins_with_the_account_name(page: Any) -> None:
    mount(page, join_view("", hub_user="ann"))
    name = page.locator("#app .dk-join-name")
    assert name.input_value() == "ann" and name.get_attribute("readonly") is not None
    assert not page.locator("#app .dk-join-anon").is_visible()
    page.locator("#app .dk-join-code").fill("k7qf")
    page.locator("#app .dk-join-code").press("Enter")
    assert sent(page) == [{"type": "join", "id": 1, "room": "k7qf", "name": "ann", "anonymous": False}]


def test_a_vote_is_sent_saved_and_its_error_shown_beside_the_options(page: Any) -> None:
    mount(page, room_view(polls=[POLL]))
    option = page.locator("#app .dk-vote-option[data-option='For']")
    option.click()
    assert sent(page) == [{"type": "vote", "id": 1, "poll": 12, "option": "For"}]
    assert option.get_attribute("aria-pressed") == "true"
    assert "Saving" in option.inner_text()
    reply(page, {"type": "ack", "id": 1, "message": "Vote saved."})
    assert "Saved" in option.inner_text()
    assert status_in(page, ".dk-poll").inner_text() == "Vote saved."
    set_attr(page, "view", room_view(polls=[{**POLL, "mine": "For"}]))
    assert option.get_attribute("aria-pressed") == "true" and "Saved" in option.inner_text()
    against = page.locator("#app .dk-vote-option[data-option='Against']")
    against.click()
    reply(page, {"type": "error", "id": 2, "code": "poll-closed", "message": "Voting has closed."})
    assert status_in(page, ".dk-poll").inner_text() == "Voting has closed."
    assert against.get_attribute("aria-pressed") == "false" and option.get_attribute("aria-pressed") == "true"
    set_attr(page, "view", room_view(polls=[{**POLL, "mine": "For", "state": "closed"}]))
    assert page.locator("#app .dk-vote-option:disabled").count() == 3
    assert option.get_attribute("aria-pressed") == "true"


def test_an_error_without_id_answers_the_oldest_waiting_action(page: Any) -> None:
    """The server refuses a message it could not read (too many at once, too big) with id null."""
    mount(page, room_view(polls=[POLL]))
    page.locator("#app .dk-vote-option[data-option='Undecided']").click()
    reply(page, {"type": "error", "id": None, "code": "slow-down", "message": "Too many messages at once."})
    assert status_in(page, ".dk-poll").inner_text() == "Too many messages at once."
    assert page.locator("#app .dk-vote-option[aria-pressed='true']").count() == 0
    reply(page, {"type": "error", "id": None, "code": "room-unknown", "message": "No room has that code."})
    assert page.locator("#app .dk-status-global").inner_text() == "No room has that code."


def test_keyboard_only_tab_to_an_option_and_vote_with_enter_and_space(page: Any) -> None:
    mount(page, room_view(polls=[POLL]))
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('dk-vote-option')"):
            break
    assert page.evaluate("document.activeElement.dataset.option") == "For"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert [m["option"] for m in sent(page)] == ["For", "Against"]
    focus = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                     return s.outlineStyle + ' ' + s.outlineWidth; }""")
    assert focus.startswith("solid") and not focus.endswith(" 0px"), f"no visible focus: {focus}"


def test_many_views_redraw_only_what_changed_and_keep_focus(page: Any) -> None:
    mount(page, room_view(polls=[POLL, {**POLL, "id": 13, "question": "Second motion"}]))
    page.locator("#app .dk-vote-option[data-option='Against']").first.focus()
    page.evaluate("document.querySelector('#app .dk-vote-option').dataset.mark = 'kept'")
    page.evaluate("""(views) => { for (let i = 0; i < 200; i++) window.fakeModel.set('view',
        structuredClone(views[i % 2])); }""",
                  [room_view(polls=[POLL, {**POLL, "id": 13, "question": "Second motion"}]),
                   room_view(polls=[POLL, {**POLL, "id": 13, "question": "Second motion", "mine": "For"}])])
    assert page.evaluate("document.querySelector('#app .dk-vote-option').dataset.mark") == "kept"
    assert page.evaluate("document.activeElement.dataset.option") == "Against"


def test_the_reading_keeps_typed_text_and_saves_answers(page: Any) -> None:
    mount(page, reading_view({"s1-claim": "Old answer"}), None)
    assert page.locator("#app .dk-reading-wait").is_visible()  # the lesson comes later (page.js fetches it)
    set_attr(page, "lesson", LESSON)
    claim = page.locator("#app textarea.dk-answer[data-prompt='s1-claim']")
    evidence = page.locator("#app textarea.dk-answer[data-prompt='s1-evidence']")
    assert claim.input_value() == "Old answer"
    evidence.click()
    page.keyboard.type("I am still typ")
    page.evaluate("document.querySelector('#app .dk-answer').dataset.mark = 'kept'")
    set_attr(page, "view", reading_view({"s1-claim": "New from another device", "s1-evidence": "Server"}))
    assert evidence.input_value() == "I am still typ"
    assert page.evaluate("document.activeElement.dataset.prompt") == "s1-evidence"
    assert claim.input_value() == "New from another device"  # untouched box: follows the server
    assert page.evaluate("document.querySelector('#app .dk-answer').dataset.mark") == "kept"
    page.keyboard.type("ing")
    page.locator("#app .dk-prompt[data-prompt='s1-evidence'] .dk-answer-save").click()
    assert sent(page) == [{"type": "answer", "id": 1, "prompt": "s1-evidence", "text": "I am still typing"}]
    set_attr(page, "view", reading_view({"s1-evidence": "Stale"}))  # not focused, not yet saved: kept
    assert evidence.input_value() == "I am still typing"
    reply(page, {"type": "ack", "id": 1, "message": "Answer saved."})
    assert status_in(page, ".dk-prompt[data-prompt='s1-evidence']").inner_text() == "Answer saved."
    assert status_in(page, ".dk-prompt[data-prompt='s1-claim']").inner_text() == ""
    claim.fill("Too long?")
    page.locator("#app .dk-prompt[data-prompt='s1-claim'] .dk-answer-save").click()
    reply(page, {"type": "error", "id": 2, "code": "answer-too-long", "message": "Please shorten it."})
    assert status_in(page, ".dk-prompt[data-prompt='s1-claim']").inner_text() == "Please shorten it."
    assert claim.input_value() == "Too long?"


def test_the_reading_shows_one_section_at_a_time_with_its_polls_and_sources(page: Any) -> None:
    mount(page, reading_view(), LESSON)
    first = page.locator("#app .dk-section[data-section='s1']")
    second = page.locator("#app .dk-section[data-section='s2']")
    assert first.is_visible() and not second.is_visible()
    assert not page.locator("#app .dk-poll[data-poll='30']").is_visible()
    page.locator("#app textarea[data-prompt='s1-claim']").fill("Kept across sections")
    page.locator("#app .dk-section-next").click()
    assert second.is_visible() and not first.is_visible()
    assert page.locator("#app .dk-section[data-section='s2'] .dk-poll[data-poll='30']").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('dk-section-title')")
    page.locator("#app .dk-section-select").select_option(label="1. The treaty")
    assert first.is_visible()
    assert page.locator("#app textarea[data-prompt='s1-claim']").input_value() == "Kept across sections"
    assert page.locator("#app .dk-section-prev").is_disabled()
    page.locator("#app .dk-counter-reading summary").click()
    links = page.locator("#app .dk-counter-reading a")
    assert links.count() == 1  # the javascript: URL is shown as text, not as a link
    assert links.get_attribute("href") == "https://example.org/treaty"
    assert links.get_attribute("target") == "_blank"
    assert links.get_attribute("rel") == "noopener noreferrer"
    assert "Bad link" in page.locator("#app .dk-sources").inner_text()


def test_scoring_never_carries_marks_to_another_speech(page: Any) -> None:
    mount(page, room_view("scoring", "Score the rebuttals", scoring=SCORING))
    speech = page.locator("#app .dk-score-speech")
    assert speech.input_value() == "4"  # the first speech not scored yet

    def marks() -> dict[str, Any]:
        return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
            '#app .dk-score-criterion')].map((f) => [f.dataset.criterion,
            (f.querySelector('input:checked') || {}).value || null]))""")

    def mark(criterion: str, value: int) -> None:
        page.locator(f"#app .dk-score-criterion[data-criterion='{criterion}'] .dk-score-label",
                     has_text=str(value)).click()

    assert marks() == {"clash": None, "delivery": None}
    mark("clash", 3)
    page.locator("#app .dk-score-submit").click()  # delivery missing: refused here
    assert "Delivery" in status_in(page, ".dk-score-form").inner_text()
    assert sent(page) == []
    speech.select_option("5")
    assert marks() == {"clash": "4", "delivery": "2"}
    assert page.locator("#app .dk-score-comment").input_value() == "Good answers"
    speech.select_option("4")
    assert marks() == {"clash": None, "delivery": None}
    assert page.locator("#app .dk-score-comment").input_value() == ""
    mark("clash", 3)
    mark("delivery", 5)
    page.locator("#app .dk-score-comment").fill("Clear")
    set_attr(page, "view", room_view("scoring", "Score the rebuttals", scoring={**SCORING, "text": "Hurry!"}))
    assert marks() == {"clash": "3", "delivery": "5"}  # a new view does not wipe unsaved marks
    page.locator("#app .dk-score-submit").click()
    assert sent(page) == [{"type": "score", "id": 1, "speech": 4, "values": {"clash": 3, "delivery": 5},
                           "comment": "Clear"}]
    reply(page, {"type": "ack", "id": 1, "message": "Scores saved."})
    assert status_in(page, ".dk-score-form").inner_text() == "Scores saved."
    saved = {"values": {"clash": 3, "delivery": 5}, "comment": "Clear"}
    speeches = [{**SCORING["speeches"][0], "mine": saved}, SCORING["speeches"][1]]
    closed = {**SCORING, "speeches": speeches, "open": False}
    set_attr(page, "view", room_view("scoring", "Score the rebuttals", scoring=closed))
    assert marks() == {"clash": "3", "delivery": "5"}
    assert page.locator("#app .dk-score-submit").is_disabled()
    assert page.locator("#app .dk-score-value:disabled").count() == 10


def test_the_seat_marks_my_row_and_the_results_name_a_tie(page: Any) -> None:
    mount(page, room_view("sides", "Sides and roles", seat=SEAT))
    mine = page.locator("#app .dk-running-order .dk-my-speech")
    assert mine.count() == 1 and "Ada" in mine.inner_text() and "(you)" in mine.inner_text()
    assert page.locator("#app .dk-judges").inner_text() == "Judges: Bo, Eli"
    tie = {**RESULTS, "swings": [{**RESULTS["swings"][0], "winner": "Tie"}], "text": ""}
    mount(page, room_view("results", "Results", results=tie))
    assert "tie" in page.locator("#app .dk-winner").inner_text()
    assert page.locator("#app .dk-swing tbody tr").first.inner_text().split("\t") == [
        "For", "40.0%", "52.4%", "+12.4"]


def test_html_in_names_and_questions_is_shown_as_text(page: Any) -> None:
    evil_poll = {**POLL, "question": EVIL, "options": [EVIL, "No"]}
    mount(page, room_view(room={**ROOM, "title": EVIL}, me={"name": EVIL}, notice=EVIL, polls=[evil_poll],
                          seat={**SEAT, "text": EVIL, "order": [{**SEAT["order"][0], "speaker": EVIL}],
                                "judges": [EVIL]},
                          results={**RESULTS, "swings": [{**RESULTS["swings"][0], "motion": EVIL}]}))
    assert page.locator("#app b, #app img").count() == 0
    assert EVIL in page.locator("#app .dk-question").inner_text()
    assert EVIL in page.locator("#app .dk-running-order").inner_text()
    page.locator("#app .dk-vote-option").first.click()
    assert sent(page)[-1]["option"] == EVIL
    reply(page, {"type": "error", "id": 1, "code": "x", "message": EVIL})
    assert page.locator("#app b, #app img").count() == 0
    lesson = {**LESSON, "title": EVIL, "sections": [{**LESSON["sections"][0], "paragraphs": [EVIL]}]}
    mount(page, reading_view({"s1-claim": EVIL}), lesson)
    assert page.locator("#app b, #app img").count() == 0
    assert page.locator("#app textarea[data-prompt='s1-claim']").input_value() == EVIL


def test_an_action_unanswered_for_3_s_says_still_trying_and_saved_only_with_the_ack(page: Any) -> None:
    mount(page, room_view(polls=[POLL]), connection="open")
    page.locator("#app .dk-vote-option[data-option='For']").click()
    status = page.locator("#app .dk-poll .dk-status")
    banner = page.locator("#app .dk-banner")
    assert status.inner_text() == "Saving your vote…" and banner.inner_text() == ""
    page.wait_for_function("document.querySelector('#app .dk-poll .dk-status').textContent"
                           f" === {json.dumps(STILL_TRYING)}", timeout=4_500)  # after 3 s
    assert banner.inner_text().startswith("Still trying to reach the class server…")
    assert "dk-banner-slow" in (banner.get_attribute("class") or "")
    assert "Saved" not in page.locator("#app .dk-poll").inner_text()  # no ack yet: never "saved"
    set_attr(page, "connection", "reconnecting")  # the lost connection says more than "still trying"
    assert "reconnecting" in banner.inner_text()
    set_attr(page, "connection", "open")
    assert banner.inner_text().startswith("Still trying")
    vote = sent(page)[-1]
    reply(page, {"type": "ack", "id": vote["id"], "message": "Vote saved: For."})
    assert status.inner_text() == "Vote saved: For." and banner.inner_text() == ""
    assert "✓ Saved" in page.locator("#app .dk-vote-option[data-option='For']").inner_text()


def test_the_connection_banner_and_the_cleanup(page: Any) -> None:
    mount(page, {}, connection="connecting")  # no view yet (a notebook's trait starts as {})
    assert page.locator("#app .dk-loading").is_visible() and not page.locator("#app .dk-join").count()
    set_attr(page, "view", WAITING)
    banner = page.locator("#app .dk-banner")
    assert "Connecting" in banner.inner_text() and banner.is_visible()
    set_attr(page, "connection", "reconnecting")
    assert "reconnecting" in banner.inner_text()
    on_screen(page, ".dk-banner")
    set_attr(page, "connection", "open")
    assert banner.inner_text() == ""
    page.evaluate("window.unmount()")
    assert page.evaluate("window.fakeModel.listeners()") == 0
    assert page.locator("#app > *").count() == 0


# ---- the light page's host ------------------------------------------------------------------------


def test_the_light_page_connects_says_hello_reconnects_and_refuses_offline(browser: Any, site: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(MS)
    context.add_init_script(FAKE_SOCKET)
    tab = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    try:
        tab.goto(f"{site}/page/")
        assert tab.title() == "Join the debate"
        tab.wait_for_function("window.sockets.length === 1")
        assert tab.evaluate("window.sockets[0].url") == f"ws://{site.split('//')[1]}/debate-kit/ws"
        tab.wait_for_selector(".dk-banner.dk-banner-on")
        token = tab.evaluate("localStorage.getItem('debate_kit.device')")
        assert re.fullmatch(r"[0-9a-f]{32}", token)
        tab.evaluate("window.sockets[0]._open()")
        assert tab.evaluate("window.sockets[0].sent") == [{"type": "hello", "token": token, "room": "K7QF"}]
        assert tab.locator(".dk-banner").inner_text() == ""
        tab.evaluate("(v) => window.sockets[0]._msg({type: 'view', view: v})", join_view())
        tab.locator(".dk-join-name").fill("Ada")
        tab.locator(".dk-join-button").click()
        join = tab.evaluate("window.sockets[0].sent[1]")
        assert re.fullmatch(r"[0-9a-f]{24}", join.pop("key"))
        assert join == {"type": "join", "id": 1, "room": "K7QF", "name": "Ada", "anonymous": False}
        tab.evaluate("(v) => { window.sockets[0]._msg({type: 'ack', id: 1, message: 'Welcome, Ada.'});"
                     " window.sockets[0]._msg({type: 'view', view: v}); }", reading_view())
        tab.wait_for_selector(".dk-section[data-section='s1']")  # the lesson was fetched from the server
        assert any(u.endswith("/debate-kit/lesson/test-lesson.json") for u in requests)
        save = tab.locator(".dk-prompt[data-prompt='s1-claim'] .dk-answer-save")
        tab.locator("textarea[data-prompt='s1-claim']").fill("Mine")
        save.click()  # sent, then the Wi-Fi goes before the answer comes
        tab.evaluate("window.sockets[0]._drop()")
        status = tab.locator(".dk-prompt[data-prompt='s1-claim'] .dk-status")
        tab.wait_for_function("document.querySelector('.dk-banner').textContent.includes('reconnecting')")
        assert "dropped" not in status.inner_text()  # not lost: it waits for the next connection
        first = tab.evaluate("window.sockets[0].sent[2]")
        assert first["type"] == "answer" and first["text"] == "Mine"
        tab.wait_for_function("window.sockets.length === 2", timeout=3_000)  # backoff: 0.25-0.5 s
        tab.evaluate("window.sockets[1]._open()")  # the hello, then the same action once more
        assert tab.evaluate("window.sockets[1].sent") == [{"type": "hello", "token": token, "room": "K7QF"},
                                                          first]
        assert tab.locator(".dk-banner").inner_text() == ""
        tab.evaluate("window.sockets[1]._drop()")  # lost again: it was retried once, so the page says so
        tab.wait_for_function("document.querySelector('.dk-banner').textContent.includes('reconnecting')")
        assert "connection dropped" in status.inner_text()
        save.click()  # while offline: refused on the phone
        tab.wait_for_function(f"document.querySelector(\"{'.dk-prompt[data-prompt=s1-claim] .dk-status'}\")"
                              f".textContent === {json.dumps(OFFLINE)}")
        assert tab.evaluate("window.sockets[1].sent.length") == 2  # nothing sent while offline
        tab.wait_for_function("window.sockets.length === 3", timeout=3_000)
        tab.evaluate("window.sockets[2]._open()")
        assert tab.evaluate("window.sockets[2].sent") == [{"type": "hello", "token": token, "room": "K7QF"}]
        save.click()
        again = tab.evaluate("window.sockets[2].sent[1]")
        assert again["type"] == "answer" and again["key"] != first["key"]  # a new action: a new key
        tab.evaluate("(id) => window.sockets[2]._msg({type: 'ack', id, message: 'Answer saved.'})",
                     again["id"])
        tab.wait_for_function("document.querySelector('.dk-prompt[data-prompt=s1-claim] .dk-status')"
                              ".textContent === 'Answer saved.'")
        assert tab.locator("textarea[data-prompt='s1-claim']").input_value() == "Mine"
        assert tab.url == f"{site}/page/"  # nothing added to the URL
        assert all(u.startswith(site) or u.startswith("data:") for u in requests), requests
        assert not errors, errors
    finally:
        context.close()


def test_a_silent_socket_is_given_up_and_the_action_retried_once(browser: Any, site: str) -> None:
    """Half-dead Wi-Fi: the socket stays "open" but nothing comes back. After 10 s of silence with an
    action waiting, the page drops it, reconnects and sends the action once more (same id, same key)."""
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(MS)
    context.add_init_script(FAKE_SOCKET)
    tab = context.new_page()
    try:
        tab.clock.install()
        tab.goto(f"{site}/page/")
        tab.wait_for_function("window.sockets.length === 1")
        tab.evaluate("(v) => { window.sockets[0]._open(); window.sockets[0]._msg({type: 'view', view: v}); }",
                     room_view(polls=[POLL]))
        tab.locator(".dk-vote-option[data-option='Against']").click()
        vote = tab.evaluate("window.sockets[0].sent[1]")
        assert vote["type"] == "vote" and vote["option"] == "Against"
        tab.clock.run_for(3_100)
        assert tab.locator(".dk-poll .dk-status").inner_text() == STILL_TRYING
        assert tab.locator(".dk-banner").inner_text().startswith("Still trying")
        tab.clock.run_for(7_000)  # 10.1 s of silence: given up
        assert tab.evaluate("window.sockets[0].readyState") == 3
        tab.clock.run_for(600)  # the first reconnect: 0.25-0.5 s
        assert tab.evaluate("window.sockets.length") == 2
        tab.evaluate("window.sockets[1]._open()")
        assert tab.evaluate("window.sockets[1].sent")[1] == vote
        assert "Saved" not in tab.locator(".dk-poll").inner_text()
        tab.evaluate("(id) => window.sockets[1]._msg({type: 'ack', id, message: 'Vote saved: Against.'})",
                     vote["id"])
        assert tab.locator(".dk-poll .dk-status").inner_text() == "Vote saved: Against."
        assert tab.locator(".dk-banner").inner_text() == ""
        tab.clock.run_for(30_000)  # answered: nothing more is sent, and the quiet socket is kept
        assert tab.evaluate("window.sockets.length") == 2 and len(tab.evaluate("window.sockets[1].sent")) == 2
    finally:
        context.close()
