"""A student's reflection (docs/student-protocol.md, "Reflection"), mixed into StudentSession.

The message's shape is checked by :mod:`debate_kit.core.student_protocol`; the text, the pick, the phase,
the poll and the student's two votes by the store inside the write (rules in
:mod:`debate_kit.core.reflection`). The answer is an ``ack`` after the commit or an ``error`` whose
message says what to do; the session keeps the student's own reflections for their view.
"""

from __future__ import annotations

from typing import Any

from debate_kit.core.student_protocol import Message
from debate_kit.store import Participant, Room, Store

SAVED = "Reflection saved. You can change it until your teacher closes the room."


class ReflectionActions:
    """The ``reflect`` handler; the session provides the store and the membership check."""

    store: Store
    #: After-poll id -> {"why", "mattered"}: this student's stored reflections (their view shows them).
    reflections: dict[int, dict[str, str]]

    def _member(self) -> tuple[Participant, Room]:  # pragma: no cover - StudentSession's
        raise NotImplementedError

    def _on_reflect(self, message: Message) -> dict[str, Any]:
        participant, _room = self._member()
        saved = self.store.save_reflection(participant.id, message["poll"], message["why"],
                                           message["mattered"])
        self.reflections[saved.poll_id] = {"why": saved.why, "mattered": saved.mattered}
        return {"type": "ack", "id": message.id, "message": SAVED}

    def _load_reflections(self, room_id: int, participant_id: int) -> None:
        """This student's reflections, as stored (on joining or coming back)."""
        self.reflections = {r.poll_id: {"why": r.why, "mattered": r.mattered}
                            for r in self.store.reflections(room_id, participant_id)}
