"""The class page of a hub room as HTML (pure: plain data -> HTML): who joined, who may come in, the
evidence cards on the class screen.

It may be on a mirrored projector, so names (students', cards' authors) appear only when the teacher
asks (``names``, the page's ``?names=1``); otherwise students are numbered in the order they joined and
cards are named by number and claim. Every typed text is escaped here. The part marked ``dk-hub-live``
updates itself (:mod:`debate_kit.service.live`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from debate_kit.rounds import TagChoices
from debate_kit.service.live import live_script, live_status
from debate_kit.service.pages import STYLE
from debate_kit.store import Room
from debate_kit.store.membership import MAX_PEOPLE
from debate_kit.widgets.class_controls import door_text

NO_CHOICES = TagChoices([], (), (), ())
CLASS_STYLE = STYLE + ("table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;"
                       "border-bottom:1px solid #ddd}.dk-hub-nav a{margin-right:1em}form.dk-inline{"
                       "display:inline}.dk-hub-confirm{padding:.5em;border:.2em solid #c33}"
                       "input[type=number]{width:6em}")


@dataclass(frozen=True)
class Person:
    """One participant as the class page lists them: their number (order of joining), what counts."""

    number: int
    id: int
    name: str
    votes: int
    answers: int


@dataclass(frozen=True)
class ClassData:
    """What the class page shows, read from the store in one step."""

    room: Room
    people: tuple[Person, ...]
    cards: tuple[tuple[int, str, int], ...]  # (card id, claim, the author's participant id)
    choices: TagChoices = NO_CHOICES  # what a card can be tagged for now


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def label(person: Person, names: bool) -> str:
    """How the page names a participant: their name, or "Student 3" while names are hidden."""
    return person.name if names else f"Student {person.number}"


def short(text: str, n: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n - 1] + "…"


def _people(data: ClassData, names: bool, here: str) -> str:
    e = html.escape
    if not data.people:
        return "<p>Nobody has joined yet.</p>"
    rows = []
    for p in data.people:
        remove = (f'<a class="dk-hub-remove" data-dk-key="remove-{p.id}" href="{here}&amp;remove={p.id}">'
                  'Remove…</a>' if names else "")
        rows.append(f'<tr class="dk-hub-person"><td>{e(label(p, names))}</td><td>{_count(p.votes, "vote")}'
                    f'</td><td>{_count(p.answers, "answer")}</td><td>{remove}</td></tr>')
    hint = "" if names else "<p>Show names to remove a student.</p>"
    return f'<table class="dk-hub-people"><tbody>{"".join(rows)}</tbody></table>{hint}'


def _confirm(person: Person, names: bool, xsrf: str, action: str, back: str) -> str:
    who = html.escape(label(person, names))
    return (f'<div class="dk-hub-confirm"><p>Remove <b>{who}</b>? Their {_count(person.votes, "vote")} and '
            f'{_count(person.answers, "answer")} will no longer count (nor any scores they gave); their '
            'evidence cards go too, and their phone shows the join form.</p>'
            f'<form method="post" action="{action}">{xsrf}'
            '<input type="hidden" name="action" value="remove">'
            f'<input type="hidden" name="participant" value="{person.id}">'
            f'<button class="dk-hub-remove-confirm" type="submit">Yes, remove {who}</button></form> '
            f'<a class="dk-hub-remove-cancel" href="{back}">Cancel</a></div>')


def _door(room: Room, joined: int, xsrf: str, action: str) -> str:
    lock = ("unlock", "Let new students join") if room.locked else ("lock", "Lock the room to new joins")
    return (f'<p class="dk-hub-door">{html.escape(door_text(room.locked, joined, room.max_people))}</p>'
            f'<form class="dk-inline" method="post" action="{action}">{xsrf}'
            f'<input type="hidden" name="action" value="{lock[0]}">'
            f'<button class="dk-hub-{lock[0]}" data-dk-key="door" type="submit">{lock[1]}</button></form>'
            f'<form method="post" action="{action}">{xsrf}<input type="hidden" name="action" value="size">'
            f'<label>Room size (1 to {MAX_PEOPLE}) <input class="dk-hub-size" name="size" type="number" '
            f'min="1" max="{MAX_PEOPLE}" value="{room.max_people}"></label> '
            '<button class="dk-hub-size-set" data-dk-key="size" type="submit">Set the size</button></form>')


def _cards(data: ClassData, names: bool, xsrf: str, action: str) -> str:
    e = html.escape
    authors = {p.id: p.name for p in data.people}
    shown = data.room.shown_card
    if not data.cards:
        return "<p>No evidence cards yet.</p>"
    rows = []
    speeches = dict(data.choices.speeches)
    for card_id, claim, author in data.cards:
        by = f" <i>by {e(authors.get(author, 'a removed student'))}</i>" if names else ""
        now = " <b>(on the class screen now)</b>" if card_id == shown else ""
        cited = [f"debate {t.debate}, {speeches.get(t.slot, t.slot)}" for t in data.choices.tags
                 if t.card_id == card_id]
        now += f' <span class="dk-hub-cited">(cited: {e("; ".join(cited))})</span>' if cited else ""
        rows.append(f'<li class="dk-hub-card">#{card_id}: {e(short(claim))}{by}{now} '
                    f'<form class="dk-inline" method="post" action="{action}">{xsrf}'
                    f'<input type="hidden" name="action" value="show-card">'
                    f'<input type="hidden" name="card" value="{card_id}">'
                    f'<button class="dk-hub-card-show" data-dk-key="card-{card_id}" type="submit">'
                    'Show on the class screen</button>'
                    '</form></li>')
    hide = (f'<form method="post" action="{action}">{xsrf}<input type="hidden" name="action" '
            'value="hide-card"><button class="dk-hub-card-hide" data-dk-key="hide" type="submit">'
            'Hide the card</button></form>'
            if shown is not None else "<p>No card is on the class screen.</p>")
    return f'{hide}<ul class="dk-hub-cards">{"".join(rows)}</ul>{_tag(data, xsrf, action)}'


def _tag(data: ClassData, xsrf: str, action: str) -> str:
    """The form that tags a card for a speech (a speaker without a phone): once sides are published."""
    e, choices = html.escape, data.choices
    if not choices.debates or not data.cards:
        return ""
    cards = "".join(f'<option value="{i}">#{i}: {e(short(claim, 50))}</option>'
                    for i, claim, _author in data.cards)
    debates = "".join(f'<option value="{d}">Debate {d}</option>' for d in choices.debates)
    speeches = "".join(f'<option value="{e(label)}">{e(text)}</option>' for label, text in choices.speeches)
    return (f'<h3>Tag a card for a speaker without a phone (during the debate)</h3>'
            f'<form class="dk-hub-tag" method="post" action="{action}">{xsrf}'
            f'<label>Card <select name="card">{cards}</select></label> '
            f'<label>Debate <select name="debate">{debates}</select></label> '
            f'<label>Speech <select name="speech">{speeches}</select></label> '
            '<button class="dk-hub-card-tag" data-dk-key="tag" name="action" value="tag-card" type="submit">'
            'Tag for this speech</button> <button class="dk-hub-card-untag" data-dk-key="untag" '
            'name="action" value="untag-card" type="submit">Untag</button></form>')


def class_html(data: ClassData, *, names: bool, xsrf: str, said: str = "", problem: str = "",
               confirm: int | None = None) -> str:
    """The whole page; ``xsrf``: the form's hidden XSRF input; ``confirm``: a participant to ask about."""
    e = html.escape
    room = data.room
    code = e(room.code)
    action = f"{code}?names=1" if names else code
    here = f"{code}?names=1" if names else f"{code}?"
    switch = (f'<a class="dk-hub-names" href="{code}">Hide names (for the projector)</a>' if names else
              f'<a class="dk-hub-names" href="{code}?names=1">Show names (not on the projector)</a>')
    note = (f'<p class="dk-hub-problem" role="alert">{e(problem)}</p>' if problem else "") + \
        (f'<p class="dk-hub-said" role="status">{e(said)}</p>' if said else "")
    asked = next((p for p in data.people if p.id == confirm), None)
    ask = _confirm(asked, names, xsrf, action, here) if asked is not None else ""
    joined = len(data.people)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>debate_kit: class of {code}</title><style>{CLASS_STYLE}</style></head><body>
<p class="dk-hub-nav"><a href="../rooms">Your rooms</a><a href="../present/{code}">Class screen</a>
<a href="../results/{code}">Results</a></p>
<h1>Class: {e(room.title)} ({code})</h1>{note}{ask}
<p>{switch} · <a href="{action}">Reload</a> ·
<a class="dk-hub-answers" href="../answers/{action}">Answers</a> ·
<a class="dk-hub-sides" href="../sides/{action}">Sides</a></p>{live_status(xsrf)}
<div id="dk-hub-live"><h2 class="dk-hub-joined">{_count(joined, "student")} joined</h2>
{_people(data, names, here)}
<h2>Who may come in</h2>{_door(room, joined, xsrf, action)}
<h2>Evidence cards</h2><p>A card goes on the class screen without its author's name.</p>
{_cards(data, names, xsrf, action)}</div>{live_script()}</body></html>"""
