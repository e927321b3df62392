"""The console's list of a room's evidence cards: per team, per student, and which were cited in speeches.

Pure HTML builders over store records (the Cards tab, :mod:`debate_kit.widgets.cards_panel`). Every text
a student typed is escaped. Safe to mirror (:mod:`debate_kit.core.privacy`): authors' names show only
while the teacher shows private details; teams are named by side and debate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from debate_kit.store import Card, SeatRow, SpeechCard
from debate_kit.student.roles import slot_label
from debate_kit.widgets._html import esc, hidden, table

OTHERS = "Other cards (judges, the audience, or made before the sides)"


def team_key(seat: SeatRow | None) -> tuple[int, str] | None:
    """(debate, side) of a debater's seat, else None."""
    if seat is None or seat.role not in ("proposition", "opposition") or not seat.debate:
        return None
    return seat.debate, seat.role


def cited_where(tags: Sequence[SpeechCard]) -> dict[int, list[str]]:
    """Card id -> the speeches that cited it ("Debate 1: 1st Proposition")."""
    where: dict[int, list[str]] = {}
    for tag in tags:
        where.setdefault(tag.card_id, []).append(f"Debate {tag.debate}: {slot_label(tag.slot)}")
    return where


def card_line(card: Card, cited: list[str], author: str | None) -> str:
    """One card as a list item: claim, source, where it was cited; the author only when given."""
    f = card.fields
    who = f"<b>{esc(author)}</b>: " if author is not None else ""
    source = ", ".join(p for p in (f["outlet"], f["date"]) if p)
    state = (f'<span class="dk-cards-cited" style="font-weight:700">Cited in {esc("; ".join(cited))}</span>'
             if cited else '<span style="color:#555">Not cited</span>')
    return (f'<li data-card="{card.id}">{who}<span style="white-space:pre-wrap">{esc(f["claim"])}</span> '
            f"({esc(source)}, card #{card.id}). {state}</li>")


def cards_html(cards: Sequence[Card], seats: Sequence[SeatRow], tags: Sequence[SpeechCard],
               names: Mapping[int, str] | None) -> str:
    """The cards grouped by team, then a count per student (names only when ``names`` is given)."""
    if not cards:
        return "<p>No evidence cards yet: students make them while reading and preparing.</p>"
    by_seat = {s.participant_id: s for s in seats}
    where = cited_where(tags)
    groups: dict[tuple[int, str] | None, list[Card]] = {}
    for card in cards:
        groups.setdefault(team_key(by_seat.get(card.participant_id)), []).append(card)
    parts = [f"<p>{len(cards)} card(s), {sum(1 for c in cards if c.id in where)} cited in speeches.</p>"]
    for key in sorted(k for k in groups if k is not None) + ([None] if None in groups else []):
        title = OTHERS if key is None else f"Debate {key[0]}: {key[1].capitalize()}"
        items = "".join(card_line(c, where.get(c.id, []), None if names is None else
                                  names.get(c.participant_id, "?")) for c in groups[key])
        parts.append(f'<h4>{esc(title)}</h4><ul class="dk-cards-team">{items}</ul>')
    if names is None:
        parts.append(hidden("Who made which card"))
    else:
        counts: dict[int, tuple[int, int]] = {}
        for card in cards:
            made, cited = counts.get(card.participant_id, (0, 0))
            counts[card.participant_id] = (made + 1, cited + (card.id in where))
        rows = sorted((names.get(p, "?"), made, cited) for p, (made, cited) in counts.items())
        parts.append("<h4>Per student</h4>" + table(("Student", "Cards", "Cited"), rows,
                                                    css="dk-cards-students"))
    return "".join(parts)
