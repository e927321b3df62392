"""Tests for debate_kit.core.swing: one test per numbered policy case."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.errors import InvalidInput
from debate_kit.core.swing import MOTION_OPTIONS, motion_swing


def votes(**kw: str) -> dict[str, str]:
    return dict(kw)


def test_case_1_winner_is_the_side_that_gained_most_even_if_smaller() -> None:
    before = {"a": "For", "b": "For", "c": "For", "d": "Against", "e": "Undecided"}
    after = {"a": "For", "b": "For", "c": "Against", "d": "Against", "e": "Against"}
    swing = motion_swing(before, after)
    assert swing.before == {"For": 60.0, "Against": 20.0, "Undecided": 20.0}
    assert swing.after == {"For": 40.0, "Against": 60.0, "Undecided": 0.0}
    assert swing.change == {"For": -20.0, "Against": 40.0, "Undecided": -20.0}
    assert swing.winner == "Against"


def test_case_1_smaller_side_wins_by_gaining() -> None:
    before = {"a": "For", "b": "For", "c": "For", "d": "Undecided"}
    after = {"a": "For", "b": "For", "c": "For", "d": "Against"}
    assert motion_swing(before, after).winner == "Against"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"a": "Undecided", "b": "Undecided"}, {"a": "For", "b": "Against"}),
        ({"a": "For", "b": "Against"}, {"a": "Undecided", "b": "Undecided"}),
        ({"a": "For", "b": "Against", "c": "Undecided"}, {"a": "For", "b": "Against", "c": "Undecided"}),
        (
            {"a": "For", "b": "Against", "c": "Undecided"},
            {"a": "For", "b": "Against", "c": "Undecided", "d": "Undecided", "e": "Undecided"},
        ),
    ],
    ids=["equal-gains", "equal-losses", "nobody-moved", "undecided-grew"],
)
def test_case_2_equal_gains_tie_and_undecided_never_wins(
    before: dict[str, str], after: dict[str, str]
) -> None:
    assert motion_swing(before, after).winner == "Tie"


def test_case_2_exact_comparison_thirds() -> None:
    # 1/3 and 2/3 shares: float arithmetic could make one gain a hair larger than the other.
    before = {"a": "For", "b": "Against", "c": "Undecided"}
    after = {"a": "For", "b": "Against", "c": "Undecided", "d": "For", "e": "Against", "f": "Undecided"}
    assert motion_swing(before, after).winner == "Tie"


def test_case_3_percentages_over_everyone_who_voted_that_round() -> None:
    before = {"a": "For", "b": "Against"}
    after = {"a": "For", "b": "Against", "late": "Against", "late2": "Against"}
    swing = motion_swing(before, after)
    assert (swing.voters_before, swing.voters_after, swing.both_votes) == (2, 4, 2)
    assert swing.after["Against"] == 75.0
    assert swing.winner == "Against"


def test_case_4_only_those_who_voted_twice() -> None:
    before = {"a": "For", "b": "Against", "left": "For"}
    after = {"a": "For", "b": "Against", "late": "Against", "late2": "Against"}
    swing = motion_swing(before, after, only_both_votes=True)
    assert (swing.voters_before, swing.voters_after) == (2, 2)
    assert swing.winner == "Tie"


def test_case_5_moved_counts_only_changes_by_people_who_voted_twice() -> None:
    before = {"a": "For", "b": "Undecided", "c": "Undecided", "d": "Against", "gone": "For"}
    after = {"a": "Against", "b": "Against", "c": "Against", "d": "Against", "new": "For"}
    swing = motion_swing(before, after)
    assert swing.moved == {("For", "Against"): 1, ("Undecided", "Against"): 2}
    assert swing.changed_mind == 3
    assert swing.both_votes == 4


@pytest.mark.parametrize(
    ("before", "after", "winner"),
    [
        ({}, {}, "Tie"),
        ({}, {"a": "For"}, "Tie"),
        ({"a": "Against"}, {}, "Tie"),
    ],
    ids=["no-votes", "no-first-vote", "no-second-vote"],
)
def test_case_6_empty_rounds_count_as_zero(
    before: dict[str, str], after: dict[str, str], winner: str
) -> None:
    swing = motion_swing(before, after)
    assert swing.winner == winner
    if not before:
        assert swing.before == dict.fromkeys(MOTION_OPTIONS, 0.0)
    assert swing.change == dict.fromkeys(MOTION_OPTIONS, 0.0)
    if not before and not after:
        assert swing.change == dict.fromkeys(MOTION_OPTIONS, 0.0)
        assert (swing.voters_before, swing.voters_after, swing.changed_mind) == (0, 0, 0)
        assert swing.moved == {}


@pytest.mark.parametrize(
    ("before", "after"),
    [({"a": "Maybe"}, {}), ({}, {"a": "for"}), ({"a": "For"}, {"a": None})],
    ids=["before", "after-wrong-case", "after-none"],
)
def test_case_7_unknown_options_refused(before: dict, after: dict) -> None:
    with pytest.raises(InvalidInput) as err:
        motion_swing(before, after)
    assert err.value.code == "swing-unknown-option"


vote_maps = st.dictionaries(st.sampled_from("abcdefghij"), st.sampled_from(MOTION_OPTIONS))


@settings(max_examples=100, deadline=None)
@given(vote_maps, vote_maps)
def test_property_percentages_and_changes_add_up(before: dict, after: dict) -> None:
    swing = motion_swing(before, after)
    for shares, voters in ((swing.before, len(before)), (swing.after, len(after))):
        assert sum(shares.values()) == pytest.approx(100.0 if voters else 0.0)
    assert sum(swing.change.values()) == pytest.approx(0.0)
    assert swing.winner in ("For", "Against", "Tie")
    assert swing.changed_mind <= swing.both_votes


def test_texts_name_sides_rule_and_voters() -> None:
    from debate_kit.core.swing import option_label, voters_text, winner_text

    before = {"a": "For", "b": "Against", "c": "Against"}
    after = {"a": "Against", "b": "Against", "c": "For", "d": "For"}
    swing = motion_swing(before, after)
    assert option_label("For") == "For (Proposition)"
    assert option_label("Undecided") == "Undecided"
    assert winner_text(swing).startswith("For (Proposition) wins")
    assert "Against (Opposition)" in winner_text(swing)
    text = voters_text(swing)
    assert text.startswith("3 voted before the debate and 4 after")
    assert "3 voted both times" in text and "1 voted only after" in text
    assert voters_text(motion_swing(before, before)) == "3 voted before the debate and 3 after."
    assert winner_text(motion_swing({}, after)).startswith("No result")
    assert winner_text(motion_swing(before, before)).startswith("A tie")
