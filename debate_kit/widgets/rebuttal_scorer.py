"""RebuttalScorer: judges and audience score each rebuttal speech on the room's rubric.

The speeches offered are those of the latest published round that this participant may score
(:func:`debate_kit.core.scoring.may_score`); the store checks again, and checks the scores against the
room's rubric, so a forged slider range or speech id changes nothing. One score per scorer per speech,
editable until the teacher closes scoring.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from debate_kit.core.errors import DebateKitError, InvalidInput, NotAllowed
from debate_kit.core.scoring import may_score
from debate_kit.core.sides import Seat
from debate_kit.rounds import latest_published, seat_of
from debate_kit.store import Speech
from debate_kit.store.debates import as_core_seat
from debate_kit.widgets._status import StatusLine, guarded
from debate_kit.widgets.session import ClassSession


class RebuttalScorer(w.VBox):
    """Choose a speech, set one slider per criterion, add a comment, submit."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        room = session.room
        self.speech = w.Dropdown(description="Speech")
        self.speech.add_class("dk-score-speech")
        self.sliders: dict[str, w.IntSlider] = {}
        for criterion in room.rubric_criteria:
            label, hint = session.criterion_text(criterion)
            slider = w.IntSlider(value=room.rubric_min, min=room.rubric_min, max=room.rubric_max,
                                 description=label, tooltip=hint, continuous_update=False,
                                 style={"description_width": "initial"})
            slider.add_class(f"dk-score-{criterion}")
            self.sliders[criterion] = slider
        self.comment = w.Textarea(description="Comment", placeholder="Optional: one sentence of feedback",
                                  continuous_update=False)
        self.comment.add_class("dk-score-comment")
        self.submit = w.Button(description="Save score", button_style="primary", tooltip="Save your score")
        self.submit.add_class("dk-score-submit")
        self.info = w.HTML()
        self.status = StatusLine()
        self.speech.observe(self._speech_changed, "value")
        self.submit.on_click(self._submit)
        super().__init__([self.info, self.speech, *self.sliders.values(), self.comment, self.submit,
                          self.status])
        self.add_class("dk-scorer")
        self.refresh()

    def _speeches(self) -> tuple[list[Speech], bool]:
        """Speeches this participant may score now, and whether scoring is open."""
        store, pid = self.session.store, self.session.participant_id
        round_ = latest_published(store, self.session.room.id)
        if round_ is None or pid is None:
            return [], False
        me = as_core_seat(seat_of(store.seats(round_.id), pid))
        allowed = []
        for speech in store.speeches(round_.id):
            if speech.speaker_id == pid:
                continue
            try:
                may_score(me, Seat(str(speech.speaker_id), speech.side, speech.debate, None))
            except DebateKitError:
                continue
            allowed.append(speech)
        return allowed, round_.scoring == "open"

    def refresh(self) -> None:
        speeches, open_ = self._speeches()
        names = self.session.names()
        options = [(f"{s.label} ({names.get(s.speaker_id or -1, 'no speaker')})", s.id) for s in speeches]
        if list(self.speech.options) != options:
            keep = self.speech.value
            self.speech.options = options
            values = [o[1] for o in options]
            if values:
                self.speech.value = keep if keep in values else values[0]
        if not speeches:
            self.info.value = "<p>There is no speech for you to score yet.</p>"
        elif open_:
            self.info.value = "<p>Score each rebuttal. You can change a score until scoring closes.</p>"
        else:
            self.info.value = "<p>Scoring is closed.</p>"
        for control in (self.speech, *self.sliders.values(), self.comment, self.submit):
            control.disabled = not (open_ and speeches)

    @guarded
    def _speech_changed(self, _change: Any = None) -> None:
        pid = self.session.participant_id
        if not isinstance(self.speech.value, int) or pid is None:
            return
        for row in self.session.store.scores(self.speech.value):
            if row.scorer_id == pid:
                for criterion, slider in self.sliders.items():
                    if criterion in row.values:
                        slider.value = row.values[criterion]
                self.comment.value = row.comment
                self.status.info("This is the score you gave; you can change it.")

    @guarded
    def _submit(self, _button: Any = None) -> None:
        pid = self.session.participant_id
        if pid is None:
            raise NotAllowed("not-joined", "Join the room to score.")
        speeches, _open = self._speeches()
        speech_id = self.speech.value
        if speech_id not in [s.id for s in speeches]:
            raise InvalidInput("speech-not-yours", "Choose one of the speeches in the list.")
        values = {criterion: slider.value for criterion, slider in self.sliders.items()}
        self.session.store.submit_score(speech_id, pid, values, self.comment.value)
        self.status.ok("Score saved. You can change it until scoring closes.")
