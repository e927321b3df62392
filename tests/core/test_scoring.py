"""Tests for debate_kit.core.scoring: one test per numbered policy case, plus summaries."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.agreement import krippendorff_alpha
from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.core.scoring import (
    agreement_across_speeches,
    check_score,
    may_score,
    summarize_speech,
)
from debate_kit.core.sides import Seat

CRITERIA = ("Evidence", "Reasoning", "Delivery")


def score(values: dict[str, object], comment: object = "") -> tuple[dict[str, int], str]:
    return check_score(1, 5, CRITERIA, values, comment)


def full(**kw: object) -> dict[str, object]:
    return {"Evidence": 3, "Reasoning": 3, "Delivery": 3, **kw}


def test_valid_score_sheet_returns_ints_in_criteria_order() -> None:
    values, comment = score({"Delivery": 5, "Evidence": 1, "Reasoning": 4.0}, "Good sources.")
    assert values == {"Evidence": 1, "Reasoning": 4, "Delivery": 5}
    assert list(values) == list(CRITERIA)
    assert all(type(v) is int for v in values.values())
    assert comment == "Good sources."


@pytest.mark.parametrize(
    ("values", "code", "message"),
    [
        ({"Evidence": 3, "Reasoning": 3}, "score-missing", "Delivery: please give a score."),
        (full(Style=3), "score-unknown-criterion", "'Style' is not on the rubric"),
        ({}, "score-missing", "Evidence: please give a score."),
    ],
    ids=["missing", "unknown", "empty"],
)
def test_case_1_every_criterion_and_nothing_else(values: dict[str, object], code: str, message: str) -> None:
    with pytest.raises(InvalidInput) as err:
        score(values)
    assert err.value.code == code
    assert message in err.value.message


@pytest.mark.parametrize(
    "bad",
    [True, False, 2.5, "3", None, float("nan"), float("inf"), [3]],
    ids=["true", "false", "fraction", "text", "none", "nan", "inf", "list"],
)
def test_case_2_whole_numbers_only(bad: object) -> None:
    with pytest.raises(InvalidInput) as err:
        score(full(Reasoning=bad))
    assert err.value.code == "score-not-a-whole-number"
    assert err.value.message.startswith("Reasoning:")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (7, "Evidence: scores go from 1 to 5; you gave 7."),
        (0, "Evidence: scores go from 1 to 5; you gave 0."),
        (-1, "Evidence: scores go from 1 to 5; you gave -1."),
        (6.0, "Evidence: scores go from 1 to 5; you gave 6."),
    ],
    ids=["above", "zero", "negative", "float-above"],
)
def test_case_3_out_of_range_refused_not_clamped(value: object, message: str) -> None:
    with pytest.raises(InvalidInput) as err:
        score(full(Evidence=value))
    assert err.value.code == "score-out-of-range"
    assert err.value.message == message


@pytest.mark.parametrize("value", [1, 5], ids=["min", "max"])
def test_case_3_bounds_are_inclusive(value: int) -> None:
    assert score(full(Evidence=value))[0]["Evidence"] == value


@pytest.mark.parametrize(
    ("comment", "code"),
    [
        (None, "comment-not-text"),
        (42, "comment-not-text"),
        ("x" * 1001, "comment-too-long"),
        ("bell\x07", "comment-control-character"),
        ("nul\x00", "comment-control-character"),
        ("esc\x1b[31m", "comment-control-character"),
        ("cr\ronly", "comment-control-character"),
    ],
    ids=["none", "number", "too-long", "bell", "nul", "escape", "lone-cr"],
)
def test_case_4_bad_comments_refused(comment: object, code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        score(full(), comment)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("", ""),
        ("x" * 1000, "x" * 1000),
        ("line 1\nline 2\tend", "line 1\nline 2\tend"),
        ("windows\r\nline", "windows\nline"),
        ("émoji 👍 ok", "émoji 👍 ok"),
    ],
    ids=["empty", "at-limit", "newline-tab", "crlf", "unicode"],
)
def test_case_4_good_comments_kept(comment: str, expected: str) -> None:
    assert score(full(), comment)[1] == expected


@pytest.mark.parametrize(
    ("low", "high", "criteria"),
    [(5, 1, CRITERIA), (1, 5, ()), (1, 5, ("A", "A")), (True, 5, CRITERIA)],
    ids=["min-above-max", "no-criteria", "repeated-criterion", "bool-bound"],
)
def test_bad_rubric_refused(low: int, high: int, criteria: tuple[str, ...]) -> None:
    with pytest.raises(InvalidInput) as err:
        check_score(low, high, criteria, {})
    assert err.value.code == "rubric-invalid"


ANA = Seat("ana", "proposition", 1, 1)
BEN = Seat("ben", "proposition", 1, 2)
CAT = Seat("cat", "opposition", 1, 1)
DAN = Seat("dan", "judge", 1, None)
EVE = Seat("eve", "audience", None, None)
FAY = Seat("fay", "opposition", 2, 1)
GUS = Seat("gus", "judge", 2, None)


def test_case_5_nobody_scores_their_own_speech() -> None:
    with pytest.raises(NotAllowed) as err:
        may_score(ANA, ANA)
    assert err.value.code == "score-own-speech"


@pytest.mark.parametrize(
    ("scorer", "code"),
    [(BEN, "score-own-team"), (CAT, "score-same-debate")],
    ids=["own-team", "other-team-same-debate"],
)
def test_case_6_debaters_do_not_score_their_own_debate(scorer: Seat, code: str) -> None:
    with pytest.raises(NotAllowed) as err:
        may_score(scorer, ANA)
    assert err.value.code == code


@pytest.mark.parametrize(
    "scorer",
    [DAN, EVE, FAY, GUS, None],
    ids=["judge-same-debate", "audience", "debater-other-debate", "judge-other-debate", "no-seat"],
)
def test_case_7_judges_audience_and_others_may_score(scorer: Seat | None) -> None:
    may_score(scorer, ANA)


@pytest.mark.parametrize("speaker", [DAN, EVE], ids=["judge", "audience"])
def test_only_debaters_give_speeches(speaker: Seat) -> None:
    with pytest.raises(InvalidInput) as err:
        may_score(None, speaker)
    assert err.value.code == "score-not-a-speaker"


def test_summary_of_complete_sheets() -> None:
    sheets = [
        {"Evidence": 4, "Reasoning": 4, "Delivery": 3},
        {"Evidence": 5, "Reasoning": 4, "Delivery": 4},
        {"Evidence": 3, "Reasoning": 2, "Delivery": 2},
    ]
    summary = summarize_speech(sheets, CRITERIA)
    assert summary.scorers == 3
    assert summary.totals == (7, 11, 13)
    assert summary.mean == pytest.approx(31 / 3)
    assert summary.median == 11.0
    assert summary.spread == pytest.approx(statistics.pstdev([11, 13, 7]))
    assert (summary.low, summary.high) == (7, 13)
    assert summary.by_criterion == {"Evidence": 4.0, "Reasoning": pytest.approx(10 / 3), "Delivery": 3.0}
    rows = [[s[c] for c in CRITERIA] for s in sheets]
    assert summary.alpha == pytest.approx(krippendorff_alpha(rows, "interval"))
    assert summary.incomplete == 0


def test_case_8_incomplete_sheets_left_out_of_totals_only() -> None:
    sheets = [
        {"Evidence": 4, "Reasoning": 4, "Delivery": 4},
        {"Evidence": 2, "Reasoning": 2, "Delivery": 2},
        {"Evidence": 5},
    ]
    summary = summarize_speech(sheets, CRITERIA)
    assert (summary.scorers, summary.incomplete) == (2, 1)
    assert summary.mean == 9.0
    assert summary.by_criterion["Evidence"] == pytest.approx(11 / 3)
    assert summary.by_criterion["Delivery"] == 3.0
    rows = [[4, 4, 4], [2, 2, 2], [5, None, None]]
    assert summary.alpha == pytest.approx(krippendorff_alpha(rows, "interval"))


def test_case_8_unknown_criterion_in_a_sheet_refused() -> None:
    with pytest.raises(InvalidInput) as err:
        summarize_speech([{"Style": 3}], CRITERIA)
    assert err.value.code == "score-unknown-criterion"


@pytest.mark.parametrize(
    "sheets",
    [[], [{"Evidence": 3, "Reasoning": 3, "Delivery": 3}]],
    ids=["no-scorers", "one-scorer"],
)
def test_case_9_alpha_needs_two_scorers(sheets: list[dict[str, int]]) -> None:
    summary = summarize_speech(sheets, CRITERIA)
    assert summary.alpha is None
    assert summary.scorers == len(sheets)
    if not sheets:
        assert (summary.mean, summary.median, summary.spread) == (None, None, None)
        assert (summary.low, summary.high, summary.by_criterion) == (None, None, {})
    else:
        assert (summary.mean, summary.spread, summary.low, summary.high) == (9.0, 0.0, 9, 9)


def test_case_9_alpha_undefined_when_everyone_agrees_on_one_mark() -> None:
    same = {"Evidence": 3, "Reasoning": 3, "Delivery": 3}
    assert summarize_speech([same, same], CRITERIA).alpha is None


def test_agreement_across_speeches() -> None:
    table = {
        "speech-1": {"ana": 10, "ben": 11, "cat": 10},
        "speech-2": {"ana": 14, "ben": 15},
        "speech-3": {"ana": 6, "ben": 7, "cat": 5},
    }
    rows = [[10, 14, 6], [11, 15, 7], [10, None, 5]]
    assert agreement_across_speeches(table) == pytest.approx(krippendorff_alpha(rows))


@pytest.mark.parametrize(
    "table",
    [{}, {"speech-1": {"ana": 10}, "speech-2": {"ana": 12}}, {"s": {"ana": 3, "ben": 3}}],
    ids=["empty", "one-scorer", "no-variation"],
)
def test_agreement_across_speeches_undefined(table: dict[str, dict[str, int]]) -> None:
    assert agreement_across_speeches(table) is None


sheet = st.fixed_dictionaries({c: st.integers(min_value=1, max_value=5) for c in CRITERIA})


@settings(max_examples=100, deadline=None)
@given(st.lists(sheet, max_size=12))
def test_property_summary_bounds(sheets: list[dict[str, int]]) -> None:
    summary = summarize_speech(sheets, CRITERIA)
    assert summary.scorers == len(sheets)
    if sheets:
        assert summary.low is not None and summary.high is not None
        assert summary.mean is not None and summary.median is not None
        assert 3 <= summary.low <= summary.mean <= summary.high <= 15
        assert summary.low <= summary.median <= summary.high
        assert summary.spread is not None and summary.spread <= (summary.high - summary.low) / 2 + 1e-9
