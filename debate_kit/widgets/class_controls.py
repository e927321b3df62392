"""ClassControls (teacher, Class tab): who may come in, and taking someone out.

Lock the room to new joins (students already in can reconnect), set how many may join, and remove a
participant after a confirmation: their votes, answers and scores leave every tally at once (the class
screen's counts drop) and the console says what no longer counts. Every click goes to the store with
the session's teacher key, so a forged click in a page without the key changes nothing.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.store.membership import MAX_PEOPLE, Removed
from debate_kit.widgets._html import esc
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


def _button(label: str, css: str, tooltip: str, style: str = "") -> w.Button:
    button = w.Button(description=label, tooltip=tooltip, button_style=style, layout=w.Layout(width="auto"))
    button.add_class(css)
    return button


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def removal_text(removed: Removed, locked: bool) -> str:
    """"Removed Ann: their 2 votes no longer count." (and their answers and scores, if any)."""
    parts = [_count(n, word) for n, word in ((removed.votes, "vote"), (removed.answers, "answer"),
                                              (removed.scores, "score")) if n]
    if not parts:
        text = f"Removed {removed.name}: they had not voted, answered or scored yet."
    else:
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        verb = "counts" if len(parts) == 1 and parts[0].startswith("1 ") else "count"
        text = f"Removed {removed.name}: their {listed} no longer {verb}."
    if not locked:
        text += " Lock the room to keep them from joining again."
    return text


def door_text(locked: bool, joined: int, max_people: int) -> str:
    if locked:
        return f"Locked: nobody new can join; the {joined} already in can reconnect."
    if joined >= max_people:
        return f"Full: {joined} joined, the room takes {max_people}. Nobody new can join."
    return f"Open to new students: {joined} joined, the room takes up to {max_people}."


class ClassControls(w.VBox):
    """Lock / unlock, room size, and Remove with a confirmation."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.door = w.HTML()
        self.door.add_class("dk-class-door")
        self.lock = _button("Lock the room", "dk-class-lock", "Nobody new can join; those in can reconnect")
        self.unlock = _button("Let new students join", "dk-class-unlock", "Open the room to new joins again")
        self.size = w.BoundedIntText(value=session.room.max_people, min=1, max=MAX_PEOPLE,
                                     description="Room size", layout=w.Layout(width="12em"))
        self.size.add_class("dk-class-size")
        self.size_set = _button("Set the size", "dk-class-size-set", "How many students may join")
        self.who = w.Dropdown(options=[], description="Student")
        self.who.add_class("dk-class-remove-who")
        self.remove = _button("Remove…", "dk-class-remove", "Take this student out of the room")
        self.question = w.HTML()
        self.question.add_class("dk-class-remove-question")
        self.confirm = _button("Yes, remove", "dk-class-remove-confirm", "Remove them and their votes",
                               "danger")
        self.cancel = _button("Cancel", "dk-class-remove-cancel", "Keep them")
        self.status = StatusLine()
        self._pending: tuple[int, str] | None = None
        self._shown_size = session.room.max_people
        self.lock.on_click(lambda _b: self._set_locked(True))
        self.unlock.on_click(lambda _b: self._set_locked(False))
        self.size_set.on_click(self._set_size)
        self.remove.on_click(self._ask)
        self.confirm.on_click(self._remove)
        self.cancel.on_click(self._cancel)
        self.who.observe(lambda _change: self._forget(), "value")
        self.asking = w.HBox([self.question, self.confirm, self.cancel])
        super().__init__([
            w.HTML("<h4>Who may come in</h4>"), self.door, w.HBox([self.lock, self.unlock]),
            w.HBox([self.size, self.size_set]), w.HTML("<h4>Remove a student</h4>"),
            w.HBox([self.who, self.remove]), self.asking, self.status,
        ])
        self.add_class("dk-class-controls")
        self._forget()
        self.refresh()

    def refresh(self) -> None:
        room = self.session.room
        people = self.session.store.participants(room.id)
        self.door.value = f"<p>{esc(door_text(room.locked, len(people), room.max_people))}</p>"
        self.lock.layout.display = "none" if room.locked else None
        self.unlock.layout.display = None if room.locked else "none"
        if room.max_people != self._shown_size:  # changed elsewhere: show it (not while typing)
            self._shown_size = self.size.value = room.max_people
        options = [(p.name, p.id) for p in people]
        if options != list(self.who.options):
            keep = self.who.value
            self.who.options = options
            self.who.value = keep if keep in {pid for _name, pid in options} else None
        self.remove.disabled = not options

    # -- the door -----------------------------------------------------------------------------------
    def _key(self) -> str:
        if self.session.teacher_key is None:
            raise NotAllowed("teacher-key", "Only the teacher of this room can do that.")
        return self.session.teacher_key

    @guarded
    def _set_locked(self, locked: bool) -> None:
        self.session.store.set_door(self.session.room.id, self._key(), locked=locked)
        self.session.refresh()
        self.status.ok("The room is locked: nobody new can join. Students already in can reconnect."
                       if locked else "The room is open: new students can join.")

    @guarded
    def _set_size(self, _button: Any = None) -> None:
        room = self.session.store.set_door(self.session.room.id, self._key(), max_people=self.size.value)
        self.session.refresh()
        joined = len(self.session.store.participants(room.id))
        extra = f" {joined} are in already: nobody new can join." if joined >= room.max_people else ""
        self.status.ok(f"Up to {room.max_people} students can join this room.{extra}")

    # -- removing -----------------------------------------------------------------------------------
    @guarded
    def _ask(self, _button: Any = None) -> None:
        pid = self.who.value
        people = {p.id: p.name for p in self.session.store.participants(self.session.room.id)}
        if pid not in people:
            raise InvalidInput("participant-choose", "Choose a student to remove.")
        store = self.session.store
        votes = sum(pid in store.votes(p.id) for p in store.polls(self.session.room.id))
        self._pending = (pid, people[pid])
        self.question.value = (f"<p>Remove <b>{esc(people[pid])}</b>? Their {_count(votes, 'vote')}, answers "
                               "and scores will no longer count, and their page shows the join form.</p>")
        self.asking.layout.display = None
        self.status.clear()

    @guarded
    def _remove(self, _button: Any = None) -> None:
        if self._pending is None:
            raise InvalidInput("participant-choose", "Choose a student and press Remove first.")
        pid, _name = self._pending
        self._forget()
        removed = self.session.store.remove_participant(self.session.room.id, self._key(), pid)
        self.session.refresh()
        self.status.ok(removal_text(removed, self.session.room.locked))

    @guarded
    def _cancel(self, _button: Any = None) -> None:
        self._forget()
        self.status.info("Nobody was removed.")

    def _forget(self) -> None:
        self._pending = None
        self.question.value = ""
        self.asking.layout.display = "none"
