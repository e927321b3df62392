"""The results page as HTML: pure functions of the records and tables (no store, no widgets).

Charts are light HTML/CSS bars (:func:`debate_kit.widgets._html.bars`); every name, answer, comment and
question goes through :func:`~debate_kit.widgets._html.esc` (``table`` escapes every cell).
"""

from __future__ import annotations

import math

import pandas as pd

from debate_kit.core.swing import MOTION_OPTIONS, TIE
from debate_kit.core.tally import tally
from debate_kit.results.records import RoomRecords
from debate_kit.results.tables import TITLES, MotionResult, effective_votes, motion_results, section_polls
from debate_kit.widgets._html import bars, esc, table


def fmt(value: object, digits: int = 2) -> str:
    """A cell as text: '–' for missing numbers, floats with ``digits`` decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def frame_html(frame: pd.DataFrame, columns: list[str] | None = None, css: str = "dk-table") -> str:
    columns = columns or [str(c) for c in frame.columns]
    rows = [[fmt(v) for v in row] for row in frame[columns].itertuples(index=False)]
    return table([c.replace("_", " ") for c in columns], rows, css=css)


def _bar(value: float | None, top: float, colour: str = "#5c8dd6") -> str:
    width = 0 if value is None or top <= 0 or math.isnan(value) else max(0, min(100, 100 * value / top))
    return (f'<div style="background:#eceff1;border-radius:3px;height:12px;width:160px">'
            f'<div style="background:{colour};width:{width:.0f}%;height:12px;border-radius:3px"></div></div>')


def _motion(m: MotionResult, names: dict[int, str]) -> str:
    before = tally(MOTION_OPTIONS, m.before.values())
    after = tally(MOTION_OPTIONS, m.after.values())
    rows = [(o, f"{m.swing.before[o]:.1f}%", f"{m.swing.after[o]:.1f}%", f"{m.swing.change[o]:+.1f} points")
            for o in MOTION_OPTIONS]
    winner = "A tie: neither side gained more." if m.swing.winner == TIE else (
        f"{m.swing.winner} wins the swing (Intelligence Squared rule: the side that gained more points).")
    movers = [
        (f"{b} → {a}", n, ", ".join(sorted(names.get(int(p), "?") for p in set(m.before) & set(m.after)
                                           if m.before[p] == b and m.after[p] == a)))
        for (b, a), n in m.swing.moved.items()
    ]
    moved = table(("Direction", "Students", "Who"), movers, css="dk-results-movers") if movers else (
        "<p>Nobody changed their mind.</p>")
    return (
        f'<div class="dk-results-motion"><h4>{esc(m.question)}</h4>'
        '<div style="display:flex;gap:24px;flex-wrap:wrap">'
        f'<div style="min-width:220px">{bars(*before, caption="Before the debate")}</div>'
        f'<div style="min-width:220px">{bars(*after, caption="After the debate")}</div></div>'
        + table(("", "Before", "After", "Change"), rows, css="dk-results-swing")
        + f"<p><b>{esc(winner)}</b> {m.swing.voters_before} voted before, {m.swing.voters_after} after; "
        f"{m.swing.changed_mind} of the {m.swing.both_votes} who voted twice changed their mind.</p>"
        + moved + "</div>"
    )


def motions_html(rec: RoomRecords) -> str:
    found = motion_results(rec)
    if not found:
        return "<p>This room has no motion vote.</p>"
    names = rec.names()
    voted = [m for m in found if m.before or m.after]
    unused = [m for m in found if not (m.before or m.after)]
    folded = ("<details class='dk-results-unused'><summary>Motions nobody voted on "
              f"({len(unused)})</summary><ul>"
              + "".join(f"<li>{esc(m.question)}</li>" for m in unused) + "</ul></details>") if unused else ""
    shown = "".join(_motion(m, names) for m in voted) or "<p>Nobody has voted on a motion yet.</p>"
    return shown + folded


def polls_html(rec: RoomRecords) -> str:
    parts = []
    for poll in section_polls(rec):
        lines, total = tally(poll.options, effective_votes(rec.vote_events.get(poll.id, ())).values())
        where = f" (section {poll.section})" if poll.section else ""
        parts.append(f'<div class="dk-results-poll" style="margin:8px 0;max-width:560px">'
                     f"{bars(lines, total, caption=poll.question + where)}</div>")
    return "".join(parts) or "<p>This room has no section polls.</p>"


def speeches_html(rec: RoomRecords, tables: dict[str, pd.DataFrame]) -> str:
    speeches, sheets = tables["speeches"], tables["scores"]
    if speeches.empty:
        return "<p>No debate round has been saved yet.</p>"
    top = len(rec.room.rubric_criteria) * rec.room.rubric_max
    head = "".join(f'<th style="text-align:left;padding:2px 8px">{h}</th>' for h in (
        "Round", "Speech", "Speaker", "Scorers", "Mean", "", "Median", "Spread", "Low–high", "Agreement"))
    body = ""
    for row in speeches.itertuples(index=False):
        cells = (fmt(row.round), esc(row.speech), esc(row.speaker or "–"), fmt(row.scorers), fmt(row.mean),
                 _bar(row.mean, top), fmt(row.median), fmt(row.spread),
                 f"{fmt(row.low)}–{fmt(row.high)}", fmt(row.agreement))
        body += "<tr>" + "".join(f'<td style="padding:2px 8px;white-space:nowrap">{c}</td>' for c in cells)
        body += "</tr>"
    details = ""
    for (round_no, label), group in sheets.groupby(["round", "speech"], sort=False):
        cols = ["scorer", "scorer_seat", *rec.room.rubric_criteria, "total", "comment"]
        details += (f"<details><summary>Round {fmt(round_no)}, {esc(label)}: {len(group)} score sheets"
                    f"</summary>{frame_html(group, cols, 'dk-results-sheets')}</details>")
    return (
        f"<p>Totals out of {top}. Spread is the standard deviation of the totals; agreement is "
        "Krippendorff's alpha over the criteria (1 = the scorers agree fully, 0 = no better than chance, "
        "– = too few scorers).</p>"
        f'<table class="dk-results-speeches" style="border-collapse:collapse"><tr>{head}</tr>{body}</table>'
        + "<p>Per round: do the scorers rank the speeches alike (agreement across speeches)?</p>"
        + frame_html(tables["rounds"], css="dk-results-rounds")
        + f'<div style="margin-top:8px">{details}</div>'
    )


def participation_html(rec: RoomRecords, tables: dict[str, pd.DataFrame]) -> str:
    people = tables["participation"]
    turnout = tables["poll_turnout"]
    prompts = tables["prompt_answers"]
    rows = "".join(
        f'<tr><td style="padding:2px 8px">{esc(r.question)}</td>'
        f'<td style="padding:2px 8px;white-space:nowrap">'
        f"{r.voters} of {r.participants}</td><td>{_bar(r.percent, 100, '#7cb342')}</td></tr>"
        for r in turnout.itertuples(index=False)
    )
    return (
        f"<p>{len(people)} joined the room.</p>"
        + frame_html(people, ["name", "seat", "polls_voted", "polls_opened", "vote_changes", "answers",
                              "scores_given", "rebuttals"], "dk-results-participation")
        + f'<h4>Voted per poll</h4><table class="dk-results-turnout">{rows}</table>'
        + "<h4>Answers per prompt</h4>"
        + frame_html(prompts, ["section", "question", "answers", "percent"], "dk-results-prompts")
    )


def answers_html(tables: dict[str, pd.DataFrame]) -> str:
    answers = tables["answers"]
    if answers.empty:
        return "<p>No written answers yet.</p>"
    questions = dict(zip(tables["prompt_answers"]["prompt"], tables["prompt_answers"]["question"],
                         strict=True))
    parts = []
    for prompt, group in answers.groupby("prompt", sort=False):
        items = "".join(f"<li><b>{esc(r.name)}</b>: {esc(r.text)}</li>" for r in group.itertuples())
        title = questions.get(prompt) or prompt
        parts.append(f"<details><summary>{esc(title)} ({len(group)})</summary><ul>{items}</ul></details>")
    return "".join(parts)


def page_html(rec: RoomRecords, tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(heading, HTML) for each part of the page, in order."""
    room = rec.room
    head = (f"<h2>Results: {esc(room.title)} ({esc(room.code)})</h2>"
            f"<p>Lesson {esc(room.lesson)}; phase {esc(room.phase)}; {len(rec.participants)} participants."
            "</p>")
    return [
        ("", head),
        (TITLES["swing"], motions_html(rec)),
        (TITLES["polls"], polls_html(rec)),
        (TITLES["speeches"], speeches_html(rec, tables)),
        ("Participation", participation_html(rec, tables)),
        (TITLES["answers"], answers_html(tables)),
    ]
