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


class StandInAuth:
    """HubOAuth's get_user as far as the service uses it: one answer kept per handler, else the next."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)

    async def get_user(self, handler: object, *, sync: bool = True) -> object:
        assert not sync, "an open socket must not block the event loop on the hub"
        if hasattr(handler, "_cached_hub_user"):
            return handler._cached_hub_user
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        handler._cached_hub_user = answer  # type: ignore[attr-defined]
        return answer


class Socket:
    def __init__(self, auth: StandInAuth) -> None:
        self.settings = {"hub_auth": auth}
        self._cached_hub_user = {"name": "teacher1"}  # the answer when the socket opened


def test_an_open_socket_asks_the_hub_again() -> None:
    """The class screen's socket re-asks the hub (not the handler's first answer): a logout is False,
    another user is False, a hub that does not answer is None (the screen stays, its button waits)."""
    import asyncio

    from debate_kit.service.auth import still_signed_in

    auth = StandInAuth({"name": "teacher1"}, None, {"name": "teacher2"}, OSError("hub down"))
    socket = Socket(auth)
    answers = [asyncio.run(still_signed_in(socket, "teacher1")) for _ in range(4)]
    assert answers == [True, False, False, None]
    assert not auth.answers
    assert asyncio.run(still_signed_in(type("NoHub", (), {"settings": {}})(), "teacher1")) is False
