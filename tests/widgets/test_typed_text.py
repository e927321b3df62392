"""Typed text reaches the kernel before the click that reads it (found in a real browser).

With ``continuous_update=True`` ipywidgets throttles value updates (one in flight until the kernel is
idle) but sends a button's click at once, so "type Kay, press Join" arrived as a click with "Ka".
Every Text/Textarea a button reads must send its value once, on change (blur), before the click.
The student page (StudentWidget) has no such fields: each action carries its text in the one message.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.student.widget import student_page
from debate_kit.widgets.lesson_app import LessonApp
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.teacher_console import TeacherConsole
from tests.widgets.browser import hello, walk
from tests.widgets.conftest import Class, participant


def typed_fields(widget: w.Widget) -> list[w.Widget]:
    return [x for x in walk(widget) if isinstance(x, w.Text | w.Textarea)]


def test_join_and_console_fields_send_their_value_on_change(wstore, lesson) -> None:
    apps = [LessonApp(wstore, lambda _id: lesson), TeacherConsole(wstore, {lesson.id: lesson})]
    fields = [f for app in apps for f in typed_fields(app)]
    assert len(fields) >= 4
    assert [f.description for f in fields if f.continuous_update] == []
    student = student_page(wstore, lambda _id: lesson)
    assert typed_fields(student) == []  # the student's join form is in the page: no synced text


def test_the_student_page_sends_typed_text_with_its_action(klass: Class) -> None:
    """What "type Kay, press Join" sends is one message with the whole name: nothing can be cut off."""
    page = student_page(klass.store, lambda _id: klass.lesson, code=klass.room.code)
    hello(page.identity)
    reply = page.student.receive({"type": "join", "id": 1, "room": klass.room.code, "name": "Kay",
                                  "anonymous": False})
    assert reply == {"type": "ack", "id": 1, "message": f"You are in room {klass.room.code} as Kay."}
    assert participant(page.student).name == "Kay"


def test_answer_fields_send_their_value_on_change(klass: Class) -> None:
    klass.student("Ana")
    session = klass.class_session("Ana")  # the lesson app's page (ipywidgets) for the same student
    page = LessonPage(klass.lesson, session)
    assert page.answer_boxes and not any(box.continuous_update for box in page.answer_boxes.values())
    # on the student page, an answer is sent whole, in its action
    klass.store.set_phase(klass.room.id, klass.key, "reading")
    klass.refresh()
    reply = klass.act("Ana", "answer", prompt="opening-claim", text="Kay says it claims much.")
    assert reply["type"] == "ack"
    assert [a.text for a in klass.store.answers(klass.room.id)] == ["Kay says it claims much."]
