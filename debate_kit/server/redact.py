"""A logging filter that keeps secrets out of the server's log (the terminal may be on the projector).

jupyter_server hides ``token=`` in its request lines, but not everywhere (an uncaught exception's line
carries the full URL). This filter rewrites any ``token=``, ``_xsrf=`` or ``key=`` value as ``[secret]``.
"""

from __future__ import annotations

import logging
import re

SECRET = re.compile(r"\b(token|_xsrf|key)=([^&\s'\"<>]+)", re.IGNORECASE)


def redact(text: str) -> str:
    return SECRET.sub(r"\1=[secret]", text)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except Exception:
            return True
        clean = redact(text)
        if clean != text:
            record.msg, record.args = clean, ()
        return True


def install(logger: logging.Logger) -> None:
    """Add the filter to ``logger``'s handlers (records of child loggers pass through them too)."""
    for handler in logger.handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
