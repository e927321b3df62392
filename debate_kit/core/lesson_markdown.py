"""Lesson text as notebook Markdown, and back: escaping, quoting, and the checks on Markdown from elsewhere.

Lesson text is Markdown, but raw HTML never reaches a notebook: ``&``, ``<`` and ``>`` are written as
``&amp;``, ``&lt;`` and ``&gt;`` (:func:`escape`), which :func:`unescape` undoes exactly. Markdown that
comes back from a notebook is refused if it holds HTML or a script link (:func:`markdown_problems`).
"""

from __future__ import annotations

import re

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_UNESCAPES = {value: key for key, value in _ESCAPES.items()}
_ESCAPE_RE = re.compile("[&<>]")
_UNESCAPE_RE = re.compile("&(?:amp|lt|gt);")
_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|<!--|<!\[CDATA\[|<\?|<![A-Za-z]")
_SCRIPT_LINK_RE = re.compile(r"(?:\]\(|\]:)\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` written as entities, so Markdown shows it as typed."""
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)


def unescape(text: str) -> str:
    """Undo :func:`escape` (only its three entities; other text is left as it is)."""
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPES[m.group()], text)


def quote(text: str) -> str:
    """``text`` as a Markdown block quote, line for line (a blank line becomes ``>``)."""
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def unquote(lines: list[str]) -> str | None:
    """The text of block-quote lines made by :func:`quote`; None if a line is not quoted."""
    out = []
    for line in lines:
        if line == ">":
            out.append("")
        elif line.startswith("> "):
            out.append(line[2:])
        else:
            return None
    return "\n".join(out)


def link_text(text: str) -> str:
    """Text safe inside a Markdown link's brackets."""
    return escape(text).replace("[", "\\[").replace("]", "\\]")


def link_target(url: str) -> str | None:
    """A URL for a Markdown link (spaces and brackets encoded), or None if it is not http(s)."""
    if not re.match(r"^https?://[^\s]", url):
        return None
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(char, code)
    return url


def markdown_problems(source: str) -> list[str]:
    """Why this Markdown may not be part of a lesson (raw HTML, a script link); [] if it may."""
    out = []
    html = _HTML_RE.search(source)
    if html:
        out.append(
            f"it holds HTML ({html.group()[:40]}); write plain Markdown, or write '&lt;' for a '<' "
            "that should be shown"
        )
    script = _SCRIPT_LINK_RE.search(source)
    if script:
        out.append("it holds a script or data link; link only to web pages (https://...)")
    return out


def normal_lines(source: str) -> list[str]:
    """The lines of ``source`` without trailing spaces or blank lines at either end (for comparing)."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines
