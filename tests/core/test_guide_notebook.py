"""The teacher guide as a notebook (core/guide_notebook.py): the guide in parts, the lesson at a glance,
Markdown only, no raw HTML."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from debate_kit.content import load_lesson
from debate_kit.core.guide_notebook import guide_notebook, guide_parts

SHIPPED = Path(__file__).resolve().parents[2] / "readings" / "new-soviet-union"


def text(cell: dict) -> str:
    return "".join(cell["source"])


def test_the_guide_is_split_at_its_parts() -> None:
    guide = "# Guide\n\nIntro.\n\n## One\n\nA.\n\n## Two\n\nB.\n### Sub stays\n"
    assert guide_parts(guide) == ["# Guide\n\nIntro.", "## One\n\nA.", "## Two\n\nB.\n### Sub stays"]
    assert guide_parts("") == []


def test_the_shipped_guide_reads_in_parts_then_the_lesson_at_a_glance() -> None:
    lesson = load_lesson(SHIPPED)
    nb = guide_notebook(lesson)
    kinds = [c["metadata"]["debate_kit"]["kind"] for c in nb["cells"]]
    assert kinds[0] == "guide-note" and kinds[-1] == "glance" and kinds.count("guide") >= 5
    assert all(c["cell_type"] == "markdown" for c in nb["cells"]), "nothing to run"
    assert "not for students" in text(nb["cells"][0])
    glance = text(nb["cells"][-1])
    assert all(m.text in glance for m in lesson.motions)
    assert all(f"{n}. {s.title}" in glance for n, s in enumerate(lesson.sections, 1))
    assert glance.count("Key claim:") == len(lesson.claims)
    assert nb["metadata"]["debate_kit"]["view"] == "teacher-guide"
    assert len({c["id"] for c in nb["cells"]}) == len(nb["cells"])


def test_raw_html_in_a_guide_is_shown_as_text() -> None:
    lesson = replace(load_lesson(SHIPPED), teacher_guide="# G\n\n## Part <script>alert(1)</script>\n\nx & y")
    nb = guide_notebook(lesson)
    joined = "".join(text(c) for c in nb["cells"])
    assert "<script>" not in joined and "&lt;script&gt;" in joined and "x &amp; y" in joined
