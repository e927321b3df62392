"""Reflection on one's own swing on phones (issue 19, item 4): at 360 x 740 each student sees their own
before and after once the after-vote closes and writes a reflection; a refusal says what to do; the
teacher's results page groups the reflections by movement, without names while the class may see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.helpers import (
    LIVE_MS,
    READY_MS,
    Classroom,
    People,
    join_student,
    open_app,
    open_student,
    student_url,
    vote_on,
)
from tests.store.test_cards import card

pytestmark = pytest.mark.browser
PRE, POST = "motion-main-pre", "motion-main-post"
#: name -> (before, after, what they write, the movement's group on the results page)
CLASS = {"Ana": ("Against", "For", "The <b>rebuttal</b> on dates moved me.", "for"),
         "Bo": ("For", "Against", "The other side's numbers.", "against"),
         "Cy": ("Undecided", "Undecided", "Nobody answered my question.", "stayed")}


def test_students_reflect_on_phones_and_the_results_group_them(server: Any, people: People,
                                                                screenshot_dir: Path) -> None:
    room = Classroom(server)
    url = student_url(server, room.code)
    phones = {name: open_student(people.new(), url) for name in CLASS}
    for name, page in phones.items():
        join_student(page, name)
    room.set(phase="pre-vote", poll=PRE)
    for name, page in phones.items():
        vote_on(page, "Before the debate", CLASS[name][0])
    room.set(phase="sides", poll=PRE, state="closed")
    with room.store() as store:
        ids = {p.name: str(p.id) for p in store.participants(room.room_id)}
        locks = {ids["Ana"]: "proposition", ids["Bo"]: "opposition"}
        assignment = assign_sides(list(ids.values()), SeatPlan(1, 1, 0), seed=1, locks=locks)
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        store.save_card(int(ids["Ana"]), card(outlet="<i>The Agency</i>", url="https://www.reuters.com/x/"))
    room.set(phase="post-vote", poll=POST)
    for name, page in phones.items():
        vote_on(page, "After the debate", CLASS[name][1])
    assert all(page.locator(".dk-reflect").is_hidden() for page in phones.values())  # the vote is open

    room.set(poll=POST, state="closed")
    for name, page in phones.items():
        before, after, text, _group = CLASS[name]
        part = page.locator(".dk-reflect")
        part.wait_for(state="visible", timeout=LIVE_MS)
        assert part.locator(".dk-reflect-swing").inner_text() == f"Before: {before}. After: {after}."
        save = part.locator("button.dk-reflect-save")
        if name == "Ana":  # a refusal the student can act on; nothing is kept
            save.click()
            part.locator(".dk-status.dk-error", has_text="Write a sentence").wait_for(timeout=LIVE_MS)
        part.locator("textarea.dk-reflect-why").fill(text)
        pick = part.locator("select.dk-reflect-pick")
        labels = pick.locator("option").all_inner_texts()
        assert "Nothing in particular" in labels and any(x.startswith("Debate 1: ") for x in labels), labels
        pick.select_option(index=2)  # the first speech
        save.click()
        part.locator(".dk-status.dk-ok", has_text="Reflection saved.").wait_for(timeout=LIVE_MS)
        part.screenshot(path=str(screenshot_dir / f"reflection-{name}.png"))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        box = part.locator("textarea.dk-reflect-why").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 361
    with room.store() as store:
        kept = {r.why: r.movement for r in store.reflections(room.room_id)}
    assert kept == {text: group for _b, _a, text, group in CLASS.values()}

    # The vote after is closed, not yet revealed: the results page (often on the projector) shows the
    # evidence in figures but neither the reflections' groups nor what movers named (they tell the swing).
    teacher = open_app(room.teacher(people), server, "results", ".dk-results-app", room=room.code)
    evidence = teacher.locator(".dk-results-evidence")  # issue 19 item 6: the cards in figures
    evidence.wait_for(timeout=READY_MS)
    shown = evidence.inner_text()
    assert "1 card" in shown and "1 (100%) with a completed source check" in shown, shown
    assert "<i>The Agency</i>" in shown and evidence.locator("i").count() == 0  # text is text
    assert evidence.locator("a[href='https://www.reuters.com/x/']").count() == 1
    assert "Ana" not in shown and "until the vote after the debate is revealed" in shown
    assert teacher.locator(".dk-reflection-group").count() == 0
    assert "they show once the vote after the debate is revealed" in teacher.locator("body").inner_text()

    room.set(poll=POST, state="revealed")
    teacher.reload()
    teacher.wait_for_selector(".dk-reflection-group", timeout=READY_MS)
    teacher.locator(".dk-results-part", has=teacher.locator(".dk-reflection-group")).screenshot(
        path=str(screenshot_dir / "results-reflections.png"))
    for name, (_b, _a, text, group) in CLASS.items():
        box = teacher.locator(f".dk-reflection-group[data-movement='{group}']")
        shown = box.inner_text()
        assert text in shown, (group, shown)  # "<b>" shown as typed: text is text
        assert name not in shown  # no names: the results page may be on the projector
    assert teacher.locator(".dk-reflection-group b").count() == 0
    movers = teacher.locator(".dk-reflection-group[data-movement='for']").inner_text()
    assert "Named as mattering most" in movers and ": named by 1" in movers
    assert "Ana" not in evidence.inner_text()  # revealed: what movers named, still no names
