"""Scoring rebuttals: who may score, forged slider ranges, closed scoring, and the results."""

from __future__ import annotations

from debate_kit.widgets.rebuttal_scorer import RebuttalScorer
from debate_kit.widgets.score_results import ScoreResults
from tests.widgets.browser import click, update
from tests.widgets.conftest import Class


def _round(klass: Class) -> dict[str, int]:
    ids = {n: klass.student(n).session.participant.id for n in ("Ann", "Ben", "Cy", "Dee", "Eve", "Fay")}
    klass.refresh()
    sides = klass.console.controls.sides
    update(sides.judges, value=1)
    update(sides.team_size, value=2)
    sides.lock_who.value = str(ids["Eve"])
    sides.lock_role.value = "judge"
    click(sides.lock_add)
    sides.lock_who.value = str(ids["Fay"])
    sides.lock_role.value = "audience"
    click(sides.lock_add)
    click(sides.preview_button)
    click(sides.publish)
    click(klass.console.controls.phases.phase_buttons["scoring"])
    click(klass.console.controls.phases.scoring_open)
    klass.refresh()
    return ids


def _scorer(klass: Class, name: str) -> RebuttalScorer:
    return next(v for v in klass.students[name].views if isinstance(v, RebuttalScorer))


def test_judge_scores_and_edits_results_update(klass: Class) -> None:
    _round(klass)
    scorer = _scorer(klass, "Eve")
    assert len(scorer.speech.options) == 2  # both rebuttals of the one debate
    speech_id = scorer.speech.options[0][1]
    for criterion, slider in scorer.sliders.items():
        update(slider, value=4 if criterion != "delivery" else 2)
    update(scorer.comment, value="Good <i>clash</i>")
    click(scorer.submit)
    assert "Score saved" in scorer.status.text
    update(scorer.sliders["delivery"], value=5)
    click(scorer.submit)  # edit: still one score
    rows = klass.store.scores(speech_id)
    assert len(rows) == 1 and rows[0].values["delivery"] == 5
    fay = _scorer(klass, "Fay")
    fay.speech.value = speech_id
    for slider in fay.sliders.values():
        update(slider, value=3)
    click(fay.submit)
    assert "Score saved" in fay.status.text
    klass.refresh()
    results = klass.console.controls.scores.body.value
    assert "14.50" in results  # mean of the totals 17 (Eve) and 12 (Fay)
    assert "<td style=\"padding:2px 8px\">2</td>" in results  # two scorers


def test_debaters_cannot_score_their_own_debate_even_by_forging(klass: Class) -> None:
    ids = _round(klass)
    debater = "Ann"  # with Eve judging and Fay in the audience, the other four debate
    scorer = _scorer(klass, debater)
    assert scorer.speech.options == ()
    speech = klass.store.speeches(klass.store.rounds(klass.room.id)[0].id)[0]
    scorer.speech.options = [("forged", speech.id)]
    scorer.speech.value = speech.id
    click(scorer.submit)
    assert "Choose one of the speeches" in scorer.status.text
    assert klass.store.scores(speech.id) == []
    assert ids


def test_forged_slider_range_is_refused(klass: Class) -> None:
    _round(klass)
    scorer = _scorer(klass, "Eve")
    speech_id = scorer.speech.value
    update(scorer.sliders["clash"], max=99, value=99)
    assert scorer.sliders["clash"].value == 99
    click(scorer.submit)
    assert "scores go from 1 to 5; you gave 99" in scorer.status.text
    assert klass.store.scores(speech_id) == []


def test_closed_scoring_refuses_and_disables(klass: Class) -> None:
    _round(klass)
    click(klass.console.controls.phases.scoring_close)
    klass.refresh()
    scorer = _scorer(klass, "Fay")
    assert scorer.submit.disabled and "Scoring is closed" in scorer.info.value
    click(scorer.submit)  # forged click on the disabled button
    assert "closed" in scorer.status.text.lower()
    assert all(klass.store.scores(s.id) == [] for s in klass.store.speeches(
        klass.store.rounds(klass.room.id)[0].id))


def test_results_summary_component(klass: Class) -> None:
    _round(klass)
    view = ScoreResults(klass.console.session)
    assert "Agreement across speeches" in view.body.value
