"""What a mirrored teacher screen may show: pure rules, no Jupyter."""

from __future__ import annotations

from debate_kit.core.privacy import (
    HIDDEN,
    answers_by_prompt,
    out_of,
    swing_shown,
    tally_shown,
    voted_text,
)

PROMPTS = [("p1", "Opening", "What does it claim?"), ("p2", "Opening", "What is left out?")]


def test_tallies_and_swing_only_once_revealed_or_private() -> None:
    for state in ("draft", "open", "closed"):
        assert not tally_shown(state, False) and tally_shown(state, True)
        assert not swing_shown(state, False) and swing_shown(state, True)
    assert tally_shown("revealed", False) and swing_shown("revealed", False)
    assert voted_text(3, 30) == "3 of 30 voted"
    assert HIDDEN == "Hidden while the class can see this screen: use Show private details"


def test_scores_always_out_of_the_maximum() -> None:
    assert out_of(16.0, 20) == "16.0 out of 20" and out_of(17, 20, 0) == "17 out of 20"
    assert out_of(None, 20) == "–"


def test_answers_grouped_by_prompt_without_names_unless_given() -> None:
    answers = [(2, "p1", "Zed's answer"), (1, "p1", "An answer"), (1, "p2", "  "), (3, "old", "Kept")]
    groups = answers_by_prompt(PROMPTS, answers, None)
    assert [(g.prompt_id, g.section, g.prompt) for g in groups] == [
        ("p1", "Opening", "What does it claim?"), ("p2", "Opening", "What is left out?"), ("old", "", "old")]
    assert groups[0].answers == ((None, "An answer"), (None, "Zed's answer"))  # by text: no order of who
    assert groups[1].answers == ()  # blank answers are left out
    named = answers_by_prompt(PROMPTS, answers, {1: "Ann", 2: "Bob"})
    assert named[0].answers == (("Ann", "An answer"), ("Bob", "Zed's answer"))
    assert named[2].answers == (("?", "Kept"),)
