"""Counting votes for a poll: how many chose each option, and whole-number percentages.

This module only counts. It does not know who voted, when, or whether a poll is open.

Policy cases
------------
1. Options are shown in the order given, including options nobody chose (count 0, 0 %).
2. Percentages are whole numbers computed by the largest remainder method, so they add up to exactly
   100 whenever at least one vote was cast (plain rounding of 33.3 / 33.3 / 33.3 would give 99).
3. When two options have the same remainder, the option listed first gets the extra point, so the
   result never depends on chance.
4. With no votes every percentage is 0 (not 100 shared out of nothing).
5. A choice that is not one of the options is refused with ``tally-unknown-choice``; an empty or
   repeated option list is refused with ``tally-options-invalid``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from debate_kit.core.errors import InvalidInput


@dataclass(frozen=True)
class OptionCount:
    """One line of a poll result."""

    option: str
    count: int
    percent: int


def largest_remainder(counts: Sequence[int], total: int) -> list[int]:
    """Whole percentages for ``counts`` that sum to 100 (or all 0 when ``total`` is 0)."""
    if total <= 0:
        return [0] * len(counts)
    floors = [c * 100 // total for c in counts]
    remainders = [c * 100 % total for c in counts]
    missing = 100 - sum(floors)
    # Largest remainder first; equal remainders keep the option order (sorted() is stable).
    order = sorted(range(len(counts)), key=lambda i: -remainders[i])
    for i in order[:missing]:
        floors[i] += 1
    return floors


def tally(options: Sequence[str], choices: Iterable[str]) -> tuple[tuple[OptionCount, ...], int]:
    """Count ``choices`` per option; return the lines (in option order) and the number of votes."""
    if not options or len(set(options)) != len(options):
        raise InvalidInput(
            "tally-options-invalid", "A poll needs at least one option and no option twice."
        )
    counter: Counter[str] = Counter()
    for choice in choices:
        if choice not in options:
            raise InvalidInput(
                "tally-unknown-choice",
                f"{choice!r} is not one of the choices ({', '.join(options)}).",
            )
        counter[choice] += 1
    counts = [counter[o] for o in options]
    total = sum(counts)
    percents = largest_remainder(counts, total)
    lines = tuple(OptionCount(o, c, p) for o, c, p in zip(options, counts, percents, strict=True))
    return lines, total
