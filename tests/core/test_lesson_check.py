"""Rules of ``lesson check``: one small valid lesson, then one broken copy per kind of problem.

Each case asserts the file, the line and the words of the message a teacher will read.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_kit.core.errors import NotFound
from debate_kit.core.lesson_check import (
    Unreadable,
    guide_count_problems,
    number_value,
    read_lesson,
    summary,
)
from debate_kit.core.lesson_model import AGREE_OPTIONS, DEFAULT_RUBRIC
from debate_kit.core.lesson_sources import REPRINT_SITES, is_amp, reprint_site

P1 = " ".join(["The first source reports a dated fact about the treaty [1]."] * 10)
P2 = " ".join(["The second source reports another fact about the army [2]."] * 10)

LESSON_YAML = """\
id: demo
title: "Demo lesson"
essay:
  title: "A short essay"
  origin: "Written for the tests."
  written: "2026"
motions:
  - id: main
    text: "This house believes that tests help."
polls:
  - id: agree-opening
    section: opening
    kind: agree
    question: "The opening is convincing."
  - id: pick-one
    section: ending
    kind: choice
    question: "Which is best?"
    options: ["A", "B"]
glossary:
  - {term: "Essay", definition: "A short text that argues a point."}
"""

ESSAY = """\
The opening paragraph says that history repeats itself.

The ending paragraph says that everyone is a witness.
"""

OPENING = """\
---
id: opening
title: "The opening"
prompts:
  - id: opening-claim
    kind: claim
    text: "What does the opening claim?"
---
The opening paragraph says that history
repeats itself.
"""

ENDING = """\
---
id: ending
title: "The ending"
prompts:
  - id: ending-claim
    kind: claim
    text: "What does the ending claim?"
---
The ending paragraph says that everyone is a witness.
"""

FACTS = f"""\
---
id: facts
title: "What the facts say"
sections: [opening, ending]
written: 2026-11-28
checked: 2026-11-30
sources:
  - id: 1
    outlet: "Example News"
    title: "First report"
    date: 2024-12-05
    url: https://example.org/first
  - id: 2
    outlet: "Example Times"
    title: "Second report"
    date: 2025-01-31
    url: https://example.org/second
---
{P1}

{P2}
"""


def good_files() -> dict[str, str | bytes | Unreadable]:
    return {
        "lesson.yaml": LESSON_YAML,
        "essay.txt": ESSAY,
        "sections/01-opening.md": OPENING,
        "sections/02-ending.md": ENDING,
        "counter-readings/facts.md": FACTS,
        "teacher-guide.md": "# Guide\n\nGoals: weigh evidence.\n",
    }


def edited(path: str, old: str, new: str) -> dict[str, str | bytes | Unreadable]:
    files = good_files()
    text = files[path]
    assert isinstance(text, str) and old in text, f"{old!r} not in {path}"
    files[path] = text.replace(old, new)
    return files


def test_good_lesson_reads() -> None:
    lesson, problems = read_lesson(good_files(), folder="demo")
    assert problems == []
    assert lesson is not None
    assert [s.id for s in lesson.sections] == ["opening", "ending"]
    assert lesson.sections[0].text == "The opening paragraph says that history\nrepeats itself."
    assert lesson.sections[1].order == 2
    assert lesson.section("ending").prompts[0].kind == "claim"
    assert [r.id for r in lesson.readings_for("ending")] == ["facts"]
    assert lesson.readings_for("nowhere") == ()
    assert lesson.counter_readings[0].sources[1].date == "2025-01-31"
    assert lesson.counter_readings[0].checked == "2026-11-30"
    assert lesson.counter_readings[0].sources[0].id == "1"
    assert lesson.poll("agree-opening").options == AGREE_OPTIONS
    assert lesson.poll("pick-one").options == ("A", "B")
    assert lesson.rubric == DEFAULT_RUBRIC
    assert lesson.glossary[0].term == "Essay"
    assert lesson.essay_written == "2026"
    assert lesson.teacher_guide.startswith("# Guide")
    assert summary(lesson) == ("Demo lesson: 2 sections, 2 prompts, 1 counter-readings, 2 sources")


@pytest.mark.parametrize("call", ["section", "poll"])
def test_unknown_section_or_poll_is_not_found(call: str) -> None:
    lesson, _ = read_lesson(good_files())
    assert lesson is not None
    with pytest.raises(NotFound):
        getattr(lesson, call)("nowhere")


# (file edited, old text, new text, expected file, expected line, words of the message)
CASES = [
    pytest.param(
        "sections/01-opening.md",
        "id: opening\n",
        "",
        "sections/01-opening.md",
        2,
        "the section has no id",
        id="missing-section-id",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "[opening, ending]",
        "[opening, middle]",
        "counter-readings/facts.md",
        4,
        "answers section 'middle', which does not exist",
        id="reading-unknown-section",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "    url: https://example.org/second\n",
        "",
        "counter-readings/facts.md",
        13,
        "source '2' has no URL",
        id="source-without-url",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "    date: 2024-12-05\n",
        "",
        "counter-readings/facts.md",
        8,
        "source '1' has no date",
        id="source-without-date",
    ),
    pytest.param(
        "sections/02-ending.md",
        '    text: "What does the ending claim?"\n',
        "",
        "sections/02-ending.md",
        5,
        "prompt 'ending-claim' has no text",
        id="prompt-without-text",
    ),
    pytest.param(
        "sections/02-ending.md",
        "id: ending-claim",
        "id: opening-claim",
        "sections/02-ending.md",
        5,
        "the prompt id 'opening-claim' is used twice (first in sections/01-opening.md:5)",
        id="duplicate-prompt-id",
    ),
    pytest.param(
        "lesson.yaml",
        "id: pick-one",
        "id: agree-opening",
        "lesson.yaml",
        15,
        "the poll id 'agree-opening' is used twice",
        id="duplicate-poll-id",
    ),
    pytest.param(
        "lesson.yaml",
        'text: "This house believes that tests help."',
        "text: a: b",
        "lesson.yaml",
        9,
        "this is not valid YAML (mapping values are not allowed here)",
        id="bad-yaml-lesson",
    ),
    pytest.param(
        "sections/01-opening.md",
        'title: "The opening"',
        "title: The: opening",
        "sections/01-opening.md",
        3,
        "this is not valid YAML",
        id="bad-yaml-front-matter",
    ),
    pytest.param(
        "lesson.yaml",
        'title: "Demo lesson"',
        'title: "TODO: a title"',
        "lesson.yaml",
        2,
        'placeholder not filled in: title: "TODO: a title"',
        id="placeholder",
    ),
    pytest.param(
        "counter-readings/facts.md",
        P2,
        "Too short [2].",
        "counter-readings/facts.md",
        19,
        "the text has 102 words; a counter-reading needs 150 to 400",
        id="too-few-words",
    ),
    pytest.param(
        "counter-readings/facts.md",
        P2,
        " ".join([P2] * 4),
        "counter-readings/facts.md",
        19,
        "the text has 460 words",
        id="too-many-words",
    ),
    pytest.param(
        "counter-readings/facts.md",
        P2,
        P2.replace("[2]", "[1]"),
        "counter-readings/facts.md",
        13,
        "source 2 (Example Times) is never cited in the text",
        id="uncited-source",
    ),
    pytest.param(
        "counter-readings/facts.md",
        P2,
        P2.replace("[2]", "[2, 3]"),
        "counter-readings/facts.md",
        21,
        "[3] is cited but there is no source 3",
        id="unknown-citation",
    ),
    pytest.param(
        "counter-readings/facts.md",
        P2,
        P2 + "\n\nThis paragraph gives no source at all.",
        "counter-readings/facts.md",
        23,
        "this paragraph cites no source",
        id="paragraph-without-citation",
    ),
    pytest.param(
        "sections/02-ending.md",
        "everyone",
        "nobody",
        "sections/02-ending.md",
        9,
        'this differs from essay.txt (line 3): the section has "nobody" where the essay has "everyone"',
        id="essay-mismatch",
    ),
    pytest.param(
        "sections/01-opening.md",
        "repeats itself.\n",
        "\n",
        "sections/02-ending.md",
        9,
        'words of essay.txt (line 1) are missing here: "repeats itself."',
        id="essay-words-missing",
    ),
    pytest.param(
        "sections/02-ending.md",
        "a witness.",
        "a witness. And more.",
        "sections/02-ending.md",
        9,
        'these words are not in essay.txt: "And more."',
        id="essay-extra-words",
    ),
    pytest.param(
        "lesson.yaml",
        "glossary:",
        "colour: blue\nglossary:",
        "lesson.yaml",
        20,
        "unknown key 'colour' in the lesson 'demo'",
        id="unknown-key",
    ),
    pytest.param(
        "sections/01-opening.md",
        "title:",
        "titel:",
        "sections/01-opening.md",
        3,
        "unknown key 'titel' in the section 'opening' (did you mean 'title'?)",
        id="misspelt-key",
    ),
    pytest.param(
        "lesson.yaml",
        'title: "Demo lesson"\n',
        'title: "Demo lesson"\ntitle: Again\n',
        "lesson.yaml",
        3,
        "'title' is given twice in the lesson 'demo'",
        id="repeated-key",
    ),
    pytest.param(
        "lesson.yaml",
        'title: "Demo lesson"',
        "title: [a, b]",
        "lesson.yaml",
        2,
        "'title' in the lesson 'demo' should be text",
        id="wrong-type",
    ),
    pytest.param(
        "lesson.yaml",
        "section: ending",
        "section: middle",
        "lesson.yaml",
        16,
        "poll 'pick-one' is shown with section 'middle', which does not exist",
        id="poll-unknown-section",
    ),
    pytest.param(
        "lesson.yaml",
        "kind: agree",
        "kind: scale",
        "lesson.yaml",
        13,
        "poll 'agree-opening' has kind 'scale'; use agree or choice",
        id="poll-bad-kind",
    ),
    pytest.param(
        "lesson.yaml",
        'options: ["A", "B"]',
        'options: ["A"]',
        "lesson.yaml",
        19,
        "poll 'pick-one' is a choice poll: give it at least 2 options",
        id="choice-poll-one-option",
    ),
    pytest.param(
        "lesson.yaml",
        "kind: agree\n",
        "kind: agree\n    options: [Yes, No]\n",
        "lesson.yaml",
        14,
        "agree poll: it uses the 5-point scale, so remove its options",
        id="agree-poll-with-options",
    ),
    pytest.param(
        "lesson.yaml",
        'motions:\n  - id: main\n    text: "This house believes that tests help."\n',
        "motions: []\n",
        "lesson.yaml",
        7,
        "the lesson 'demo' has no motions",
        id="no-motion",
    ),
    pytest.param(
        "sections/02-ending.md",
        "kind: claim",
        "kind: opinion",
        "sections/02-ending.md",
        6,
        "has kind 'opinion'; use one of claim, language, omission",
        id="prompt-bad-kind",
    ),
    pytest.param(
        "sections/01-opening.md",
        "  - id: opening-claim",
        "  - id: Opening Claim",
        "sections/01-opening.md",
        5,
        "id 'Opening Claim' should use only lowercase letters",
        id="malformed-id",
    ),
    pytest.param(
        "sections/02-ending.md",
        "id: ending\n",
        "id: the-end\n",
        "sections/02-ending.md",
        2,
        "the file name says 'ending' but the id is 'the-end'",
        id="id-not-file-name",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "[opening, ending]",
        "[opening]",
        "sections/02-ending.md",
        2,
        "section 'ending' has no counter-reading",
        id="section-without-reading",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2025-01-31",
        "date: 2025-13-31",
        "counter-readings/facts.md",
        16,
        "'2025-13-31' is not a real date",
        id="impossible-date",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "written: 2026-11-28",
        "written: last week",
        "counter-readings/facts.md",
        5,
        "'last week' is not a date written YYYY-MM-DD",
        id="written-not-a-date",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "written: 2026-11-28\n",
        "",
        "counter-readings/facts.md",
        2,
        "the counter-reading 'facts' has no written",
        id="reading-without-written",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2025-01-31",
        "date: 2027-02-01",
        "counter-readings/facts.md",
        16,
        "is dated 2027-02-01, after the reading's facts were checked (2026-11-30)",
        id="source-after-checked",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "https://example.org/first",
        "example.org/first",
        "counter-readings/facts.md",
        12,
        "'example.org/first' is not a web address",
        id="bad-url",
    ),
    pytest.param(
        "counter-readings/facts.md",
        '  - id: 2\n    outlet: "Example Times"\n    title: "Second report"\n'
        "    date: 2025-01-31\n    url: https://example.org/second\n",
        "",
        "counter-readings/facts.md",
        8,
        "has 1 source(s); it needs at least 2",
        id="one-source",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "  - id: 2\n",
        "  - id: two\n",
        "counter-readings/facts.md",
        13,
        "source id 'two' should be a number",
        id="source-id-not-a-number",
    ),
    pytest.param(
        "sections/01-opening.md",
        "---\nid: opening",
        "id: opening",
        "sections/01-opening.md",
        1,
        "the file should start with a '---' line",
        id="no-front-matter",
    ),
    pytest.param(
        "sections/02-ending.md",
        "---\nThe ending",
        "The ending",
        "sections/02-ending.md",
        1,
        "the front matter starting here has no closing '---' line",
        id="unclosed-front-matter",
    ),
    pytest.param(
        "lesson.yaml",
        "id: demo",
        "id: other",
        "lesson.yaml",
        1,
        "the id 'other' should be the folder's name, 'demo'",
        id="id-not-folder",
    ),
    # Sources are the original pages, with full dates; every reading says when its facts were checked.
    pytest.param(
        "counter-readings/facts.md",
        "https://example.org/first",
        "https://menafn.com/1109135196/EU-Canada-Australia-UK-Joint-Remarks",
        "counter-readings/facts.md",
        12,
        "source '1': menafn.com is a wire-service reprint site; cite the outlet that first published",
        id="reprint-site",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "https://example.org/first",
        "https://www.oreanda.ru/en/gosudarstvo/article1337736/",
        "counter-readings/facts.md",
        12,
        "oreanda.ru is a news aggregator",
        id="aggregator-subdomain",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "https://example.org/first",
        "https://tass.com/politics/1739303/amp",
        "counter-readings/facts.md",
        12,
        "this is the address of an AMP copy; cite the normal page",
        id="amp-url",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "https://example.org/first",
        "https://messenger.com.ge./issues/5085_khatia.html",
        "counter-readings/facts.md",
        12,
        "the site name in this address ends with a dot",
        id="trailing-dot-host",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2024-12-05",
        "date: 2024-12",
        "counter-readings/facts.md",
        11,
        "'2024-12' is not a full date; give the day it was published (YYYY-MM-DD), or write 'undated'",
        id="month-only-source-date",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2024-12-05",
        "date: 2024",
        "counter-readings/facts.md",
        11,
        "'2024' is not a full date",
        id="year-only-source-date",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2024-12-05",
        "date: undated",
        "counter-readings/facts.md",
        11,
        "source '1' is undated: add 'accessed: YYYY-MM-DD', the day you read the page",
        id="undated-without-accessed",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "date: 2024-12-05",
        "date: undated\n    accessed: 2027-01-05",
        "counter-readings/facts.md",
        12,
        "source '1' is accessed 2027-01-05, after the reading's facts were checked (2026-11-30)",
        id="accessed-after-checked",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "checked: 2026-11-30\n",
        "",
        "counter-readings/facts.md",
        2,
        "the counter-reading 'facts' has no 'checked' date (the day its facts were checked, YYYY-MM-DD)",
        id="reading-without-checked",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "checked: 2026-11-30",
        "checked: 2026-11",
        "counter-readings/facts.md",
        6,
        "checked in the counter-reading 'facts': '2026-11' is not a date written YYYY-MM-DD",
        id="checked-not-a-full-date",
    ),
    pytest.param(
        "counter-readings/facts.md",
        "checked: 2026-11-30",
        "checked: 2026-11-01",
        "counter-readings/facts.md",
        6,
        "says its facts were checked on 2026-11-01, before it was written (2026-11-28)",
        id="checked-before-written",
    ),
    pytest.param(
        "teacher-guide.md",
        "Goals: weigh evidence.",
        "Goals: weigh evidence.\n\nThe lesson has 2 sections with 3 prompts, one counter-reading "
        "and 2 sources.",
        "teacher-guide.md",
        5,
        "the guide says 3 prompts, but the lesson has 2 prompts; correct the number",
        id="guide-prompt-count",
    ),
    pytest.param(
        "teacher-guide.md",
        "Goals: weigh evidence.",
        "Goals: weigh evidence. Read the Two counter-readings.",
        "teacher-guide.md",
        3,
        "the guide says Two counter-readings, but the lesson has 1 counter-readings",
        id="guide-reading-count-in-words",
    ),
    pytest.param(
        "teacher-guide.md",
        "Goals: weigh evidence.",
        "Goals: weigh evidence from 3 different sources.",
        "teacher-guide.md",
        3,
        "the guide says 3 sources, but the lesson has 2 sources",
        id="guide-source-count",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "file", "line", "words"), CASES)
def test_problem(path: str, old: str, new: str, file: str, line: int, words: str) -> None:
    lesson, problems = read_lesson(edited(path, old, new), folder="demo")
    assert lesson is None
    found = [(p.file, p.line) for p in problems if words in p.message]
    assert found == [(file, line)], "\n".join(map(str, problems))


def test_undated_source_with_accessed_reads() -> None:
    files = edited("counter-readings/facts.md", "date: 2024-12-05", "date: undated\n    accessed: 2026-11-29")
    lesson, problems = read_lesson(files, folder="demo")
    assert problems == []
    assert lesson is not None
    source = lesson.counter_readings[0].sources[0]
    assert (source.date, source.accessed) == ("undated", "2026-11-29")


def test_guide_with_right_counts_reads() -> None:
    guide = (
        "# Guide\n\nThe essay is split into 2 sections (2 prompts in all). One counter-reading cites\n"
        "two different sources. Write 2-4 prompts per section, in 6 to 11 sections, each with at least\n"
        "two sources; 3 prompts each is plenty.\n"
    )
    files = good_files()
    files["teacher-guide.md"] = guide
    lesson, problems = read_lesson(files, folder="demo")
    assert problems == []
    assert lesson is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "Nine counter-readings and 33 prompts.", [("counter-readings", 9), ("prompts", 33)], id="total"
        ),
        pytest.param("thirty-three prompts; Twenty sources", [("prompts", 33), ("sources", 20)], id="words"),
        pytest.param("9 sections and 58 dated sources", [("sections", 9), ("sources", 58)], id="adjective"),
        pytest.param("2-4 prompts, 6–11 sections, 6 to 11 sections", [], id="ranges"),
        pytest.param("2 prompts per section, 2 prompts each", [], id="per-item"),
        pytest.param("at least two sources, up to 3 readings, more than 5 sources", [], id="limits"),
        pytest.param("150-400 words; 14 terms; 8 polls", [], id="other-nouns"),
    ],
)
def test_guide_counts_found(text: str, found: list[tuple[str, int]]) -> None:
    actual = {"sections": 0, "prompts": 0, "counter-readings": 0, "sources": 0}
    problems = guide_count_problems(text, actual)
    said = [(message.split(", but the lesson has ")[0].split()[-1], message) for _, message in problems]
    assert len(said) == len(found), problems
    for (noun, value), (_, message) in zip(found, problems, strict=True):
        assert f"but the lesson has 0 {noun}" in message
        assert number_value(message.removeprefix("the guide says ").split()[0]) == value


@pytest.mark.parametrize(
    ("url", "amp"),
    [
        ("https://tass.com/economy/1630461/amp", True),
        ("https://meduza.io/amp/en/news/2024/12/06/x", True),
        ("https://amp.example.org/story", True),
        ("https://example.org/story?amp=1", True),
        ("https://example.org/story?outputType=amp", True),
        ("https://example-org.cdn.ampproject.org/c/s/example.org/story", True),
        ("https://example.org/amplifier/ample", False),
        ("https://www.themoscowtimes.com/2024/12/05/a87241", False),
    ],
)
def test_amp_addresses(url: str, amp: bool) -> None:
    assert is_amp(url) is amp


def test_reprint_sites_match_whole_site_names() -> None:
    assert reprint_site("https://www.menafn.com/1/x") == ("menafn.com", REPRINT_SITES["menafn.com"])
    assert reprint_site("https://notmenafn.com/1/x") is None
    assert reprint_site("https://menafn.com.example.org/x") is None


def test_problems_are_all_collected() -> None:
    files = edited("sections/02-ending.md", "kind: claim", "kind: opinion")
    files["lesson.yaml"] = str(files["lesson.yaml"]).replace("section: ending", "section: middle")
    files["counter-readings/facts.md"] = str(files["counter-readings/facts.md"]).replace(
        "https://example.org/first", "nowhere"
    )
    _, problems = read_lesson(files)
    assert len(problems) == 3
    assert [p.file for p in problems] == [
        "lesson.yaml",
        "counter-readings/facts.md",
        "sections/02-ending.md",
    ]


@pytest.mark.parametrize(
    ("path", "content", "words"),
    [
        pytest.param("teacher-guide.md", None, "this file is missing", id="missing-file"),
        pytest.param("essay.txt", "  \n", "this file is empty", id="empty-essay"),
        pytest.param("sections/01-opening.md", b"\xff\xfe\x00a", "not UTF-8 text", id="binary"),
        pytest.param("lesson.yaml", "id: demo\x00", "not text", id="nul-byte"),
        pytest.param("essay.txt", Unreadable("Permission denied"), "cannot be read", id="unreadable"),
        pytest.param("essay.txt", "x" * 1_000_001, "too large", id="too-large"),
        pytest.param("sections/intro.md", OPENING, "should be NN-<id>.md", id="bad-section-name"),
        pytest.param("counter-readings/My Facts.md", FACTS, "should be <id>.md", id="bad-reading-name"),
    ],
)
def test_file_problem(path: str, content: str | bytes | Unreadable | None, words: str) -> None:
    files = good_files()
    if content is None:
        del files[path]
    else:
        files[path] = content
    _, problems = read_lesson(files)
    assert [(p.file, p.line) for p in problems if words in p.message] == [(path, None)]


def test_bytes_and_windows_line_ends_are_read() -> None:
    files = {name: str(text).replace("\n", "\r\n").encode() for name, text in good_files().items()}
    files["lesson.yaml"] = b"\xef\xbb\xbf" + files["lesson.yaml"]  # UTF-8 byte order mark
    lesson, problems = read_lesson(files, folder="demo")
    assert problems == []
    assert lesson is not None and lesson.title == "Demo lesson"


def test_custom_rubric() -> None:
    rubric = "rubric:\n  min: 0\n  max: 3\n  criteria:\n    - {id: logic, label: Logic}\n"
    lesson, problems = read_lesson(edited("lesson.yaml", "glossary:", rubric + "glossary:"))
    assert problems == []
    assert lesson is not None
    assert (lesson.rubric.min, lesson.rubric.max) == (0, 3)
    assert lesson.rubric.criteria[0].help == ""


def test_a_criterion_marked_for_cards() -> None:
    rubric = ("rubric:\n  min: 1\n  max: 5\n  criteria:\n    - {id: sources, label: Sources, cards: true}\n"
              "    - {id: logic, label: Logic}\n")
    lesson, problems = read_lesson(edited("lesson.yaml", "glossary:", rubric + "glossary:"))
    assert problems == [] and lesson is not None
    assert [c.cards for c in lesson.rubric.criteria] == [True, False]
    maybe = rubric.replace("true", "maybe")
    _, problems = read_lesson(edited("lesson.yaml", "glossary:", maybe + "glossary:"))
    assert [str(p) for p in problems] == [
        "lesson.yaml:24: 'cards' in criterion 'sources' should be true or false, not 'maybe'"]


def test_bad_rubric() -> None:
    rubric = "rubric:\n  min: 5\n  max: high\n  criteria: []\n"
    _, problems = read_lesson(edited("lesson.yaml", "glossary:", rubric + "glossary:"))
    assert [str(p) for p in problems] == [
        "lesson.yaml:22: 'max' in the rubric should be a whole number, not 'high'",
        "lesson.yaml:23: the rubric has no criteria",
    ]


YAMLISH = st.lists(st.sampled_from([*"ab1-:,[]{}#&*!|>'\"\n\t ", "id: ", "\n- ", "---"])).map("".join)


@given(
    path=st.sampled_from(sorted(good_files())),
    content=st.one_of(
        YAMLISH,
        YAMLISH.map(lambda text: f"---\n{text}\n---\nThe ending paragraph."),
        st.binary(max_size=64),
    ),
)
@settings(max_examples=300, deadline=None)
def test_any_content_gives_a_lesson_or_problems(path: str, content: str | bytes) -> None:
    files = good_files()
    files[path] = content
    lesson, problems = read_lesson(files)
    assert (lesson is None) == bool(problems)
    assert all(isinstance(p.message, str) and p.file for p in problems)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(OPENING.replace('title: "The opening"', "title: [oops"), id="bad-yaml"),
        pytest.param(b"\xff\xfe", id="binary"),
    ],
)
def test_unreadable_section_is_not_compared_with_the_essay(content: str | bytes) -> None:
    files = good_files()
    files["sections/01-opening.md"] = content
    _, problems = read_lesson(files)
    assert problems
    assert not [p for p in problems if "essay.txt" in p.message]
