"""The evidence cards of a room in figures (issue 19, item 6): pure, plain data in and out."""

from __future__ import annotations

import pytest

from debate_kit.core.evidence_stats import (
    NOT_RATED,
    check_complete,
    evidence_stats,
    link_key,
    outlet_key,
    short,
)

ATTACK = '<img src=x onerror="alert(1)">'


def card(claim: str = "Claim", outlet: str = "BBC News", url: str = "", trust: str = "high",
         checked: bool = True, **more: str) -> dict[str, str]:
    fields = {"claim": claim, "evidence": "A figure", "outlet": outlet, "url": url, "trust": trust,
              "behind": "The BBC, public money" if checked else "", "others": "Two agree" if checked else "",
              "trust_reason": "Checked elsewhere" if checked else "", "reasoning": "So", "helps": "both"}
    return fields | more


def test_no_cards() -> None:
    stats = evidence_stats([])
    assert stats.cards == 0 and stats.checked == 0 and stats.checked_percent is None
    assert [(t.option, t.count, t.percent) for t in stats.trust] == [
        ("High", 0, 0), ("Medium", 0, 0), ("Low", 0, 0), ("Not rated", 0, 0)]
    assert stats.outlets == () and stats.links == () and stats.authors is None
    assert [(c.side, c.citations, c.cards, c.speeches, c.top) for c in stats.cited] == [
        ("proposition", 0, 0, 0, ()), ("opposition", 0, 0, 0, ())]
    assert [(m.movement, m.movers, m.cards) for m in stats.movers] == [("for", 0, ()), ("against", 0, ())]


def test_cards_without_a_source_check_count_as_unchecked_and_unrated() -> None:
    cards = [(1, 10, card()), (2, 10, card(checked=False, trust="")), (3, 11, card(trust="sure")),
             (4, 11, {"claim": "Only a claim"}), (5, 12, card(trust="low", checked=False))]
    stats = evidence_stats(cards)
    assert stats.cards == 5 and stats.checked == 1 and stats.checked_percent == 20
    assert {t.option: t.count for t in stats.trust} == {"High": 1, "Medium": 0, "Low": 1, "Not rated": 3}
    assert sum(t.percent for t in stats.trust) == 100
    assert not check_complete({"behind": "x", "others": "y", "trust": "high", "trust_reason": "  "})
    assert check_complete({"behind": "x", "others": "y", "trust": "medium", "trust_reason": "z"})


@pytest.mark.parametrize("url", [
    "https://www.bbc.co.uk/news/a", "http://bbc.co.uk/news/a/", "HTTPS://BBC.CO.UK/News/A",
    "https://bbc.co.uk:443/news/a#part", "  https://www.BBC.co.uk/news/a/  ", "bbc.co.uk/news/a",
])
def test_links_differing_only_in_case_slash_scheme_or_www_are_one_source(url: str) -> None:
    assert link_key(url) == "bbc.co.uk/news/a"


def test_link_keys_keep_what_names_another_page() -> None:
    assert link_key("https://a.org/p?id=1") != link_key("https://a.org/p?id=2")
    assert link_key("https://a.org:8080/p") == "a.org:8080/p"
    assert link_key("http://[::1") == "http://[::1"  # unparseable: kept, case aside


def test_most_used_sources_grouped_and_shown_in_their_commonest_spelling() -> None:
    cards = [(1, 1, card(outlet="BBC News", url="https://www.bbc.co.uk/a")),
             (2, 1, card(outlet="bbc  news", url="http://bbc.co.uk/a/")),
             (3, 2, card(outlet="BBC News", url="https://BBC.co.uk/A")),
             (4, 2, card(outlet="The Guardian", url="")),
             (5, 3, card(outlet="theguardian.com/", url="https://www.theguardian.com/b")),
             (6, 3, card(outlet="TheGuardian.com", url=""))]
    stats = evidence_stats(cards)
    assert [(s.label, s.count) for s in stats.outlets] == [
        ("BBC News", 3), ("theguardian.com/", 2), ("The Guardian", 1)]
    assert [(s.label, s.count) for s in stats.links] == [
        ("https://www.bbc.co.uk/a", 3), ("https://www.theguardian.com/b", 1)]
    assert outlet_key("  The   Guardian ") == outlet_key("the guardian") == "the guardian"


def test_citations_per_side_of_the_speech() -> None:
    cards = [(1, 1, card(claim="Fees fell")), (2, 1, card(claim="Fees rose")), (3, 2, card(claim="Other"))]
    tags = [(1, "proposition", "1/1/Proposition 1"), (1, "proposition", "1/1/Proposition 2"),
            (2, "proposition", "1/1/Proposition 2"), (3, "opposition", "1/1/Opposition 1"),
            (9, "opposition", "1/1/Opposition 1"), (3, "judge", "x")]
    prop, opp = evidence_stats(cards, tags).cited
    assert (prop.side, prop.citations, prop.cards, prop.speeches) == ("proposition", 3, 2, 2)
    assert prop.top == (("Fees fell", 2), ("Fees rose", 1))
    assert (opp.citations, opp.cards, opp.speeches, opp.top) == (2, 2, 1, (("Other", 1),))


def test_what_movers_named_per_movement() -> None:
    cards = [(1, 1, card(claim="Fees fell", trust="medium")),
             (2, 1, card(claim="Unchecked", checked=False, trust=""))]
    picks = [("for", "card:1", "Card: Fees fell"), ("for", "card:1", "Card: Fees fell"),
             ("for", "card:2", "Card: Unchecked"), ("for", "speech:4", "Debate 1: Opposition 1"),
             ("for", "none", ""), ("against", "card:7", "Card: A deleted card"),
             ("stayed", "card:1", "Card: Fees fell")]
    towards_for, towards_against = evidence_stats(cards, picks=picks).movers
    assert (towards_for.label, towards_for.movers, towards_for.named_card, towards_for.named_speech,
            towards_for.named_nothing) == ("Moved towards For", 5, 3, 1, 1)
    assert [(c.label, c.count, c.trust, c.checked) for c in towards_for.cards] == [
        ("Fees fell", 2, "medium", True), ("Unchecked", 1, NOT_RATED, False)]
    assert [(c.label, c.count, c.trust) for c in towards_against.cards] == [("A deleted card", 1, NOT_RATED)]


def test_authors_only_with_names() -> None:
    cards = [(1, 1, card()), (2, 1, card(checked=False)), (3, 2, card())]
    assert evidence_stats(cards).authors is None
    stats = evidence_stats(cards, names={1: "Zoe", 2: "Ann"})
    assert stats.authors == (("Ann", 1, 1), ("Zoe", 2, 1))


def test_markup_is_kept_as_plain_text_for_the_page_to_escape() -> None:
    cards = [(1, 1, card(claim=ATTACK, outlet=ATTACK, url="javascript:alert(1)"))]
    stats = evidence_stats(cards, [(1, "proposition", "s")], [("for", "card:1", "Card: x")])
    assert stats.outlets[0].label == ATTACK and stats.links[0].label == "javascript:alert(1)"
    assert stats.cited[0].top == ((ATTACK, 1),) and stats.movers[0].cards[0].label == ATTACK


def test_short_claims_on_one_line() -> None:
    assert short("a\n  b") == "a b"
    assert short("x" * 200) == "x" * 79 + "…" and len(short("x" * 200)) == 80
