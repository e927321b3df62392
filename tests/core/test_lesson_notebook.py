"""The lesson as a notebook and back (pure): generation, the round trip, edits a teacher may make, and
notebooks from elsewhere that are refused with every problem and its cell number."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from debate_kit.core.lesson_check import read_lesson
from debate_kit.core.lesson_markdown import escape, markdown_problems, quote, unescape, unquote
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.lesson_notebook import CELL_KINDS, lesson_notebook, notebook_text
from debate_kit.core.lesson_notebook_read import read_notebook
from tests.lesson_fixture import make_lesson

SHIPPED = Path(__file__).resolve().parents[2] / "readings" / "new-soviet-union"


@pytest.fixture(scope="module")
def shipped() -> tuple[Lesson, str]:
    files = {str(p.relative_to(SHIPPED)): p.read_bytes() for p in SHIPPED.rglob("*") if p.is_file()}
    lesson, problems = read_lesson(files, folder=SHIPPED.name)
    assert lesson is not None, problems
    return lesson, (SHIPPED / "essay.txt").read_text(encoding="utf-8")


@pytest.fixture
def notebook(shipped: tuple[Lesson, str]) -> dict[str, Any]:
    return lesson_notebook(*shipped)


def text(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


def cell_of(notebook: dict[str, Any], kind: str, ident: str | None = None) -> tuple[int, dict[str, Any]]:
    """(cell number counting from 1, cell) of the first cell of this kind (and id)."""
    for number, cell in enumerate(notebook["cells"], 1):
        info = cell["metadata"].get("debate_kit", {})
        if info.get("kind") == kind and (ident is None or info.get("id") == ident):
            return number, cell
    raise AssertionError(f"no {kind} cell {ident}")


def problems_of(notebook: dict[str, Any]) -> list[str]:
    lesson, files, problems = read_notebook(notebook)
    assert lesson is None and files is None
    return [f"{p.file}: {p.message}" for p in problems]


def test_every_cell_is_known_and_no_output_is_saved(notebook: dict[str, Any]) -> None:
    assert notebook["nbformat"] == 4 and notebook["nbformat_minor"] == 5
    ids = [cell["id"] for cell in notebook["cells"]]
    assert len(ids) == len(set(ids))
    for cell in notebook["cells"]:
        assert cell["metadata"]["debate_kit"]["kind"] in CELL_KINDS
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            assert len(cell["source"]) <= 3 and "debate_kit.lesson_cells" in text(cell)
        else:
            assert markdown_problems(text(cell)) == []


def test_the_notebook_reads_as_the_lesson(shipped: tuple[Lesson, str], notebook: dict[str, Any]) -> None:
    lesson, _ = shipped
    title = text(notebook["cells"][0])
    assert title.startswith(f"# {lesson.title}") and lesson.motions[0].text in title
    kinds = [c["metadata"]["debate_kit"]["kind"] for c in notebook["cells"]]
    assert kinds.count("section") == 9 and kinds.count("prompt") == kinds.count("answer") == 33
    assert kinds.count("counter-reading") == 10 and kinds.count("poll") == len(lesson.polls)
    assert kinds[-1] == "glossary"
    _, section = cell_of(notebook, "section", "opening")
    assert "> On the big stage" in text(section) and "section 1 of 9" in text(section)
    _, reading = cell_of(notebook, "counter-reading", "ussr-scale")
    assert "[The Belavezha Accords signed](https://www.prlib.ru/en/history/619792)" in text(reading)


def test_generation_is_deterministic(shipped: tuple[Lesson, str]) -> None:
    assert notebook_text(lesson_notebook(*shipped)) == notebook_text(lesson_notebook(*shipped))


def test_markup_from_a_lesson_is_escaped() -> None:
    notebook = lesson_notebook(make_lesson(hostile=True), "essay")
    _, reading = cell_of(notebook, "counter-reading")
    assert "The treaty &lt;b&gt;in&lt;/b&gt; practice" in text(reading)
    assert "](javascript:" not in text(reading)
    for cell in notebook["cells"]:
        assert markdown_problems(text(cell)) == [], text(cell)


@pytest.mark.parametrize("value", ["a < b & c > d", "&amp; stays &lt;", "plain", "<script>x</script>"])
def test_escape_and_quote_are_undone_exactly(value: str) -> None:
    assert unescape(escape(value)) == value
    assert markdown_problems(escape(value)) == []
    assert unquote(quote(f"{value}\n\n  indented\nlast").split("\n")) == f"{value}\n\n  indented\nlast"


def test_round_trip_gives_the_same_lesson(shipped: tuple[Lesson, str], notebook: dict[str, Any]) -> None:
    lesson, essay = shipped
    again, files, problems = read_notebook(json.loads(notebook_text(notebook)))
    assert problems == [] and again == lesson
    assert files is not None and files["essay.txt"] == essay
    assert read_lesson(files, folder=lesson.id)[0] == lesson
    assert lesson_notebook(again, essay) == notebook  # and the notebook made again is the same


def test_a_teacher_rewords_and_reorders_prompts(notebook: dict[str, Any]) -> None:
    number, cell = cell_of(notebook, "prompt", "opening-claim")
    cell["source"] = ["**Question (claim):** What is 'taking shape', & on what evidence?"]
    cells = notebook["cells"]
    cells[number - 1], cells[number + 1] = cells[number + 1], cells[number - 1]  # swap with the next prompt
    lesson, _, problems = read_notebook(notebook)
    assert problems == [] and lesson is not None
    prompts = lesson.section("opening").prompts
    assert [p.id for p in prompts[:2]] == ["opening-language", "opening-claim"]
    assert prompts[1].text == "What is 'taking shape', & on what evidence?"


def test_a_teacher_adds_a_counter_reading_cell(notebook: dict[str, Any]) -> None:
    number, cell = cell_of(notebook, "counter-reading", "ussr-scale")
    added = copy.deepcopy(cell)
    added["id"] = "mine"
    added["metadata"]["debate_kit"]["id"] = "ussr-scale-2"
    notebook["cells"].insert(number, added)
    lesson, _, problems = read_notebook(notebook)
    assert lesson is None  # the teacher guide says "Ten counter-readings": the total is checked
    assert any("cell 1: the guide says Ten counter-readings" in f"{p.file}: {p.message}" for p in problems)
    guide = notebook["cells"][0]["metadata"]["debate_kit"]["teacher_guide"]
    guide = guide.replace("Ten counter", "11 counter")
    notebook["cells"][0]["metadata"]["debate_kit"]["teacher_guide"] = guide
    lesson, files, problems = read_notebook(notebook)
    assert problems == [] and lesson is not None and files is not None
    assert [r.id for r in lesson.counter_readings].count("ussr-scale-2") == 1
    assert "counter-readings/ussr-scale-2.md" in files


def test_an_edit_of_the_essay_is_refused(notebook: dict[str, Any]) -> None:
    number, cell = cell_of(notebook, "section", "opening")
    cell["source"] = [text(cell).replace("amazing ways", "surprising ways")]
    found = problems_of(notebook)
    assert len(found) == 1 and found[0].startswith(f"cell {number}: the essay's own text cannot be changed")
    assert '"surprising" where the essay has "amazing"' in found[0]


def test_an_edit_of_a_made_line_is_reported_not_lost(notebook: dict[str, Any]) -> None:
    notebook["cells"][0]["source"] = [text(notebook["cells"][0]).replace("# A 'new", "# The 'new")]
    number, answer = cell_of(notebook, "answer", "opening-claim")
    answer["source"] = ["import os; os.system('rm -rf /')"]
    found = problems_of(notebook)
    assert found[0].startswith("cell 1: this change cannot be written back: in lesson cells you can edit")
    assert found[1].startswith(f"cell {number}: this change cannot be written back: in answer cells")
    assert len(found) == 2


def test_a_notebook_from_elsewhere_is_refused_with_every_problem(notebook: dict[str, Any]) -> None:
    cells = notebook["cells"]
    cells.insert(2, {"cell_type": "markdown", "metadata": {}, "source": ["My notes"]})  # cell 3
    cells.insert(3, {"cell_type": "markdown", "metadata": {"debate_kit": {"kind": "quiz", "id": "q"}},
                     "source": ["?"]})  # cell 4
    _, prompt = cell_of(notebook, "prompt", "opening-language")
    prompt["metadata"]["debate_kit"]["id"] = "opening-claim"
    duplicate = next(n for n, c in enumerate(cells, 1) if c is prompt)
    number, reading = cell_of(notebook, "counter-reading", "ussr-scale")
    reading["source"] = [text(reading) + "\n\n<script>alert(1)</script> [x](javascript:alert(1))"]
    found = problems_of(notebook)
    assert found[0].startswith("cell 3: this cell has no debate_kit metadata")
    assert found[1].startswith("cell 4: this cell's kind 'quiz' is unknown")
    assert found[2].startswith(f"cell {duplicate}: the prompt id 'opening-claim' is used twice (first")
    assert found[3].startswith(f"cell {number}: it holds HTML (<script>)")
    assert found[4].startswith(f"cell {number}: it holds a script or data link")
    assert "section 'cold-war-roots' has no counter-reading" in found[5]  # the refused one was its only one
    assert len(found) == 6


@pytest.mark.parametrize("value", [None, [], {"cells": "x", "nbformat": 4}, {"cells": [], "nbformat": 3}])
def test_what_is_not_a_notebook_is_refused(value: Any) -> None:
    expected = "the notebook: this is not a Jupyter notebook (nbformat 4) with a list of cells"
    assert problems_of(value) == [expected]


def test_a_notebook_without_a_lesson_cell_is_refused(notebook: dict[str, Any]) -> None:
    del notebook["cells"][0]
    assert problems_of(notebook)[0].startswith("the notebook: the notebook has no lesson cell")
