"""Evidence cards: a claim, its evidence and source, a source check (lateral reading) and the reasoning.

Pure checks over plain data (docs/student-protocol.md, "Evidence cards"). :func:`check_card` turns what a
page sent into a card's fields or raises :class:`InvalidInput` with a message a student can act on; a card
is saved only when every required part is filled (:func:`missing_parts` names what is missing).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from debate_kit.core.errors import InvalidInput
from debate_kit.core.validation import clean_text

#: A card's largest size (bytes of its fields as compact JSON, UTF-8) and how many one student may keep.
MAX_CARD_BYTES = 4000
MAX_CARDS = 50
#: The phases in which cards are made and edited: reading, and preparing once sides are out.
EDIT_PHASES = ("reading", "sides")
#: The phases in which a team's deck is shown (and cards marked for speeches).
DECK_PHASES = ("sides", "debate")
TRUST = ("high", "medium", "low")
HELPS = ("proposition", "opposition", "both")

#: field -> (label for messages, longest length, required)
FIELDS: dict[str, tuple[str, int, bool]] = {
    "claim": ("the claim", 600, True),
    "claim_from": ("where the claim comes from", 80, False),
    "evidence": ("the evidence (a quote or figure)", 600, True),
    "outlet": ("the source's outlet", 120, True),
    "date": ("the source's date", 40, False),
    "url": ("the source's link", 500, False),
    "source_ref": ("the lesson source", 80, False),
    "behind": ("who is behind the source", 400, True),
    "others": ("what other sources say", 400, True),
    "trust": ("a trust rating", 6, True),
    "trust_reason": ("a reason for the trust rating", 300, True),
    "reasoning": ("how the evidence bears on the claim", 600, True),
    "helps": ("which side it helps", 11, True),
}

#: One line per source-check question, shown on the page (the lateral-reading questions).
QUESTIONS = {
    "behind": "Who runs or pays for this source, and what might they want? Look it up elsewhere.",
    "others": "Search the same fact in two other places: do they agree, disagree, or not mention it?",
    "trust": "How far would you trust this source for this fact: high, medium or low?",
    "trust_reason": "Give one reason for your rating, from what you found outside the source.",
}

EDIT_CLOSED = ("Cards can be made and changed only while reading and preparing. The debate has started, "
               "so your cards are kept as they are.")
EDIT_NOT_YET = "Cards open with the reading: wait for your teacher."


def safe_link(url: str) -> str:
    """``url`` if it is an http(s) link with a host, else "" (never a javascript: or data: link)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url else ""


def missing_parts(fields: Mapping[str, str]) -> list[str]:
    """The labels of the required parts that are empty, in the form's order."""
    return [label for name, (label, _limit, required) in FIELDS.items() if required and not fields.get(name)]


def _text(raw: Mapping[str, Any], name: str) -> str:
    label, limit, _required = FIELDS[name]
    value = raw.get(name, "")
    if not isinstance(value, str):
        raise InvalidInput("card-field-type", f"In a card, {label} must be text.")
    allow_lines = limit > 120
    text = clean_text(value if allow_lines else " ".join(value.split()), limit=10**6, what="card")
    if len(text) > limit:
        raise InvalidInput("card-too-long", f"{label.capitalize()} is {len(text):,} characters long; the "
                           f"limit is {limit:,}. Please shorten it.")
    return text


def check_card(raw: object) -> dict[str, str]:
    """A card's fields from what a page sent: known fields only, all text, each within its limit, a link
    only http(s), the choices from their lists, every required part filled, under 4 kB in all."""
    if not isinstance(raw, dict):
        raise InvalidInput("card-shape", "The page sent a card in the wrong shape: reload the page.")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise InvalidInput("card-fields", f"A card has no part called {', '.join(unknown)[:60]}.")
    fields = {name: _text(raw, name) for name in FIELDS}
    if fields["url"] and not safe_link(fields["url"]):
        raise InvalidInput("card-link", "The link must start with http:// or https://, like "
                           "https://www.example.org/page. Copy it from the address bar.")
    if fields["trust"] and fields["trust"] not in TRUST:
        raise InvalidInput("card-trust", "Rate your trust in the source as high, medium or low.")
    if fields["helps"] and fields["helps"] not in HELPS:
        raise InvalidInput("card-helps", "Say which side the evidence helps: proposition, opposition "
                           "or both.")
    missing = missing_parts(fields)
    if missing:
        raise InvalidInput("card-incomplete", "Not saved yet: fill in " + _listed(missing) + ".")
    size = len(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    if size > MAX_CARD_BYTES:
        raise InvalidInput("card-too-big", f"This card is too long ({size:,} bytes; the limit is "
                           f"{MAX_CARD_BYTES:,}). Shorten the longest parts.")
    return fields


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def edit_refusal(phase: str, closed: bool) -> str | None:
    """Why cards cannot be made or changed now, or None if they can."""
    if closed:
        return "This room is closed: nothing more can be changed."
    if phase in EDIT_PHASES:
        return None
    return EDIT_NOT_YET if phase in ("join", "pre-vote") else EDIT_CLOSED
