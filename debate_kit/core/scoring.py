"""Scoring speeches with a rubric: checking one score sheet, who may score, and summaries.

A score sheet gives one whole number per rubric criterion plus an optional comment. This module
checks sheets, decides whether a participant may score a speech, and summarises the sheets for one
speech (mean, spread, agreement). It does not store scores or know which speech is on now.

Policy cases
------------
1. Every criterion must be scored, and nothing else: a missing criterion is refused with
   ``score-missing``, an unknown one with ``score-unknown-criterion``.
2. Scores are whole numbers: ``True``/``False``, text, ``None`` and numbers with a fraction are
   refused with ``score-not-a-whole-number``; ``4.0`` is accepted as 4.
3. Scores outside the rubric range are refused with ``score-out-of-range``, never clamped.
4. A comment is text (``comment-not-text``) of at most 1000 characters (``comment-too-long``) with
   no control characters except newline and tab (``comment-control-character``). Windows line ends
   (``\\r\\n``) are turned into ``\\n`` first, and invisible format characters (bidi overrides,
   zero-width spaces: :func:`debate_kit.core.validation.strip_invisible`) are removed.
5. Nobody scores their own speech (``score-own-speech``).
6. Debaters do not score speeches of their own debate, neither their own team's
   (``score-own-team``) nor the other team's (``score-same-debate``): they are not neutral.
7. Judges and audience score; so do debaters and judges of other debates, and participants with no
   seat at all (``None``), who count as audience.
8. Summaries use total scores (sum over criteria). A sheet missing a criterion is left out of the
   totals (``scorers`` counts complete sheets only, ``incomplete`` the others) but its criteria
   still count in ``by_criterion`` and in ``alpha``.
9. ``alpha`` is interval Krippendorff's alpha with scorers as raters and criteria as units; it is
   ``None`` with fewer than 2 scorers or when undefined (for example everyone gave the same marks).
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from debate_kit.core.agreement import krippendorff_alpha
from debate_kit.core.errors import InvalidInput, NotAllowed
from debate_kit.core.sides import Seat
from debate_kit.core.validation import strip_invisible
from debate_kit.core.vocabulary import DEBATER_ROLES

MAX_COMMENT = 1000


def _whole(name: str, value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    raise InvalidInput(
        "score-not-a-whole-number", f"{name}: please give a whole number, not {value!r}."
    )


def _check_rubric(rubric_min: int, rubric_max: int, criteria: Sequence[str]) -> None:
    bounds = (rubric_min, rubric_max)
    if (
        any(isinstance(b, bool) or not isinstance(b, int) for b in bounds)
        or rubric_min > rubric_max
    ):
        raise InvalidInput("rubric-invalid", "The rubric's lowest score is above its highest.")
    if not criteria or len(set(criteria)) != len(criteria):
        raise InvalidInput("rubric-invalid", "The rubric needs at least one criterion, each once.")


def check_comment(comment: object) -> str:
    """Return the comment (``\\r\\n`` made ``\\n``) or raise :class:`InvalidInput`."""
    if not isinstance(comment, str):
        raise InvalidInput("comment-not-text", "Your comment must be text.")
    text = strip_invisible(comment.replace("\r\n", "\n"))
    if len(text) > MAX_COMMENT:
        raise InvalidInput(
            "comment-too-long",
            f"Comments can be at most {MAX_COMMENT} characters; yours has {len(text)}.",
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise InvalidInput(
            "comment-control-character", "Your comment contains invisible control characters."
        )
    return text


def check_score(
    rubric_min: int,
    rubric_max: int,
    criteria: Sequence[str],
    values: Mapping[str, object],
    comment: object = "",
) -> tuple[dict[str, int], str]:
    """Check one score sheet; return the scores as ints (in criteria order) and the comment."""
    _check_rubric(rubric_min, rubric_max, criteria)
    if not isinstance(values, Mapping):
        raise InvalidInput("score-missing", "Please give a score for every criterion.")
    unknown = sorted(str(k) for k in values if k not in criteria)
    if unknown:
        raise InvalidInput(
            "score-unknown-criterion",
            f"{unknown[0]!r} is not on the rubric; the criteria are {', '.join(criteria)}.",
        )
    scores: dict[str, int] = {}
    for name in criteria:
        if name not in values:
            raise InvalidInput("score-missing", f"{name}: please give a score.")
        score = _whole(name, values[name])
        if not rubric_min <= score <= rubric_max:
            raise InvalidInput(
                "score-out-of-range",
                f"{name}: scores go from {rubric_min} to {rubric_max}; you gave {score}.",
            )
        scores[name] = score
    return scores, check_comment(comment)


def may_score(scorer: Seat | None, speaker: Seat) -> None:
    """Raise :class:`NotAllowed` unless ``scorer`` may score ``speaker``'s speech."""
    if speaker.role not in DEBATER_ROLES or speaker.debate is None:
        raise InvalidInput("score-not-a-speaker", f"{speaker.participant} is not giving a speech.")
    if scorer is None:
        return
    if scorer.participant == speaker.participant:
        raise NotAllowed("score-own-speech", "You cannot score your own speech.")
    if scorer.role in DEBATER_ROLES and scorer.debate == speaker.debate:
        if scorer.role == speaker.role:
            raise NotAllowed("score-own-team", "You cannot score a speech from your own team.")
        raise NotAllowed(
            "score-same-debate",
            "You are debating in this debate, so you cannot score it. The judges and the "
            "audience will.",
        )


@dataclass(frozen=True)
class SpeechSummary:
    """What the score sheets for one speech say. ``spread`` is the population standard deviation."""

    scorers: int
    mean: float | None
    median: float | None
    spread: float | None
    low: int | None
    high: int | None
    by_criterion: dict[str, float]
    alpha: float | None
    incomplete: int = 0
    totals: tuple[int, ...] = field(default=())


def _sheet_values(sheet: Mapping[str, int], criteria: Sequence[str]) -> list[int | None]:
    unknown = sorted(str(k) for k in sheet if k not in criteria)
    if unknown:
        raise InvalidInput("score-unknown-criterion", f"{unknown[0]!r} is not on the rubric.")
    return [_whole(c, sheet[c]) if c in sheet else None for c in criteria]


def summarize_speech(scores: Sequence[Mapping[str, int]], criteria: Sequence[str]) -> SpeechSummary:
    """Summarise the score sheets given to one speech."""
    rows = [_sheet_values(sheet, criteria) for sheet in scores]
    totals = [sum(v for v in row if v is not None) for row in rows if None not in row]
    by_criterion: dict[str, float] = {}
    for i, name in enumerate(criteria):
        given = [row[i] for row in rows if row[i] is not None]
        if given:
            by_criterion[name] = statistics.fmean(given)
    alpha = krippendorff_alpha(rows, "interval") if len(rows) >= 2 else None
    return SpeechSummary(
        scorers=len(totals),
        mean=statistics.fmean(totals) if totals else None,
        median=float(statistics.median(totals)) if totals else None,
        spread=statistics.pstdev(totals) if totals else None,
        low=min(totals) if totals else None,
        high=max(totals) if totals else None,
        by_criterion=by_criterion,
        alpha=alpha,
        incomplete=len(rows) - len(totals),
        totals=tuple(sorted(totals)),
    )


def agreement_across_speeches(score_table: Mapping[str, Mapping[str, int]]) -> float | None:
    """Interval alpha with scorers as raters and speeches as units (speech -> scorer -> total)."""
    speeches = sorted(score_table)
    scorers = sorted({s for sheet in score_table.values() for s in sheet})
    if len(scorers) < 2:
        return None
    rows = [[score_table[speech].get(scorer) for speech in speeches] for scorer in scorers]
    return krippendorff_alpha(rows, "interval")
