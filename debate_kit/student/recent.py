"""Recent actions: a short memory, per device, of acknowledged actions, so a retry is not done twice.

A page that lost its connection before the answer came sends the action again once, with the same
``key`` (docs/student-protocol.md, "Retries"). If this memory holds that device's action under that key
with the same content, the retry gets the same ack (with its own ``id``) and nothing is written again.
The memory lives in this process only: the server's (shared by all of a device's connections) or a
notebook kernel's; it is lost on a restart, where the session's own checks keep a retry harmless.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from debate_kit.core.errors import InvalidInput
from debate_kit.core.student_protocol import Message

KEEP_SECONDS = 600.0  # a retry comes within 2 minutes (page.js); the memory is longer
PER_DEVICE = 16  # actions kept per device (a page has a few waiting at most)
DEVICES = 5000  # devices kept (more than a server's socket cap); the oldest go first
KEY_REUSED = "This page sent two different things under one name. Reload the page, then save again."


def content(message: Message) -> str:
    """What makes two messages the same action: their type and fields (not the id)."""
    return json.dumps([message.type, message.fields], sort_keys=True, ensure_ascii=False)


class RecentActions:
    """Device token -> {key: (content, ack, time)}; safe to share between sessions and threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._devices: OrderedDict[str, OrderedDict[str, tuple[str, dict[str, Any], float]]] = OrderedDict()

    def recall(self, token: str, message: Message) -> dict[str, Any] | None:
        """The ack this device already got for this action (with the new id), or None."""
        key = message.fields.get("key")
        if not key:
            return None
        with self._lock:
            kept = self._devices.get(token, {}).get(key)
        if kept is None or kept[2] < self._clock() - KEEP_SECONDS:
            return None
        if kept[0] != content(message):
            raise InvalidInput("action-key-reused", KEY_REUSED)
        return {**kept[1], "id": message.id}

    def remember(self, token: str, message: Message, reply: dict[str, Any]) -> None:
        key = message.fields.get("key")
        if not key or reply.get("type") != "ack":  # a refused action wrote nothing: a retry is checked again
            return
        now = self._clock()
        with self._lock:
            actions = self._devices.pop(token, None) or OrderedDict()
            self._devices[token] = actions  # most recently used last
            actions.pop(key, None)
            actions[key] = (content(message), reply, now)
            while len(actions) > PER_DEVICE or next(iter(actions.values()))[2] < now - KEEP_SECONDS:
                actions.popitem(last=False)
            while len(self._devices) > DEVICES:
                self._devices.popitem(last=False)
