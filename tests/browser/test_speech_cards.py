"""Cards in a speech (issue 19 item 3): the speaker tags a card on a 360 x 740 phone, the judge sees it in
the evidence criterion when scoring, and the class screen (1280 x 800) shows one card without its author,
nothing under 28 px."""

from __future__ import annotations

from typing import Any

import pytest

from debate_kit.core.formats import PRESETS
from debate_kit.core.sides import SeatPlan, assign_sides
from tests.browser.class_screen import class_screen, control, page_text
from tests.browser.helpers import (
    LIVE_MS,
    PROJECTOR,
    READY_MS,
    Classroom,
    People,
    click,
    join_student,
    open_app,
    open_student,
    student_url,
    tab,
)
from tests.store.test_cards import card

pytestmark = pytest.mark.browser
LONG_CLAIM = ("The Union State treaty of 1999 set out a shared parliament, a shared currency and a joint "
              "budget, and each of these plans has been announced again and again since then without "
              "being carried out, which shows the integration is much slower than the essay says it is; "
              "the 2021 programmes repeat promises first made two decades earlier.")


def test_a_speaker_tags_a_card_and_the_judge_and_the_class_screen_see_it(server: Any, people: People) -> None:
    room = Classroom(server)
    url = student_url(server, room.code)
    phones = {name: open_student(people.new(), url) for name in ("Ana", "Bo", "Cy", "Eve")}
    for name, page in phones.items():
        join_student(page, name)
    with room.store() as store:
        ids = {p.name: p.id for p in store.participants(room.room_id)}
        store.set_phase(room.room_id, room.key, "reading")
        ana_card = store.save_card(ids["Ana"], card(claim=LONG_CLAIM)).id
        store.save_card(ids["Bo"], card(claim="Belarus kept its own seat at the UN."))
        locks = {str(ids["Ana"]): "proposition", str(ids["Bo"]): "proposition", str(ids["Cy"]): "opposition",
                 str(ids["Eve"]): "judge"}
        assignment = assign_sides([str(i) for i in ids.values()], SeatPlan(1, 2, 1), seed=1, locks=locks)
        round_ = store.save_round(room.room_id, room.key, assignment, PRESETS["classroom"])
        store.publish_round(round_.id, room.key)
        first = next(n for n in ("Ana", "Bo") if any(s.participant_id == ids[n] and s.speaker == 1
                                                    for s in store.seats(round_.id)))
        store.set_phase(room.room_id, room.key, "debate")
        store.set_speech(room.room_id, room.key, label="1st proposition", speaker=first, seconds=180,
                         running=True, left=180.0)

    speaker = phones[first]
    panel = speaker.locator(".dk-tagging")
    panel.wait_for(state="visible", timeout=LIVE_MS)
    assert "1st Proposition" in panel.inner_text()
    panel.locator(f"button.dk-tag[data-card='{ana_card}']").click()
    panel.locator(".dk-status.dk-ok", has_text="the judges see this card").wait_for()
    panel.locator(f"button.dk-tag[data-card='{ana_card}'][aria-pressed='true']").wait_for(timeout=LIVE_MS)
    assert speaker.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    other = phones["Bo" if first == "Ana" else "Ana"]
    other.locator(".dk-deck .dk-card-cited", has_text="Cited in: 1st Proposition").wait_for(timeout=LIVE_MS)
    assert other.locator(".dk-tagging").is_hidden() and phones["Cy"].locator(".dk-tagging").is_hidden()

    room.set(phase="scoring")
    with room.store() as store:
        store.set_scoring(round_.id, room.key, True)
    judge = phones["Eve"]
    select = judge.locator("select.dk-score-speech")
    select.wait_for(state="visible", timeout=LIVE_MS)
    option = judge.locator("select.dk-score-speech option", has_text="Proposition rebuttal")
    select.select_option(option.get_attribute("value"))
    cited = judge.locator(".dk-score-criterion[data-criterion='evidence'] .dk-score-card")
    cited.wait_for(state="visible", timeout=LIVE_MS)
    text = cited.inner_text()
    assert "shared parliament" in text and "Cited in: 1st Proposition" in text and "Ana" not in text
    assert judge.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # The teacher puts Ana's card up from the console's Cards tab (mirrored: no author's name there),
    # and back on the class screen it shows, without its author; "Hide the card" takes it down.
    teacher = open_app(room.teacher(people, PROJECTOR), room.server, "teacher", ".dk-projector",
                       room=room.code)
    teacher.locator(".dk-p-score-list").wait_for(timeout=READY_MS)
    control(teacher, "console")
    tab(teacher, "Cards")
    teacher.locator(".dk-cards-list", has_text="2 card(s)").wait_for(timeout=LIVE_MS)
    words = set(page_text(teacher).replace(":", " ").split())
    assert not words & {"Ana", "Bo", "Ana's", "Bo's"}, "the Cards tab names no author"
    picker = teacher.locator(".dk-cards-pick select")
    picker.select_option(label=next(o for o in picker.locator("option").all_inner_texts()
                                    if o.startswith(f"#{ana_card}:")))
    click(teacher, "dk-cards-show")
    click(teacher, "dk-console-present")
    teacher.locator(".dk-p-card-claim").wait_for(timeout=LIVE_MS)
    shown = class_screen(teacher)
    assert "evidence card" in shown.lower() and "Reuters" in shown and "…" in shown  # cut at a word
    assert not any(name in shown for name in ("Ana", "Bo")), shown
    control(teacher, "hide-card")
    teacher.locator(".dk-p-score-list").wait_for(timeout=LIVE_MS)
