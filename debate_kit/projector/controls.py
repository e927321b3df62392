"""The presenter's controls: the few buttons a lesson needs while the projector shows the class screen.

``offered`` is pure: from a room snapshot it lists the buttons that make sense now (the next phase,
closing and revealing the vote, making the sides, the speech clock, scoring). ``perform`` is the shell:
it reads the store again, refuses a control that is not offered *now* (a forged or stale click), and
acts with the teacher key. A whole lesson can be run from these buttons without leaving "Present".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from debate_kit import speeches
from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.core.formats import PRESETS, running_order
from debate_kit.core.vocabulary import PHASE_LABELS, PHASES
from debate_kit.rooms import main_motion_polls, phase_poll_changes
from debate_kit.rounds import round_format
from debate_kit.student.snapshot import RoomSnapshot, read_snapshot
from debate_kit.student.view import speech_view
from debate_kit.widgets.session import ClassSession

Control = dict[str, Any]
#: Phase names short enough for a row of buttons read from the back of the room.
SHORT_LABELS = {"join": "Join", "pre-vote": "Vote", "reading": "Reading", "sides": "Sides",
                "debate": "Debate", "scoring": "Scoring", "post-vote": "Vote again", "results": "Results"}


def _control(id_: str, label: str, primary: bool = False, title: str = "") -> Control:
    return {"id": id_, "label": label, "primary": primary, "title": title}


def offered(snap: RoomSnapshot, order_labels: list[str], *, sides_ready: bool) -> list[Control]:
    """The buttons for now. ``order_labels``: the running order; ``sides_ready``: a round is published."""
    room = snap.room
    phase = room.phase
    index = PHASES.index(phase) if phase in PHASES else 0
    out: list[Control] = []
    if room.shown_card is not None:
        out.append(_control("hide-card", "Hide the card", primary=True, title="Back to the class screen"))
    if index > 0:
        out.append(_control("back", "◀ Back", title=f"Back to: {PHASE_LABELS[PHASES[index - 1]]}"))
    step_done = True
    if phase in ("pre-vote", "post-vote"):
        pre, post = main_motion_polls(list(snap.polls))
        poll = pre if phase == "pre-vote" else post
        if poll is not None and poll.state == "open":
            out.append(_control("close-vote", "Close voting"))
        elif poll is not None and poll.state == "closed":
            out.append(_control("reveal", "Show the results", primary=True))
            step_done = False
    elif phase == "sides" and not sides_ready:
        out.append(_control("make-sides", "Make the sides", primary=True,
                            title="Every student gets a job: debaters, and judges for each debate"))
        step_done = False
    elif phase == "debate":
        speech = speech_view(room.speech, snap.read_at)
        if speech is not None and speech["running"]:
            out.append(_control("pause", "Pause"))
        else:
            out.append(_control("start", "Start the clock", primary=True))
            step_done = False
        out.append(_control("reset", "Reset"))
        current = order_labels.index(speech["label"]) if speech and speech["label"] in order_labels else -1
        if current + 1 < len(order_labels):
            out.append(_control("next-speech", "Next speech", title=order_labels[current + 1]))
    elif phase == "scoring" and snap.round is not None:
        if snap.round.scoring == "open":
            out.append(_control("close-scoring", "Close scoring"))
        else:
            out.append(_control("open-scoring", "Open scoring", primary=True))
            step_done = False
    if index + 1 < len(PHASES):
        out.append(_control("next", f"Next: {SHORT_LABELS[PHASES[index + 1]]} ▶", primary=step_done,
                            title=f"Move the class to: {PHASE_LABELS[PHASES[index + 1]]}"))
    out.append(_control("console", "Console", title="Leave the class screen for the console's tabs"))
    return out


def controls_for(snap: RoomSnapshot) -> list[Control]:
    """The buttons for now, from one snapshot alone (the running order of its published round)."""
    fmt = round_format(snap.round) if snap.round is not None else PRESETS["classroom"]
    return offered(snap, [s.label for s in running_order(fmt)], sides_ready=snap.round is not None)


class Presenter:
    """Runs the controls for one teacher session; ``make_sides`` is the console's side assigner."""

    def __init__(self, session: ClassSession, make_sides: Callable[[], str]) -> None:
        self.session = session
        self.make_sides = make_sides

    def controls(self, snap: RoomSnapshot) -> list[Control]:
        return controls_for(snap)

    def perform(self, control: str) -> str:
        """Do ``control`` if it is offered now; returns what to tell the teacher."""
        store, key = self.session.store, self.session.teacher_key
        if key is None:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        room_id = self.session.room.id
        snap = read_snapshot(store, room_id)
        if control not in {c["id"] for c in self.controls(snap)}:
            raise InvalidInput("control-stale", "That button is not available now: the screen has changed.")
        self.session.slow_down()
        room = snap.room
        if control in ("back", "next"):
            target = PHASES[PHASES.index(room.phase) + (1 if control == "next" else -1)]
            changes = phase_poll_changes(store.polls(room_id), room.phase, target)
            store.set_phase(room_id, key, target, changes)
            if target == "debate" and not room.speech:
                _round, order = speeches.slots(store, room_id)
                speeches.choose(store, room_id, key, order[0])
            return ""  # the header's phase says it
        if control in ("close-vote", "reveal"):
            pre, post = main_motion_polls(list(snap.polls))
            poll = pre if room.phase == "pre-vote" else post
            assert poll is not None
            store.set_poll_state(poll.id, key, "closed" if control == "close-vote" else "revealed")
            return "Voting is closed." if control == "close-vote" else ""
        if control == "make-sides":
            return self.make_sides()
        if control in ("start", "pause", "reset"):
            speeches.run(store, room_id, key, running=control == "start", reset=control == "reset")
            return ""
        if control == "next-speech":
            _round, order = speeches.slots(store, room_id)
            labels = [s.label for s in order]
            label = (room.speech or {}).get("label")
            speeches.choose(store, room_id, key, order[labels.index(label) + 1 if label in labels else 0])
            return ""
        if control == "hide-card":
            store.show_card(room_id, key, None)
            return ""
        if control in ("open-scoring", "close-scoring"):
            assert snap.round is not None
            store.set_scoring(snap.round.id, key, control == "open-scoring")
            return ""  # the screen says it
        return ""
