"""A student's reflection on their own swing: the rules, as pure functions over plain data.

After the vote after the debate closes, a student who voted on the motion both before and after it
says what moved them (or kept them where they were) and which card or speech mattered most, picked from a
list (docs/student-protocol.md, "Reflection"). Rules:

1. Movement: For, Undecided and Against lie on one line. Against -> Undecided or For, and Undecided -> For,
   moved *towards For*; the reverse moved *towards Against*; the same option twice *stayed*.
2. When: the room is in the ``post-vote`` or ``results`` phase, the motion's after-vote is closed or
   revealed (no longer open), and the room is not closed. A reflection can be changed until then.
3. Who: only a participant with a vote in both the motion's before and after polls.
4. What: ``why`` is text of 1 to :data:`MAX_WHY` characters; ``mattered`` is ``card:ID``, ``speech:ID``
   or ``none`` (the store checks that the card or speech is one the student was offered).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from debate_kit.core.errors import InvalidInput
from debate_kit.core.validation import MAX_ROW_ID, clean_text

MAX_WHY = 600
MAX_MATTERED = 40
NONE = "none"
#: The phases in which reflections are written, and the after-vote states that allow them.
REFLECT_PHASES = ("post-vote", "results")
DONE_STATES = ("closed", "revealed")
#: Movement -> how the results page and the phone name it, in display order.
MOVEMENTS = {"for": "Moved towards For", "against": "Moved towards Against", "stayed": "Stayed"}
_PLACE = {"Against": -1, "Undecided": 0, "For": 1}

NOT_YET = "You can reflect once the vote after the debate has closed: wait for your teacher."
ROOM_CLOSED = "This room is closed: nothing more can be changed."
NOT_BOTH = ("Only students who voted both before and after the debate reflect on their swing: "
            "you did not vote both times.")
WHY_EMPTY = "Write a sentence about what moved you, or what kept you where you were."
MATTERED_BAD = "Pick the card or speech that mattered most from the list (or 'Nothing in particular')."


def movement(before: str, after: str) -> str:
    """``"for"``, ``"against"`` or ``"stayed"`` (rule 1); an unknown option counts as no move."""
    move = _PLACE.get(after, 0) - _PLACE.get(before, 0)
    if before == after or move == 0:
        return "stayed"
    return "for" if move > 0 else "against"


def swing_line(before: str, after: str) -> str:
    """``"Before: Against. After: Undecided."``"""
    return f"Before: {before}. After: {after}."


def question(move: str) -> str:
    """The first question, worded for the student's own movement."""
    if move == "stayed":
        return "What kept you where you were?"
    return f"What moved you towards {'For' if move == 'for' else 'Against'}?"


def refusal(phase: str, closed: bool, after_state: str) -> str | None:
    """Why no reflection can be written now (rule 2), or None if it can."""
    if closed:
        return ROOM_CLOSED
    return None if phase in REFLECT_PHASES and after_state in DONE_STATES else NOT_YET


def check_why(value: object) -> str:
    """The first answer, cleaned: text, not blank, at most :data:`MAX_WHY` characters."""
    text = clean_text(value, limit=MAX_WHY, what="reflection")
    if not text:
        raise InvalidInput("reflection-empty", WHY_EMPTY)
    return text


def parse_mattered(value: object) -> tuple[str, int | None]:
    """``"card:12"`` -> ("card", 12); ``"none"`` -> ("none", None); anything else is refused."""
    if not isinstance(value, str) or len(value) > MAX_MATTERED:
        raise InvalidInput("reflection-pick", MATTERED_BAD)
    if value == NONE:
        return NONE, None
    kind, _, number = value.partition(":")
    if kind not in ("card", "speech") or not number.isdigit() or not 0 < int(number) <= MAX_ROW_ID:
        raise InvalidInput("reflection-pick", MATTERED_BAD)
    return kind, int(number)


@dataclass(frozen=True)
class ReflectionGroup:
    """One movement's reflections, each ``(name or None, why, what mattered)``, and the picks of its
    members (label -> how many named it), most named first."""

    movement: str
    label: str
    reflections: tuple[tuple[str | None, str, str], ...]
    named: tuple[tuple[str, int], ...]


def group_reflections(rows: Iterable[tuple[int, str, str, str]],
                      names: Mapping[int, str] | None) -> list[ReflectionGroup]:
    """Reflections grouped by movement (towards For, towards Against, stayed).

    ``rows`` is (participant, movement, why, what mattered as a label, "" for nothing). With ``names``
    None no name is given and each group is sorted by text, so its order says nothing about who wrote
    what or when (core/privacy.py, rule 3).
    """
    grouped: dict[str, list[tuple[int, str, str]]] = {m: [] for m in MOVEMENTS}
    for participant, move, why, mattered in rows:
        grouped.setdefault(move, []).append((participant, why, mattered))
    found = []
    for move, members in grouped.items():
        if names is None:
            shown = tuple(sorted((None, why, mattered) for _p, why, mattered in members))
        else:
            shown = tuple(sorted(((names.get(p, "?"), why, mattered) for p, why, mattered in members),
                                 key=lambda r: (r[0] or "", r[1], r[2])))
        counts: dict[str, int] = {}
        for _p, _why, mattered in members:
            if mattered:
                counts[mattered] = counts.get(mattered, 0) + 1
        named = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        found.append(ReflectionGroup(move, MOVEMENTS.get(move, move), shown, named))
    return found
