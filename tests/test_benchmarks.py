"""The classroom benchmark runs end to end on a tiny class: every vote cast is stored, no kernel leaks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.voila
ROOT = Path(__file__).resolve().parent.parent


def test_classroom_benchmark_smoke(tmp_path: Path) -> None:
    out = tmp_path / "classroom.json"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "classroom.py"), "--students", "3", "--sequential", "1",
         "--idle-seconds", "2", "--reloads", "1", "--grace", "3", "--json", str(out)],
        cwd=ROOT, check=True, timeout=240,
    )
    (result,) = json.loads(out.read_text())["classes"]
    votes = result["votes"]
    assert votes["cast"] == votes["stored"] == votes["acknowledged"] == votes["stored_as_cast"] == 3
    assert votes["teacher_saw"] == 3
    assert result["reveal_to_students"]["students_saw"] == 3
    assert result["reloads"]["identity_kept"] == 3
    assert result["reloads"]["leaked"] == 0
    assert result["server_errors"] == 0
