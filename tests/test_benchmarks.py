"""The classroom benchmark runs end to end on a tiny class: light, notebook and bare pages, no vote lost."""

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
        [sys.executable, str(ROOT / "benchmarks" / "classroom.py"), "--students", "3", "--sample", "1",
         "--idle-seconds", "2", "--grace", "2", "--json", str(out)],
        cwd=ROOT, check=True, timeout=120,  # about 30 s on the 2-core machine
    )
    data = json.loads(out.read_text())
    (result,) = data["classes"]
    assert data["machine"]["nproc"] and data["open_files"]
    # one of each kind one at a time: light page, Voila student notebook, bare notebook
    sample = result["one_at_a_time"]
    for kind in ("light", "notebook", "bare"):
        assert sample[kind]["ready"]["n"] == 1, sample[kind]
        assert sample[kind]["cpu_per_join_s"]["p50"] is not None
        assert sample[kind]["failures"] == []
    assert sample["notebook"]["kernel_memory_mb"]["rss"] > 0
    assert sample["notebook"]["vote_ack"]["n"] == 1
    # the light class: everyone ready and joined, votes seen by the teacher console, reveal seen
    burst = result["burst"]
    assert burst["joined"] == 3 and burst["ready"]["n"] == 3 and burst["failures"] == []
    assert burst["server_cpu_per_join_s"] >= 0 and "server_rss_per_student_kb" in burst
    assert set(burst["ready_phases"]) == {"page", "files", "socket", "view"}
    assert result["light_votes"]["teacher_saw"] == 3
    assert result["reveal_to_light"]["students_saw"] == 3
    assert result["idle"]["open_sockets"] == 3 and result["idle"]["server_pct_of_core"] >= 0
    # every vote sent (warm-ups, the sample and the class) acknowledged and stored as sent
    votes = result["votes"]
    assert votes["sent"] == votes["acknowledged"] == votes["stored_as_sent"] == 7
    assert votes["lost"] == 0
    assert result["light_client_failures"] == 0
    assert result["server_errors"] == 0


def test_cards_benchmark_smoke(tmp_path: Path) -> None:
    """Cards at class size (issue 19): every card acknowledged and stored, every team member's deck full."""
    out = tmp_path / "cards.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "cards.py"), "--students", "8", "--window", "2",
                    "--json", str(out)], cwd=ROOT, check=True, timeout=180)
    data = json.loads(out.read_text())
    assert data["cards"]["sent"] == data["cards"]["acked"] == data["cards"]["stored"] == 24
    assert data["answer_ack"]["n"] == 8 and data["phase_push"]["s"]["n"] == 8
    deck = data["deck_push"]
    assert deck["team_members"] >= 2 and deck["s"]["n"] == deck["team_members"]
    assert data["failures"] == [] and data["server_tracebacks"] == 0


def test_hub_service_benchmark_smoke(tmp_path: Path) -> None:
    """Phones through a real hub's proxy and straight to the service: every vote stored, both ways."""
    pytest.importorskip("jupyterhub")
    from debate_kit.testing import find_pg_bin
    from tests.hub.hub_process import proxy_command

    if proxy_command() is None or find_pg_bin() is None:
        pytest.skip("needs configurable-http-proxy and PostgreSQL (python3 run.py setup --test)")
    out = tmp_path / "hub.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hub_service.py"), "--students", "3",
                    "--json", str(out)], cwd=ROOT, check=True, timeout=240)  # about a minute
    data = json.loads(out.read_text())
    for route in ("direct", "proxy"):
        result = data[route]
        assert result["joined"] == 3 and result["ready"]["n"] == 3 and result["failures"] == [], result
        assert result["votes"] == {"sent": 3, "stored_as_sent": 3, "lost": 0}
        assert result["screen_saw"] == 3 and result["vote_to_screen"]["p95"] is not None
    assert set(data["ratios_proxy_over_direct"]) == {"ready_p50", "ready_p95", "vote_ack_p95",
                                                     "vote_to_screen_p95"}
    assert data["service_errors"] == 0
