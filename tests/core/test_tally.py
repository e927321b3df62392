"""Tests for debate_kit.core.tally: one test per numbered policy case, plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.errors import InvalidInput
from debate_kit.core.tally import OptionCount, largest_remainder, tally

OPTIONS = ("For", "Against", "Undecided")


def test_case_1_options_in_order_including_unchosen() -> None:
    lines, total = tally(OPTIONS, ["Against", "Against"])
    assert total == 2
    assert lines == (
        OptionCount("For", 0, 0),
        OptionCount("Against", 2, 100),
        OptionCount("Undecided", 0, 0),
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1, 1, 1], [34, 33, 33]),
        ([2, 1], [67, 33]),
        ([1, 2], [33, 67]),
        ([1, 1, 1, 1, 1, 1, 1], [15, 15, 14, 14, 14, 14, 14]),
        ([5, 0, 5], [50, 0, 50]),
        ([1, 0, 0], [100, 0, 0]),
        ([199, 1], [100, 0]),
    ],
    ids=["thirds", "two-to-one", "one-to-two", "sevenths", "half-half", "all-one", "equal-halves-first-wins"],
)
def test_case_2_largest_remainder_sums_to_100(counts: list[int], expected: list[int]) -> None:
    assert largest_remainder(counts, sum(counts)) == expected


def test_case_3_equal_remainders_favour_the_first_option() -> None:
    lines, _ = tally(("A", "B", "C"), ["C", "B", "A"])
    assert [line.percent for line in lines] == [34, 33, 33]


def test_case_4_no_votes_gives_zero_percent() -> None:
    lines, total = tally(OPTIONS, [])
    assert total == 0
    assert [line.percent for line in lines] == [0, 0, 0]


@pytest.mark.parametrize(
    ("options", "choices", "code"),
    [
        (OPTIONS, ["Maybe"], "tally-unknown-choice"),
        (OPTIONS, ["for"], "tally-unknown-choice"),
        ((), [], "tally-options-invalid"),
        (("A", "A"), ["A"], "tally-options-invalid"),
    ],
    ids=["unknown", "wrong-case", "no-options", "repeated-option"],
)
def test_case_5_unknown_choices_and_bad_options(
    options: tuple[str, ...], choices: list[str], code: str
) -> None:
    with pytest.raises(InvalidInput) as err:
        tally(options, choices)
    assert err.value.code == code


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(OPTIONS), max_size=60))
def test_property_counts_and_percents(choices: list[str]) -> None:
    lines, total = tally(OPTIONS, choices)
    assert total == len(choices)
    assert sum(line.count for line in lines) == total
    assert sum(line.percent for line in lines) == (100 if total else 0)
    for line in lines:
        exact = 100 * line.count / total if total else 0
        assert abs(line.percent - exact) < 1
