"""The lesson notebook's cells (issue 20 item 3): self-paced answers kept per browser or hub user and
reloaded, the Markdown download, and with ``?room=CODE`` the join and answers through the room's checks."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import ipywidgets as w
import pytest

from debate_kit import lesson_context
from debate_kit.core.lesson_model import Lesson
from debate_kit.lesson_cells import AnswerBox, DownloadLink, answer_box, lesson_start
from debate_kit.lesson_context import LessonContext, room_code
from debate_kit.store import Store
from debate_kit.widgets.identity import DeviceIdentity
from tests.widgets.browser import click, hello, update

LESSON = "new-soviet-union"


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    lesson_context.forget()
    yield
    lesson_context.forget()


def page(store: Store, lesson: Lesson, query: str = "", hub_user: str | None = None) -> LessonContext:
    """A new kernel's cells: the start cell and one box per prompt (contexts made like the notebook's)."""
    lesson_context.forget()
    kwargs = {"store": store, "lessons": lambda _id: lesson, "identity": DeviceIdentity(), "query": query,
              "hub_user": hub_user}
    lesson_start(LESSON, **kwargs)
    for prompt in (p.id for s in lesson.sections for p in s.prompts):
        answer_box(LESSON, prompt)
    return lesson_context.context(LESSON)


def boxes(ctx: LessonContext) -> dict[str, AnswerBox]:
    return {b.__self__.prompt_id: b.__self__ for b in ctx.listeners if isinstance(b.__self__, AnswerBox)}


def download(ctx: LessonContext) -> str:
    link = next(b.__self__ for b in ctx.listeners if isinstance(b.__self__, DownloadLink))
    data = re.search(r'href="data:text/markdown;charset=utf-8;base64,([^"]+)"', link.value)
    assert data and 'download="new-soviet-union-my-answers.md"' in link.value
    return base64.b64decode(data[1]).decode()


def test_the_mode_comes_from_the_query_string() -> None:
    assert room_code("room=K7QF&x=1") == "K7QF" and room_code("?room=%20ab%20") == "ab"
    assert room_code("") == room_code("lesson=x") == ""


def test_self_paced_answers_are_kept_for_the_browser_and_reloaded(wstore: Store, lesson: Lesson) -> None:
    ctx = page(wstore, lesson)
    assert ctx.mode == "self-paced"
    box = boxes(ctx)["opening-claim"]
    update(box.box, value="Too early.")
    assert "not sent its id" in box.status.text and wstore.self_paced_answers(LESSON, "x" * 32) == {}
    token = hello(ctx.identity)
    update(box.box, value="It claims <b>history</b> repeats.")
    assert box.status.kind == "ok" and box.status.text == "Saved for you."
    assert wstore.self_paced_answers(LESSON, token) == {"opening-claim": "It claims <b>history</b> repeats."}
    assert "&lt;b&gt;history&lt;/b&gt;" in download(ctx) and "(1 saved)" in next(
        b.__self__ for b in ctx.listeners if isinstance(b.__self__, DownloadLink)).value
    again = page(wstore, lesson)  # a reload: a new kernel, the same browser
    assert boxes(again)["opening-claim"].box.value == ""
    hello(again.identity, token=token)
    assert boxes(again)["opening-claim"].box.value == "It claims <b>history</b> repeats."
    assert boxes(again)["opening-claim"].status.text == "Saved."
    other = page(wstore, lesson)
    hello(other.identity)  # another browser sees nothing of it
    assert boxes(other)["opening-claim"].box.value == "" and "0 of 3" in download(other)


def test_bad_answers_are_refused_with_a_message(wstore: Store, lesson: Lesson) -> None:
    ctx = page(wstore, lesson)
    hello(ctx.identity)
    box = boxes(ctx)["opening-claim"]
    update(box.box, value="x" * 5001)
    assert "the limit is 5,000" in box.status.text and box.status.kind == "error"
    stray = AnswerBox(ctx, "not-a-prompt")
    update(stray.box, value="Hello")
    assert "not part of this lesson" in stray.status.text


def test_a_hub_user_is_known_without_the_browser(wstore: Store, lesson: Lesson) -> None:
    ctx = page(wstore, lesson, hub_user="ann")
    box = boxes(ctx)["integration-counter"]
    update(box.box, value="By the treaty's text.")
    click(box.save_button)
    assert wstore.self_paced_answers(LESSON, "jupyterhub-user:ann") == {"integration-counter":
                                                                         "By the treaty's text."}
    again = boxes(page(wstore, lesson, hub_user="ann"))  # a reload: known at once, no browser message
    assert again["integration-counter"].box.value == "By the treaty's text."


def test_with_a_room_the_student_joins_and_answers_go_to_the_room(wstore: Store, lesson: Lesson) -> None:
    room, key = wstore.create_room("Period 3", LESSON)
    ctx = page(wstore, lesson, query=f"room={room.code}")
    assert ctx.mode == "room"
    token = hello(ctx.identity)
    box = boxes(ctx)["opening-claim"]
    update(box.box, value="Before joining.")
    assert "Join your teacher's room" in box.status.text and wstore.answers(room.id) == []
    student = wstore.join(room.id, "Ann", token)
    ctx.joined(room, student)
    update(box.box, value="Not in the reading yet.")
    assert "has not started yet" in box.status.text
    wstore.set_phase(room.id, key, "reading")
    update(box.box, value="A new pole of the world.")
    assert box.status.text == "Saved in your teacher's room."
    kept = [(a.participant_id, a.text) for a in wstore.answers(room.id)]
    assert kept == [(student.id, "A new pole of the world.")]
    assert wstore.self_paced_answers(LESSON, token) == {}  # nothing kept outside the room
    again = page(wstore, lesson, query=f"room={room.code}")
    hello(again.identity, token=token)  # the join view recognises the device and the answers come back
    assert again.session is not None and boxes(again)["opening-claim"].box.value == "A new pole of the world."


def test_the_start_cell_shows_the_join_form_only_with_a_room(wstore: Store, lesson: Lesson) -> None:
    room, _key = wstore.create_room("Period 3", LESSON)
    lesson_context.forget()
    start = lesson_start(LESSON, store=wstore, lessons=lambda _id: lesson, query=f"room={room.code}")
    assert any("dk-join" in c._dom_classes for c in start.children)
    lesson_context.forget()
    alone = lesson_start(LESSON, store=wstore, lessons=lambda _id: lesson, query="")
    assert not any("dk-join" in c._dom_classes for c in alone.children)
    assert "Self-paced" in "".join(c.value for c in alone.children if isinstance(c, w.HTML))
    lesson_context.forget()
    broken = lesson_start(LESSON, store=wstore, lessons=lambda _id: None)
    assert "missing or broken" in "".join(c.value for c in broken.children if isinstance(c, w.HTML))


def test_a_student_deletes_their_kept_answers(wstore: Store, lesson: Lesson) -> None:
    from debate_kit.lesson_cells import DeleteKept

    lesson_context.forget()
    ctx = lesson_context.context(LESSON, store=wstore, lessons=lambda _id: lesson, identity=DeviceIdentity(),
                                 query="", hub_user=None)
    start = lesson_start(LESSON)
    box = answer_box(LESSON, "opening-claim")
    token = hello(ctx.identity)
    update(box.box, value="Mine.")
    wstore.save_self_paced(LESSON, token, "integration-counter", "Also mine.")
    delete = next(c for c in start.children if isinstance(c, DeleteKept))
    click(delete.button)
    assert "click again" in delete.status.text and wstore.self_paced_answers(LESSON, token)
    click(delete.button)
    assert delete.status.text == "Deleted 2 kept answers."
    assert wstore.self_paced_answers(LESSON, token) == {}
    assert box.box.value == "" and box.status.text == "Deleted."


def test_section_polls_show_class_results_only_with_a_room(wstore: Store, lesson: Lesson) -> None:
    from debate_kit.lesson_cells import POLL_ALONE, PollBox, poll_box
    from debate_kit.rooms import create_lesson_room

    alone = page(wstore, lesson)
    box = poll_box(LESSON, "repeat-history")
    assert isinstance(box, PollBox) and box.children[0].value == POLL_ALONE
    room, key = create_lesson_room(wstore, lesson, "Period 3")
    ctx = page(wstore, lesson, query=f"room={room.code}")
    assert alone is not ctx
    vote_box = poll_box(LESSON, "repeat-history")
    assert "Join the room" in vote_box.children[0].value
    token = hello(ctx.identity)
    ctx.joined(room, wstore.join(room.id, "Ann", token))
    vote = vote_box.children[0]
    pid = next(p.id for p in wstore.polls(room.id) if p.key == "repeat-history")
    wstore.set_poll_state(pid, key, "open")
    assert ctx.live is not None
    ctx.live.refresh()
    click(vote.buttons.children[3])
    assert list(wstore.votes(pid).values()) == ["Agree"] and "Vote saved" in vote.status.text
    assert vote.results.value == ""  # no class results before the teacher reveals them
    wstore.set_poll_state(pid, key, "revealed")
    ctx.live.refresh()
    assert "Agree" in vote.results.value and vote.results.value


def test_a_flood_of_saves_is_slowed_down(wstore: Store, lesson: Lesson) -> None:
    ctx = page(wstore, lesson)
    hello(ctx.identity)
    box = boxes(ctx)["opening-claim"]
    for n in range(60):
        click(box.save_button) if n % 2 else update(box.box, value=f"Answer {n}")
    assert "wait a second" in box.status.text
