"""The students' reflections on their own swing on the results page, and as a table to download.

Grouped by movement (towards For, towards Against, stayed: :mod:`debate_kit.core.reflection`), each group
with the cards and speeches its members named as mattering most. The page is often on the projector:
without ``private`` no name is shown and each group is sorted by text (core/privacy.py, rule 3).
Every text goes through :func:`~debate_kit.widgets._html.esc`.
"""

from __future__ import annotations

import pandas as pd

from debate_kit.core.privacy import swing_shown
from debate_kit.core.reflection import ReflectionGroup, group_reflections
from debate_kit.results.records import RoomRecords
from debate_kit.store import Reflection
from debate_kit.widgets._html import esc, hidden

NONE_YET = "<p>No reflections yet. Students reflect once the vote after the debate has closed.</p>"


def _group(group: ReflectionGroup) -> str:
    n = len(group.reflections)
    count = "none" if n == 0 else "1 reflection" if n == 1 else f"{n} reflections"
    items = "".join(
        "<li>" + (f"<b>{esc(name)}</b>: " if name is not None else "")
        + f'<span style="white-space:pre-wrap">{esc(why)}</span>'
        + (f' <i class="dk-reflection-pick">(mattered most: {esc(mattered)})</i>' if mattered else "")
        + "</li>" for name, why, mattered in group.reflections)
    named = "".join(f"<li>{esc(label)}: named by {n}</li>" for label, n in group.named)
    picks = (f'<p>Named as mattering most:</p><ul class="dk-reflection-named">{named}</ul>' if named
             else "<p>Nothing named as mattering most.</p>")
    body = f'{picks}<p>What they wrote:</p><ul class="dk-reflection-list">{items}</ul>' if items else ""
    return (f'<div class="dk-reflection-group" data-movement="{esc(group.movement)}">'
            f"<h4>{esc(group.label)} ({count})</h4>{body}</div>")


def shown_reflections(rec: RoomRecords, private: bool = False) -> list[Reflection]:
    """The reflections whose motion's swing may show (its after-vote revealed, or private): a movement
    tells which way votes went (core/privacy.py, rule 2)."""
    states = {p.id: p.state for p in rec.polls}
    return [r for r in rec.reflections if swing_shown(states.get(r.poll_id, ""), private)]


def reflections_html(rec: RoomRecords, private: bool = False) -> str:
    """Each motion's reflections grouped by movement, once its after-vote is revealed (or private);
    names only when private."""
    if not rec.reflections:
        return NONE_YET
    shown = shown_reflections(rec, private)
    if not shown:
        return hidden("Reflections, grouped by which way their writers moved: they show once the vote "
                      "after the debate is revealed")
    questions = {p.id: p.question for p in rec.polls}
    names = rec.names() if private else None
    parts = [] if private else [hidden("Who wrote which reflection")]
    polls = list(dict.fromkeys(r.poll_id for r in shown))
    for poll_id in polls:
        rows = [(r.participant_id, r.movement, r.why, r.mattered_label) for r in shown
                if r.poll_id == poll_id]
        if len(polls) > 1:
            parts.append(f"<h4>{esc(questions.get(poll_id, ''))}</h4>")
        parts.extend(_group(g) for g in group_reflections(rows, names))
    return "".join(parts)


def reflections_table(rec: RoomRecords) -> pd.DataFrame:
    """One row per reflection: the motion, who, before and after, the movement, why and what mattered."""
    names, questions = rec.names(), {p.id: p.question for p in rec.polls}
    rows = [(questions.get(r.poll_id, ""), r.participant_id, names.get(r.participant_id, "?"), r.before,
             r.after, r.movement, r.why, r.mattered_label, r.updated_at)
            for r in sorted(rec.reflections, key=lambda r: (r.poll_id, r.movement,
                                                             names.get(r.participant_id, "")))]
    return pd.DataFrame(rows, columns=["motion", "participant_id", "name", "before", "after", "movement",
                                       "why", "mattered_most", "updated_at"])
