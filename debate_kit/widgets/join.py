"""JoinView: a student types the room code and a name (or takes a pseudonym) and joins.

The identity is the device token from :class:`DeviceIdentity` (or the JupyterHub user name when the
app knows it). When the token arrives and the code is already filled in (from ``?room=K7QF``), a device
that joined before is recognised at once, with its votes. Once joined, the view stays that participant:
a later token from the browser (forged or not) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from debate_kit.core.errors import InvalidInput
from debate_kit.store import Participant, Room, Store
from debate_kit.student.names import pseudonym
from debate_kit.student.session import HUB_PREFIX
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.identity import DeviceIdentity


class JoinView(w.VBox):
    """Room code + name + Join; calls ``on_joined(room, participant)`` once."""

    def __init__(
        self,
        store: Store,
        identity: DeviceIdentity,
        on_joined: Callable[[Room, Participant], None],
        *,
        code: str = "",
        hub_user: str | None = None,
    ) -> None:
        self.store = store
        self.identity = identity
        self.on_joined = on_joined
        self.hub_user = hub_user
        self.room: Room | None = None
        self.participant: Participant | None = None
        self.code = w.Text(value=code[:12], description="Room code", placeholder="e.g. K7QF",
                            continuous_update=False)
        self.code.add_class("dk-join-code")
        self.name = w.Text(description="Your name", placeholder="First name or nickname",
                            continuous_update=False)
        self.name.add_class("dk-join-name")
        self.button = w.Button(description="Join", button_style="primary", tooltip="Join the room")
        self.button.add_class("dk-join-button")
        self.anon = w.Button(description="Join anonymously", tooltip="Join with a made-up name")
        self.anon.add_class("dk-join-anon")
        self.status = StatusLine()
        self.button.on_click(self._join_named)
        self.anon.on_click(self._join_anonymous)
        intro = w.HTML("<h3>Join the class debate</h3>")
        if hub_user:
            self.name.value = hub_user[:60]
            self.name.disabled = True
            self.anon.layout.display = "none"
        super().__init__([intro, self.code, self.name, w.HBox([self.button, self.anon]), self.status])
        self.add_class("dk-join")
        identity.observe(self._token_arrived, "token")

    @guarded
    def start(self) -> None:
        """Recognise a returning JupyterHub user at once (browsers' tokens arrive later, by message)."""
        if self.hub_user:
            self._try_rejoin()

    # -- identity -----------------------------------------------------------------------------------
    def _token(self) -> str:
        if self.hub_user:
            return HUB_PREFIX + self.hub_user
        if not self.identity.token:
            raise InvalidInput(
                "token-missing", "This browser has not sent its id yet: wait a moment or reload the page."
            )
        return self.identity.token

    @guarded
    def _token_arrived(self, _change: Any) -> None:
        self._try_rejoin()

    def _try_rejoin(self) -> None:
        if self.participant is not None or not self.code.value.strip():
            return
        room = self.store.room(self.code.value)
        participant = self.store.participant_by_token(room.id, self._token())
        if participant is not None:
            self._done(room, participant)

    # -- joining ------------------------------------------------------------------------------------
    @guarded
    def _join_named(self, _button: Any = None) -> None:
        self._join(self.hub_user or self.name.value)

    @guarded
    def _join_anonymous(self, _button: Any = None) -> None:
        if self.hub_user:
            self._join(self.hub_user)
            return
        name = pseudonym()
        self.name.value = name
        self._join(name)

    def _join(self, name: object) -> None:
        if self.participant is not None:
            self.status.info(f"You are in room {self.participant_room_code} as {self.participant.name}.")
            return
        room = self.store.room(self.code.value)
        participant = self.store.join(room.id, name, self._token())
        self._done(room, participant)

    @property
    def participant_room_code(self) -> str:
        return self.room.code if self.room else ""

    def _done(self, room: Room, participant: Participant) -> None:
        self.room, self.participant = room, participant
        for control in (self.code, self.name, self.button, self.anon):
            control.disabled = True
        self.status.ok(f"You are in room {room.code} as {participant.name}.")
        self.on_joined(room, participant)
