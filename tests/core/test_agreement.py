"""Tests for debate_kit.core.agreement: the published worked example and the krippendorff package."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.agreement import LEVELS, krippendorff_alpha
from debate_kit.core.errors import InvalidInput

N = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders x 12 units, missing data.
WORKED_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
    ids=LEVELS,
)
def test_published_worked_example(level: str, expected: float) -> None:
    alpha = krippendorff_alpha(WORKED_EXAMPLE, level)
    assert alpha is not None
    assert round(alpha, 3) == expected


def test_interval_is_the_default() -> None:
    assert krippendorff_alpha(WORKED_EXAMPLE) == krippendorff_alpha(WORKED_EXAMPLE, "interval")


def test_perfect_agreement_is_one() -> None:
    assert krippendorff_alpha([[1, 2, 3], [1, 2, 3]]) == pytest.approx(1.0)


def test_case_1_missing_values_and_lonely_units_are_skipped() -> None:
    with_lonely = [[1, 2, 3, 5, float("nan")], [1, 2, 4, N, 2]]
    without = [[1, 2, 3], [1, 2, 4]]
    assert krippendorff_alpha(with_lonely) == pytest.approx(krippendorff_alpha(without))


@pytest.mark.parametrize(
    "data",
    [[], [[1, 2, 3]], [[1, N], [N, 2]], [[3, 3], [3, 3]], [[1, 2], [1, N]]],
    ids=["empty", "one-rater", "no-pairable-unit", "no-variation", "one-pairable-value"],
)
@pytest.mark.parametrize("level", LEVELS)
def test_case_2_undefined_alpha_is_none(data: list[list[float | None]], level: str) -> None:
    assert krippendorff_alpha(data, level) is None


def test_case_3_ratio_distance_is_zero_for_two_zeros() -> None:
    alpha = krippendorff_alpha([[0, 0, 1, 2], [0, 0, 1, 3]], "ratio")
    reference = krippendorff.alpha(
        reliability_data=[[0, 0, 1, 2], [0, 0, 1, 3]], level_of_measurement="ratio"
    )
    assert alpha == pytest.approx(reference, abs=1e-9)


@pytest.mark.parametrize(
    ("data", "level", "code"),
    [
        ([[1, 2]], "kappa", "alpha-level-unknown"),
        ([[1, 2], [1]], "interval", "alpha-data-invalid"),
        ([[1, "2"], [1, 2]], "interval", "alpha-data-invalid"),
        ([[True, 2], [1, 2]], "interval", "alpha-data-invalid"),
    ],
    ids=["unknown-level", "ragged-rows", "text-value", "bool-value"],
)
def test_case_3_and_4_bad_input_refused(data: list, level: str, code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        krippendorff_alpha(data, level)
    assert err.value.code == code


cell = st.one_of(st.none(), st.integers(min_value=0, max_value=6))
tables = st.integers(min_value=2, max_value=5).flatmap(
    lambda raters: st.integers(min_value=1, max_value=8).flatmap(
        lambda units: st.lists(
            st.lists(cell, min_size=units, max_size=units), min_size=raters, max_size=raters
        )
    )
)


def _reference(data: list[list[int | None]], level: str) -> float | None:
    array = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
    try:
        value = float(krippendorff.alpha(reliability_data=array, level_of_measurement=level))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@settings(max_examples=100, deadline=None)
@given(tables, st.sampled_from(LEVELS))
def test_matches_krippendorff_package(data: list[list[int | None]], level: str) -> None:
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = _reference(data, level)
    alpha = krippendorff_alpha(data, level)
    if expected is None:
        assert alpha is None
    else:
        assert alpha == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(tables, st.sampled_from(LEVELS))
def test_rater_and_unit_order_do_not_matter(data: list[list[int | None]], level: str) -> None:
    alpha = krippendorff_alpha(data, level)
    flipped = [list(reversed(row)) for row in reversed(data)]
    other = krippendorff_alpha(flipped, level)
    if alpha is None:
        assert other is None
    else:
        assert other == pytest.approx(alpha, rel=1e-9, abs=1e-9)
