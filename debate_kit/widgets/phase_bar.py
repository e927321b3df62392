"""PhaseBar (teacher): one button per classroom phase, plus scoring and room open/close controls.

Every click goes to the store with the session's teacher key; the store refuses anyone else, so a
button clicked in a page without the key (forged, hidden or disabled) changes nothing.
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.core.vocabulary import PHASE_LABELS, PHASES
from debate_kit.rooms import phase_poll_changes
from debate_kit.rounds import latest_published
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


def _button(label: str, css: str, tooltip: str) -> w.Button:
    button = w.Button(description=label, tooltip=tooltip, layout=w.Layout(width="auto"))
    button.add_class(css)
    return button


class PhaseBar(w.VBox):
    """Move the class through :data:`PHASES`; open or close scoring; close or reopen the room."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.phase_buttons: dict[str, w.Button] = {}
        for phase in PHASES:
            label = PHASE_LABELS[phase]
            button = _button(label, f"dk-phase-{phase}", f"Move the class to: {label}")
            button.on_click(functools.partial(self._set_phase, phase))
            self.phase_buttons[phase] = button
        self.scoring_open = _button("Open scoring", "dk-scoring-open", "Let judges and audience score")
        self.scoring_close = _button("Close scoring", "dk-scoring-close", "Stop scoring")
        self.room_close = _button("Close room", "dk-room-close", "Nobody can join or change anything")
        self.room_reopen = _button("Reopen room", "dk-room-reopen", "Allow joining and changes again")
        self.scoring_open.on_click(functools.partial(self._scoring, True))
        self.scoring_close.on_click(functools.partial(self._scoring, False))
        self.room_close.on_click(functools.partial(self._closed, True))
        self.room_reopen.on_click(functools.partial(self._closed, False))
        self.status = StatusLine()
        super().__init__([
            w.HBox(list(self.phase_buttons.values()), layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.scoring_open, self.scoring_close, self.room_close, self.room_reopen]),
            self.status,
        ])
        self.add_class("dk-phase-bar")
        self.refresh()

    def refresh(self) -> None:
        current = self.session.room.phase
        for phase, button in self.phase_buttons.items():
            button.button_style = "primary" if phase == current else ""
            button.icon = "arrow-right" if phase == current else ""

    def _key(self) -> str:
        if self.session.teacher_key is None:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        return self.session.teacher_key

    @guarded
    def _set_phase(self, phase: str, _button: Any = None) -> None:
        store, room = self.session.store, self.session.store.room_by_id(self.session.room.id)
        polls = store.polls(room.id)
        changes = phase_poll_changes(polls, room.phase, phase)
        store.set_phase(room.id, self._key(), phase, changes)
        self.session.refresh()
        done = {"open": "opened", "closed": "closed", "revealed": "revealed"}
        questions = {p.id: p.question for p in polls}
        also = "".join(f" {questions[pid].split(':')[0]}: vote {done[state]}." for pid, state in changes)
        self.status.ok(f"The class is now at: {PHASE_LABELS[phase]}.{also}")

    @guarded
    def _scoring(self, open_: bool, _button: Any = None) -> None:
        key = self._key()
        round_ = latest_published(self.session.store, self.session.room.id)
        if round_ is None:
            raise InvalidInput("no-round", "Publish the sides first: there are no speeches to score.")
        self.session.store.set_scoring(round_.id, key, open_)
        self.session.refresh()
        self.status.ok("Scoring is open." if open_ else "Scoring is closed.")

    @guarded
    def _closed(self, closed: bool, _button: Any = None) -> None:
        self.session.store.set_closed(self.session.room.id, self._key(), closed)
        self.session.refresh()
        self.status.ok("The room is closed." if closed else "The room is open again.")
