"""``{base}debate-kit/answers/CODE[?names=1][&prompt=ID]`` (hub login; the room's owner and co-teachers):
the console's Answers tab as a plain page.

The class's written answers grouped by prompt, in lesson order (:func:`debate_kit.core.privacy.
answers_by_prompt`, the console's own grouping). It may be on the projector, so who wrote which answer
shows only with ``?names=1``; without names the answers are sorted by text. A prompt filter narrows the
page to one prompt. Every typed text is escaped (:func:`debate_kit.widgets._html.answer_group`). The page
updates itself (:mod:`debate_kit.service.live`).
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

from tornado import web

from debate_kit.core.privacy import PromptAnswers, answers_by_prompt, lesson_prompts
from debate_kit.server.hub import Hub
from debate_kit.service.live import LIVE_CSP, live_script, live_status
from debate_kit.service.pages import STYLE
from debate_kit.service.room_files import TaughtRoomHandler
from debate_kit.store import Room, Store
from debate_kit.widgets._html import answer_group

ANSWERS_STYLE = STYLE + ".dk-hub-nav a{margin-right:1em}select{font:inherit;max-width:100%}"


def read_answers(store: Store, room: Room, prompts: list[tuple[str, str, str]],
                 names: bool) -> list[PromptAnswers]:
    """The room's answers grouped by prompt (names only if ``names``), read on the store thread."""
    answers = [(a.participant_id, a.prompt, a.text) for a in store.answers(room.id)]
    who = {p.id: p.name for p in store.participants(room.id)} if names else None
    return answers_by_prompt(prompts, answers, who)


def answers_html(room: Room, groups: list[PromptAnswers], prompts: list[tuple[str, str, str]], *,
                 names: bool, wanted: str, xsrf: str) -> str:
    """The whole page: links, the names switch, the prompt filter (a GET form) and the answers."""
    e = html.escape
    code = e(room.code)
    total = sum(len(g.answers) for g in groups)
    shown = [g for g in groups if g.prompt_id == wanted] if wanted else groups
    only = {"prompt": wanted} if wanted else {}
    switch = (f'<a class="dk-hub-names" href="?{e(urlencode(only))}">Hide names (for the projector)</a>'
              if names else f'<a class="dk-hub-names" href="?{e(urlencode({**only, "names": "1"}))}">'
              "Show names (not on the projector)</a>")
    options = "".join(
        f'<option value="{e(pid)}"{" selected" if pid == wanted else ""}>'
        f"{e(section)}: {e(text if len(text) <= 70 else text[:69] + '…')}</option>"
        for pid, section, text in prompts)
    hidden = "" if names else ('<p class="dk-hub-hidden"><i>Who wrote which answer is hidden (this page may '
                               'be on the projector).</i></p>')
    body = "".join(answer_group(g) for g in shown) or "<p>This lesson has no prompts.</p>"
    names_field = '<input type="hidden" name="names" value="1">' if names else ""
    back = f"../class/{code}?names=1" if names else f"../class/{code}"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>debate_kit: answers of {code}</title><style>{ANSWERS_STYLE}</style></head><body>
<p class="dk-hub-nav"><a href="../rooms">Your rooms</a><a href="{back}">Class</a>
<a href="../results/{code}">Results</a></p>
<h1>Answers: {e(room.title)} ({code})</h1>
<p>{switch} · <a href="">Reload</a></p>
<form method="get">{names_field}<label for="dk-prompt">Prompt</label>
<select id="dk-prompt" class="dk-hub-prompt" name="prompt"><option value="">All prompts</option>{options}
</select> <button type="submit">Show</button></form>{live_status(xsrf)}
<div id="dk-hub-live"><p class="dk-hub-total">{total} answer(s) in all.</p>{hidden}{body}</div>
{live_script()}</body></html>"""


class AnswersHandler(TaughtRoomHandler):
    """``GET {base}debate-kit/answers/CODE[?names=1][&prompt=ID]``: the class's answers by prompt."""

    @web.authenticated
    async def get(self, code: str) -> None:
        hub: Hub = self.settings["debate_kit_hub"]
        names = self.get_query_argument("names", "") == "1"
        wanted = self.get_query_argument("prompt", "")[:80]

        def read(store: Store, room: Room) -> tuple[Room, list[PromptAnswers], list[tuple[str, str, str]]]:
            lesson = hub.lessons(room.lesson)
            prompts = lesson_prompts(lesson.sections) if lesson is not None else []
            return room, read_answers(store, room, prompts, names), prompts

        room, groups, prompts = await self.with_room(code, read)
        if wanted and wanted not in {g.prompt_id for g in groups}:
            wanted = ""  # not one of this room's prompts: show them all
        self.private_headers(LIVE_CSP)
        xsrf = self.xsrf_form_html()  # the live script's requests carry it (the hub's OAuth asks for it)
        self.finish(answers_html(room, groups, prompts, names=names, wanted=wanted, xsrf=xsrf))
