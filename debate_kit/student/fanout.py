"""Many students' views of one snapshot, each distinct view built and JSON-encoded once.

The server sends every member of a room its view at each push (docs/student-protocol.md: a ``view``
message). In the phases where one student's view differs from a classmate's only by their name, their
own votes and their own answers (the join phase, the vote phases, reading, a closed room), the view is
built once per snapshot with those left blank (the *base*), then filled in per student; a student whose
inputs did not change since the last push costs one comparison of a small key, not a build and an
encode. The other phases (sides, debate, scoring, results) build each student's view in full.
While reading, a student's evidence cards (``cards.mine``) are filled in the same way from the
snapshot's cards, grouped by author once per snapshot.
The result is the same text :meth:`StudentSession.view` gives (a test compares them). A view that
grows a field this module does not know (say, a student's own cards) is built in full while that field
is set: a new personal field makes pushes slower, never wrong.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

from debate_kit.store import Participant
from debate_kit.student.cards import card_item
from debate_kit.student.session import StudentSession
from debate_kit.student.snapshot import RoomSnapshot
from debate_kit.student.view import join_view, room_info, student_view

#: Phases whose views differ between students only by name, own votes and own answers.
SHARED_PHASES = frozenset({"join", "pre-vote", "post-vote", "reading"})
#: The view's fields this module fills in per student (me, polls' mine, reading's answers) or shares.
KNOWN_FIELDS = frozenset({"stage", "room", "join", "me", "notice", "polls", "reading", "seat", "scoring",
                          "results", "speech"})
#: The part of the view's ``cards`` that is one student's own while it is shared (reading: no deck, no
#: tagging); any other personal part set there makes the view built in full.
OWN_CARDS = "mine"
PERSONAL_CARD_PARTS = ("deck", "tagging")
#: Nobody: ids start at 1, so no vote or seat belongs to 0.
NOBODY = Participant(id=0, room_id=0, name="", role="", created_at="")


def encode(view: Any) -> str:
    """The ``view`` message as sent on the socket."""
    return json.dumps({"type": "view", "view": view}, separators=(",", ":"))


class SnapshotViews:
    """The views of one :class:`RoomSnapshot` (or of no room yet), made as members ask for them."""

    def __init__(self, snap: RoomSnapshot | None) -> None:
        self.snap = snap
        self._join: dict[tuple[str, str | None], str] = {}
        self._base: tuple[dict[str, Any], str] | None = None
        self._shareable = True
        self._cards: dict[int, tuple[tuple[Any, ...], list[dict[str, Any]]]] | None = None

    def render(self, session: Any, last_key: Hashable | None = None) -> tuple[Hashable | None, str | None]:
        """``(key, text)`` of ``session``'s view; text None when ``key`` equals ``last_key`` (unchanged).

        A key of None means "not comparable": the text is always made. Sessions other than a
        :class:`StudentSession` (the projector's) are asked for their view as they are.
        """
        snap = self.snap
        if not isinstance(session, StudentSession):
            return None, encode(session.view(snap))
        if snap is None or session.participant is None:
            return None, self._join_text(session.code, session.hub_user)
        removed = session.participant.id not in snap.names  # the teacher removed them: the session says so
        if snap.room.closed or snap.room.phase not in SHARED_PHASES or removed:
            return None, encode(session.view(snap))
        shared = self.shared()
        if shared is None:
            return None, encode(session.view(snap))
        base, base_text = shared
        me = session.participant
        mines = tuple(snap.votes.get(p["id"], {}).get(me.id) for p in base["polls"])
        answers = tuple(session.answers.items()) if base["reading"] is not None else ()
        cards_key, own_cards = self.own_cards(me.id) if base.get("cards") is not None else ((), [])
        key = (base_text, me.id, me.name, mines, answers, cards_key)
        if key == last_key:
            return key, None
        view = dict(base, me={"name": me.name},
                    polls=[{**p, "mine": mine} for p, mine in zip(base["polls"], mines, strict=True)])
        if base["reading"] is not None:
            view["reading"] = {**base["reading"], "answers": dict(session.answers)}
        if base.get("cards") is not None:
            view["cards"] = {**base["cards"], OWN_CARDS: own_cards}
        return key, encode(view)

    def own_cards(self, participant_id: int) -> tuple[tuple[Any, ...], list[dict[str, Any]]]:
        """(key, items) of one student's own cards in this snapshot (grouped by author once)."""
        if self._cards is None:
            assert self.snap is not None
            self._cards = {}
            for card in self.snap.cards:
                keys, items = self._cards.setdefault(card.participant_id, ((), []))
                self._cards[card.participant_id] = ((*keys, (card.id, card.updated_at)), items)
                items.append(card_item(card))
        return self._cards.get(participant_id, ((), []))

    def _join_text(self, code: str, hub_user: str | None) -> str:
        text = self._join.get((code, hub_user))
        if text is None:
            room = room_info(self.snap) if self.snap is not None else None
            text = self._join[(code, hub_user)] = encode(join_view(code, hub_user, room))
        return text

    def shared(self) -> tuple[dict[str, Any], str] | None:
        """The view with the personal fields blank, or None if it has a field set that is not known."""
        if self._base is None and self._shareable:
            assert self.snap is not None
            base = student_view(self.snap, NOBODY, answers={}, lesson=None)
            cards = base.get("cards")
            self._shareable = (all(base[k] is None for k in base.keys() - KNOWN_FIELDS - {"cards"})
                               and (cards is None or all(cards.get(k) is None for k in PERSONAL_CARD_PARTS)))
            self._base = (base, encode(base)) if self._shareable else None
        return self._base
