"""Lessons on disk: load, check, scaffold and measure the lesson folders under ``readings/``.

This is the I/O shell around :mod:`debate_kit.core.lesson_check` and friends: it reads files and
hands their bytes to the pure core. A malformed lesson never crashes it: every problem (a missing
file, bad YAML, wrong types, an unknown key) comes back as a :class:`LessonProblem`.
"""

from __future__ import annotations

from pathlib import Path

from debate_kit.core.errors import InvalidInput, LessonError, LessonProblem
from debate_kit.core.lesson_check import (
    GUIDE_FILE,
    MAX_FILE_BYTES,
    READINGS_DIR,
    SECTIONS_DIR,
    FileContent,
    Unreadable,
    lesson_warnings,
    read_lesson,
)
from debate_kit.core.lesson_essay import ESSAY_FILE
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.lesson_parse import Report, is_id, split_front_matter
from debate_kit.core.lesson_yaml import LESSON_FILE
from debate_kit.core.readability import ReadabilityRow, readability_row
from debate_kit.core.scaffold import scaffold_lesson

MAX_ESSAY_BYTES = 200 * 1024

__all__ = [
    "MAX_ESSAY_BYTES",
    "ReadabilityRow",
    "check_lesson",
    "check_warnings",
    "list_lessons",
    "load_lesson",
    "new_lesson",
    "readability_report",
]


def load_lesson(path: str | Path) -> Lesson:
    """Load the lesson folder at ``path``; raises :class:`LessonError` listing every problem."""
    lesson, problems = _read(Path(path))
    if lesson is None:
        raise LessonError(problems)
    return lesson


def check_lesson(path: str | Path) -> list[LessonProblem]:
    """Every problem in the lesson folder at ``path`` (an empty list if it is fine)."""
    return _read(Path(path))[1]


def check_warnings(path: str | Path) -> list[LessonProblem]:
    """Warnings (hard paragraphs, evaluative words) for the lesson at ``path``; [] if it has problems."""
    folder = _lesson_folder(Path(path))
    if not folder.is_dir():
        return []
    return lesson_warnings(_read_files(folder), folder=folder.name)


def list_lessons(readings_dir: str | Path) -> list[Path]:
    """The lesson folders (those holding a lesson.yaml) directly inside ``readings_dir``, sorted."""
    root = Path(readings_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / LESSON_FILE).is_file())


def readability_report(path: str | Path) -> list[ReadabilityRow]:
    """Words and Flesch-Kincaid grade of the essay ("essay") and of each counter-reading.

    Works on unfinished lessons too: files that cannot be read are left out.
    """
    folder = _lesson_folder(Path(path))
    files = _read_files(folder)
    rows = []
    essay = files.get(ESSAY_FILE)
    if isinstance(essay, bytes):
        rows.append(readability_row("essay", essay.decode("utf-8", "replace")))
    for name, content in sorted(files.items()):
        if not name.startswith(READINGS_DIR) or not isinstance(content, bytes):
            continue
        text = content.decode("utf-8", "replace")
        front = split_front_matter(text, name, Report())
        rows.append(readability_row(Path(name).stem, front.body if front else text))
    return rows


def new_lesson(essay_path: str | Path, out_dir: str | Path) -> Path:
    """Create a lesson folder ``out_dir`` from an essay, with TODO placeholders to fill in.

    Refuses (:class:`InvalidInput`) an essay that is missing, empty, not UTF-8 text or over
    200 KB, and an ``out_dir`` that already exists. Returns ``out_dir``.
    """
    essay = _read_essay(Path(essay_path))
    out = Path(out_dir)
    if out.exists():
        raise InvalidInput(
            "lesson-folder-exists", f"{out} already exists; choose a new folder name with --out."
        )
    if not is_id(out.name):
        raise InvalidInput(
            "lesson-id-invalid",
            f"The folder name '{out.name}' is the lesson id: use only lowercase letters, digits "
            "and hyphens (like 'new-soviet-union').",
        )
    for name, text in scaffold_lesson(essay, out.name).items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out


def _read_essay(path: Path) -> str:
    if not path.is_file():
        raise InvalidInput("essay-not-found", f"There is no essay file at {path}.")
    if path.stat().st_size > MAX_ESSAY_BYTES:
        raise InvalidInput(
            "essay-too-large",
            f"{path.name} is over 200 KB; an essay for one lesson should be much shorter.",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:
        raise InvalidInput(
            "essay-not-text",
            f"{path.name} is not plain text; save the essay as a .txt file (UTF-8) and try again.",
        )
    if not text.strip():
        raise InvalidInput("essay-empty", f"{path.name} is empty; there is no essay to use.")
    return text


def _lesson_folder(path: Path) -> Path:
    return path.parent if path.name == LESSON_FILE and path.is_file() else path


def _read(path: Path) -> tuple[Lesson | None, list[LessonProblem]]:
    folder = _lesson_folder(path)
    if not folder.is_dir():
        return None, [LessonProblem(str(path), None, "there is no lesson folder here")]
    return read_lesson(_read_files(folder), folder=folder.name)


def _read_files(folder: Path) -> dict[str, FileContent]:
    files: dict[str, FileContent] = {}
    for name in (LESSON_FILE, ESSAY_FILE, GUIDE_FILE):
        if (folder / name).exists():
            files[name] = _read_bytes(folder / name)
    for sub in (SECTIONS_DIR, READINGS_DIR):
        directory = folder / sub
        if not directory.is_dir():
            continue
        for item in sorted(directory.iterdir()):
            if item.name.startswith(".") or item.name.endswith("~"):
                continue
            files[f"{sub}{item.name}"] = _read_bytes(item)
    return files


def _read_bytes(path: Path) -> FileContent:
    if path.is_dir():
        return Unreadable("it is a folder, not a file")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return Unreadable(error.strerror or type(error).__name__)
