"""The light page in one response (debate_kit/server/page.py): files inlined, scripts allowed by hash,
compressed, cached by ETag; the separate files when the bundle cannot be made."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from debate_kit.server.page import STATIC, bundle
from tests.browser.helpers import Classroom

INLINE_SCRIPT = re.compile(r'<script type="module">(.*?)</script>', re.DOTALL)


def test_the_page_inlines_its_files_and_its_policy_allows_exactly_its_scripts() -> None:
    made = bundle(STATIC, "7")
    assert made is not None
    page = made.render("/base/", 'K7QF"><b>')
    text = page.plain.decode()
    assert "debate-kit/static/" not in text and "<link rel=\"stylesheet\"" not in text
    assert text.count("<style>") == len(re.findall(r"\.css\?v=", (STATIC / "page.html").read_text()))
    scripts = INLINE_SCRIPT.findall(text)
    assert len(scripts) == 2 and "window.debateKitStudent = {" in scripts[0]
    assert "export default" not in scripts[0] and "window.debateKitStudent" in scripts[1]
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in made.csp
    assert 'data-base="/base/" data-room="K7QF&quot;&gt;&lt;b&gt;"' in text  # escaped as before
    assert gzip.decompress(page.compressed) == page.plain
    assert made.render("/base/", 'K7QF"><b>') is page  # made once per room code


def test_files_of_another_shape_fall_back_to_separate_files(tmp_path: Path) -> None:
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    student = folder / "student.js"
    student.write_text(student.read_text().replace("export default {", "export const widget = {"))
    assert bundle(folder) is None
    assert bundle(tmp_path / "missing") is None


def get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_the_server_sends_the_page_compressed_in_one_response(server: Any) -> None:
    code = Classroom(server).code
    url = f"{server.url}/debate-kit/join/{code}"
    status, headers, body = get(url, {"Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(body) < 30_000, "the first load on the wire"
    text = gzip.decompress(body).decode()
    assert f'data-room="{code}"' in text
    assert "script-src 'self' 'sha256-" in headers["Content-Security-Policy"]
    status, plain_headers, plain = get(url, {})
    assert status == 200 and "Content-Encoding" not in plain_headers and plain.decode() == text
    assert get(url, {"Accept-Encoding": "gzip", "If-None-Match": headers["Etag"]})[0] == 304
    assert get(f"{server.url}/debate-kit/static/page.js", {})[0] == 200  # the files are still served
