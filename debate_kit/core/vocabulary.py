"""The classroom's words, each in one place: sides and roles, phases, poll kinds and states, prompts.

Each is a ``StrEnum``: a member *is* its string (``Phase.PRE_VOTE == "pre-vote"``), so the store, the
views and JSON keep plain strings while the code names every word once. The tuples below are the
orders the kit uses (phases in lesson order, sides proposition first).
"""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    PROPOSITION = "proposition"  # for the motion
    OPPOSITION = "opposition"  # against the motion


class Role(StrEnum):
    PROPOSITION = "proposition"
    OPPOSITION = "opposition"
    JUDGE = "judge"
    AUDIENCE = "audience"


class Phase(StrEnum):
    JOIN = "join"
    PRE_VOTE = "pre-vote"
    READING = "reading"
    SIDES = "sides"
    DEBATE = "debate"
    SCORING = "scoring"
    POST_VOTE = "post-vote"
    RESULTS = "results"


class PollState(StrEnum):
    DRAFT = "draft"  # made with the room, not shown to students
    OPEN = "open"  # students vote
    CLOSED = "closed"  # no more votes; the tally still hidden from students
    REVEALED = "revealed"  # the tally shown to everyone


class PollKind(StrEnum):
    CHOICE = "choice"  # options written in the lesson
    AGREE = "agree"  # the five-point agreement scale
    MOTION = "motion"  # For / Against / Undecided, before and after the debate


class PromptKind(StrEnum):
    CLAIM = "claim"
    LANGUAGE = "language"
    OMISSION = "omission"
    COUNTER = "counter"
    OTHER = "other"


SIDES: tuple[Side, ...] = tuple(Side)
ROLES: tuple[Role, ...] = tuple(Role)
DEBATER_ROLES: tuple[Role, ...] = (Role.PROPOSITION, Role.OPPOSITION)
PHASES: tuple[Phase, ...] = tuple(Phase)
POLL_STATES: tuple[PollState, ...] = tuple(PollState)
POLL_KINDS: tuple[PollKind, ...] = tuple(PollKind)
#: The kinds a lesson file may give its own polls (motion polls come from the lesson's motions).
LESSON_POLL_KINDS: tuple[PollKind, ...] = (PollKind.AGREE, PollKind.CHOICE)
PROMPT_KINDS: tuple[PromptKind, ...] = tuple(PromptKind)

PHASE_LABELS: dict[Phase, str] = {
    Phase.JOIN: "Join",
    Phase.PRE_VOTE: "Vote before the debate",
    Phase.READING: "Read and question the essay",
    Phase.SIDES: "Sides and roles",
    Phase.DEBATE: "Debate",
    Phase.SCORING: "Score the rebuttals",
    Phase.POST_VOTE: "Vote after the debate",
    Phase.RESULTS: "Results",
}
