"""The evidence cards of one room in figures, for the results page: pure functions over plain data.

What :func:`evidence_stats` counts (docs/results.md, "Evidence"):

1. Cards, and how many have a completed source check: who is behind the source, what other sources say,
   a trust rating (high, medium or low) and a reason for it (:data:`CHECK_FIELDS`).
2. Trust ratings: high, medium, low, and "not rated" for an empty or unknown rating.
3. Most-used sources: outlets (case and spacing aside) and links (scheme, ``www.``, case, a trailing
   slash, a fragment and a default port aside), each shown as its most frequent spelling.
4. Cards cited in speeches, per side of the speech: citations, distinct cards, speeches, the most cited.
5. What movers named as mattering most in their reflections, per movement (towards For, towards
   Against): how many named a card, a speech or nothing, and which cards (with their trust rating).
6. Cards per author, only when ``names`` is given (the page's private mode: core/privacy.py, rule 3).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from debate_kit.core.cards import TRUST
from debate_kit.core.reflection import MOVEMENTS
from debate_kit.core.tally import OptionCount, tally
from debate_kit.core.vocabulary import SIDES

#: The source-check parts a card needs for its check to count as complete.
CHECK_FIELDS = ("behind", "others", "trust", "trust_reason")
NOT_RATED = "not rated"
#: How many outlets, links and cited cards are listed; how long a claim is shown.
TOP = 10
CLAIM_CHARS = 80


@dataclass(frozen=True)
class SourceCount:
    """A source as shown (its most frequent spelling), how many cards used it, and its key."""

    label: str
    count: int
    key: str


@dataclass(frozen=True)
class SideCitations:
    """One side's speeches: cards cited (tags), distinct cards, speeches citing any, the most cited."""

    side: str
    citations: int
    cards: int
    speeches: int
    top: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class PickedCard:
    label: str
    count: int
    trust: str
    checked: bool


@dataclass(frozen=True)
class MoverPicks:
    """The reflections of those who moved one way: what they named as mattering most."""

    movement: str
    label: str
    movers: int
    named_card: int
    named_speech: int
    named_nothing: int
    cards: tuple[PickedCard, ...]


@dataclass(frozen=True)
class EvidenceStats:
    cards: int
    checked: int
    trust: tuple[OptionCount, ...]
    outlets: tuple[SourceCount, ...]
    links: tuple[SourceCount, ...]
    cited: tuple[SideCitations, ...]
    movers: tuple[MoverPicks, ...]
    #: (name, cards, cards with a completed check), by name; None unless names were given.
    authors: tuple[tuple[str, int, int], ...] | None

    @property
    def checked_percent(self) -> int | None:
        """Whole percent of cards with a completed source check; None without cards."""
        return None if self.cards == 0 else round(100 * self.checked / self.cards)


def check_complete(fields: Mapping[str, str]) -> bool:
    """Every source-check part filled, and the rating one of high, medium or low."""
    return all(str(fields.get(f) or "").strip() for f in CHECK_FIELDS) and fields.get("trust") in TRUST


def trust_of(fields: Mapping[str, str]) -> str:
    rating = fields.get("trust")
    return rating if rating in TRUST else NOT_RATED


def link_key(url: str) -> str:
    """A link without scheme, ``www.``, default port, fragment, trailing slash or case: ``bbc.co.uk/a``."""
    text = url.strip()
    try:
        parts = urlsplit(text if "://" in text else "//" + text)
        port = parts.port
    except ValueError:
        return text.casefold().rstrip("/")
    host = (parts.hostname or "").removeprefix("www.")
    if port is not None and port not in (80, 443):
        host += f":{port}"
    query = f"?{parts.query}" if parts.query else ""
    return (host + parts.path.rstrip("/") + query).casefold()


def outlet_key(outlet: str) -> str:
    """An outlet case and spacing aside; one written as a web address is keyed like a link."""
    text = " ".join(outlet.split())
    if " " not in text and ("." in text or "://" in text):
        return link_key(text)
    return text.casefold()


def short(text: str, limit: int = CLAIM_CHARS) -> str:
    """Text on one line, cut at ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def top_sources(texts: Iterable[str], key_of: Callable[[str], str]) -> tuple[SourceCount, ...]:
    """Sources grouped by ``key_of(text)``, most used first (then by key), each with its most frequent
    spelling (the first seen on a tie); blank texts are left out."""
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        text = text.strip()
        if text:
            spellings.setdefault(key_of(text), Counter())[text] += 1
    found = [SourceCount(c.most_common(1)[0][0], sum(c.values()), k) for k, c in spellings.items()]
    return tuple(sorted(found, key=lambda s: (-s.count, s.key))[:TOP])


def _cited(cards: Mapping[int, Mapping[str, str]],
           tags: Iterable[tuple[int, str, str]]) -> tuple[SideCitations, ...]:
    per_side: dict[str, list[tuple[int, str]]] = {str(side): [] for side in SIDES}
    for card_id, side, speech in tags:
        if side in per_side:
            per_side[side].append((card_id, speech))
    found = []
    for side, rows in per_side.items():
        counts = Counter(card_id for card_id, _speech in rows)
        top = sorted(((short(cards[c].get("claim") or ""), n) for c, n in counts.items() if c in cards),
                     key=lambda kv: (-kv[1], kv[0]))[:TOP]
        found.append(SideCitations(side, len(rows), len(counts), len({s for _c, s in rows}), tuple(top)))
    return tuple(found)


def _card_id(mattered: str) -> int | None:
    kind, _, number = mattered.partition(":")
    return int(number) if kind == "card" and number.isdigit() else None


def _movers(cards: Mapping[int, Mapping[str, str]],
            picks: Iterable[tuple[str, str, str]]) -> tuple[MoverPicks, ...]:
    grouped: dict[str, list[tuple[str, str]]] = {m: [] for m in MOVEMENTS if m != "stayed"}
    for move, mattered, label in picks:
        if move in grouped:
            grouped[move].append((mattered, label))
    found = []
    for move, rows in grouped.items():
        named: Counter[tuple[str, str, bool]] = Counter()
        for mattered, label in rows:
            card_id = _card_id(mattered)
            if card_id is None:
                continue
            fields = cards.get(card_id)
            if fields is None:  # deleted since: the label kept with the reflection
                named[(short(label.removeprefix("Card: ")), NOT_RATED, False)] += 1
            else:
                named[(short(fields.get("claim") or ""), trust_of(fields), check_complete(fields))] += 1
        on_card = sum(named.values())
        on_speech = sum(1 for mattered, _l in rows if mattered.startswith("speech:"))
        listed = sorted(named.items(), key=lambda kv: (-kv[1], kv[0][0]))
        found.append(MoverPicks(move, MOVEMENTS[move], len(rows), on_card, on_speech,
                                len(rows) - on_card - on_speech,
                                tuple(PickedCard(lbl, n, trust, ok) for (lbl, trust, ok), n in listed)))
    return tuple(found)


def evidence_stats(cards: Iterable[tuple[int, int, Mapping[str, str]]],
                   tags: Iterable[tuple[int, str, str]] = (),
                   picks: Iterable[tuple[str, str, str]] = (),
                   names: Mapping[int, str] | None = None) -> EvidenceStats:
    """The figures for one room.

    ``cards``: (card id, author, fields); ``tags``: (card id, side of the speech, a key naming the
    speech); ``picks``: each reflection's (movement, mattered as ``card:ID``/``speech:ID``/``none``,
    its label); ``names``: participant -> name, given only when names may be shown.
    """
    rows = list(cards)
    by_id = {card_id: fields for card_id, _author, fields in rows}
    checked = [check_complete(f) for _c, _a, f in rows]
    options = (*TRUST, NOT_RATED)
    trust, _total = tally(options, (trust_of(f) for _c, _a, f in rows))
    authors = None
    if names is not None:
        made: dict[int, list[int]] = {}
        for (_c, author, _f), ok in zip(rows, checked, strict=True):
            made.setdefault(author, []).append(int(ok))
        authors = tuple(sorted((names.get(a, "?"), len(oks), sum(oks)) for a, oks in made.items()))
    return EvidenceStats(
        cards=len(rows),
        checked=sum(checked),
        trust=tuple(OptionCount(o.option.capitalize(), o.count, o.percent) for o in trust),
        outlets=top_sources((str(f.get("outlet") or "") for _c, _a, f in rows), outlet_key),
        links=top_sources((str(f.get("url") or "") for _c, _a, f in rows), link_key),
        cited=_cited(by_id, tags),
        movers=_movers(by_id, picks),
        authors=authors,
    )
