"""The results page of a hub room as one HTML page, without a kernel (pure: records -> HTML).

The same parts as the notebook's results page (:func:`debate_kit.results.render.page_html`): swing,
polls, speeches and scores, participation, answers, evidence, reflections. It may be on the projector,
so by default it hides names and unrevealed tallies (:mod:`debate_kit.core.privacy`); ``private``
(the teacher's ``?names=1``) shows them. Every typed text is escaped by the renderers.
"""

from __future__ import annotations

import html

from debate_kit.results.records import RoomRecords
from debate_kit.service.pages import STYLE

RESULTS_STYLE = STYLE + ("body{max-width:60em}table{font-size:16px}h3{margin-top:1.5em}"
                         ".dk-hub-nav a{margin-right:1em}")


def results_html(records: RoomRecords, *, private: bool = False) -> str:
    """The whole page: links back (rooms, class screen, the zip), the switch for names, the parts."""
    from debate_kit.results.render import page_html
    from debate_kit.results.tables import build_tables

    e = html.escape
    code = e(records.room.code)
    parts = "".join((f"<h3>{e(head)}</h3>" if head else "") + f'<div class="dk-results-part">{part}</div>'
                    for head, part in page_html(records, build_tables(records), private=private))
    names = ('<a class="dk-hub-names" href="?">Hide names (for the projector)</a>' if private else
             '<a class="dk-hub-names" href="?names=1">Show names and every tally (not on the projector)</a>')
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>debate_kit: results of {code}</title><style>{RESULTS_STYLE}</style></head><body>
<p class="dk-hub-nav"><a href="../rooms">Your rooms</a><a href="../present/{code}">Class screen</a>
<a class="dk-hub-export" href="../export/{code}">Download all data (zip of CSV files)</a></p>
<p>{names} · <a href="">Reload</a> for the latest votes and answers.</p>
<div class="dk-results-app">{parts}</div></body></html>"""
