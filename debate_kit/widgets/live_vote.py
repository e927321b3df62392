"""LiveVote: one poll. Students vote while it is open and see results once the teacher reveals them.

The option a button stands for is kept in Python when the button is made from the store's poll, so a
browser that renames a button still votes for that option, and the store checks again that the poll
is open and the option is one of its own. The teacher's view (no participant) is safe to mirror: the
tally only once revealed (or while the teacher shows private details), before that "k of n voted".
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.core.privacy import tally_shown, voted_text
from debate_kit.store import Poll
from debate_kit.widgets._html import bars, esc, hidden
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession

STATE_TEXT = {
    "draft": "Not open yet.",
    "open": "Voting is open: you can change your vote until the poll closes.",
    "closed": "Voting has closed. Results come when your teacher shows them.",
    "revealed": "Voting has closed. Here are the results.",
}


class LiveVote(w.VBox):
    """One poll, drawn from the store; ``refresh()`` re-reads it."""

    def __init__(self, session: ClassSession, poll_id: int) -> None:
        self.session = session
        self.poll_id = poll_id
        self.question = w.HTML()
        self.buttons = w.HBox(layout=w.Layout(flex_flow="row wrap"))
        self.mine = w.HTML()
        self.results = w.HTML()
        self.status = StatusLine()
        self._options: tuple[str, ...] = ()
        super().__init__([self.question, self.buttons, self.mine, self.results, self.status])
        self.add_class("dk-vote")
        self.refresh()

    def _build_buttons(self, poll: Poll) -> None:
        buttons = []
        for option in poll.options:
            button = w.Button(description=option, tooltip=f"Vote: {option}",
                              layout=w.Layout(width="auto", min_width="6em"))
            button.add_class("dk-vote-option")
            button.on_click(functools.partial(self._vote, option))
            buttons.append(button)
        self.buttons.children = buttons
        self._options = poll.options

    def refresh(self) -> None:
        poll = self.session.store.poll(self.poll_id)
        teacher = self.session.is_teacher
        self.layout.display = "none" if poll.state == "draft" and not teacher else None
        self.question.value = f'<div class="dk-question"><b>{esc(poll.question)}</b></div>'
        if poll.options != self._options:
            self._build_buttons(poll)
        pid = self.session.participant_id
        self.buttons.layout.display = "none" if pid is None else None
        mine = self.session.store.votes(self.poll_id).get(pid) if pid is not None else None
        for button, option in zip(self.buttons.children, poll.options, strict=True):
            button.disabled = poll.state != "open"
            button.button_style = "primary" if option == mine else ""
            button.icon = "check" if option == mine else ""
        if pid is None:
            self.mine.value = f"<i>{esc(poll.state.capitalize())}</i>"
        else:
            yours = f"Your vote: <b>{esc(mine)}</b>. " if mine else "You have not voted. "
            self.mine.value = f"<div>{yours}{esc(STATE_TEXT[poll.state])}</div>"
        self.results.value = self._results(poll, teacher)

    def _results(self, poll: Poll, teacher: bool) -> str:
        """The tally if it may show here; for the teacher before the reveal, how many voted."""
        store = self.session.store
        if tally_shown(poll.state, self.session.show_private):
            lines, total = store.tally(self.poll_id)
            note = "" if poll.state == "revealed" else "Private: students don't see these results yet."
            return bars(lines, total, caption=note)
        if not teacher or poll.state == "draft":
            return ""
        joined = len(store.participants(self.session.room.id))
        count = voted_text(len(store.votes(self.poll_id)), joined)
        return f'<p class="dk-vote-count"><b>{esc(count)}</b></p>' + hidden("The results")

    @guarded
    def _vote(self, option: str, _button: Any = None) -> None:
        pid = self.session.participant_id
        if pid is None:
            raise NotAllowed("not-joined", "Join the room to vote.")
        self.session.slow_down()
        self.session.store.cast_vote(self.poll_id, pid, option)
        self.status.ok(f"Vote saved: {option}.")
        self.refresh()
