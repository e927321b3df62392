"""The student logic runs without a kernel: the light page's server imports it with no widget library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = ("ipywidgets", "anywidget", "ipykernel", "comm", "IPython")


def test_the_student_logic_imports_no_widget_library() -> None:
    code = f"""
import json, sys
import debate_kit.core.rate, debate_kit.core.student_protocol
import debate_kit.student.lesson_data, debate_kit.student.session, debate_kit.student.snapshot
import debate_kit.student.view
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {list(WIDGETS)!r})))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
