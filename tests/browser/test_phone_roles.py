"""Phones at 360 x 740 on the light page of a real server (issue 15, items 4-6): each student's job
now, the essay and their own answers one tap away after reading, and results that explain themselves.

The teacher's steps go straight to the store (tests/browser/helpers.py ``Classroom``); the phones follow
by the change feed, as in class.
"""

from __future__ import annotations

from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import DEFAULT_PLAN, assign_sides
from tests.browser.helpers import LIVE_MS, Classroom, People, join_student, open_student, student_url

pytestmark = pytest.mark.browser

ANSWER = "It says the treaty makes a new USSR."
COMMENT = "Give a date for each claim."


def font_px(page: Any, selector: str) -> float:
    return float(page.locator(selector).first.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)"))


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def accessible(page: Any) -> None:
    """No serious or critical axe-core problem, and every tap target (buttons, summaries) 44 px."""
    from axe_playwright_python.sync_playwright import Axe

    found = [f"{v['id']}: {n['html'][:160]}" for v in Axe().run(page).response["violations"]
             if v.get("impact") in ("serious", "critical") for n in v["nodes"]]
    assert not found, found
    small = page.evaluate("""() => [...document.querySelectorAll('.dk-student button, .dk-student summary')]
      .filter((el) => el.offsetParent !== null).map((el) => el.getBoundingClientRect())
      .filter((r) => r.height < 44 || r.width < 44).length""")
    assert small == 0


def test_phones_get_a_job_the_essay_one_tap_away_and_their_own_summary(server: Any, people: People) -> None:
    room = Classroom(server)
    url = student_url(server, room.code)
    ana, ben = (open_student(people.new(), url) for _ in range(2))
    join_student(ana, "Ana")
    join_student(ben, "Ben")
    with room.store() as store:
        ids = {p.name: p.id for p in store.participants(room.room_id)}
        cy = store.join(room.room_id, "Cy", "browser-test-device-cy-0001").id  # a judge without a phone

    # Reading: Ana saves an answer.
    room.set(phase="reading")
    box = ana.locator("textarea.dk-answer:visible").first
    box.wait_for(state="visible", timeout=LIVE_MS)
    box.fill(ANSWER)
    ana.locator(".dk-prompt:visible").first.locator("button.dk-answer-save").click()
    ana.locator(".dk-status", has_text="Answer saved.").wait_for(timeout=LIVE_MS)

    # Sides with the default plan: Ana and Ben debate, Cy judges; the first speech is on the clock.
    locks = {str(ids["Ana"]): "proposition", str(ids["Ben"]): "opposition", str(cy): "judge"}
    with room.store() as store:
        assignment = assign_sides([str(p) for p in (ids["Ana"], ids["Ben"], cy)], DEFAULT_PLAN, seed=1,
                                  locks=locks)
        assert assignment.seat_of(str(cy)).role == "judge"
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        store.set_phase(room.room_id, room.key, "debate")
        store.set_speech(room.room_id, room.key, label="1st proposition", speaker="Ana", seconds=180,
                         running=True, left=180.0)
    ana.locator(".dk-seat-now", has_text="You are speaking now.").wait_for(timeout=LIVE_MS)
    ben.locator(".dk-seat-now", has_text="You speak next (1st Opposition): get ready.").wait_for(
        timeout=LIVE_MS)
    assert font_px(ana, ".dk-seat-now p") >= 16

    # The essay and Ana's own answer, one tap away (by keyboard here), read-only.
    toggle = ana.locator(".dk-essay > summary.dk-essay-toggle")
    assert toggle.inner_text() == "The essay and your answers"
    assert not ana.locator(".dk-essay .dk-paragraph").first.is_visible()  # closed until asked for
    toggle.focus()
    ana.keyboard.press("Enter")
    ana.locator(".dk-essay .dk-section-title").first.wait_for(state="visible", timeout=LIVE_MS)
    assert ana.locator(".dk-essay .dk-paragraph:visible").count() > 0
    mine = ana.locator(".dk-essay textarea.dk-answer:visible").first
    assert mine.input_value() == ANSWER and mine.evaluate("(el) => el.readOnly")
    assert ana.locator(".dk-essay button.dk-answer-save:visible").count() == 0
    assert font_px(ana, ".dk-essay .dk-paragraph") >= 16 and font_px(ana, ".dk-essay-toggle") >= 16
    no_sideways_scroll(ana)
    accessible(ana)

    # Scoring and both votes, then results: Ana sees her own summary, with scores out of the maximum.
    with room.store() as store:
        speech = next(s for s in store.speeches(round_.id) if s.speaker_id == ids["Ana"])
        criteria = store.room_by_id(room.room_id).rubric_criteria
        top = store.room_by_id(room.room_id).rubric_max
        store.set_phase(room.room_id, room.key, "scoring")
        store.set_scoring(round_.id, room.key, True)
        store.submit_score(speech.id, cy, dict.fromkeys(criteria, top), COMMENT)
        for key, votes in (("motion-main-pre", ("For", "Against", "Undecided")),
                           ("motion-main-post", ("Against", "Against", "For"))):
            pid = room.poll_id(key)
            store.set_poll_state(pid, room.key, "open")
            for who, option in zip((ids["Ana"], ids["Ben"], cy), votes, strict=True):
                store.cast_vote(pid, who, option)
            store.set_poll_state(pid, room.key, "revealed")
        store.set_phase(room.room_id, room.key, "results")
    summary = ana.locator(".dk-my-summary")
    summary.wait_for(state="visible", timeout=LIVE_MS)
    total = top * len(criteria)
    shown = summary.inner_text()
    assert "Before the debate: For (Proposition). After it: Against (Opposition)." in shown, shown
    assert ANSWER in shown and COMMENT in shown, shown
    assert f"Average {total:.1f} out of {total} (1 score)" in shown, shown
    assert "Cy" not in shown  # feedback never names who gave it
    assert "out of" in ana.locator(".dk-speech-scores").inner_text()
    assert "(Opposition) wins" in ana.locator(".dk-winner").first.inner_text()
    assert ana.locator(".dk-rule").first.is_visible()
    assert font_px(ana, ".dk-my-summary li") >= 16 and font_px(ana, ".dk-speech-scores td") >= 16
    ben_summary = ben.locator(".dk-my-summary")
    ben_summary.wait_for(state="visible", timeout=LIVE_MS)
    assert COMMENT not in ben_summary.inner_text()  # comments go to the speaker they were written to
    no_sideways_scroll(ana)
    fits = "() => [...document.querySelectorAll('.dk-results table')].every(" \
           "(t) => t.scrollWidth <= t.parentNode.clientWidth + 1)"
    assert ana.evaluate(fits), "a results table is wider than the phone"
    accessible(ana)
