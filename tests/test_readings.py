"""Content CI: every lesson folder shipped under ``readings/`` passes ``lesson check``.

The readability of each counter-reading is recorded (``record_property``, so it appears in JUnit XML)
and printed; run ``pytest tests/test_readings.py -s`` or ``debate-kit lesson readability PATH``.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from debate_kit.content import check_lesson, check_warnings, load_lesson, readability_report
from debate_kit.core.readability import GRADE_LIMIT

READINGS = Path(__file__).resolve().parent.parent / "readings"
FOLDERS = sorted(p for p in READINGS.iterdir() if p.is_dir() and not p.name.startswith("."))


def test_readings_has_a_lesson() -> None:
    assert FOLDERS, f"no lesson folder in {READINGS}"


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_lesson_passes_check(folder: Path) -> None:
    problems = check_lesson(folder)
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_sections_have_sourced_counter_readings(folder: Path) -> None:
    lesson = load_lesson(folder)
    for section in lesson.sections:
        assert lesson.readings_for(section.id), f"section {section.id} has no counter-reading"
        assert section.prompts, f"section {section.id} has no prompt"
    for reading in lesson.counter_readings:
        assert len(reading.sources) >= 2, f"{reading.id} has fewer than 2 sources"
        for source in reading.sources:
            assert source.date, f"{reading.id}: source {source.id} has no date"
            assert source.url.startswith(("https://", "http://")), f"{reading.id}: {source.id}"


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_readability_is_reported(
    folder: Path, record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = load_lesson(folder)
    rows = readability_report(folder)
    assert [row.id for row in rows] == [
        "essay",
        *sorted(reading.id for reading in lesson.counter_readings),
    ]
    with capsys.disabled():
        print(f"\nReadability of {folder.name} (Flesch-Kincaid grade):")
        for row in rows:
            assert row.words > 0 and math.isfinite(row.grade)
            flag = "  (hard: above grade 11)" if row.grade > GRADE_LIMIT else ""
            print(f"  {row.id:<28} {row.words:>4} words  grade {row.grade:>4.1f}{flag}")
            record_property(f"grade:{row.id}", row.grade)


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_lesson_has_no_style_warnings(folder: Path) -> None:
    """No paragraph above grade 12 and no evaluative word in the kit's own voice."""
    warnings = check_warnings(folder)
    assert warnings == [], "\n".join(str(w) for w in warnings)


def test_style_checks_catch_a_planted_paragraph_and_word(tmp_path: Path) -> None:
    """The checks run on the shipped lesson: plant a hard paragraph and a loaded word in a copy."""
    source = READINGS / "new-soviet-union"
    copy = tmp_path / source.name
    shutil.copytree(source, copy)
    reading = copy / "counter-readings" / "war-in-ukraine.md"
    hard = (
        "Notwithstanding considerable international condemnation, intergovernmental institutions "
        "characterised the constitutional referendum's administration as fundamentally "
        "incompatible with internationally recognised democratic commitments [6]."
    )
    text = reading.read_text(encoding="utf-8")
    reading.write_text(
        text.rstrip("\n") + "\n\n" + hard + "\n\nThe vote was clearly a turning point [6].\n",
        encoding="utf-8",
    )
    assert check_lesson(copy) == []
    found = [str(w) for w in check_warnings(copy)]
    assert len(found) == 2, found
    assert "reads at grade" in found[0] and "'clearly' judges" in found[1]
