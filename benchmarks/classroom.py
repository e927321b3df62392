"""Classroom load: a real Voila server (``debate-kit serve``) under a whole class of protocol-level students.

    python3 run.py bench classroom [--students 30 --students 100] [--postgres] [--json PATH]

One server serves a temporary folder with the project's notebooks plus a bare baseline notebook (one
ipywidgets Button), so the student app and the bare notebook are measured on the same server in the
same run. Each simulated student is what a browser's widget manager does (benchmarks/protocol.py):
GET the student page (``?room=CODE``), open the kernel websocket, ask for the widget states, send the
device token as DeviceIdentity's hello message (as identity.js does), type a name, click Join, then
click a ``dk-vote-option`` button. Every student has a real kernel running the real student app. The
teacher's room is set up through the Store API with the room's teacher key (phase "pre-vote", motion
poll open), and one real teacher console page (``teacher.ipynb?room=CODE``, unlocked by offering the
key as its browser would) shows the votes arrive and reveals the poll with its Reveal button.

Measured (see BENCHMARKS.md):
- page ready: GET start -> the vote button's state received (bare: GET start -> its Button's state),
  one page at a time (a sample) and all N at once; ratios to bare in the same run;
- kernel memory (RSS, USS, PSS) of a student kernel vs a bare ipywidgets kernel; the whole server;
- vote -> teacher console (the k-th vote sent -> the console's tally widget showing >= k votes),
  with all N votes sent within 2 s; Reveal click -> each student's results widget showing the tally;
- votes cast vs votes stored;
- CPU of N connected, idle student kernels over a window, as % of one core;
- kernels left a documented time after every student reloads the page R times (same device token).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from protocol import Page, has_class

from debate_kit import config
from debate_kit.content import load_lesson
from debate_kit.rooms import create_lesson_room, motion_polls
from debate_kit.store import open_store
from debate_kit.testing import TemporaryPostgres, VoilaServer
from debate_kit.widgets._html import esc

ROOT = Path(__file__).resolve().parent.parent
BARE = ROOT / "tests" / "notebooks" / "bare.ipynb"
OPTIONS = ("For", "Against", "Undecided")
TOTAL_RE = re.compile(r'<div style="color:#555">(\d+) votes?</div></div>')
REAP_INTERVAL = 2.0  # ReapingKernelManager.reap_interval
SETTLE_SLACK = 20.0  # kernel shutdown on a busy machine


def log(text: str) -> None:
    print(f"[classroom {time.strftime('%H:%M:%S')}] {text}", flush=True)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summary(values: list[float]) -> dict[str, Any]:
    return {"n": len(values), "p50": pct(values, 50), "p95": pct(values, 95),
            "max": max(values) if values else None}


def vote_total(state: dict[str, Any]) -> int | None:
    value = state.get("value")
    if not isinstance(value, str) or "dk-bars" not in value:
        return None
    match = TOTAL_RE.search(value)
    return int(match.group(1)) if match else None


def machine() -> dict[str, Any]:
    return {"node": platform.node(), "python": platform.python_version(), "nproc": os.cpu_count(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "loadavg": os.getloadavg(),
            "when": time.strftime("%Y-%m-%d %H:%M")}


# -- kernels --------------------------------------------------------------------------------------------
def kernel_pids(server: VoilaServer) -> dict[str, int]:
    """kernel id -> pid, from the kernels' command lines (kernel-<id>.json)."""
    found = {}
    for pid in server.kernels():
        try:
            cmd = " ".join(psutil.Process(pid).cmdline())
        except psutil.Error:
            continue
        match = re.search(r"kernel-([0-9a-f-]{36})\.json", cmd)
        if match:
            found[match.group(1)] = pid
    return found


def memory(pids: list[int]) -> list[dict[str, float]]:
    rows = []
    for pid in pids:
        try:
            info = psutil.Process(pid).memory_full_info()
        except psutil.Error:
            continue
        mb = 2**20
        rows.append({"rss": info.rss / mb, "uss": info.uss / mb, "pss": getattr(info, "pss", 0) / mb})
    return rows


def median_memory(rows: list[dict[str, float]]) -> dict[str, float | None]:
    return {k: (statistics.median(r[k] for r in rows) if rows else None) for k in ("rss", "uss", "pss")}


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def wait_until(predicate, timeout: float, step: float = 0.5) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(step)
    return None


# -- the clients ----------------------------------------------------------------------------------------
class Student:
    def __init__(self, server: VoilaServer, code: str, index: int) -> None:
        self.url = f"{server.url}/voila/render/student.ipynb?room={code}"
        self.name = f"Student {index}"
        self.token = secrets.token_hex(16)
        self.page: Page | None = None
        self.ready = 0.0  # seconds from GET start to a clickable vote button
        self.vote_sent = 0.0
        self.choice = ""
        self.results_seen: float | None = None
        self.expect_total = 0
        self.reveal_watch = False
        self.failures: list[str] = []

    def _results(self, _page: Page, _model: str, state: dict[str, Any], now: float) -> None:
        if self.reveal_watch and self.results_seen is None and vote_total(state) == self.expect_total:
            self.results_seen = now

    def _open(self) -> Page:
        page = Page(self.url, on_change=self._results).open()
        identity = page.anywidget("debate_kit.device")
        page.custom(identity, {"kind": "hello", "token": self.token, "teacher_keys": {},
                               "page": self.url.split("?")[0]})
        return page

    def join(self) -> float:
        page = self.page = self._open()
        name, _ = page.wait(has_class("dk-join-name"))
        page.update(name, value=self.name)
        button, _ = page.wait(has_class("dk-join-button"))
        page.click(button)
        self.ready = self.wait_for_ballot(page) - page.t_start
        return self.ready

    @staticmethod
    def wait_for_ballot(page: Page, timeout: float = 120.0) -> float:
        """When every option of the open poll is an enabled, classed button (the page is usable)."""

        def complete(page: Page) -> float | None:
            buttons = page.find(has_class("dk-vote-option", disabled=False))
            if {page.models[b].get("description") for b in buttons} >= set(OPTIONS):
                return max(page.changed_at[b] for b in buttons)
            return None

        return page.wait_page(complete, timeout)

    def vote(self, choice: str) -> None:
        assert self.page is not None
        button = self.page.find(has_class("dk-vote-option", description=choice, disabled=False))[0]
        self.choice = choice
        self.vote_sent = time.monotonic()
        self.page.click(button)

    def acknowledged(self, timeout: float) -> bool:
        assert self.page is not None
        try:
            self.page.wait(lambda _m, s: f"Vote saved: {self.choice}." in (s.get("value") or ""), timeout)
            return True
        except TimeoutError:
            return False

    def reload(self) -> tuple[float, bool]:
        """Close the page, open it again with the same device token: the kernel recognises the student."""
        assert self.page is not None
        self.page.close()
        started = time.monotonic()
        try:  # the page shows the student's own vote and name: identity and votes kept
            page = self.page = self._open()
            _, seen = page.wait(has_class("dk-vote-option", description=self.choice, icon="check"), 180)
            page.wait(lambda _m, s: f"<b>{self.name}</b>" in str(s.get("value")), 30)
        except Exception as error:  # the page did not come (e.g. its kernel died at start)
            self.failures.append(f"reload: {error!r}"[:300])
            return time.monotonic() - started, False
        return seen - page.t_start, True

    def try_join(self) -> bool:
        try:
            self.join()
            return True
        except Exception as error:
            self.failures.append(f"join: {error!r}"[:300])
            return False


class Teacher:
    """The real teacher console, unlocked with the room's key as its browser would offer it."""

    def __init__(self, server: VoilaServer, code: str, key: str) -> None:
        self.url = f"{server.url}/voila/render/teacher.ipynb?room={code}"
        self.code, self.key = code, key
        self.totals: list[tuple[float, int]] = []
        self._lock = threading.Lock()
        self.page: Page | None = None

    def _seen(self, _page: Page, _model: str, state: dict[str, Any], now: float) -> None:
        total = vote_total(state)
        if total is not None:
            with self._lock:
                self.totals.append((now, total))

    def open(self) -> None:
        page = self.page = Page(self.url, on_change=self._seen).open()
        identity = page.anywidget("debate_kit.device")
        page.custom(identity, {"kind": "hello", "token": secrets.token_hex(16),
                               "teacher_keys": {self.code: self.key}, "page": self.url.split("?")[0]})
        page.wait(has_class("dk-poll-controls"), 120)
        page.wait(has_class("dk-reveal"), 120)

    def first_time_total(self, at_least: int, after: float) -> float | None:
        with self._lock:
            times = [t for t, total in self.totals if total >= at_least and t >= after]
        return min(times) if times else None

    def reveal_button(self, question: str) -> str:
        """The Reveal button in the row of the poll whose question starts with ``question``."""
        assert self.page is not None
        models = self.page.models
        ref = "IPY_MODEL_"

        def children(model_id: str) -> list[str]:
            return [c.removeprefix(ref) for c in models.get(model_id, {}).get("children", [])]

        vote = next(m for m, s in models.items() if "dk-vote" in (s.get("_dom_classes") or ())
                    and any(question in (models.get(c, {}).get("value") or "") for c in children(m)))
        row = next(m for m in models if vote in children(m))
        for child in children(row):
            for grandchild in children(child):
                if "dk-reveal" in (models[grandchild].get("_dom_classes") or ()):
                    return grandchild
        raise LookupError("no Reveal button in the poll's row")


def open_bare(server: VoilaServer) -> tuple[Page, float]:
    page = Page(f"{server.url}/voila/render/bare.ipynb").open()
    _, seen = page.wait(has_class("dk-bare-button"))
    return page, seen - page.t_start


def burst(count: int, fn) -> list[Any]:
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(fn, range(count)))


# -- one class ------------------------------------------------------------------------------------------
def run_class(n: int, db_url: str, args: argparse.Namespace) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="dk-classroom-"))
    notebooks = work / "notebooks"
    notebooks.mkdir()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, notebooks)
    shutil.copy(BARE, notebooks / "bare.ipynb")
    store = open_store(db_url)
    lesson = load_lesson(config.readings_dir() / config.DEFAULT_LESSON)
    room, key = create_lesson_room(store, lesson, f"Benchmark class of {n}")
    poll = motion_polls(store, room.id, "pre")[0]
    store.set_phase(room.id, key, "pre-vote")
    store.set_poll_state(poll.id, key, "open")
    result: dict[str, Any] = {"students": n, "store": db_url.split(":", 1)[0], "grace_s": args.grace,
                              "load_before": os.getloadavg()}
    rng = random.Random(n)
    server = VoilaServer(db_url, notebooks=notebooks, grace=args.grace, unconnected=60, workdir=work)
    server.start()
    client_cpu0 = time.process_time()
    try:
        server_proc = psutil.Process(server.proc.pid)  # type: ignore[union-attr]
        log(f"N={n}: server up ({db_url.split(':', 1)[0]}); teacher console")
        teacher = Teacher(server, room.code, key)
        teacher.open()
        teacher_kernel = teacher.page.kernel_id  # type: ignore[union-attr]
        # warm-up (first loads read .pyc files from disk); not counted
        page, _ = open_bare(server)
        page.close()
        warm = Student(server, room.code, 0)
        warm.join()
        warm.page.close()  # type: ignore[union-attr]

        log(f"N={n}: {args.sequential} pages of each, one at a time")
        seq_bare, seq_student = [], []
        for i in range(args.sequential):
            page, ready = open_bare(server)
            seq_bare.append(ready)
            page.close()
            student = Student(server, room.code, 10_000 + i)
            seq_student.append(student.join())
            student.page.close()  # type: ignore[union-attr]
        result["sequential"] = {"bare": summary(seq_bare), "student": summary(seq_student),
                                "ratio_p50": statistics.median(seq_student) / statistics.median(seq_bare)}

        log(f"N={n}: {n} bare pages at once")
        t0 = time.monotonic()
        bare = burst(n, lambda _i: open_bare(server))
        bare_wall = time.monotonic() - t0
        time.sleep(3)
        pids = kernel_pids(server)
        bare_mem = memory([pids[p.kernel_id] for p, _ in bare if p.kernel_id in pids])
        for p, _ in bare:
            p.close()
        bare_ready = [r for _, r in bare]
        log(f"N={n}: waiting for the bare kernels to go (grace {args.grace} s)")
        wait_until(lambda: len(server.kernels()) <= 1, args.grace + REAP_INTERVAL + 60)

        log(f"N={n}: {n} students at once")
        students = [Student(server, room.code, i + 1) for i in range(n)]
        t0 = time.monotonic()
        joined = burst(n, lambda i: students[i].try_join())
        student_wall = time.monotonic() - t0
        student_ready = [s.ready for s, ok in zip(students, joined, strict=True) if ok]
        result["join_failures"] = [f for s in students for f in s.failures]
        students = [s for s, ok in zip(students, joined, strict=True) if ok]
        n_joined = len(students)
        result["burst"] = {
            "bare": summary(bare_ready), "student": summary(student_ready),
            "bare_wall_s": bare_wall, "student_wall_s": student_wall,
            "ratio_p50": pct(student_ready, 50) / pct(bare_ready, 50),  # type: ignore[operator]
            "ratio_p95": pct(student_ready, 95) / pct(bare_ready, 95),  # type: ignore[operator]
        }

        log(f"N={n}: all vote within 2 s")
        offsets = sorted((rng.uniform(0, 2.0), i) for i in range(n_joined))
        start = time.monotonic() + 0.2
        for offset, i in offsets:
            delay = start + offset - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            students[i].vote(rng.choice(OPTIONS))
        acks = sum(burst(n_joined, lambda i: students[i].acknowledged(60)))
        wait_until(lambda: teacher.first_time_total(n_joined, 0) is not None, 60, 0.1)
        stored = store.votes(poll.id)
        sent = sorted(s.vote_sent for s in students)
        to_teacher = []
        for k, t_sent in enumerate(sent, start=1):
            shown = teacher.first_time_total(k, start)
            if shown is not None:
                to_teacher.append(max(0.0, shown - t_sent))
        result["votes"] = {"cast": n_joined, "acknowledged": acks, "stored": len(stored),
                           "stored_as_cast": sum(
                               stored.get(getattr(store.participant_by_token(room.id, s.token), "id", -1))
                               == s.choice for s in students),
                           "vote_span_s": sent[-1] - sent[0], "to_teacher": summary(to_teacher),
                           "teacher_saw": len(to_teacher)}

        log(f"N={n}: reveal from the teacher console")
        total = len(stored)
        for s in students:
            s.expect_total, s.reveal_watch = total, True
        reveal = teacher.reveal_button(esc(poll.question))
        t_reveal = time.monotonic()
        teacher.page.click(reveal)  # type: ignore[union-attr]
        wait_until(lambda: all(s.results_seen for s in students), 60, 0.1)
        reveal_lat = [s.results_seen - t_reveal for s in students if s.results_seen]
        result["reveal_to_students"] = summary(reveal_lat) | {"students_saw": len(reveal_lat)}

        time.sleep(3)
        pids = kernel_pids(server)
        student_pids = [pids[s.page.kernel_id] for s in students if s.page.kernel_id in pids]  # type: ignore
        student_mem = memory(student_pids)
        teacher_mem = memory([pids[teacher_kernel]]) if teacher_kernel in pids else []
        server_mem = memory([server_proc.pid])
        all_mem = student_mem + teacher_mem + server_mem
        med_s, med_b = median_memory(student_mem), median_memory(bare_mem)
        result["memory_mb"] = {
            "student_kernel": med_s, "bare_kernel": med_b,
            "ratio": {k: med_s[k] / med_b[k] for k in med_s if med_s[k] and med_b[k]},
            "teacher_kernel": median_memory(teacher_mem), "server_process": median_memory(server_mem),
            **{f"class_total_{k}": sum(r[k] for r in all_mem) for k in ("rss", "pss", "uss")},
        }

        log(f"N={n}: idle class for {args.idle_seconds} s")
        teacher_pids = [pids[teacher_kernel]] if teacher_kernel in pids else []
        cpu0, server0, teacher0 = (cpu_seconds(student_pids), cpu_seconds([server_proc.pid]),
                                   cpu_seconds(teacher_pids))
        t_idle = time.monotonic()
        time.sleep(args.idle_seconds)
        elapsed = time.monotonic() - t_idle
        result["idle"] = {
            "seconds": elapsed,
            "student_kernels_pct_of_core": (cpu_seconds(student_pids) - cpu0) / elapsed * 100,
            "server_pct_of_core": (cpu_seconds([server_proc.pid]) - server0) / elapsed * 100,
            "teacher_kernel_pct_of_core":
                (cpu_seconds(teacher_pids) - teacher0) / elapsed * 100,
        }

        if args.reloads:
            log(f"N={n}: every student reloads {args.reloads} times")
            t0 = time.monotonic()

            def reloads(i: int) -> list[tuple[float, bool]]:
                return [students[i].reload() for _ in range(args.reloads)]

            done = [r for rows in burst(n_joined, reloads) for r in rows]
            reload_wall = time.monotonic() - t0
            bound = args.grace + REAP_INTERVAL + SETTLE_SLACK
            failures = [f for s in students for f in s.failures]
            open_pages = sum(1 for s in students if s.page and not s.page.closed)
            expected = open_pages + 1  # open student pages + the teacher console
            peak = len(server.kernels())
            settled = wait_until(lambda: len(server.kernels()) <= expected, bound, 0.25)
            left = len(server.kernels())
            result["reloads"] = {
                "per_student": args.reloads, "pages": len(done), "wall_s": reload_wall,
                "ready": summary([r for r, _ in done]), "identity_kept": sum(ok for _, ok in done),
                "kernels_right_after": peak, "expected_kernels": expected, "bound_s": bound,
                "settled_after_s": settled, "kernels_at_bound": left, "leaked": max(0, left - expected),
                "failed_pages": len(failures), "failures": failures[:10],
            }
        result["server_errors"] = server.log().count("Traceback")
        result["client_errors"] = sum(len(s.page.errors) for s in students if s.page)
    finally:
        result["client_cpu_s"] = time.process_time() - client_cpu0
        for s in locals().get("students", []):
            if s.page:
                s.page.close()
        kernels_left = server.kernels()
        try:
            server.stop()
        except Exception as error:  # a server still busy shutting kernels down: kill it, keep the figures
            log(f"N={n}: server did not stop in time ({error!r}); killing it")
            with contextlib.suppress(ProcessLookupError, AttributeError):
                os.killpg(server.proc.pid, signal.SIGKILL)  # type: ignore[union-attr]
            for pid in kernels_left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        store.close()
        shutil.rmtree(work, ignore_errors=True)
    return result


# -- report ---------------------------------------------------------------------------------------------
def fmt(value: Any, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def report(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        b, s, m, v = r["burst"], r["sequential"], r["memory_mb"], r["votes"]
        lines += [
            f"\nN = {r['students']} students ({r['store']}, grace {r['grace_s']} s, "
            f"load before {r['load_before'][0]:.2f})",
            "| measure | student app | bare notebook | ratio | target |",
            "|---|---|---|---|---|",
            f"| page ready, one at a time, p50 / p95 (s) | {fmt(s['student']['p50'])} / "
            f"{fmt(s['student']['p95'])} | {fmt(s['bare']['p50'])} / {fmt(s['bare']['p95'])} | "
            f"{fmt(s['ratio_p50'])} | <= 1.25 |",
            f"| page ready, {r['students']} at once, p50 / p95 (s) | {fmt(b['student']['p50'])} / "
            f"{fmt(b['student']['p95'])} | {fmt(b['bare']['p50'])} / {fmt(b['bare']['p95'])} | "
            f"{fmt(b['ratio_p50'])} / {fmt(b['ratio_p95'])} | <= 1.25 |",
            f"| kernel RSS / USS / PSS, median (MB) | {fmt(m['student_kernel']['rss'], '.0f')} / "
            f"{fmt(m['student_kernel']['uss'], '.0f')} / {fmt(m['student_kernel']['pss'], '.0f')} | "
            f"{fmt(m['bare_kernel']['rss'], '.0f')} / {fmt(m['bare_kernel']['uss'], '.0f')} / "
            f"{fmt(m['bare_kernel']['pss'], '.0f')} | {fmt(m['ratio'].get('rss'))} / "
            f"{fmt(m['ratio'].get('uss'))} / {fmt(m['ratio'].get('pss'))} | <= 1.2 |",
            f"| whole server for the class: RSS / PSS / USS sum (MB) | {m['class_total_rss']:.0f} / "
            f"{m['class_total_pss']:.0f} / {m['class_total_uss']:.0f} | | | Binder: 2048 |",
            f"| vote -> teacher console, p50 / p95 / max (s) | {fmt(v['to_teacher']['p50'])} / "
            f"{fmt(v['to_teacher']['p95'])} / {fmt(v['to_teacher']['max'])} | | | p95 < "
            f"{'0.5' if r['students'] <= 30 else '1'} |",
            f"| Reveal click -> every student's results, p50 / p95 / max (s) | "
            f"{fmt(r['reveal_to_students']['p50'])} / {fmt(r['reveal_to_students']['p95'])} / "
            f"{fmt(r['reveal_to_students']['max'])} ({r['reveal_to_students']['students_saw']} saw it) "
            "| | | |",
            f"| votes cast / acknowledged / stored (sent within {v['vote_span_s']:.2f} s) | {v['cast']} / "
            f"{v['acknowledged']} / {v['stored']} | | | equal |",
            f"| idle class, {r['idle']['seconds']:.0f} s: student kernels' CPU (% of one core) | "
            f"{r['idle']['student_kernels_pct_of_core']:.1f} | | | < 5 |",
            f"| idle: server / teacher kernel CPU (% of one core) | {r['idle']['server_pct_of_core']:.1f} / "
            f"{r['idle']['teacher_kernel_pct_of_core']:.1f} | | | |",
        ]
        if "reloads" in r:
            x = r["reloads"]
            lines.append(
                f"| {x['pages']} reloads ({x['per_student']} each): kernels after {x['bound_s']:.0f} s "
                f"(expected {x['expected_kernels']}), settled after (s) | {x['kernels_at_bound']} "
                f"(peak {x['kernels_right_after']}), {fmt(x['settled_after_s'], '.1f')}; identity kept "
                f"{x['identity_kept']}/{x['pages']}; reload ready p50 {fmt(x['ready']['p50'])} s | | | "
                "0 leaked |")
        failed = len(r.get("join_failures", [])) + r.get("reloads", {}).get("failed_pages", 0)
        lines.append(f"pages that failed to open: {failed}; "
                     f"server tracebacks: {r['server_errors']}; client CPU: {r['client_cpu_s']:.0f} s; "
                     f"burst wall: bare {b['bare_wall_s']:.1f} s, students {b['student_wall_s']:.1f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--students", type=int, action="append",
                        help="class size (repeat for several; default 30 and 100)")
    parser.add_argument("--sequential", type=int, default=8, help="pages of each kind opened one at a time")
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--reloads", type=int, default=5, help="reloads per student (0: skip)")
    parser.add_argument("--grace", type=float, default=10.0, help="serve --grace for this run (seconds)")
    parser.add_argument("--postgres", action="store_true", help="a TemporaryPostgres store instead of SQLite")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sizes = args.students or [30, 100]
    out: dict[str, Any] = {"machine": machine(), "command": " ".join(sys.argv), "classes": []}
    log(f"machine: {out['machine']}")
    pg = TemporaryPostgres().start() if args.postgres else None
    try:
        for n in sizes:
            if pg is not None:
                url = pg.new_database(f"classroom{n}")
            else:
                url = f"sqlite:///{tempfile.mkdtemp(prefix='dk-classroom-db-')}/classroom.sqlite3"
            out["classes"].append(run_class(n, url, args))
            if args.json:
                args.json.parent.mkdir(parents=True, exist_ok=True)
                args.json.write_text(json.dumps(out, indent=2))
    finally:
        if pg is not None:
            pg.stop()
    out["load_after"] = os.getloadavg()
    print(report(out["classes"]))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
        log(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
