"""ScoreResults: per rebuttal speech, how many scored it and the mean, median, spread and agreement.

Numbers come from :func:`debate_kit.core.scoring.summarize_speech` (totals over the criteria) and
:func:`~debate_kit.core.scoring.agreement_across_speeches` (do scorers rank speeches alike?).
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.scoring import agreement_across_speeches, summarize_speech
from debate_kit.rounds import latest_published
from debate_kit.widgets._html import esc, table
from debate_kit.widgets.session import ClassSession


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


class ScoreResults(w.VBox):
    """A table of the latest published round's rebuttal scores."""

    def __init__(self, session: ClassSession) -> None:
        self.session = session
        self.body = w.HTML()
        super().__init__([self.body])
        self.add_class("dk-score-results")
        self.refresh()

    def refresh(self) -> None:
        store, room = self.session.store, self.session.room
        round_ = latest_published(store, room.id)
        if round_ is None:
            self.body.value = "<p>No round has been published yet.</p>"
            return
        names = self.session.names()
        rows, across = [], {}
        for speech in store.speeches(round_.id):
            sheets = store.scores(speech.id)
            summary = summarize_speech([s.values for s in sheets], room.rubric_criteria)
            across[str(speech.id)] = {
                str(s.scorer_id): sum(s.values.values()) for s in sheets
                if set(s.values) == set(room.rubric_criteria)
            }
            rows.append((speech.label, names.get(speech.speaker_id or -1, "–"), summary.scorers,
                         _num(summary.mean), _num(summary.median), _num(summary.spread),
                         _num(summary.alpha)))
        overall = agreement_across_speeches(across)
        top = len(room.rubric_criteria) * room.rubric_max
        state = "open" if round_.scoring == "open" else "closed"
        self.body.value = (
            f"<h4>Rebuttal scores, round {round_.number} (scoring {esc(state)})</h4>"
            f"<p>Totals out of {top}. Spread is the standard deviation; agreement is Krippendorff's "
            "alpha (1 = scorers agree fully, 0 = no better than chance).</p>"
            + table(("Speech", "Speaker", "Scorers", "Mean", "Median", "Spread", "Agreement"), rows,
                    css="dk-score-table")
            + f"<p>Agreement across speeches: <b>{_num(overall)}</b></p>"
        )
