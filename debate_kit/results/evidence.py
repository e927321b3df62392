"""The "Evidence" part of the results page: the room's cards in figures (issue 19, item 6).

The figures come from :func:`debate_kit.core.evidence_stats.evidence_stats`; this module turns the
records into its plain input (the side of each speech that cited a card) and its output into HTML.
The page is often on the projector: without ``private`` no name is shown (core/privacy.py, rule 3).
Every text goes through :func:`~debate_kit.widgets._html.esc`; a source's link is a link only when it
is http(s), otherwise it is shown as text.
"""

from __future__ import annotations

from debate_kit.core.cards import safe_link
from debate_kit.core.evidence_stats import EvidenceStats, MoverPicks, SideCitations, evidence_stats
from debate_kit.core.formats import SpeechSlot
from debate_kit.core.speech_cards import find_slot, order_of
from debate_kit.core.tally import OptionCount
from debate_kit.results.records import RoomRecords
from debate_kit.results.reflections import shown_reflections
from debate_kit.widgets._html import esc, hidden, link, table

NONE_YET = "<p>No evidence cards yet. Students make cards while reading and preparing.</p>"
CHECK_TEXT = ("who is behind the source, what other sources say, a trust rating (high, medium or low) "
              "and a reason for it")


def _cards(n: int) -> str:
    return "1 card" if n == 1 else f"{n} cards"


def speech_sides(rec: RoomRecords) -> dict[tuple[int, int, str], str]:
    """(round, debate, slot label) -> the side giving that speech, from the saved speeches and, for a
    slot without one, the round's running order."""
    sides = {(s.round_id, s.debate, s.label): s.side for sps in rec.speeches.values() for s in sps}
    orders: dict[int, tuple[SpeechSlot, ...]] = {}
    for r in rec.rounds:
        try:
            orders[r.id] = order_of(r.format)
        except (ValueError, TypeError, KeyError):
            orders[r.id] = ()
    found: dict[tuple[int, int, str], str] = {}
    for tag in rec.tags:
        key = (tag.round_id, tag.debate, tag.slot)
        side = sides.get((tag.round_id, tag.debate, f"Debate {tag.debate}: {tag.slot}"))
        if side is None:
            slot = find_slot(orders.get(tag.round_id, ()), tag.slot)
            side = "" if slot is None else str(slot.side)
        found[key] = side
    return found


def room_stats(rec: RoomRecords, private: bool = False) -> EvidenceStats:
    """The room's evidence figures; authors' names and unrevealed movements only when private."""
    sides = speech_sides(rec)
    tags = [(t.card_id, sides[(t.round_id, t.debate, t.slot)], f"{t.round_id}/{t.debate}/{t.slot}")
            for t in rec.tags]
    picks = [(r.movement, r.mattered, r.mattered_label) for r in shown_reflections(rec, private)]
    return evidence_stats([(c.id, c.participant_id, c.fields) for c in rec.cards], tags, picks,
                          rec.names() if private else None)


def _trust(lines: tuple[OptionCount, ...]) -> str:
    rows = "".join(
        '<div class="dk-bar-row" style="margin:3px 0">'
        f'<div style="display:flex;justify-content:space-between"><span>{esc(line.option)}</span>'
        f"<span>{_cards(line.count)} ({line.percent}%)</span></div>"
        '<div style="background:#eceff1;border-radius:3px;height:14px">'
        f'<div style="background:#5c8dd6;width:{int(line.percent)}%;height:14px;border-radius:3px">'
        "</div></div></div>" for line in lines)
    return f'<div class="dk-evidence-trust" style="max-width:560px">{rows}</div>'


def _sources(stats: EvidenceStats) -> str:
    outlets = "".join(f"<li>{esc(s.label)}: {_cards(s.count)}</li>" for s in stats.outlets)
    links = "".join(f'<li><span style="overflow-wrap:anywhere">{_source_link(s.label)}</span>: '
                    f"{_cards(s.count)}</li>" for s in stats.links)
    return ("<h4>Most-used sources</h4>"
            + (f'<p>Outlets:</p><ol class="dk-evidence-outlets">{outlets}</ol>' if outlets else "")
            + ("<p>Links (the same page however it was typed):</p>"
               f'<ol class="dk-evidence-links">{links}</ol>' if links else "<p>No card gives a link.</p>"))


def _source_link(url: str) -> str:
    """The link as its escaped text, a link only when it is http(s)."""
    return link(url, url) if safe_link(url) else esc(url)


def _cited(cited: tuple[SideCitations, ...]) -> str:
    if not any(c.citations for c in cited):
        return "<h4>Cards cited in speeches</h4><p>No card has been tagged in a speech yet.</p>"
    rows = [(c.side.capitalize(), c.citations, c.cards, c.speeches) for c in cited]
    top = "".join(
        f'<p>Most cited by the {esc(c.side)} side:</p><ol class="dk-evidence-top" data-side="{esc(c.side)}">'
        + "".join(f"<li>{esc(claim)} (cited {n}×)</li>" for claim, n in c.top) + "</ol>"
        for c in cited if c.top)
    return ("<h4>Cards cited in speeches</h4>"
            + table(("Side of the speech", "Citations", "Different cards", "Speeches citing cards"), rows,
                    css="dk-evidence-cited") + top)


def _movers(group: MoverPicks) -> str:
    n = group.movers
    head = f"<h4>{esc(group.label)} ({'1 reflection' if n == 1 else f'{n} reflections'})</h4>"
    if n == 0:
        return f'<div class="dk-evidence-movers" data-movement="{esc(group.movement)}">{head}</div>'
    cards = "".join(
        f"<li>{esc(c.label)}: named by {c.count}; trust {esc(c.trust)}; source check "
        f"{'complete' if c.checked else 'incomplete'}</li>" for c in group.cards)
    return (f'<div class="dk-evidence-movers" data-movement="{esc(group.movement)}">{head}'
            f"<p>{group.named_card} named a card, {group.named_speech} a speech, {group.named_nothing} "
            "nothing in particular.</p>" + (f"<ul>{cards}</ul>" if cards else "") + "</div>")


def evidence_html(rec: RoomRecords, private: bool = False) -> str:
    """The evidence figures as HTML; who made which card only when private."""
    if not rec.cards:
        return NONE_YET
    stats = room_stats(rec, private)
    authors = (table(("Student (private)", "Cards", "With a completed source check"), stats.authors,
                     css="dk-evidence-authors") if stats.authors is not None
               else hidden("Who made which card"))
    return (
        '<div class="dk-results-evidence">'
        f'<p class="dk-evidence-summary"><b>{_cards(stats.cards)}</b>; {stats.checked} '
        f"({stats.checked_percent}%) with a completed source check: {CHECK_TEXT}.</p>"
        "<h4>Trust in the sources</h4>" + _trust(stats.trust)
        + _sources(stats) + _cited(stats.cited)
        + "<h4>What the students who moved named as mattering most</h4>"
        + "".join(_movers(g) for g in stats.movers)
        + (hidden("What those who moved named, until the vote after the debate is revealed")
           if len(shown_reflections(rec, private)) < len(rec.reflections) else "")
        + authors + "</div>"
    )
