"""Tests for debate_kit.core.formats: presets, times and the running order (policy cases 1-5)."""

from __future__ import annotations

import dataclasses

import pytest

from debate_kit.core.errors import InvalidInput
from debate_kit.core.formats import PRESETS, DebateFormat, SpeechSlot, running_order, with_times

WS = PRESETS["world-schools"]
CLASSROOM = PRESETS["classroom"]


@pytest.mark.parametrize(
    ("key", "speakers", "speech", "rebuttal"),
    [("world-schools", 3, 8.0, 4.0), ("classroom", 2, 3.0, 2.0)],
    ids=["world-schools", "classroom"],
)
def test_presets(key: str, speakers: int, speech: float, rebuttal: float) -> None:
    fmt = PRESETS[key]
    assert fmt.id == key
    assert (fmt.speakers_per_side, fmt.speech_minutes, fmt.rebuttal_minutes) == (
        speakers,
        speech,
        rebuttal,
    )
    assert fmt.rebuttal_by == (1, 2)
    assert fmt.rebuttal_first == "opposition"


def test_formats_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        WS.speech_minutes = 1.0  # type: ignore[misc]


def test_case_1_substantive_speeches_alternate_proposition_first() -> None:
    order = running_order(WS)
    speeches = [s for s in order if s.kind == "speech"]
    assert [(s.side, s.position) for s in speeches] == [
        ("proposition", 1),
        ("opposition", 1),
        ("proposition", 2),
        ("opposition", 2),
        ("proposition", 3),
        ("opposition", 3),
    ]
    assert [s.label for s in speeches[:2]] == ["1st proposition", "1st opposition"]
    assert [s.order for s in order] == list(range(1, len(order) + 1))
    assert all(s.minutes == 8.0 for s in speeches)


@pytest.mark.parametrize(
    ("fmt", "labels"),
    [
        (WS, ["Opposition reply", "Proposition reply"]),
        (CLASSROOM, ["Opposition rebuttal", "Proposition rebuttal"]),
        (
            dataclasses.replace(CLASSROOM, rebuttal_first="proposition"),
            ["Proposition rebuttal", "Opposition rebuttal"],
        ),
    ],
    ids=["world-schools", "classroom", "proposition-first"],
)
def test_case_2_rebuttals_follow_in_rebuttal_first_order(fmt: DebateFormat, labels: list[str]) -> None:
    order = running_order(fmt)
    rebuttals = [s for s in order if s.kind == "rebuttal"]
    assert [s.label for s in rebuttals] == labels
    assert order[-2:] == tuple(rebuttals)
    assert all(s.minutes == fmt.rebuttal_minutes for s in rebuttals)
    assert len(order) == 2 * fmt.speakers_per_side + 2


def test_case_3_rebuttal_speaker_defaults_to_speaker_one_and_can_be_chosen() -> None:
    default = [s.position for s in running_order(CLASSROOM) if s.kind == "rebuttal"]
    assert default == [1, 1]
    chosen = running_order(WS, {"proposition": 2})
    assert chosen[-1] == SpeechSlot(8, "proposition", 2, "rebuttal", 4.0, "Proposition reply")
    assert chosen[-2].position == 1


@pytest.mark.parametrize(
    ("choice", "code"),
    [
        ({"opposition": 3}, "rebuttal-speaker-not-allowed"),
        ({"proposition": 0}, "rebuttal-speaker-not-allowed"),
        ({"judge": 1}, "rebuttal-side-unknown"),
    ],
    ids=["third-speaker", "speaker-zero", "not-a-side"],
)
def test_case_3_rebuttal_speaker_must_be_allowed(choice: dict[str, int], code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        running_order(WS, choice)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("speech", "rebuttal", "expected"),
    [
        (5, None, (5.0, 4.0)),
        (None, 0.5, (8.0, 0.5)),
        (20, 20, (20.0, 20.0)),
        (None, None, (8.0, 4.0)),
    ],
    ids=["speech-only", "rebuttal-minimum", "maximum", "unchanged"],
)
def test_case_4_with_times(
    speech: float | None, rebuttal: float | None, expected: tuple[float, float]
) -> None:
    fmt = with_times(WS, speech_minutes=speech, rebuttal_minutes=rebuttal)
    assert (fmt.speech_minutes, fmt.rebuttal_minutes) == expected
    assert fmt.speakers_per_side == WS.speakers_per_side
    assert WS.speech_minutes == 8.0


@pytest.mark.parametrize(
    ("speech", "rebuttal"),
    [(0.4, None), (21, None), (None, 0), (True, None), (float("nan"), None), ("5", None)],
    ids=["too-short", "too-long", "zero-rebuttal", "bool", "nan", "text"],
)
def test_case_4_bad_times_refused(speech: object, rebuttal: object) -> None:
    with pytest.raises(InvalidInput) as err:
        with_times(WS, speech_minutes=speech, rebuttal_minutes=rebuttal)  # type: ignore[arg-type]
    assert err.value.code == "format-minutes-out-of-range"
    assert "between 0.5 and 20 minutes" in err.value.message


def test_case_5_no_rebuttals_when_rebuttal_by_is_empty() -> None:
    fmt = dataclasses.replace(CLASSROOM, rebuttal_by=())
    assert [s.kind for s in running_order(fmt)] == ["speech"] * 4


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"speakers_per_side": 0}, "format-speakers-out-of-range"),
        ({"speakers_per_side": 6}, "format-speakers-out-of-range"),
        ({"rebuttal_by": (3,)}, "format-rebuttal-position"),
        ({"rebuttal_first": "judge"}, "format-rebuttal-first"),
    ],
    ids=["no-speakers", "too-many-speakers", "rebuttal-position", "rebuttal-first"],
)
def test_invalid_formats_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(InvalidInput) as err:
        dataclasses.replace(CLASSROOM, **changes)
    assert err.value.code == code
