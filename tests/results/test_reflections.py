"""Reflections on the results page (issue 19, item 4): grouped by movement, names only when private,
what the movers named, text as text."""

from __future__ import annotations

import dataclasses

from debate_kit.core.privacy import HIDDEN
from debate_kit.results.records import read_records
from debate_kit.results.reflections import reflections_html, reflections_table
from tests.results.conftest import Demo

ATTACK = '<img src=x onerror="alert(1)">'


def test_grouped_by_movement_anonymous_unless_private(demo: Demo) -> None:
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    assert rec.reflections, "the demo class reflects"
    moved = [r for r in rec.reflections if r.movement != "stayed"]
    assert moved and all((r.before == r.after) == (r.movement == "stayed") for r in rec.reflections)
    html = reflections_html(rec)
    assert "Stayed (" in html and ("Moved towards For (" in html and "Moved towards Against (" in html)
    assert HIDDEN in html and not any(name in html for name in rec.names().values())
    assert "Named as mattering most" in html and "Debate 1: " in html and ": named by " in html
    private = reflections_html(rec, private=True)
    assert HIDDEN not in private
    assert all(rec.names()[r.participant_id] in private for r in rec.reflections)


def test_the_movers_picks_are_counted_per_group(demo: Demo) -> None:
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    mover = next(r for r in rec.reflections if r.movement == "for" and r.mattered_label)
    one_motion = tuple(r for r in rec.reflections if r.poll_id == mover.poll_id)
    html = reflections_html(dataclasses.replace(rec, reflections=one_motion))
    group = html.split('data-movement="for"')[1].split('data-movement="against"')[0]
    n = sum(1 for r in rec.reflections if r.movement == "for" and r.mattered_label == mover.mattered_label
            and r.poll_id == mover.poll_id)
    assert f"<li>{mover.mattered_label}: named by {n}</li>" in group


def test_text_is_text_and_the_table_has_every_reflection(demo: Demo) -> None:
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    first = rec.reflections[0]
    demo.store.save_reflection(first.participant_id, first.poll_id, ATTACK, "none")
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    for private in (False, True):
        html = reflections_html(rec, private=private)
        assert ATTACK not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    table = reflections_table(rec)
    assert len(table) == len(rec.reflections) and ATTACK in set(table["why"])
    assert list(table.columns[:6]) == ["motion", "participant_id", "name", "before", "after", "movement"]


def test_no_movement_shows_before_the_vote_after_is_revealed(demo: Demo) -> None:
    """Students reflect once the vote after closes; on a mirrored screen the groups ("Moved towards For
    (3)") would tell the swing before the teacher reveals it, so they wait for the reveal."""
    rec = read_records(demo.store, demo.room.id, demo.lesson)
    closed = tuple(dataclasses.replace(p, state="closed") if p.state == "revealed" else p for p in rec.polls)
    before = dataclasses.replace(rec, polls=closed)
    html = reflections_html(before)
    assert "Moved towards" not in html and "Stayed (" not in html and "show once the vote" in html
    assert "Moved towards" in reflections_html(before, private=True)  # the teacher's own view: at once
