"""core/guard.py: a school NAT gets in; a sweep of the join codes is slowed past a year; joins are paced."""

from __future__ import annotations

import itertools
import random

from debate_kit.core.guard import (
    CODE_SPACE,
    EVERYONE,
    MAX_ADDRESSES,
    PER_ADDRESS,
    YEAR_SECONDS,
    Door,
    address_key,
    wait_text,
)
from debate_kit.core.validation import JOIN_ALPHABET

REAL = {"K7QF"}
DAY = 24 * 3600


def look_up(door: Door, address: str, code: str, now: float) -> str:
    """What a student's page gets: "in", "no such room" or the door's message."""
    refusal = door.code_refusal(address, code, now)
    if refusal is not None:
        return refusal
    if code in REAL:
        door.right_code(address, code, now)
        return "in"
    door.wrong_code(address, now)
    return "no such room"


def all_codes() -> list[str]:
    return ["".join(c) for c in itertools.product(JOIN_ALPHABET, repeat=4)]


def sweep(door: Door, addresses: list[str], seconds: float) -> int:
    """A patient sweeper: each address tries the next unknown code the moment it may. Codes looked up."""
    codes = iter(all_codes())
    looked = 0
    now = 0.0
    while now < seconds:
        for address in addresses:
            code = next(codes)
            while code in REAL:
                code = next(codes)
            if door.code_refusal(address, code, now) is None:
                door.wrong_code(address, now)
                looked += 1
        waits = [door.misses[address_key(a)].wait(now) for a in addresses if address_key(a) in door.misses]
        waits.append(door._everyone().wait(now))
        now += max(0.01, min(w for w in waits if w > 0) if any(w > 0 for w in waits) else 0.01)
    return looked


def test_the_code_space_and_the_year_arithmetic() -> None:
    assert CODE_SPACE == 25**4 == 390_625
    # 30 wrong codes an hour after the first 30: (390,625 - 30) / 30 = 13,019.8 hours = 542.5 days
    assert PER_ADDRESS.sweep_per_second() * 3600 == 30
    assert round(PER_ADDRESS.sweep_seconds() / DAY, 1) == 542.5
    assert round(EVERYONE.sweep_seconds() / DAY, 1) == 542.1
    assert min(PER_ADDRESS.sweep_seconds(), EVERYONE.sweep_seconds()) > YEAR_SECONDS
    # today's 360 guesses a second would cover it in 18 minutes
    assert CODE_SPACE / 360 / 60 < 20


def nat_class(door: Door, nat: str, typos_per_phone: list[int]) -> tuple[dict[int, float], int]:
    """30 phones typing within 8 s; each types its typos first (2 s apart), then the code on the board.
    Returns when each got in, and how many typos were asked to wait."""
    rng = random.Random(7)
    typos = ["K7QE", "K7FQ", "X7QF", "KTQF", "K7QH", "H7QF", "K7GF", "F7QK"]
    events = []
    for phone, wrong in enumerate(typos_per_phone):
        start = rng.uniform(0, 8)
        events += [(start + i * 2.0, phone, rng.choice(typos)) for i in range(wrong)]
        events.append((start + wrong * 2.0, phone, "K7QF"))
    joined_at: dict[int, float] = {}
    waited = 0
    for now, phone, code in sorted(events):
        answer = look_up(door, nat, code, now)
        waited += answer.startswith("Too many")
        if answer == "in":
            joined_at[phone] = now
    return joined_at, waited


def test_a_school_nat_of_thirty_phones_with_typos_all_get_in_within_seconds() -> None:
    rng = random.Random(3)
    typos = [rng.choice([0, 0, 0, 1, 1, 2]) for _ in range(30)]  # a third mistype once, some twice
    joined_at, waited = nat_class(Door(), "203.0.113.9", typos)
    assert 10 <= sum(typos) <= 30
    assert len(joined_at) == 30 and max(joined_at.values()) < 15 and waited == 0


def test_even_a_class_that_mistypes_three_times_each_gets_in_within_seconds() -> None:
    # 75 typos from one address; five phones type the code right away (from the QR code, say)
    joined_at, waited = nat_class(Door(), "203.0.113.9", [0] * 5 + [3] * 25)
    assert waited > 0  # typos beyond the first 30 are asked to wait ...
    assert len(joined_at) == 30 and max(joined_at.values()) < 15  # ... the room's code is not


def test_a_class_that_found_its_room_keeps_getting_in_while_its_typos_wait() -> None:
    door = Door()
    nat = "198.51.100.4"
    assert look_up(door, nat, "K7QF", 0.0) == "in"
    for i in range(PER_ADDRESS.burst):
        assert look_up(door, nat, f"Q{JOIN_ALPHABET[i % 25]}QQ", 1.0) == "no such room"
    refused = look_up(door, nat, "QQQA", 1.5)
    assert refused == ("Too many wrong codes from this network: wait 30 seconds, then check the code on "
                       "the board.")
    assert look_up(door, nat, "K7QF", 1.6) == "in"  # the class's own code: known here, so no oracle
    assert look_up(door, "192.0.2.1", "K7QF", 1.6) == "in"  # another network is not held up
    assert look_up(door, nat, "QQQA", 31.1) == "no such room"  # after the wait, one more try


def test_waits_double_up_to_fifteen_minutes_and_are_forgiven_after_a_quiet_hour() -> None:
    door, address, now = Door(), "192.0.2.7", 0.0
    for _ in range(int(PER_ADDRESS.burst)):
        door.wrong_code(address, now)
    waits = []
    while len(waits) < 7:  # a patient sweeper: the next code as soon as it may
        wait = door.misses[address].wait(now)
        if wait:
            waits.append(round(wait))
            if wait == 900:
                assert "wait 15 minutes" in str(door.code_refusal(address, "QQQQ", now))
            now += wait
        door.wrong_code(address, now)
    assert waits == [30, 60, 120, 240, 480, 900, 900]
    now += 2 * 3600
    for _ in range(int(PER_ADDRESS.burst)):
        door.wrong_code(address, now)
    assert round(door.misses[address].wait(now)) == 30


def test_a_sweep_from_one_address_would_take_longer_than_a_year() -> None:
    door = Door()
    looked = sweep(door, ["192.0.2.66"], 7 * DAY)
    assert looked <= PER_ADDRESS.burst + 30 * 24 * 7 + 3
    years = CODE_SPACE / (looked / (7 * DAY)) / YEAR_SECONDS
    assert years > 1.4, years  # the first week's burst included; the long run is 542 days


def test_a_sweep_from_many_addresses_is_held_by_the_server_wide_limit() -> None:
    door = Door()
    addresses = [f"10.{i // 250}.{i % 250}.1" for i in range(400)]
    looked = sweep(door, addresses, 2 * DAY)
    assert looked <= EVERYONE.burst + 30 * 48 + 400, looked  # each address: at most one on credit
    assert CODE_SPACE / (looked / (2 * DAY)) > YEAR_SECONDS
    assert "on this server lately" in str(door.code_refusal("10.9.9.9", "QQQQ", 2 * DAY - 1))
    # a class that found its room during the sweep still gets in
    door2 = Door()
    assert look_up(door2, "203.0.113.50", "K7QF", 0.0) == "in"
    sweep(door2, addresses, 3600)
    assert look_up(door2, "203.0.113.50", "K7QF", 3600.0) == "in"


def test_ipv6_addresses_count_per_slash_64() -> None:
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.5") == "192.0.2.5"
    assert address_key("not an ip") == "not an ip"
    door = Door()
    for i in range(int(PER_ADDRESS.burst)):
        door.wrong_code(f"2001:db8::{i + 1:x}", 0.0)  # a phone that changes its address each try
    assert door.code_refusal("2001:db8::ffff", "QQQQ", 1.0) is not None


def test_joins_a_class_of_sixty_at_once_then_three_a_second() -> None:
    door, nat = Door(), "203.0.113.7"
    assert all(door.join_refusal(nat, 0.0) is None for _ in range(60))
    assert door.join_refusal(nat, 0.0) == ("Many people are joining from this network: wait 1 second, "
                                           "then press Join again.")
    assert sum(door.join_refusal(nat, 1.0) is None for _ in range(10)) == 3
    assert door.join_refusal("192.0.2.1", 1.0) is None  # another network has its own
    assert all(door.join_refusal("127.0.0.1", 0.0) is None for _ in range(1000))  # this machine


def test_memory_stays_bounded_under_many_addresses() -> None:
    door = Door()
    for i in range(3 * MAX_ADDRESSES):
        address = f"10.{i // 65536}.{i // 256 % 256}.{i % 256}"
        door.wrong_code(address, float(i))
        door.right_code(address, "K7QF", float(i))
        door.join_refusal(address, float(i))
    assert len(door.misses) <= MAX_ADDRESSES and len(door.known) <= MAX_ADDRESSES
    assert len(door.joins) <= MAX_ADDRESSES


def test_wait_text() -> None:
    assert [wait_text(s) for s in (0.2, 1, 29.1, 119, 120, 899.5)] == [
        "1 second", "1 second", "30 seconds", "119 seconds", "2 minutes", "15 minutes"]
