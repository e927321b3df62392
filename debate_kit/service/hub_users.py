"""Whether the names a room's owner types are hub users: asked of the hub's REST API.

``GET {JUPYTERHUB_API_URL}/users/NAME`` with the service's own token (``JUPYTERHUB_API_TOKEN``, which
the hub gives the service; never shown, logged or put in a URL). The service needs a role with the
scope ``read:users:name`` (docs/jupyterhub.md); JupyterHub answers 200 for a user, 404 for no such
user, 403 without the scope. Anything else (the hub down, a timeout) is "could not ask": the caller
saves nothing. The verdict is pure (:func:`verdict`); the asking is a thin shell (:func:`hub_asker`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import quote

from debate_kit.core.errors import DebateKitError, InvalidInput

#: Asks the hub about one name: the HTTP status of ``GET /users/NAME`` (0: no answer at all).
Asker = Callable[[str], Awaitable[int]]

UNREACHABLE = ("The hub did not answer whether these users exist, so nothing was saved. Try again in a "
               "minute; if it goes on, tell the hub's administrator.")
NO_SCOPE = ("The service may not look up the hub's users (its role needs the scope read:users:name, see "
            "docs/jupyterhub.md), so nothing was saved. Tell the hub's administrator.")


class HubUnreachable(DebateKitError):
    """The hub could not say whether a user exists: save nothing."""


def verdict(statuses: dict[str, int]) -> None:
    """Refuse if any name is not a hub user (404), or if the hub could not say (403: no scope; other)."""
    if any(code == 403 for code in statuses.values()):
        raise HubUnreachable("hub-users-scope", NO_SCOPE)
    if any(code not in (200, 404) for code in statuses.values()):
        raise HubUnreachable("hub-unreachable", UNREACHABLE)
    unknown = [name for name, code in statuses.items() if code == 404]
    if unknown:
        listed = ", ".join(f"'{name}'" for name in unknown)
        raise InvalidInput("teacher-unknown", f"No hub user is called {listed}: type the name as the hub "
                                              "shows it (ask them to sign in to the hub once). Nothing was "
                                              "saved.")


async def check_hub_users(names: Iterable[str], ask: Asker) -> None:
    """Ask the hub about every name at once; refuse as :func:`verdict` says."""
    wanted = list(dict.fromkeys(names))
    codes = await asyncio.gather(*(ask(name) for name in wanted))
    verdict(dict(zip(wanted, codes, strict=True)))


def hub_asker(api_url: str, token: str, timeout: float = 10.0) -> Asker:
    """An :data:`Asker` over the hub's REST API with the service's token (tornado's HTTP client)."""
    from tornado.httpclient import AsyncHTTPClient

    async def ask(name: str) -> int:
        try:
            answer = await AsyncHTTPClient().fetch(
                f"{api_url.rstrip('/')}/users/{quote(name, safe='')}", raise_error=False,
                headers={"Authorization": f"token {token}", "Accept": "application/json"},
                request_timeout=timeout, connect_timeout=timeout)
        except Exception:  # no answer at all (refused, DNS, TLS): not a verdict on the name
            return 0
        return answer.code

    return ask
