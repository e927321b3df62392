"""ScoreResults: per rebuttal speech, how many scored it and the mean, median, spread and agreement.

Numbers come from :func:`debate_kit.core.scoring.summarize_speech` (totals over the criteria) and
:func:`~debate_kit.core.scoring.agreement_across_speeches` (do scorers rank speeches alike?); every
score is shown "out of" the maximum. Safe to mirror (:mod:`debate_kit.core.privacy`): speakers' names
and each scorer's marks and comments show only while the teacher shows private details.
"""

from __future__ import annotations

import ipywidgets as w

from debate_kit.core.privacy import out_of
from debate_kit.core.scoring import agreement_across_speeches, summarize_speech
from debate_kit.rounds import latest_published
from debate_kit.store import ScoreRow, Speech
from debate_kit.widgets._html import esc, hidden, table
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
        private = self.session.show_private
        names = self.session.names() if private else {}
        top = len(room.rubric_criteria) * room.rubric_max
        rows, across, details = [], {}, []
        for speech in store.speeches(round_.id):
            sheets = store.scores(speech.id)
            summary = summarize_speech([s.values for s in sheets], room.rubric_criteria)
            across[str(speech.id)] = {
                str(s.scorer_id): sum(s.values.values()) for s in sheets
                if set(s.values) == set(room.rubric_criteria)
            }
            speaker = (names.get(speech.speaker_id or -1, "–"),) if private else ()
            rows.append((speech.label, speech.side.capitalize(), *speaker, summary.scorers,
                         out_of(summary.mean, top), out_of(summary.median, top), _num(summary.spread),
                         _num(summary.alpha)))
            if private:
                details.append(self._sheets(speech, sheets, names, top))
        overall = agreement_across_speeches(across)
        state = "open" if round_.scoring == "open" else "closed"
        header = ("Speech", "Side", *(("Speaker",) if private else ()), "Scorers", "Mean", "Median",
                  "Spread", "Agreement")
        after = "".join(details) if private else hidden("Speakers' names and each scorer's marks")
        self.body.value = (
            f"<h4>Rebuttal scores, round {round_.number} (scoring {esc(state)})</h4>"
            f"<p>Each speech's total is out of {top} ({len(room.rubric_criteria)} criteria, each "
            f"{room.rubric_min} to {room.rubric_max}). Spread is the standard deviation; agreement is "
            "Krippendorff's alpha (1 = scorers agree fully, 0 = no better than chance).</p>"
            + table(header, rows, css="dk-score-table")
            + f"<p>Agreement across speeches: <b>{_num(overall)}</b></p>" + after
        )

    def _sheets(self, speech: Speech, sheets: list[ScoreRow], names: dict[int, str], top: int) -> str:
        """One speech's score sheets by scorer (private)."""
        criteria = self.session.room.rubric_criteria
        labels = [self.session.criterion_text(c)[0] for c in criteria]
        rows = []
        for sheet in sorted(sheets, key=lambda s: names.get(s.scorer_id, "")):
            values = [sheet.values.get(c) for c in criteria]
            total = sum(v for v in values if v is not None) if None not in values else None
            rows.append((names.get(sheet.scorer_id, "?"), *("–" if v is None else v for v in values),
                         out_of(total, top, 0), sheet.comment))
        return (f"<details class='dk-score-sheets'><summary>{esc(speech.label)}: {len(sheets)} score "
                "sheet(s) (private)</summary>"
                + table(("Scorer", *labels, "Total", "Comment"), rows) + "</details>")
