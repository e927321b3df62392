"""A class session: which store, room and lesson a page shows, and who is looking at it.

One page view is one kernel, so a :class:`ClassSession` lives exactly as long as one student's or the
teacher's page. It holds no classroom state of its own: ``refresh()`` re-reads the store and asks every
registered view to redraw itself; ``start_live()`` calls ``refresh()`` whenever the room's change feed
says something changed. A session is a student's (``participant``) or the teacher's (``teacher_key``,
checked against the store when the session is made), or read-only (neither).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from debate_kit.core.errors import NotAllowed
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.rate import MESSAGE_BURST, MESSAGES_PER_SECOND, SLOW_DOWN, Bucket
from debate_kit.store import Participant, Room, Store
from debate_kit.store.feed import follow

log = logging.getLogger("debate_kit.widgets")
#: The least time between two redraws the change feed causes (seconds): a class joining or voting at once
#: is a few redraws of the console, not one per student (the teacher's own clicks redraw at once).
FEED_REDRAW_INTERVAL = 0.2


class View(Protocol):
    def refresh(self) -> None: ...


class ClassSession:
    """The store, room, lesson and identity behind one page."""

    def __init__(
        self,
        store: Store,
        room: Room,
        lesson: Lesson | None = None,
        *,
        participant: Participant | None = None,
        teacher_key: str | None = None,
        load_lesson: Callable[[], Lesson | None] | None = None,
    ) -> None:
        if teacher_key is not None and not store.is_teacher(room.id, teacher_key):
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        if participant is not None and participant.room_id != room.id:
            raise NotAllowed("not-in-room", "You are not a member of this room: join it first.")
        self.store = store
        self.room = room
        self._lesson = lesson
        self._load_lesson = load_lesson  # read on first use: a vote page needs no lesson text
        self.participant = participant
        self.teacher_key = teacher_key
        self.views: list[View] = []
        self._task: asyncio.Task[None] | None = None
        self._bucket = Bucket(MESSAGES_PER_SECOND, MESSAGE_BURST)
        self.database_lost = False
        #: Teacher-only detail (names, live tallies) shows until this monotonic time (PrivateSwitch).
        self.private_until = 0.0
        self.trouble_listeners: list[Callable[[bool], None]] = []

    def slow_down(self) -> None:
        """Raise ``NotAllowed("slow-down")`` if this page acts faster than a person can (a forged burst)."""
        if not self._bucket.allow(time.monotonic()):
            raise NotAllowed("slow-down", SLOW_DOWN)

    # -- who is looking -----------------------------------------------------------------------------
    @property
    def is_teacher(self) -> bool:
        return self.teacher_key is not None

    @property
    def show_private(self) -> bool:
        """True while the teacher has asked to see names and live tallies (see PrivateSwitch)."""
        return self.is_teacher and time.monotonic() < self.private_until

    @property
    def participant_id(self) -> int | None:
        return None if self.participant is None else self.participant.id

    def names(self) -> dict[int, str]:
        """Participant id -> display name, read from the store now."""
        return {p.id: p.name for p in self.store.participants(self.room.id)}

    # -- lesson helpers -----------------------------------------------------------------------------
    @property
    def lesson(self) -> Lesson | None:
        """The room's lesson; with ``load_lesson``, read (parsing its files) when first asked for."""
        if self._load_lesson is not None:
            load, self._load_lesson = self._load_lesson, None
            self._lesson = load()
        return self._lesson

    def criterion_text(self, criterion: str) -> tuple[str, str]:
        """(label, help) for a rubric criterion: from the lesson when it has it, else the id."""
        if self.lesson is not None:
            for c in self.lesson.rubric.criteria:
                if c.id == criterion:
                    return c.label, c.help
        return criterion.replace("-", " ").capitalize(), ""

    # -- views and live updates ---------------------------------------------------------------------
    def register(self, view: Any) -> Any:
        self.views.append(view)
        return view

    def refresh(self, *, live: bool = False) -> None:
        """Re-read the room and redraw every registered view (one failing view does not stop others).

        ``live`` (the change feed's redraws): a view with ``refresh_live()`` may redraw only what the
        teacher can see now (the console's tabs: the open one) and the rest when it is shown."""
        try:
            self.room = self.store.room_by_id(self.room.id)
        except Exception:
            log.exception("debate_kit: cannot re-read room %s", self.room.id)
            return
        for view in list(self.views):
            try:
                (view.refresh_live if live and hasattr(view, "refresh_live") else view.refresh)()
            except Exception:
                log.exception("debate_kit: refreshing %s failed", type(view).__name__)

    def start_live(self) -> bool:
        """Follow the room's change feed in an asyncio task; only when an event loop runs (a kernel)."""
        if self._task is not None:
            return True
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            try:
                loop = asyncio.get_event_loop_policy().get_event_loop()
            except RuntimeError:
                return False
            if not loop.is_running():
                return False
        self._task = loop.create_task(self._follow())
        return True

    async def _follow(self) -> None:
        """Redraw after changes (at most every ``FEED_REDRAW_INTERVAL``); through a database outage, the
        feed subscribes again by itself and the views redraw once it is back (each yield comes after a
        fresh subscription)."""
        last = 0.0
        pending: asyncio.Task[None] | None = None

        async def redraw() -> None:  # apart from the feed, which goes on reading (and draining) its wakes
            nonlocal last
            wait = last + FEED_REDRAW_INTERVAL - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)  # what changes meanwhile is read by this one redraw
            last = time.monotonic()
            self.refresh(live=True)

        try:
            async for _revision in follow(self.store, self.room.id, self._trouble,
                                          min_interval=FEED_REDRAW_INTERVAL):  # not woken by each commit
                if pending is None or pending.done():
                    pending = asyncio.get_running_loop().create_task(redraw())
        finally:
            if pending is not None:
                pending.cancel()

    def _trouble(self, lost: bool) -> None:
        """Tell the page's listeners that the database went away (True) or came back (False)."""
        self.database_lost = lost
        for listener in list(self.trouble_listeners):
            try:
                listener(lost)
            except Exception:
                log.exception("debate_kit: a trouble listener failed")

    def stop_live(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
