"""Small HTML builders. Every piece of text that a person typed goes through :func:`esc`.

Bars are plain HTML/CSS (no plotting library): one row per option with a count and a percentage.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from debate_kit.core.privacy import HIDDEN, PromptAnswers
from debate_kit.core.tally import OptionCount


def esc(value: object) -> str:
    """``value`` as text that is safe inside HTML (quotes too)."""
    return html.escape(str(value), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link, else None (no javascript: or data: links)."""
    parsed = urlparse(url or "")
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def link(url: str, text: str) -> str:
    href = safe_url(url)
    if href is None:
        return esc(text)
    return f'<a href="{esc(href)}" target="_blank" rel="noopener noreferrer">{esc(text)}</a>'


def bars(lines: Sequence[OptionCount], total: int, *, caption: str = "") -> str:
    """Horizontal bars with counts and percentages; ``total`` is the number of votes."""
    rows = []
    for line in lines:
        rows.append(
            '<div class="dk-bar-row" style="margin:3px 0">'
            f'<div style="display:flex;justify-content:space-between"><span>{esc(line.option)}</span>'
            f"<span>{line.count} ({line.percent}%)</span></div>"
            '<div style="background:#eceff1;border-radius:3px;height:14px">'
            f'<div style="background:#5c8dd6;width:{int(line.percent)}%;height:14px;border-radius:3px">'
            "</div></div></div>"
        )
    votes = "1 vote" if total == 1 else f"{total} votes"
    head = f"<div><b>{esc(caption)}</b></div>" if caption else ""
    return f'<div class="dk-bars">{head}{"".join(rows)}<div style="color:#555">{votes}</div></div>'


def table(header: Sequence[str], rows: Iterable[Sequence[object]], *, css: str = "dk-table") -> str:
    """An HTML table; every cell is escaped."""
    head = "".join(f'<th style="text-align:left;padding:2px 8px">{esc(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="padding:2px 8px">{esc(c)}</td>' for c in row) + "</tr>"
        for row in rows
    )
    return f'<table class="{css}" style="border-collapse:collapse"><tr>{head}</tr>{body}</table>'


def paragraphs(text: str) -> str:
    """Plain text split on blank lines into escaped <p> elements."""
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in parts)


def message(text: str, *, kind: str = "info") -> str:
    colour = {"info": "#333", "error": "#b71c1c"}.get(kind, "#333")
    return f'<div class="dk-message" style="color:{colour};font-size:1.1em">{esc(text)}</div>'


def hidden(what: str) -> str:
    """Where a view hides teacher-only detail: what is hidden, and how to see it."""
    return (f'<p class="dk-private-hidden" style="color:#555;font-style:italic">{esc(what)}. '
            f"{esc(HIDDEN)}.</p>")


def answer_group(group: PromptAnswers) -> str:
    """One prompt with its answers (a name before an answer only when the group carries names)."""
    where = f"{esc(group.section)}: " if group.section else ""
    items = "".join(
        "<li>" + (f"<b>{esc(name)}</b>: " if name is not None else "")
        + f'<span style="white-space:pre-wrap">{esc(text)}</span></li>'
        for name, text in group.answers
    )
    count = "1 answer" if len(group.answers) == 1 else f"{len(group.answers)} answers"
    return (f'<div class="dk-answer-group"><h4>{where}{esc(group.prompt)} ({count})</h4>'
            f"<ul class='dk-answer-list'>{items}</ul></div>")
