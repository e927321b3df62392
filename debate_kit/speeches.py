"""The speech on the clock: the running order of the room's published round, who gives each speech,
and writing the teacher's choice, Start, Pause and Reset to the store for every screen.

Used by the console's timer panel and by the projector's controls (one home for both).
"""

from __future__ import annotations

import time

from debate_kit.core.formats import PRESETS, SpeechSlot, running_order
from debate_kit.rounds import latest_published, round_format
from debate_kit.store import Round, Store

MAX_SECONDS = 20 * 60  # the store's limit for one speech


def slots(store: Store, room_id: int) -> tuple[Round | None, tuple[SpeechSlot, ...]]:
    """The latest published round (or None) and its running order (the classroom preset's before)."""
    round_ = latest_published(store, room_id)
    return round_, running_order(round_format(round_) if round_ is not None else PRESETS["classroom"])


def speakers(store: Store, round_: Round | None, slot: SpeechSlot) -> str:
    """Who gives ``slot`` in each debate of ``round_`` ("A / B"; "" if not known)."""
    if round_ is None:
        return ""
    names = {p.id: p.name for p in store.participants(round_.room_id)}
    return " / ".join(names.get(s.participant_id, "?") for s in store.seats(round_.id)
                      if s.role == slot.side and s.speaker == slot.position)


def seconds_of(slot: SpeechSlot) -> int:
    return min(max(round(slot.minutes * 60), 1), MAX_SECONDS)


def time_left(speech: dict[str, object] | None, now: float | None = None) -> float:
    """Seconds left on the clock now (negative once over time); 0 without a speech."""
    if not speech:
        return 0.0
    left = float(speech["left"])  # type: ignore[arg-type]
    if speech.get("running"):
        left -= max(0.0, (time.time() if now is None else now) - float(speech["since"]))  # type: ignore[arg-type]
    return left


def choose(store: Store, room_id: int, key: str, slot: SpeechSlot) -> None:
    """Put ``slot`` on the clock, full length, not running."""
    round_, _ = slots(store, room_id)
    seconds = seconds_of(slot)
    store.set_speech(room_id, key, label=slot.label, speaker=speakers(store, round_, slot),
                     seconds=seconds, running=False, left=float(seconds))


def run(store: Store, room_id: int, key: str, *, running: bool, reset: bool = False) -> None:
    """Start or pause the speech on the clock (``reset``: back to its full length, paused)."""
    speech = store.room_by_id(room_id).speech
    if not speech:
        _round, order = slots(store, room_id)
        choose(store, room_id, key, order[0])
        speech = store.room_by_id(room_id).speech
        assert speech is not None
    seconds = int(speech["seconds"])
    left = float(seconds) if reset else max(-MAX_SECONDS, min(time_left(speech), MAX_SECONDS))
    store.set_speech(room_id, key, label=speech["label"], speaker=speech["speaker"], seconds=seconds,
                     running=running and not reset, left=left)
