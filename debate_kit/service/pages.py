"""The look of the service's plain teacher pages (teachers, results) and how they refuse: in words.

No script runs on these pages (the CSP allows none) but the live script of
:mod:`debate_kit.service.live`, allowed by its hash; a refusal (403, 404) says why, never a traceback.
"""

from __future__ import annotations

import html
from typing import Any

from tornado import web

CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'self'")
STYLE = ("body{font:20px system-ui,sans-serif;max-width:40em;margin:1em auto;padding:0 1em}"
         "button,input,textarea{font:inherit;padding:.3em .6em}textarea{width:100%}"
         ".dk-hub-said{padding:.5em;border-left:.3em solid #2a7}.dk-hub-problem{padding:.5em;"
         "border-left:.3em solid #c33;background:#fee}")


class RefusalPage(web.RequestHandler):
    """A page of the service whose errors say why, with a link back to the teacher's rooms."""

    def private_headers(self, csp: str = CSP) -> None:
        """A teacher's page: never cached, no referrer, the CSP above (or one allowing its live script)."""
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", csp)
        self.set_header("Referrer-Policy", "no-referrer")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A refusal says why, in words (the reasons raised by the kit's handlers; never a traceback)."""
        error = kwargs.get("exc_info", (None, None))[1]
        why = error.log_message if isinstance(error, web.HTTPError) else ""
        self.clear_header("Content-Disposition")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.private_headers()
        self.finish(f"<!doctype html><html lang=en><meta charset=utf-8><title>debate_kit</title>"
                    f"<style>{STYLE}</style><h1>{status_code}: {html.escape(self._reason)}</h1>"
                    f'<p class="dk-hub-problem">{html.escape(why or "Something went wrong.")}</p>'
                    '<p><a href="../rooms">Your rooms</a></p>')
