"""One student's view model: what they may see now, as plain JSON-able data (docs/student-protocol.md).

Pure functions over a :class:`RoomSnapshot`: no store, no clock. A student sees their own vote, never
another's; a tally only once the teacher reveals it; names only where the class sees them anyway (the
running order and the judges).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from debate_kit.core.errors import DebateKitError
from debate_kit.core.formats import running_order
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.scoring import may_score
from debate_kit.core.sides import Seat
from debate_kit.core.tally import tally
from debate_kit.core.vocabulary import PHASE_LABELS
from debate_kit.rooms import motion_poll_keys, motions_of
from debate_kit.rounds import ROLE_TEXT, ordinal, round_format
from debate_kit.store import Participant, Poll, SeatRow, Speech
from debate_kit.store.debates import as_core_seat
from debate_kit.student.cards import cards_view
from debate_kit.student.reflection import reflection_view
from debate_kit.student.results import criteria, results_view
from debate_kit.student.roles import LATE, job_now
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.student.speech_cards import evidence_ids, side_cards

__all__ = ["CLOSED", "STATE_TEXT", "VOTE_HINT", "WAITING", "criteria", "join_view", "poll_view",
           "results_view", "room_info", "scoring_view", "seat_view", "shown_polls", "speech_view",
           "student_view"]

WAITING = "Wait for your teacher to start. This page updates by itself."
CLOSED = "This room is closed. Thank you for taking part!"
STATE_TEXT = {
    "open": "Voting is open: you can change your vote until the poll closes.",
    "closed": "Voting has closed. Results come when your teacher shows them.",
    "revealed": "Voting has closed. Here are the results.",
}
VOTE_HINT = "Vote on the motion. If no vote shows yet, wait for your teacher to open it."
#: The phases after reading: the essay and the student's own answers stay one tap away, read-only.
AFTER_READING = ("sides", "debate", "scoring", "post-vote", "results")


def join_view(code: str, hub_user: str | None, room: dict[str, Any] | None = None) -> dict[str, Any]:
    """The view before joining: the join form, with the room if the code is known."""
    return {"stage": "join", "room": room, "join": {"code": code, "hub_user": hub_user}, "me": None,
            "notice": "", "polls": [], "reading": None, "seat": None, "scoring": None, "results": None,
            "speech": None, "cards": None, "reflection": None}


def room_info(snap: RoomSnapshot) -> dict[str, Any]:
    room = snap.room
    return {"code": room.code, "title": room.title, "phase": room.phase,
            "phase_label": PHASE_LABELS.get(room.phase, room.phase), "closed": room.closed}


def student_view(snap: RoomSnapshot, me: Participant, *, answers: dict[str, str] | None = None,
                 lesson: Lesson | None = None,
                 reflections: dict[int, dict[str, str]] | None = None) -> dict[str, Any]:
    """The view of a joined student ``me`` (``answers``: their own answers to the lesson's prompts;
    ``reflections``: their own reflections by after-poll id)."""
    room = snap.room
    view: dict[str, Any] = {
        "stage": "room", "room": room_info(snap), "join": None, "me": {"name": me.name},
        "notice": "", "polls": [], "reading": None, "seat": None, "scoring": None, "results": None,
        "speech": None, "cards": None, "reflection": None,
    }
    if room.closed:
        view["notice"] = CLOSED
        return view
    phase = room.phase
    view["polls"] = [poll_view(snap, p, me.id) for p in shown_polls(phase, snap.polls)]
    if phase in ("pre-vote", "post-vote"):
        view["notice"] = VOTE_HINT
    elif phase in ("sides", "debate", "scoring"):
        view["seat"] = seat_view(snap, me.id)
        if phase == "debate":
            view["speech"] = speech_view(room.speech, snap.read_at)
        if phase == "scoring":
            view["scoring"] = scoring_view(snap, me.id, lesson)
    elif phase == "results":
        view["results"] = results_view(snap, lesson, me.id, answers or {})
    elif phase != "reading":
        view["notice"] = WAITING
    if phase == "reading" or phase in AFTER_READING:
        view["reading"] = {"lesson": room.lesson, "answers": dict(answers or {}),
                           "read_only": phase != "reading"}
    view["cards"] = cards_view(snap, me.id)
    view["reflection"] = reflection_view(snap, me.id, reflections or {})
    return view


def shown_polls(phase: str, polls: Sequence[Poll]) -> list[Poll]:
    """The polls a student sees (and may vote in) in ``phase``: the motion's before or after poll in the
    vote phases, the sections' polls while reading, none otherwise; never a draft."""
    visible = [p for p in polls if p.state != "draft"]
    if phase in ("pre-vote", "post-vote"):
        keys = {motion_poll_keys(m)[0 if phase == "pre-vote" else 1] for m in motions_of(visible)}
        return [p for p in visible if p.key in keys]
    if phase == "reading":
        return [p for p in visible if p.section]
    return []


def speech_view(speech: dict[str, Any] | None, now: float) -> dict[str, Any] | None:
    """The speech on the teacher's clock: who speaks and the seconds left at ``now`` (the page counts
    down from there on its own clock, so no two clocks need to agree)."""
    if not speech:
        return None
    left = float(speech["left"])
    if speech["running"]:
        left -= max(0.0, now - float(speech["since"]))
    return {"label": speech["label"], "speaker": speech["speaker"], "seconds": speech["seconds"],
            "running": bool(speech["running"]), "left": round(left, 1)}


def poll_view(snap: RoomSnapshot, poll: Poll, participant_id: int) -> dict[str, Any]:
    votes = snap.votes.get(poll.id, {})
    results = None
    if poll.state == "revealed":
        lines, total = tally(poll.options, votes.values())
        results = {"total": total, "rows": [{"option": line.option, "count": line.count,
                                             "percent": line.percent} for line in lines]}
    return {"id": poll.id, "question": poll.question, "options": list(poll.options), "state": poll.state,
            "state_text": STATE_TEXT.get(poll.state, ""), "mine": votes.get(participant_id),
            "section": poll.section, "results": results}


def _seat(snap: RoomSnapshot, participant_id: int) -> SeatRow | None:
    return next((s for s in snap.seats if s.participant_id == participant_id), None)


def seat_view(snap: RoomSnapshot, participant_id: int) -> dict[str, Any]:
    """This student's seat, their debate's running order and judges, and their job ``now`` (per phase)."""
    round_ = snap.round
    if round_ is None:
        return {"round": None, "text": "Sides are not out yet. Your teacher will publish them soon."}
    mine = _seat(snap, participant_id)
    order = running_order(round_format(round_))
    phase, label = snap.room.phase, (snap.room.speech or {}).get("label")
    scoring = {"scoring_open": round_.scoring == "open",
               "can_score": bool(_scorable(snap, participant_id)[0])}
    if mine is None:
        return {"round": round_.number, "text": LATE, "role": "audience", "debate": None, "speaker": None,
                "order": [], "judges": [], "now": job_now(phase, None, None, None, order=order,
                                                          speech_label=label, **scoring)}
    where = f" in debate {mine.debate}" if mine.debate else ""
    speaker = f", {ordinal(mine.speaker)} speaker" if mine.speaker else ""
    view: dict[str, Any] = {"round": round_.number, "role": mine.role, "debate": mine.debate,
                            "speaker": mine.speaker, "order": [], "judges": [],
                            "text": f"You are: {ROLE_TEXT.get(mine.role, mine.role)}{where}{speaker}."}
    by_slot: dict[tuple[str, int], str] = {}
    if mine.debate:
        in_debate = [s for s in snap.seats if s.debate == mine.debate]
        by_slot = {(s.role, s.speaker): snap.names.get(s.participant_id, "?") for s in in_debate
                   if s.speaker is not None}
        view["order"] = [
            {"order": slot.order, "label": slot.label, "minutes": slot.minutes,
             "speaker": by_slot.get((slot.side, slot.position), "(team's choice)")}
            for slot in order
        ]
        view["judges"] = [snap.names.get(s.participant_id, "?") for s in in_debate if s.role == "judge"]
    view["now"] = job_now(phase, mine.role, mine.debate, mine.speaker, order=order, names=by_slot,
                          speech_label=label, **scoring)
    return view


def _scorable(snap: RoomSnapshot, participant_id: int) -> tuple[list[Speech], dict[str, str]]:
    """The speeches this student may score, and why the others are not theirs (code -> message)."""
    me = as_core_seat(_seat(snap, participant_id))
    speeches: list[Speech] = []
    reasons: dict[str, str] = {}  # code -> message, first seen first
    for speech in snap.speeches:
        if speech.speaker_id == participant_id:
            reasons.setdefault("score-own-speech", "You cannot score your own speech.")
            continue
        try:
            may_score(me, Seat(str(speech.speaker_id), speech.side, speech.debate, None))
        except DebateKitError as error:
            reasons.setdefault(error.code, error.message)
            continue
        speeches.append(speech)
    return speeches, reasons


def scoring_view(snap: RoomSnapshot, participant_id: int, lesson: Lesson | None) -> dict[str, Any]:
    """Speeches this student may score, with their own earlier marks, or why there are none."""
    round_ = snap.round
    shows_cards = evidence_ids(list(snap.room.rubric_criteria), lesson)
    base = {"open": False, "min": snap.room.rubric_min, "max": snap.room.rubric_max,
            "criteria": [{**c, "cards": c["id"] in shows_cards} for c in criteria(snap, lesson)],
            "speeches": []}
    if round_ is None:
        return {**base, "text": "Sides are not out yet, so there is nothing to score."}
    allowed, reasons = _scorable(snap, participant_id)
    speeches: list[dict[str, Any]] = []
    for speech in allowed:
        mine = next((r for r in snap.scores.get(speech.id, ()) if r.scorer_id == participant_id), None)
        who = snap.names.get(speech.speaker_id or -1, "no speaker")
        speeches.append({"id": speech.id, "label": f"{speech.label}, debate {speech.debate} ({who})",
                         "mine": None if mine is None else {"values": mine.values, "comment": mine.comment},
                         "cards": side_cards(snap, speech.debate, speech.side)})
    open_ = round_.scoring == "open"
    if not speeches:
        # A debater's own speech (or team) is only part of why: they may not score their debate at all.
        why = reasons.get("score-same-debate") or next(iter(reasons.values()),
                                                       "This round has no speeches to score.")
        text = f"There is no speech for you to score: {why}"
    elif open_:
        text = "Score each rebuttal. You can change a score until scoring closes."
    else:
        text = "Scoring is closed."
    return {**base, "open": open_ and bool(speeches), "text": text, "speeches": speeches}
