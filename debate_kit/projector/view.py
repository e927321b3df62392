"""The projector's view of a room: plain JSON-able data, built from one :class:`RoomSnapshot`.

Rules (the class sees all of it): counts, never a tally before the teacher reveals the poll; names
only where the class sees them anyway (the teams, the speaker on the clock), never next to a vote, an
answer or a score sheet; never who changed their mind.
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.formats import SpeechSlot, running_order
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.swing import RULE_TEXT, motion_swing, option_label, voters_text, winner_text
from debate_kit.core.tally import tally
from debate_kit.core.vocabulary import PHASE_LABELS
from debate_kit.projector.card_view import shown_card_view
from debate_kit.rooms import main_motion_polls, motion_poll_keys, motions_of
from debate_kit.rounds import round_format
from debate_kit.store import Poll
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.student.view import speech_view

SIDE_NAMES = {"proposition": "Proposition", "opposition": "Opposition"}


def projector_view(snap: RoomSnapshot, lesson: Lesson | None, *, link: str = "", reachable: bool = True,
                   qr: list[str] | None = None) -> dict[str, Any]:
    """Everything the projector shows now: ``link`` and ``qr`` (rows of "0"/"1") are the students' way in."""
    room = snap.room
    joined = len(snap.names)
    view: dict[str, Any] = {
        "phase": room.phase, "phase_label": PHASE_LABELS.get(room.phase, room.phase),
        "title": room.title, "closed": room.closed, "joined": joined,
        "join": {"code": room.code, "link": link, "reachable": reachable, "qr": qr or []},
        "vote": None, "reading": None, "sides": None, "debate": None, "scoring": None, "results": None,
        "card": None if room.closed else shown_card_view(snap.shown_card),
    }
    phase = room.phase
    if phase in ("pre-vote", "post-vote"):
        pre, post = main_motion_polls(list(snap.polls))
        poll = pre if phase == "pre-vote" else post
        view["vote"] = vote_view(snap, poll) if poll is not None else None
    elif phase == "reading":
        view["reading"] = reading_view(lesson, snap.answered, joined)
    elif phase == "sides":
        view["sides"] = sides_view(snap)
    elif phase == "debate":
        view["debate"] = debate_view(snap)
        view["sides"] = sides_view(snap)
    elif phase == "scoring":
        view["scoring"] = scoring_view(snap)
    elif phase == "results":
        view["results"] = results_view(snap)
    return view


def vote_view(snap: RoomSnapshot, poll: Poll) -> dict[str, Any]:
    """The question, how many of the class voted, and the tally only once it is revealed."""
    votes = snap.votes.get(poll.id, {})
    results = None
    if poll.state == "revealed":
        lines, total = tally(poll.options, votes.values())
        results = {"total": total, "rows": [
            {"option": line.option, "label": option_label(line.option), "count": line.count,
             "percent": line.percent} for line in lines]}
    question = poll.question.split(": ", 1)[-1] if poll.kind == "motion" else poll.question
    return {"question": question, "state": poll.state, "voted": len(votes), "of": len(snap.names),
            "results": results}


def reading_view(lesson: Lesson | None, answered: dict[str, int], joined: int) -> dict[str, Any]:
    """Each section with how many students answered its prompts (the most-answered prompt counts)."""
    sections = []
    for section in lesson.sections if lesson is not None else ():
        counts = [answered.get(p.id, 0) for p in section.prompts]
        sections.append({"title": section.title, "order": section.order, "prompts": len(counts),
                         "answered": max(counts, default=0)})
    return {"sections": sections, "of": joined, "answers": sum(answered.values())}


def sides_view(snap: RoomSnapshot) -> dict[str, Any] | None:
    """The teams of each debate (speaker order) and how many judge it: names the class sees anyway."""
    if snap.round is None:
        return None
    debates: dict[int, dict[str, Any]] = {}
    for seat in sorted(snap.seats, key=lambda s: (s.debate or 0, s.speaker or 0)):
        if seat.debate is None:
            continue
        d = debates.setdefault(seat.debate, {"number": seat.debate, "proposition": [], "opposition": [],
                                             "judges": 0})
        if seat.role in SIDE_NAMES:
            d[seat.role].append(snap.names.get(seat.participant_id, "?"))
        elif seat.role == "judge":
            d["judges"] += 1
    audience = sum(1 for s in snap.seats if s.debate is None)
    return {"debates": list(debates.values()), "audience": audience, "motion": _motion_text(snap)}


def _motion_text(snap: RoomSnapshot) -> str:
    pre, _post = main_motion_polls(list(snap.polls))
    return pre.question.split(": ", 1)[-1] if pre is not None else ""


def debate_view(snap: RoomSnapshot) -> dict[str, Any] | None:
    """The speech on the clock: label, side, speaker, time (counted down by the page), who is next."""
    speech = speech_view(snap.room.speech, snap.read_at)
    if speech is None:
        return None
    slots = running_order(round_format(snap.round)) if snap.round is not None else ()
    now = next((s for s in slots if s.label == speech["label"]), None)
    after = next((s for s in slots if now is not None and s.order == now.order + 1), None)
    side = SIDE_NAMES.get(now.side, "") if now else ""
    return {**speech, "label": side_words(speech["label"]), "side": side,
            "order": now.order if now else None, "speeches": len(slots),
            "next": None if after is None else {"label": side_words(after.label),
                                                 "speaker": _speakers(snap, after)}}


def side_words(label: str) -> str:
    """``"1st proposition"`` -> ``"1st Proposition"``: the sides as names on the class screen."""
    return " ".join(SIDE_NAMES.get(word, word) for word in label.split(" "))


def _speakers(snap: RoomSnapshot, slot: SpeechSlot) -> str:
    return " / ".join(snap.names.get(s.participant_id, "?") for s in snap.seats
                      if s.role == slot.side and s.speaker == slot.position)


def scoring_view(snap: RoomSnapshot) -> dict[str, Any]:
    """Each speech and how many score sheets it has: never the marks."""
    open_ = snap.round is not None and snap.round.scoring == "open"
    speeches = [{"label": side_words(s.label), "debate": s.debate, "side": SIDE_NAMES.get(s.side, s.side),
                 "speaker": snap.names.get(s.speaker_id or -1, ""), "scored": len(snap.scores.get(s.id, ()))}
                for s in snap.speeches]
    return {"open": open_, "speeches": speeches}


def results_view(snap: RoomSnapshot) -> dict[str, Any]:
    """The swing of each motion whose after-vote is revealed, and each speech's mean out of the maximum."""
    by_key = {p.key: p for p in snap.polls}
    swings = []
    for motion in motions_of(list(snap.polls)):
        pre, post = (by_key.get(k) for k in motion_poll_keys(motion))
        if pre is None or post is None or post.state != "revealed":
            continue
        swing = motion_swing({str(k): v for k, v in snap.votes.get(pre.id, {}).items()},
                             {str(k): v for k, v in snap.votes.get(post.id, {}).items()})
        swings.append({
            "motion": post.question.split(": ", 1)[-1],
            "rows": [{"option": o, "label": option_label(o), "before": round(swing.before[o]),
                      "after": round(swing.after[o]), "change": round(swing.change[o])}
                     for o in swing.before],
            "winner": swing.winner, "winner_text": winner_text(swing), "voters_text": voters_text(swing),
            "rule": RULE_TEXT})
    criteria = list(snap.room.rubric_criteria)
    out_of = snap.room.rubric_max * len(criteria)
    speeches = []
    for speech in snap.speeches:
        sheets = [r.values for r in snap.scores.get(speech.id, ())]
        totals = [sum(v[c] for c in criteria) for v in sheets if all(c in v for c in criteria)]
        mean = round(sum(totals) / len(totals), 1) if totals else None
        speeches.append({"label": side_words(speech.label), "debate": speech.debate,
                         "speaker": snap.names.get(speech.speaker_id or -1, ""),
                         "mean": mean, "out_of": out_of, "sheets": len(sheets)})
    return {"swings": swings, "speeches": speeches}

