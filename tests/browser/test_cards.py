"""Evidence cards on phones (issue 19): a student makes a card at 360 x 740, a teammate sees it in the
team deck and marks it, the other side's phone never shows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.helpers import LIVE_MS, Classroom, People, join_student, open_student, student_url
from tests.browser.test_look_and_access import screenshot

pytestmark = pytest.mark.browser


def test_a_card_made_on_a_phone_reaches_the_team_deck_only(server: Any, people: People,
                                                           screenshot_dir: Path) -> None:
    room = Classroom(server)
    url = student_url(server, room.code)
    ana, bo, cy = (open_student(people.new(), url) for _ in range(3))
    for page, name in ((ana, "Ana"), (bo, "Bo"), (cy, "Cy")):
        join_student(page, name)
    room.set(phase="reading")

    form = ana.locator(".dk-card-form")
    form.wait_for(state="visible", timeout=LIVE_MS)
    ana.locator("select.dk-card-pick").select_option(index=1)  # a passage of the essay
    claim = ana.locator("textarea.dk-card-claim").input_value()
    assert len(claim) > 20
    ana.locator("select.dk-card-source").select_option(index=1)  # one of the lesson's own sources
    assert ana.locator("input.dk-card-outlet").input_value() != ""
    source_url = ana.locator("input.dk-card-url").input_value()
    assert source_url.startswith("https://")
    ana.locator("textarea.dk-card-evidence").fill("Treaty signed in 1999; most of it never carried out.")
    ana.locator("button.dk-card-save").click()
    missing = "Not saved yet: fill in who is behind"
    ana.locator(".dk-card-form .dk-status.dk-error", has_text=missing).wait_for()
    ana.locator("input.dk-card-url").fill("javascript:alert(1)")
    assert "Not a web link" in ana.locator(".dk-card-url-preview").inner_text()
    ana.locator("input.dk-card-url").fill(source_url)  # the lesson source's own link again
    ana.locator("textarea.dk-card-behind").fill("A research institute (a think tank) funded by foundations.")
    ana.locator("textarea.dk-card-others").fill("Reuters and the BBC give the same date.")
    ana.locator("select.dk-card-trust").select_option("high")
    ana.locator("input.dk-card-trust-reason").fill("News agencies cite its experts on Belarus.")
    ana.locator("textarea.dk-card-reasoning").fill("Signing is not the same as doing: "
                                                    "it undermines the claim.")
    ana.locator("select.dk-card-helps").select_option("opposition")
    ana.locator("button.dk-card-save").click()
    ana.locator(".dk-card-form .dk-status.dk-ok", has_text="Card saved.").wait_for()
    mine = ana.locator(".dk-card-list .dk-card")
    mine.first.wait_for()
    assert "Signing is not the same" in mine.first.inner_text()
    assert mine.first.locator("a.dk-card-link").get_attribute("href") == source_url
    assert ana.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    with room.store() as store:
        ids = {p.name: p.id for p in store.participants(room.room_id)}
        locks = {str(ids["Ana"]): "proposition", str(ids["Bo"]): "proposition", str(ids["Cy"]): "opposition"}
        assignment = assign_sides([str(i) for i in ids.values()], SeatPlan(1, 2, 0), seed=1, locks=locks)
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        store.set_phase(room.room_id, room.key, "sides")

    card = bo.locator(".dk-deck .dk-deck-card", has_text="Signing is not the same")
    card.wait_for(timeout=LIVE_MS)
    assert card.locator(".dk-card-author").inner_text() == "By Ana"
    card.locator("button.dk-card-mark").click()
    bo.locator(".dk-deck .dk-status.dk-ok", has_text="Marked for your speeches.").wait_for()
    ana.locator(".dk-deck .dk-card-marks", has_text="Marked for speeches by: Bo").wait_for(timeout=LIVE_MS)
    bo.locator(".dk-deck button.dk-card-mark[aria-pressed='true']").wait_for(timeout=LIVE_MS)
    card.scroll_into_view_if_needed()
    bo.evaluate("window.scrollBy(0, -80)")
    screenshot(bo, "student-card", screenshot_dir)  # README's gallery: a card in the team's deck

    cy.locator(".dk-deck .dk-deck-text").wait_for(timeout=LIVE_MS)
    assert "Signing is not the same" not in cy.locator(".dk-student").inner_text()
    assert cy.locator(".dk-deck .dk-deck-card").count() == 0
