"""Rooms for a lesson: creating one (its rubric and polls, all in draft) and finding its motion polls."""

from __future__ import annotations

from debate_kit.core.lesson_model import AGREE_OPTIONS, Lesson
from debate_kit.core.swing import MOTION_OPTIONS
from debate_kit.store import Poll, Room, Store


def motion_poll_keys(motion_id: str) -> tuple[str, str]:
    """The keys of a motion's before and after polls."""
    return f"motion-{motion_id}-pre", f"motion-{motion_id}-post"


def create_lesson_room(store: Store, lesson: Lesson, title: str) -> tuple[Room, str]:
    """A new room for ``lesson`` with its motion (before/after) and section polls; returns the key."""
    rubric = (lesson.rubric.min, lesson.rubric.max, tuple(c.id for c in lesson.rubric.criteria))
    room, key = store.create_room(title, lesson.id, rubric=rubric)
    for motion in lesson.motions:
        pre, post = motion_poll_keys(motion.id)
        store.add_poll(room.id, key, pre, f"Before the debate: {motion.text}", "motion", MOTION_OPTIONS)
        store.add_poll(room.id, key, post, f"After the debate: {motion.text}", "motion", MOTION_OPTIONS)
    for spec in lesson.polls:
        options = AGREE_OPTIONS if spec.kind == "agree" else spec.options
        store.add_poll(room.id, key, spec.id, spec.question, spec.kind, options, spec.section)
    return store.room_by_id(room.id), key


def motion_polls(store: Store, room_id: int, when: str) -> list[Poll]:
    """The room's motion polls for ``when`` ("pre" or "post"), in creation order."""
    return [p for p in store.polls(room_id) if p.kind == "motion" and p.key.endswith(f"-{when}")]


def motion_ids(store: Store, room_id: int) -> list[str]:
    """Motion ids that have a before poll in this room."""
    return [p.key[len("motion-"):-len("-pre")] for p in motion_polls(store, room_id, "pre")]
