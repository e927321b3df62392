"""Reading lesson text: front matter, YAML with line numbers, and typed fields.

Every function here records problems (file and line) in a list instead of raising, so one pass over
a lesson finds all of them. Nothing here opens files: callers pass the text and the file's name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from debate_kit.core.errors import LessonProblem

PLACEHOLDER = "TODO"
_PLACEHOLDER_RE = re.compile(r"\bTODO\b")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_FENCE = "---"


def has_placeholder(text: str) -> bool:
    """True if ``text`` still holds a TODO placeholder."""
    return bool(_PLACEHOLDER_RE.search(text))


def placeholder_lines(text: str, first_line: int = 1) -> list[int]:
    """Line numbers (counting from ``first_line``) of lines that hold a TODO placeholder."""
    return [n for n, line in enumerate(text.splitlines(), first_line) if has_placeholder(line)]


def is_id(value: str) -> bool:
    """True for ids made of lowercase letters, digits and single hyphens."""
    return bool(_ID_RE.match(value))


@dataclass
class Report:
    """The problems found so far, in the order found."""

    problems: list[LessonProblem] = field(default_factory=list)

    def add(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(LessonProblem(file, line, message))


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split in two: the YAML between ``---`` lines, and the text after it."""

    yaml_text: str
    yaml_offset: int  # lines of the file before the YAML starts
    body: str
    body_line: int  # the file line where the body starts


def split_front_matter(text: str, file: str, report: Report) -> FrontMatter | None:
    """Split ``text`` at its front matter fences; None (with a problem) if they are missing."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        report.add(file, None, "the file is empty")
        return None
    if lines[first].strip() != _FENCE:
        report.add(
            file,
            first + 1,
            "the file should start with a '---' line, then the front matter (YAML), then '---'",
        )
        return None
    end = next((i for i in range(first + 1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.add(file, first + 1, "the front matter starting here has no closing '---' line")
        return None
    return FrontMatter(
        yaml_text="\n".join(lines[first + 1 : end]),
        yaml_offset=first + 1,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
    )


@dataclass
class YamlDoc:
    """One YAML text inside a file: turns node marks into file lines."""

    file: str
    offset: int
    report: Report

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def problem(self, node: Node | None, message: str) -> None:
        self.report.add(self.file, self.line(node) if node is not None else None, message)


def compose(text: str, file: str, offset: int, report: Report) -> tuple[YamlDoc, Node | None]:
    """Parse YAML into nodes (which keep their line); a syntax error becomes a problem."""
    doc = YamlDoc(file, offset, report)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + offset if mark is not None else None
        parts = [part for part in (error.context, error.problem) if part]
        what = ", ".join(parts) or "unexpected text"
        report.add(file, line, f"this is not valid YAML ({what}); check indentation, colons and quotes")
        return doc, None
    except yaml.YAMLError as error:
        report.add(file, None, f"this is not valid YAML ({error})")
        return doc, None
    except RecursionError:
        report.add(file, None, "this YAML is nested too deeply to read")
        return doc, None
    return doc, node


def _scalar_text(node: Node) -> str | None:
    if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
        return str(node.value).strip()
    return None


class Fields:
    """One YAML mapping, read key by key. Problems are recorded, never raised.

    ``what`` names the thing for messages ("prompt 'x'"); unknown and repeated keys are reported.
    """

    def __init__(self, doc: YamlDoc, node: Node | None, what: str, keys: Iterable[str]) -> None:
        self.doc = doc
        self.node = node
        self.values: dict[str, Node] = {}
        allowed = tuple(keys)
        self.ok = isinstance(node, MappingNode)
        name = self._peek_id()
        self.what = f"{what} '{name}'" if name else what
        if not self.ok:
            doc.problem(node, f"{self.what} should be a set of 'key: value' lines")
            return
        assert isinstance(node, MappingNode)
        for key_node, value_node in node.value:
            key = _scalar_text(key_node)
            if key is None:
                doc.problem(key_node, f"{self.what} has a key that is not a plain word")
            elif key in self.values:
                doc.problem(key_node, f"'{key}' is given twice in {self.what}")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(allowed)}"
                doc.problem(key_node, f"unknown key '{key}' in {self.what}{hint}")
            else:
                self.values[key] = value_node

    def _peek_id(self) -> str | None:
        if not isinstance(self.node, MappingNode):
            return None
        for key_node, value_node in self.node.value:
            if _scalar_text(key_node) == "id":
                return _scalar_text(value_node) or None
        return None

    def line(self, key: str | None = None) -> int | None:
        """The file line of ``key``'s value, or of the mapping itself."""
        node = self.values.get(key) if key else None
        node = node or self.node
        return self.doc.line(node) if node is not None else None

    def problem(self, key: str | None, message: str) -> None:
        self.doc.report.add(self.doc.file, self.line(key), message)

    def text(self, key: str, required: bool = True, label: str | None = None) -> str | None:
        """The value of ``key`` as text; None (with a problem if required) if missing or empty."""
        node = self.values.get(key)
        label = label or key
        if node is None or (isinstance(node, ScalarNode) and not _scalar_text(node)):
            if required and self.ok:
                self.problem(None if node is None else key, f"{self.what} has no {label}")
            return None
        value = _scalar_text(node)
        if value is None:
            self.problem(key, f"'{key}' in {self.what} should be text, not a list or a set of keys")
        return value

    def ident(self, key: str = "id", required: bool = True) -> str | None:
        """An id: text made of lowercase letters, digits and hyphens."""
        value = self.text(key, required=required)
        if value is not None and not is_id(value):
            self.problem(
                key,
                f"{key} '{value}' should use only lowercase letters, digits and hyphens (like 'cold-war-2')",
            )
            return None
        return value

    def integer(self, key: str, required: bool = True) -> int | None:
        """A whole number."""
        value = self.text(key, required=required)
        if value is None:
            return None
        try:
            return int(value)
        except ValueError:
            self.problem(key, f"'{key}' in {self.what} should be a whole number, not '{value}'")
            return None

    def items(self, key: str, required: bool = False) -> list[Node]:
        """The items of a list; a missing or empty list gives [] (a problem if required)."""
        node = self.values.get(key)
        if (
            node is None
            or _scalar_text(node) == ""
            or (isinstance(node, ScalarNode) and node.tag == _NULL_TAG)
        ):
            if required and self.ok:
                self.problem(None if node is None else key, f"{self.what} has no {key}")
            return []
        if isinstance(node, SequenceNode):
            if required and not node.value:
                self.problem(key, f"{self.what} has no {key}")
            return list(node.value)
        if isinstance(node, ScalarNode):
            return [node]  # one item written without brackets
        self.problem(key, f"'{key}' in {self.what} should be a list")
        return []

    def strings(self, key: str, required: bool = False) -> list[tuple[str, Node]]:
        """A list of texts, each with its node (for its line)."""
        out = []
        for node in self.items(key, required=required):
            value = _scalar_text(node)
            if value:
                out.append((value, node))
            else:
                self.doc.problem(node, f"each item of '{key}' in {self.what} should be text")
        return out


def read_front_fields(
    text: str, file: str, report: Report, what: str, keys: Iterable[str]
) -> tuple[FrontMatter, Fields] | None:
    """Split a Markdown file's front matter and read it as a mapping; None if it cannot be read."""
    front = split_front_matter(text, file, report)
    if front is None:
        return None
    doc, node = compose(front.yaml_text, file, front.yaml_offset, report)
    if node is None and front.yaml_text.strip():
        return None
    return front, Fields(doc, node, what, keys)

