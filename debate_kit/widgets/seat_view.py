"""SeatView: a student's side and speaking role in the latest published round, and the running order.

The teacher's (or a read-only) view shows every debate. Nothing is shown before the teacher publishes.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.formats import running_order
from debate_kit.rounds import ROLE_TEXT, latest_published, ordinal, round_format, seat_of
from debate_kit.store import Round, SeatRow
from debate_kit.widgets._html import esc, table
from debate_kit.widgets.session import ClassSession


class SeatView(w.VBox):
    """Where am I sitting, who speaks when, and for how long."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.body = w.HTML()
        super().__init__([self.body])
        self.add_class("dk-seat")
        self.refresh()

    def refresh(self) -> None:
        store = self.session.store
        round_ = latest_published(store, self.session.room.id)
        if round_ is None:
            self.body.value = "<p>Sides are not out yet. Your teacher will publish them soon.</p>"
            return
        seats = store.seats(round_.id)
        names = self.session.names()
        mine = seat_of(seats, self.session.participant_id)
        if self.session.participant_id is not None and mine is None:
            self.body.value = (f"<h3>Round {round_.number}</h3><p>You joined after the sides were made: "
                               "you are in the audience.</p>")
            return
        if mine is None:
            debates = sorted({s.debate for s in seats if s.debate})
            self.body.value = f"<h3>Round {round_.number}</h3>" + "".join(
                self._debate(round_, seats, names, d) for d in debates
            )
            return
        parts = [f"<h3>Round {round_.number}</h3>", self._you(mine)]
        if mine.debate:
            parts.append(self._debate(round_, seats, names, mine.debate))
        self.body.value = "".join(parts)

    def _you(self, seat: SeatRow) -> str:
        role = ROLE_TEXT.get(seat.role, seat.role)
        where = f" in debate {seat.debate}" if seat.debate else ""
        speaker = f", {ordinal(seat.speaker)} speaker" if seat.speaker else ""
        return (f'<p class="dk-your-seat" style="font-size:1.3em">You are: <b>{esc(role)}</b>'
                f"{where}{speaker}.</p>")

    def _debate(self, round_: Round, seats: list[SeatRow], names: dict[int, str], debate: int) -> str:
        in_debate = [s for s in seats if s.debate == debate]
        speaker = {(s.role, s.speaker): names.get(s.participant_id, "?") for s in in_debate}
        rows = [
            (slot.order, slot.label, speaker.get((slot.side, slot.position), "(team's choice)"),
             f"{slot.minutes:g} min")
            for slot in running_order(round_format(round_))
        ]
        judges = ", ".join(names.get(s.participant_id, "?") for s in in_debate if s.role == "judge")
        return (
            f"<h4>Debate {debate}: running order</h4>"
            + table(("#", "Speech", "Speaker", "Time"), rows, css="dk-running-order")
            + (f"<p>Judges: {esc(judges)}</p>" if judges else "")
        )
