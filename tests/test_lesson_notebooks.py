"""Lesson notebooks on disk: the committed notebook is up to date, `lesson notebook`, `lesson check` of
a notebook, `lesson from-notebook` (round trips on the shipped lesson and on a new essay's scaffold),
and nothing written when the notebook has problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate_kit.cli import main
from debate_kit.content import load_lesson, new_lesson
from debate_kit.lesson_notebooks import notebook_of, write_draft_notebook
from tests.test_content import ESSAY, fill_on_disk

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "readings" / "new-soviet-union"
COMMITTED = ROOT / "notebooks" / "lessons" / "new-soviet-union.ipynb"


def test_the_committed_notebook_is_up_to_date() -> None:
    _, text = notebook_of(SHIPPED)
    assert COMMITTED.read_text(encoding="utf-8") == text, (
        "notebooks/lessons/new-soviet-union.ipynb is out of date with readings/new-soviet-union/: "
        "run `debate-kit lesson notebook readings/new-soviet-union`"
    )


def round_trip(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    notebook = tmp_path / "nb" / f"{folder.name}.ipynb"
    assert main(["lesson", "notebook", str(folder), "--out", str(notebook)]) == 0
    assert main(["lesson", "check", str(notebook)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("OK: ")
    assert main(["lesson", "from-notebook", str(notebook)]) == 0
    back = notebook.parent / folder.name
    assert f"Wrote {back}" in capsys.readouterr().out
    assert load_lesson(back) == load_lesson(folder)
    for name in ("essay.txt", "teacher-guide.md"):
        assert (back / name).read_text(encoding="utf-8").strip() == (folder / name).read_text("utf-8").strip()
    assert notebook_of(back)[1] == notebook.read_text(encoding="utf-8")
    return back


def test_round_trip_of_the_shipped_lesson(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    round_trip(SHIPPED, tmp_path, capsys)


def test_round_trip_of_a_new_essays_scaffold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    folder = new_lesson(essay, tmp_path / "readings" / "demo")
    fill_on_disk(folder)
    back = round_trip(folder, tmp_path, capsys)
    assert len(list((back / "sections").glob("*.md"))) == 8


def test_from_notebook_writes_nothing_when_the_lesson_has_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = json.loads(notebook_of(SHIPPED)[1])
    notebook["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "source": ["notes"]})
    section = notebook["cells"][4]  # after the lesson, help and start cells and the inserted one
    section["source"] = ["".join(section["source"]).replace("amazing", "astonishing")]
    path = tmp_path / "edited.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["lesson", "from-notebook", str(path)]) == 1
    err = capsys.readouterr()
    assert "edited.ipynb: cell 2: this cell has no debate_kit metadata" in err.out
    assert "edited.ipynb: cell 5: the essay's own text cannot be changed" in err.out
    assert "Nothing was written." in err.err
    assert not (tmp_path / "new-soviet-union").exists()
    assert main(["lesson", "check", str(path)]) == 1
    assert "2 problem(s)" in capsys.readouterr().err


def test_from_notebook_updates_the_lesson_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    folder = new_lesson(essay, tmp_path / "demo")
    fill_on_disk(folder)
    notebook = json.loads(notebook_of(folder)[1])
    for cell in notebook["cells"]:
        info = cell["metadata"]["debate_kit"]
        if info["kind"] == "counter-reading" and info["id"] == "answer-part-1":
            info["id"] = "first-answer"
        if info["kind"] == "prompt" and info["id"] == "part-1-claim":
            cell["source"] = ["**Question (language):** Which words in the first part judge, not describe?"]
    path = tmp_path / "demo.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["lesson", "from-notebook", str(path), "--out", str(folder)]) == 0
    assert not (folder / "counter-readings" / "answer-part-1.md").exists()
    lesson = load_lesson(folder)
    assert "first-answer" in [r.id for r in lesson.counter_readings]
    assert lesson.section("part-1").prompts[0].kind == "language"
    assert main(["lesson", "from-notebook", str(path), "--out", str(tmp_path / "other")]) == 1
    assert "named 'demo'" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"not json", b"\xff\xfe", b"[]"])
def test_what_is_not_a_notebook_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "x.ipynb"
    path.write_bytes(content)
    assert main(["lesson", "from-notebook", str(path)]) == 1
    assert "x.ipynb: " in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == [path]


def test_lesson_notebook_refuses_a_lesson_with_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    essay = tmp_path / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    folder = new_lesson(essay, tmp_path / "demo")
    assert main(["lesson", "notebook", str(folder), "--out", str(tmp_path / "demo.ipynb")]) == 1
    assert "placeholder not filled in" in capsys.readouterr().out
    assert not (tmp_path / "demo.ipynb").exists()


def test_lesson_new_writes_a_draft_notebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.txt").write_text(ESSAY, encoding="utf-8")
    assert main(["lesson", "new", "essay.txt"]) == 0
    notebook = Path("notebooks/lessons/essay.ipynb")
    assert f"Wrote its draft notebook {notebook}." in capsys.readouterr().out
    assert main(["lesson", "from-notebook", str(notebook), "--out", "readings/essay"]) == 1
    out = capsys.readouterr().out
    assert "essay.ipynb: cell 1: placeholder not filled in" in out
    assert "essay.ipynb: cell 4: placeholder not filled in" in out  # the first section's prompts
    fill_on_disk(Path("readings/essay"))
    _, text = notebook_of(Path("readings/essay"))
    assert write_draft_notebook(Path("readings/essay")).read_text(encoding="utf-8") == text


def test_the_committed_teacher_guide_notebook_is_up_to_date() -> None:
    from debate_kit.core.guide_notebook import guide_notebook
    from debate_kit.core.lesson_notebook import notebook_text

    committed = COMMITTED.with_name("new-soviet-union-teacher-guide.ipynb")
    assert committed.read_text(encoding="utf-8") == notebook_text(guide_notebook(load_lesson(SHIPPED))), (
        f"{committed.name} is out of date: run `debate-kit lesson notebook readings/new-soviet-union`")
