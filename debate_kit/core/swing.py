"""The motion vote before and after the debate, and who won the swing.

The class votes For, Against or Undecided on the motion twice: before the debate and after it. This
module turns the two votes into percentages, the change in percentage points, the winner and a
"who moved where" table. It does not store votes or decide when polls open.

Policy cases
------------
1. Winner by swing (Intelligence Squared rule): the side (For or Against) that gained more
   percentage points between the two votes wins, even if it is still the smaller side.
2. Equal gains (including equal losses) give ``"Tie"``. Undecided never wins. The comparison is done
   with exact fractions, so rounding never turns a tie into a win.
3. Percentages are taken over everyone who voted in that round. A student who arrives late is
   counted in the second vote only, and one who leaves early in the first only.
4. The alternative, counting only students who voted both times, is available with
   ``only_both_votes=True``; it ignores late arrivals and early leavers.
5. ``moved`` counts only students who voted both times and changed option, as (from, to) pairs;
   ``changed_mind`` is their number and ``both_votes`` the number who voted twice.
6. A round with no votes shows 0 % for every option. There is then nothing to compare: every change
   is 0 and the winner is ``"Tie"``.
7. An option that is not For, Against or Undecided is refused with ``swing-unknown-option``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from debate_kit.core.errors import InvalidInput

MOTION_OPTIONS = ("For", "Against", "Undecided")
TIE = "Tie"


@dataclass(frozen=True)
class Swing:
    """The result of a before/after motion vote. Percentages and changes are per option."""

    before: dict[str, float]
    after: dict[str, float]
    change: dict[str, float]
    winner: str
    voters_before: int
    voters_after: int
    moved: dict[tuple[str, str], int]
    changed_mind: int
    both_votes: int


def _check(votes: Mapping[str, str], when: str) -> None:
    for participant in sorted(votes):
        option = votes[participant]
        if option not in MOTION_OPTIONS:
            raise InvalidInput(
                "swing-unknown-option",
                f"In the vote {when} the debate, {option!r} is not one of "
                f"{', '.join(MOTION_OPTIONS)}.",
            )


def _shares(votes: Mapping[str, str]) -> dict[str, Fraction]:
    counts = Counter(votes.values())
    total = len(votes)
    if total == 0:
        return dict.fromkeys(MOTION_OPTIONS, Fraction(0))
    return {o: Fraction(100 * counts[o], total) for o in MOTION_OPTIONS}


def motion_swing(
    before: Mapping[str, str], after: Mapping[str, str], *, only_both_votes: bool = False
) -> Swing:
    """Compare the two motion votes (participant -> option) and name the winner by swing."""
    _check(before, "before")
    _check(after, "after")
    both = sorted(set(before) & set(after))
    if only_both_votes:
        before = {p: before[p] for p in both}
        after = {p: after[p] for p in both}
    share_before, share_after = _shares(before), _shares(after)
    gain = {o: share_after[o] - share_before[o] for o in MOTION_OPTIONS}
    if not before or not after:
        gain = dict.fromkeys(MOTION_OPTIONS, Fraction(0))
    if gain["For"] > gain["Against"]:
        winner = "For"
    elif gain["Against"] > gain["For"]:
        winner = "Against"
    else:
        winner = TIE
    moved = Counter((before[p], after[p]) for p in both if before[p] != after[p])
    return Swing(
        before={o: float(v) for o, v in share_before.items()},
        after={o: float(v) for o, v in share_after.items()},
        change={o: float(v) for o, v in gain.items()},
        winner=winner,
        voters_before=len(before),
        voters_after=len(after),
        moved=dict(sorted(moved.items())),
        changed_mind=sum(moved.values()),
        both_votes=len(both),
    )


#: The motion's options as the debate's sides: the proposition argues For, the opposition Against.
SIDE_OF_OPTION = {"For": "Proposition", "Against": "Opposition"}


def option_label(option: str) -> str:
    """A motion option with the debate side it stands for: ``"For (Proposition)"``, ``"Undecided"``."""
    side = SIDE_OF_OPTION.get(option)
    return f"{option} ({side})" if side else option


def winner_text(swing: Swing) -> str:
    """One sentence naming the winner by swing, with the rule, in the debate's own side names."""
    gain_for, gain_against = swing.change["For"], swing.change["Against"]
    if swing.voters_before == 0 or swing.voters_after == 0:
        return "No result: the class must vote both before and after the debate."
    if swing.winner == TIE:
        return (f"A tie: For (Proposition) changed by {gain_for:+.0f} points and Against (Opposition) "
                f"by {gain_against:+.0f}; neither side gained more.")
    loser = "Against" if swing.winner == "For" else "For"
    return (f"{option_label(swing.winner)} wins: {swing.change[swing.winner]:+.0f} points, while "
            f"{option_label(loser)} changed by {swing.change[loser]:+.0f}.")


RULE_TEXT = ("The side whose share of the vote grows more from before to after the debate wins, "
             "even if fewer people are on it.")


def voters_text(swing: Swing) -> str:
    """Why the two votes may have different numbers of voters (late joiners, students who left)."""
    only_after = swing.voters_after - swing.both_votes
    only_before = swing.voters_before - swing.both_votes
    text = f"{swing.voters_before} voted before the debate and {swing.voters_after} after"
    if not only_after and not only_before:
        return text + "."
    parts = [f"{swing.both_votes} voted both times"]
    if only_after:
        parts.append(f"{only_after} voted only after (joined late or missed the first vote)")
    if only_before:
        parts.append(f"{only_before} voted only before (left or missed the second vote)")
    return f"{text}: {', '.join(parts)}. Each vote's shares count everyone who voted in it."
