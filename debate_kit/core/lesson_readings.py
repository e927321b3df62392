"""Reading one counter-reading file (``counter-readings/<id>.md``) into a :class:`CounterReading`.

The reader checks the rules that concern its own file: the sections it answers exist, its dates
and URLs are well formed, it says when its facts were checked, its sources are original pages with
full dates (:mod:`debate_kit.core.lesson_sources`), it has 150 to 400 words, every ``[n]`` names a
listed source, every source is cited and every paragraph cites one. Problems are recorded with
file and line.
"""

from __future__ import annotations

import datetime
import re
import urllib.parse

from debate_kit.core.lesson_model import CounterReading, Source
from debate_kit.core.lesson_parse import Fields, Report, has_placeholder, read_front_fields
from debate_kit.core.lesson_sections import Ids
from debate_kit.core.lesson_sources import (
    UNDATED,
    full_date_problem,
    source_date_problem,
    url_copy_problem,
)
from debate_kit.core.readability import word_count

READING_KEYS = ("id", "title", "sections", "written", "checked", "sources")
SOURCE_KEYS = ("id", "outlet", "title", "date", "accessed", "url")
MIN_WORDS, MAX_WORDS, MIN_SOURCES = 150, 400, 2

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CITATION_RE = re.compile(r"\[(\s*\d+\s*(?:[,;–-]\s*\d+\s*)*)\]")


def date_problem(value: str) -> str | None:
    """Why ``value`` is not a YYYY-MM-DD, YYYY-MM or YYYY date, or None if it is one."""
    match = _DATE_RE.match(value)
    if match is None:
        return f"'{value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return f"'{value}' is not a real date"
    return None


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a web address, or None if it is one."""
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or " " in value:
        return f"'{value}' is not a web address (it should start with https://)"
    return None


def read_reading(
    file: str, text: str, name_id: str, section_ids: list[str], ids: Ids, report: Report
) -> CounterReading | None:
    """Read ``counter-readings/<id>.md``: front matter, then a text that cites its sources."""
    read = read_front_fields(text, file, report, "the counter-reading", READING_KEYS)
    if read is None:
        return None
    front, fields = read
    doc = fields.doc
    reading_id = fields.ident()
    title = fields.text("title")
    written = _date(fields, "written")
    checked = _checked(fields, written)
    if reading_id is not None:
        if reading_id != name_id:
            fields.problem("id", f"the file name says '{name_id}' but the id is '{reading_id}'")
        ids.claim("counter-reading", reading_id, f"{file}:{fields.line('id')}", fields)
    answers = []
    for section_id, item in fields.strings("sections", required=True):
        if section_id not in section_ids:
            known = ", ".join(section_ids) or "none yet"
            doc.problem(
                item,
                f"{fields.what} answers section '{section_id}', which does not exist (sections: {known})",
            )
        answers.append(section_id)
    sources, source_lines = _read_sources(fields, checked)
    _check_body(file, front.body, front.body_line, sources, source_lines, report)
    if reading_id is None or title is None or written is None:
        return None
    return CounterReading(
        reading_id, title, tuple(answers), written, front.body.strip(), sources, checked=checked or ""
    )


def _date(fields: Fields, key: str) -> str | None:
    value = fields.text(key, label="written date" if key == "written" else key)
    if value is not None and not has_placeholder(value):
        problem = date_problem(value)
        if problem:
            fields.problem(key, f"{key} in {fields.what}: {problem}")
            return None
    return value


def _checked(fields: Fields, written: str | None) -> str | None:
    """The day the reading's facts were checked: a full date, not before it was written."""
    value = fields.text("checked", label="'checked' date (the day its facts were checked, YYYY-MM-DD)")
    if value is None or has_placeholder(value):
        return value
    problem = full_date_problem(value)
    if problem:
        fields.problem("checked", f"checked in {fields.what}: {problem}")
        return None
    if written and not has_placeholder(written) and value < written[: len(value)]:
        fields.problem(
            "checked",
            f"{fields.what} says its facts were checked on {value}, before it was written ({written})",
        )
    return value


def _source_date(fields: Fields) -> str | None:
    value = fields.text("date")
    if value is not None and not has_placeholder(value):
        problem = source_date_problem(value)
        if problem:
            fields.problem("date", f"date of {fields.what}: {problem}")
    return value


def _after(value: str | None, checked: str | None) -> bool:
    """True if the date ``value`` is later than the day ``checked`` (both well formed)."""
    if not value or not checked or value == UNDATED or has_placeholder(value + checked):
        return False
    if date_problem(value) or full_date_problem(checked):
        return False
    return value > checked[: len(value)]


def _read_sources(reading: Fields, checked: str | None) -> tuple[tuple[Source, ...], dict[str, int | None]]:
    items = reading.items("sources")
    if len(items) < MIN_SOURCES:
        reading.problem(
            "sources" if items else None,
            f"{reading.what} has {len(items)} source(s); it needs at least {MIN_SOURCES}",
        )
    sources: list[Source] = []
    lines: dict[str, int | None] = {}
    for item in items:
        fields = Fields(reading.doc, item, "source", SOURCE_KEYS)
        source_id = fields.text("id")
        if source_id is not None and not source_id.isdigit():
            fields.problem("id", f"source id '{source_id}' should be a number (it is cited as [1])")
            source_id = None
        if source_id is not None and any(s.id == source_id for s in sources):
            fields.problem("id", f"source {source_id} is listed twice in {reading.what}")
        outlet = fields.text("outlet")
        title = fields.text("title", required=False) or ""
        date = _source_date(fields)
        accessed = _date(fields, "accessed") if "accessed" in fields.values else None
        url = fields.text("url", label="URL")
        if url is not None and not has_placeholder(url):
            problem = url_problem(url) or url_copy_problem(url)
            if problem:
                fields.problem("url", f"{fields.what}: {problem}")
        if date == UNDATED and "accessed" not in fields.values:
            fields.problem(
                "date",
                f"{fields.what} is undated: add 'accessed: YYYY-MM-DD', the day you read the page",
            )
        for key, value in (("date", date), ("accessed", accessed)):
            if _after(value, checked):
                fields.problem(
                    key,
                    f"{fields.what} is {'dated' if key == 'date' else 'accessed'} {value}, after "
                    f"the reading's facts were checked ({checked})",
                )
        if source_id is not None and outlet and date and url:
            sources.append(Source(source_id, outlet, title, date, url, accessed or ""))
            lines[source_id] = fields.line("id")
    return tuple(sources), lines


def citations(text: str) -> list[str]:
    """The source numbers cited in ``text`` as [1], [1, 3] or [2-4], in order."""
    found: list[str] = []
    for match in _CITATION_RE.finditer(text):
        for part in re.split(r"[,;]", match.group(1)):
            ends = [int(n) for n in re.split(r"[–-]", part)]
            if 0 <= ends[-1] - ends[0] <= 50:
                found.extend(str(n) for n in range(ends[0], ends[-1] + 1))
            else:
                found.extend(str(n) for n in ends)
    return found


def paragraphs(body: str, first_line: int) -> list[tuple[int, str]]:
    """Blank-line separated paragraphs with the file line each starts on."""
    out: list[tuple[int, str]] = []
    start, lines = first_line, []
    for number, line in enumerate([*body.splitlines(), ""], first_line):
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
        elif lines:
            out.append((start, "\n".join(lines)))
            lines = []
    return out


def _check_body(
    file: str,
    body: str,
    body_line: int,
    sources: tuple[Source, ...],
    source_lines: dict[str, int | None],
    report: Report,
) -> None:
    listed = {s.id for s in sources}
    cited: set[str] = set()
    filled = not has_placeholder(body)
    for line, paragraph in paragraphs(body, body_line):
        found = citations(paragraph)
        cited.update(found)
        for number in dict.fromkeys(found):
            if number not in listed:
                report.add(file, line, f"[{number}] is cited but there is no source {number}")
        is_heading = all(row.lstrip().startswith("#") for row in paragraph.splitlines())
        if not found and not is_heading and filled:
            report.add(file, line, "this paragraph cites no source; add [1], [2]... after the facts")
    for source in sources:
        if source.id not in cited:
            report.add(
                file,
                source_lines.get(source.id),
                f"source {source.id} ({source.outlet}) is never cited in the text",
            )
    words = word_count(body)
    if filled and not MIN_WORDS <= words <= MAX_WORDS:
        report.add(
            file,
            body_line,
            f"the text has {words} words; a counter-reading needs {MIN_WORDS} to {MAX_WORDS}",
        )
