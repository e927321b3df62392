"""What the code cells of a lesson notebook call (``notebooks/lessons/<id>.ipynb``): one widget each.

For now an answer box works without a room and says so: answers typed here are not saved. Never
raises: a notebook cell shows a widget or a short message.
"""

from __future__ import annotations

import ipywidgets as w

NOT_SAVED = "Answers typed here are not saved. To hand them in, join your teacher's room on the lesson page."


def answer_box(lesson_id: str, prompt_id: str) -> w.Widget:
    """A box to answer the question above it (``prompt_id`` of lesson ``lesson_id``), not saved."""
    box = w.Textarea(
        placeholder="Your answer",
        description="Your answer",
        layout=w.Layout(width="100%", max_width="40em", height="6em"),
        style={"description_width": "initial"},
    )
    box.add_class("dk-answer-box")
    note = w.HTML(f'<p class="dk-answer-note" style="margin:2px 0 12px;font-size:90%">{NOT_SAVED}</p>')
    out = w.VBox([box, note], layout=w.Layout(width="100%"))
    out.add_class(f"dk-answer-{prompt_id}"[:80] if prompt_id.replace("-", "").isalnum() else "dk-answer")
    return out
