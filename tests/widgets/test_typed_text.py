"""Typed text reaches the kernel before the click that reads it (found in a real browser).

With ``continuous_update=True`` ipywidgets throttles value updates (one in flight until the kernel is
idle) but sends a button's click at once, so "type Kay, press Join" arrived as a click with "Ka".
Every Text/Textarea a button reads must send its value once, on change (blur), before the click.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.widgets.lesson_app import LessonApp
from debate_kit.widgets.lesson_page import LessonPage
from debate_kit.widgets.rebuttal_scorer import RebuttalScorer
from tests.widgets.browser import walk


def typed_fields(widget: w.Widget) -> list[w.Widget]:
    return [x for x in walk(widget) if isinstance(x, w.Text | w.Textarea)]


def test_join_and_console_fields_send_their_value_on_change(wstore, lesson) -> None:
    from debate_kit.widgets.student_app import StudentApp
    from debate_kit.widgets.teacher_console import TeacherConsole

    apps = [StudentApp(wstore, lambda _id: lesson), LessonApp(wstore, lambda _id: lesson),
            TeacherConsole(wstore, {lesson.id: lesson})]
    fields = [f for app in apps for f in typed_fields(app)]
    assert len(fields) >= 6
    assert [f.description for f in fields if f.continuous_update] == []


def test_answer_and_comment_fields_send_their_value_on_change(klass) -> None:
    student = klass.student("Ana")
    assert student.session is not None
    page = LessonPage(klass.lesson, student.session)
    assert page.answer_boxes and not any(box.continuous_update for box in page.answer_boxes.values())
    assert not RebuttalScorer(student.session).comment.continuous_update
