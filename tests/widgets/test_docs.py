"""docs/widgets.md lists every dk- class; every control of the apps has a dk- class and a label."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w

from debate_kit.core.vocabulary import PHASES
from tests.widgets.browser import walk
from tests.widgets.conftest import Class

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "widgets.md").read_text(encoding="utf-8")
SOURCES = [*sorted((ROOT / "debate_kit" / "widgets").glob("*.py")),
           *sorted((ROOT / "debate_kit" / "widgets").glob("*.js")), ROOT / "debate_kit" / "apps.py"]
CONTROLS = (w.Button, w.Text, w.Textarea, w.Dropdown, w.ToggleButtons, w.IntSlider, w.BoundedIntText,
            w.BoundedFloatText, w.IntText)


def _used() -> set[str]:
    found = set()
    for path in SOURCES:
        for match in re.findall(r"dk-[a-z0-9{}_-]*[a-z0-9}]", path.read_text(encoding="utf-8")):
            found.add(re.sub(r"\{(\w+)\}", r"<\1>", match))
    return found


def test_every_class_in_the_code_is_documented() -> None:
    missing = sorted(c for c in _used() if f"`{c}`" not in DOC)
    assert not missing, f"add these classes to docs/widgets.md: {missing}"
    assert len(_used()) > 50


def _documented(css: str) -> bool:
    if f"`{css}`" in DOC:
        return True
    return any(css.startswith(prefix) for prefix in ("dk-phase-", "dk-score-", "dk-status-"))


def test_every_control_has_a_documented_class_and_a_label(klass: Class) -> None:
    for name in ("Ann", "Ben", "Cy", "Dee"):
        klass.student(name)
    sides = klass.console.controls.sides
    klass.refresh()
    from tests.widgets.browser import click

    click(sides.preview_button)
    click(sides.publish)
    from debate_kit.widgets.lesson_app import LessonApp
    from debate_kit.widgets.lesson_page import LessonPage

    # the student page itself is student.js (its classes: docs/student-protocol.md); the student-facing
    # ipywidgets left are the lesson app's join form and page
    session = klass.class_session("Ann")
    apps = [klass.console]
    for phase in ("reading", "scoring"):
        click(klass.console.controls.phases.phase_buttons[phase])
        klass.refresh()
    apps += [LessonPage(klass.lesson, session)]
    seen = set()
    for app in [*apps, LessonApp(klass.store, lambda _id: klass.lesson).join]:
        for item in walk(app):
            if isinstance(item, CONTROLS):
                classes = [c for c in item._dom_classes if c.startswith("dk-")]
                assert classes, f"{type(item).__name__} {getattr(item, 'description', '')!r} has no dk- class"
                assert all(_documented(c) for c in classes), classes
                label = getattr(item, "description", "") or getattr(item, "tooltip", "")
                assert label, f"{classes} has no label"
                seen.update(classes)
    assert {f"dk-phase-{p}" for p in PHASES} <= seen
    assert {"dk-answer", "dk-section-next", "dk-vote-option", "dk-assign-publish"} <= seen
