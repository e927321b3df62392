"""StudentSession: one student's connection (a websocket, or a notebook widget's comm).

It holds who is connected (the device token from the browser, or the JupyterHub user in a student's own
server), which room they are in, and their own answers; it turns each message into a store call after
checking its shape (:mod:`debate_kit.core.student_protocol`) and, against the store, the student's
rights. Every answer is an ``ack`` (sent only after the commit) or an ``error`` with a message the
student can act on; nothing half-written is kept. The calls are synchronous: the server runs them on its
store thread, a notebook in its kernel.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from debate_kit.core.errors import DebateKitError, InvalidInput, NotAllowed
from debate_kit.core.guard import Door
from debate_kit.core.lesson_model import Lesson
from debate_kit.core.scoring import check_comment
from debate_kit.core.student_protocol import Message, parse_message, request_id
from debate_kit.core.validation import clean_text
from debate_kit.core.vocabulary import PHASES
from debate_kit.store import Participant, Poll, Room, Store
from debate_kit.student.card_actions import CardActions
from debate_kit.student.door import REMOVED, find_room, pace_join
from debate_kit.student.names import pseudonym
from debate_kit.student.recent import RecentActions
from debate_kit.student.reflect_actions import ReflectionActions
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.student.view import join_view, room_info, shown_polls, student_view

log = logging.getLogger("debate_kit.student")
HUB_PREFIX = "jupyterhub-user:"
NOT_SAVED = "Not saved: the class database did not answer. Try again in a moment."
READING_NOT_YET = "The reading has not started yet: wait for your teacher."
READING_OVER = ("Reading has ended, so your answers are kept as they are. Ask your teacher to reopen "
                "the reading if you need to change one.")


def error(code: str, message: str, rid: int | None = None) -> dict[str, Any]:
    return {"type": "error", "id": rid, "code": code, "message": message}


def ack(rid: int | None, message: str) -> dict[str, Any]:
    return {"type": "ack", "id": rid, "message": message}


class StudentSession(CardActions, ReflectionActions):
    """Identity, room and actions of one connected student."""

    def __init__(self, store: Store, lessons: Callable[[str], Lesson | None], *,
                 hub_user: str | None = None, recent: RecentActions | None = None) -> None:
        self.store = store
        self.recent = recent or RecentActions()  # the server shares one among a device's connections
        self.lessons = lessons
        self.hub_user = hub_user or None
        self.token: str | None = HUB_PREFIX + hub_user if hub_user else None
        self.code = ""
        self.room: Room | None = None
        self.participant: Participant | None = None
        self.answers: dict[str, str] = {}
        self.reflections: dict[int, dict[str, str]] = {}
        #: The server's door (wrong codes, joins) and this page's address; None: no limits (tests, tools).
        self.door: Door | None = None
        self.address = "local"
        #: The device token from the page's HttpOnly cookie (behind a hub: server/device.py); it wins
        #: over hello's token.
        self.device_cookie: str | None = None
        self.bound_at = 0.0

    @property
    def room_id(self) -> int | None:
        return None if self.room is None else self.room.id

    # -- messages -----------------------------------------------------------------------------------
    def receive(self, raw: object) -> dict[str, Any] | None:
        """Handle one decoded message; returns the answer to send (None for a quiet hello)."""
        rid = request_id(raw)
        try:
            message = parse_message(raw)
            done = self.recent.recall(self.token, message) if self.token else None
            if done is not None:  # a retry of an action already acknowledged: the same ack, no write
                return done
            reply = getattr(self, f"_on_{message.type}")(message)
            if self.token and reply is not None:
                self.recent.remember(self.token, message, reply)
            return reply
        except DebateKitError as problem:
            return error(problem.code, problem.message, rid)
        except Exception:
            log.exception("debate_kit: a student's %s was not saved", type(raw).__name__)
            return error("not-saved", NOT_SAVED, rid)

    def _on_hello(self, message: Message) -> dict[str, Any] | None:
        token = message["token"] if self.hub_user is None else self.token
        if self.device_cookie and self.hub_user is None:
            token = self.device_cookie
        if self.participant is not None and token != self.token:
            raise NotAllowed("token-changed", "This page already belongs to someone: reload it.")
        forged_hub = self.hub_user is None and isinstance(token, str) and token.startswith(HUB_PREFIX)
        if not isinstance(token, str) or not 16 <= len(token) <= 200 or not token.isprintable() or forged_hub:
            raise InvalidInput("token-invalid", "This browser sent no valid device id; reload the page.")
        self.token = token
        code = message["room"].strip()[:12]
        if self.participant is None and code:
            self.code = code
            self._bind(find_room(self.store, self.door, self.address, code))
        return None

    def _on_join(self, message: Message) -> dict[str, Any]:
        rid = message.id
        if self.participant is not None and self._still_in():
            assert self.room is not None
            return ack(rid, f"You are in room {self.room.code} as {self.participant.name}.")
        if self.token is None:
            raise InvalidInput("token-missing", "This browser has not sent its id yet: reload the page.")
        self.code = message["room"].strip()[:12]
        room = find_room(self.store, self.door, self.address, self.code)
        if self.hub_user:
            name: object = self.hub_user
        elif message["anonymous"]:
            name = pseudonym()
        else:
            name = message["name"]
        pace_join(self.door, self.address)
        participant = self.store.join(room.id, name, self.token)
        self._bind(room, participant)
        return ack(rid, f"You are in room {room.code} as {participant.name}.")

    def _on_vote(self, message: Message) -> dict[str, Any]:
        participant, room = self._member()

        def shown(poll: Poll, now: Room, polls: list[Poll]) -> None:
            """What the student's view shows now, as stored, read in the vote's own transaction."""
            visible = {p.id for p in shown_polls(now.phase, polls)}
            hidden = not now.closed and poll.id not in visible
            if poll.room_id != room.id or poll.state == "draft" or hidden:
                raise NotAllowed("poll-not-shown", "That poll is not shown in your room now.")

        self.store.cast_vote(message["poll"], participant.id, message["option"], check=shown)
        return ack(message.id, f"Vote saved: {message['option']}.")

    def _on_answer(self, message: Message) -> dict[str, Any]:
        participant, room = self._member()
        lesson = self.lessons(room.lesson)
        prompts = {p.id for s in lesson.sections for p in s.prompts} if lesson else set()
        if message["prompt"] not in prompts:
            raise InvalidInput("prompt-unknown", "That question is not part of this lesson.")
        if self._answer_kept(participant.id, room.id, message["prompt"], message["text"]):
            return ack(message.id, "Answer saved.")  # unchanged (e.g. a retry after a restart): no write
        now = self.store.room_by_id(room.id)
        if not now.closed and now.phase != "reading":  # a closed room is refused by the store
            before = PHASES.index(now.phase) < PHASES.index("reading")
            raise NotAllowed("reading-not-open", READING_NOT_YET if before else READING_OVER)
        self.store.save_answer(participant.id, message["prompt"], message["text"])
        self.answers[message["prompt"]] = clean_text(message["text"])  # as stored: invisible characters gone
        return ack(message.id, "Answer saved.")

    def _on_score(self, message: Message) -> dict[str, Any]:
        participant, _room = self._member()
        if self._score_kept(participant.id, message["speech"], message["values"], message["comment"]):
            return ack(message.id, "Score saved. You can change it until scoring closes.")  # no write
        self.store.submit_score(message["speech"], participant.id, message["values"], message["comment"])
        return ack(message.id, "Score saved. You can change it until scoring closes.")

    # -- an action whose result is already stored is not written again (docs: "Retries") -----------
    def _answer_kept(self, participant_id: int, room_id: int, prompt: str, text: str) -> bool:
        stored = [a.text for a in self.store.answers(room_id, prompt) if a.participant_id == participant_id]
        if not stored or stored[0] != clean_text(text):
            return False
        self.answers[prompt] = stored[0]
        return True

    def _score_kept(self, participant_id: int, speech_id: int, values: dict[str, Any], comment: str) -> bool:
        try:
            stored = [s for s in self.store.scores(speech_id) if s.scorer_id == participant_id]
        except Exception:  # an unknown or out-of-range speech: submit_score says so
            return False
        same = bool(stored) and json.dumps(stored[0].values, sort_keys=True) == json.dumps(
            values, sort_keys=True)  # as JSON: a forged 3.0 or true is not the stored 3 or 1
        return same and stored[0].comment == check_comment(comment)

    # -- state --------------------------------------------------------------------------------------
    def _member(self) -> tuple[Participant, Room]:
        if self.participant is None or self.room is None:
            raise NotAllowed("not-joined", "Join the room first.")
        return self.participant, self.room

    def _still_in(self) -> bool:
        """False (and the participant forgotten) once the teacher has removed them."""
        found = None if self.room is None or self.token is None else \
            self.store.participant_by_token(self.room.id, self.token)
        if found is not None and self.participant is not None and found.id == self.participant.id:
            return True
        self.participant = None
        return False

    def _bind(self, room: Room, participant: Participant | None = None) -> None:
        """Enter ``room``; a device that joined before is recognised (with its votes and answers)."""
        self.room = room
        if participant is None and self.token is not None:
            participant = self.store.participant_by_token(room.id, self.token)
        self.participant = participant
        self.bound_at = time.time()  # a snapshot read before this may not list them yet
        if participant is not None:
            self.answers = {a.prompt: a.text
                            for a in self.store.answers(room.id, participant_id=participant.id)}
            self._load_reflections(room.id, participant.id)

    def view(self, snap: RoomSnapshot | None) -> dict[str, Any]:
        """This student's view of ``snap`` (the latest snapshot of their room), as plain data."""
        if self.participant is None or snap is None:
            return join_view(self.code, self.hub_user, room_info(snap) if snap is not None else None)
        if self.participant.id not in snap.names and snap.read_at > self.bound_at:  # removed by the teacher
            self.participant = None
            view = join_view(self.code or snap.room.code, self.hub_user, room_info(snap))
            return {**view, "notice": REMOVED}
        lesson = self.lessons(snap.room.lesson) if snap.room.phase in ("scoring", "results") else None
        return student_view(snap, self.participant, answers=self.answers, lesson=lesson,
                            reflections=self.reflections)
