"""Comments and indentation out of the inlined scripts and stylesheets (debate_kit/server/slim.py): code,
strings, template literals, regular expressions and line breaks in code stay as written."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from debate_kit.server.page import STATIC, bundle
from debate_kit.server.slim import slim_css, slim_js


def test_comments_blank_lines_and_indentation_go() -> None:
    source = """
// a comment line
function f(a, b) {   // after code
    /* a block */ return a + b;
}

/**
 * a doc comment
 */
const x = f(1, 2);
"""
    assert slim_js(source) == "function f(a, b) {\nreturn a + b;\n}\nconst x = f(1, 2);\n"


def test_strings_templates_and_regexes_are_kept_as_written() -> None:
    source = """const url = "http://x//y"; const s = 'it\\'s /* not */ a comment';
const t = `line one
    // kept: inside the template
  ${ items.map((i) => `<li>${i /* gone */}</li>`).join("") } tail  `;
if (!/^[0-9a-f]{32}$/.test(token)) { go(); }
const r = a / b / c; const q = [/\\/\\*[x]/g, /[/]/];
return /a"b/;
"""
    out = slim_js(source)
    assert '"http://x//y"' in out and "'it\\'s /* not */ a comment'" in out
    assert "`line one\n    // kept: inside the template\n  ${" in out
    assert "`<li>${i  }</li>`" in out and "gone" not in out
    assert "} tail  `;" in out
    assert "!/^[0-9a-f]{32}$/.test(token)" in out
    assert "a / b / c" in out and "[/\\/\\*[x]/g, /[/]/]" in out and 'return /a"b/;' in out


def test_a_line_break_in_code_stays_a_line_break() -> None:
    """Automatic semicolon insertion reads the code as before: a comment spanning lines stays a break."""
    assert slim_js("let a = 1 /* one\n two */ let b = 2") == "let a = 1\nlet b = 2\n"
    assert slim_js("return\n  // why\n  value") == "return\nvalue\n"


def test_unclosed_parts_are_refused_not_guessed() -> None:
    for bad in ('const s = "open', "/* never closed", "const t = `open ${x", "x = 'a\nb'"):
        with pytest.raises(ValueError):
            slim_js(bad)
    with pytest.raises(ValueError):
        slim_css("a { b: c } /* never closed")


def test_css_keeps_strings_and_rules() -> None:
    source = ('/* tokens */\n:root {\n    --dk-x: "/* kept */";  /* gone */\n}\n\n'
              '  a::after { content: "a  b"; }\n')
    assert slim_css(source) == ':root {\n--dk-x: "/* kept */";\n}\na::after { content: "a  b"; }\n'


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js checks the scripts' syntax")
@pytest.mark.parametrize("name", ["student.js", "page.js"])
def test_the_shipped_scripts_slimmed_are_still_valid_modules(name: str, tmp_path: Path) -> None:
    slimmed = tmp_path / f"{name}.mjs"
    slimmed.write_text(slim_js((STATIC / name).read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(["node", "--check", str(slimmed)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert slim_js(slimmed.read_text(encoding="utf-8")) == slimmed.read_text(encoding="utf-8"), "idempotent"


def test_the_page_is_a_fifth_lighter_on_the_wire() -> None:
    made = bundle(STATIC, "1")
    assert made is not None
    page = made.render("/", "ABCD")
    files = ("student.js", "page.js", "student.css", "tokens.css")
    as_written = sum(len(gzip.compress((STATIC / f).read_bytes(), 9)) for f in files)
    assert len(page.compressed) < 0.85 * as_written, (len(page.compressed), as_written)
    assert "// " not in page.plain.decode().split("<script", 1)[1].split("`")[0], "no comment lines left"
