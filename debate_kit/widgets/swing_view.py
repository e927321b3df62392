"""SwingView: the motion vote before and after the debate, and what the change means.

Safe to mirror (:mod:`debate_kit.core.privacy`): before the after-vote is revealed the teacher sees only
how many voted each time; once it is revealed (or while private details show), the shares, the change,
the winner in the debate's side names with the rule (:mod:`debate_kit.core.swing`), why the voter counts
differ and how many moved each way. Names of who moved show only while private details show.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.privacy import swing_shown, voted_text
from debate_kit.core.swing import (
    MOTION_OPTIONS,
    RULE_TEXT,
    Swing,
    motion_swing,
    option_label,
    voters_text,
    winner_text,
)
from debate_kit.rooms import motion_poll_keys
from debate_kit.store import Poll
from debate_kit.widgets._html import esc, hidden, table
from debate_kit.widgets.session import ClassSession


class SwingView(w.VBox):
    """Before/after shares, the change, the winner by swing, and (private) the movers' names."""

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
        teacher = self.session.is_teacher
        if pre is None or post is None or not ((teacher and used) or post.state == "revealed"):
            self.body.value = ""
            self.layout.display = "none"
            return
        self.layout.display = None
        store = self.session.store
        before = {str(k): v for k, v in store.votes(pre.id).items()}
        after = {str(k): v for k, v in store.votes(post.id).items()}
        head = f"<h4>{esc(post.question)}</h4>"
        if not swing_shown(post.state, self.session.show_private):
            joined = len(store.participants(self.session.room.id))
            counts = (f"Before the debate: {voted_text(len(before), joined)}. "
                      f"After the debate: {voted_text(len(after), joined)}.")
            self.body.value = (head + f'<p class="dk-swing-counts">{esc(counts)}</p>'
                               + hidden("The swing shows once the vote after the debate is revealed"))
            return
        swing = motion_swing(before, after)
        note = "" if post.state == "revealed" else (
            "<p><i>Private: the class has not seen this result yet.</i></p>")
        self.body.value = head + note + swing_html(swing) + self._names(before, after)

    def _names(self, before: dict[str, str], after: dict[str, str]) -> str:
        if not self.session.show_private:
            return hidden("The names of those who changed their mind") if self.session.is_teacher else ""
        names = self.session.names()
        rows = [
            (names.get(int(p), "?"), option_label(before[p]), option_label(after[p]))
            for p in sorted(set(before) & set(after), key=lambda p: names.get(int(p), ""))
            if before[p] != after[p]
        ]
        if not rows:
            return ""
        return "<p>Who moved (private):</p>" + table(("Name", "Before", "After"), rows)


def swing_html(swing: Swing) -> str:
    """The shares, the change, the winner with the rule, the voter counts and the moves (no names)."""
    rows = [
        (option_label(o), f"{swing.before[o]:.0f}%", f"{swing.after[o]:.0f}%",
         f"{swing.change[o]:+.0f} points")
        for o in MOTION_OPTIONS
    ]
    moved = "".join(
        f"<li>{esc(option_label(a))} → {esc(option_label(b))}: {n}</li>" for (a, b), n in swing.moved.items()
    ) or "<li>Nobody changed their mind.</li>"
    return (
        table(("", "Before", "After", "Change"), rows, css="dk-swing-table")
        + f'<p class="dk-swing-winner"><b>{esc(winner_text(swing))}</b></p>'
        + f'<p class="dk-swing-rule">The rule: {esc(RULE_TEXT)}</p>'
        + f'<p class="dk-swing-voters">{esc(voters_text(swing))}</p>'
        + f"<p>{swing.changed_mind} of {swing.both_votes} who voted twice changed their mind:</p>"
        + f"<ul>{moved}</ul>"
    )
