"""PollControls (teacher): every poll of the room with Open, Close and Reveal, and how many voted.

Safe to mirror: a poll's tally shows only once it is revealed, or while the teacher shows private
details (each row's :class:`LiveVote` applies :mod:`debate_kit.core.privacy`); before that "k of n voted".
The poll a button acts on is fixed in Python when the row is built; the store checks the teacher key.
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.rooms import main_motion_polls
from debate_kit.widgets._html import esc
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.live_vote import LiveVote
from debate_kit.widgets.session import ClassSession

ACTIONS = (("open", "Open", "dk-open"), ("closed", "Close", "dk-close"), ("revealed", "Reveal", "dk-reveal"))


class PollControls(w.VBox):
    """One row per poll: state, Open / Close / Reveal, and how many voted (the tally once revealed)."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.status = StatusLine()
        self.rows = w.VBox()  # the main motion's before and after polls: what the phases drive
        self.other_rows = w.VBox()  # other motions and section polls, folded away until wanted
        self.others = w.Accordion([self.other_rows], titles=["Other polls (more motions, section polls)"],
                                  selected_index=None)
        self.others.add_class("dk-other-polls")
        self.votes: dict[int, LiveVote] = {}
        self.buttons: dict[int, dict[str, w.Button]] = {}
        self.labels: dict[int, w.HTML] = {}
        hint = w.HTML("<p>Moving the class to the vote before (after) the debate opens that vote; "
                      "moving on closes it; the results phase reveals both. Results show here once "
                      "revealed (or with Show private details).</p>")
        super().__init__([self.status, hint, self.rows, self.others])
        self.add_class("dk-poll-controls")
        self.refresh()

    def _row(self, poll_id: int, section: str | None) -> w.Widget:
        label = w.HTML()
        buttons = {}
        for state, text, css in ACTIONS:
            button = w.Button(description=text, tooltip=f"{text} this poll", layout=w.Layout(width="auto"))
            button.add_class(css)
            button.on_click(functools.partial(self._set_state, poll_id, state))
            buttons[state] = button
        vote = LiveVote(self.session, poll_id)
        self.votes[poll_id], self.buttons[poll_id], self.labels[poll_id] = vote, buttons, label
        where = f"Section: {esc(section)}" if section else "Motion / whole essay"
        head = w.HTML(f"<div style='color:#555'>{where}</div>")
        row = w.VBox([head, w.HBox([label, *buttons.values()]), vote],
                     layout=w.Layout(border="1px solid #ddd", padding="4px", margin="4px 0"))
        row.add_class("dk-poll-row")
        return row

    def refresh(self) -> None:
        polls = self.session.store.polls(self.session.room.id)
        if [p.id for p in polls] != list(self.votes):
            self.votes.clear()
            main = {p.id for p in main_motion_polls(polls) if p is not None}
            rows = {p.id: self._row(p.id, p.section) for p in polls}
            self.rows.children = [rows[p.id] for p in polls if p.id in main]
            self.other_rows.children = [rows[p.id] for p in polls if p.id not in main]
        for poll in polls:
            self.labels[poll.id].value = f"<b>{esc(poll.state)}</b>&nbsp;"
            for state, button in self.buttons[poll.id].items():
                button.disabled = poll.state == state
            self.votes[poll.id].refresh()

    @guarded
    def _set_state(self, poll_id: int, state: str, _button: Any = None) -> None:
        if self.session.teacher_key is None:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        self.session.store.set_poll_state(poll_id, self.session.teacher_key, state)
        self.session.refresh()
        self.status.ok(f"Poll {state}.")
