"""debate_kit/core imports only the standard library and PyYAML, and never reads the clock or env."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "debate_kit" / "core"
ALLOWED = set(sys.stdlib_module_names) | {"yaml", "debate_kit"}
FORBIDDEN = {"os", "sqlite3", "socket", "subprocess", "time", "threading", "asyncio"}
CLOCK_CALLS = {"now", "today", "utcnow"}


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            assert top in ALLOWED, f"{path.name} imports {name}"
            assert top not in FORBIDDEN, f"{path.name} imports {name} (I/O or clock)"
            if top == "debate_kit":
                assert name.startswith("debate_kit.core"), f"{path.name} imports {name}"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.attr in CLOCK_CALLS:
                pytest.fail(f"{path.name} reads the clock ({node.value.id}.{node.attr})")
            if node.value.id == "random" and node.attr != "Random":
                pytest.fail(f"{path.name} uses the global random generator (random.{node.attr})")
