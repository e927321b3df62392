"""A school's JupyterHub: two servers on one PostgreSQL database, and the database restarted mid-lesson.

Students on either server are one class; a vote on one server is counted for the whole class; while the
database is down an action gets a clear "not saved, try again"; once it is back, the servers reconnect
by themselves and the students' pages follow the lesson again without a reload.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from debate_kit.testing import TemporaryPostgres, VoilaServer
from tests.browser.helpers import Classroom
from tests.server.conftest import NOTEBOOKS, Student

pytestmark = [pytest.mark.postgres, pytest.mark.voila]
MAIN_PRE = "motion-main-pre"


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[TemporaryPostgres, VoilaServer, VoilaServer]]:
    with TemporaryPostgres() as pg:
        url = pg.new_database("school")
        with VoilaServer(url, notebooks=NOTEBOOKS, workdir=tmp_path / "a") as a, \
                VoilaServer(url, notebooks=NOTEBOOKS, workdir=tmp_path / "b") as b:
            yield pg, a, b
            logs = a.log() + b.log()
    assert "Traceback" not in logs, logs
    assert a.token not in logs and b.token not in logs


def retry(action: Any, timeout: float = 30.0) -> dict[str, Any]:
    """Repeat an action until it is acknowledged (a student pressing again after "try again")."""
    deadline = time.monotonic() + timeout
    while True:
        answer = action()
        if answer["type"] == "ack" or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)


def test_two_servers_one_class_through_a_database_restart(two_servers: Any) -> None:
    pg, a, b = two_servers
    room = Classroom(a)
    ana, ben = Student(a.url), Student(b.url)
    for student, name in ((ana, "Ana"), (ben, "Ben")):
        student.hello(room.code)
        assert student.act("join", room=room.code, name=name, anonymous=False)["type"] == "ack"
    room.set(phase="pre-vote", poll=MAIN_PRE)
    poll = ana.wait_view(lambda v: bool(v["polls"]))["polls"][0]["id"]
    assert ana.act("vote", poll=poll, option="For")["type"] == "ack"
    assert ben.act("vote", poll=poll, option="Against")["type"] == "ack"

    pg.halt()
    for student in (ana, ben):  # each server notices and every page says "reconnecting"
        student.wait(lambda m: m.get("type") == "status" and m["connection"] == "reconnecting", timeout=30)
    refused = ben.act("vote", poll=poll, option="For")
    assert refused["type"] == "error" and refused["code"] in ("unreachable", "not-saved")
    assert "Not saved" in refused["message"] and "Try again" in refused["message"]
    pg.start()

    for student in (ana, ben):
        student.wait(lambda m: m.get("type") == "status" and m["connection"] == "open", timeout=45)
    assert retry(lambda: ben.act("vote", poll=poll, option="Undecided"))["type"] == "ack"
    room.set(poll=MAIN_PRE, state="revealed")  # the teacher, on a third connection
    for student in (ana, ben):  # both servers subscribed again: their pages follow, no reload
        shown = student.wait_view(lambda v: bool(v["polls"]) and v["polls"][0]["results"] is not None,
                                  timeout=45)
        counts = {r["option"]: r["count"] for r in shown["polls"][0]["results"]["rows"]}
        assert counts == {"For": 1, "Against": 0, "Undecided": 1}, counts
    assert "reconnecting" in a.log() + b.log(), "the outage is logged"
    ana.close()
    ben.close()
