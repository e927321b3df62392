"""The console's link to the lesson notebook's Voila app for the room: in the reading phase only, and only
when the lesson's notebook exists beside the teacher's notebook."""

from __future__ import annotations

from pathlib import Path

from debate_kit.widgets.lesson_link import LessonLink, lesson_notebook_file
from tests.widgets.conftest import Class

PAGE = "http://127.0.0.1:8866/voila/render/teacher.ipynb"


def _phase(klass: Class, phase: str) -> None:
    klass.store.set_phase(klass.room.id, klass.key, phase)
    klass.refresh()


def test_the_console_links_to_the_lesson_notebook_in_the_reading_phase(klass: Class, tmp_path: Path) -> None:
    notebook = lesson_notebook_file(tmp_path, klass.lesson.id)
    notebook.parent.mkdir()
    notebook.write_text("{}", encoding="utf-8")
    link = klass.console.lesson_link
    assert isinstance(link, LessonLink) and link in klass.console.console_box.children
    link.notebooks = tmp_path
    link.set_page(PAGE)
    assert link.value == "", "not before the reading phase"
    _phase(klass, "reading")
    href = f"http://127.0.0.1:8866/voila/render/lessons/{klass.lesson.id}.ipynb?room={klass.room.code}"
    assert f'href="{href}"' in link.value and "dk-lesson-notebook" in link.value
    assert klass.key not in link.value and "token" not in link.value
    notebook.unlink()
    link.refresh()
    assert link.value == "", "no link to a notebook that is not there"
    notebook.write_text("{}", encoding="utf-8")
    _phase(klass, "sides")
    assert link.value == ""


def test_the_page_address_comes_from_the_browser(klass: Class, tmp_path: Path) -> None:
    notebook = lesson_notebook_file(tmp_path, klass.lesson.id)
    notebook.parent.mkdir()
    notebook.write_text("{}", encoding="utf-8")
    klass.console.lesson_link.notebooks = tmp_path
    _phase(klass, "reading")
    klass.console.identity.page = "https://hub.example.org/user/ann/voila/render/notebooks/teacher.ipynb"
    assert ("https://hub.example.org/user/ann/voila/render/notebooks/lessons/"
            f"{klass.lesson.id}.ipynb?room={klass.room.code}") in klass.console.lesson_link.value
    klass.console.identity.page = "javascript:alert(1)"
    assert klass.console.lesson_link.value == ""
