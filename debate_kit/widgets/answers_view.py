"""AnswersView (teacher): the class's written answers to one prompt of the lesson, names escaped."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from debate_kit.widgets._html import esc
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


class AnswersView(w.VBox):
    """A prompt chooser and the answers given to it so far."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        options: list[tuple[str, str]] = []
        if session.lesson is not None:
            for section in session.lesson.sections:
                for prompt in section.prompts:
                    text = prompt.text if len(prompt.text) <= 70 else prompt.text[:69] + "…"
                    options.append((f"{section.title}: {text}", prompt.id))
        self.prompt = w.Dropdown(options=options, description="Prompt", layout=w.Layout(width="95%"))
        self.prompt.add_class("dk-answers-prompt")
        self.list = w.HTML()
        self.status = StatusLine()
        self.prompt.observe(self._changed, "value")
        super().__init__([self.prompt, self.list, self.status])
        self.add_class("dk-answers")
        self.refresh()

    @guarded
    def _changed(self, _change: Any = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        prompt = self.prompt.value
        if not isinstance(prompt, str):
            self.list.value = "<p>This lesson has no prompts (or it could not be loaded).</p>"
            return
        names = self.session.names()
        answers = [a for a in self.session.store.answers(self.session.room.id, prompt) if a.text]
        items = "".join(
            f"<li><b>{esc(names.get(a.participant_id, '?'))}</b>: "
            f'<span style="white-space:pre-wrap">{esc(a.text)}</span></li>'
            for a in answers
        )
        count = sum(1 for p in self.session.store.answers(self.session.room.id) if p.text)
        self.list.value = (
            f"<p>{len(answers)} answer(s) to this prompt; {count} in all.</p>"
            f"<ul class='dk-answer-list'>{items}</ul>"
        )
