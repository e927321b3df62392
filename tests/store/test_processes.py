"""Many processes at once, a killed process and the feed across processes, on both backends."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import subprocess
import sys
import time

import pytest

from debate_kit.store import open_store
from tests.store.helpers import MOTION, classroom, token

VOTERS = 50


def _vote(url: str, poll_id: int, participant_id: int, times: int, barrier, out) -> None:
    store = open_store(url)
    barrier.wait()
    try:
        for i in range(times):
            store.cast_vote(poll_id, participant_id, MOTION[i % 3])
        out.put(("ok", participant_id))
    except Exception as exc:  # report any error, e.g. "database is locked"
        out.put(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        store.close()


def test_fifty_processes_vote_at_the_same_moment(store_url: str) -> None:
    with open_store(store_url) as store:
        names = tuple(f"S{i:02d}" for i in range(VOTERS))
        c = classroom(store, names)
        poll = c.open_poll()
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(VOTERS), ctx.Queue()
    procs = [
        ctx.Process(target=_vote, args=(store_url, poll.id, s.id, 3 if i == 0 else 1, barrier, out))
        for i, s in enumerate(c.students)
    ]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    assert [r for r in results if r[0] != "ok"] == []
    with open_store(store_url) as store:
        assert len(store.votes(poll.id)) == VOTERS
        records = {v.participant_id: v for v in store.vote_records(poll.id)}
        assert len(records) == VOTERS
        triple = records[c.students[0].id]
        assert (triple.first_choice, triple.choice, triple.changes) == ("For", "Undecided", 2)
        assert sum(v.changes for v in records.values()) == 2


_KILLED_VOTER = """
import os, sys
from debate_kit.store import open_store
store = open_store(sys.argv[1])
store.cast_vote(int(sys.argv[2]), int(sys.argv[3]), "Against")
print("acknowledged", flush=True)
sys.stdin.read()
"""


def test_a_vote_acknowledged_before_sigkill_is_kept(store_url: str) -> None:
    with open_store(store_url) as store:
        c = classroom(store)
        poll = c.open_poll()
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_VOTER, store_url, str(poll.id), str(c.students[1].id)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "acknowledged"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    with open_store(store_url) as store:
        assert store.votes(poll.id) == {c.students[1].id: "Against"}


_OTHER_WRITER = """
import sys
from debate_kit.store import open_store
store = open_store(sys.argv[1])
store.join(int(sys.argv[2]), "Late student", "device-token-late-0123456789")
"""


def test_feed_reports_a_write_from_another_process(store_url: str) -> None:
    with open_store(store_url) as store:
        c = classroom(store)
        feed = store.feed(c.room.id)
        assert not feed.changed()
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", _OTHER_WRITER, store_url, str(c.room.id)], check=True)
        assert feed.wait(5.0)
        assert time.monotonic() - started < 10
        assert "Late student" in [p.name for p in store.participants(c.room.id)]
        feed.close()


@pytest.mark.parametrize("participant", ["Ann"])
def test_token_is_kept_only_as_a_hash(store_url: str, participant: str) -> None:
    with open_store(store_url) as store:
        classroom(store)
        with store._read() as cur:
            cur.execute("SELECT token_hash FROM participants")
            hashes = [r["token_hash"] for r in cur.fetchall()]
    assert token(participant) not in hashes and all(len(h) == 64 for h in hashes)
