"""ResultsApp: the teacher's results page for one room, unlocked only by that room's teacher key.

The key reaches the kernel exactly as in the teacher console: the browser offers the keys it keeps in
localStorage through :class:`~debate_kit.widgets.identity.DeviceIdentity` (a custom message), and the
key for this page's room is checked with ``store.is_teacher`` before any data is read. In JupyterLab
a teacher can pass the key directly (``results_app(room=..., teacher_key=...)``); it is checked the
same way. Without a valid key the page shows only :data:`LOCKED`.

The page is often on the projector: by default it shows no tally of an unrevealed poll and no names next
to moves, answers or scores. The console's :class:`~debate_kit.widgets.private.PrivateSwitch` (on a
:class:`~debate_kit.widgets.session.ClassSession` made with the checked key) shows them for a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import DebateKitError, NotAllowed
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.validation import normalize_join_code
from debate_kit.store import Room, Store
from debate_kit.widgets._html import esc, message
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.private import PrivateSwitch
from debate_kit.widgets.session import ClassSession

LOCKED = "Open the results from the teacher console on the teacher's computer."
WAITING = "Checking the teacher key kept in this browser…"


class ResultsApp(w.VBox):
    """The gate and, once unlocked, the results with a Refresh button and download links."""

    def __init__(self, store: Store, code: str = "", *, teacher_key: str | None = None,
                 identity: DeviceIdentity | None = None,
                 load_lesson: Callable[[str], Lesson | None] | None = None) -> None:
        self.store = store
        self.code = code
        self.load_lesson = load_lesson
        self.room: Room | None = None
        self.key: str | None = None
        self.session: ClassSession | None = None  # made once the key is checked: private details
        self.private = w.Box()
        self.gate = w.HTML()
        self.gate.add_class("dk-results-gate")
        self.status = StatusLine()
        self.refresh_button = w.Button(description="Refresh", icon="refresh",
                                       tooltip="Read the room's latest votes, answers and scores")
        self.refresh_button.add_class("dk-results-refresh")
        self.refresh_button.on_click(self._refresh_clicked)
        self.body = w.VBox()
        self.body.add_class("dk-results-body")
        self.downloads = w.HTML()
        self.downloads.add_class("dk-results-downloads")
        self.main = w.VBox([self.private, self.refresh_button, self.body, w.HTML("<h3>Downloads</h3>"),
                            self.downloads])
        self.main.layout.display = "none"
        self.identity = None if teacher_key is not None else (identity or DeviceIdentity())
        children = [self.gate, self.status, self.main]
        super().__init__(([self.identity] if self.identity is not None else []) + children)
        self.add_class("dk-results-app")
        if teacher_key is not None:
            self._try({code: teacher_key} if code else {})
        else:
            assert self.identity is not None
            self.gate.value = message(WAITING)
            self.identity.observe(self._keys_offered, "teacher_keys")

    # -- the gate -----------------------------------------------------------------------------------
    @property
    def unlocked(self) -> bool:
        return self.room is not None

    def _keys_offered(self, _change: Any = None) -> None:
        assert self.identity is not None
        self._try(self.identity.teacher_keys)

    def _verified(self, keys: dict[str, str]) -> dict[str, tuple[Room, str]]:
        found = {}
        for code, key in keys.items():
            try:
                room = self.store.room(code)
            except DebateKitError:
                continue
            if self.store.is_teacher(room.id, key):
                found[room.code] = (room, key)
        return found

    def _try(self, keys: dict[str, str]) -> None:
        if self.unlocked:
            return
        try:
            wanted = normalize_join_code(self.code) if self.code else ""
            verified = self._verified(keys)
        except DebateKitError:
            wanted, verified = "", {}
        except Exception:
            self._lock("The class database cannot be read. Please try again.")
            return
        if wanted and wanted in verified:
            self.room, self.key = verified[wanted]
            self.session = ClassSession(self.store, self.room, teacher_key=self.key)
            self.session.register(self)
            self.private.children = [PrivateSwitch(self.session)]
            self.gate.value = ""
            self.show()
            return
        others = "".join(f'<li><a href="?room={esc(c)}">{esc(c)}</a></li>' for c in sorted(verified))
        self._lock(LOCKED, f"<p>Rooms this browser teaches:</p><ul>{others}</ul>" if others else "")

    def _lock(self, text: str, extra: str = "") -> None:
        self.room = self.key = self.session = None
        self.private.children = []
        self.gate.value = message(text, kind="error") + extra
        self.body.children = []
        self.downloads.value = ""
        self.main.layout.display = "none"

    # -- the results --------------------------------------------------------------------------------
    @guarded
    def _refresh_clicked(self, _button: Any = None) -> None:
        if not self.unlocked:  # a hidden button still runs its handler: check, don't trust the UI
            raise NotAllowed("teacher-key", LOCKED)
        self.show()
        if self.unlocked:
            self.status.ok("Up to date.")

    def refresh(self) -> None:
        """Redraw (the private switch asks for it when it flips)."""
        self.show()

    def show(self) -> None:
        """Read the room again (after checking the key again) and redraw everything."""
        from debate_kit.results.downloads import download_links
        from debate_kit.results.records import read_records
        from debate_kit.results.render import page_html
        from debate_kit.results.tables import build_tables

        if self.room is None or not self.store.is_teacher(self.room.id, self.key):
            self._lock(LOCKED)
            return
        lesson = self.load_lesson(self.room.lesson) if self.load_lesson else None
        records = read_records(self.store, self.room.id, lesson)
        tables = build_tables(records)
        parts = []
        private = self.session is not None and self.session.show_private
        for heading, html in page_html(records, tables, private=private):
            box = w.HTML((f"<h3>{esc(heading)}</h3>" if heading else "") + html)
            box.add_class("dk-results-part")
            parts.append(box)
        self.body.children = parts
        self.downloads.value = download_links(records.room.code, tables)
        self.main.layout.display = None
