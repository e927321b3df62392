"""core/rate.py: a token bucket allows a burst, then its rate; the caller passes the time."""

from __future__ import annotations

from debate_kit.core.rate import Bucket


def test_a_burst_then_the_rate() -> None:
    bucket = Bucket(rate=2.0, burst=5.0)
    assert [bucket.allow(100.0) for _ in range(6)] == [True] * 5 + [False]  # full at first use
    assert bucket.allow(100.2) is False  # 0.4 of a token
    assert bucket.allow(100.5) is True  # one token after 0.5 s at 2 per second
    assert bucket.allow(100.5) is False
    allowed = sum(bucket.allow(100.5 + i / 100) for i in range(1, 301))  # 3 s of steady sending
    assert allowed == 6


def test_a_long_pause_refills_only_up_to_the_burst() -> None:
    bucket = Bucket(rate=1.0, burst=3.0)
    assert all(bucket.allow(0.0) for _ in range(3)) and not bucket.allow(0.0)
    assert [bucket.allow(3600.0) for _ in range(4)] == [True, True, True, False]


def test_a_zero_rate_never_refills() -> None:
    bucket = Bucket(rate=0.0, burst=2.0)
    assert [bucket.allow(t) for t in (0.0, 1.0, 1e6)] == [True, True, False]


def test_buckets_are_independent() -> None:
    one, two = Bucket(rate=1.0, burst=1.0), Bucket(rate=1.0, burst=1.0)
    assert one.allow(5.0) and not one.allow(5.0)
    assert two.allow(5.0)
