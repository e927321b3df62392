"""The generated lesson notebook runs (nbval, lax) in both modes (issue 20 item 6): self-paced (no query
string, and as a JupyterHub user) and with ``?room=CODE`` of a demo class. Every code cell must pass."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from debate_kit.demo import fill_demo_class
from debate_kit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "notebooks" / "lessons"


@pytest.mark.parametrize("mode", ["self-paced", "hub-user", "room"])
def test_every_lesson_notebook_runs(tmp_path: Path, mode: str) -> None:
    db = tmp_path / "classroom.sqlite3"
    with open_store(str(db)) as store:
        room, _key = fill_demo_class(store, students=4, seed=1)
    jupyter = tmp_path / "jupyter"
    env = {
        **os.environ,
        "DEBATE_KIT_DB": str(db),
        "QUERY_STRING": f"room={room.code}" if mode == "room" else "",
        "JUPYTER_CONFIG_DIR": str(jupyter / "config"),
        "JUPYTER_DATA_DIR": str(jupyter / "data"),
        "JUPYTER_RUNTIME_DIR": str(jupyter / "runtime"),
        "IPYTHONDIR": str(jupyter / "ipython"),
    }
    env.pop("JUPYTERHUB_USER", None)
    if mode == "hub-user":
        env["JUPYTERHUB_USER"] = "ann"
    notebooks = sorted(p for p in LESSONS.glob("*.ipynb") if not p.stem.endswith("-teacher-guide"))
    assert notebooks, "no lesson notebooks in notebooks/lessons/"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-v", "--nbval-cell-timeout=60", "--rootdir", str(ROOT), *map(str, notebooks)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    passed = re.findall(r"::Cell \d+ PASSED", output)
    code_cells = sum(p.read_text(encoding="utf-8").count('"cell_type": "code"') for p in notebooks)
    assert len(passed) == code_cells, output
    assert "Traceback" not in output and "could not be shown" not in output, output
