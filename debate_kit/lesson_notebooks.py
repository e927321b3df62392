"""Lesson notebooks on disk: write a lesson's notebook, read a notebook back, write its lesson folder.

The I/O shell around :mod:`debate_kit.core.lesson_notebook` (folder -> notebook) and
:mod:`debate_kit.core.lesson_notebook_read` (notebook -> checked lesson files). Nothing is written
unless the whole lesson checks clean.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from debate_kit.content import load_lesson
from debate_kit.core.errors import InvalidInput, LessonError, LessonProblem
from debate_kit.core.guide_notebook import SUFFIX as GUIDE_SUFFIX
from debate_kit.core.guide_notebook import guide_notebook
from debate_kit.core.lesson_check import GUIDE_FILE, MAX_FILE_BYTES, READINGS_DIR, SECTIONS_DIR
from debate_kit.core.lesson_draft import draft_lesson
from debate_kit.core.lesson_essay import ESSAY_FILE
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.lesson_notebook import lesson_notebook, notebook_text
from debate_kit.core.lesson_notebook_read import read_notebook
from debate_kit.core.lesson_yaml import LESSON_FILE

NOTEBOOKS_DIR = Path("notebooks") / "lessons"
MAX_NOTEBOOK_BYTES = 5 * MAX_FILE_BYTES


def notebook_of(folder: str | Path) -> tuple[Lesson, str]:
    """The lesson at ``folder`` and its notebook's JSON text; raises :class:`LessonError`."""
    folder = Path(folder)
    lesson = load_lesson(folder)
    folder = folder.parent if folder.name == LESSON_FILE else folder
    essay = (folder / ESSAY_FILE).read_bytes().decode("utf-8").removeprefix("\ufeff")
    essay = essay.replace("\r\n", "\n").replace("\r", "\n")
    return lesson, notebook_text(lesson_notebook(lesson, essay))


def write_notebook(folder: str | Path, out: str | Path | None = None) -> Path:
    """Write the notebook of the lesson at ``folder`` (default: notebooks/lessons/<id>.ipynb), and its
    teacher guide's notebook beside it (``<name>-teacher-guide.ipynb``)."""
    lesson, text = notebook_of(folder)
    target = Path(out) if out else NOTEBOOKS_DIR / f"{lesson.id}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    guide_path(target).write_text(notebook_text(guide_notebook(lesson)), encoding="utf-8")
    return target


def guide_path(notebook: Path) -> Path:
    """Where the teacher guide's notebook of the lesson notebook ``notebook`` goes."""
    return notebook.with_name(f"{notebook.stem}{GUIDE_SUFFIX}.ipynb")


def write_draft_notebook(folder: str | Path, out: str | Path | None = None) -> Path:
    """Write the draft notebook of an unfinished lesson (a new scaffold): read without checking."""
    folder = Path(folder)
    files = {}
    parts = [*sorted((folder / SECTIONS_DIR).glob("*.md")), *sorted((folder / READINGS_DIR).glob("*.md"))]
    for path in [folder / LESSON_FILE, folder / GUIDE_FILE, *parts]:
        if path.is_file():
            files[path.relative_to(folder).as_posix()] = path.read_text(encoding="utf-8")
    essay = (folder / ESSAY_FILE).read_text(encoding="utf-8")
    target = Path(out) if out else NOTEBOOKS_DIR / f"{folder.name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    notebook = lesson_notebook(draft_lesson(files, folder.name), essay)
    target.write_text(notebook_text(notebook), encoding="utf-8")
    return target


def read_notebook_file(path: str | Path) -> tuple[Lesson | None, dict[str, str] | None, list[LessonProblem]]:
    """The lesson in the notebook at ``path`` and its files, or every problem (with cell numbers)."""
    path = Path(path)
    name = path.name
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, None, [LessonProblem(name, None, "this notebook is too large to be a lesson")]
        notebook: Any = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        return None, None, [LessonProblem(name, None, f"this notebook cannot be read ({error.strerror})")]
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, None, [LessonProblem(name, None, "this is not a notebook (not JSON text); save it "
                                          "from Jupyter as .ipynb")]
    lesson, files, problems = read_notebook(notebook)
    return lesson, files, [LessonProblem(f"{name}: {p.file}", p.line, p.message) for p in problems]


def lesson_from_notebook(path: str | Path, out: str | Path | None = None) -> tuple[Lesson, Path]:
    """Write the lesson folder held by the notebook at ``path``; returns the lesson and the folder.

    The folder is ``out`` or ``<the notebook's folder>/<lesson id>``. An existing folder must be that
    lesson's folder: its files are replaced and section or counter-reading files the notebook no
    longer has are removed. Raises :class:`LessonError` (nothing written) if the lesson has problems.
    """
    lesson, files, problems = read_notebook_file(path)
    if lesson is None or files is None:
        raise LessonError(problems)
    folder = Path(out) if out else Path(path).parent / lesson.id
    if folder.name != lesson.id:
        raise InvalidInput("lesson-folder-name", f"The folder's name is the lesson id: write it to a folder "
                           f"named '{lesson.id}', not '{folder.name}'.")
    if folder.exists() and any(folder.iterdir()) and not (folder / LESSON_FILE).is_file():
        raise InvalidInput("lesson-folder-not-lesson", f"{folder} exists and is not a lesson folder; "
                           "choose a new folder with --out.")
    for sub in (SECTIONS_DIR, READINGS_DIR):
        old = folder / sub
        for item in sorted(old.glob("*.md")) if old.is_dir() else []:
            if f"{sub}{item.name}" not in files:
                item.unlink()
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return lesson, folder
