"""``debate-kit lesson check | new | readability | notebook | from-notebook``: the lesson commands.

The main CLI calls :func:`add_lesson_commands` on its subparsers and then ``args.func(args)``,
which returns the exit code: 0 when all is well, 1 when the lesson has problems or the input
is refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_kit.content import check_warnings, load_lesson, new_lesson, readability_report
from debate_kit.core.errors import InvalidInput, LessonError
from debate_kit.core.lesson_check import summary
from debate_kit.core.readability import GRADE_LIMIT
from debate_kit.core.scaffold import slug
from debate_kit.lesson_notebooks import (
    guide_path,
    lesson_from_notebook,
    read_notebook_file,
    write_draft_notebook,
    write_notebook,
)


def add_lesson_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lesson`` with ``check``, ``new``, ``readability``, ``notebook`` and ``from-notebook``."""
    lesson = subparsers.add_parser("lesson", help="check, create or measure a lesson folder")
    commands = lesson.add_subparsers(dest="lesson_command", metavar="COMMAND", required=True)

    check = commands.add_parser("check", help="list every problem in a lesson folder")
    check.add_argument(
        "path", metavar="PATH", help="the lesson folder (readings/my-lesson) or its notebook (.ipynb)"
    )
    check.set_defaults(func=run_check)

    new = commands.add_parser("new", help="create a lesson folder from an essay (.txt or .md)")
    new.add_argument("essay", metavar="ESSAY", help="the essay as a UTF-8 text file")
    new.add_argument("--out", metavar="DIR", help="the new lesson folder (default: readings/<essay name>)")
    new.add_argument("--notebook", metavar="FILE", help="default: notebooks/lessons/<id>.ipynb")
    new.set_defaults(func=run_new)

    readability = commands.add_parser(
        "readability", help="words and reading grade of the essay and each counter-reading"
    )
    readability.add_argument("path", metavar="PATH", help="the lesson folder")
    readability.set_defaults(func=run_readability)

    notebook = commands.add_parser("notebook", help="write the lesson's notebook, to read, run and edit")
    notebook.add_argument("path", metavar="PATH", help="the lesson folder")
    notebook.add_argument("--out", metavar="FILE", help="default: notebooks/lessons/<id>.ipynb")
    notebook.set_defaults(func=run_notebook)

    back = commands.add_parser("from-notebook", help="write the lesson folder from its (edited) notebook")
    back.add_argument("notebook", metavar="NOTEBOOK", help="the lesson's notebook (.ipynb)")
    back.add_argument("--out", metavar="DIR", help="the lesson folder (default: <id> next to the notebook)")
    back.set_defaults(func=run_from_notebook)


def run_check(args: argparse.Namespace) -> int:
    """Print "OK: ..." then any warnings, or one problem per line ("file:line: message").

    Returns 1 if there are problems; warnings alone (hard paragraphs, evaluative words) return 0.
    A notebook (.ipynb) is checked as the lesson it holds, each problem with its cell number.
    """
    if str(args.path).endswith(".ipynb"):
        return _check_notebook(args.path)
    try:
        lesson = load_lesson(args.path)
    except LessonError as error:
        for problem in error.problems:
            print(problem)
        print(f"{len(error.problems)} problem(s) in {args.path}", file=sys.stderr)
        return 1
    print(f"OK: {summary(lesson)}")
    warnings = check_warnings(args.path)
    for warning in warnings:
        print(warning)
    if warnings:
        print(f"{len(warnings)} warning(s) in {args.path} (the lesson still works)", file=sys.stderr)
    return 0


def run_new(args: argparse.Namespace) -> int:
    """Create the lesson folder and say what to do next."""
    out = Path(args.out) if args.out else Path("readings") / (slug(Path(args.essay).stem) or "lesson")
    try:
        folder = new_lesson(args.essay, out)
    except InvalidInput as error:
        print(error.message, file=sys.stderr)
        return 1
    sections = len(list((folder / "sections").glob("*.md")))
    print(f"Created {folder} with {sections} sections.")
    notebook = write_draft_notebook(folder, args.notebook)
    print(f"Wrote its draft notebook {notebook}.")
    print("Fill in every TODO placeholder (readings/README.md), in the files or the notebook, then run:")
    print(f"  debate-kit lesson check {folder}")
    print(f"  (or: debate-kit lesson from-notebook {notebook} --out {folder})")
    return 0


def run_readability(args: argparse.Namespace) -> int:
    """Print a table of words and Flesch-Kincaid grade; flag readings above grade 11."""
    rows = readability_report(args.path)
    if not rows:
        print(f"No essay or counter-readings found in {args.path}", file=sys.stderr)
        return 1
    width = max(len("text"), *(len(row.id) for row in rows))
    print(f"{'text':<{width}}  {'words':>5}  {'grade':>5}")
    hard = 0
    for row in rows:
        flag = ""
        if row.id != "essay" and row.grade > GRADE_LIMIT:
            flag, hard = f"  above grade {GRADE_LIMIT:g}: consider simpler sentences", hard + 1
        print(f"{row.id:<{width}}  {row.words:>5}  {row.grade:>5.1f}{flag}")
    if hard:
        print(f"{hard} counter-reading(s) above grade {GRADE_LIMIT:g}")
    return 0


def _print_problems(problems: list, where: str) -> int:
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {where}", file=sys.stderr)
    return 1


def _check_notebook(path: str) -> int:
    lesson, _files, problems = read_notebook_file(path)
    if lesson is None:
        return _print_problems(problems, path)
    print(f"OK: {summary(lesson)}")
    return 0


def run_notebook(args: argparse.Namespace) -> int:
    """Write the lesson's notebook; a lesson with problems is refused with them."""
    try:
        target = write_notebook(args.path, args.out)
    except LessonError as error:
        return _print_problems(error.problems, args.path)
    print(f"Wrote {target} and, for the teacher, {guide_path(target).name}")
    return 0


def run_from_notebook(args: argparse.Namespace) -> int:
    """Write the lesson folder from its notebook; nothing is written if the lesson has problems."""
    try:
        lesson, folder = lesson_from_notebook(args.notebook, args.out)
    except LessonError as error:
        _print_problems(error.problems, args.notebook)
        print("Nothing was written.", file=sys.stderr)
        return 1
    except InvalidInput as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"Wrote {folder}: {summary(lesson)}")
    print(f"Check it with: debate-kit lesson check {folder}")
    return 0
