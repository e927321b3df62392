"""Small builders for store tests: a room with a teacher key, students and an open poll."""

from __future__ import annotations

from dataclasses import dataclass

from debate_kit.store import Participant, Poll, Room, Store

MOTION = ("For", "Against", "Undecided")


def token(name: str) -> str:
    return f"device-token-{name}-0123456789"


@dataclass
class Classroom:
    store: Store
    room: Room
    key: str
    students: list[Participant]

    def open_poll(self, key: str = "motion-pre", options: tuple[str, ...] = MOTION) -> Poll:
        poll = self.store.add_poll(self.room.id, self.key, key, "The motion?", "motion", options)
        self.store.set_poll_state(poll.id, self.key, "open")
        return self.store.poll(poll.id)


def classroom(store: Store, names: tuple[str, ...] = ("Ann", "Ben", "Cy")) -> Classroom:
    room, key = store.create_room("Period 3", "new-soviet-union")
    students = [store.join(room.id, n, token(n)) for n in names]
    return Classroom(store, room, key, students)
