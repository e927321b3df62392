"""The results page explains itself and is safe on the projector (pure functions of the records)."""

from __future__ import annotations

import dataclasses
import re

from debate_kit.core.privacy import HIDDEN
from debate_kit.core.swing import RULE_TEXT
from debate_kit.results.records import RoomRecords, read_records
from debate_kit.results.render import motions_html, page_html, polls_html, speeches_html
from debate_kit.results.tables import build_tables
from tests.results.conftest import Demo

TALLY = re.compile(r"\d+ \(\d+%\)")


def _records(demo: Demo, state: str | None = None) -> RoomRecords:
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    if state is None:
        return rec
    return dataclasses.replace(rec, polls=tuple(dataclasses.replace(p, state=state) for p in rec.polls))


def test_revealed_motion_names_the_winner_by_side_with_the_rule_and_the_voter_counts(demo: Demo) -> None:
    html = motions_html(_records(demo))
    assert "For (Proposition)" in html and "Against (Opposition)" in html
    assert " wins: " in html or "A tie: " in html
    assert RULE_TEXT in html and "voted before the debate and" in html
    assert "Who (private)" not in html and HIDDEN in html


def test_unrevealed_votes_show_counts_only_unless_private(demo: Demo) -> None:
    rec = _records(demo, "closed")
    for html in (motions_html(rec), polls_html(rec)):
        assert not TALLY.search(html) and "%" not in html and HIDDEN in html
        assert "voted" in html
    assert "wins" not in motions_html(rec)
    private = motions_html(rec, private=True) + polls_html(rec, private=True)
    assert TALLY.search(private) and "the class has not seen this yet" in private


def test_speeches_out_of_the_maximum_names_only_when_private(demo: Demo) -> None:
    rec = _records(demo)
    tables = build_tables(rec)
    names = rec.names()
    speakers = {names[s.speaker_id] for sps in rec.speeches.values() for s in sps if s.speaker_id}
    html = speeches_html(rec, tables)
    assert "out of 20" in html and "each scored 1 to 5" in html
    assert not any(name in html for name in speakers) and HIDDEN in html
    private = speeches_html(rec, tables, private=True)
    assert all(name in private for name in speakers) and "score sheets (private" in private


def test_the_whole_page_names_nobody_by_default(demo: Demo) -> None:
    rec = _records(demo)
    html = "".join(part for _h, part in page_html(rec, build_tables(rec)))
    assert not any(name in html for name in rec.names().values())
    private = "".join(part for _h, part in page_html(rec, build_tables(rec), private=True))
    assert all(name in private for name in rec.names().values())
