"""Cards cited in speeches and the card on the class screen (issue 19 item 3), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from debate_kit.core.errors import InvalidInput, NotAllowed, NotFound
from debate_kit.core.speech_cards import MAX_TAGS
from debate_kit.store import Store
from tests.store.helpers import Classroom, classroom
from tests.store.test_cards import TEAMS, card, sides


@pytest.fixture
def c(store: Store) -> Classroom:
    made = classroom(store, ("Ann", "Ben", "Cy", "Dee"))
    store.set_phase(made.room.id, made.key, "reading")
    return made


def clock(c: Classroom, label: str) -> None:
    c.store.set_speech(c.room.id, c.key, label=label, speaker="", seconds=180, running=True, left=180.0)


def speakers(c: Classroom) -> dict[tuple[str, int], int]:
    """(side, position) -> participant id in the published round."""
    round_ = [r for r in c.store.rounds(c.room.id) if r.published][-1]
    return {(s.role, s.speaker): s.participant_id for s in c.store.seats(round_.id) if s.speaker}


def debate_room(c: Classroom) -> tuple[dict[str, int], dict[tuple[str, int], int]]:
    """Each student's card made while reading, sides out, the debate on with 1st proposition on the clock."""
    made = {p.name: c.store.save_card(p.id, card(claim=f"{p.name}'s claim")).id for p in c.students}
    sides(c, TEAMS)
    c.store.set_phase(c.room.id, c.key, "debate")
    clock(c, "1st proposition")
    return made, speakers(c)


def refused(code: str, attempt: object) -> str:
    with pytest.raises((NotAllowed, NotFound, InvalidInput)) as err:
        attempt()  # type: ignore[operator]
    assert err.value.code == code, err.value.message
    return err.value.message


def test_the_speaker_tags_their_teams_cards_while_speaking(c: Classroom) -> None:
    made, seat = debate_room(c)
    first = seat[("proposition", 1)]
    before = c.store.room_by_id(c.room.id).revision
    c.store.tag_card(first, "1st Proposition", made["Ben"], True)
    c.store.tag_card(first, "1st proposition", made["Ben"], True)  # twice: one tag
    c.store.tag_card(first, "1st proposition", made["Ann"], True)
    assert c.store.room_by_id(c.room.id).revision > before  # in the change feed
    tags = c.store.speech_cards(c.room.id)
    assert sorted((t.debate, t.slot, t.card_id, t.tagged_by) for t in tags) == sorted([
        (1, "1st proposition", made["Ben"], first), (1, "1st proposition", made["Ann"], first)])
    round_id = tags[0].round_id
    assert [x.id for x in c.store.cited_cards(round_id)] == sorted([made["Ann"], made["Ben"]])
    c.store.tag_card(first, "1st proposition", made["Ann"], False)
    assert [t.card_id for t in c.store.speech_cards(c.room.id)] == [made["Ben"]]
    assert [x.fields["claim"] for x in c.store.cited_cards(round_id)] == ["Ben's claim"]


def test_refusals_leave_nothing_written(c: Classroom) -> None:
    made, seat = debate_room(c)
    first, second = seat[("proposition", 1)], seat[("proposition", 2)]
    assert "Only the speaker" in refused("tag-not-speaker", lambda: c.store.tag_card(
        second, "1st proposition", made["Ann"], True))
    assert "speaker's own team" in refused("card-not-team", lambda: c.store.tag_card(
        first, "1st proposition", made["Cy"], True))
    assert "not started yet" in refused("tag-window", lambda: c.store.tag_card(
        first, "Proposition rebuttal", made["Ann"], True))
    assert "no speech called" in refused("tag-speech-unknown", lambda: c.store.tag_card(
        first, "3rd proposition", made["Ann"], True))
    other = classroom(c.store, ("Zed",))
    c.store.set_phase(other.room.id, other.key, "reading")
    foreign = c.store.save_card(other.students[0].id, card())
    assert "no such card in this room" in refused("card-unknown", lambda: c.store.tag_card(
        first, "1st proposition", foreign.id, True))
    # a student acts in their own room only: Zed's room is still reading
    zed = other.students[0].id
    refused("tag-closed", lambda: c.store.tag_card(zed, "1st proposition", made["Ann"], True))
    refused("teacher-key", lambda: c.store.tag_card_as_teacher(c.room.id, other.key, 1, "1st proposition",
                                                               made["Ann"], True))
    assert c.store.speech_cards(c.room.id) == []


def test_the_window_the_next_speech_and_the_teacher(c: Classroom) -> None:
    made, seat = debate_room(c)
    first = seat[("proposition", 1)]
    clock(c, "1st opposition")  # just finished: the speaker may still tag
    c.store.tag_card(first, "1st proposition", made["Ann"], True)
    opp = seat[("opposition", 1)]
    c.store.tag_card(opp, "1st opposition", made["Dee"], True)
    clock(c, "2nd proposition")
    assert "has ended" in refused("tag-window", lambda: c.store.tag_card(
        first, "1st proposition", made["Ben"], True))
    c.store.tag_card_as_teacher(c.room.id, c.key, 1, "1st proposition", made["Ben"], True)
    refused("tag-window", lambda: c.store.tag_card_as_teacher(c.room.id, c.key, 1, "2nd opposition",
                                                              made["Cy"], True))
    refused("card-not-team", lambda: c.store.tag_card_as_teacher(c.room.id, c.key, 1, "1st proposition",
                                                                  made["Cy"], True))
    refused("tag-debate", lambda: c.store.tag_card_as_teacher(c.room.id, c.key, True, "1st proposition",
                                                               made["Ben"], True))
    by = {(t.slot, t.card_id): t.tagged_by for t in c.store.speech_cards(c.room.id)}
    assert by == {("1st proposition", made["Ann"]): first, ("1st opposition", made["Dee"]): opp,
                  ("1st proposition", made["Ben"]): None}
    c.store.set_phase(c.room.id, c.key, "scoring")  # after the debate: nothing more
    assert "during the debate only" in refused("tag-closed", lambda: c.store.tag_card_as_teacher(
        c.room.id, c.key, 1, "1st proposition", made["Ann"], False))
    assert len(c.store.speech_cards(c.room.id)) == 3


def test_at_most_a_few_cards_per_speech(c: Classroom) -> None:
    made, seat = debate_room(c)
    ann = next(p for p in c.students if p.name == "Ann")
    c.store.set_phase(c.room.id, c.key, "sides")
    extra = [c.store.save_card(ann.id, card(claim=f"more {i}")).id for i in range(MAX_TAGS)]
    c.store.set_phase(c.room.id, c.key, "debate")
    for card_id in [made["Ann"], *extra[:MAX_TAGS - 1]]:
        c.store.tag_card(seat[("proposition", 1)], "1st proposition", card_id, True)
    assert "at most" in refused("tag-limit", lambda: c.store.tag_card(
        seat[("proposition", 1)], "1st proposition", extra[-1], True))
    assert len(c.store.speech_cards(c.room.id)) == MAX_TAGS


def test_export_show_and_room_deletion(c: Classroom) -> None:
    made, seat = debate_room(c)
    c.store.tag_card(seat[("proposition", 1)], "1st proposition", made["Ann"], True)
    header, rows = c.store.export_tables(c.room.id)["speech_cards"]
    assert "slot" in header and len(rows) == 1
    c.store.show_card(c.room.id, c.key, made["Cy"])
    assert c.store.room_by_id(c.room.id).shown_card == made["Cy"]
    assert c.store.card(made["Cy"]).fields["claim"] == "Cy's claim"
    other = classroom(c.store, ("Zed",))
    refused("card-unknown", lambda: c.store.show_card(other.room.id, other.key, made["Cy"]))
    refused("teacher-key", lambda: c.store.show_card(c.room.id, other.key, None))
    c.store.show_card(c.room.id, c.key, None)
    assert c.store.room_by_id(c.room.id).shown_card is None
    c.store.delete_room(c.room.id, c.key)
    with c.store._read() as cur:
        cur.execute("SELECT COUNT(*) AS n FROM speech_cards")
        assert int(cur.fetchone()["n"]) == 0
