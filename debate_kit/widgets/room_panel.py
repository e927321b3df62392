"""RoomPanel (teacher): the join code, join address and QR code for the projector, and the roster.

The QR code is an inline SVG made by segno, imported inside :func:`qr_svg` so that a student's kernel
never loads it. The join address carries only the room code, never the teacher key.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.validation import PHASE_LABELS
from debate_kit.links import student_link
from debate_kit.widgets._html import esc, safe_url, table
from debate_kit.widgets.session import ClassSession


def qr_svg(text: str) -> str:
    """A QR code for ``text`` as inline SVG, sized to be read from the back of a classroom."""
    import segno  # teacher-only: keep it out of students' kernels

    qr = segno.make(text, error="m")
    svg = qr.svg_inline(border=2, dark="#000", light="#fff", omitsize=True)
    svg = svg.replace("<svg ", '<svg style="width:100%;height:auto;display:block" ', 1)
    return f'<div class="dk-qr" style="width:min(60vh,420px)" role="img" aria-label="QR code">{svg}</div>'


class RoomPanel(w.VBox):
    """Join details in large type, then the roster and how many have voted in each poll."""

    def __init__(self, session: ClassSession, page: str = "") -> None:
        self.session = session
        self.page = page
        self.join_box = w.HTML()
        self.roster = w.HTML()
        super().__init__([self.join_box, self.roster])
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
            address = f'<p class="dk-join-link" style="font-size:1.6em">{esc(url)}</p>' if url else ""
            if url and not reachable:
                address += ('<p class="dk-join-warning" style="color:#b71c1c">This address works only on '
                            "this computer: phones cannot open it. Start the kit with "
                            "<code>debate-kit serve</code> on the school Wi-Fi, or give "
                            "<code>--public-url</code>.</p>")
            self.join_box.value = (
                f'<div class="dk-join-details"><div>Join code</div>'
                f'<div class="dk-join-code-big" style="font-weight:bold;letter-spacing:0.15em">'
                f"{esc(room.code)}</div>{address}{qr}</div>"
            )
            self._drawn_for = url
        self.roster.value = self._roster()

    def _roster(self) -> str:
        store, room = self.session.store, self.session.room
        people = store.participants(room.id)
        polls = [p for p in store.polls(room.id) if p.state != "draft"]
        counts = [(p.question[:70], p.state, f"{len(store.votes(p.id))} of {len(people)}") for p in polls]
        names = ", ".join(esc(p.name) for p in people) or "nobody yet"
        status = "closed" if room.closed else PHASE_LABELS.get(room.phase, room.phase)
        return (
            f"<h4>{esc(room.title)}: {len(people)} joined (phase: {esc(status)})</h4>"
            f'<p class="dk-roster">{names}</p>'
            + (table(("Poll", "State", "Voted"), counts, css="dk-vote-counts") if counts else "")
        )
