"""Debate formats and the running order of speeches.

This module knows how many speakers a side has, how long each speech lasts and who may give the
reply (rebuttal) speech. It turns a :class:`DebateFormat` into the list of speeches the timer walks
through. It does not time anything, store anything or know who the students are.

Policy cases
------------
1. Substantive speeches alternate, proposition first: 1st proposition, 1st opposition, 2nd
   proposition... until every speaker of both sides has spoken once.
2. Rebuttal (reply) speeches follow, one per side, in ``rebuttal_first`` order (opposition first in
   both presets, as in World Schools: the proposition has the last word).
3. The rebuttal speaker of a side defaults to the first position in ``rebuttal_by`` (speaker 1
   in both presets). Choosing a position not in ``rebuttal_by`` (for example the 3rd speaker in
   World Schools) is refused with ``rebuttal-speaker-not-allowed``.
4. Times are minutes from 0.5 to 20; anything else (including ``True`` or not-a-number) is refused
   with ``format-minutes-out-of-range``.
5. A format with an empty ``rebuttal_by`` has no rebuttal speeches at all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from debate_kit.core.errors import InvalidInput
from debate_kit.core.vocabulary import SIDES

MIN_MINUTES = 0.5
MAX_MINUTES = 20.0
MAX_SPEAKERS = 5
_ORDINALS = ("1st", "2nd", "3rd", "4th", "5th")


def _check_minutes(value: object, what: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (math.isfinite(value) and MIN_MINUTES <= value <= MAX_MINUTES)
    ):
        raise InvalidInput(
            "format-minutes-out-of-range",
            f"{what} must last between {MIN_MINUTES:g} and {MAX_MINUTES:g} minutes; "
            f"you gave {value!r}.",
        )
    return float(value)


@dataclass(frozen=True)
class DebateFormat:
    """How a debate runs: speakers per side, speech lengths and the reply speech rules."""

    id: str
    name: str
    speakers_per_side: int
    speech_minutes: float
    rebuttal_minutes: float
    rebuttal_by: tuple[int, ...]
    rebuttal_first: str
    #: What the rebuttal speech is called in labels ("reply" in World Schools).
    rebuttal_word: str = "rebuttal"

    def __post_init__(self) -> None:
        n = self.speakers_per_side
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_SPEAKERS:
            raise InvalidInput(
                "format-speakers-out-of-range",
                f"A side needs between 1 and {MAX_SPEAKERS} speakers; you gave {n!r}.",
            )
        _check_minutes(self.speech_minutes, "A speech")
        _check_minutes(self.rebuttal_minutes, "A rebuttal")
        if any(not isinstance(p, int) or not 1 <= p <= n for p in self.rebuttal_by):
            raise InvalidInput(
                "format-rebuttal-position",
                f"Rebuttal speakers must be positions from 1 to {n}; "
                f"you gave {self.rebuttal_by!r}.",
            )
        if self.rebuttal_first not in SIDES:
            raise InvalidInput(
                "format-rebuttal-first",
                "The first rebuttal must be 'proposition' or 'opposition', "
                f"not {self.rebuttal_first!r}.",
            )


PRESETS: dict[str, DebateFormat] = {
    "world-schools": DebateFormat(
        id="world-schools",
        name="World Schools",
        speakers_per_side=3,
        speech_minutes=8.0,
        rebuttal_minutes=4.0,
        rebuttal_by=(1, 2),
        rebuttal_first="opposition",
        rebuttal_word="reply",
    ),
    "classroom": DebateFormat(
        id="classroom",
        name="Classroom (short)",
        speakers_per_side=2,
        speech_minutes=3.0,
        rebuttal_minutes=2.0,
        rebuttal_by=(1, 2),
        rebuttal_first="opposition",
    ),
}


def with_times(
    fmt: DebateFormat, speech_minutes: float | None = None, rebuttal_minutes: float | None = None
) -> DebateFormat:
    """Return a copy of ``fmt`` with new speech and/or rebuttal lengths (0.5 to 20 minutes)."""
    speech = fmt.speech_minutes if speech_minutes is None else speech_minutes
    rebuttal = fmt.rebuttal_minutes if rebuttal_minutes is None else rebuttal_minutes
    return replace(
        fmt,
        speech_minutes=_check_minutes(speech, "A speech"),
        rebuttal_minutes=_check_minutes(rebuttal, "A rebuttal"),
    )


@dataclass(frozen=True)
class SpeechSlot:
    """One speech in the running order; ``order`` starts at 1, ``position`` is the speaker."""

    order: int
    side: str
    position: int
    kind: str
    minutes: float
    label: str


def _rebuttal_positions(
    fmt: DebateFormat, rebuttal_speaker: Mapping[str, int] | None
) -> dict[str, int]:
    chosen = dict(rebuttal_speaker or {})
    unknown = sorted(set(chosen) - set(SIDES))
    if unknown:
        raise InvalidInput(
            "rebuttal-side-unknown",
            f"{unknown[0]!r} is not a side; use 'proposition' or 'opposition'.",
        )
    default = fmt.rebuttal_by[0] if fmt.rebuttal_by else 1
    positions = {side: chosen.get(side, default) for side in SIDES}
    for side, position in positions.items():
        if position not in fmt.rebuttal_by:
            allowed = " or ".join(str(p) for p in fmt.rebuttal_by) or "nobody"
            raise InvalidInput(
                "rebuttal-speaker-not-allowed",
                f"In {fmt.name} the {side} {fmt.rebuttal_word} is given by speaker {allowed}, "
                f"not speaker {position}.",
            )
    return positions


def running_order(
    fmt: DebateFormat, rebuttal_speaker: Mapping[str, int] | None = None
) -> tuple[SpeechSlot, ...]:
    """All speeches in order: substantive speeches alternating, then one rebuttal per side."""
    slots: list[SpeechSlot] = []
    for position in range(1, fmt.speakers_per_side + 1):
        for side in SIDES:
            label = f"{_ORDINALS[position - 1]} {side}"
            slots.append(
                SpeechSlot(len(slots) + 1, side, position, "speech", fmt.speech_minutes, label)
            )
    if not fmt.rebuttal_by:
        return tuple(slots)
    positions = _rebuttal_positions(fmt, rebuttal_speaker)
    first = fmt.rebuttal_first
    for side in (first, SIDES[1] if first == SIDES[0] else SIDES[0]):
        label = f"{side.capitalize()} {fmt.rebuttal_word}"
        slots.append(
            SpeechSlot(
                len(slots) + 1, side, positions[side], "rebuttal", fmt.rebuttal_minutes, label
            )
        )
    return tuple(slots)
