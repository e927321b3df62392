"""The pure rules of a reflection on one's own swing (issue 19, item 4)."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput
from debate_kit.core.reflection import (
    MAX_WHY,
    NOT_YET,
    ROOM_CLOSED,
    check_why,
    group_reflections,
    movement,
    parse_mattered,
    question,
    refusal,
    swing_line,
)


@pytest.mark.parametrize(("before", "after", "move"), [
    ("Against", "Undecided", "for"), ("Against", "For", "for"), ("Undecided", "For", "for"),
    ("For", "Undecided", "against"), ("For", "Against", "against"), ("Undecided", "Against", "against"),
    ("For", "For", "stayed"), ("Undecided", "Undecided", "stayed"), ("Against", "Against", "stayed"),
])
def test_movement_on_one_line(before: str, after: str, move: str) -> None:
    assert movement(before, after) == move


def test_texts() -> None:
    assert swing_line("Against", "Undecided") == "Before: Against. After: Undecided."
    assert question("stayed") == "What kept you where you were?"
    assert question("against") == "What moved you towards Against?"


@pytest.mark.parametrize(("phase", "closed", "state", "why"), [
    ("post-vote", False, "open", NOT_YET), ("post-vote", False, "closed", None),
    ("results", False, "revealed", None), ("results", False, "draft", NOT_YET),
    ("scoring", False, "closed", NOT_YET), ("results", True, "revealed", ROOM_CLOSED),
])
def test_when_reflections_are_open(phase: str, closed: bool, state: str, why: str | None) -> None:
    assert refusal(phase, closed, state) == why


def test_checks() -> None:
    assert check_why("  Because.\u200b ") == "Because."
    for bad, code in (("", "reflection-empty"), ("x" * (MAX_WHY + 1), "reflection-too-long"),
                      (None, "reflection-type"), ("a\x00b", "reflection-control")):
        with pytest.raises(InvalidInput) as err:
            check_why(bad)
        assert err.value.code == code
    assert parse_mattered("none") == ("none", None) and parse_mattered("card:7") == ("card", 7)
    assert parse_mattered("speech:12") == ("speech", 12)
    for bad in ("", "card:", "card:-1", "card:0", "poll:3", "speech:1e3", "card:" + "9" * 30, 7, None):
        with pytest.raises(InvalidInput):
            parse_mattered(bad)


def test_grouping_hides_names_unless_private() -> None:
    rows = [(1, "for", "Zed's speech", "Speech A"), (2, "for", "A card", "Card: X"),
            (3, "stayed", "Same", ""), (4, "for", "Also A", "Speech A")]
    groups = group_reflections(rows, None)
    assert [g.movement for g in groups] == ["for", "against", "stayed"]
    assert groups[0].reflections == ((None, "A card", "Card: X"), (None, "Also A", "Speech A"),
                                     (None, "Zed's speech", "Speech A"))
    assert groups[0].named == (("Speech A", 2), ("Card: X", 1)) and groups[2].named == ()
    named = group_reflections(rows, {1: "Ann", 2: "Ben", 3: "Cy", 4: "Dee"})
    assert [r[0] for r in named[0].reflections] == ["Ann", "Ben", "Dee"]
