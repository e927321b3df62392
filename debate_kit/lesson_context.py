"""The lesson notebook's one context per kernel and lesson: its mode, who the student is, where answers go.

Two modes (issue 20 item 3), from the page's query string: with ``room=CODE`` the student joins that room
(:class:`~debate_kit.widgets.join.JoinView`) and each answer goes to it through the phones'
:class:`~debate_kit.student.session.StudentSession` (``answer`` messages: the same checks, the reading
phase included); without a room the notebook is self-paced and answers are kept for the student in the
store (:mod:`debate_kit.store.self_paced`). The student is the browser's device token
(:class:`~debate_kit.widgets.identity.DeviceIdentity`) or, on JupyterHub, ``JUPYTERHUB_USER``. The token
is never shown, logged or put in a URL.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from debate_kit import config
from debate_kit.core.errors import DebateKitError, InvalidInput, NotAllowed
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.rate import MESSAGE_BURST, MESSAGES_PER_SECOND, SLOW_DOWN, Bucket
from debate_kit.lesson_cache import lesson_loader
from debate_kit.store import Participant, Room, Store, open_store
from debate_kit.student.session import HUB_PREFIX, StudentSession
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.session import ClassSession

NO_ID = "This browser has not sent its id yet: wait a moment or reload the page."
JOIN_FIRST = "Join your teacher's room above first: then your answers go to the room."
NO_LESSON = "This lesson's files are missing or broken, so answers cannot be saved: tell your teacher."
STORE_PROBLEM = "The class database cannot be opened, so answers cannot be saved: tell your teacher."
_contexts: dict[str, LessonContext] = {}


def room_code(query: str) -> str:
    """The ``room`` of a query string (``?room=K7QF``), at most 12 characters; '' if none."""
    values = parse_qs((query or "").lstrip("?"), max_num_fields=20).get("room") or [""]
    return values[0].strip()[:12]


class LessonContext:
    """Mode, identity and storage of one lesson notebook in one kernel; boxes register to be filled."""

    def __init__(self, lesson_id: str, *, query: str = "", hub_user: str | None = None,
                 store: Store | None = None, lessons: Callable[[str], Lesson | None] | None = None,
                 identity: DeviceIdentity | None = None) -> None:
        self.lesson_id = lesson_id
        self.code = room_code(query)
        self.mode = "room" if self.code else "self-paced"
        self.hub_user = hub_user or None
        self.lessons = lessons or lesson_loader(config.readings_dir())
        self.lesson = self.lessons(lesson_id)
        self.problem = "" if self.lesson is not None else NO_LESSON
        self.store = store
        if store is None:
            try:
                self.store = open_store(config.store_url())
            except Exception:
                self.store, self.problem = None, STORE_PROBLEM
        self.identity = identity or DeviceIdentity()
        self.identity_shown = False
        self.session: StudentSession | None = None
        self.live: ClassSession | None = None  # the section polls' votes and results, once joined
        self.on_join: list[Callable[[ClassSession], None]] = []
        self.listeners: list[Callable[[dict[str, str]], None]] = []
        self.last: dict[str, str] = {}  # the kept answers as last read (a box made later starts with them)
        self._ids = itertools.count(1)
        self._bucket = Bucket(MESSAGES_PER_SECOND, MESSAGE_BURST)  # a page's saves, limited like a phone's
        self.identity.observe(lambda _change: self.reload(), "token")

    # -- who ----------------------------------------------------------------------------------------
    @property
    def owner(self) -> str | None:
        """The identity string answers are kept under (never shown); None until the browser sent it."""
        if self.hub_user:
            return HUB_PREFIX + self.hub_user
        return self.identity.token or None

    @property
    def ready(self) -> bool:
        """Whether answers can be saved now (the student known and, with a room, joined)."""
        if self.problem or self.owner is None:
            return False
        return self.mode == "self-paced" or self.session is not None

    def joined(self, room: Room, participant: Participant) -> None:
        """The join view's callback: a StudentSession bound to the participant (by the same token)."""
        assert self.store is not None
        session = StudentSession(self.store, self.lessons, hub_user=self.hub_user)
        session.receive({"type": "hello", "token": self.owner or "", "room": room.code})
        if session.participant is None or session.participant.id != participant.id:
            raise NotAllowed("not-joined", "This page could not join the room: reload the page.")
        self.session = session
        self.live = ClassSession(self.store, room, self.lesson, participant=participant)
        for show in list(self.on_join):
            show(self.live)
        self.live.start_live()
        self.reload()

    # -- answers ------------------------------------------------------------------------------------
    def saved(self) -> dict[str, str]:
        """Prompt id -> this student's kept answer ({} while the student is not known)."""
        if not self.ready or self.store is None:
            return {}
        if self.session is not None and self.session.room is not None and self.session.participant:
            mine = self.session.participant.id
            return {a.prompt: a.text for a in self.store.answers(self.session.room.id)
                    if a.participant_id == mine}
        return self.store.self_paced_answers(self.lesson_id, self.owner)

    def save(self, prompt: str, text: str) -> str:
        """Keep the answer; returns the confirmation to show; raises DebateKitError with a message."""
        if self.problem:
            raise NotAllowed("not-saved", self.problem)
        if self.owner is None:
            raise InvalidInput("token-missing", NO_ID)
        if not self._bucket.allow(time.monotonic()):
            raise NotAllowed("slow-down", SLOW_DOWN)
        if self.mode == "room":
            if self.session is None:
                raise NotAllowed("not-joined", JOIN_FIRST)
            reply = self.session.receive({"type": "answer", "id": next(self._ids), "prompt": prompt,
                                          "text": text})
            if not reply or reply.get("type") != "ack":
                raise NotAllowed("not-saved", str((reply or {}).get("message") or "Not saved: try again."))
            message = "Saved in your teacher's room."
        else:
            assert self.lesson is not None and self.store is not None
            if prompt not in {p.id for s in self.lesson.sections for p in s.prompts}:
                raise InvalidInput("prompt-unknown", "That question is not part of this lesson.")
            self.store.save_self_paced(self.lesson_id, self.owner, prompt, text)
            message = "Saved for you."
        self.changed()
        return message

    def delete_kept(self) -> int:
        """Delete this student's self-paced answers to the lesson (their request); returns how many."""
        if self.mode != "self-paced" or self.problem or self.store is None:
            raise NotAllowed("not-self-paced", "Only answers kept for you can be deleted here.")
        if self.owner is None:
            raise InvalidInput("token-missing", NO_ID)
        removed = self.store.delete_self_paced(self.owner, self.lesson_id)
        self.changed()
        return removed

    def reload(self) -> None:
        """Tell every box (and the download link) the kept answers."""
        self.changed()

    def changed(self) -> None:
        try:
            answers = self.saved()
        except DebateKitError:
            return
        self.last = answers
        for listener in list(self.listeners):
            listener(answers)


def context(lesson_id: str, **kwargs: Any) -> LessonContext:
    """This kernel's context for ``lesson_id`` (made on first use from QUERY_STRING and JUPYTERHUB_USER)."""
    found = _contexts.get(lesson_id)
    if found is None:
        kwargs.setdefault("query", os.environ.get("QUERY_STRING", ""))
        kwargs.setdefault("hub_user", os.environ.get("JUPYTERHUB_USER"))
        found = _contexts[lesson_id] = LessonContext(lesson_id, **kwargs)
    return found


def forget() -> None:
    """Drop every context (tests)."""
    _contexts.clear()
