"""A student's reflection on their own swing, as plain view data (docs/student-protocol.md, "Reflection").

Pure functions over a :class:`RoomSnapshot`. Once a motion's after-vote is closed (post-vote or results
phase, rules in :mod:`debate_kit.core.reflection`), each student sees their own before and after, the two
questions and the list to pick from: the speeches of their debate, their own cards and their team's
(never the other side's). Whether the part shows depends only on the room, not on the student, so the
shared views (:mod:`debate_kit.student.fanout`) build it for each student.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from debate_kit.core.reflection import (
    DONE_STATES,
    MAX_WHY,
    MOVEMENTS,
    NONE,
    NOT_BOTH,
    REFLECT_PHASES,
    movement,
    question,
    swing_line,
)
from debate_kit.rooms import motion_poll_keys, motions_of
from debate_kit.store.reflections import card_label, speech_label
from debate_kit.student.cards import team_of
from debate_kit.student.snapshot import RoomSnapshot

INTRO = ("Look back at your own vote. Your answers go to your teacher; the class screen never shows "
         "who wrote what. You can change them until your teacher closes the room.")
MATTERED = "Which card or speech mattered most to you?"
NOTHING = "Nothing in particular"


def pick_list(snap: RoomSnapshot, participant_id: int) -> list[dict[str, str]]:
    """What a student may name as mattering most: nothing, a speech of their debate in the round (any
    debate's without a seat in one), their own or their team's card (``{"value": "speech:12", ...}``)."""
    options = [{"value": NONE, "label": NOTHING}]
    seat = next((s for s in snap.seats if s.participant_id == participant_id), None)
    for speech in snap.speeches:
        if seat is not None and seat.debate and speech.debate != seat.debate:
            continue  # a student in a debate names its speeches; one without a debate, any
        who = snap.names.get(speech.speaker_id, "no speaker") if speech.speaker_id else "no speaker"
        label = speech_label(speech.label, speech.debate, who)
        options.append({"value": f"speech:{speech.id}", "label": label})
    team = team_of(snap, participant_id)
    members = {s.participant_id for s in snap.seats if team is not None and (s.role, s.debate) == team}
    for card in snap.cards:
        if card.participant_id == participant_id or card.participant_id in members:
            options.append({"value": f"card:{card.id}", "label": card_label(card.fields.get("claim", ""))})
    return options


def reflection_view(snap: RoomSnapshot, participant_id: int,
                    mine: Mapping[int, Mapping[str, str]]) -> dict[str, Any] | None:
    """The reflection part for one student (``mine``: their stored reflections by after-poll id), or
    None while no motion's after-vote is closed (and in a closed room)."""
    room = snap.room
    if room.closed or room.phase not in REFLECT_PHASES:
        return None
    by_key = {p.key: p for p in snap.polls}
    items: list[dict[str, Any]] = []
    options: list[dict[str, str]] | None = None
    for motion in motions_of(list(snap.polls)):
        pre, post = (by_key.get(k) for k in motion_poll_keys(motion))
        if pre is None or post is None or post.state not in DONE_STATES:
            continue
        before = snap.votes.get(pre.id, {}).get(participant_id)
        after = snap.votes.get(post.id, {}).get(participant_id)
        item: dict[str, Any] = {"poll": post.id, "motion": post.question, "open": False}
        if before is None or after is None:
            items.append({**item, "text": NOT_BOTH})
            continue
        if options is None:
            options = pick_list(snap, participant_id)
        move = movement(before, after)
        saved = mine.get(post.id)
        items.append({**item, "open": True, "before": before, "after": after,
                      "text": swing_line(before, after), "movement": move, "movement_text": MOVEMENTS[move],
                      "question": question(move), "mattered_question": MATTERED, "options": options,
                      "mine": None if saved is None else dict(saved)})
    if not items:
        return None
    return {"text": INTRO, "limit": MAX_WHY, "items": items}
