"""PrivateSwitch: the one way to see teacher-only detail on a screen the class may be watching.

By default no teacher page shows a live tally before the reveal, nor names next to votes, moves,
answers or scores: the laptop is usually mirrored on the projector. "Show private details" turns
that detail on for :data:`PRIVATE_SECONDS`, says so in a red banner, and turns itself off when the
time is up, when the teacher changes tab (``hide()``), or with "Hide now". Views ask
``session.show_private`` when they redraw; the switch redraws them when it flips.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import ipywidgets as w

from debate_kit.widgets.session import ClassSession

PRIVATE_SECONDS = 60.0
BANNER = ("Private details are showing: names, live tallies and who wrote what. If this screen is on "
          "the projector, the class sees them too. They hide themselves in a minute.")


class PrivateSwitch(w.HBox):
    """A button that shows teacher-only detail for a minute, and the banner that says so."""

    def __init__(self, session: ClassSession, *, seconds: float = PRIVATE_SECONDS) -> None:
        self.session = session
        self.seconds = seconds
        self._timer: asyncio.TimerHandle | None = None
        self.button = w.Button(description="Show private details", icon="eye",
                               tooltip="Names and live tallies for one minute (the class may see them)")
        self.button.add_class("dk-private-show")
        self.button.on_click(self._toggle)
        self.banner = w.HTML()
        self.banner.add_class("dk-private-banner")
        super().__init__([self.button, self.banner])
        self.add_class("dk-private-switch")

    @property
    def showing(self) -> bool:
        return self.session.show_private

    def show(self) -> None:
        if not self.session.is_teacher:
            return
        self.session.private_until = time.monotonic() + self.seconds
        with contextlib.suppress(RuntimeError):
            loop = asyncio.get_event_loop_policy().get_event_loop()
            if self._timer is not None:
                self._timer.cancel()
            self._timer = loop.call_later(self.seconds + 0.1, self.hide)
        self._draw()
        self.session.refresh()

    def hide(self, *_: Any) -> None:
        """Hide private detail now (the timer, a tab change or the teacher)."""
        was = self.session.private_until > 0
        self.session.private_until = 0.0
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._draw()
        if was:
            self.session.refresh()

    def _toggle(self, _button: Any = None) -> None:
        self.hide() if self.showing else self.show()

    def _draw(self) -> None:
        on = self.showing
        self.button.description = "Hide private details now" if on else "Show private details"
        self.button.button_style = "danger" if on else ""
        self.banner.value = (f'<div class="dk-private-on" role="alert">{BANNER}</div>' if on else "")
