"""The student protocol's messages (docs/student-protocol.md), checked before anything else sees them.

A browser can send anything. :func:`parse_message` turns raw text into a :class:`Message` only if it is
small, JSON, of a known type, with exactly that type's fields of the right kinds; otherwise it raises
:class:`InvalidInput` with a message a student can act on. Rights and values (is this poll open, is this
option one of its own) are checked afterwards, against the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from debate_kit.core.errors import InvalidInput
from debate_kit.core.validation import check_row_id

#: Largest message accepted (bytes of UTF-8): an answer of 5,000 characters fits, with room to spare.
MAX_MESSAGE = 16 * 1024
MAX_REQUEST_ID = 2**31
#: An action's optional ``key``: the page's name for it, the same when it sends it again (a retry).
KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
KEY_LENGTHS = range(8, 65)

#: type -> {field: expected Python type}; ``id`` (an int) is added to every type but ``hello``.
FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "hello": {"token": str, "room": str},
    "join": {"room": str, "name": str, "anonymous": bool},
    "vote": {"poll": int, "option": str},
    "answer": {"prompt": str, "text": str},
    "score": {"speech": int, "values": dict, "comment": str},
    # evidence cards (core/cards.py checks a card's own fields)
    "card_new": {"card": dict},
    "card_edit": {"card_id": int, "card": dict},
    "card_delete": {"card_id": int},
    "card_mark": {"card_id": int, "marked": bool},
    "card_tag": {"card_id": int, "speech": str, "tagged": bool},  # a card cited in the sender's speech
    # a reflection on one's own swing (core/reflection.py checks why and mattered)
    "reflect": {"poll": int, "why": str, "mattered": str},
}


@dataclass(frozen=True)
class Message:
    """A well-formed message: its ``type``, request ``id`` (None for hello) and fields."""

    type: str
    id: int | None
    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]


def request_id(raw: object) -> int | None:
    """The ``id`` of a message if it has a usable one (so even a refused message can be answered)."""
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_REQUEST_ID:
            return value
    return None


def decode(text: str | bytes) -> object:
    """JSON text -> a Python value, refusing oversize or broken messages."""
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_MESSAGE:
        raise InvalidInput("message-too-big",
                           f"That message is too long ({size:,} bytes; the limit is {MAX_MESSAGE:,}).")
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # deep nesting fits in 16 kB
        raise InvalidInput("message-not-json", "The page sent something that is not a message.") from exc


def parse_message(raw: object) -> Message:
    """Check a decoded message's shape: known type, exactly its fields, each of the right type."""
    if not isinstance(raw, dict):
        raise InvalidInput("message-shape", "The page sent something that is not a message.")
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        raise InvalidInput("message-type", f"Unknown message type {str(kind)[:40]!r}.")
    expected = dict(FIELDS[kind])
    if kind != "hello":
        expected["id"] = int
    names = set(raw) - {"type"}
    if kind != "hello" and "key" in raw:  # optional on every action (docs/student-protocol.md, retries)
        expected["key"] = str
    missing = sorted(set(expected) - names)
    extra = sorted(names - set(expected))
    if missing:
        raise InvalidInput("message-fields", f"A {kind} message needs: {', '.join(missing)}.")
    if extra:
        raise InvalidInput("message-fields", f"A {kind} message has unknown fields: {', '.join(extra)[:80]}.")
    for name, want in expected.items():
        value = raw[name]
        wrong_bool = isinstance(value, bool) and want is not bool
        if wrong_bool or not isinstance(value, want):
            raise InvalidInput("message-field-type", f"In a {kind} message, {name} has the wrong type.")
    if kind != "hello" and not 0 <= raw["id"] < MAX_REQUEST_ID:
        raise InvalidInput("message-field-type", "The message id is out of range.")
    for name, want in expected.items():  # a poll or speech id must fit a database integer
        if want is int and name != "id":
            check_row_id(raw[name], name)
    key = raw.get("key", "")
    if "key" in expected and not (len(key) in KEY_LENGTHS and set(key) <= KEY_CHARS):
        raise InvalidInput("message-field-type", "The action's key must be 8-64 letters, digits, - or _.")
    fields = {k: raw[k] for k in expected if k != "id"}
    return Message(kind, raw.get("id") if kind != "hello" else None, fields)
