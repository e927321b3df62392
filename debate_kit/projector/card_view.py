"""The evidence card the teacher put on the class screen, as the class may see it: never its author.

Pure: one :class:`~debate_kit.store.Card` in, plain data out. Long parts are shortened at a word so the
card stays readable from the back of the room at 1280 x 800 (the console shows the whole card).
"""

from __future__ import annotations

from typing import Any

from debate_kit.store import Card

#: The longest claim or evidence shown on the class screen (characters).
SHOWN_CHARS = 180
TRUST_TEXT = {"high": "High", "medium": "Medium", "low": "Low"}
HELPS_TEXT = {"proposition": "Proposition (for)", "opposition": "Opposition (against)", "both": "Both sides"}


def shorten(text: str, limit: int = SHOWN_CHARS) -> tuple[str, bool]:
    """``text`` on one line, cut at a word before ``limit`` with "…"; and whether it was cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat, False
    cut = flat[:limit - 1].rsplit(" ", 1)[0] or flat[:limit - 1]
    return cut.rstrip(",;:.") + "…", True


def shown_card_view(card: Card | None) -> dict[str, Any] | None:
    """The card's claim, evidence, source and trust rating; no name, no link to follow."""
    if card is None:
        return None
    fields = card.fields
    claim, cut_claim = shorten(fields["claim"])
    evidence, cut_evidence = shorten(fields["evidence"])
    source = ", ".join(part for part in (shorten(fields["outlet"], 60)[0], shorten(fields["date"], 40)[0])
                       if part)
    return {"claim": claim, "evidence": evidence, "source": source,
            "trust": TRUST_TEXT.get(fields["trust"], fields["trust"]),
            "helps": HELPS_TEXT.get(fields["helps"], fields["helps"]), "shortened": cut_claim or cut_evidence}
