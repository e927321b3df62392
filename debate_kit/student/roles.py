"""What a student's role asks of them now, in one sentence (the phone's "Your job now").

Pure: the phase, the student's seat, their debate's running order and the speech on the teacher's
clock in; a sentence a 15-year-old can act on out. The timer's speech is the same slot in every
debate (debates run in parallel), so "who speaks now" is read from the student's own debate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from debate_kit.core.formats import SpeechSlot

LATE = "You joined after the sides were made: listen, and score the speeches when scoring opens."
SCORERS = ("judge", "audience")


def slot_label(label: str) -> str:
    """A running-order label with its side capitalised: ``"2nd opposition"`` -> ``"2nd Opposition"``."""
    return " ".join(w.capitalize() if w in ("proposition", "opposition") else w for w in label.split(" "))


def _mine(order: Sequence[SpeechSlot], role: str, speaker: int | None) -> list[SpeechSlot]:
    return [s for s in order if s.side == role and s.position == speaker]


def _speeches(slots: Sequence[SpeechSlot]) -> str:
    parts = [f"{slot_label(s.label)} ({s.minutes:g} min)" for s in slots]
    return " and ".join(parts) if parts else "a speech your team chooses"


def _who(slot: SpeechSlot, names: Mapping[tuple[str, int], str]) -> str:
    name = names.get((slot.side, slot.position))
    return f"{slot_label(slot.label)} ({name})" if name else slot_label(slot.label)


def sides_job(role: str | None, debate: int | None, mine: Sequence[SpeechSlot]) -> str:
    if role in ("proposition", "opposition"):
        stance = "for" if role == "proposition" else "against"
        return (f"Prepare your speech with your team: you give {_speeches(mine)}. Find evidence {stance} "
                "the motion in the essay and the other views (tap “The essay and your answers”), and "
                "plan how to answer the other side.")
    if role == "judge":
        return (f"You judge debate {debate}: during the debate, note how each speaker uses evidence and "
                "answers the other side. You score the rebuttals when scoring opens.")
    return ("You watch the debate: note the strongest point on each side. You can score the rebuttals "
            "when scoring opens.")


def debate_job(role: str | None, debate: int | None, speaker: int | None, order: Sequence[SpeechSlot],
               names: Mapping[tuple[str, int], str], label: str | None) -> str:
    """The job while the debate runs; ``label`` is the speech on the teacher's clock (None: not yet)."""
    debater = role in ("proposition", "opposition")
    now = next((i for i, s in enumerate(order) if label and s.label.lower() == label.lower()), None)
    if now is None:
        if debater:
            return f"The debate starts soon: you give {_speeches(_mine(order, str(role), speaker))}. " \
                   "Have your notes ready."
        where = f" in debate {debate}" if role == "judge" and debate else ""
        return (f"The debate starts soon: listen to every speaker{where} and note how they use evidence. "
                "You score the rebuttals when scoring opens.")
    slot = order[now]
    if debater and (slot.side, slot.position) == (role, speaker):
        return "You are speaking now."
    after = order[now + 1] if now + 1 < len(order) else None
    if debater and after is not None and (after.side, after.position) == (role, speaker):
        return f"You speak next ({slot_label(after.label)}): get ready."
    who = _who(slot, names) if debate else slot_label(slot.label)
    if debater:
        goal = "what your team can build on" if slot.side == role else "what your team must answer"
        return f"Listen to {who} and note {goal}."
    may = "" if role == "judge" else "can "
    if slot.kind == "rebuttal":
        return f"Listen to {who}: you {may}score this rebuttal when scoring opens."
    return (f"Listen to {who} and note how they answer the other side: you {may}score their side's "
            "rebuttal when scoring opens.")


def scoring_job(role: str | None, debate: int | None, open_: bool, can_score: bool) -> str:
    if role in ("proposition", "opposition") and not can_score:
        return ("Your debate is over: the judges score the rebuttals now. You see your feedback in the "
                "results.")
    if not open_:
        return "Scoring opens soon: wait for your teacher."
    where = f" of debate {debate}" if role == "judge" and debate else ""
    return f"Score the rebuttals{where} below, with a comment that helps the speaker."


def job_now(phase: str, role: str | None, debate: int | None, speaker: int | None, *,
            order: Sequence[SpeechSlot] = (), names: Mapping[tuple[str, int], str] | None = None,
            speech_label: str | None = None, scoring_open: bool = False, can_score: bool = False) -> str:
    """What this seat does now (``role`` None: joined after the sides were made)."""
    if role is None and phase != "scoring":
        return LATE
    if phase == "sides":
        return sides_job(role, debate, _mine(order, str(role), speaker))
    if phase == "debate":
        return debate_job(role, debate, speaker, order, names or {}, speech_label)
    if phase == "scoring":
        return scoring_job(role, debate, scoring_open, can_score)
    return ""
