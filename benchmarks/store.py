"""Store benchmark: votes per second, tally time, change-feed latency and idle cost, SQLite and PostgreSQL.

    python3 run.py bench store [--votes 2000] [--json benchmarks/results/store.json]

Each figure comes with a baseline measured in the same run on the same database engine: bare
single-row commits per second (no validation, no revision counter), so the ratio says what the store's
checks cost. The change feed's latency is measured from another process: it commits and reports the
time; this process waits on the feed exactly as a kernel does (``ChangeFeed.updates()``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from debate_kit.store import open_store
from debate_kit.testing import TemporaryPostgres

OPTIONS = ("For", "Against", "Undecided")


def bare_commits(url: str, n: int) -> float:
    """Single-row INSERT + COMMIT per iteration on a plain connection: the engine's own pace."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE bare (id SERIAL PRIMARY KEY, v TEXT)")
            start = time.perf_counter()
            for i in range(n):
                conn.execute("INSERT INTO bare (v) VALUES (%s)", (str(i),))
            return n / (time.perf_counter() - start)
    path = url.removeprefix("sqlite:///") + ".bare"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, v TEXT)")
    start = time.perf_counter()
    for i in range(n):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bare (v) VALUES (?)", (str(i),))
        conn.execute("COMMIT")
    conn.close()
    return n / (time.perf_counter() - start)


def setup_class(store, students: int):
    room, key = store.create_room("Benchmark", "new-soviet-union")
    people = [store.join(room.id, f"S{i}", f"bench-device-token-{i:06d}") for i in range(students)]
    poll = store.add_poll(room.id, key, "motion-main-pre", "Motion?", "motion", OPTIONS)
    store.set_poll_state(poll.id, key, "open")
    return room, key, people, poll


def votes_per_second(url: str, n: int) -> float:
    with open_store(url) as store:
        _, _, people, poll = setup_class(store, 100)
        rng = random.Random(1)
        start = time.perf_counter()
        for i in range(n):
            store.cast_vote(poll.id, people[i % 100].id, rng.choice(OPTIONS))
        return n / (time.perf_counter() - start)


def tally_time(url: str, votes: int = 10_000) -> float:
    with open_store(url) as store:
        _, _, people, poll = setup_class(store, 500)
        rng = random.Random(2)
        with store._tx() as cur:  # bulk load: the benchmark is the tally, not the inserts
            for i in range(votes):
                cur.execute(
                    "INSERT INTO votes (poll_id, participant_id, choice, cast_at) VALUES (?, ?, ?, ?)",
                    (poll.id, people[i % 500].id, rng.choice(OPTIONS), "2026-01-01"),
                )
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            _, total = store.tally(poll.id)
            runs.append(time.perf_counter() - start)
        assert total == 500
        return statistics.median(runs) * 1000


def _writer(url: str, room_id: int, key: str, count: int, out) -> None:
    store = open_store(url)
    rng = random.Random(3)
    time.sleep(1.0)
    for i in range(count):
        time.sleep(rng.uniform(0.3, 0.6))  # apart enough that no two changes share one look
        store.set_phase(room_id, key, "reading" if i % 2 else "join")
        out.put(time.time())
    out.put(None)
    store.close()


async def _listen(feed, proc) -> list[float]:
    seen: list[float] = []

    async def consume() -> None:
        async for _ in feed.updates():
            seen.append(time.time())

    task = asyncio.create_task(consume())
    while proc.is_alive():
        await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)
    task.cancel()
    return seen


def feed_latency(url: str, count: int) -> list[float]:
    with open_store(url) as store:
        room, key, _, _ = setup_class(store, 1)
        feed = store.feed(room.id)
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        proc = ctx.Process(target=_writer, args=(url, room.id, key, count, out))
        proc.start()
        seen = asyncio.run(_listen(feed, proc))
        committed = list(iter(out.get, None))
        proc.join()
        feed.close()
        if len(seen) != len(committed):
            raise RuntimeError(f"{len(committed)} changes committed but {len(seen)} seen")
        return [max(0.0, s - c) * 1000 for s, c in zip(seen, committed, strict=True)]


def feed_idle_cpu(url: str, seconds: float) -> float:
    with open_store(url) as store:
        room, *_ = setup_class(store, 1)
        feed = store.feed(room.id)

        async def idle() -> None:
            async def consume() -> None:
                async for _ in feed.updates():
                    pass

            task = asyncio.create_task(consume())
            await asyncio.sleep(seconds)
            task.cancel()

        start_cpu = time.process_time()
        asyncio.run(idle())
        feed.close()
        return (time.process_time() - start_cpu) / seconds * 100


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def measure(name: str, url_for, args) -> dict:
    row = {"backend": name}
    row["bare_commits_per_s"] = bare_commits(url_for("bare"), args.votes)
    row["votes_per_s"] = votes_per_second(url_for("votes"), args.votes)
    row["vote_vs_bare"] = row["votes_per_s"] / row["bare_commits_per_s"]
    row["tally_10k_ms"] = tally_time(url_for("tally"))
    latency = feed_latency(url_for("feed"), args.changes)
    row["feed_p50_ms"], row["feed_p95_ms"] = pct(latency, 50), pct(latency, 95)
    row["feed_idle_cpu_pct"] = feed_idle_cpu(url_for("idle"), args.idle_seconds)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--votes", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dk-bench-"))
    rows = [measure("SQLite (WAL, synchronous=NORMAL)", lambda n: f"sqlite:///{tmp / n}.sqlite3", args)]
    if not args.no_postgres:
        with TemporaryPostgres(fsync=True) as pg:
            rows.append(measure("PostgreSQL 15 (fsync on)", pg.new_database, args))
    header = (f"{'backend':34} {'bare/s':>8} {'votes/s':>8} {'ratio':>6} {'tally10k ms':>11} "
              f"{'feed p50':>8} {'feed p95':>8} {'idle CPU%':>9}")
    print(f"\n{platform.node()} · {platform.python_version()} · {time.strftime('%Y-%m-%d %H:%M')}")
    print(header)
    for r in rows:
        print(f"{r['backend']:34} {r['bare_commits_per_s']:8.0f} {r['votes_per_s']:8.0f} "
              f"{r['vote_vs_bare']:6.2f} {r['tally_10k_ms']:11.1f} {r['feed_p50_ms']:8.0f} "
              f"{r['feed_p95_ms']:8.0f} {r['feed_idle_cpu_pct']:9.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
