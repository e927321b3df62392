"""The generated lesson notebook in Voila (issue 20 items 3 and 6), on a phone (360 x 740) and a projector
(1280 x 800): self-paced, an answer is kept across a reload and the download gives Markdown holding it;
axe finds nothing serious, nothing scrolls sideways and no request leaves the server. With
``?room=CODE`` the student joins, the answer reaches the room in the store and a section poll takes a vote;
the console's link in the reading phase opens the notebook in that room's mode. At 1280 x 800 the app is
README's screenshot (docs/screenshots/lesson-notebook.png with DEBATE_KIT_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.class_screen import control
from tests.browser.helpers import LIVE_MS, PHONE, PROJECTOR, READY_MS, Classroom, open_app
from tests.browser.test_look_and_access import screenshot, serious_violations

pytestmark = pytest.mark.browser
APP = "lessons/new-soviet-union"
FIRST = ".dk-answer textarea"


def outside(requests: list[str], server: Any) -> list[str]:
    host = urlsplit(server.url).netloc
    return sorted({u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                   and urlsplit(u).netloc != host})


def answer(page: Any, text: str, saved: str) -> None:
    """Type into the first answer box, press its Save and wait for the store's confirmation."""
    box = page.locator(".dk-answer").first
    box.locator("textarea").fill(text)
    box.locator("button.dk-answer-save").click()
    box.locator(".dk-answer-status", has_text=saved).wait_for(timeout=LIVE_MS)


def downloaded(page: Any) -> str:
    """The Markdown the download link gives (a real download; the data: URL if the browser keeps it)."""
    link = page.locator("a.dk-download-answers")
    with page.expect_download(timeout=LIVE_MS) as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "new-soviet-union-my-answers.md"
    path = download.path()
    if path is not None:
        return open(path, encoding="utf-8").read()
    href = link.get_attribute("href") or ""
    return base64.b64decode(href.split("base64,", 1)[1]).decode()


@pytest.mark.parametrize("viewport", [PHONE, PROJECTOR], ids=["phone", "projector"])
def test_self_paced_answers_survive_a_reload_and_download(server: Any, people: Any, viewport: dict[str, int],
                                                          screenshot_dir: Path) -> None:
    context = people.new(viewport)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = open_app(context, server, APP, FIRST)
    page.locator(".dk-lesson-mode", has_text="Self-paced").wait_for(timeout=LIVE_MS)
    mine = (f"My own answer at {viewport['width']} px: the treaty is not a union." if viewport == PHONE
            else "No dates and no facts are given for this new power structure.")  # README's screenshot
    answer(page, mine, "Saved for you.")
    problems = serious_violations(page)
    assert not problems, "axe-core:\n" + "\n".join(problems)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= viewport["width"] + 4, f"the page is {width} px wide at {viewport['width']} px"
    assert "token" not in page.locator("body").inner_text().lower()
    page.reload(wait_until="commit", timeout=READY_MS)
    page.wait_for_selector(FIRST, state="visible", timeout=READY_MS)
    page.wait_for_function("(text) => document.querySelector('.dk-answer textarea').value === text",
                           arg=mine, timeout=LIVE_MS)
    page.locator("a.dk-download-answers", has_text="Download my answers").wait_for(timeout=LIVE_MS)
    page.locator(".dk-answers-download", has_text="(1 saved)").wait_for(timeout=LIVE_MS)
    text = downloaded(page)
    assert text.startswith("# My answers: ") and f"> {mine}" in text
    assert not outside(requests, server), f"requests that leave the server: {outside(requests, server)}"
    if viewport == PROJECTOR:  # README's gallery: the lesson notebook as a Voila app
        page.locator(".jp-RenderedMarkdown h2").nth(1).evaluate(  # section 1, a question, its answer
            "(el) => el.scrollIntoView({block: 'start'})")  # whichever box scrolls in Voila's page
        screenshot(page, "lesson-notebook", screenshot_dir)


def test_the_consoles_link_opens_the_notebook_in_room_mode(server: Any, people: Any) -> None:
    """In the reading phase the console links to the lesson notebook for its room, on its own host (the
    teacher's browser is logged in there); the link opens the notebook in room mode and a join lands in
    the room."""
    room = Classroom(server, "Notebook link class")
    context = room.teacher(people)
    console = open_app(context, server, "teacher", ".dk-projector", room=room.code)
    control(console, "console")  # leave the class screen for the console
    console.locator(".dk-console-box").wait_for(timeout=LIVE_MS)
    assert console.locator("a.dk-lesson-notebook").count() == 0, "only in the reading phase"
    room.set(phase="reading")
    link = console.locator("a.dk-lesson-notebook")
    link.wait_for(timeout=LIVE_MS)
    href = link.get_attribute("href") or ""
    assert href == f"{server.url}/voila/render/{APP}.ipynb?room={room.code}"
    assert room.key not in href and "token" not in href
    with context.expect_page(timeout=READY_MS) as opened:
        link.click()
    page = opened.value
    page.wait_for_selector("button.dk-join-button", state="visible", timeout=READY_MS)
    page.locator(".dk-lesson-mode", has_text=f"Class room {room.code}.").wait_for(timeout=LIVE_MS)
    page.locator(".dk-join-name input").fill("Ines")
    page.locator("button.dk-join-button").click()
    page.locator(".dk-join .dk-status", has_text=f"You are in room {room.code} as Ines").wait_for(
        timeout=LIVE_MS)
    with room.store() as store:
        assert [p.name for p in store.participants(room.room_id)] == ["Ines"]


def test_with_a_room_the_answer_reaches_the_room(server: Any, people: Any) -> None:
    room = Classroom(server, "Lesson notebook class")
    room.set(phase="reading")
    context = people.new(PHONE)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = open_app(context, server, APP, "button.dk-join-button", room=room.code)
    page.locator(".dk-join-name input").fill("Hana")
    page.locator("button.dk-join-button").click()
    page.locator(".dk-join .dk-status", has_text=f"You are in room {room.code} as Hana").wait_for(
        timeout=LIVE_MS)
    answer(page, "Signed is not done.", "Saved in your teacher's room.")
    with room.store() as store:
        kept = [a.text for a in store.answers(room.room_id)]
        names = {p.id: p.name for p in store.participants(room.room_id)}
        who = [names[a.participant_id] for a in store.answers(room.room_id)]
    assert kept == ["Signed is not done."] and who == ["Hana"]
    room.set(poll="repeat-history")  # the teacher opens the first section's poll: the notebook follows
    poll = page.locator(".dk-lesson-poll").first
    poll.get_by_role("button", name="Agree", exact=True).click()
    poll.locator(".dk-status", has_text="Vote saved").wait_for(timeout=LIVE_MS)
    with room.store() as store:
        assert list(store.votes(room.poll_id("repeat-history")).values()) == ["Agree"]
    problems = serious_violations(page)
    assert not problems, "axe-core:\n" + "\n".join(problems)
    assert not outside(requests, server), f"requests that leave the server: {outside(requests, server)}"


def test_a_lessons_markup_is_shown_as_text_in_voila(tmp_path: Any, browser: Any) -> None:
    """Bad input: a lesson whose titles and questions hold HTML and a ``javascript:`` link; its notebook,
    rendered by Voila, shows the markup as text and makes no element or link of it."""
    from dataclasses import replace
    from pathlib import Path

    from debate_kit.core.lesson_model import Prompt
    from debate_kit.core.lesson_notebook import lesson_notebook, notebook_text
    from debate_kit.testing import VoilaServer
    from tests.lesson_fixture import make_lesson

    lesson = make_lesson(hostile=True)
    first = replace(lesson.sections[0], prompts=(Prompt("opening-claim", "claim",
                                                        'What <img src=x onerror="alert(1)"> claims?'),))
    lesson = replace(lesson, sections=(first, *lesson.sections[1:]))
    folder = Path(tmp_path) / "notebooks"
    (folder / "lessons").mkdir(parents=True)
    essay = "\n\n".join(s.text for s in lesson.sections)
    (folder / "lessons" / "hostile.ipynb").write_text(notebook_text(lesson_notebook(lesson, essay)), "utf-8")
    with VoilaServer(f"sqlite:///{tmp_path / 'db.sqlite3'}", notebooks=folder, workdir=Path(tmp_path) / "w") \
            as server:
        context = browser.new_context(viewport=PHONE)
        try:
            dialogs: list[str] = []
            context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page = open_app(context, server, "lessons/hostile", FIRST)
            body = page.locator("body").inner_text()
            assert "The treaty <b>in</b> practice" in body
            assert 'What <img src=x onerror="alert(1)"> claims?' in body
            assert page.locator(".jp-RenderedMarkdown").count() > 5  # the lesson's Markdown cells
            assert page.locator(".jp-RenderedMarkdown b, .jp-RenderedMarkdown img").count() == 0
            assert page.locator("a[href^='javascript']").count() == 0 and dialogs == []
        finally:
            context.close()
