"""SpeechTimer: a big countdown for the current speech; it runs in the browser (``speech_timer.js``).

``TimerPanel`` adds a speech chooser built from the running order of the latest published round (or
the classroom preset before any round): choosing a speech sets the timer's label and length.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets as t

from debate_kit.core.formats import PRESETS, running_order
from debate_kit.rounds import latest_published, round_format
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession

MAX_SECONDS = 20 * 60


class SpeechTimer(anywidget.AnyWidget):
    """Countdown display with Start / Pause / Reset buttons (all in the browser)."""

    _esm = (Path(__file__).with_name("speech_timer.js")).read_text(encoding="utf-8")
    label = t.Unicode("Speech", help="What is being timed, shown above the clock.").tag(sync=True)
    seconds = t.Int(180, help="Length of the speech in seconds.").tag(sync=True)


class TimerPanel(w.VBox):
    """Choose a speech from the running order; the timer is set to its length."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.timer = SpeechTimer()
        self.speech = w.Dropdown(description="Speech", style={"description_width": "initial"})
        self.speech.add_class("dk-timer-speech")
        self.status = StatusLine()
        self._slots: dict[int, tuple[str, int]] = {}
        self.speech.observe(self._chosen, "value")
        super().__init__([self.speech, self.timer, self.status])
        self.add_class("dk-timer-panel")
        self.refresh()

    def refresh(self) -> None:
        round_ = latest_published(self.session.store, self.session.room.id)
        fmt = round_format(round_) if round_ is not None else PRESETS["classroom"]
        slots = running_order(fmt)
        self._slots = {s.order: (s.label, round(s.minutes * 60)) for s in slots}
        options = [(f"{s.order}. {s.label} ({s.minutes:g} min)", s.order) for s in slots]
        if list(self.speech.options) != options:
            keep = self.speech.value
            self.speech.options = options
            self.speech.value = keep if keep in self._slots else options[0][1]
            self._chosen()

    @guarded
    def _chosen(self, _change: Any = None) -> None:
        slot = self._slots.get(self.speech.value)  # type: ignore[arg-type]
        if slot is None:
            return
        label, seconds = slot
        self.timer.label = label
        self.timer.seconds = min(max(seconds, 1), MAX_SECONDS)
