"""Entry points for the notebooks: each returns one displayable widget, never raises.

``student_app``, ``teacher_app`` and ``lesson_app`` read the store URL from
:func:`debate_kit.config.store_url` and lessons from :func:`debate_kit.config.readings_dir`; the
notebook passes the page's query string (``room=K7QF``) and, under JupyterHub, the user name. A store
that cannot be opened, a bad room code or a broken lesson gives a clear message, not a traceback.
Nothing teacher-only is imported on the student path.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs

import ipywidgets as w

from debate_kit import config
from debate_kit.core.errors import DebateKitError
from debate_kit.lesson_cache import lesson_loader
from debate_kit.store import Store, open_store
from debate_kit.widgets._html import message

__all__ = ["lesson_app", "lesson_loader", "student_app", "teacher_app"]
log = logging.getLogger("debate_kit.apps")
STORE_PROBLEM = "The class database cannot be opened. Please tell your teacher."


def _params(query: str) -> dict[str, str]:
    parsed = parse_qs((query or "").lstrip("?"), max_num_fields=20)
    return {k: v[0][:100] for k, v in parsed.items() if v}


def _error(text: str) -> w.HTML:
    box = w.HTML(message(text, kind="error"))
    box.add_class("dk-app-error")
    return box


def _store() -> Store | w.HTML:
    try:
        return open_store(config.store_url())
    except DebateKitError as error:
        return _error(f"{STORE_PROBLEM} ({error.message})")
    except Exception:
        log.exception("debate_kit: cannot open the store")
        return _error(STORE_PROBLEM)


def _check_code(app: w.Widget, store: Store, code: str) -> None:
    if not code:
        return
    try:
        store.room(code)
    except DebateKitError as error:
        app.join.status.error(error.message)  # type: ignore[attr-defined]


def student_app(query: str = "", hub_user: str | None = None) -> w.Widget:
    """The student page in a notebook: join, then the current phase (the light page's front-end)."""
    from debate_kit.student.widget import student_page

    store = _store()
    if isinstance(store, w.HTML):
        return store
    code = _params(query).get("room", "")
    try:
        return student_page(store, lesson_loader(config.readings_dir()), code=code, hub_user=hub_user or None)
    except Exception:
        log.exception("debate_kit: student app failed")
        return _error("Something went wrong; please tell your teacher.")


def lesson_app(query: str = "", hub_user: str | None = None) -> w.Widget:
    """The lesson page alone: join the room to answer (``room=K7QF``), or read without joining."""
    from debate_kit.widgets.lesson_app import LessonApp
    from debate_kit.widgets.lesson_page import LessonPage

    store = _store()
    if isinstance(store, w.HTML):
        return store
    params = _params(query)
    load = lesson_loader(config.readings_dir())
    try:
        if "lesson" in params and "room" not in params:
            lesson = load(params["lesson"])
            if lesson is None:
                return _error("This lesson cannot be shown: its files are missing or broken.")
            return LessonPage(lesson, None)
        app = LessonApp(store, load, code=params.get("room", ""), hub_user=hub_user or None)
    except Exception:
        log.exception("debate_kit: lesson app failed")
        return _error("Something went wrong; please tell your teacher.")
    _check_code(app, store, params.get("room", ""))
    return app


def teacher_app(query: str = "") -> w.Widget:
    """The teacher console: create a room for a lesson, or reopen one created in this browser."""
    from debate_kit.content import list_lessons
    from debate_kit.widgets.teacher_console import TeacherConsole

    store = _store()
    if isinstance(store, w.HTML):
        return store
    load = lesson_loader(config.readings_dir())
    lessons, broken = {}, []
    for folder in list_lessons(config.readings_dir()):
        lesson = load(folder.name)
        if lesson is None:
            broken.append(folder.name)
        else:
            lessons[lesson.id] = lesson
    problems = ("These lessons have problems and are left out (run `debate-kit lesson check`): "
                + ", ".join(broken)) if broken else ""
    try:
        return TeacherConsole(store, lessons, code=_params(query).get("room", ""),
                              problems=problems)
    except Exception:
        log.exception("debate_kit: teacher console failed")
        return _error("Something went wrong while opening the console.")
