"""How long the service keeps the hub's answer about a cookie (a hub logout ends access after it)."""

from __future__ import annotations

import pytest

from debate_kit.service import AUTH_CACHE_SECONDS, auth_cache_seconds


@pytest.mark.parametrize(("value", "seconds"), [
    (None, AUTH_CACHE_SECONDS), ("2", 2), ("0", 0), ("-5", 0), ("100000", 300), ("soon", AUTH_CACHE_SECONDS),
])
def test_the_cache_is_short_and_bounded(monkeypatch: pytest.MonkeyPatch, value: str | None,
                                        seconds: int) -> None:
    if value is None:
        monkeypatch.delenv("DEBATE_KIT_HUB_AUTH_CACHE", raising=False)
    else:
        monkeypatch.setenv("DEBATE_KIT_HUB_AUTH_CACHE", value)
    assert auth_cache_seconds() == seconds
    assert AUTH_CACHE_SECONDS <= 10
