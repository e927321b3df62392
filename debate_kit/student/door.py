"""A student's way into a room: a typed code looked up through the server's :class:`Door`, joins paced.

The shell around :mod:`debate_kit.core.guard`: it reads the clock and the store. Without a door (the
student logic's own tests, a tool), a code is simply looked up.
"""

from __future__ import annotations

import time

from debate_kit.core.errors import NotAllowed, NotFound
from debate_kit.core.guard import Door
from debate_kit.core.validation import normalize_join_code
from debate_kit.store import Room, Store

REMOVED = ("Your teacher took you out of this room, so your votes and answers no longer count. "
           "Ask your teacher if this is a mistake.")


def find_room(store: Store, door: Door | None, address: str, code: str) -> Room:
    """The room with this typed code; a wrong code counts against ``address`` (and everyone)."""
    if door is None:
        return store.room(code)
    code = normalize_join_code(code)  # a malformed code probes nothing: refused before the door
    now = time.monotonic()
    refusal = door.code_refusal(address, code, now)
    if refusal is not None:
        raise NotAllowed("code-wait", refusal)
    try:
        room = store.room(code)
    except NotFound:
        door.wrong_code(address, now)
        raise
    door.right_code(address, room.code, now)
    return room


def pace_join(door: Door | None, address: str) -> None:
    """Refuse a join from an address that adds people faster than a class does."""
    refusal = None if door is None else door.join_refusal(address, time.monotonic())
    if refusal is not None:
        raise NotAllowed("join-wait", refusal)
