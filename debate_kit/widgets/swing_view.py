"""SwingView: the motion vote before and after the debate, and who changed their mind.

Shows the Intelligence Squared result (:func:`debate_kit.core.swing.motion_swing`) once the teacher
reveals the after-vote. Everyone sees counts; only the teacher's screen names who moved.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.swing import MOTION_OPTIONS, TIE, motion_swing
from debate_kit.rooms import motion_poll_keys
from debate_kit.store import Poll
from debate_kit.widgets._html import esc, table
from debate_kit.widgets.session import ClassSession


class SwingView(w.VBox):
    """Before/after percentages, the change, the winner by swing and the movers."""

    def __init__(self, session: ClassSession, motion_id: str) -> None:
        self.session = session
        self.motion_id = motion_id
        self.body = w.HTML()
        super().__init__([self.body])
        self.add_class("dk-swing")
        self.refresh()

    def _polls(self) -> tuple[Poll | None, Poll | None]:
        by_key = {p.key: p for p in self.session.store.polls(self.session.room.id)}
        pre, post = motion_poll_keys(self.motion_id)
        return by_key.get(pre), by_key.get(post)

    def refresh(self) -> None:
        pre, post = self._polls()
        used = pre is not None and post is not None and (pre.state != "draft" or post.state != "draft")
        shown = pre is not None and post is not None and (
            (self.session.is_teacher and used) or post.state == "revealed"
        )
        if not shown or pre is None or post is None:
            self.body.value = ""
            self.layout.display = "none"
            return
        self.layout.display = None
        store = self.session.store
        before = {str(k): v for k, v in store.votes(pre.id).items()}
        after = {str(k): v for k, v in store.votes(post.id).items()}
        swing = motion_swing(before, after)
        rows = [
            (o, f"{swing.before[o]:.0f}%", f"{swing.after[o]:.0f}%", f"{swing.change[o]:+.0f} points")
            for o in MOTION_OPTIONS
        ]
        winner = "A tie: neither side gained more." if swing.winner == TIE else (
            f"{swing.winner} wins the swing."
        )
        moved = "".join(
            f"<li>{esc(a)} → {esc(b)}: {n}</li>" for (a, b), n in swing.moved.items()
        ) or "<li>Nobody changed their mind.</li>"
        parts = [
            f"<h4>{esc(post.question)}</h4>",
            table(("", "Before", "After", "Change"), rows, css="dk-swing-table"),
            f"<p><b>{esc(winner)}</b> ({swing.voters_before} voted before, {swing.voters_after} after.)</p>",
            f"<p>{swing.changed_mind} of {swing.both_votes} who voted twice changed their mind:</p>",
            f"<ul>{moved}</ul>",
        ]
        if self.session.is_teacher:
            parts.append(self._names(before, after))
        self.body.value = "".join(parts)

    def _names(self, before: dict[str, str], after: dict[str, str]) -> str:
        names = self.session.names()
        rows = [
            (names.get(int(p), "?"), before[p], after[p])
            for p in sorted(set(before) & set(after), key=lambda p: names.get(int(p), ""))
            if before[p] != after[p]
        ]
        if not rows:
            return ""
        return "<p>Who moved (teacher only):</p>" + table(("Name", "Before", "After"), rows)
