"""RoomPanel (teacher): what the projector shows, and the class list that it does not.

``join_box`` is made for the projector (1280 x 800): the join code, the students' address and the QR
code side by side, and how many joined and voted: counts only, never a tally or a name. ``roster``
(the names and the per-poll counts) is teacher-only detail, shown on its own console tab.

The QR code is an inline SVG made by segno, imported inside :func:`qr_svg` so that a student's kernel
never loads it. The join address carries only the room code, never the teacher key.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.vocabulary import PHASE_LABELS
from debate_kit.links import student_link
from debate_kit.store import Participant, Poll
from debate_kit.widgets._html import esc, safe_url, table
from debate_kit.widgets.session import ClassSession


def qr_svg(text: str) -> str:
    """A QR code for ``text`` as inline SVG, sized to be read from the back of a classroom."""
    import segno  # teacher-only: keep it out of students' kernels

    qr = segno.make(text, error="m")
    svg = qr.svg_inline(border=2, dark="#000", light="#fff", omitsize=True)
    svg = svg.replace("<svg ", '<svg style="width:100%;height:auto;display:block" ', 1)
    return f'<div class="dk-qr" role="img" aria-label="QR code of the students\' address">{svg}</div>'


class RoomPanel(w.VBox):
    """Join details in large type, then the roster and how many have voted in each poll."""

    def __init__(self, session: ClassSession, page: str = "") -> None:
        self.session = session
        self.page = page
        self.join_box = w.HTML()
        self.counts = w.HTML()
        self.roster = w.HTML()  # teacher-only: placed on another tab by ConsoleTabs
        self.roster.add_class("dk-class-list")
        super().__init__([self.counts, self.join_box])
        self.add_class("dk-room-panel")
        self._drawn_for = ""
        self.refresh()

    def set_page(self, page: str) -> None:
        self.page = page
        self.refresh()

    def refresh(self) -> None:
        room = self.session.room
        url, reachable = student_link(self.page, room.code) if safe_url(self.page) else ("", False)
        if url != self._drawn_for or not self.join_box.value:
            qr = qr_svg(url) if url else ""
            address = f'<p class="dk-join-link">{esc(url)}</p>' if url else ""
            if url and not reachable:
                address += ('<p class="dk-join-warning" style="color:#b71c1c">This address works only on '
                            "this computer: phones cannot open it. Start the kit with "
                            "<code>debate-kit serve</code> on the school Wi-Fi, or give "
                            "<code>--public-url</code>.</p>")
            self.join_box.value = (
                f'<div class="dk-join-details"><div class="dk-join-text"><div>Join code</div>'
                f'<div class="dk-join-code-big" style="font-weight:bold;letter-spacing:0.15em">'
                f"{esc(room.code)}</div>{address}</div>{qr}</div>"
            )
            self._drawn_for = url
        people = self.session.store.participants(room.id)
        polls = [p for p in self.session.store.polls(room.id) if p.state != "draft"]
        voted = {p.id: len(self.session.store.votes(p.id)) for p in polls}
        self.counts.value = self._counts(len(people), [(p.question, voted[p.id]) for p in polls
                                                        if p.state in ("open", "closed")])
        self.roster.value = self._roster(people, polls, voted)

    def _counts(self, joined: int, polls: list[tuple[str, int]]) -> str:
        """For the projector: how many joined, and how many voted in each poll being voted on."""
        status = "closed" if self.session.room.closed else PHASE_LABELS.get(self.session.room.phase, "")
        parts = [f"<b>{joined}</b> joined", f"now: {esc(status)}"]
        parts += [f"<b>{n}</b> of {joined} voted ({esc(q[:50])}{'…' if len(q) > 50 else ''})"
                  for q, n in polls]
        return f'<p class="dk-join-counts">{" · ".join(parts)}</p>'

    def _roster(self, people: list[Participant], polls: list[Poll], voted: dict[int, int]) -> str:
        """The Class tab: who joined (the class sees that anyway) and how many voted in each poll.

        Safe to mirror: counts per poll only, never who voted what (that is private detail).
        """
        room = self.session.room
        counts = [(p.question[:70], p.state, f"{voted[p.id]} of {len(people)}") for p in polls]
        names = ", ".join(esc(p.name) for p in people) or "nobody yet"
        status = "closed" if room.closed else PHASE_LABELS.get(room.phase, room.phase)
        return (
            f"<h4>{esc(room.title)}: {len(people)} joined (phase: {esc(status)})</h4>"
            f'<p class="dk-roster">{names}</p>'
            + (table(("Poll", "State", "Voted"), counts, css="dk-vote-counts") if counts else "")
        )
