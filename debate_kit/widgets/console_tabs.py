"""ConsoleTabs: the teacher's controls for one room, once the teacher key has been checked.

The class screen itself (join code, link, QR, counts) is the projector view above the tabs.
Tabs: Room (phases, counts; no tally, no names),
Class (the names: teacher-only), Polls (open/close/reveal, results, swing), Answers, Cards, Sides,
Timer, Scores, Export. Each tab is a view of the store refreshed by the session's change feed.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.rooms import motion_ids
from debate_kit.widgets.answers_view import AnswersView
from debate_kit.widgets.cards_panel import CardsPanel
from debate_kit.widgets.class_controls import ClassControls
from debate_kit.widgets.export_button import ExportButton
from debate_kit.widgets.phase_bar import PhaseBar
from debate_kit.widgets.poll_controls import PollControls
from debate_kit.widgets.room_panel import RoomPanel
from debate_kit.widgets.score_results import ScoreResults
from debate_kit.widgets.seat_view import SeatView
from debate_kit.widgets.session import ClassSession
from debate_kit.widgets.side_assigner import SideAssigner
from debate_kit.widgets.speech_timer import TimerPanel
from debate_kit.widgets.swing_view import SwingView


class ConsoleTabs(w.Tab):
    """All teacher views of one room; ``refresh()`` refreshes each of them."""

    def __init__(self, session: ClassSession, page: str = "") -> None:
        if not session.is_teacher:
            raise ValueError("ConsoleTabs needs a session with a checked teacher key.")
        self.session = session
        self.room_panel = RoomPanel(session, page)
        self.room_panel.join_box.layout.display = "none"  # the projector view above the tabs shows it
        self.phases = PhaseBar(session)
        self.polls = PollControls(session)
        self.swings = [SwingView(session, m) for m in motion_ids(session.store, session.room.id)]
        self.answers = AnswersView(session)
        self.cards = CardsPanel(session)
        self.sides = SideAssigner(session)
        self.seats = SeatView(session)
        self.timer = TimerPanel(session)
        self.scores = ScoreResults(session)
        self.export = ExportButton(session)
        self.class_controls = ClassControls(session)
        self.views = [self.room_panel, self.phases, self.polls, *self.swings, self.answers, self.cards,
                      self.sides, self.seats, self.timer, self.scores, self.export, self.class_controls]
        tabs = [
            ("Room", w.VBox([self.phases, self.room_panel])),
            ("Class", w.VBox([self.room_panel.roster, self.class_controls])),
            ("Polls", w.VBox([*self.swings, self.polls])),  # the swing first: shown once there are votes
            ("Answers", self.answers),
            ("Cards", self.cards),
            ("Sides", w.VBox([self.sides, w.HTML("<h4>Published round</h4>"), self.seats])),
            ("Timer", self.timer),
            ("Scores", w.VBox([self.phases_hint(), self.scores])),
            ("Export", self.export),
        ]
        super().__init__([t[1] for t in tabs], titles=[t[0] for t in tabs])
        self.add_class("dk-console-tabs")

    @staticmethod
    def phases_hint() -> w.HTML:
        return w.HTML("<p>Open and close scoring on the Room tab.</p>")

    def refresh(self) -> None:
        for view in self.views:
            view.refresh()
