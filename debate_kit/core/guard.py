"""The door of a room: how many wrong join codes and how many joins an address (and everyone) may try.

Pure: the caller passes the time (monotonic seconds) and the address. Wrong codes use a bucket of free
misses per address and one for the whole server; once a bucket is empty, the next wrong code starts a
wait that doubles each time (up to ``max_wait``). While it runs, no code is looked up for that address,
except a code this address has already found: a class behind one school NAT that found its room keeps
getting in while one pupil's typos (or a stranger's sweep) wait. A wait tells nothing about any code,
so it is no oracle. Joins (new participants) have their own bucket per address.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass, field

from debate_kit.core.rate import Bucket
from debate_kit.core.validation import JOIN_ALPHABET, JOIN_CODE_LENGTH

#: Every four-character code: 25 ** 4 = 390,625.
CODE_SPACE = len(JOIN_ALPHABET) ** JOIN_CODE_LENGTH
#: A calendar year, longer than any school year: the bar a sweep of the code space must not clear.
YEAR_SECONDS = 365 * 24 * 3600
#: This machine: tests, benchmarks, the teacher's own browser. Joins from it are not rate-limited.
THIS_MACHINE = frozenset({"127.0.0.1", "::1"})
WRONG_CODES = "Too many wrong codes from this network: wait {wait}, then check the code on the board."
WRONG_CODES_EVERYWHERE = ("Too many wrong codes have been typed on this server lately: wait {wait}, "
                          "then check the code on the board.")
MANY_JOINS = "Many people are joining from this network: wait {wait}, then press Join again."


@dataclass(frozen=True)
class MissRules:
    """How many wrong codes are free at once, how fast they come back, and the waits after that."""

    burst: float
    per_hour: float
    first_wait: float
    max_wait: float
    forgive_after: float  # this long without a wrong code, and the doubling starts again

    def sweep_per_second(self) -> float:
        """The most wrong codes a patient sweeper gets per second in the long run.

        Each wrong code takes a token; tokens come back at ``per_hour``; a wait is only ever started
        with fewer than one token left, so in the long run a sweep gets at most the refill rate (plus
        the ``burst`` once, and less than one code on credit per wait, paid back before the next)."""
        return self.per_hour / 3600

    def sweep_seconds(self, codes: int = CODE_SPACE) -> float:
        """The least time to try ``codes`` codes under these rules (after the free burst)."""
        return max(0.0, codes - self.burst) / self.sweep_per_second()


#: One address (a phone, or a whole school behind one NAT): 30 typos at once, then 30 an hour.
PER_ADDRESS = MissRules(burst=30, per_hour=30, first_wait=30, max_wait=900, forgive_after=3600)
#: Every address together (a sweep from many addresses): 300 at once, then 30 an hour.
EVERYONE = MissRules(burst=300, per_hour=30, first_wait=30, max_wait=900, forgive_after=3600)
#: New participants from one address: a class of 60 at once, then 3 a second.
JOIN_BURST = 60.0
JOINS_PER_SECOND = 3.0
#: Codes an address found are let through during its waits for this long (a school day).
KNOWN_FOR = 12 * 3600
MAX_ADDRESSES = 10_000


def wait_text(seconds: float) -> str:
    """"45 seconds" or "3 minutes": a wait a student can read, rounded up."""
    whole = max(1, math.ceil(seconds))
    if whole < 120:
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{math.ceil(whole / 60)} minutes"


def address_key(address: str) -> str:
    """The unit an address is limited as: an IPv4 address, or an IPv6 /64 (one home or one school)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class Misses:
    """Wrong codes of one address (or of everyone): free tokens, then doubling waits."""

    rules: MissRules
    tokens: float = 0.0
    stamp: float | None = None  # None: never used (the bucket starts full)
    strikes: int = 0
    until: float = 0.0
    last_miss: float = -math.inf

    def wait(self, now: float) -> float:
        """Seconds left before a code may be looked up (0: now)."""
        return max(0.0, self.until - now)

    def miss(self, now: float) -> None:
        """A wrong code was looked up at ``now``."""
        if now - self.last_miss >= self.rules.forgive_after:
            self.strikes = 0
        self.last_miss = now
        self._refill(now)
        self.tokens -= 1.0
        if self.tokens < 1.0:
            wait = min(self.rules.max_wait, self.rules.first_wait * 2 ** min(self.strikes, 30))
            self.until = max(self.until, now + wait)
            self.strikes += 1

    def _refill(self, now: float) -> None:
        if self.stamp is None:
            self.tokens, self.stamp = self.rules.burst, now
        self.tokens = min(self.rules.burst, self.tokens + (now - self.stamp) * self.rules.per_hour / 3600)
        self.stamp = now

    def idle(self, now: float) -> bool:
        """Nothing to remember: no wait running and no wrong code for ``forgive_after``."""
        return now >= self.until and now - self.last_miss >= self.rules.forgive_after


@dataclass
class Door:
    """One server's guard for its student pages: wrong codes and joins, per address and in all."""

    per_address: MissRules = PER_ADDRESS
    everyone_rules: MissRules = EVERYONE
    join_burst: float = JOIN_BURST
    joins_per_second: float = JOINS_PER_SECOND
    unlimited_joins: frozenset[str] = THIS_MACHINE
    misses: dict[str, Misses] = field(default_factory=dict)
    known: dict[str, dict[str, float]] = field(default_factory=dict)
    joins: dict[str, Bucket] = field(default_factory=dict)
    everyone: Misses | None = None

    # -- codes ----------------------------------------------------------------------------------------
    def code_refusal(self, address: str, code: str, now: float) -> str | None:
        """None if ``code`` (normalised) may be looked up for ``address`` now, else the message why not."""
        key = address_key(address)
        if self.known.get(key, {}).get(code, -math.inf) > now - KNOWN_FOR:
            return None
        mine = self.misses.get(key)
        if mine is not None and mine.wait(now) > 0:
            return WRONG_CODES.format(wait=wait_text(mine.wait(now)))
        overall = self._everyone().wait(now)
        if overall > 0:
            return WRONG_CODES_EVERYWHERE.format(wait=wait_text(overall))
        return None

    def wrong_code(self, address: str, now: float) -> None:
        key = address_key(address)
        mine = self.misses.get(key)
        if mine is None:
            self._prune(now)
            mine = self.misses[key] = Misses(self.per_address)
        mine.miss(now)
        self._everyone().miss(now)

    def right_code(self, address: str, code: str, now: float) -> None:
        key = address_key(address)
        codes = self.known.get(key)
        if codes is None:
            self._prune(now)
            codes = self.known[key] = {}
        codes[code] = now
        if len(codes) > 20:  # a few rooms per address; drop the oldest
            del codes[min(codes, key=codes.__getitem__)]

    # -- joins ----------------------------------------------------------------------------------------
    def join_refusal(self, address: str, now: float) -> str | None:
        """None if ``address`` may add a participant now (it takes one from its bucket), else why not."""
        if address in self.unlimited_joins:
            return None
        key = address_key(address)
        bucket = self.joins.get(key)
        if bucket is None:
            self._prune(now)
            bucket = self.joins[key] = Bucket(self.joins_per_second, self.join_burst)
        if bucket.allow(now):
            return None
        return MANY_JOINS.format(wait=wait_text((1.0 - bucket.tokens) / self.joins_per_second))

    # -- memory ---------------------------------------------------------------------------------------
    def _everyone(self) -> Misses:
        if self.everyone is None:
            self.everyone = Misses(self.everyone_rules)
        return self.everyone

    def _prune(self, now: float) -> None:
        """Keep at most MAX_ADDRESSES of each table: forget what no longer limits anyone."""
        if len(self.misses) >= MAX_ADDRESSES:
            self.misses = {k: m for k, m in self.misses.items() if not m.idle(now)}
            if len(self.misses) >= MAX_ADDRESSES:  # a sweep from very many addresses: EVERYONE holds it
                self.misses.clear()
        if len(self.known) >= MAX_ADDRESSES:
            self.known = {k: c for k, c in self.known.items() if max(c.values()) > now - KNOWN_FOR}
            if len(self.known) >= MAX_ADDRESSES:
                self.known.clear()
        if len(self.joins) >= MAX_ADDRESSES:
            full = self.join_burst
            self.joins = {k: b for k, b in self.joins.items()
                          if b.tokens + (now - b.stamp) * self.joins_per_second < full}
            if len(self.joins) >= MAX_ADDRESSES:
                self.joins.clear()
