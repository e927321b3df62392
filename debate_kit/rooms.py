"""Rooms for a lesson: creating one (its rubric and polls, all in draft) and finding its motion polls."""

from __future__ import annotations

from debate_kit.core.lesson_model import AGREE_OPTIONS, Lesson
from debate_kit.core.swing import MOTION_OPTIONS
from debate_kit.store import Poll, Room, Store


def motion_poll_keys(motion_id: str) -> tuple[str, str]:
    """The keys of a motion's before and after polls."""
    return f"motion-{motion_id}-pre", f"motion-{motion_id}-post"


def create_lesson_room(store: Store, lesson: Lesson, title: str,
                       hub: tuple[str, str, str] | None = None) -> tuple[Room, str]:
    """A new room for ``lesson`` with its motion (before/after) and section polls; returns the key.

    ``hub``: (owner, salt, key) when the JupyterHub service makes it (see ``Store.create_room``)."""
    rubric = (lesson.rubric.min, lesson.rubric.max, tuple(c.id for c in lesson.rubric.criteria))
    room, key = store.create_room(title, lesson.id, rubric=rubric, hub=hub)
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
    return motions_of([p for p in store.polls(room_id) if p.key.endswith("-pre")])


def motion_of(poll: Poll) -> str | None:
    """The motion a poll belongs to (``motion-ID-pre`` / ``motion-ID-post``), or None."""
    for when in ("pre", "post"):
        if poll.kind == "motion" and poll.key.startswith("motion-") and poll.key.endswith(f"-{when}"):
            return poll.key[len("motion-"):-len(when) - 1]
    return None


def motions_of(polls: list[Poll]) -> list[str]:
    """The motions of these polls, in order, each once."""
    return list(dict.fromkeys(m for m in map(motion_of, polls) if m is not None))


def main_motion_polls(polls: list[Poll]) -> tuple[Poll | None, Poll | None]:
    """The first motion's before and after polls (the motion the phases drive), from a room's polls."""
    by_key = {p.key: p for p in polls}
    for motion in motions_of([p for p in polls if p.key.endswith("-pre")])[:1]:
        pre, post = motion_poll_keys(motion)
        return by_key.get(pre), by_key.get(post)
    return None, None


def phase_poll_changes(polls: list[Poll], old: str, new: str) -> list[tuple[int, str]]:
    """What moving the class from phase ``old`` to ``new`` does to the main motion's polls.

    One step per phase: entering the pre-vote (post-vote) opens the before (after) poll if it is still
    in draft; leaving it closes the poll if it is open; entering the results reveals both polls that
    have been used. Returns (poll id, new state) pairs; other polls are the teacher's to open.
    """
    pre, post = main_motion_polls(polls)
    changes: dict[int, str] = {}
    for phase, poll in (("pre-vote", pre), ("post-vote", post)):
        if poll is None:
            continue
        if old == phase and new != phase and poll.state == "open":
            changes[poll.id] = "closed"
        if new == phase and poll.state == "draft":
            changes[poll.id] = "open"
    if new == "results":
        for poll in (pre, post):
            if poll is not None and poll.state in ("open", "closed"):
                changes[poll.id] = "revealed"
    return list(changes.items())
