"""LessonPage: the essay section by section, with prompts to answer, counter-readings and polls.

Made for a phone: one section at a time, Previous / Next and a section list. A joined student's
answers are saved to the store; without a participant the page is read-only. The prompt an answer
belongs to is fixed in Python from the lesson, never taken from the page.
"""

from __future__ import annotations

import functools
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import NotAllowed
from debate_kit.core.lesson_model import CounterReading, Lesson, Prompt, Section
from debate_kit.widgets._html import esc, link, paragraphs
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.live_vote import LiveVote
from debate_kit.widgets.session import ClassSession


def reading_html(reading: CounterReading) -> str:
    sources = "".join(
        f"<li>[{esc(s.id)}] {link(s.url, s.outlet)}: {esc(s.title)} ({esc(s.date)})</li>"
        for s in reading.sources
    )
    return (
        f'<details class="dk-reading"><summary><b>{esc(reading.title)}</b> '
        f"(written {esc(reading.written)})</summary>{paragraphs(reading.body)}"
        f"<p>Sources:</p><ol style='list-style:none;padding-left:0'>{sources}</ol></details>"
    )


class LessonPage(w.VBox):
    """One section at a time; ``session`` may be None (or have no participant) for read-only."""

    def __init__(self, lesson: Lesson, session: ClassSession | None = None) -> None:
        self.lesson = lesson
        self.session = session
        self.prev = w.Button(description="Previous", tooltip="Previous section", icon="arrow-left")
        self.prev.add_class("dk-section-prev")
        self.next = w.Button(description="Next", tooltip="Next section", icon="arrow-right")
        self.next.add_class("dk-section-next")
        self.select = w.Dropdown(
            options=[(f"{i}. {s.title}", s.id) for i, s in enumerate(lesson.sections, start=1)],
            description="Section",
        )
        self.select.add_class("dk-section-select")
        self.content = w.VBox()
        self.status = StatusLine()
        self.votes: list[LiveVote] = []
        self.answer_boxes: dict[str, w.Textarea] = {}
        self.prev.on_click(functools.partial(self._step, -1))
        self.next.on_click(functools.partial(self._step, 1))
        self.select.observe(self._selected, "value")
        header = w.HTML(f"<h2>{esc(lesson.essay_title)}</h2><p><i>{esc(lesson.essay_origin)}</i></p>")
        nav = w.HBox([self.prev, self.select, self.next], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([header, nav, self.content, self.status])
        self.add_class("dk-lesson")
        if lesson.sections:
            self.show(lesson.sections[0].id)

    @property
    def can_answer(self) -> bool:
        return self.session is not None and self.session.participant_id is not None

    # -- navigation -----------------------------------------------------------------------------------
    @guarded
    def _step(self, delta: int, _button: Any = None) -> None:
        ids = [s.id for s in self.lesson.sections]
        current = ids.index(self.current) if self.current in ids else 0
        self.select.value = ids[min(max(current + delta, 0), len(ids) - 1)]

    @guarded
    def _selected(self, _change: Any = None) -> None:
        self.show(str(self.select.value))

    def show(self, section_id: str) -> None:
        section = self.lesson.section(section_id)  # NotFound for anything not in the lesson
        self.current = section.id
        if self.select.value != section.id:
            self.select.value = section.id
        ids = [s.id for s in self.lesson.sections]
        self.prev.disabled = ids.index(section.id) == 0
        self.next.disabled = ids.index(section.id) == len(ids) - 1
        self.content.children = self._section(section)
        self.status.clear()

    def _section(self, section: Section) -> list[w.Widget]:
        parts: list[w.Widget] = [w.HTML(f"<h3>{esc(section.title)}</h3>{paragraphs(section.text)}")]
        mine = self._my_answers()
        self.answer_boxes = {}
        for prompt in section.prompts:
            parts.append(self._prompt(prompt, mine.get(prompt.id, "")))
        readings = self.lesson.readings_for(section.id)
        if readings:
            parts.append(w.HTML("<h4>Counter-readings</h4>" + "".join(reading_html(r) for r in readings)))
        self.votes = []
        if self.session is not None:
            for poll in self.session.store.polls(self.session.room.id):
                if poll.section == section.id:
                    self.votes.append(LiveVote(self.session, poll.id))
        return parts + self.votes

    def _my_answers(self) -> dict[str, str]:
        if not self.can_answer or self.session is None:
            return {}
        pid = self.session.participant_id
        return {a.prompt: a.text for a in self.session.store.answers(self.session.room.id)
                if a.participant_id == pid}

    def _prompt(self, prompt: Prompt, text: str) -> w.Widget:
        label = w.HTML(f'<p class="dk-prompt"><b>{esc(prompt.text)}</b></p>')
        box = w.Textarea(value=text, placeholder="Your answer (a few sentences)",
                         description="Answer", disabled=not self.can_answer, continuous_update=False,
                         layout=w.Layout(width="95%"))
        box.add_class("dk-answer")
        save = w.Button(description="Save answer", tooltip="Save your answer", disabled=not self.can_answer)
        save.add_class("dk-answer-save")
        save.on_click(functools.partial(self._save, prompt.id))
        self.answer_boxes[prompt.id] = box
        return w.VBox([label, box, save])

    @guarded
    def _save(self, prompt_id: str, _button: Any = None) -> None:
        if not self.can_answer or self.session is None or self.session.participant_id is None:
            raise NotAllowed("not-joined", "Join the room to save answers.")
        self.session.slow_down()
        box = self.answer_boxes.get(prompt_id)
        if box is None:
            raise NotAllowed("prompt-hidden", "Open this prompt's section to answer it.")
        self.session.store.save_answer(self.session.participant_id, prompt_id, box.value)
        self.status.ok("Answer saved.")

    def refresh(self) -> None:
        """Polls change live; typed answers are left alone."""
        for vote in self.votes:
            vote.refresh()
