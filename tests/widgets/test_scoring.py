"""Scoring rebuttals: who may score, forged scores and speeches, closed scoring, and the results."""

from __future__ import annotations

from typing import Any

from debate_kit.core.privacy import HIDDEN
from debate_kit.core.scoring import MAX_COMMENT
from debate_kit.widgets.score_results import ScoreResults
from tests.widgets.browser import click, update
from tests.widgets.conftest import Class, show_private

SAME_DEBATE = ("There is no speech for you to score: You are debating in this debate, so you cannot score "
               "it. The judges and the audience will.")
OPEN_TEXT = "Score each rebuttal. You can change a score until scoring closes."
DEBATERS = ("Ann", "Ben", "Cy", "Dee")


def _round(klass: Class) -> dict[str, int]:
    for name in (*DEBATERS, "Eve", "Fay"):
        klass.student(name)
    ids = {name: klass.pid(name) for name in klass.students}
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


def _scoring(klass: Class, name: str) -> dict[str, Any]:
    scoring = klass.view(name)["scoring"]
    assert scoring is not None, klass.view(name)
    return scoring


def _marks(klass: Class, value: int, **overrides: int) -> dict[str, int]:
    return {c: overrides.get(c, value) for c in klass.room.rubric_criteria}


def test_judge_scores_and_edits_results_update(klass: Class) -> None:
    _round(klass)
    scoring = _scoring(klass, "Eve")
    assert scoring["open"] and scoring["text"] == OPEN_TEXT
    assert (scoring["min"], scoring["max"]) == (1, 5)
    assert [c["id"] for c in scoring["criteria"]] == ["clash", "evidence", "reasoning", "delivery"]
    assert len(scoring["speeches"]) == 2  # both rebuttals of the one debate
    assert all(s["mine"] is None for s in scoring["speeches"])
    speech_id, other_id = (s["id"] for s in scoring["speeches"])
    reply = klass.act("Eve", "score", speech=speech_id, values=_marks(klass, 4, delivery=2),
                      comment="Good <i>clash</i>")
    assert reply["type"] == "ack" and "Score saved" in reply["message"]
    klass.refresh()
    first, second = _scoring(klass, "Eve")["speeches"]
    assert first["mine"] == {"values": _marks(klass, 4, delivery=2), "comment": "Good <i>clash</i>"}
    assert second["mine"] is None  # switching speech never carries the marks over
    reply = klass.act("Eve", "score", speech=speech_id, values=_marks(klass, 4, delivery=5),
                      comment="Good <i>clash</i>")
    assert reply["type"] == "ack"  # edit: still one score
    rows = klass.store.scores(speech_id)
    assert len(rows) == 1 and rows[0].values["delivery"] == 5
    klass.refresh()
    first, second = _scoring(klass, "Eve")["speeches"]
    assert first["mine"] is not None and first["mine"]["values"]["delivery"] == 5  # the view follows the edit
    assert second["mine"] is None and klass.store.scores(other_id) == []
    assert [s["id"] for s in _scoring(klass, "Fay")["speeches"]] == [speech_id, other_id]
    assert all(s["mine"] is None for s in _scoring(klass, "Fay")["speeches"])  # Eve's marks are hers
    reply = klass.act("Fay", "score", speech=speech_id, values=_marks(klass, 3), comment="")
    assert reply["type"] == "ack" and "Score saved" in reply["message"]
    klass.refresh()
    assert _scoring(klass, "Fay")["speeches"][0]["mine"] == {"values": _marks(klass, 3), "comment": ""}
    assert _scoring(klass, "Eve")["speeches"][0]["mine"]["values"] == _marks(klass, 4, delivery=5)
    results = klass.console.controls.scores.body.value
    assert "14.5 out of 20" in results  # mean of the totals 17 (Eve) and 12 (Fay)
    assert "<td style=\"padding:2px 8px\">2</td>" in results  # two scorers
    assert "Eve" not in results and "Fay" not in results and HIDDEN in results  # who gave which score
    show_private(klass)
    results = klass.console.controls.scores.body.value
    assert "Eve" in results and "Fay" in results and "17 out of 20" in results
    assert "Good &lt;i&gt;clash&lt;/i&gt;" in results


def test_debaters_cannot_score_their_own_debate_even_by_forging(klass: Class) -> None:
    ids = _round(klass)  # with Eve judging and Fay in the audience, the other four debate
    speeches = klass.store.speeches(klass.store.rounds(klass.room.id)[0].id)
    assert len(speeches) == 2 and {s.speaker_id for s in speeches} <= {ids[n] for n in DEBATERS}
    for debater in DEBATERS:
        scoring = _scoring(klass, debater)
        assert scoring["speeches"] == [] and not scoring["open"]
        assert scoring["text"] == SAME_DEBATE, (debater, scoring["text"])
        for speech in speeches:  # a forged score for each speech of their debate
            reply = klass.act(debater, "score", speech=speech.id, values=_marks(klass, 5), comment="")
            assert reply["type"] == "error", reply
            if speech.speaker_id == ids[debater]:
                assert reply["code"] == "own-speech"
            elif speech.side == klass.view(debater)["seat"]["role"]:
                assert reply["code"] == "score-own-team"
            else:
                assert reply["code"] == "score-same-debate"
                assert "You are debating in this debate" in reply["message"]
    assert all(klass.store.scores(s.id) == [] for s in speeches)


def test_forged_score_is_refused(klass: Class) -> None:
    _round(klass)
    speech_id = _scoring(klass, "Eve")["speeches"][0]["id"]
    reply = klass.act("Eve", "score", speech=speech_id, values=_marks(klass, 3, clash=99), comment="")
    assert reply["type"] == "error" and reply["code"] == "score-out-of-range"
    assert "scores go from 1 to 5; you gave 99" in reply["message"]
    for values, code in ((_marks(klass, 0), "score-out-of-range"),
                         ({"clash": 3}, "score-missing"),
                         ({**_marks(klass, 3), "charm": 5}, "score-unknown-criterion")):
        assert klass.act("Eve", "score", speech=speech_id, values=values, comment="")["code"] == code
    too_long = "x" * (MAX_COMMENT + 1)
    reply = klass.act("Eve", "score", speech=speech_id, values=_marks(klass, 3), comment=too_long)
    assert reply["type"] == "error" and reply["code"] == "comment-too-long"
    assert klass.act("Eve", "score", speech=10**6, values=_marks(klass, 3), comment="")["code"] == (
        "speech-unknown")
    assert klass.store.scores(speech_id) == []
    klass.refresh()
    assert _scoring(klass, "Eve")["speeches"][0]["mine"] is None


def test_closed_scoring_refuses_and_disables(klass: Class) -> None:
    _round(klass)
    click(klass.console.controls.phases.scoring_close)
    klass.refresh()
    scoring = _scoring(klass, "Fay")
    assert not scoring["open"] and scoring["text"] == "Scoring is closed."  # the page disables scoring
    assert len(scoring["speeches"]) == 2
    reply = klass.act("Fay", "score", speech=scoring["speeches"][0]["id"], values=_marks(klass, 3),
                      comment="")  # a forged submit while closed
    assert reply["type"] == "error" and reply["code"] == "scoring-closed"
    assert "closed" in reply["message"].lower()
    assert all(klass.store.scores(s.id) == [] for s in klass.store.speeches(
        klass.store.rounds(klass.room.id)[0].id))


def test_results_summary_component(klass: Class) -> None:
    _round(klass)
    view = ScoreResults(klass.console.session)
    assert "Agreement across speeches" in view.body.value
