"""Front matter, YAML with file lines, and typed fields that record problems instead of raising."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import LessonProblem
from debate_kit.core.lesson_parse import (
    Fields,
    Report,
    compose,
    has_placeholder,
    is_id,
    placeholder_lines,
    split_front_matter,
)


def test_split_front_matter() -> None:
    report = Report()
    front = split_front_matter("\n---\nid: a\ntitle: b\n---\nText\nmore\n", "x.md", report)
    assert report.problems == []
    assert front is not None
    assert front.yaml_text == "id: a\ntitle: b"
    assert front.yaml_offset == 2  # the YAML starts on line 3
    assert front.body == "Text\nmore"
    assert front.body_line == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", LessonProblem("x.md", None, "the file is empty"), id="empty"),
        pytest.param(
            "id: a\n",
            LessonProblem(
                "x.md",
                1,
                "the file should start with a '---' line, then the front matter (YAML), then '---'",
            ),
            id="no-fence",
        ),
        pytest.param(
            "\n---\nid: a\n",
            LessonProblem("x.md", 2, "the front matter starting here has no closing '---' line"),
            id="no-closing-fence",
        ),
    ],
)
def test_split_front_matter_problems(text: str, expected: LessonProblem) -> None:
    report = Report()
    assert split_front_matter(text, "x.md", report) is None
    assert report.problems == [expected]


def test_compose_gives_file_lines() -> None:
    report = Report()
    doc, node = compose("id: a\nlist:\n  - one\n  - two\n", "f.md", 1, report)
    assert node is not None
    fields = Fields(doc, node, "thing", ("id", "list"))
    assert fields.line("id") == 2
    assert [doc.line(n) for _, n in fields.strings("list")] == [4, 5]
    assert report.problems == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param("a: b: c\n", 3, "mapping values are not allowed here", id="colon"),
        pytest.param("a: 1\n  b: 2\n", 4, "mapping values are not allowed here", id="indent"),
        pytest.param("a: [1, 2\nb: 3\n", 4, "expected ',' or ']'", id="unclosed-list"),
        pytest.param('a: "open\n', 4, "unexpected end of stream", id="unclosed-quote"),
        pytest.param("a: 1\n---\nb: 2\n", 4, "expected a single document", id="two-documents"),
    ],
)
def test_compose_error_names_the_line(text: str, line: int, words: str) -> None:
    report = Report()
    _, node = compose(text, "f.md", 2, report)
    assert node is None
    [problem] = report.problems
    assert (problem.file, problem.line) == ("f.md", line)
    assert words in problem.message
    assert "check indentation, colons and quotes" in problem.message


def read(text: str, keys: tuple[str, ...] = ("id", "name", "count", "tags")) -> tuple[Fields, Report]:
    report = Report()
    doc, node = compose(text, "f.yaml", 0, report)
    return Fields(doc, node, "item", keys), report


def test_fields_read_types() -> None:
    fields, report = read("id: x1\nname: '  Ann  '\ncount: 3\ntags: [a, b]\n")
    assert fields.what == "item 'x1'"
    assert fields.ident() == "x1"
    assert fields.text("name") == "Ann"
    assert fields.integer("count") == 3
    assert [t for t, _ in fields.strings("tags")] == ["a", "b"]
    assert report.problems == []


def test_fields_single_item_list() -> None:
    fields, report = read("tags: a\n")
    assert [t for t, _ in fields.strings("tags")] == ["a"]
    assert report.problems == []


@pytest.mark.parametrize(
    ("text", "call", "message"),
    [
        pytest.param("id: x\n", "text:name", "f.yaml:1: item 'x' has no name", id="missing"),
        pytest.param("id: x\nname: ''\n", "text:name", "f.yaml:2: item 'x' has no name", id="empty"),
        pytest.param("name: ~\n", "text:name", "f.yaml:1: item has no name", id="null"),
        pytest.param(
            "name: [a]\n",
            "text:name",
            "f.yaml:1: 'name' in item should be text, not a list or a set of keys",
            id="list-not-text",
        ),
        pytest.param(
            "count: many\n",
            "integer:count",
            "f.yaml:1: 'count' in item should be a whole number, not 'many'",
            id="not-a-number",
        ),
        pytest.param(
            "tags: {a: 1}\n", "items:tags", "f.yaml:1: 'tags' in item should be a list", id="not-list"
        ),
        pytest.param(
            "id: Big Id\n",
            "ident:id",
            "f.yaml:1: id 'Big Id' should use only lowercase letters, digits and hyphens (like 'cold-war-2')",
            id="bad-id",
        ),
        pytest.param(
            "tags: [a, {b: 1}]\n",
            "strings:tags",
            "f.yaml:1: each item of 'tags' in item should be text",
            id="list-item-not-text",
        ),
    ],
)
def test_fields_problems(text: str, call: str, message: str) -> None:
    fields, report = read(text)
    method, key = call.split(":")
    getattr(fields, method)(key)
    assert [str(p) for p in report.problems] == [message]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("- a\n- b\n", "f.yaml:1: item should be a set of 'key: value' lines", id="list"),
        pytest.param("nmae: x\n", "f.yaml:1: unknown key 'nmae' in item (did you mean 'name'?)", id="typo"),
        pytest.param(
            "colour: x\n",
            "f.yaml:1: unknown key 'colour' in item; known keys: id, name, count, tags",
            id="unknown",
        ),
        pytest.param("name: a\nname: b\n", "f.yaml:2: 'name' is given twice in item", id="twice"),
        pytest.param("[a]: x\n", "f.yaml:1: item has a key that is not a plain word", id="odd-key"),
    ],
)
def test_fields_shape_problems(text: str, message: str) -> None:
    _, report = read(text)
    assert [str(p) for p in report.problems] == [message]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("a", True),
        ("cold-war-2", True),
        ("01", True),
        ("A", False),
        ("a--b", False),
        ("-a", False),
        ("a b", False),
        ("a_b", False),
        ("", False),
    ],
)
def test_is_id(value: str, ok: bool) -> None:
    assert is_id(value) is ok


def test_placeholders() -> None:
    assert has_placeholder("TODO: fill me")
    assert not has_placeholder("TODOS and todo are words")
    assert placeholder_lines("a\nb TODO\nc\nTODO\n", first_line=5) == [6, 8]
