"""The results page as HTML: pure functions of the records and tables (no store, no widgets).

The page explains itself: scores out of the maximum, the winner in the debate's side names with the
rule, why the two votes' voter counts differ (:mod:`debate_kit.core.swing`). It is shown on the
projector too, so with ``private=False`` it follows :mod:`debate_kit.core.privacy`: no tally before a
poll is revealed, no names next to moves, answers, scores or per-student figures.
Charts are light HTML/CSS bars (:func:`debate_kit.widgets._html.bars`); every name, answer, comment and
question goes through :func:`~debate_kit.widgets._html.esc` (``table`` escapes every cell).
"""

from __future__ import annotations

import math

import pandas as pd

from debate_kit.core.privacy import answers_by_prompt, out_of, swing_shown, tally_shown
from debate_kit.core.swing import MOTION_OPTIONS, RULE_TEXT, option_label, voters_text, winner_text
from debate_kit.core.tally import OptionCount, tally
from debate_kit.results.evidence import evidence_html
from debate_kit.results.records import RoomRecords
from debate_kit.results.reflections import reflections_html
from debate_kit.results.tables import TITLES, MotionResult, motion_results, section_polls
from debate_kit.widgets._html import answer_group, bars, esc, hidden, table


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


def _labelled(votes: dict[int, str]) -> tuple[list[OptionCount], int]:
    lines, total = tally(MOTION_OPTIONS, votes.values())
    return [OptionCount(option_label(x.option), x.count, x.percent) for x in lines], total


def _motion(m: MotionResult, names: dict[int, str], private: bool) -> str:
    head = f'<div class="dk-results-motion"><h4>{esc(m.question)}</h4>'
    if not swing_shown(m.after_state, private):
        return (head + f"<p>{len(m.before)} voted before the debate and {len(m.after)} after.</p>"
                + hidden("The result shows once the vote after the debate is revealed") + "</div>")
    rows = [(option_label(o), f"{m.swing.before[o]:.1f}%", f"{m.swing.after[o]:.1f}%",
             f"{m.swing.change[o]:+.1f} points") for o in MOTION_OPTIONS]
    movers = [
        (f"{option_label(b)} → {option_label(a)}", n,
         *((", ".join(sorted(names.get(int(p), "?") for p in set(m.before) & set(m.after)
                             if m.before[p] == b and m.after[p] == a)),) if private else ()))
        for (b, a), n in m.swing.moved.items()
    ]
    header = ("Direction", "Students", *(("Who (private)",) if private else ()))
    moved = table(header, movers, css="dk-results-movers") if movers else "<p>Nobody changed their mind.</p>"
    note = "" if m.after_state == "revealed" else "<p><i>Private: the class has not seen this yet.</i></p>"
    return (
        head + note + '<div style="display:flex;gap:24px;flex-wrap:wrap">'
        f'<div style="min-width:220px">{bars(*_labelled(m.before), caption="Before the debate")}</div>'
        f'<div style="min-width:220px">{bars(*_labelled(m.after), caption="After the debate")}</div></div>'
        + table(("", "Before", "After", "Change"), rows, css="dk-results-swing")
        + f'<p class="dk-results-winner"><b>{esc(winner_text(m.swing))}</b></p>'
        + f'<p class="dk-results-rule">The rule: {esc(RULE_TEXT)}</p>'
        + f'<p class="dk-results-voters">{esc(voters_text(m.swing))}</p>'
        + f"<p>{m.swing.changed_mind} of the {m.swing.both_votes} who voted twice changed their mind.</p>"
        + moved + ("" if private else hidden("The names of those who changed their mind")) + "</div>"
    )


def motions_html(rec: RoomRecords, private: bool = False) -> str:
    found = motion_results(rec)
    if not found:
        return "<p>This room has no motion vote.</p>"
    names = rec.names()
    voted = [m for m in found if m.before or m.after]
    unused = [m for m in found if not (m.before or m.after)]
    folded = ("<details class='dk-results-unused'><summary>Motions nobody voted on "
              f"({len(unused)})</summary><ul>"
              + "".join(f"<li>{esc(m.question)}</li>" for m in unused) + "</ul></details>") if unused else ""
    shown = "".join(_motion(m, names, private) for m in voted) or "<p>Nobody has voted on a motion yet.</p>"
    return shown + folded


def polls_html(rec: RoomRecords, private: bool = False) -> str:
    parts = []
    for poll in section_polls(rec):
        votes = rec.votes(poll.id)
        where = f" (section {poll.section})" if poll.section else ""
        if tally_shown(poll.state, private):
            lines, total = tally(poll.options, votes.values())
            shown = bars(lines, total, caption=poll.question + where)
        else:
            shown = (f"<div><b>{esc(poll.question + where)}</b></div><p>{len(votes)} voted.</p>"
                     + hidden("The results show once the poll is revealed"))
        parts.append(f'<div class="dk-results-poll" style="margin:8px 0;max-width:560px">{shown}</div>')
    return "".join(parts) or "<p>This room has no section polls.</p>"


def speeches_html(rec: RoomRecords, tables: dict[str, pd.DataFrame], private: bool = False) -> str:
    speeches, sheets = tables["speeches"], tables["scores"]
    if speeches.empty:
        return "<p>No debate round has been saved yet.</p>"
    room = rec.room
    top = len(room.rubric_criteria) * room.rubric_max
    columns = ("Round", "Speech", "Side", *(("Speaker",) if private else ()), "Scorers", "Mean", "",
               "Median", "Spread", "Low–high", "Agreement")
    head = "".join(f'<th style="text-align:left;padding:2px 8px">{h}</th>' for h in columns)
    body = ""
    for row in speeches.itertuples(index=False):
        low_high = "–" if row.scorers == 0 else f"{fmt(row.low)}–{fmt(row.high)} of {top}"
        cells = (fmt(row.round), esc(row.speech), esc(str(row.side).capitalize()),
                 *((esc(row.speaker or "–"),) if private else ()), fmt(row.scorers),
                 out_of(_num(row.mean), top), _bar(row.mean, top), out_of(_num(row.median), top),
                 fmt(row.spread), low_high, fmt(row.agreement))
        body += "<tr>" + "".join(f'<td style="padding:2px 8px;white-space:nowrap">{c}</td>' for c in cells)
        body += "</tr>"
    details = ""
    for (round_no, label), group in sheets.groupby(["round", "speech"], sort=False) if private else ():
        cols = ["scorer", "scorer_seat", *room.rubric_criteria, "total", "comment"]
        details += (f"<details><summary>Round {fmt(round_no)}, {esc(label)}: {len(group)} score sheets "
                    f"(private; totals out of {top})</summary>{frame_html(group, cols, 'dk-results-sheets')}"
                    "</details>")
    return (
        f"<p>Each speech's total is out of {top}: {len(room.rubric_criteria)} criteria, each scored "
        f"{room.rubric_min} to {room.rubric_max}. Spread is the standard deviation of the totals; agreement "
        "is Krippendorff's alpha over the criteria (1 = the scorers agree fully, 0 = no better than "
        "chance, – = too few scorers).</p>"
        f'<table class="dk-results-speeches" style="border-collapse:collapse"><tr>{head}</tr>{body}</table>'
        + "<p>Per round: do the scorers rank the speeches alike (agreement across speeches)?</p>"
        + frame_html(tables["rounds"], css="dk-results-rounds")
        + (f'<div style="margin-top:8px">{details}</div>' if private
           else hidden("Speakers' names and each scorer's marks and comments"))
    )


def _num(value: float | None) -> float | None:
    """A mean or median from a table (NaN when nobody scored) as a number or None."""
    return None if value is None or math.isnan(value) else float(value)


def participation_html(rec: RoomRecords, tables: dict[str, pd.DataFrame], private: bool = False) -> str:
    people = tables["participation"]
    turnout = tables["poll_turnout"]
    prompts = tables["prompt_answers"]
    rows = "".join(
        f'<tr><td style="padding:2px 8px">{esc(r.question)}</td>'
        f'<td style="padding:2px 8px;white-space:nowrap">'
        f"{r.voters} of {r.participants}</td><td>{_bar(r.percent, 100, '#7cb342')}</td></tr>"
        for r in turnout.itertuples(index=False)
    )
    per_student = (frame_html(people, ["name", "seat", "polls_voted", "polls_opened", "vote_changes",
                                       "answers", "scores_given", "rebuttals"], "dk-results-participation")
                   if private else hidden("What each student did"))
    return (
        f"<p>{len(people)} joined the room.</p>" + per_student
        + f'<h4>Voted per poll</h4><table class="dk-results-turnout">{rows}</table>'
        + "<h4>Answers per prompt</h4>"
        + frame_html(prompts, ["section", "question", "answers", "percent"], "dk-results-prompts")
    )


def answers_html(rec: RoomRecords, private: bool = False) -> str:
    """The answers grouped by prompt; names only when private (without them, sorted by text)."""
    if not any(a.text.strip() for a in rec.answers):
        return "<p>No written answers yet.</p>"
    prompts = [(pid, section, text) for pid, (section, text) in rec.prompts.items()]
    answers = [(a.participant_id, a.prompt, a.text) for a in rec.answers]
    groups = answers_by_prompt(prompts, answers, rec.names() if private else None)
    return ("" if private else hidden("Who wrote which answer")) + "".join(
        answer_group(g) for g in groups if g.answers)


def page_html(rec: RoomRecords, tables: dict[str, pd.DataFrame], *,
              private: bool = False) -> list[tuple[str, str]]:
    """(heading, HTML) for each part of the page, in order; names and unrevealed tallies if private."""
    room = rec.room
    head = (f"<h2>Results: {esc(room.title)} ({esc(room.code)})</h2>"
            f"<p>Lesson {esc(room.lesson)}; phase {esc(room.phase)}; {len(rec.participants)} participants."
            "</p>")
    return [
        ("", head),
        (TITLES["swing"], motions_html(rec, private)),
        (TITLES["polls"], polls_html(rec, private)),
        (TITLES["speeches"], speeches_html(rec, tables, private)),
        ("Participation", participation_html(rec, tables, private)),
        (TITLES["answers"], answers_html(rec, private)),
        ("Evidence", evidence_html(rec, private)),
        (TITLES["reflections"], reflections_html(rec, private)),
    ]
