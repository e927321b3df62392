"""TeacherConsole: create a room for a lesson, or reopen one whose teacher key this browser keeps.

The teacher key is made by the store when a room is created. Python hands it to the browser once, as
a custom message, and the browser keeps it in localStorage (``debate_kit.teacher.<CODE>``); on every
load the browser offers its keys back as a custom message and each is checked with
``store.is_teacher`` before anything unlocks. Keys are never synced widget state and never in a URL.
Without a valid key for a room, this page can only create a new room of its own.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.rate import ROOM_BURST, ROOMS_PER_SECOND, Bucket
from debate_kit.core.validation import normalize_join_code
from debate_kit.links import server_root
from debate_kit.rooms import create_lesson_room
from debate_kit.store import Room, Store
from debate_kit.widgets._html import esc, message, safe_url
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.session import ClassSession

DATABASE_LOST = ("The class database cannot be reached: reconnecting… What was saved is safe; "
                 "anything you do now is refused until it is back.")


class TeacherConsole(w.VBox):
    """The gate (create / reopen) and, once a room is unlocked, its :class:`ConsoleTabs`."""

    def __init__(
        self,
        store: Store,
        lessons: dict[str, Lesson],
        *,
        code: str = "",
        identity: DeviceIdentity | None = None,
        problems: str = "",
        notebooks: Path | None = None,
    ) -> None:
        self.store = store
        self.notebooks = notebooks  # the teacher notebook's folder (default: the kernel's, Voila's cwd)
        self.lessons = lessons
        self.wanted = code
        self.identity = identity or DeviceIdentity()
        self.session: ClassSession | None = None
        self.controls: Any = None
        self.projector: Any = None
        self.lesson_link: Any = None
        self.private: Any = None
        self.verified: dict[str, str] = {}
        self._rooms = Bucket(ROOMS_PER_SECOND, ROOM_BURST)  # a forged burst of Create clicks makes 3
        self.lesson = w.Dropdown(options=[(x.title, k) for k, x in sorted(lessons.items())],
                                 description="Lesson", layout=w.Layout(width="95%"))
        self.lesson.add_class("dk-console-lesson")
        self.title = w.Text(description="Class", placeholder="e.g. Period 3 history",
                            continuous_update=False)
        self.title.add_class("dk-console-title")
        self.create_button = w.Button(description="Create room", button_style="primary",
                                      tooltip="Create a new room")
        self.create_button.add_class("dk-console-create")
        self.code = w.Text(value=code[:12], description="Room code", placeholder="K7QF",
                           continuous_update=False)
        self.code.add_class("dk-console-code")
        self.key = w.Password(description="Teacher key", placeholder="only on another computer",
                              continuous_update=False)
        self.key.add_class("dk-console-key")
        self.open_button = w.Button(description="Open room",
                                    tooltip="Open a room you created in this browser, or type its key")
        self.open_button.add_class("dk-console-open")
        self.mine = w.HTML()
        self.status = StatusLine()
        self.create_button.on_click(self._create)
        self.open_button.on_click(self._open)
        note = f"<p style='color:#b71c1c'>{esc(problems)}</p>" if problems else ""
        self.gate = w.VBox([
            w.HTML("<h3>New room</h3>" + note), self.lesson, self.title, self.create_button,
            w.HTML("<h3>Reopen a room</h3>"), self.mine, w.HBox([self.code, self.open_button]),
            w.HTML("<p>On another computer, also type the key that <code>debate-kit teacher-key CODE</code> "
                   "prints on the server.</p>"), self.key,
        ])
        self.main = w.VBox()
        self.head = w.HTML("<h2>Teacher console</h2>")
        super().__init__([self.identity, self.head, self.gate, self.status, self.main])
        self.add_class("dk-teacher-console")
        self.add_class("dk-console-ui")  # the shared design tokens (tokens.css)
        self.identity.observe(self._keys_offered, "teacher_keys")
        self.identity.observe(self._page_known, "page")

    # -- keys from the browser ----------------------------------------------------------------------
    @guarded
    def _keys_offered(self, _change: Any = None) -> None:
        verified = {}
        for code, key in self.identity.teacher_keys.items():
            try:
                room = self.store.room(code)
            except (NotFound, InvalidInput):
                continue
            if self.store.is_teacher(room.id, key):
                verified[room.code] = key
        self.verified = verified
        codes = ", ".join(sorted(verified))
        self.mine.value = f"<p>Rooms you teach in this browser: {esc(codes)}</p>" if codes else ""
        place = self.identity.console_state  # where this browser's console was: a reload comes back there
        if self.session is None and (self.wanted or place.get("room")):
            wanted = (self.wanted or str(place.get("room"))).strip().upper()
            if wanted in verified:
                same = place.get("room") == wanted
                self._unlock(self.store.room(wanted), verified[wanted], tab=int(place.get("tab", 0)) if same
                             else 0, mode=str(place.get("mode", "present")) if same else "present")
            elif self.wanted:
                self.status.info(
                    f"This browser has no teacher key for room {wanted}: you can create a new room."
                )

    @guarded
    def _page_known(self, _change: Any = None) -> None:
        if self.controls is not None:
            self.controls.room_panel.set_page(self.identity.page)
        if self.projector is not None:
            self.projector.set_page(self.identity.page)
            self.second_screen.value = self._second_screen()
        if self.lesson_link is not None:
            self.lesson_link.set_page(self.identity.page)

    # -- actions ------------------------------------------------------------------------------------
    @guarded
    def _create(self, _button: Any = None) -> None:
        if not self._rooms.allow(time.monotonic()):
            raise NotAllowed("slow-down", "This page has just made several rooms: wait half a minute "
                                          "before making another (or reopen one you made).")
        lesson = self.lessons.get(self.lesson.value)  # type: ignore[arg-type]
        if lesson is None:
            raise InvalidInput("lesson-unknown", "Choose one of the lessons in the list.")
        room, key = create_lesson_room(self.store, lesson, self.title.value or lesson.title[:120])
        self.identity.keep_teacher_key(room.code, key)
        self.verified[room.code] = key
        self._unlock(room, key)
        self.status.ok(f"Room {room.code} is ready. This browser keeps its teacher key.")

    @guarded
    def _open(self, _button: Any = None) -> None:
        code = normalize_join_code(self.code.value)
        typed, self.key.value = self.key.value.strip(), ""  # never left in the page's widget state
        if typed:
            if not self.store.is_teacher(self.store.room(code).id, typed):
                raise NotAllowed("teacher-key", f"That is not the teacher key of room {code}.")
            self.identity.keep_teacher_key(code, typed)
            self.verified[code] = typed
        key = self.verified.get(code)
        if key is None or not self.store.is_teacher(self.store.room(code).id, key):
            raise NotAllowed(
                "teacher-key",
                f"This browser does not hold the teacher key for room {code}. Open the console in the "
                "browser where you created the room, or create a new room.",
            )
        self._unlock(self.store.room(code), key)

    def _unlock(self, room: Room, key: str, *, tab: int = 0, mode: str = "present") -> None:
        """Show the room: the class screen ("present", the default) or the console tabs under a preview."""
        from debate_kit.projector.widget import ProjectorWidget  # teacher-only imports (segno)
        from debate_kit.widgets.console_tabs import ConsoleTabs
        from debate_kit.widgets.lesson_link import LessonLink
        from debate_kit.widgets.private import PrivateSwitch

        if self.session is not None:
            self.session.stop_live()
        lesson = self.lessons.get(room.lesson)
        self.session = ClassSession(self.store, room, lesson, teacher_key=key)
        self.controls = ConsoleTabs(self.session, self.identity.page)
        self.session.register(self.controls)
        self.projector = ProjectorWidget(self.session, page=self.identity.page, make_sides=self._make_sides,
                                         on_mode=self._mode_changed, mode="preview")
        self.session.register(self.projector)
        self.lesson_link = self.session.register(LessonLink(self.session, self.identity.page, self.notebooks))
        self.private = PrivateSwitch(self.session)
        present = w.Button(description="Present", icon="television", button_style="primary",
                           tooltip="Show the class screen on the whole window (the projector's view)")
        present.add_class("dk-console-present")
        present.on_click(lambda _button: self.projector.set_mode("present"))
        trouble = w.HTML()
        trouble.add_class("dk-database-trouble")
        def database(lost: bool) -> None:  # said on the console and on the class screen
            trouble.value = message(DATABASE_LOST, kind="error") if lost else ""
            self.projector.alert = DATABASE_LOST if lost else ""

        self.session.trouble_listeners.append(database)
        heading = w.HTML(f"<h3>{esc(room.title)} ({esc(room.code)})</h3>")
        self.second_screen = w.HTML(self._second_screen())
        self.console_box = w.VBox([heading, trouble, w.HBox([present, self.second_screen, self.private]),
                                   self.lesson_link, self.controls])
        self.console_box.add_class("dk-console-box")
        self.main.children = [self.projector, self.console_box]
        self.gate.layout.display = "none"
        self.controls.selected_index = tab if 0 <= tab < len(self.controls.children) else 0
        self.controls.observe(self._tab_changed, "selected_index")
        self.projector.set_mode(mode if mode in ("present", "preview") else "present")
        self._mode_changed(self.projector.mode)
        if lesson is None:
            self.status.error("This room's lesson could not be loaded: prompts and texts are missing.")
        self.session.start_live()

    def _second_screen(self) -> str:
        """A link to the class screen as its own page, for a second screen (no key in it)."""
        page = safe_url(self.identity.page)
        if not page or self.session is None:
            return ""
        href = f"{server_root(page)}debate-kit/projector/{self.session.room.code}"
        return (f'<a class="dk-second-screen" href="{esc(href)}" target="_blank" rel="noopener">'
                "Class screen in a new window</a> (for a second screen: drag it there, then press F11)")

    def _make_sides(self) -> str:
        """The presenter's "Make the sides": the Sides tab's plan, previewed and published in one go."""
        sides = self.controls.sides
        for step in (sides._preview, sides._publish):
            step()
            if sides.status.kind == "error":
                raise InvalidInput("sides", sides.status.text)
        return "The sides are out."

    def _mode_changed(self, mode: str) -> None:
        """Presenting hides everything but the class screen (also from the keyboard's tab order)."""
        present = mode == "present"
        for part in (self.head, self.status, self.console_box):
            part.layout.display = "none" if present else None
        if self.controls is not None:
            self.controls.set_shown(not present)
        self.private.hide()
        self._remember(mode)

    def _tab_changed(self, _change: Any = None) -> None:
        self.private.hide()  # private detail never follows the teacher to another tab
        self._remember()

    def _remember(self, mode: str | None = None) -> None:
        if self.session is not None and self.projector is not None:
            self.identity.remember_console(self.session.room.code, int(self.controls.selected_index or 0),
                                           mode or self.projector.mode)
