"""Evidence cards at class size: N light phones each save 3 cards within a minute, then the decks go out.

    python3 run.py bench cards                      # N = 150, cards within 60 s
    python3 run.py bench cards --students 150 --window 60 --json benchmarks/results/cards.json

A real ``debate-kit serve`` (SQLite), a room in the reading phase, N light students (benchmarks/classroom.py's
``Light``: page, websocket, hello, join). Then, in the same run:

1. baseline: every student answers one reading prompt, spread over 10 s (the reading phase's existing
   action): ``answer`` -> ack;
2. every student saves 3 cards at random times within ``--window`` seconds: ``card_new`` -> ack;
3. baseline push: the teacher moves the room to "sides" (no sides yet): change -> every phone's view;
4. decks: the teacher publishes sides (every student a job): change -> every team member's view with
   their team's whole deck (every teammate's cards).

Reported: ack and push p50 / p95 / max, their ratios to the baselines, cards sent / acked / stored,
view bytes per phone, the server's CPU; targets (issue 19): card ack p95 and deck push p95 < 0.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from classroom import (
    Light,
    code_state,
    machine,
    pct,
    raise_open_files,
    ratio,
    source_address,
    summary,
    uptime,
)

from debate_kit import config
from debate_kit.content import load_lesson
from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import DEFAULT_PLAN, assign_sides
from debate_kit.rooms import create_lesson_room
from debate_kit.store import open_store
from debate_kit.testing import VoilaServer

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def card(i: int, k: int) -> dict[str, str]:
    """A realistic card (about 700 bytes): every required part filled, as a student would."""
    return {
        "claim": f"Student {i}'s claim {k}: the essay says integration is moving towards one state.",
        "evidence": "The 2021 programmes set out 28 sectoral programmes on tax, energy and markets; "
                    "officials on both sides described them as economic, not political, union.",
        "outlet": "Reuters", "date": "2021-11-04", "url": f"https://www.reuters.com/world/example-{i}-{k}",
        "behind": "An international news agency; its reporters cite officials on both sides.",
        "others": "Two other outlets report the same number of programmes; one adds that few were finished.",
        "trust": "high", "trust_reason": "Other agencies report the same figure from the same signing.",
        "reasoning": "It shows integration on paper, but not the political merger the essay claims.",
        "helps": random.Random(i * 10 + k).choice(["proposition", "opposition", "both"]),
    }


def deck_size(view: dict[str, Any] | None) -> int | None:
    cards = (view or {}).get("cards") or {}
    deck = cards.get("deck")
    return None if deck is None else len(deck.get("cards") or ())


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args, self.n = args, args.students
        self.work = Path(tempfile.mkdtemp(prefix="dk-cards-"))
        self.db_url = f"sqlite:///{self.work / 'classroom.sqlite3'}"
        self.store = open_store(self.db_url)
        self.lesson = load_lesson(config.readings_dir() / config.DEFAULT_LESSON)
        self.room, self.key = create_lesson_room(self.store, self.lesson, f"Cards benchmark, {self.n}")
        self.store.set_door(self.room.id, self.key, max_people=self.n + 50)
        self.store.set_phase(self.room.id, self.key, "reading")
        self.server = VoilaServer(self.db_url, notebooks=NOTEBOOKS, workdir=self.work)
        self.out: dict[str, Any] = {"students": self.n, "window_s": args.window, "machine": machine(),
                                    "code": code_state(), "load_before": os.getloadavg(),
                                    "uptime_before": uptime(), "command": " ".join(sys.argv)}

    def cpu(self) -> float:
        times = self.proc.cpu_times()
        return times.user + times.system

    async def spread(self, jobs: list[Any], seconds: float) -> list[Any]:
        """Run each job at a random moment within ``seconds`` (the class does it "within a minute")."""
        rng = random.Random(self.n)
        start = time.monotonic()

        async def at(job: Any) -> Any:
            await asyncio.sleep(max(0.0, start + rng.uniform(0, seconds) - time.monotonic()))
            return await job()
        return await asyncio.gather(*(at(job) for job in jobs), return_exceptions=True)

    async def push(self, phones: list[Light], change: Any, done: Any) -> dict[str, Any]:
        """Time from ``change()`` (a store write, as the teacher's console makes) to each phone's view."""
        start = time.monotonic()
        waits = [p.wait_view(done(p)) for p in phones]
        cpu0, bytes0 = self.cpu(), sum(p.bytes_in for p in phones)
        await asyncio.get_running_loop().run_in_executor(None, change)
        seen = await asyncio.wait_for(asyncio.gather(*waits), 120)
        await asyncio.sleep(0.5)
        return {"s": summary([max(0.0, t - start) for t in seen]), "server_cpu_s": self.cpu() - cpu0,
                "bytes_per_phone": (sum(p.bytes_in for p in phones) - bytes0) / len(phones)}

    async def main(self) -> dict[str, Any]:
        root = self.server.url
        code = self.room.code
        phones = [Light(root, code, f"Student {i}", source_address(i, False)) for i in range(self.n)]

        async def arrive(p: Light) -> None:
            await p.open()
            answer, _, _ = await p.act("join", room=self.room.code, name=p.name, anonymous=False)
            if answer.get("type") != "ack":
                raise RuntimeError(answer)
        await self.spread([lambda p=p: arrive(p) for p in phones], 5.0)
        await asyncio.sleep(1.0)
        self.out["joined"] = sum(p.conn is not None for p in phones)
        prompt = next(p.id for s in self.lesson.sections for p in s.prompts)

        async def answer(p: Light) -> float:
            reply, sent, at = await p.act("answer", prompt=prompt, text=f"{p.name}: the essay skips dates.")
            assert reply.get("type") == "ack", reply
            return at - sent
        cpu0 = self.cpu()
        acks = await self.spread([lambda p=p: answer(p) for p in phones], 10.0)
        self.out["answer_ack"] = summary([a for a in acks if isinstance(a, float)])
        self.out["answer_server_cpu_per_ack_ms"] = (self.cpu() - cpu0) / self.n * 1000

        sent = acked = 0

        async def save(p: Light, k: int) -> float:
            nonlocal sent, acked
            sent += 1
            reply, t0, at = await p.act("card_new", card=card(phones.index(p), k))
            if reply.get("type") != "ack":
                p.failures.append(f"card: {reply}"[:300])
                raise RuntimeError(reply)
            acked += 1
            return at - t0
        cpu0, bytes0 = self.cpu(), sum(p.bytes_in for p in phones)
        saves = [lambda p=p, k=k: save(p, k) for p in phones for k in range(3)]
        acks = await self.spread(saves, self.args.window)
        await asyncio.sleep(1.0)
        stored = len(self.store.cards(self.room.id))
        self.out["cards"] = {"sent": sent, "acked": acked, "stored": stored,
                             "ack": summary([a for a in acks if isinstance(a, float)]),
                             "server_cpu_per_card_ms": (self.cpu() - cpu0) / max(1, sent) * 1000,
                             "bytes_per_phone_in_window": (sum(p.bytes_in for p in phones) - bytes0) / self.n}
        self.out["phase_push"] = await self.push(
            phones, lambda: self.store.set_phase(self.room.id, self.key, "sides"),
            lambda _p: lambda v: (v.get("room") or {}).get("phase") == "sides")
        # Sides saved (the phones see nothing yet); each team member's expected deck; then the timed publish.
        ids = {x.name: x.id for x in self.store.participants(self.room.id)}
        assignment = assign_sides(sorted(str(i) for i in ids.values()), DEFAULT_PLAN, seed=self.n, history={})
        round_ = self.store.save_round(self.room.id, self.key, assignment, PRESETS["classroom"])
        team_of = {s.participant_id: (s.role, s.debate) for s in self.store.seats(round_.id)
                   if s.role in ("proposition", "opposition")}
        authored: dict[int, int] = {}
        for c in self.store.cards(self.room.id):
            authored[c.participant_id] = authored.get(c.participant_id, 0) + 1
        want = {pid: sum(authored.get(m, 0) for m, t in team_of.items() if t == team)
                for pid, team in team_of.items()}
        members = [p for p in phones if ids[p.name] in want]
        self.out["deck_push"] = {**await self.push(
            members, lambda: self.store.publish_round(round_.id, self.key),
            lambda p: lambda v, n=want[ids[p.name]]: deck_size(v) == n),
            "team_members": len(members),
            "deck_cards_p50": pct([float(want[ids[p.name]]) for p in members], 50)}
        self.out["failures"] = [f for p in phones for f in p.failures][:20]
        for p in phones:
            p.close()
        return self.out

    def run(self) -> dict[str, Any]:
        self.server.start()
        self.proc = psutil.Process(self.server.proc.pid)  # type: ignore[union-attr]
        try:
            return asyncio.run(self.main())
        finally:
            self.out["server_tracebacks"] = self.server.log().count("Traceback")
            self.server.stop()


def report(r: dict[str, Any]) -> str:
    def s(x: dict[str, Any]) -> str:
        return " / ".join(f"{x[k]:.3f}" if x.get(k) is not None else "-" for k in ("p50", "p95", "max"))
    c, d, ph = r["cards"], r["deck_push"], r["phase_push"]
    return "\n".join([
        f"N = {r['students']} phones, {c['sent']} cards within {r['window_s']:.0f} s; load before "
        f"{', '.join(f'{x:.2f}' for x in r['load_before'])}",
        "| measure | p50 / p95 / max (s) | ratio to baseline (p95) | target |",
        "|---|---|---|---|",
        f"| baseline: answer -> ack | {s(r['answer_ack'])} | 1 | |",
        f"| card_new -> ack | {s(c['ack'])} | {ratio(c['ack']['p95'], r['answer_ack']['p95']) or 0:.2f} | "
        "p95 < 0.5 s |",
        f"| baseline: phase change -> every phone | {s(ph['s'])} | 1 | |",
        f"| sides published -> every team member's full deck | {s(d['s'])} | "
        f"{ratio(d['s']['p95'], ph['s']['p95']) or 0:.2f} | p95 < 0.5 s |",
        "",
        f"cards sent / acked / stored: {c['sent']} / {c['acked']} / {c['stored']}; "
        f"failures: {len(r['failures'])}; "
        f"server tracebacks: {r['server_tracebacks']}",
        f"server CPU: {r['answer_server_cpu_per_ack_ms']:.1f} ms per answer, "
        f"{c['server_cpu_per_card_ms']:.1f} ms "
        f"per card (incl. pushes); deck push {d['server_cpu_s']:.2f} s for {d['team_members']} team members "
        f"(decks of {d['deck_cards_p50'] or 0:.0f} cards, p50)",
        f"bytes per phone: {c['bytes_per_phone_in_window'] / 1000:.1f} kB during the card window, "
        f"{ph['bytes_per_phone'] / 1000:.1f} kB for the phase push, {d['bytes_per_phone'] / 1000:.1f} kB for "
        "the deck push",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--students", type=int, default=150)
    parser.add_argument("--window", type=float, default=60.0, help="seconds in which each saves 3 cards")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    raise_open_files(4 * args.students + 1024)
    result = Run(args).run()
    result["load_after"] = os.getloadavg()
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
