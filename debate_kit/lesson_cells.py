"""What the code cells of a lesson notebook call (``notebooks/lessons/<id>.ipynb``): one widget each.

``lesson_start`` (the cell under "How to use this notebook") says which mode the page is in (see
:mod:`debate_kit.lesson_context`): with ``?room=CODE``, the join form; self-paced, that answers are kept
for this browser or JupyterHub user. It also holds the "Download my answers (Markdown)" link (a
``data:`` URL made in the kernel: no request, no token in it). ``answer_box`` is a question's box: it
shows the kept answer, saves when the box loses focus or on "Save", and says "Saved" only once the store
confirmed. Never raises: a cell shows a widget or a short message.
"""

from __future__ import annotations

import base64
import html
from datetime import UTC, datetime
from typing import Any

import ipywidgets as w

from debate_kit.core.self_paced import answers_filename, answers_markdown
from debate_kit.lesson_context import LessonContext, context
from debate_kit.widgets._status import StatusLine, guarded

SELF_PACED = ("<b>Self-paced.</b> Your answers are kept for you{who}: come back later and they are "
              "still here. Download them as a Markdown file below. To hand them to a teacher, open the "
              "link your teacher gives you (it ends in <code>?room=</code> and the room's code).")
IN_ROOM = "<b>Class room {code}.</b> Join the room to hand in your answers; they go to your teacher."


def _note(ctx: LessonContext) -> str:
    if ctx.mode == "room":
        return IN_ROOM.format(code=html.escape(ctx.code))
    return SELF_PACED.format(who=" (as your JupyterHub user)" if ctx.hub_user else " in this browser")


class DownloadLink(w.HTML):
    """The student's own answers as a Markdown file, refreshed after every save."""

    def __init__(self, ctx: LessonContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.add_class("dk-answers-download")
        ctx.listeners.append(self.show)
        self.show({})

    def show(self, answers: dict[str, str]) -> None:
        lesson = self.ctx.lesson
        if lesson is None:
            self.value = ""
            return
        day = datetime.now(UTC).date().isoformat()
        data = base64.b64encode(answers_markdown(lesson, answers, saved_at=day).encode()).decode()
        count = sum(1 for text in answers.values() if text)
        self.value = (
            f'<p style="margin:4px 0 12px"><a class="dk-download-answers" '
            f'download="{answers_filename(lesson.id)}" href="data:text/markdown;charset=utf-8;base64,{data}">'
            f"Download my answers (Markdown)</a> <span>({count} saved)</span></p>")


class DeleteKept(w.HBox):
    """"Delete my kept answers" (self-paced): a second click within the same page confirms."""

    def __init__(self, ctx: LessonContext) -> None:
        self.ctx = ctx
        self.button = w.Button(description="Delete my kept answers", tooltip="Delete your kept answers")
        self.button.add_class("dk-delete-kept")
        self.button.layout.width = "auto"
        self.status = StatusLine()
        self.asked = False
        self.button.on_click(self._click)
        super().__init__([self.button, self.status], layout=w.Layout(flex_flow="row wrap"))

    @guarded
    def _click(self, _button: Any = None) -> None:
        if not self.asked:
            self.asked = True
            self.button.description = "Yes, delete them"
            self.status.info("This cannot be undone: click again to delete your answers to this lesson.")
            return
        self.asked = False
        self.button.description = "Delete my kept answers"
        removed = self.ctx.delete_kept()
        self.status.ok(f"Deleted {removed} kept answer{'s' if removed != 1 else ''}.")


def lesson_start(lesson_id: str, **kwargs: Any) -> w.Widget:
    """The notebook's first code cell: the browser's identity, the mode, the join form, the download."""
    ctx = context(lesson_id, **kwargs)
    parts: list[w.Widget] = []
    if not ctx.identity_shown:
        ctx.identity_shown = True
        parts.append(ctx.identity)
    parts.append(w.HTML(f'<p class="dk-lesson-mode">{_note(ctx)}</p>'))
    if ctx.problem:
        parts.append(w.HTML(f'<p role="alert" style="color:#b71c1c">{html.escape(ctx.problem)}</p>'))
    elif ctx.mode == "room" and ctx.store is not None:
        from debate_kit.widgets.join import JoinView

        join = JoinView(ctx.store, ctx.identity, ctx.joined, code=ctx.code, hub_user=ctx.hub_user)
        join.start()
        parts.append(join)
    parts.append(DownloadLink(ctx))
    if ctx.mode == "self-paced" and not ctx.problem:
        parts.append(DeleteKept(ctx))
    box = w.VBox(parts, layout=w.Layout(width="100%", max_width="40em"))
    box.add_class("dk-lesson-start")
    ctx.reload()
    return box


class AnswerBox(w.VBox):
    """One question's answer box, saved through the lesson's context."""

    def __init__(self, ctx: LessonContext, prompt_id: str) -> None:
        self.ctx, self.prompt_id = ctx, prompt_id
        self._filling = False
        self.box = w.Textarea(placeholder="Your answer", description="Your answer",
                              continuous_update=False,
                              layout=w.Layout(width="100%", max_width="40em", height="6em"),
                              style={"description_width": "initial"})
        self.box.add_class("dk-answer-box")
        self.save_button = w.Button(description="Save", tooltip="Save this answer")
        self.save_button.add_class("dk-answer-save")
        self.status = StatusLine()
        self.status.add_class("dk-answer-status")
        parts: list[w.Widget] = [self.box, w.HBox([self.save_button, self.status])]
        if not ctx.identity_shown:  # a notebook without the start cell still needs the browser's id
            ctx.identity_shown = True
            parts.insert(0, ctx.identity)
        super().__init__(parts, layout=w.Layout(width="100%"))
        self.add_class("dk-answer")
        safe = prompt_id.replace("-", "").isalnum()
        self.add_class(f"dk-answer-{prompt_id}"[:80] if safe else "dk-answer-other")
        self.box.observe(self._typed, "value")
        self.save_button.on_click(self._save)
        ctx.listeners.append(self._fill)
        self._fill(ctx.last)
        if ctx.problem:
            self.status.error(ctx.problem)

    def _fill(self, answers: dict[str, str]) -> None:
        """Show the kept answer (not while the student has unsaved text of their own)."""
        kept = answers.get(self.prompt_id, "")
        if not kept and self.box.value and self.status.text in ("Saved.", "Saved for you."):
            self._filling = True  # the kept answer was deleted
            try:
                self.box.value = ""
            finally:
                self._filling = False
            self.status.info("Deleted.")
        elif kept and kept != self.box.value and self.status.kind != "error":
            self._filling = True
            try:
                self.box.value = kept
            finally:
                self._filling = False
            self.status.ok("Saved.")

    def _typed(self, _change: Any) -> None:
        if not self._filling:
            self._save()

    @guarded
    def _save(self, _button: Any = None) -> None:
        self.status.info("Saving…")
        self.status.ok(self.ctx.save(self.prompt_id, self.box.value))


POLL_ALONE = ("<i>The class's results of this poll show here when you open this notebook from your "
              "teacher's link.</i>")
POLL_JOIN = "<i>Join the room at the top of the page to vote in this poll.</i>"


class PollBox(w.VBox):
    """A section poll: self-paced, a note (no class results without a room); with a room, once joined,
    the lesson app's :class:`~debate_kit.widgets.live_vote.LiveVote` (results only when revealed)."""

    def __init__(self, ctx: LessonContext, poll_id: str) -> None:
        self.ctx, self.poll_id = ctx, poll_id
        super().__init__([w.HTML(POLL_JOIN if ctx.mode == "room" else POLL_ALONE)])
        self.add_class("dk-lesson-poll")
        if ctx.mode == "room":
            ctx.on_join.append(self._joined)
            if ctx.live is not None:
                self._joined(ctx.live)

    def _joined(self, live: Any) -> None:
        from debate_kit.widgets.live_vote import LiveVote

        poll = next((p for p in live.store.polls(live.room.id) if p.key == self.poll_id), None)
        if poll is None:
            self.children = [w.HTML("<i>Your teacher's room has no such poll.</i>")]
            return
        self.children = [live.register(LiveVote(live, poll.id))]


def poll_box(lesson_id: str, poll_id: str, **kwargs: Any) -> w.Widget:
    """The section poll above it (``poll_id`` of lesson ``lesson_id``): a vote and results with a room."""
    try:
        return PollBox(context(lesson_id, **kwargs), poll_id)
    except Exception:  # a cell shows a message, never a traceback
        import logging

        logging.getLogger("debate_kit.lesson").exception("debate_kit: poll box failed")
        return w.HTML('<p role="alert">This poll could not be shown; please tell your teacher.</p>')


def answer_box(lesson_id: str, prompt_id: str, **kwargs: Any) -> w.Widget:
    """A box to answer the question above it (``prompt_id`` of lesson ``lesson_id``)."""
    try:
        return AnswerBox(context(lesson_id, **kwargs), prompt_id)
    except Exception:  # a cell shows a message, never a traceback
        import logging

        logging.getLogger("debate_kit.lesson").exception("debate_kit: answer box failed")
        return w.HTML('<p role="alert">This answer box could not be shown; please tell your teacher.</p>')
