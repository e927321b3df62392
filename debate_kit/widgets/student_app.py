"""StudentApp: join, then whatever the class's current phase asks for.

Phases (:data:`debate_kit.core.validation.PHASES`): join → wait; pre-vote → the motion vote(s);
reading → the lesson page; sides and debate → your side and the running order; scoring → score the
rebuttals; post-vote → the motion vote(s) again; results → the swing and the rebuttal scores.
The student's kernel holds no teacher key and imports nothing teacher-only (no segno, no pandas).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import ipywidgets as w

from debate_kit.core.lesson_model import Lesson
from debate_kit.core.validation import PHASE_LABELS
from debate_kit.rooms import motion_ids, motion_polls
from debate_kit.store import Participant, Room, Store
from debate_kit.widgets._html import esc, message
from debate_kit.widgets.identity import DeviceIdentity
from debate_kit.widgets.join import JoinView
from debate_kit.widgets.live_vote import LiveVote
from debate_kit.widgets.session import ClassSession

WAITING = "Wait for your teacher to start. This page updates by itself."


class StudentApp(w.VBox):
    """The whole student page. ``session`` exists once the student has joined."""

    def __init__(
        self,
        store: Store,
        load_lesson: Callable[[str], Lesson | None],
        *,
        code: str = "",
        hub_user: str | None = None,
        identity: DeviceIdentity | None = None,
    ) -> None:
        self.store = store
        self.load_lesson = load_lesson
        self.identity = identity or DeviceIdentity()
        self.session: ClassSession | None = None
        self.header = w.HTML()
        self.body = w.VBox()
        self.views: list[w.Widget] = []
        self._shape: tuple[object, ...] = ()
        self.join = JoinView(store, self.identity, self._joined, code=code, hub_user=hub_user)
        super().__init__([self.identity, self.header, self.join, self.body])
        self.add_class("dk-student-app")
        self.join.start()

    def _joined(self, room: Room, participant: Participant) -> None:
        self.session = ClassSession(self.store, room, participant=participant,
                                    load_lesson=functools.partial(self.load_lesson, room.lesson))
        self.session.register(self)
        self.join.layout.display = "none"
        self.refresh()
        self.session.start_live()

    def refresh(self) -> None:
        session = self.session
        if session is None:
            return
        room = session.room
        assert session.participant is not None
        self.header.value = (
            f'<div class="dk-header"><b>{esc(session.participant.name)}</b> in {esc(room.title)} '
            f"({esc(room.code)}). Now: <b>{esc(PHASE_LABELS.get(room.phase, room.phase))}</b></div>"
        )
        # A student's page builds no view for a poll still in draft (hidden anyway): one widget tree
        # per open poll, rebuilt when a poll leaves draft.
        shape = (room.phase, room.closed,
                 tuple((p.id, p.state == "draft") for p in self.store.polls(room.id)))
        if shape != self._shape:
            self._shape = shape
            self.views = self._views(session)
            self.body.children = self.views
            return
        for view in self.views:
            refresh = getattr(view, "refresh", None)
            if callable(refresh):
                refresh()

    def _views(self, session: ClassSession) -> list[w.Widget]:
        # Each phase's views are imported when the phase comes: a kernel at the vote loads no more.
        room = session.room
        if room.closed:
            return [w.HTML(message("This room is closed. Thank you for taking part!"))]
        phase = room.phase
        if phase in ("pre-vote", "post-vote"):
            when = "pre" if phase == "pre-vote" else "post"
            votes = [LiveVote(session, p.id) for p in motion_polls(self.store, room.id, when)
                     if p.state != "draft"]
            hint = "Vote on the motion. If no vote shows yet, wait for your teacher to open it."
            return [w.HTML(message(hint)), *votes]
        if phase == "reading":
            from debate_kit.widgets.lesson_page import LessonPage

            if session.lesson is None:
                return [w.HTML(message("The lesson text could not be loaded: please tell your teacher.",
                                       kind="error"))]
            return [LessonPage(session.lesson, session)]
        from debate_kit.widgets.seat_view import SeatView

        if phase in ("sides", "debate"):
            return [SeatView(session)]
        if phase == "scoring":
            from debate_kit.widgets.rebuttal_scorer import RebuttalScorer

            return [SeatView(session), RebuttalScorer(session)]
        if phase == "results":
            from debate_kit.widgets.score_results import ScoreResults
            from debate_kit.widgets.swing_view import SwingView

            swings = [SwingView(session, m) for m in motion_ids(self.store, room.id)]
            return [*swings, ScoreResults(session)]
        return [w.HTML(message(WAITING))]
