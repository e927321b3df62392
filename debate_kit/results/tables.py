"""The results as pandas DataFrames: pure functions of :class:`RoomRecords` (no store, no widgets).

Every table has a fixed list of columns, so an empty table still has its header. Numbers come from the
core: the swing from :func:`~debate_kit.core.swing.motion_swing` (Intelligence Squared rule), poll
percentages from :func:`~debate_kit.core.tally.tally` (largest remainder), speech statistics and
agreement (Krippendorff's alpha) from :mod:`debate_kit.core.scoring`. A participant's vote is their
latest vote event in that poll, as in the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from debate_kit import readable
from debate_kit.core.scoring import agreement_across_speeches, summarize_speech
from debate_kit.core.swing import MOTION_OPTIONS, Swing, motion_swing
from debate_kit.core.tally import tally
from debate_kit.results.records import POST, PRE, RoomRecords
from debate_kit.results.reflections import reflections_table
from debate_kit.store import Poll

#: Table name -> title, in the order the page and the downloads show them.
TITLES = {
    "swing": "Motion vote and swing",
    "movers": "Who changed their mind",
    "motion_votes": "Motion votes per student",
    "polls": "Section polls",
    "speeches": "Rebuttal speeches",
    "scores": "Rebuttal score sheets",
    "rounds": "Rounds and agreement",
    "participation": "Participation per student",
    "poll_turnout": "Turnout per poll",
    "prompt_answers": "Answers per prompt",
    "answers": "Answers",
    "reflections": "Reflections on the swing",
    "cards": "Evidence cards",
}
NO_CHANGE, BEFORE_ONLY, AFTER_ONLY = "no change", "before only", "after only"


def _frame(rows: Sequence[Sequence[object]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(columns))


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True)
class MotionResult:
    motion: str
    question: str
    before: dict[int, str]
    after: dict[int, str]
    swing: Swing
    after_state: str = "revealed"  # the after-vote's poll state: the swing shows once it is revealed


def motion_results(rec: RoomRecords) -> list[MotionResult]:
    """One result per motion that has both polls."""
    found = []
    for motion in rec.motion_ids():
        pre = rec.poll_by_key(f"motion-{motion}{PRE}")
        post = rec.poll_by_key(f"motion-{motion}{POST}")
        assert pre is not None and post is not None
        before = rec.votes(pre.id)
        after = rec.votes(post.id)
        swing = motion_swing({str(k): v for k, v in before.items()}, {str(k): v for k, v in after.items()})
        question = post.question.removeprefix("After the debate: ")
        found.append(MotionResult(motion, question, before, after, swing, post.state))
    return found


def direction(before: str | None, after: str | None) -> str:
    if before is None:
        return AFTER_ONLY
    if after is None:
        return BEFORE_ONLY
    return NO_CHANGE if before == after else f"{before} → {after}"


def swing_table(rec: RoomRecords) -> pd.DataFrame:
    rows = []
    for m in motion_results(rec):
        for o in MOTION_OPTIONS:
            rows.append((m.motion, o, sum(v == o for v in m.before.values()), _r(m.swing.before[o], 1),
                         sum(v == o for v in m.after.values()), _r(m.swing.after[o], 1),
                         _r(m.swing.change[o], 1), m.swing.winner))
    return _frame(rows, ("motion", "option", "votes_before", "percent_before", "votes_after",
                         "percent_after", "change_points", "winner"))


def motion_votes_table(rec: RoomRecords) -> pd.DataFrame:
    names, rows = rec.names(), []
    for m in motion_results(rec):
        people = sorted(set(m.before) | set(m.after), key=lambda p: (names.get(p, ""), p))
        for p in people:
            b, a = m.before.get(p), m.after.get(p)
            rows.append((m.motion, p, names.get(p, "?"), b, a, direction(b, a)))
    return _frame(rows, ("motion", "participant_id", "name", "before", "after", "direction"))


def movers_table(rec: RoomRecords) -> pd.DataFrame:
    names, rows = rec.names(), []
    for m in motion_results(rec):
        for (b, a), count in m.swing.moved.items():
            who = sorted(names.get(int(p), "?") for p in set(m.before) & set(m.after)
                         if m.before[p] == b and m.after[p] == a)
            rows.append((m.motion, b, a, count, ", ".join(who)))
    return _frame(rows, ("motion", "from", "to", "students", "names"))


def section_polls(rec: RoomRecords) -> list[Poll]:
    return [p for p in rec.polls if p.kind != "motion"]


def polls_table(rec: RoomRecords) -> pd.DataFrame:
    rows = []
    for poll in section_polls(rec):
        votes = rec.votes(poll.id)
        lines, total = tally(poll.options, votes.values())
        for line in lines:
            rows.append((poll.key, poll.section, poll.question, poll.state, line.option, line.count,
                         line.percent, total))
    return _frame(rows, ("poll", "section", "question", "state", "option", "votes", "percent", "voters"))


def _speech_rows(rec: RoomRecords):  # -> iterator of (round, speech, sheets)
    for round_ in rec.rounds:
        for speech in rec.speeches.get(round_.id, ()):
            yield round_, speech, rec.scores.get(speech.id, ())


def speeches_table(rec: RoomRecords) -> pd.DataFrame:
    names, criteria, rows = rec.names(), rec.room.rubric_criteria, []
    for round_, speech, sheets in _speech_rows(rec):
        s = summarize_speech([sheet.values for sheet in sheets], criteria)
        rows.append((round_.number, speech.debate, speech.label, speech.side,
                     names.get(speech.speaker_id or -1, ""), s.scorers, _r(s.mean), _r(s.median),
                     _r(s.spread), s.low, s.high, _r(s.alpha), s.incomplete,
                     *(_r(s.by_criterion.get(c)) for c in criteria)))
    return _frame(rows, ("round", "debate", "speech", "side", "speaker", "scorers", "mean", "median",
                         "spread", "low", "high", "agreement", "incomplete",
                         *(f"mean_{c}" for c in criteria)))


def scores_table(rec: RoomRecords) -> pd.DataFrame:
    names, criteria, rows = rec.names(), rec.room.rubric_criteria, []
    for round_, speech, sheets in _speech_rows(rec):
        seats = {s.participant_id: s for s in rec.seats.get(round_.id, ())}
        for sheet in sheets:
            seat = seats.get(sheet.scorer_id)
            where = "audience" if seat is None else seat.role + (f" {seat.debate}" if seat.debate else "")
            values = [sheet.values.get(c) for c in criteria]
            total = sum(v for v in values if v is not None) if None not in values else None
            rows.append((round_.number, speech.label, names.get(speech.speaker_id or -1, ""),
                         names.get(sheet.scorer_id, "?"), where, *values, total, sheet.comment))
    return _frame(rows, ("round", "speech", "speaker", "scorer", "scorer_seat", *criteria, "total",
                         "comment"))


def rounds_table(rec: RoomRecords) -> pd.DataFrame:
    criteria, rows = set(rec.room.rubric_criteria), []
    for round_ in rec.rounds:
        across = {
            str(sp.id): {str(s.scorer_id): sum(s.values.values()) for s in rec.scores.get(sp.id, ())
                         if set(s.values) == criteria}
            for sp in rec.speeches.get(round_.id, ())
        }
        rows.append((round_.number, round_.published, round_.scoring, len(across),
                     sum(len(rec.scores.get(int(sp), ())) for sp in across),
                     _r(agreement_across_speeches(across))))
    return _frame(rows, ("round", "published", "scoring", "speeches", "score_sheets",
                         "agreement_across_speeches"))


def _latest_seats(rec: RoomRecords) -> dict[int, str]:
    found: dict[int, str] = {}
    for round_ in rec.rounds:
        for seat in rec.seats.get(round_.id, ()):
            found[seat.participant_id] = seat.role + (f" {seat.debate}" if seat.debate else "")
    return found


def participation_table(rec: RoomRecords) -> pd.DataFrame:
    opened = [p for p in rec.polls if p.state != "draft"]
    seats, rows = _latest_seats(rec), []
    for person in rec.participants:
        voted = changes = 0
        for poll in opened:
            mine = [v for v in rec.votes_by_poll.get(poll.id, ()) if v.participant_id == person.id]
            voted += bool(mine)
            changes += sum(v.changes for v in mine)
        answers = sum(a.participant_id == person.id for a in rec.answers)
        given = sum(s.scorer_id == person.id for sheets in rec.scores.values() for s in sheets)
        spoke = [sp.label for sps in rec.speeches.values() for sp in sps if sp.speaker_id == person.id]
        rows.append((person.id, person.name, person.created_at, seats.get(person.id, ""), voted,
                     len(opened), changes, answers, given, "; ".join(spoke)))
    return _frame(rows, ("participant_id", "name", "joined_at", "seat", "polls_voted", "polls_opened",
                         "vote_changes", "answers", "scores_given", "rebuttals"))


def poll_turnout_table(rec: RoomRecords) -> pd.DataFrame:
    everyone, rows = len(rec.participants), []
    for poll in rec.polls:
        votes = rec.votes_by_poll.get(poll.id, ())
        voters = len(votes)
        rows.append((poll.key, poll.kind, poll.question, poll.state, voters, everyone,
                     _r(100 * voters / everyone if everyone else 0.0, 1), sum(v.changes for v in votes)))
    return _frame(rows, ("poll", "kind", "question", "state", "voters", "participants", "percent",
                         "vote_changes"))


def prompt_answers_table(rec: RoomRecords) -> pd.DataFrame:
    everyone = len(rec.participants)
    prompts = list(rec.prompts) + sorted({a.prompt for a in rec.answers} - set(rec.prompts))
    rows = []
    for prompt in prompts:
        section, text = rec.prompts.get(prompt, ("", ""))
        n = sum(a.prompt == prompt for a in rec.answers)
        rows.append((prompt, section, text, n, everyone, _r(100 * n / everyone if everyone else 0.0, 1)))
    return _frame(rows, ("prompt", "section", "question", "answers", "participants", "percent"))


def answers_table(rec: RoomRecords) -> pd.DataFrame:
    names = rec.names()
    order = {p: i for i, p in enumerate(rec.prompts)}
    answers = sorted(rec.answers, key=lambda a: (order.get(a.prompt, len(order)), a.prompt,
                                                 names.get(a.participant_id, "")))
    rows = [(a.prompt, a.participant_id, names.get(a.participant_id, "?"), a.text, a.updated_at)
            for a in answers]
    return _frame(rows, ("prompt", "participant_id", "name", "text", "updated_at"))


def cards_table(rec: RoomRecords) -> pd.DataFrame:
    """One row per evidence card: its author, claim, evidence, source, trust, side helped, where cited."""
    header, rows = readable.cards_table(rec)
    return pd.DataFrame(rows, columns=header)


BUILDERS = {
    "swing": swing_table,
    "movers": movers_table,
    "motion_votes": motion_votes_table,
    "polls": polls_table,
    "speeches": speeches_table,
    "scores": scores_table,
    "rounds": rounds_table,
    "participation": participation_table,
    "poll_turnout": poll_turnout_table,
    "prompt_answers": prompt_answers_table,
    "answers": answers_table,
    "reflections": reflections_table,
    "cards": cards_table,
}


def build_tables(rec: RoomRecords) -> dict[str, pd.DataFrame]:
    """Every results table, in :data:`TITLES` order."""
    return {name: BUILDERS[name](rec) for name in TITLES}
