"""The results tables from a demo class, checked against numbers computed here from the raw store."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest

from debate_kit.core.scoring import may_score
from debate_kit.core.sides import Seat
from debate_kit.demo import fill_demo_class
from debate_kit.results.records import read_records
from debate_kit.results.tables import TITLES, build_tables
from debate_kit.store import Vote, open_store
from debate_kit.store.debates import as_core_seat
from tests.results.conftest import Demo


def latest(records: list[Vote]) -> dict[int, str]:
    """Each participant's current vote, from the store's vote records."""
    return {v.participant_id: v.choice for v in records}


def interval_alpha(units: list[list[int]]) -> float:
    """Krippendorff's interval alpha for complete units (every rater rated every unit)."""
    values = [v for unit in units for v in unit]
    n = len(values)
    d_o = sum(sum((a - b) ** 2 for a in unit for b in unit) / (len(unit) - 1) for unit in units) / n
    d_e = sum((a - b) ** 2 for a in values for b in values) / (n * (n - 1))
    return 1 - d_o / d_e


@pytest.fixture(scope="module")
def tables(demo: Demo):
    return build_tables(read_records(demo.store, demo.room.id, demo.lesson))


def test_every_table_has_its_columns(tables) -> None:
    assert list(tables) == list(TITLES)
    for name, frame in tables.items():
        assert len(frame.columns) >= 4, name
        assert len(frame) > 0 or name == "cards", name  # the demo class makes no evidence cards


def test_demo_class_plays_a_whole_lesson(demo: Demo) -> None:
    store, room = demo.store, demo.room
    assert room.phase == "results"
    people = store.participants(room.id)
    assert len(people) == 12
    pre = next(p for p in store.polls(room.id) if p.key == "motion-main-pre")
    post = next(p for p in store.polls(room.id) if p.key == "motion-main-post")
    before, after = store.votes(pre.id), store.votes(post.id)
    assert set(before) - set(after) and set(after) - set(before)  # an early leaver and a late arrival
    assert any(before[p] != after[p] for p in set(before) & set(after))
    assert any(v.changes for v in store.vote_records(pre.id))  # someone changed their vote within the poll
    (round_,) = store.rounds(room.id)
    assert round_.published
    seats = {s.participant_id: as_core_seat(s) for s in store.seats(round_.id)}
    sheets = 0
    for speech in store.speeches(round_.id):
        speaker = Seat(str(speech.speaker_id), speech.side, speech.debate, None)
        for score in store.scores(speech.id):
            may_score(seats.get(score.scorer_id), speaker)  # raises if the rules were broken
            assert score.scorer_id != speech.speaker_id
            assert all(room.rubric_min <= v <= room.rubric_max for v in score.values.values())
            sheets += 1
    assert sheets >= 8
    assert len(store.answers(room.id)) > 50


def test_demo_class_is_reproducible(demo: Demo, tmp_path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'again.sqlite3'}") as other:
        room, _key = fill_demo_class(other, students=12, seed=1, lesson=demo.lesson)
        a = build_tables(read_records(demo.store, demo.room.id, demo.lesson))
        b = build_tables(read_records(other, room.id, demo.lesson))
    for name in ("swing", "movers", "polls", "speeches", "scores"):
        assert a[name].equals(b[name]), name
    with pytest.raises(ValueError):
        fill_demo_class(other, students=3)


def test_swing_matches_the_raw_votes(demo: Demo, tables) -> None:
    store, names = demo.store, {p.id: p.name for p in demo.store.participants(demo.room.id)}
    polls = {p.key: p for p in store.polls(demo.room.id)}
    swing, movers, per_student = tables["swing"], tables["movers"], tables["motion_votes"]
    motions = [k.removeprefix("motion-").removesuffix("-pre") for k in polls
               if k.startswith("motion-") and k.endswith("-pre")]
    assert sorted(set(swing["motion"])) == sorted(motions)
    for motion in motions:
        before = latest(store.vote_records(polls[f"motion-{motion}-pre"].id))
        after = latest(store.vote_records(polls[f"motion-{motion}-post"].id))
        assert before == store.votes(polls[f"motion-{motion}-pre"].id)
        rows = swing[swing["motion"] == motion].set_index("option")
        gains = {}
        for option in ("For", "Against", "Undecided"):
            nb = sum(v == option for v in before.values())
            na = sum(v == option for v in after.values())
            pb, pa = 100 * nb / len(before), 100 * na / len(after)
            assert rows.loc[option, "votes_before"] == nb and rows.loc[option, "votes_after"] == na
            assert rows.loc[option, "percent_before"] == pytest.approx(pb, abs=0.05)
            assert rows.loc[option, "percent_after"] == pytest.approx(pa, abs=0.05)
            assert rows.loc[option, "change_points"] == pytest.approx(pa - pb, abs=0.05)
            gains[option] = nb * len(after) - na * len(before)  # minus the gain, times both totals
        expected = "Tie" if gains["For"] == gains["Against"] else (
            "For" if gains["For"] < gains["Against"] else "Against")
        assert set(rows["winner"]) == {expected}
        moved = Counter((before[p], after[p]) for p in set(before) & set(after) if before[p] != after[p])
        mine = movers[movers["motion"] == motion]
        assert {(r["from"], r["to"]): r["students"] for _, r in mine.iterrows()} == dict(moved)
        for _, r in mine.iterrows():
            who = sorted(names[p] for p in set(before) & set(after)
                         if before[p] == r["from"] and after[p] == r["to"])
            assert r["names"] == ", ".join(who)
        students = per_student[per_student["motion"] == motion]
        assert len(students) == len(set(before) | set(after))
        assert (students["direction"] == "before only").sum() == len(set(before) - set(after))
        assert (students["direction"] == "after only").sum() == len(set(after) - set(before))
        changed = students[students["direction"].str.contains("→")]
        assert len(changed) == sum(moved.values())


def test_section_polls_count_the_latest_votes(demo: Demo, tables) -> None:
    polls = tables["polls"]
    section_polls = [p for p in demo.store.polls(demo.room.id) if p.kind != "motion"]
    assert sorted(set(polls["poll"])) == sorted(p.key for p in section_polls)
    for poll in section_polls:
        votes = latest(demo.store.vote_records(poll.id))
        counts = Counter(votes.values())
        rows = polls[polls["poll"] == poll.key]
        assert list(rows["option"]) == list(poll.options)
        assert dict(zip(rows["option"], rows["votes"], strict=True)) == {o: counts[o] for o in poll.options}
        assert set(rows["voters"]) == {len(votes)}
        assert rows["percent"].sum() == (100 if votes else 0)
        for _, r in rows.iterrows():
            assert abs(r["percent"] - 100 * r["votes"] / max(1, len(votes))) < 1


def test_speech_scores_and_agreement(demo: Demo, tables) -> None:
    speeches, sheets = tables["speeches"], tables["scores"]
    criteria = demo.room.rubric_criteria
    names = {p.id: p.name for p in demo.store.participants(demo.room.id)}
    (round_,) = demo.store.rounds(demo.room.id)
    raw = demo.store.speeches(round_.id)
    assert list(speeches["speech"]) == [s.label for s in raw]
    checked_alpha = 0
    for speech in raw:
        scores = demo.store.scores(speech.id)
        totals = [sum(s.values.values()) for s in scores]
        row = speeches[speeches["speech"] == speech.label].iloc[0]
        assert row["speaker"] == names[speech.speaker_id]
        assert row["scorers"] == len(scores)
        if totals:
            assert row["mean"] == pytest.approx(statistics.fmean(totals), abs=1e-3)
            assert row["median"] == pytest.approx(statistics.median(totals), abs=1e-3)
            assert row["spread"] == pytest.approx(statistics.pstdev(totals), abs=1e-3)
            assert (row["low"], row["high"]) == (min(totals), max(totals))
            for c in criteria:
                mean = statistics.fmean(s.values[c] for s in scores)
                assert row[f"mean_{c}"] == pytest.approx(mean, abs=1e-3)
        units = [[s.values[c] for s in scores] for c in criteria]
        values = [v for u in units for v in u]
        if len(scores) >= 2 and len(set(values)) > 1:
            assert row["agreement"] == pytest.approx(interval_alpha(units), abs=1e-3)
            checked_alpha += 1
        mine = sheets[sheets["speech"] == speech.label]
        assert sorted(mine["scorer"]) == sorted(names[s.scorer_id] for s in scores)
        assert sorted(mine["total"]) == sorted(totals)
    assert checked_alpha >= 2
    rounds = tables["rounds"]
    assert rounds.iloc[0]["score_sheets"] == len(sheets)
    assert -1 <= rounds.iloc[0]["agreement_across_speeches"] <= 1


def test_participation(demo: Demo, tables) -> None:
    store, room = demo.store, demo.room
    people = tables["participation"].set_index("participant_id")
    polls = [p for p in store.polls(room.id) if p.state != "draft"]
    answers = store.answers(room.id)
    (round_,) = store.rounds(room.id)
    given = Counter(s.scorer_id for sp in store.speeches(round_.id) for s in store.scores(sp.id))
    for person in store.participants(room.id):
        row = people.loc[person.id]
        assert row["name"] == person.name
        assert row["polls_voted"] == sum(bool(latest(store.vote_records(p.id)).get(person.id)) for p in polls)
        assert row["polls_opened"] == len(polls)
        assert row["vote_changes"] == sum(v.changes for p in polls for v in store.vote_records(p.id)
                                          if v.participant_id == person.id)
        assert row["answers"] == sum(a.participant_id == person.id for a in answers)
        assert row["scores_given"] == given[person.id]
    turnout = tables["poll_turnout"].set_index("poll")
    for poll in polls:
        assert turnout.loc[poll.key, "voters"] == len(store.votes(poll.id))
        assert turnout.loc[poll.key, "vote_changes"] == sum(v.changes for v in store.vote_records(poll.id))
        assert turnout.loc[poll.key, "participants"] == len(people)
    per_prompt = tables["prompt_answers"].set_index("prompt")
    prompts = [q.id for s in demo.lesson.sections for q in s.prompts]
    assert list(per_prompt.index) == prompts
    for prompt in prompts:
        assert per_prompt.loc[prompt, "answers"] == len(store.answers(room.id, prompt))
    assert len(tables["answers"]) == len(answers)
