"""The Evidence part of the results page (issue 19, item 6): figures about the cards, no names unless
private, every text escaped, links only http(s)."""

from __future__ import annotations

import dataclasses

from debate_kit.core.privacy import HIDDEN
from debate_kit.results.evidence import NONE_YET, evidence_html, room_stats
from debate_kit.results.records import RoomRecords, read_records
from debate_kit.results.render import page_html
from debate_kit.results.tables import build_tables
from debate_kit.store import Card, SpeechCard
from tests.results.conftest import Demo

ATTACK = '<img src=x onerror="alert(1)">'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


def _fields(claim: str, outlet: str, url: str, trust: str = "high", checked: bool = True) -> dict[str, str]:
    return {"claim": claim, "claim_from": "", "evidence": "A figure", "outlet": outlet, "date": "",
            "url": url, "source_ref": "", "behind": "A charity" if checked else "",
            "others": "Two papers agree" if checked else "", "trust": trust,
            "trust_reason": "Found elsewhere" if checked else "", "reasoning": "So", "helps": "both"}


def _with_cards(demo: Demo) -> RoomRecords:
    """The demo class with four cards, three tags and two movers who named a card."""
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    a, b = rec.participants[0].id, rec.participants[1].id
    cards = (
        Card(901, rec.room.id, a, _fields("Trade grew", "BBC News", "https://www.bbc.co.uk/trade"), "t", "t"),
        Card(902, rec.room.id, a, _fields("Trade fell", "bbc news", "http://bbc.co.uk/trade/"), "t", "t"),
        Card(903, rec.room.id, b, _fields(ATTACK, ATTACK, "javascript:alert(1)", "low"), "t", "t"),
        Card(904, rec.room.id, b, _fields("Unsure", "Blog", "", "", checked=False), "t", "t"),
    )
    round_id = rec.rounds[0].id
    tags = (SpeechCard(round_id, 1, "1st proposition", 901, a, "t"),
            SpeechCard(round_id, 1, "Proposition rebuttal", 901, a, "t"),
            SpeechCard(round_id, 1, "1st opposition", 903, b, "t"))
    movers = [r for r in rec.reflections if r.movement != "stayed"][:2]
    assert len(movers) == 2, "the demo class has movers"
    picked = tuple(dataclasses.replace(r, mattered="card:903", mattered_label="Card: x") if r in movers else r
                   for r in rec.reflections)
    return dataclasses.replace(rec, cards=cards, tags=tags, reflections=picked)


def test_no_cards_says_so(demo: Demo) -> None:
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    assert not rec.cards and evidence_html(rec) == NONE_YET


def test_the_figures_and_the_sides_of_the_speeches(demo: Demo) -> None:
    stats = room_stats(_with_cards(demo))
    assert (stats.cards, stats.checked, stats.checked_percent) == (4, 3, 75)
    assert [(s.label, s.count) for s in stats.outlets][:1] == [("BBC News", 2)]
    assert [(s.label, s.count) for s in stats.links][:1] == [("https://www.bbc.co.uk/trade", 2)]
    prop, opp = stats.cited
    assert (prop.citations, prop.cards, prop.speeches, opp.citations) == (2, 1, 2, 1)
    assert sum(m.named_card for m in stats.movers) == 2


def test_the_section_names_nobody_unless_private(demo: Demo) -> None:
    rec = _with_cards(demo)
    html = evidence_html(rec)
    assert "4 cards" in html and "3 (75%) with a completed source check" in html
    assert "Trust in the sources" in html and "Low" in html and "Not rated" in html
    assert "Cards cited in speeches" in html and "Trade grew (cited 2×)" in html
    assert "named by " in html and HIDDEN in html
    assert not any(name in html for name in rec.names().values())
    private = evidence_html(rec, private=True)
    assert HIDDEN not in private and "Student (private)" in private
    assert all(rec.names()[p] in private for p in {c.participant_id for c in rec.cards})


def test_text_is_text_and_only_http_links_are_links(demo: Demo) -> None:
    rec = _with_cards(demo)
    for private in (False, True):
        html = evidence_html(rec, private=private)
        assert ATTACK not in html and ESCAPED in html
        assert 'href="javascript' not in html and "javascript:alert(1)" in html
        assert 'href="https://www.bbc.co.uk/trade"' in html


def test_the_page_has_an_evidence_part(demo: Demo) -> None:
    rec = _with_cards(demo)
    parts = dict(page_html(rec, build_tables(rec)))
    assert "dk-results-evidence" in parts["Evidence"]
    html = "".join(parts.values())
    assert not any(name in html for name in rec.names().values())


def test_what_movers_named_waits_for_the_reveal_unless_private(demo: Demo) -> None:
    rec = _with_cards(demo)
    closed = dataclasses.replace(rec, polls=tuple(dataclasses.replace(p, state="closed") for p in rec.polls))
    assert all(m.movers == 0 for m in room_stats(closed).movers)
    html = evidence_html(closed)
    assert "until the vote after the debate is revealed" in html and "named by" not in html
    assert sum(m.named_card for m in room_stats(closed, private=True).movers) == 2
    assert "until the vote after the debate is revealed" not in evidence_html(closed, private=True)


def test_the_downloads_have_the_cards_table_with_authors_and_citations(demo: Demo) -> None:
    """The results page's downloads (teacher files, named) carry one row per card, as the export does."""
    rec = _with_cards(demo)
    cards = build_tables(rec)["cards"]
    assert len(cards) == 4 and list(cards.columns) == ["name", "claim", "evidence", "source", "trust",
                                                        "helps", "cited in"]
    first = cards[cards["claim"] == "Trade grew"].iloc[0]
    assert first["name"] == rec.names()[rec.participants[0].id]
    assert first["cited in"] == "Debate 1: 1st Proposition; Debate 1: Proposition rebuttal"
    assert ATTACK in set(cards["claim"])  # kept as typed; csv_text guards formulas, HTML escapes
