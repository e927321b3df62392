"""The lesson page: navigation, answers, read-only mode, escaping, sources, section polls."""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.lesson_model import Lesson
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.live_vote import LiveVote
from tests.widgets.browser import click, text_of, update
from tests.widgets.conftest import Class


def _page(klass: Class, name: str = "Ann") -> LessonPage:
    """The lesson page of a joined student, as the lesson app (LessonApp) shows it in the reading phase."""
    if name not in klass.students:
        klass.student(name)
    click(klass.console.controls.phases.phase_buttons["reading"])
    session = klass.class_session(name)
    page = session.register(LessonPage(klass.lesson, session))
    klass.refresh()
    return page


def test_navigation_by_buttons_and_dropdown(klass: Class) -> None:
    page = _page(klass)
    assert page.current == "opening" and page.prev.disabled
    click(page.next)
    assert page.current == "integration" and page.next.disabled
    click(page.next)  # forged click on the disabled Next: stays on the last section
    assert page.current == "integration"
    update(page.select, index=0)
    assert page.current == "opening"
    update(page.select, index=7)  # an index that does not exist
    assert page.current == "opening"


def test_answers_are_saved_and_prefilled(klass: Class) -> None:
    page = _page(klass)
    box = page.answer_boxes["opening-claim"]
    update(box, value="A new pole of the world.")
    save = _save_button(page)
    click(save)
    assert "Answer saved" in page.status.text
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["A new pole of the world."]
    click(page.next)
    click(page.prev)
    assert page.answer_boxes["opening-claim"].value == "A new pole of the world."


def test_oversize_answer_is_refused_and_nothing_stored(klass: Class) -> None:
    page = _page(klass)
    update(page.answer_boxes["opening-claim"], value="x" * 6000)
    click(_save_button(page))
    assert "the limit is 5,000" in page.status.text
    assert klass.store.answers(klass.room.id) == []


def test_read_only_page_cannot_save(lesson: Lesson) -> None:
    page = LessonPage(lesson, None)
    assert all(box.disabled for box in page.answer_boxes.values())
    click(_save_button(page))
    assert "Join the room" in page.status.text


def test_readings_are_escaped_and_only_http_links(lesson: Lesson) -> None:
    page = LessonPage(lesson, None)
    page.show("integration")
    shown = text_of(page.content)
    assert "The treaty &lt;b&gt;in&lt;/b&gt; practice" in shown
    assert '<a href="https://tass.com/x"' in shown and "TASS" in shown and "2024-01-06" in shown
    assert "javascript:" not in shown


def test_section_polls_live_in_their_section(klass: Class) -> None:
    page = _page(klass)
    pid = klass.poll_id("repeat-history")
    click(klass.console.controls.polls.buttons[pid]["open"])
    klass.refresh()
    votes = [v for v in page.votes if isinstance(v, LiveVote)]
    assert [v.poll_id for v in votes] == [pid]
    click(votes[0].buttons.children[3])
    assert list(klass.store.votes(pid).values()) == ["Agree"]


def _save_button(page: LessonPage) -> w.Button:
    return next(b for b in _buttons(page) if "dk-answer-save" in b._dom_classes)


def _buttons(page: LessonPage) -> list:  # type: ignore[type-arg]
    from tests.widgets.browser import walk

    return [x for x in walk(page) if isinstance(x, w.Button)]
