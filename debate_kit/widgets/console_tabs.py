"""ConsoleTabs: the teacher's controls for one room, once the teacher key has been checked.

The class screen itself (join code, link, QR, counts) is the projector view above the tabs.
Tabs: Room (phases, counts; no tally, no names),
Class (the names: teacher-only), Polls (open/close/reveal, results, swing), Answers, Cards, Sides,
Timer, Scores, Export. Each tab is a view of the store refreshed by the session's change feed: the
open tab at once, the others when they are opened (while the class screen is presented, none: the console
is hidden). At 500 students the Sides and Class tabs' name lists were most of what the console's browser
was sent while a class joined, although nobody could see them.
"""

from __future__ import annotations

from typing import Protocol

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


class Refreshable(Protocol):
    def refresh(self) -> None: ...


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
        # each tab: its title, what it shows, and the views to redraw when it is in sight
        tabs: list[tuple[str, w.Widget, list[Refreshable]]] = [
            ("Room", w.VBox([self.phases, self.room_panel]), [self.phases, self.room_panel]),
            ("Class", w.VBox([self.room_panel.roster, self.class_controls]),
             [self.room_panel, self.class_controls]),
            # the swing first: shown once there are votes
            ("Polls", w.VBox([*self.swings, self.polls]), [*self.swings, self.polls]),
            ("Answers", self.answers, [self.answers]),
            ("Cards", self.cards, [self.cards]),
            ("Sides", w.VBox([self.sides, w.HTML("<h4>Published round</h4>"), self.seats]),
             [self.sides, self.seats]),
            ("Timer", self.timer, [self.timer]),
            ("Scores", w.VBox([self.phases_hint(), self.scores]), [self.scores]),
            ("Export", self.export, [self.export]),
        ]
        self.tab_views = [views for _title, _box, views in tabs]
        self.views = list(dict.fromkeys(view for views in self.tab_views for view in views))
        self.shown = True  # False while the class screen is presented (the console is hidden)
        self._stale: set[int] = set()
        super().__init__([t[1] for t in tabs], titles=[t[0] for t in tabs])
        self.add_class("dk-console-tabs")
        self.observe(lambda _change: self._catch_up(), "selected_index")

    @staticmethod
    def phases_hint() -> w.HTML:
        return w.HTML("<p>Open and close scoring on the Room tab.</p>")

    def refresh(self) -> None:
        """Redraw every tab (the teacher's own actions, tests)."""
        self._stale.clear()
        for view in self.views:
            view.refresh()

    def refresh_live(self) -> None:
        """Redraw the tab the teacher sees; mark the others to redraw when they are opened."""
        self._stale.update(range(len(self.tab_views)))
        self._catch_up()

    def set_shown(self, shown: bool) -> None:
        """The console is shown (True) or hidden behind the presented class screen (False)."""
        self.shown = shown
        self._catch_up()

    def _catch_up(self) -> None:
        index = self.selected_index
        if not self.shown or index is None or index not in self._stale:
            return
        self._stale.discard(index)
        for view in self.tab_views[index]:
            view.refresh()
