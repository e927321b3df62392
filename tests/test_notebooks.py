"""Every notebook in notebooks/ runs without error (nbval, lax) against a temporary demo database.

The database is a fresh SQLite file holding a demo class (:func:`debate_kit.demo.fill_demo_class`),
and ``QUERY_STRING`` names its room, so each page has a real room to show. nbval runs in a subprocess
with the kernel of this environment; exit code 5 (nothing collected) is a failure too, and every
.ipynb file in notebooks/ must have been checked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from debate_kit.demo import fill_demo_class
from debate_kit.store import open_store

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def test_every_notebook_runs(tmp_path: Path) -> None:
    db = tmp_path / "classroom.sqlite3"
    with open_store(str(db)) as store:
        room, _key = fill_demo_class(store, students=8, seed=1)
    jupyter = tmp_path / "jupyter"
    env = {
        **os.environ,
        "DEBATE_KIT_DB": str(db),
        "QUERY_STRING": f"room={room.code}",
        "JUPYTER_CONFIG_DIR": str(jupyter / "config"),
        "JUPYTER_DATA_DIR": str(jupyter / "data"),
        "JUPYTER_RUNTIME_DIR": str(jupyter / "runtime"),
        "IPYTHONDIR": str(jupyter / "ipython"),
        "MPLBACKEND": "Agg",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider",
         "-v", "--nbval-cell-timeout=60", "--rootdir", str(ROOT), str(NOTEBOOKS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 5, f"nbval collected no notebooks:\n{output}"
    assert result.returncode == 0, output
    # Node ids look like notebooks/teacher.ipynb::Cell 0 (or notebooks/teacher::ipynb::Cell 0).
    checked = set(re.findall(r"^(?:\S*/)?notebooks/([^:\s/]+?)(?:\.ipynb|::ipynb)::Cell \d+ PASSED",
                             output, re.M))
    expected = {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
    assert expected, "no notebooks in notebooks/"
    assert checked == expected, output
