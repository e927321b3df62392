"""What a teacher's screen may show while the class can see it (the laptop is usually mirrored).

Rules, one place for every view (the console's tabs and the results page):

1. A poll's tally (counts, percentages, bars) shows once the poll is revealed, or while the teacher has
   asked for private details. Before that, only how many voted: ``"k of n voted"``.
2. The motion's swing (before/after shares, the change, the winner) shows once the after-vote is
   revealed, or while private.
3. Names next to votes, moves, answers, scores and score sheets show only while private. Names of who
   joined are not private (the class sees each other join).

``private`` is the caller's ``session.show_private`` (a clock lives there, not here).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: What a view says where it hides something.
HIDDEN = "Hidden while the class can see this screen: use Show private details"
REVEALED = "revealed"


def tally_shown(state: str, private: bool) -> bool:
    """May a poll in ``state`` show its tally on the teacher's screen?"""
    return state == REVEALED or private


def swing_shown(after_state: str, private: bool) -> bool:
    """May the motion's swing show, given the after-vote's state?"""
    return after_state == REVEALED or private


def voted_text(voters: int, joined: int) -> str:
    """``"3 of 30 voted"``: the only vote figure a screen shows before the reveal."""
    return f"{voters} of {joined} voted"


def out_of(value: float | None, top: int, digits: int = 1) -> str:
    """A score with its maximum: ``"16.0 out of 20"``; ``"–"`` when there is none."""
    return "–" if value is None else f"{value:.{digits}f} out of {top}"


@dataclass(frozen=True)
class PromptAnswers:
    """One prompt's answers, each ``(name or None, text)``: names only when they may be shown."""

    prompt_id: str
    section: str
    prompt: str
    answers: tuple[tuple[str | None, str], ...]


def lesson_prompts(sections: Iterable[Any]) -> list[tuple[str, str, str]]:
    """A lesson's prompts in reading order, as :func:`answers_by_prompt` takes them: (prompt id, section
    title, prompt text); ``sections``: the lesson's sections (each with ``title`` and ``prompts``)."""
    return [(prompt.id, section.title, prompt.text) for section in sections for prompt in section.prompts]


def answers_by_prompt(
    prompts: Sequence[tuple[str, str, str]],
    answers: Iterable[tuple[int, str, str]],
    names: Mapping[int, str] | None,
) -> list[PromptAnswers]:
    """Answers grouped by prompt, in lesson order (prompts not in the lesson last, by id).

    ``prompts`` is (prompt id, section title, prompt text); ``answers`` (participant, prompt id, text).
    With ``names`` None no name is given; blank answers are left out. Without names, answers are sorted
    by text, so their order says nothing about who wrote them or when.
    """
    known = {p: (section, text) for p, section, text in prompts}
    grouped: dict[str, list[tuple[int, str]]] = {p: [] for p, _s, _t in prompts}
    for participant, prompt, text in answers:
        if text.strip():
            grouped.setdefault(prompt, []).append((participant, text))
    order = [p for p, _s, _t in prompts] + sorted(set(grouped) - set(known))
    found = []
    for prompt in order:
        section, text = known.get(prompt, ("", prompt))
        rows = grouped[prompt]
        if names is None:
            shown = tuple((None, t) for t in sorted(t for _p, t in rows))
        else:
            shown = tuple(sorted(((names.get(p, "?"), t) for p, t in rows), key=lambda r: (r[0], r[1])))
        found.append(PromptAnswers(prompt, section, text, shown))
    return found
