"""Cards cited in a speech: which speech may have its cards tagged now, and by whom.

Pure rules over plain data (docs/student-protocol.md, "Cards in a speech"). A speech is a slot of the
round's running order in one debate (debates run in step, so the teacher's clock names the slot). Cards
are tagged during the debate phase only:

- the speaker tags their own speech while it is on the clock and while the next speech is (so a
  speaker can finish tagging right after sitting down); a slot no one is seated for (the team's
  choice) may be tagged by any member of that team;
- the teacher (for a speaker without a phone) tags any speech already given or on the clock;
- only cards made by the speaker's team (same side, same debate) can be tagged, at most
  :data:`MAX_TAGS` per speech.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from debate_kit.core.formats import DebateFormat, SpeechSlot, running_order

#: The most cards one speech can cite.
MAX_TAGS = 8

TAG_CLOSED = "Cards are tagged to speeches during the debate only."
NO_CLOCK = "The debate has not started yet: tag your cards when your speech is on the clock."
NOT_SPEAKER = "Only the speaker of that speech (or your teacher) can tag cards for it."
TOO_EARLY = "That speech has not started yet: tag its cards while you give it."
TOO_LATE = ("Tagging for that speech has ended: cards are tagged while the speech is given and during "
            "the next one. Ask your teacher if a card is missing.")
NOT_TEAM = "You can only tag cards made by the speaker's own team."
NO_SUCH_CARD = "There is no such card in this room (it may have been deleted): reload the page."
TOO_MANY = f"A speech can cite at most {MAX_TAGS} cards: untag one first."


def order_of(format_json: str) -> tuple[SpeechSlot, ...]:
    """The running order of a round, from the format stored with it (JSON)."""
    data = json.loads(format_json)
    data["rebuttal_by"] = tuple(data.get("rebuttal_by", ()))
    return running_order(DebateFormat(**data))


def find_slot(order: Sequence[SpeechSlot], label: str) -> SpeechSlot | None:
    """The slot called ``label`` (case aside), or None."""
    wanted = label.strip().lower()
    return next((s for s in order if s.label.lower() == wanted), None)


def unknown_speech(label: str) -> str:
    return f"There is no speech called {label[:40]!r} in this debate's running order."


def tag_refusal(order: Sequence[SpeechSlot], current: str | None, slot: SpeechSlot, *,
                teacher: bool) -> str | None:
    """Why ``slot``'s cards cannot be tagged now (``current``: the label on the clock), or None."""
    now = find_slot(order, current or "")
    if now is None:
        return NO_CLOCK
    if slot.order > now.order:
        return TOO_EARLY
    if not teacher and slot.order < now.order - 1:
        return TOO_LATE
    return None


def open_slots(order: Sequence[SpeechSlot], current: str | None) -> list[SpeechSlot]:
    """The slots a speaker may tag now: the one on the clock and the one just before it."""
    now = find_slot(order, current or "")
    if now is None:
        return []
    return [s for s in order if now.order - 1 <= s.order <= now.order]


def speakers_of(slot: SpeechSlot, seats: Sequence[tuple[int, str, int | None, int | None]],
                debate: int) -> set[int]:
    """Who gives ``slot`` in ``debate``; ``seats`` are (participant, role, debate, speaker). If no one
    holds that position (the team's choice), the whole team."""
    team = [(p, speaker) for p, role, d, speaker in seats if role == slot.side and d == debate]
    seated = {p for p, speaker in team if speaker == slot.position}
    return seated or {p for p, _speaker in team}
