"""``claims`` in lesson.yaml (issue 19): the essay's key claims to check, validated by ``lesson check``."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate_kit.core.lesson_check import read_lesson
from debate_kit.core.lesson_model import KeyClaim
from debate_kit.core.scaffold import scaffold_lesson
from tests.core.test_lesson_check import good_files

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = """\
claims:
  - section: opening
    quote: "history repeats
      itself."
    why: "A claim about history that dated facts can test."
"""


def with_claims(text: str) -> dict[str, object]:
    files = good_files()
    files["lesson.yaml"] = str(files["lesson.yaml"]) + text
    return files


def test_claims_are_optional_and_read() -> None:
    lesson, problems = read_lesson(good_files(), folder="demo")
    assert problems == [] and lesson is not None and lesson.claims == ()
    lesson, problems = read_lesson(with_claims(CLAIMS), folder="demo")  # type: ignore[arg-type]
    assert problems == [], problems
    assert lesson is not None
    assert lesson.claims == (KeyClaim("opening", "history repeats itself.",
                                      "A claim about history that dated facts can test."),)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("section: opening", "section: middle", "the claim is in section 'middle', which does not exist"),
    ("history repeats\n      itself.", "history repeats itself again.",
     "claim 1: its quote is not in section 'opening' word for word"),
    ('    why: "A claim about history that dated facts can test."\n', "", "why"),
    ("    quote:", "    author: x\n    quote:", "author"),
], ids=["unknown-section", "quote-not-exact", "no-why", "unknown-key"])
def test_claim_problems_name_file_and_line(old: str, new: str, words: str) -> None:
    lesson, problems = read_lesson(with_claims(CLAIMS.replace(old, new)), folder="demo")  # type: ignore[arg-type]
    assert lesson is None
    found = [p for p in problems if words in p.message]
    assert found and all(p.file == "lesson.yaml" and p.line for p in found), problems


def test_the_shipped_lesson_names_at_least_six_claims_copied_exactly() -> None:
    from debate_kit.content import load_lesson

    lesson = load_lesson(ROOT / "readings" / "new-soviet-union")
    essay = " ".join((ROOT / "readings" / "new-soviet-union" / "essay.txt").read_text().split())
    assert len(lesson.claims) >= 6
    assert all(c.quote in essay and c.why for c in lesson.claims)


def test_lesson_new_scaffolds_an_empty_list() -> None:
    files = scaffold_lesson("A title\n\nOne paragraph.\n", "my-essay")
    assert "claims: []" in files["lesson.yaml"]
