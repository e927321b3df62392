"""Comments and indentation out of the kit's own scripts and stylesheets, for the one-response page.

The page (server/page.py) inlines student.js, page.js and two stylesheets; their comments and
indentation were about a sixth of its compressed bytes. This is not a minifier: names, strings,
template literals, regular expressions and every line break in code stay as written (so automatic
semicolon insertion reads the code as before); only comments, blank lines and the spaces at either end
of a line of code go. The separate files the static routes serve keep their comments.
"""

from __future__ import annotations

import re

#: after one of these (or at the start), a ``/`` in code begins a regular expression, not a division
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
REGEX_KEYWORDS = {"return", "typeof", "case", "do", "else", "in", "of", "void", "yield", "await"}
WORD_AT_END = re.compile(r"(^|.)\b([A-Za-z_$][\w$]*)$")


class _Out:
    """The text being written: drops blank lines and the spaces at either end of a line of code."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.line: list[str] = []  # the current line of output

    def code(self, char: str) -> None:
        if char == "\n":
            self.newline()
        elif char not in " \t" or self.line:  # not indentation
            self.line.append(char)

    def raw(self, text: str) -> None:
        """Text written as it is (inside a string, template or regex); its line breaks are kept."""
        head, sep, tail = text.rpartition("\n")
        if sep:
            self.line.append(head + sep)
            self.parts.append("".join(self.line))
            self.line = [tail]
        else:
            self.line.append(text)

    def newline(self) -> None:
        text = "".join(self.line).rstrip(" \t")
        if text:
            self.parts.append(text + "\n")
        self.line = []

    def text(self) -> str:
        self.newline()
        return "".join(self.parts)

    def last(self) -> str:
        """The last line of code written, without trailing spaces (to tell a regex from a division)."""
        return ("".join(self.line).rstrip() or (self.parts[-1] if self.parts else "")).rstrip()


def _quoted(text: str, at: int, quote: str) -> int:
    """The index just after the string (or regex) that opens at ``at`` with ``quote``."""
    i, in_class = at + 1, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if quote == "/" and char in "[]":
            in_class = char == "["
        elif char == quote and not in_class:
            return i + 1
        elif char == "\n" and quote != "`":
            raise ValueError(f"an unclosed {quote} at character {at}")
        i += 1
    raise ValueError(f"an unclosed {quote} at character {at}")


def slim_js(text: str) -> str:
    """``text`` (JavaScript) without its comments, blank lines and indentation."""
    out, i, depth = _Out(), 0, [0]  # depth: open braces in each ${...} of a template (outermost: code)
    while i < len(text):
        char, two = text[i], text[i:i + 2]
        if two == "//":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif two == "/*":
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError(f"an unclosed comment at character {i}")
            out.code("\n" if "\n" in text[i:end] else " ")  # a line break stays one (for ASI)
            i = end + 2
        elif char in "'\"" or (char == "/" and _regex_here(out)):
            end = _quoted(text, i, char)
            out.raw(text[i:end])
            i = end
        elif char == "`" or (char == "}" and len(depth) > 1 and depth[-1] == 0):
            if char == "}":
                depth.pop()
            i = _template(text, i, out, depth)
        else:
            if char == "{":
                depth[-1] += 1
            elif char == "}":
                depth[-1] -= 1
            out.code(char)
            i += 1
    if len(depth) != 1:
        raise ValueError("an unclosed template literal")
    return out.text()


def _template(text: str, at: int, out: _Out, depth: list[int]) -> int:
    """Write a template literal's text from ``at`` (its backtick or the ``}`` closing a ``${``) up to its
    end or its next ``${`` (then code follows: ``depth`` gets a level); the index after it."""
    i = at + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == "`":
            out.raw(text[at:i + 1])
            return i + 1
        elif text.startswith("${", i):
            out.raw(text[at:i + 2])
            depth.append(0)
            return i + 2
        else:
            i += 1
    raise ValueError(f"an unclosed template literal at character {at}")


def _regex_here(out: _Out) -> bool:
    last = out.last()
    if not last or last[-1] in REGEX_AFTER:
        return True
    word = WORD_AT_END.search(last)
    return word is not None and word.group(2) in REGEX_KEYWORDS and word.group(1) != "."


def slim_css(text: str) -> str:
    """``text`` (CSS) without its comments, blank lines and indentation."""
    out, i = _Out(), 0
    while i < len(text):
        char = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError(f"an unclosed comment at character {i}")
            out.code(" ")
            i = end + 2
        elif char in "'\"":
            end = _quoted(text, i, char)
            out.raw(text[i:end])
            i = end
        else:
            out.code(char)
            i += 1
    return out.text()
