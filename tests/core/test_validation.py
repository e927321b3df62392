"""Typed text at the boundary: invisible format characters never reach the store; ids fit a database."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput
from debate_kit.core.scoring import check_comment
from debate_kit.core.spreadsheet import safe_cell
from debate_kit.core.validation import (
    MAX_ROW_ID,
    check_row_id,
    clean_name,
    clean_text,
    clean_title,
    strip_invisible,
)

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
INVISIBLE = [RLO, PDF, LRI, PDI, "\u200e", "\u200f", "\u061c", "\u200b", "\u2060", "\ufeff", "\u00ad",
             "\u3164", "\u115f", "\u034f", "\U000e0041"]


@pytest.mark.parametrize("ch", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_each_invisible_character_is_removed_everywhere_text_comes_in(ch: str) -> None:
    assert clean_name(f"Ann{ch}a") == "Anna"
    assert clean_text(f"It {ch}claims{ch} x") == "It claims x"
    assert clean_title(f"{ch}Year 11") == "Year 11"
    assert check_comment(f"Good{ch} point") == "Good point"
    assert safe_cell(f"{ch}=1+1") == "'=1+1", "stored before: removed on the way out, then guarded"


def test_a_bidi_override_cannot_reverse_what_a_name_or_answer_shows() -> None:
    assert clean_name(f"Ann{RLO}nimda{PDF}") == "Annnimda"
    assert clean_text(f"I agree{RLO} .tnemugra siht htiw{PDF}") == "I agree .tnemugra siht htiw"


def test_a_name_of_invisible_characters_only_is_empty() -> None:
    with pytest.raises(InvalidInput) as err:
        clean_name(f"{RLO}\u3164\u200b {PDF}")
    assert err.value.code == "name-empty"


def test_joiners_stay_inside_emoji_and_scripts_but_not_next_to_ascii() -> None:
    assert clean_name("👩\u200d💻 Ada") == "👩\u200d💻 Ada"
    assert clean_text("می\u200cخواهم") == "می\u200cخواهم"  # Persian needs the non-joiner
    assert clean_name("Ann\u200d") == "Ann" and clean_name("A\u200dnn") == "Ann"  # hides a copy of "Ann"


def test_visible_text_is_unchanged() -> None:
    for text in ("Zoë Ångström", "Łukasz", "Мария", "محمد", "李雷", "Ana 🎉", "a\tb\nc"):
        assert strip_invisible(text) == text


def test_real_control_characters_are_still_refused() -> None:
    with pytest.raises(InvalidInput, match="control"):
        clean_name("Ann\x07")
    with pytest.raises(InvalidInput, match="control"):
        clean_text("bad\x00byte")


@pytest.mark.parametrize("value", [0, 1, MAX_ROW_ID])
def test_ids_that_fit_a_database_integer(value: int) -> None:
    assert check_row_id(value, "poll") == value


@pytest.mark.parametrize("value", [MAX_ROW_ID + 1, 2**64, 10**40, -1, True, 1.0, "1", None], ids=repr)
def test_ids_that_do_not_fit_are_refused_with_a_message(value: object) -> None:
    with pytest.raises(InvalidInput) as err:
        check_row_id(value, "speech")
    assert err.value.code == "speech-unknown"
    assert err.value.message == "There is no such speech: reload the page."
