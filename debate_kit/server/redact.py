"""Logging filters for the server's terminal (it may be on the projector).

:class:`RedactSecrets` (always on): jupyter_server hides ``token=`` in its request lines, but not
everywhere (an uncaught exception's line carries the full URL). It rewrites any ``token=``, ``_xsrf=`` or
``key=`` value as ``[secret]``.

:class:`QuietTerminal` (``debate-kit serve`` at its default level): no kernel or user id (uuid or
32 hex digits, e.g. in a refused request's line) and none of the lines a teacher can do nothing about:
Voila's "Notebook ... is not trusted" per page (it runs the notebook all the same), the refused
shutdown beacon of a closed Voila page (debate_kit's reaper shuts those kernels down), and Tornado's
"websocket_ping_timeout cannot be longer" (about Tornado's own pinger, which reads jupyter_server's
settings in seconds instead of milliseconds and so never runs; jupyter_server's pinger uses them as
configured: docs/running-a-class.md).
"""

from __future__ import annotations

import logging
import re

SECRET = re.compile(r"\b(token|_xsrf|key)=([^&\s'\"<>]+)", re.IGNORECASE)
ID = re.compile(r"\b(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\b",
                re.IGNORECASE)
NOISE = (
    re.compile(r"^Notebook .* is not trusted$"),
    re.compile(r"/voila/api/shutdown/"),
    re.compile(r"^wrote error: \"'_xsrf' argument missing from POST\"$"),
    re.compile(r"^The websocket_ping_timeout \(\d+\) cannot be longer than the websocket_ping_interval"),
)


def redact(text: str) -> str:
    return SECRET.sub(r"\1=[secret]", text)


def hide_ids(text: str) -> str:
    return ID.sub("[id]", text)


def _rewrite(record: logging.LogRecord, clean: str, text: str) -> None:
    if clean != text:
        record.msg, record.args = clean, ()


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:
            return True
        _rewrite(record, redact(text), text)
        return True


class QuietTerminal(logging.Filter):
    """Drops the noise lines above and hides ids (also in a traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:
            return True
        if any(pattern.search(text) for pattern in NOISE):
            return False
        _rewrite(record, hide_ids(text), text)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hide_ids(record.exc_text)
        return True


def install(logger: logging.Logger, *, quiet: bool = False) -> None:
    """Add the filter(s) to ``logger``'s handlers (records of child loggers pass through them too)."""
    wanted: list[type[logging.Filter]] = [RedactSecrets, *([QuietTerminal] if quiet else [])]
    for handler in logger.handlers:
        for kind in wanted:
            if not any(isinstance(f, kind) for f in handler.filters):
                handler.addFilter(kind())


def drop_unshown(logger: logging.Logger, level: int) -> None:
    """Set ``logger`` and tornado's loggers to the level the terminal shows.

    jupyter_server leaves its application logger (and tornado's, which it parents to it) at DEBUG behind
    a WARNING handler: every request and websocket message made a log record that was then dropped
    (about a tenth of the server's CPU for a student page, profiled).
    """
    for each in (logger, logging.getLogger("tornado")):
        each.setLevel(level)
