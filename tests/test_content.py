"""The lesson I/O shell and the ``lesson`` commands, on real folders under ``tmp_path``."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from debate_kit.cli_lesson import add_lesson_commands
from debate_kit.content import (
    check_lesson,
    list_lessons,
    load_lesson,
    new_lesson,
    readability_report,
)
from debate_kit.core.errors import InvalidInput, LessonError, LessonProblem
from debate_kit.core.readability import GRADE_LIMIT

READINGS = Path(__file__).resolve().parent.parent / "readings"

ESSAY = "\n\n".join(
    f"Paragraph {n} of the essay makes a bold claim. It gives no evidence for it." for n in range(8)
)
BODY = "\n\n".join(
    " ".join([f"A dated fact from source {n} about this part of the essay [{n}]."] * 10) for n in (1, 2)
)


def fill_on_disk(folder: Path) -> None:
    """Replace every TODO placeholder, as a teacher would."""
    for path in folder.rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        text = text.replace('"TODO: YYYY-MM-DD"', "2025-01-31")
        text = text.replace('"TODO: https://..."', "https://example.org/report")
        text = re.sub(r'"TODO:[^"]*"', '"Filled in"', text)
        filler = BODY if path.parent.name == "counter-readings" else "Filled in."
        text = re.sub(r"^TODO:.*$", filler, text, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def essay(tmp_path: Path) -> Path:
    path = tmp_path / "essay.txt"
    path.write_text(ESSAY, encoding="utf-8")
    return path


@pytest.fixture
def lesson_dir(tmp_path: Path, essay: Path) -> Path:
    """A finished, valid lesson folder."""
    folder = new_lesson(essay, tmp_path / "readings" / "demo")
    fill_on_disk(folder)
    return folder


def test_new_lesson_then_fill_then_load(tmp_path: Path, essay: Path) -> None:
    folder = new_lesson(essay, tmp_path / "demo")
    assert (folder / "sections" / "01-part-1.md").is_file()
    assert (folder / "essay.txt").read_text(encoding="utf-8").strip() == ESSAY
    problems = check_lesson(folder)
    assert problems and all("placeholder not filled in" in p.message for p in problems)
    assert LessonProblem("teacher-guide.md", 3, "placeholder not filled in: TODO: the learning "
                         "goals of this lesson.") in problems  # fmt: skip
    fill_on_disk(folder)
    assert check_lesson(folder) == []
    lesson = load_lesson(folder)
    assert lesson.id == "demo"
    assert len(lesson.sections) == 8
    assert load_lesson(folder / "lesson.yaml") == lesson


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        pytest.param(b"", "essay-empty", "is empty", id="empty"),
        pytest.param(b" \n\n\t", "essay-empty", "is empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "essay-not-text", "is not plain text", id="png"),
        pytest.param("Caf\u00e9".encode("latin-1"), "essay-not-text", "UTF-8", id="latin-1"),
        pytest.param(b"text\x00more", "essay-not-text", "is not plain text", id="nul"),
        pytest.param(b"word " * 41_000, "essay-too-large", "over 200 KB", id="too-large"),
    ],
)
def test_new_lesson_refuses_bad_essay(tmp_path: Path, content: bytes, code: str, words: str) -> None:
    path = tmp_path / "essay.txt"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as caught:
        new_lesson(path, tmp_path / "demo")
    assert caught.value.code == code
    assert words in caught.value.message
    assert not (tmp_path / "demo").exists()


def test_new_lesson_accepts_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "essay.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ESSAY.encode())
    folder = new_lesson(path, tmp_path / "demo")
    assert (folder / "essay.txt").read_text(encoding="utf-8").startswith("Paragraph 0")


@pytest.mark.parametrize(
    ("out", "code"),
    [("exists", "lesson-folder-exists"), ("Bad Name", "lesson-id-invalid")],
)
def test_new_lesson_refuses_folder(tmp_path: Path, essay: Path, out: str, code: str) -> None:
    (tmp_path / "exists").mkdir()
    with pytest.raises(InvalidInput) as caught:
        new_lesson(essay, tmp_path / out)
    assert caught.value.code == code


def test_new_lesson_missing_essay(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        new_lesson(tmp_path / "nope.txt", tmp_path / "demo")
    assert caught.value.code == "essay-not-found"


def test_load_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LessonError) as caught:
        load_lesson(tmp_path / "nowhere")
    assert caught.value.problems == [
        LessonProblem(str(tmp_path / "nowhere"), None, "there is no lesson folder here")
    ]
    assert caught.value.code == "lesson-invalid"


def _write(path: Path, content: bytes | str | None) -> None:
    if isinstance(path, Path) and path.is_dir():
        for child in sorted(path.rglob("*"), reverse=True):
            child.unlink() if child.is_file() else child.rmdir()
        path.rmdir()
    elif path.exists():
        path.unlink()
    if content is None:
        path.mkdir(parents=True)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


# (file to replace, new content (None = a folder), file and line of the expected problem, words)
MALFORMED = [
    pytest.param("lesson.yaml", b"\x00\x01\xff", "lesson.yaml", None, "not UTF-8", id="binary-yaml"),
    pytest.param("lesson.yaml", "id: [\n", "lesson.yaml", 2, "not valid YAML", id="bad-yaml"),
    pytest.param("lesson.yaml", "42\n", "lesson.yaml", 1, "should be a set of", id="scalar-yaml"),
    pytest.param("lesson.yaml", "- a\n- b\n", "lesson.yaml", 1, "should be a set of", id="list"),
    pytest.param("lesson.yaml", "", "lesson.yaml", None, "empty", id="empty-yaml"),
    pytest.param("lesson.yaml", None, "lesson.yaml", None, "it is a folder", id="yaml-is-folder"),
    pytest.param(
        "lesson.yaml", "id: demo\nmotions: {a: 1}\n", "lesson.yaml", 2, "should be a list",
        id="wrong-type",
    ),
    pytest.param(
        "lesson.yaml", "a: " + "[" * 1000, "lesson.yaml", None, "nested too deeply", id="deep"
    ),
    pytest.param("sections", b"junk", "sections/", None, "no section files", id="sections-is-file"),
    pytest.param("sections/01-part-1.md", "", "sections/01-part-1.md", None, "empty", id="empty-md"),
    pytest.param(
        "sections/01-part-1.md", None, "sections/01-part-1.md", None, "folder", id="md-is-folder"
    ),
    pytest.param(
        "sections/01-part-1.md", "---\n- a\n---\ntext", "sections/01-part-1.md", 2,
        "should be a set of", id="front-matter-list",
    ),
    pytest.param(
        "counter-readings/answer-part-1.md", "---\nid: [\n---\n", "counter-readings/answer-part-1.md",
        2, "not valid YAML", id="reading-bad-yaml",
    ),
    pytest.param("essay.txt", b"\xff\xfe", "essay.txt", None, "not UTF-8", id="binary-essay"),
    pytest.param(
        "teacher-guide.md", "x" * 1_000_001, "teacher-guide.md", None, "too large", id="huge"
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "file", "line", "words"), MALFORMED)
def test_malformed_files_become_problems(
    lesson_dir: Path, name: str, content: bytes | str | None, file: str, line: int | None, words: str
) -> None:
    _write(lesson_dir / name, content)
    problems = check_lesson(lesson_dir)
    assert (file, line) in [(p.file, p.line) for p in problems if words in p.message], problems
    with pytest.raises(LessonError):
        load_lesson(lesson_dir)


def test_hidden_and_backup_files_are_ignored(lesson_dir: Path) -> None:
    (lesson_dir / "sections" / ".01-part-1.md.swp").write_bytes(b"\x00junk")
    (lesson_dir / "counter-readings" / "answer-part-1.md~").write_text("old", encoding="utf-8")
    assert check_lesson(lesson_dir) == []


def test_readability_report(lesson_dir: Path) -> None:
    (lesson_dir / "counter-readings" / "broken.md").write_bytes(b"no front matter at all.")
    rows = readability_report(lesson_dir)
    assert rows[0].id == "essay"
    assert rows[0].words == len(ESSAY.split())
    assert [row.id for row in rows[1:4]] == ["answer-part-1", "answer-part-2", "answer-part-3"]
    assert rows[1].words == 240
    assert rows[-1].id == "broken"
    assert all(isinstance(row.grade, float) for row in rows)


def test_list_lessons(tmp_path: Path, lesson_dir: Path) -> None:
    readings = lesson_dir.parent
    (readings / "not-a-lesson").mkdir()
    (readings / "README.md").write_text("hi", encoding="utf-8")
    (readings / "another").mkdir()
    (readings / "another" / "lesson.yaml").write_text("id: another\n", encoding="utf-8")
    assert list_lessons(readings) == [readings / "another", lesson_dir]
    assert list_lessons(tmp_path / "nowhere") == []


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="debate-kit")
    add_lesson_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_check_ok(lesson_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("lesson", "check", str(lesson_dir)) == 0
    assert capsys.readouterr().out == (
        "OK: Filled in: 8 sections, 16 prompts, 8 counter-readings, 1 sources\n"
    )


def test_cli_check_prints_warnings_and_still_succeeds(
    lesson_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = lesson_dir / "counter-readings" / "answer-part-2.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + " It was obviously decisive [1].\n", encoding="utf-8")
    assert run("lesson", "check", str(lesson_dir)) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0].startswith("OK: ")
    assert len(out) == 2 and out[1].startswith("counter-readings/answer-part-2.md:")
    assert "warning: 'obviously' judges rather than reports" in out[1]
    assert "1 warning(s)" in captured.err


def test_cli_check_problems(lesson_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = lesson_dir / "sections" / "02-part-2.md"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: claim", "kind: opinion"))
    assert run("lesson", "check", str(lesson_dir)) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "sections/02-part-2.md:6: prompt 'part-2-claim' has kind 'opinion'; use one of claim, "
        "language, omission, counter, other"
    ]
    assert "1 problem(s)" in captured.err


def test_cli_new(
    tmp_path: Path, essay: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("lesson", "new", str(essay)) == 0
    assert (tmp_path / "readings" / "essay" / "lesson.yaml").is_file()
    assert "Created readings/essay with 8 sections." in capsys.readouterr().out
    assert run("lesson", "new", str(essay), "--out", "readings/essay") == 1
    assert "already exists" in capsys.readouterr().err


def test_cli_readability(lesson_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hard = "Internationalisation necessitates comprehensive institutional reconsideration [1, 2]."
    path = lesson_dir / "counter-readings" / "answer-part-1.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex("---\n") + 4] + hard + "\n", encoding="utf-8")
    assert run("lesson", "readability", str(lesson_dir)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["text", "words", "grade"]
    assert lines[1].split()[:2] == ["essay", str(len(ESSAY.split()))]
    assert "above grade 11" in lines[2] and lines[2].startswith("answer-part-1")
    assert "above grade" not in lines[3]
    assert lines[-1] == "1 counter-reading(s) above grade 11"


def test_new_lesson_asks_when_facts_were_checked(tmp_path: Path, essay: Path) -> None:
    folder = new_lesson(essay, tmp_path / "demo")
    text = (folder / "counter-readings" / "answer-part-1.md").read_text(encoding="utf-8")
    line = text.splitlines().index('checked: "TODO: YYYY-MM-DD"') + 1
    assert LessonProblem(
        "counter-readings/answer-part-1.md", line, 'placeholder not filled in: checked: "TODO: YYYY-MM-DD"'
    ) in check_lesson(folder)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        pytest.param(
            "url: https://example.org/report",
            "url: https://menafn.com/1109135196/EU-Canada-Australia-UK-Joint-Remarks",
            "source '1': menafn.com is a wire-service reprint site; cite the outlet that first "
            "published the report (its own page, with its date)",
            id="reprint-site",
        ),
        pytest.param(
            "url: https://example.org/report",
            "url: https://example.org/report/amp",
            "source '1': this is the address of an AMP copy; cite the normal page (remove the 'amp' part)",
            id="amp",
        ),
        pytest.param(
            "date: 2025-01-31\n    url",
            "date: 2025-01\n    url",
            "date of source '1': '2025-01' is not a full date; give the day it was published "
            "(YYYY-MM-DD), or write 'undated' and add 'accessed: YYYY-MM-DD' if the page shows no full date",
            id="month-only-date",
        ),
    ],
)
def test_cli_check_names_file_and_line_of_a_bad_source(
    lesson_dir: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    path = lesson_dir / "counter-readings" / "answer-part-2.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    first = new.split("\n")[0]
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if row.strip() == first)
    assert run("lesson", "check", str(lesson_dir)) == 1
    assert capsys.readouterr().out.splitlines() == [f"counter-readings/answer-part-2.md:{line}: {message}"]


def test_cli_check_names_a_wrong_count_in_the_teacher_guide(
    lesson_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = lesson_dir / "teacher-guide.md"
    guide.write_text("# Guide\n\nThe essay has 8 sections and 16 prompts.\nRead all nine counter-readings.\n",
                     encoding="utf-8")  # fmt: skip
    assert run("lesson", "check", str(lesson_dir)) == 1
    assert capsys.readouterr().out.splitlines() == [
        "teacher-guide.md:4: the guide says nine counter-readings, but the lesson has 8 counter-readings; "
        "correct the number (ranges such as '2-4 prompts' and counts per item such as "
        "'2 prompts per section' are not checked)"
    ]


@pytest.mark.parametrize("folder", sorted(p for p in READINGS.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_shipped_counter_readings_are_at_most_grade_11(folder: Path) -> None:
    hard = [(row.id, row.grade) for row in readability_report(folder)[1:] if row.grade > GRADE_LIMIT]
    assert hard == [], f"counter-readings above grade {GRADE_LIMIT:g}: {hard}"


@pytest.mark.parametrize("folder", sorted(p for p in READINGS.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_shipped_readings_say_when_their_facts_were_checked(folder: Path) -> None:
    lesson = load_lesson(folder)
    assert all(reading.checked >= reading.written[:10] for reading in lesson.counter_readings)
    assert all(source.date == "undated" or len(source.date) == 10
               for reading in lesson.counter_readings for source in reading.sources)  # fmt: skip
