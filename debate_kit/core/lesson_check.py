"""Reading and checking a whole lesson from its files' text.

:func:`read_lesson` takes the lesson folder's files as ``{relative path: text or bytes}`` and
returns the :class:`Lesson` or every problem found, each naming the file and line. It never raises
on bad content. The rules are the ones listed in ``readings/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from debate_kit.core.errors import LessonProblem
from debate_kit.core.lesson_essay import ESSAY_FILE, compare_with_essay, file_words
from debate_kit.core.lesson_model import CounterReading, KeyClaim, Lesson
from debate_kit.core.lesson_parse import Report, placeholder_lines, split_front_matter
from debate_kit.core.lesson_readings import read_reading
from debate_kit.core.lesson_sections import Ids, SectionFile, read_section
from debate_kit.core.lesson_style import style_warnings
from debate_kit.core.lesson_yaml import LESSON_FILE, read_lesson_yaml

GUIDE_FILE = "teacher-guide.md"
SECTIONS_DIR = "sections/"
READINGS_DIR = "counter-readings/"
MAX_FILE_BYTES = 1_000_000
_SECTION_NAME_RE = re.compile(r"^sections/(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
_READING_NAME_RE = re.compile(r"^counter-readings/([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


@dataclass(frozen=True)
class Unreadable:
    """A file that exists but could not be read; ``reason`` says why."""

    reason: str


FileContent = str | bytes | Unreadable


def read_lesson(
    files: Mapping[str, FileContent], folder: str | None = None
) -> tuple[Lesson | None, list[LessonProblem]]:
    """Build the lesson from its files, or return None with every problem found.

    ``files`` maps paths relative to the lesson folder ("sections/01-opening.md") to their content;
    ``folder`` is the folder's name, which the lesson id must match when given.
    """
    report = Report()
    texts = _decode(files, report)
    ids = Ids()
    sections, all_read = _read_sections(texts, ids, report)
    all_read = all_read and all(n in texts for n in files if n.startswith(SECTIONS_DIR))
    section_ids = [s.section.id for s in sections]
    readings = _read_readings(texts, section_ids, ids, report)
    head = None
    if LESSON_FILE in texts:
        head = read_lesson_yaml(texts[LESSON_FILE], section_ids, ids, report)
        if head is not None and folder is not None and head.id != folder:
            report.add(
                LESSON_FILE,
                head.id_line,
                f"the id '{head.id}' should be the folder's name, '{folder}'",
            )
    for required in (LESSON_FILE, ESSAY_FILE, GUIDE_FILE):
        if required not in files:
            report.add(required, None, "this file is missing")
        elif required in texts and not texts[required].strip():
            report.add(required, None, "this file is empty")
    if not sections and not any(name.startswith(SECTIONS_DIR) for name in files):
        report.add(SECTIONS_DIR, None, "there are no section files (sections/01-<id>.md, ...)")
    for item in sections:
        if not any(item.section.id in r.sections for r in readings):
            report.add(
                item.file,
                item.line,
                f"section '{item.section.id}' has no counter-reading "
                "(list it under 'sections:' in a file in counter-readings/)",
            )
    if texts.get(ESSAY_FILE, "").strip() and sections and all_read:
        section_words = [w for s in sections for w in file_words(s.file, s.body, s.body_line)]
        compare_with_essay(file_words(ESSAY_FILE, texts[ESSAY_FILE]), section_words, report)
    _find_placeholders(texts, report)
    if head is not None:
        _check_claims(head.claims, sections, report)
    problems = sorted(report.problems, key=_problem_order)
    if problems or head is None:
        return None, problems
    return _with_guide_checked(Lesson(
        id=head.id,
        title=head.title,
        essay_title=head.essay_title,
        essay_origin=head.essay_origin,
        essay_written=head.essay_written,
        sections=tuple(s.section for s in sections),
        counter_readings=_in_reading_order(readings, section_ids),
        motions=head.motions,
        polls=head.polls,
        rubric=head.rubric,
        glossary=head.glossary,
        teacher_guide=texts[GUIDE_FILE].strip(),
        evaluative_words=head.evaluative_words,
        claims=tuple(claim for claim, _line in head.claims),
    ), texts[GUIDE_FILE])


def lesson_warnings(files: Mapping[str, FileContent], folder: str | None = None) -> list[LessonProblem]:
    """Warnings for a lesson that passes the check: paragraphs above grade 12 in the
    counter-readings, and evaluative words in the kit's own voice (see
    :mod:`debate_kit.core.lesson_style`). A lesson with problems gets no warnings: fix those first.
    """
    lesson, _ = read_lesson(files, folder)
    if lesson is None:
        return []
    texts = _decode(files, Report())
    return style_warnings(texts, lesson.evaluative_words, READINGS_DIR, GUIDE_FILE)


def counts(lesson: Lesson) -> dict[str, int]:
    """How many sections, prompts, counter-readings and sources (different URLs) the lesson has."""
    return {
        "sections": len(lesson.sections),
        "prompts": sum(len(s.prompts) for s in lesson.sections),
        "counter-readings": len(lesson.counter_readings),
        "sources": len({src.url for r in lesson.counter_readings for src in r.sources}),
    }


def summary(lesson: Lesson) -> str:
    """One line for a teacher: title and how many sections, prompts, readings and sources."""
    n = counts(lesson)
    return (
        f"{lesson.title}: {n['sections']} sections, {n['prompts']} prompts, "
        f"{n['counter-readings']} counter-readings, {n['sources']} sources"
    )


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
         "nineteen"]
    )
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_NUMBER = (
    r"\d+|(?:" + "|".join(_TENS) + r")(?:-(?:" + "|".join(list(_NUMBER_WORDS)[1:10]) + r"))?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
)
_NOUNS = {
    "section": "sections",
    "prompt": "prompts",
    "counter-reading": "counter-readings",
    "reading": "counter-readings",
    "source": "sources",
}
_COUNT_RE = re.compile(
    rf"(?<![\w\-–])(?P<number>{_NUMBER})\s+(?:(?:different|distinct|discussion|numbered|dated)\s+)?"
    r"(?P<noun>counter-readings?|readings?|sections?|prompts?|sources?)\b(?=(?P<after>[^\n]{0,12}))",
    re.IGNORECASE,
)
# A number that is part of a range ("2-4 prompts", "6 to 11 sections"), a limit ("at least two
# sources") or a count per item ("2 prompts per section") is not a total, and is not checked.
_NOT_A_TOTAL_BEFORE = re.compile(
    r"(?:\d\s*(?:-|–|to|or|and)|\b(?:least|most|than|up to|about|around|over|under|each|every|per|"
    r"some|only|first|last|those|these))\s*$",
    re.IGNORECASE,
)
_NOT_A_TOTAL_AFTER = re.compile(r"^\s*(?:each|per|a|an|in each|for each|-|–)\b", re.IGNORECASE)


def number_value(text: str) -> int:
    """The value of a number written in digits or in English words ("33", "Nine", "thirty-three")."""
    word = text.lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    tens, _, ones = word.partition("-")
    return _TENS[tens] + (_NUMBER_WORDS[ones] if ones else 0)


def guide_count_problems(guide: str, actual: Mapping[str, int]) -> list[tuple[int, str]]:
    """Totals the teacher guide states that differ from ``actual``, as (line, message).

    A total is a number followed by "sections", "prompts", "counter-readings" (or "readings") or
    "sources", such as "Nine counter-readings" or "33 prompts"; an adjective may come between
    ("58 different sources"). Ranges, limits and counts per item are not totals (see above).
    Sources are counted as different web addresses, as in :func:`summary`.
    """
    out = []
    for number, line in enumerate(guide.splitlines(), 1):
        for match in _COUNT_RE.finditer(line):
            before = line[: match.start()]
            if _NOT_A_TOTAL_BEFORE.search(before) or _NOT_A_TOTAL_AFTER.match(match["after"]):
                continue
            noun = _NOUNS[match["noun"].lower().removesuffix("s")]
            stated = number_value(match["number"])
            if stated != actual[noun]:
                out.append(
                    (
                        number,
                        f"the guide says {match['number']} {match['noun']}, but the lesson has "
                        f"{actual[noun]} {noun}; correct the number (ranges such as '2-4 prompts' "
                        "and counts per item such as '2 prompts per section' are not checked)",
                    )
                )
    return out


def _with_guide_checked(lesson: Lesson, guide: str) -> tuple[Lesson | None, list[LessonProblem]]:
    """The lesson, or None and a problem for every count in the teacher guide that is wrong."""
    problems = [
        LessonProblem(GUIDE_FILE, line, message)
        for line, message in guide_count_problems(guide, counts(lesson))
    ]
    return (None, problems) if problems else (lesson, [])


def _problem_order(problem: LessonProblem) -> tuple[int, str, int]:
    rank = 0 if problem.file == LESSON_FILE else 1 if problem.file == ESSAY_FILE else 2
    return rank, problem.file, problem.line or 0


def _decode(files: Mapping[str, FileContent], report: Report) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name, content in files.items():
        if isinstance(content, Unreadable):
            report.add(name, None, f"this file cannot be read ({content.reason})")
            continue
        if len(content) > MAX_FILE_BYTES:
            report.add(name, None, f"this file is too large (over {MAX_FILE_BYTES:,} bytes)")
            continue
        if isinstance(content, bytes):
            try:
                content = content.decode("utf-8")
            except UnicodeDecodeError:
                report.add(name, None, "this file is not UTF-8 text; save it as plain text (UTF-8)")
                continue
        if "\x00" in content:
            report.add(name, None, "this file is not text (it holds binary data)")
            continue
        texts[name] = content.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return texts


def _is_hidden(name: str) -> bool:
    return any(part.startswith(".") for part in name.split("/")) or name.endswith("~")


def _read_sections(texts: dict[str, str], ids: Ids, report: Report) -> tuple[list[SectionFile], bool]:
    """The sections in order, and whether every section file could be read."""
    found: list[tuple[int, str, str]] = []
    for name in sorted(texts):
        if not name.startswith(SECTIONS_DIR) or _is_hidden(name):
            continue
        match = _SECTION_NAME_RE.match(name)
        if match is None:
            report.add(name, None, "a section file's name should be NN-<id>.md, like 01-opening.md")
            continue
        found.append((int(match.group(1)), match.group(2), name))
    out: list[SectionFile] = []
    numbers: dict[int, str] = {}
    for order, name_id, name in sorted(found):
        if order in numbers:
            report.add(name, None, f"{numbers[order]} has the same number {order:02d}")
        numbers.setdefault(order, name)
        item = read_section(name, texts[name], order, name_id, ids, report)
        if item is not None:
            out.append(item)
    return out, len(out) == len(found)


def _read_readings(
    texts: dict[str, str], section_ids: list[str], ids: Ids, report: Report
) -> list[CounterReading]:
    out = []
    for name in sorted(texts):
        if not name.startswith(READINGS_DIR) or _is_hidden(name):
            continue
        match = _READING_NAME_RE.match(name)
        if match is None:
            report.add(
                name,
                None,
                "a counter-reading's file name should be <id>.md, like "
                "treaty-facts.md (lowercase letters, digits, hyphens)",
            )
            continue
        reading = read_reading(name, texts[name], match.group(1), section_ids, ids, report)
        if reading is not None:
            out.append(reading)
    return out


def _in_reading_order(readings: list[CounterReading], section_ids: list[str]) -> tuple[CounterReading, ...]:
    def first_section(reading: CounterReading) -> int:
        return min((section_ids.index(s) for s in reading.sections), default=len(section_ids))

    return tuple(sorted(readings, key=first_section))


def _find_placeholders(texts: dict[str, str], report: Report) -> None:
    for name, text in sorted(texts.items()):
        if name == ESSAY_FILE or _is_hidden(name):
            continue
        if name.startswith(SECTIONS_DIR):  # the body is the essay: only check the front matter
            front = split_front_matter(text, name, Report())
            text = "\n".join(text.splitlines()[: front.body_line - 1]) if front else ""
        lines = text.splitlines()
        for number in placeholder_lines(text):
            shown = lines[number - 1].strip()[:60]
            report.add(name, number, f"placeholder not filled in: {shown}")


def _check_claims(claims: Sequence[tuple[KeyClaim, int | None]], sections: Sequence[SectionFile],
                  report: Report) -> None:
    """Each key claim's quote must be in its section word for word (spaces and line breaks aside)."""
    texts = {item.section.id: " ".join(item.section.text.split()) for item in sections}
    for number, (claim, line) in enumerate(claims, 1):
        if claim.section in texts and claim.quote not in texts[claim.section]:
            report.add(LESSON_FILE, line, f"claim {number}: its quote is not in section "
                       f"'{claim.section}' word for word; copy it exactly from the essay")
