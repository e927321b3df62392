"""LessonLink (teacher console): in the reading phase, the link to the lesson notebook's Voila app for
this room (``lessons/<lesson>.ipynb?room=CODE``: answers and section votes go to the room).

Shown only while the room is in the reading phase and the lesson's notebook exists beside the teacher's
notebook (a Voila kernel runs in its notebook's folder, so that folder is the default). The link carries
the room code only, never a key or token. It is a Voila page, so it needs this server's login: it is for
the teacher's browser (or students who have their own login on this server), not for phones, which keep
the students' link.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from debate_kit.links import lesson_notebook_link
from debate_kit.widgets._html import esc, safe_url
from debate_kit.widgets.session import ClassSession

LESSONS_FOLDER = "lessons"


def lesson_notebook_file(notebooks: Path, lesson_id: str) -> Path:
    """Where the notebook of lesson ``lesson_id`` is, in the folder of the teacher's notebook."""
    return notebooks / LESSONS_FOLDER / f"{lesson_id}.ipynb"


class LessonLink(w.HTML):
    """The lesson notebook's link for this room, in the reading phase only (empty otherwise)."""

    def __init__(self, session: ClassSession, page: str = "", notebooks: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.page = page
        self.notebooks = notebooks
        self.add_class("dk-lesson-notebook-link")
        self.refresh()

    def set_page(self, page: str) -> None:
        self.page = page
        self.refresh()

    def href(self) -> str:
        """The link to offer now, or '' (not the reading phase, no notebook, no Voila page)."""
        room = self.session.room
        page = safe_url(self.page)
        if room.closed or room.phase != "reading" or not page:
            return ""
        folder = self.notebooks if self.notebooks is not None else Path.cwd()
        if not lesson_notebook_file(folder, room.lesson).is_file():
            return ""
        return lesson_notebook_link(page, room.code, room.lesson)

    def refresh(self) -> None:
        href = self.href()
        value = "" if not href else (
            f'<p>Lesson notebook for room {esc(self.session.room.code)}: '
            f'<a class="dk-lesson-notebook" href="{esc(href)}" target="_blank" rel="noopener">'
            "open the lesson as a notebook app</a> (answers and section votes go to this room). It needs "
            "this server's login, so open it in this browser; phones use the students' link.</p>")
        if value != self.value:
            self.value = value
