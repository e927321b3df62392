"""The light page in one response: page.html with its stylesheets and scripts inlined, compressed once.

A phone's first load was five requests in three round trips (the page; tokens.css, student.css and
page.js; then the student.js that page.js imports). Here it is one: the stylesheets become ``<style>``
elements, student.js an inline module that hands its widget to page.js (``window.debateKitStudent``),
and page.js an inline module after it, all without their comments and indentation (server/slim.py).
The Content-Security-Policy allows exactly these two scripts
(by their SHA-256). The result is gzip-compressed once per room code and kept (a few rooms per server).
The static routes still serve the separate files (the notebook widget, older cached pages).

If page.html or a file no longer has the expected shape, :func:`bundle` gives None and the page is
served as before (separate files): a change to the files can make the page slower, never broken.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from tornado import web

from debate_kit.server.slim import slim_css, slim_js

log = logging.getLogger("debate_kit.server")
STATIC = Path(__file__).resolve().parent.parent / "student" / "static"
CSP = ("default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
       "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'")
STYLE_RE = re.compile(r'<link rel="stylesheet" href="\{\{static\}\}([a-z-]+\.css)\?v=\{\{version\}\}">')
SCRIPT_RE = re.compile(r'<script type="module" src="\{\{static\}\}page\.js\?v=\{\{version\}\}"></script>')
EXPORT_RE = re.compile(r"^export default (\{[^\n]*\});[ \t]*$", re.MULTILINE)
MODULE_RE = re.compile(r"^\s*(import|export)\b", re.MULTILINE)
KEPT = 64  # rendered pages kept (one per room code students opened)


@dataclass
class Page:
    """One rendered page: its bytes, gzip-compressed and plain, and its ETag."""

    plain: bytes
    compressed: bytes
    etag: str


@dataclass
class Bundle:
    """page.html with everything inlined; ``{{base}}`` and ``{{room}}`` are filled in per request."""

    parts: list[tuple[bool, str]]  # (is template text, text): only template text is filled in
    csp: str
    version: str = "0"
    kept: OrderedDict[tuple[str, str, str], Page] = field(default_factory=OrderedDict)

    def render(self, base: str, room: str, device: str = "local") -> Page:
        """The page for ``base``, ``room`` and where the device token is kept (``local`` storage or a
        ``cookie``: server/device.py); kept: the same page costs nothing the second time."""
        page = self.kept.get((base, room, device))
        if page is not None:
            self.kept.move_to_end((base, room, device))
            return page
        values = {"base": base, "room": room, "static": f"{base}debate-kit/static/", "version": self.version,
                  "device": device}
        text = "".join(fill(t, values) if template else t for template, t in self.parts)
        plain = text.encode("utf-8")
        page = Page(plain, gzip.compress(plain, 9, mtime=0), '"' + hashlib.sha1(plain).hexdigest() + '"')
        self.kept[(base, room, device)] = page
        if len(self.kept) > KEPT:
            self.kept.popitem(last=False)
        return page


def fill(text: str, values: dict[str, str]) -> str:
    """A page template with each ``{{name}}`` replaced by its value, escaped."""
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
    return text


def send_template(handler: web.RequestHandler, template: Path, values: dict[str, str]) -> None:
    """Finish ``handler`` with a page of the kit's (student page, class screen): filled, not cached
    stale, no referrer, and the kit's Content-Security-Policy (nothing from elsewhere)."""
    handler.set_header("Cache-Control", "no-cache")
    handler.set_header("Referrer-Policy", "no-referrer")
    handler.set_header("Content-Security-Policy", CSP)
    handler.finish(fill(template.read_text(encoding="utf-8"), values))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def bundle(static: Path, version: str = "0") -> Bundle | None:
    """page.html from ``static`` with its files inlined, or None if they are not as expected."""
    try:
        template = (static / "page.html").read_text(encoding="utf-8")
        styles = {m.group(1): (static / m.group(1)).read_text(encoding="utf-8")
                  for m in STYLE_RE.finditer(template)}
        student = (static / "student.js").read_text(encoding="utf-8")
        page_js = (static / "page.js").read_text(encoding="utf-8")
    except OSError as problem:
        log.warning("debate_kit: the student page is served as separate files (%s)", problem)
        return None
    try:
        styles = {name: slim_css(text) for name, text in styles.items()}
        student, page_js = slim_js(student), slim_js(page_js)
    except ValueError as problem:  # a file the slimmer cannot read: inlined as written
        log.warning("debate_kit: the student page keeps its comments (%s)", problem)
    exports = EXPORT_RE.findall(student)
    scripts = SCRIPT_RE.findall(template)
    problems = [
        "student.js has no single 'export default {...};' line" if len(exports) != 1 else "",
        "page.js does not take the inlined widget" if "window.debateKitStudent" not in page_js else "",
        "page.html does not link page.js once" if len(scripts) != 1 else "",
        "page.html links no stylesheet" if not styles else "",
        "a file closes its own element" if any("</style" in t.lower() for t in styles.values())
        or any("</script" in t.lower() for t in (student, page_js)) else "",
        "student.js imports or exports more" if MODULE_RE.search(EXPORT_RE.sub("", student)) else "",
    ]
    if any(problems):
        log.warning("debate_kit: the student page is served as separate files: %s",
                    "; ".join(p for p in problems if p))
        return None
    student = EXPORT_RE.sub(lambda m: f"window.debateKitStudent = {m.group(1)};", student)
    parts: list[tuple[bool, str]] = []
    at = 0
    links = [*STYLE_RE.finditer(template), *SCRIPT_RE.finditer(template)]
    for match in sorted(links, key=lambda m: m.start()):
        parts.append((True, template[at:match.start()]))
        if match.re is STYLE_RE:
            parts.append((False, f"<style>{styles[match.group(1)]}</style>"))
        else:
            parts += [(False, f'<script type="module">{student}</script>'),
                      (False, f'<script type="module">{page_js}</script>')]
        at = match.end()
    parts.append((True, template[at:]))
    csp = CSP + f"; script-src 'self' {_sha256(student)} {_sha256(page_js)}"
    return Bundle(parts, csp, version)


_bundles: dict[str, Bundle | None] = {}


def serve(handler: web.RequestHandler, room: str, device: str = "local") -> bool:
    """Answer ``handler``'s GET with the one-response page for ``room``; False if there is none."""
    version = str(handler.settings.get("debate_kit_version", "0"))
    if version not in _bundles:
        _bundles[version] = bundle(STATIC, version)
    made = _bundles[version]
    if made is None:
        return False
    page = made.render(handler.base_url, room, device)  # type: ignore[attr-defined]
    compressed = "gzip" in handler.request.headers.get("Accept-Encoding", "")
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.set_header("Cache-Control", "no-cache")
    handler.set_header("Referrer-Policy", "no-referrer")
    handler.set_header("Content-Security-Policy", made.csp)
    handler.set_header("Vary", "Accept-Encoding")
    handler.set_header("Etag", page.etag[:-1] + ('-gz"' if compressed else '"'))
    if handler.check_etag_header():  # a reload of the same page: nothing to send again
        handler.set_status(304)
        handler.finish()
        return True
    if compressed:
        handler.set_header("Content-Encoding", "gzip")
    handler.finish(page.compressed if compressed else page.plain)
    return True
