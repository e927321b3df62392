"""The hub's Sides page as HTML (pure: plain data -> HTML): the plan, the seats, the swap, publish.

One form (its XSRF token) carries the plan and the page's state (:class:`~debate_kit.service.sides_plan.
SidesForm`) as hidden fields; each button posts it with its own ``action``. Students are named by the
page's labels ("Student 3" unless ``?names=1``). Every typed text is escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import ROLES, Assignment
from debate_kit.rounds import ROLE_TEXT
from debate_kit.service.pages import STYLE
from debate_kit.service.sides_plan import SidesForm
from debate_kit.store import Room

SIDES_STYLE = STYLE + ("table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;"
                       "border-bottom:1px solid #ddd}.dk-hub-nav a{margin-right:1em}fieldset{margin:.5em 0}"
                       "input[type=number]{width:5em}select{font:inherit;max-width:100%}"
                       ".dk-hub-warnings{color:#840}")
OTHERS_TEXT = {"judge": "judge a debate", "audience": "watch (audience)"}


@dataclass(frozen=True)
class SidesView:
    """What the Sides page shows: the class (id -> label, in join order), the form, the seats."""

    room: Room
    labels: dict[str, str]
    form: SidesForm
    seats: Assignment | None
    said: str = ""
    problem: str = ""
    typed: Mapping[str, str] = field(default_factory=dict)  # the form as sent, when it could not be read


def _options(pairs: list[tuple[str, str]], chosen: str = "") -> str:
    e = html.escape
    return "".join(f'<option value="{e(v)}"{" selected" if v == chosen else ""}>{e(t)}</option>'
                   for v, t in pairs)


def _number(name: str, label: str, value: object, low: int, high: int, step: str = "1") -> str:
    return (f'<label>{label} <input class="dk-hub-sides-{name}" name="{name}" type="number" min="{low}" '
            f'max="{high}" step="{step}" value="{html.escape(str(value))}"></label> ')


def _state(form: SidesForm, typed: Mapping[str, str]) -> str:
    hidden = {"locks": ",".join(f"{p}:{r}" for p, r in form.locks),
              "apart": ",".join(f"{a}-{b}" for a, b in form.apart),
              "swaps": ",".join(f"{a}-{b}" for a, b in form.swaps), "shown": form.shown,
              "round": "" if form.round_id is None else str(form.round_id)}
    return "".join(f'<input type="hidden" name="{k}" value="{html.escape(typed.get(k, v))}">'
                   for k, v in hidden.items())


def _plan(form: SidesForm, typed: Mapping[str, str]) -> str:
    plan, t = form.plan, typed.get
    formats = [(k, f.name) for k, f in PRESETS.items()]
    return ("<fieldset><legend>Plan</legend>"
            + _number("debates", "Debates", t("debates", plan.debates), 1, 50)
            + _number("team_size", "Team size", t("team_size", plan.team_size), 1, 5)
            + _number("judges", "Judges per debate", t("judges", plan.judges_per_debate), 0, 5)
            + f'<label>Everyone else <select name="others">'
            f'{_options(list(OTHERS_TEXT.items()), t("others", plan.others))}</select></label><br>'
            f'<label>Format <select name="format">{_options(formats, t("format", form.preset))}'
            "</select></label> "
            + _number("speech", "Speech minutes", t("speech", form.speech), 0, 20, "0.5")
            + _number("rebuttal", "Rebuttal minutes", t("rebuttal", form.rebuttal), 0, 20, "0.5")
            + _number("seed", "Seed", t("seed", form.seed), 0, 2**31 - 1)
            + '<button class="dk-hub-sides-preview" name="action" value="preview" type="submit">Preview'
            '</button> <button class="dk-hub-sides-new-seed" name="action" value="new-seed" type="submit">'
            "New seed and preview</button></fieldset>")


def _constraints(view: SidesView) -> str:
    e, people = html.escape, list(view.labels.items())
    who = lambda pid: e(view.labels.get(pid, "a student who left"))  # noqa: E731
    locks = ", ".join(f"{who(p)} → {e(ROLE_TEXT.get(r, r))}" for p, r in view.form.locks) or "none"
    pairs = ", ".join(f"{who(a)} ≠ {who(b)}" for a, b in view.form.apart) or "none"
    roles = [(str(r), ROLE_TEXT.get(str(r), str(r))) for r in ROLES]
    return ("<fieldset><legend>Locks and pairs</legend>"
            f'<p class="dk-hub-sides-constraints">Locks: {locks}. Keep apart: {pairs}. '
            f"{len(people)} in the room.</p>"
            f'<label>Lock <select name="lock_who">{_options(people)}</select></label> '
            f'<label>to <select name="lock_role">{_options(roles)}</select></label> '
            '<button class="dk-hub-sides-lock" name="action" value="lock" type="submit">Add lock</button><br>'
            f'<label>Keep apart <select name="apart_a">{_options(people)}</select></label> '
            f'<label>and <select name="apart_b">{_options(people)}</select></label> '
            '<button class="dk-hub-sides-apart" name="action" value="apart" type="submit">Add pair</button> '
            '<button class="dk-hub-sides-clear" name="action" value="clear" type="submit">'
            "Clear locks and pairs</button></fieldset>")


def _seats(view: SidesView) -> str:
    e, seats = html.escape, view.seats
    if seats is None:
        return "<p>No seats to show: Preview makes them (students see nothing until you publish).</p>"
    published = view.form.round_id is not None
    head = ("Published: what the students see" if published else "Preview (students see nothing yet)")
    order = sorted(seats.seats, key=lambda s: (s.debate is None, s.debate or 0, ROLES.index(s.role),
                                               s.speaker or 0, s.participant))
    rows = "".join(f'<tr class="dk-hub-seat"><td>{s.debate or ""}</td><td>{e(ROLE_TEXT.get(s.role, s.role))}'
                   f'</td><td>{s.speaker or ""}</td><td>{e(view.labels.get(s.participant, "?"))}</td></tr>'
                   for s in order)
    warnings = "".join(f"<li>{e(w)}</li>" for w in seats.warnings)
    people = list(view.labels.items())
    publish = ("" if published else '<button class="dk-hub-sides-publish" name="action" value="publish" '
               'type="submit">Publish</button>')
    swap_words = "Swap (the students see it at once)" if published else "Swap"
    return (f'<h2 class="dk-hub-sides-head">{head}</h2><p>Seed {seats.seed}</p><table class="dk-hub-seats">'
            f"<thead><tr><th>Debate</th><th>Role</th><th>Speaker</th><th>Student</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            + (f'<ul class="dk-hub-warnings">{warnings}</ul>' if warnings else "")
            + f'<p><label>Swap <select name="swap_a">{_options(people)}</select></label> '
            f'<label>with <select name="swap_b">{_options(people)}</select></label> '
            f'<button class="dk-hub-sides-swap" name="action" value="swap" type="submit">{swap_words}'
            f"</button> {publish}</p>")


def sides_html(view: SidesView, *, names: bool, xsrf: str) -> str:
    """The whole page; ``xsrf``: the form's hidden XSRF input."""
    e = html.escape
    code = e(view.room.code)
    here = f"{code}?names=1" if names else code
    switch = (f'<a class="dk-hub-names" href="{code}">Hide names (for the projector)</a>' if names else
              f'<a class="dk-hub-names" href="{code}?names=1">Show names (not on the projector)</a>')
    note = (f'<p class="dk-hub-problem" role="alert">{e(view.problem)}</p>' if view.problem else "") + \
        (f'<p class="dk-hub-said" role="status">{e(view.said)}</p>' if view.said else "")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>debate_kit: sides of {code}</title><style>{SIDES_STYLE}</style></head><body>
<p class="dk-hub-nav"><a href="../rooms">Your rooms</a><a href="../class/{here}">Class</a>
<a href="../present/{code}">Class screen</a></p>
<h1>Sides: {e(view.room.title)} ({code})</h1>{note}
<p>{switch} · <a href="{here}">Start again</a></p>
<form method="post" action="{here}">{xsrf}{_state(view.form, view.typed)}{_plan(view.form, view.typed)}
{_constraints(view)}
{_seats(view)}</form></body></html>"""
