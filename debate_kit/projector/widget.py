"""ProjectorWidget: the class screen inside the teacher console (anywidget; ``static/projector.js``).

``mode`` is "present" (the whole window, with the presenter's controls at the bottom) or "preview" (a
16:10 box above the console tabs). The view is rebuilt from the store on every change of the room
(``refresh``, called by the session's change feed); nothing private is ever in it, so the same view
goes to a second screen. A control click arrives as a custom message and is checked by
:class:`~debate_kit.projector.controls.Presenter` against the store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from debate_kit.core.errors import DebateKitError
from debate_kit.links import student_link
from debate_kit.projector.controls import Presenter
from debate_kit.projector.qr import qr_rows
from debate_kit.projector.view import projector_view
from debate_kit.student.snapshot import read_snapshot
from debate_kit.widgets.session import ClassSession

log = logging.getLogger("debate_kit.widgets")
STATIC = Path(__file__).resolve().parent / "static"
TOKENS = Path(__file__).resolve().parent.parent / "student" / "static" / "tokens.css"
MODES = ("present", "preview")


def projector_css() -> str:
    """The tokens and the projector's own styles, for anywidget's ``_css``."""
    return TOKENS.read_text(encoding="utf-8") + "\n" + (STATIC / "projector.css").read_text(encoding="utf-8")


class ProjectorWidget(anywidget.AnyWidget):
    """The projector view of one room, with the presenter's controls while presenting."""

    _esm = (STATIC / "projector.js").read_text(encoding="utf-8")
    _css = projector_css()
    view = t.Dict(allow_none=True, default_value=None).tag(sync=True)
    controls = t.List().tag(sync=True)
    mode = t.Unicode("present").tag(sync=True)
    status = t.Unicode("").tag(sync=True)
    alert = t.Unicode("", help="A problem the room must know of (the database away).").tag(sync=True)

    def __init__(self, session: ClassSession, *, page: str = "", make_sides: Callable[[], str] | None = None,
                 on_mode: Callable[[str], None] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.page = page
        self.on_mode = on_mode
        self.presenter = Presenter(session, make_sides or (lambda: "Make the sides on the Sides tab."))
        self.on_msg(self._browser_msg)
        self.refresh()

    def set_page(self, page: str) -> None:
        self.page = page
        self.refresh()

    def set_mode(self, mode: str) -> None:
        """Switch modes. ``on_mode`` hears it first: the console keeps its place in the browser before the
        browser sees the new mode (one kernel channel, in order), so a reload at once comes back to it."""
        if mode in MODES and mode != self.mode:
            if self.on_mode is not None:
                self.on_mode(mode)
            self.mode = mode
            self.refresh()

    def refresh(self) -> None:
        snap = read_snapshot(self.session.store, self.session.room.id)
        link, reachable = student_link(self.page, snap.room.code) if self.page else ("", False)
        self.view = projector_view(snap, self.session.lesson, link=link, reachable=reachable,
                                   qr=list(qr_rows(link)) if link else [])
        self.controls = self.presenter.controls(snap) if self.mode == "present" else []

    def _browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("type") != "control":
            return
        control = content.get("id")
        if not isinstance(control, str) or len(control) > 40:
            return
        if control == "console":
            self.set_mode("preview")
            return
        try:
            self.status = self.presenter.perform(control)
        except DebateKitError as error:
            self.status = error.message
        except Exception:
            log.exception("debate_kit: a presenter control failed")
            self.status = "Something went wrong; try again, or use the console tabs."
        self.session.refresh()
