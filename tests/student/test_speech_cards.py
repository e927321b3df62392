"""Cards cited in speeches (issue 19 item 3): the session's card_tag, the speaker's panel, the judges'."""

from __future__ import annotations

from dataclasses import replace

from debate_kit.core.lesson_model import Criterion, Rubric
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import read_snapshot
from debate_kit.student.speech_cards import evidence_ids
from tests.student.conftest import Klass, me, send
from tests.student.test_cards import card, publish, room_of


def clock(klass: Klass, label: str) -> None:
    klass.store.set_speech(klass.room.id, klass.key, label=label, speaker="", seconds=180, running=True,
                           left=180.0)


def in_debate(klass: Klass) -> tuple[dict[str, StudentSession], dict[str, int], dict[tuple[str, int], str]]:
    people = room_of(klass)
    made = {n: send(people[n], "card_new", card=card(claim=f"{n} says so."))["card"]
            for n in ("Ann", "Ben", "Cy")}
    publish(klass, people)
    snap = read_snapshot(klass.store, klass.room.id)
    by_id = {me(s).id: n for n, s in people.items()}
    seat = {(s.role, s.speaker): by_id[s.participant_id] for s in snap.seats if s.speaker}
    klass.phase("debate")
    clock(klass, "1st proposition")
    return people, made, seat


def test_the_speaker_tags_cards_and_the_team_sees_where_they_were_cited(klass: Klass) -> None:
    people, made, seat = in_debate(klass)
    first, second = people[seat[("proposition", 1)]], people[seat[("proposition", 2)]]
    panel = klass.view(first)["cards"]["tagging"]
    assert [s["speech"] for s in panel["speeches"]] == ["1st proposition"]
    assert panel["speeches"][0]["tagged"] == []
    for other in (second, people["Cy"], people["Eve"]):  # not their speech; the other side; a judge
        assert klass.view(other)["cards"]["tagging"] is None
    reply = send(first, "card_tag", card_id=made["Ben"], speech="1st proposition", tagged=True)
    assert reply["type"] == "ack" and reply["card"] == made["Ben"] and "judges" in reply["message"]
    assert klass.view(first)["cards"]["tagging"]["speeches"][0]["tagged"] == [made["Ben"]]
    deck = {c["id"]: c for c in klass.view(second)["cards"]["deck"]["cards"]}
    assert deck[made["Ben"]]["cited_in"] == ["1st Proposition"] and deck[made["Ann"]]["cited_in"] == []
    clock(klass, "1st opposition")  # just finished: still the speaker's to tag
    assert [s["speech"] for s in klass.view(first)["cards"]["tagging"]["speeches"]] == ["1st proposition"]
    clock(klass, "2nd proposition")
    assert [s["speech"] for s in klass.view(second)["cards"]["tagging"]["speeches"]] == ["2nd proposition"]
    assert klass.view(first)["cards"]["tagging"] is None


def test_refusals_keep_nothing(klass: Klass) -> None:
    people, made, seat = in_debate(klass)
    first = people[seat[("proposition", 1)]]
    cases = [({"card_id": made["Cy"], "speech": "1st proposition", "tagged": True}, "card-not-team"),
             ({"card_id": made["Ann"], "speech": "2nd proposition", "tagged": True}, "tag-window"),
             ({"card_id": made["Ann"], "speech": "x" * 81, "tagged": True}, "tag-speech-unknown"),
             ({"card_id": made["Ann"], "speech": "1st proposition"}, "message-fields"),
             ({"card_id": made["Ann"], "speech": "1st proposition", "tagged": 1}, "message-field-type"),
             ({"card_id": 0, "speech": "1st proposition", "tagged": True}, "card-unknown")]
    for fields, code in cases:
        reply = send(first, "card_tag", **fields)
        assert reply["type"] == "error" and reply["code"] == code and reply["message"], reply
    assert send(people["Eve"], "card_tag", card_id=made["Ann"], speech="1st proposition",
                tagged=True)["code"] == "tag-not-speaker"
    assert klass.store.speech_cards(klass.room.id) == []


def test_judges_see_the_cited_cards_beside_the_rubric(klass: Klass) -> None:
    people, made, seat = in_debate(klass)
    send(people[seat[("proposition", 1)]], "card_tag", card_id=made["Ann"], speech="1st proposition",
         tagged=True)
    clock(klass, "Proposition rebuttal")
    rebuttal = next(n for (side, pos), n in seat.items() if side == "proposition" and pos == 1)
    send(people[rebuttal], "card_tag", card_id=made["Ben"], speech="Proposition rebuttal", tagged=True)
    klass.phase("scoring")
    round_ = [r for r in klass.store.rounds(klass.room.id) if r.published][-1]
    klass.store.set_scoring(round_.id, klass.key, True)
    scoring = klass.view(people["Eve"])["scoring"]
    assert {c["id"]: c["cards"] for c in scoring["criteria"]}["evidence"] is True
    assert not any(c["cards"] for c in scoring["criteria"] if c["id"] != "evidence")
    by_side = {s["label"].split(",")[0]: s["cards"] for s in scoring["speeches"]}
    prop = by_side["Debate 1: Proposition rebuttal"]
    assert [c["id"] for c in prop] == [made["Ann"], made["Ben"]]
    assert prop[0]["cited_in"] == ["1st Proposition"] and prop[0]["claim"] == "Ann says so."
    assert "author" not in prop[0] and by_side["Debate 1: Opposition rebuttal"] == []


def test_the_lesson_may_mark_another_criterion_for_cards(klass: Klass) -> None:
    rubric = Rubric(1, 5, (Criterion("sources", "Sources", "", cards=True), Criterion("logic", "Logic", "")))
    lesson = replace(klass.lesson, rubric=rubric)
    assert evidence_ids(["sources", "logic", "evidence"], lesson) == {"sources", "evidence"}
    assert evidence_ids(["sources", "logic"], None) == set()
