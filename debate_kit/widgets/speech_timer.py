"""SpeechTimer: a big countdown for the current speech; it runs in the browser (``speech_timer.js``).

``TimerPanel`` adds a speech chooser built from the running order of the latest published round (or
the classroom preset before any round): choosing a speech sets the timer's label and length. Every
choice and every Start / Pause / Reset is also written to the store (``Store.set_speech``), so the
students' pages show who is speaking and count the same time down on their own clocks.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets as t

from debate_kit.speeches import MAX_SECONDS, slots, speakers
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


class SpeechTimer(anywidget.AnyWidget):
    """Countdown display with Start / Pause / Reset buttons (all in the browser)."""

    _esm = (Path(__file__).with_name("speech_timer.js")).read_text(encoding="utf-8")
    label = t.Unicode("Speech", help="What is being timed, shown above the clock.").tag(sync=True)
    seconds = t.Int(180, help="Length of the speech in seconds.").tag(sync=True)

    def __init__(self, on_action: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_action = on_action
        self.on_msg(self._browser_msg)

    def _browser_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """``{"kind": "timer", "action": "start"|"pause"|"reset", "left": seconds}`` from the buttons."""
        if not isinstance(content, dict) or content.get("kind") != "timer" or self.on_action is None:
            return
        action, left = content.get("action"), content.get("left")
        if action in ("start", "pause", "reset") and isinstance(left, int | float) \
                and not isinstance(left, bool) and math.isfinite(left):
            self.on_action(action, float(left))


class TimerPanel(w.VBox):
    """Choose a speech from the running order; the timer is set to its length."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.timer = SpeechTimer(on_action=self._timer_action)
        self.speech = w.Dropdown(description="Speech", style={"description_width": "initial"})
        self.speech.add_class("dk-timer-speech")
        self.status = StatusLine()
        self._slots: dict[int, tuple[str, int]] = {}
        self._quiet = False
        self.speech.observe(self._chosen, "value")
        super().__init__([self.speech, self.timer, self.status])
        self.add_class("dk-timer-panel")
        self.refresh()

    def refresh(self) -> None:
        _round, order = slots(self.session.store, self.session.room.id)
        self._slots = {s.order: (s.label, round(s.minutes * 60)) for s in order}
        options = [(f"{s.order}. {s.label} ({s.minutes:g} min)", s.order) for s in order]
        if list(self.speech.options) != options:
            keep = self.speech.value
            self._quiet = True  # the page setting its own list is not the teacher's choice
            try:
                self.speech.options = options
                self.speech.value = keep if keep in self._slots else options[0][1]
            finally:
                self._quiet = False
            self._chosen()
        on_clock = (self.session.room.speech or {}).get("label")  # the class screen's buttons may move it
        chosen = next((order for order, (label, _s) in self._slots.items() if label == on_clock), None)
        if chosen is not None and chosen != self.speech.value:
            self._quiet = True
            try:
                self.speech.value = chosen
            finally:
                self._quiet = False

    @guarded
    def _chosen(self, _change: Any = None) -> None:
        slot = self._slots.get(self.speech.value)  # type: ignore[arg-type]
        if slot is None:
            return
        label, seconds = slot
        changed = (self.timer.label, self.timer.seconds) != (label, min(max(seconds, 1), MAX_SECONDS))
        self.timer.label = label
        self.timer.seconds = min(max(seconds, 1), MAX_SECONDS)
        if changed and _change is not None and not self._quiet:  # the teacher's choice: the class sees it
            self._publish(running=False, left=float(self.timer.seconds))

    @guarded
    def _timer_action(self, action: str, left: float) -> None:
        if action == "reset":
            left = float(self.timer.seconds)
        self._publish(running=action == "start", left=left)

    def _publish(self, *, running: bool, left: float) -> None:
        key = self.session.teacher_key
        if key is None:
            return
        self.session.slow_down()
        self.session.store.set_speech(self.session.room.id, key, label=self.timer.label,
                                      speaker=self._speaker(), seconds=self.timer.seconds,
                                      running=running, left=max(-MAX_SECONDS, min(left, MAX_SECONDS)))

    def _speaker(self) -> str:
        """Who gives the chosen speech, in each debate of the latest published round ("" if not known)."""
        round_, order = slots(self.session.store, self.session.room.id)
        slot = next((s for s in order if s.order == self.speech.value), None)
        return speakers(self.session.store, round_, slot) if round_ is not None and slot else ""
