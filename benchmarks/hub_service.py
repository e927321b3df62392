"""Phones through a real JupyterHub's proxy into ``debate-kit service``, against the same phones straight
to the service's own port.

    python3 run.py bench hub [--students 150] [--json PATH]

One real JupyterHub (tests/hub/hub_process.py: JupyterHub from PyPI, configurable-http-proxy from npm,
the service managed by the hub) on a temporary PostgreSQL. teacher1 signs in with the hub's login form
and the service's OAuth (HTTP, a cookie jar) and makes three rooms with the service's form: a warm-up,
one for the phones straight to the service, one for the phones through the proxy. For each route, the
teacher's class screen is the service's present socket (``debate-kit/present-ws``, the teacher's hub
cookie; it opens the vote with its "next" button), on the same route as the phones. Then N light phones
(benchmarks/classroom.py's ``Light``: the join page over keep-alive HTTP, the websocket, hello -> the
first view is "ready", join) arrive within one second, each from its own loopback address, and all vote
within 2 s. Measured per route: ready, vote ack, vote -> the class screen's "voted" count (the k-th vote
sent -> the first present view with voted >= k), votes stored as sent (from the store), the service's and
the proxy's CPU, the load average before. Order: warm-up (3 phones each way), direct, then proxy.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import random
import re
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
import browser_http  # noqa: E402
import classroom  # noqa: E402
from classroom import OPTIONS, Light, ratio, source_address, summary  # noqa: E402

from debate_kit.store import open_store  # noqa: E402
from debate_kit.testing import TemporaryPostgres  # noqa: E402
from tests.hub.hub_process import PASSWORD, HubProcess, proxy_command  # noqa: E402


class PrefixBrowser(browser_http.Browser):
    """Light's HTTP side under the service's prefix (``/services/debate-kit``): Light asks for
    ``/debate-kit/join/CODE`` from the server's root, as on a laptop."""

    def __init__(self, root: str, source: str | None) -> None:
        super().__init__(root, source)
        self.prefix = urlsplit(root).path.rstrip("/")

    async def get(self, path: str, kind: str = "document", on: int = 0) -> str:
        full = path if path.startswith(self.prefix + "/") else self.prefix + path
        return await super().get(full, kind, on)


classroom.Browser = PrefixBrowser  # type: ignore[misc]


def log(text: str) -> None:
    print(f"[hub_service {time.strftime('%H:%M:%S')}] {text}", flush=True)


class TeacherHttp:
    """teacher1 in a cookie jar: the hub's login form, then the service's OAuth and its rooms form."""

    def __init__(self, hub: HubProcess) -> None:
        self.hub = hub
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _xsrf(self, page: str) -> str:
        found = re.search(r'name="_xsrf" value="([^"]+)"', page)
        assert found, "no XSRF field on the page"
        return found.group(1)

    def sign_in(self) -> None:
        page = self.opener.open(f"{self.hub.url}/hub/login", timeout=60).read().decode()
        form = {"username": "teacher1", "password": PASSWORD, "_xsrf": self._xsrf(page)}
        self.opener.open(f"{self.hub.url}/hub/login", data=urlencode(form).encode(), timeout=60).read()

    def new_room(self, title: str) -> str:
        page = self.opener.open(self.hub.service_url, timeout=60).read().decode()  # OAuth, then the rooms
        lesson = re.search(r'<option value="([^"]+)"', page)
        assert lesson, "no lesson to choose"
        form = {"_xsrf": self._xsrf(page), "lesson": lesson.group(1), "title": title}
        answer = self.opener.open(self.hub.service_url + "debate-kit/rooms", data=urlencode(form).encode(),
                                  timeout=60)
        return answer.geturl().rstrip("/").rsplit("/", 1)[1]

    def cookie(self, url: str) -> str:
        request = urllib.request.Request(url)
        self.jar.add_cookie_header(request)
        return request.get_header("Cookie") or ""


class Screen:
    """The class screen's present socket: every view's "voted" count, with when it arrived."""

    def __init__(self, root: str, code: str, cookie: str) -> None:
        self.root, self.code, self.cookie = root, code, cookie
        self.seen: list[tuple[float, int]] = []
        self.phase = ""
        self.refused = ""

    async def open(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.root))
        headers = {"Cookie": self.cookie, "Origin": origin, "Sec-Fetch-Mode": "websocket"}
        url = self.root.replace("http://", "ws://") + "debate-kit/present-ws"
        request = HTTPRequest(url, headers=headers)
        self.conn = await websocket_connect(request)
        self.conn.write_message(json.dumps({"type": "hello", "room": self.code,
                                            "page": f"{self.root}debate-kit/present/{self.code}"}))
        self.reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        while (raw := await self.conn.read_message()) is not None:
            message = json.loads(raw)
            if message.get("type") == "error":
                self.refused = str(message.get("code"))
            view = message.get("view") if message.get("type") == "view" else None
            if isinstance(view, dict):
                self.phase = str(view.get("phase", ""))
                voted = (view.get("vote") or {}).get("voted")
                if isinstance(voted, int):
                    self.seen.append((time.monotonic(), voted))

    async def next_phase(self) -> None:
        before = len(self.seen)
        self.conn.write_message(json.dumps({"type": "control", "id": "next"}))
        for _ in range(600):
            if self.refused:
                raise RuntimeError(f"the class screen was refused: {self.refused}")
            if len(self.seen) > before or self.phase == "pre-vote":
                return
            await asyncio.sleep(0.05)
        raise RuntimeError("the vote did not open")

    def first_time(self, at_least: int, after: float) -> float | None:
        return next((t for t, voted in self.seen if t >= after and voted >= at_least), None)


def processes(hub: HubProcess) -> dict[str, psutil.Process]:
    """The service and the proxy, among the hub's children."""
    found: dict[str, psutil.Process] = {}
    for child in psutil.Process(hub.proc.pid).children(recursive=True):  # type: ignore[union-attr]
        line = " ".join(child.cmdline())
        if "debate_kit.cli service" in line:
            found["service"] = child
        elif "configurable-http-proxy" in line:
            found["proxy"] = child
    return found


def cpu(proc: psutil.Process | None) -> float:
    if proc is None:
        return 0.0
    times = proc.cpu_times()
    return times.user + times.system


async def one_route(route: str, root: str, code: str, teacher: TeacherHttp, db_url: str, n: int,
                    procs: dict[str, psutil.Process], seed: int) -> dict[str, Any]:
    """N phones on one route (through the proxy, or straight to the service) into room ``code``."""
    rng = random.Random(seed)
    store = open_store(db_url)
    room = store.room(code)
    screen = Screen(root, code, teacher.cookie(root))
    await screen.open()
    await screen.next_phase()
    poll = next(p for p in store.polls(room.id) if p.state == "open")
    load = os.getloadavg()
    log(f"{route}: {n} phones within one second (load average {load[0]:.2f})")
    cpu0 = {k: cpu(p) for k, p in procs.items()}
    phones = [Light(root.rstrip("/"), code, f"Phone {i}", source_address(seed * 1000 + i, False))
              for i in range(n)]
    t0 = time.monotonic() + 0.2
    ok = await asyncio.gather(*(p.arrive(poll.id, t0 + rng.uniform(0, 1.0)) for p in phones))
    joined = [p for p, good in zip(phones, ok, strict=True) if good]
    await asyncio.sleep(1.0)
    start = time.monotonic() + 0.2

    async def vote(phone: Light, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        await phone.vote(poll.id, phone.choice)

    for phone in joined:
        phone.choice = rng.choice(OPTIONS)
    await asyncio.gather(*(vote(p, start + rng.uniform(0, 2.0)) for p in joined))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not screen.first_time(len(joined), start):
        await asyncio.sleep(0.05)
    sent = sorted(p.vote_sent for p in joined if p.vote_sent)
    shown = [screen.first_time(k, start) for k in range(1, len(sent) + 1)]
    to_screen = [max(0.0, s - t) for s, t in zip(shown, sent, strict=True) if s is not None]
    cpu1 = {k: cpu(p) for k, p in procs.items()}
    stored = store.votes(poll.id)
    as_sent = 0
    for phone in joined:
        participant = store.participant_by_token(room.id, phone.token)
        as_sent += participant is not None and stored.get(participant.id) == phone.choice
    for phone in phones:
        phone.close()
    screen.conn.close()
    store.close()
    return {"route": route, "students": n, "joined": len(joined), "load_before": load,
            "ready": summary([p.ready for p in phones if p.ready is not None]),
            "vote_ack": summary([p.vote_ack for p in joined if p.vote_ack is not None]),
            "vote_to_screen": summary(to_screen), "screen_saw": len(to_screen),
            "votes": {"sent": len(joined), "stored_as_sent": as_sent, "lost": len(joined) - as_sent},
            "cpu_s": {k: cpu1[k] - cpu0[k] for k in procs},
            "failures": [f for p in phones for f in p.failures][:10]}


async def measure(hub: HubProcess, db_url: str, n: int) -> dict[str, Any]:
    teacher = TeacherHttp(hub)
    teacher.sign_in()
    names = ("warm-up direct", "warm-up proxy", "direct", "proxy")
    codes = {name: teacher.new_room(f"Benchmark: {name}") for name in names}
    procs = processes(hub)
    log("warm-up: 3 phones each way (not counted)")
    await one_route("warm-up", hub.direct_url, codes["warm-up direct"], teacher, db_url, 3, procs, 11)
    await one_route("warm-up", hub.service_url, codes["warm-up proxy"], teacher, db_url, 3, procs, 12)
    direct = await one_route("direct", hub.direct_url, codes["direct"], teacher, db_url, n, procs, 1)
    proxied = await one_route("proxy", hub.service_url, codes["proxy"], teacher, db_url, n, procs, 2)
    ratios = {(name, q): ratio(proxied[name][f"p{q}"], direct[name][f"p{q}"])
              for name, q in (("ready", 50), ("ready", 95), ("vote_ack", 95), ("vote_to_screen", 95))}
    return {"direct": direct, "proxy": proxied,
            "ratios_proxy_over_direct": {f"{name}_p{q}": v for (name, q), v in ratios.items()},
            "nproc": os.cpu_count(), "service_errors": hub.log().count("Traceback")}


def report(r: dict[str, Any]) -> str:
    def ms(v: float | None) -> str:
        return "-" if v is None else f"{v * 1000:.0f} ms"

    head = ("route", "ready p50", "p95", "max", "ack p95", "screen p95", "lost", "load", "service", "proxy")
    lines = ["  ".join(f"{h:>10}" for h in head)]
    for key in ("direct", "proxy"):
        x = r[key]
        cells = (key, ms(x["ready"]["p50"]), ms(x["ready"]["p95"]), ms(x["ready"]["max"]),
                 ms(x["vote_ack"]["p95"]), ms(x["vote_to_screen"]["p95"]), str(x["votes"]["lost"]),
                 f"{x['load_before'][0]:.2f}", f"{x['cpu_s'].get('service', 0):.1f} s",
                 f"{x['cpu_s'].get('proxy', 0):.1f} s")
        lines.append("  ".join(f"{c:>10}" for c in cells))
    lines.append("proxy / direct: " + ", ".join(f"{k} {'-' if v is None else f'{v:.2f}'}"
                                                for k, v in r["ratios_proxy_over_direct"].items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=150)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if proxy_command() is None:
        sys.exit("needs configurable-http-proxy: python3 run.py setup --test")
    classroom.raise_open_files(4 * args.students + 200)
    with TemporaryPostgres() as pg, HubProcess(Path(tempfile.mkdtemp(prefix="dk-hub-bench-")), pg.url) as hub:
        log(f"hub up; {args.students} phones each way")
        result = asyncio.run(measure(hub, pg.url, args.students))
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
