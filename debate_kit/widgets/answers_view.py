"""AnswersView (teacher): the class's written answers, grouped by prompt, safe to mirror.

By default the answers show without names (sorted by text, so the order gives nobody away); who wrote
which answer shows only while the teacher shows private details (:mod:`debate_kit.core.privacy`).
Every typed text is escaped.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from debate_kit.core.privacy import answers_by_prompt, lesson_prompts
from debate_kit.widgets._html import answer_group, hidden
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession

ALL = ""


class AnswersView(w.VBox):
    """A prompt filter (all prompts by default) and the answers, grouped by prompt."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        lesson = session.lesson
        # (prompt id, section title, prompt text)
        self.prompts = lesson_prompts(lesson.sections) if lesson is not None else []
        options = [("All prompts", ALL)] + [
            (f"{section}: {text if len(text) <= 70 else text[:69] + '…'}", pid)
            for pid, section, text in self.prompts
        ]
        self.prompt = w.Dropdown(options=options, value=ALL, description="Prompt",
                                 layout=w.Layout(width="95%"))
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
        private = self.session.show_private
        names = self.session.names() if private else None
        answers = [(a.participant_id, a.prompt, a.text)
                   for a in self.session.store.answers(self.session.room.id)]
        groups = answers_by_prompt(self.prompts, answers, names)
        total = sum(len(g.answers) for g in groups)
        wanted = self.prompt.value
        if wanted != ALL:
            groups = [g for g in groups if g.prompt_id == wanted]
        note = "" if private else hidden("Who wrote which answer")
        body = "".join(answer_group(g) for g in groups) or "<p>This lesson has no prompts.</p>"
        self.list.value = f"<p>{total} answer(s) in all.</p>{note}{body}"

