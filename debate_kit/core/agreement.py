"""Krippendorff's alpha: how much raters agree, beyond what chance would give.

Input is a table with one row per rater (coder) and one column per unit (a criterion, a speech...),
``None`` where a rater gave no value. The computation follows Krippendorff (2011), "Computing
Krippendorff's Alpha-Reliability", through the coincidence matrix. Pure Python, no numpy.

Alpha is 1 for perfect agreement, about 0 for agreement no better than chance, and negative for
systematic disagreement.

Policy cases
------------
1. Missing values (``None`` or NaN) are skipped. A unit with fewer than two values cannot be
   compared and is left out (it is not "pairable").
2. Alpha is undefined, and ``None`` is returned, when no unit has two values or when all pairable
   values are the same (there is no variation to agree on).
3. Levels: ``nominal`` (same or different), ``ordinal`` (distance by ranks, counting the values
   between), ``interval`` (squared difference) and ``ratio`` (squared difference relative to the
   sum; 0 when both values are 0). Another level is refused with ``alpha-level-unknown``.
4. Rows of different lengths, or values that are not numbers (``True`` included), are refused with
   ``alpha-data-invalid``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from debate_kit.core.errors import InvalidInput

LEVELS = ("nominal", "ordinal", "interval", "ratio")

Distance = Callable[[float, float], float]


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _pairable_units(data: Sequence[Sequence[float | None]]) -> list[list[float]]:
    widths = {len(row) for row in data}
    if len(widths) > 1:
        raise InvalidInput("alpha-data-invalid", "Every rater needs one entry per unit.")
    units: list[list[float]] = []
    for column in zip(*data, strict=True):
        values: list[float] = []
        for value in column:
            if _is_missing(value):
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInput("alpha-data-invalid", f"{value!r} is not a number.")
            values.append(value)
        if len(values) >= 2:
            units.append(values)
    return units


def _ordinal_distance(n_v: Counter[float]) -> Distance:
    ranks = sorted(n_v)
    index = {v: i for i, v in enumerate(ranks)}
    cumulative = [0.0]
    for v in ranks:
        cumulative.append(cumulative[-1] + n_v[v])

    def distance(a: float, b: float) -> float:
        i, j = sorted((index[a], index[b]))
        between = cumulative[j + 1] - cumulative[i]
        return (between - (n_v[a] + n_v[b]) / 2) ** 2

    return distance


def _ratio_distance(a: float, b: float) -> float:
    total = a + b
    return 0.0 if total == 0 else ((a - b) / total) ** 2


def _distance(level: str, n_v: Counter[float]) -> Distance:
    if level == "nominal":
        return lambda a, b: 0.0 if a == b else 1.0
    if level == "ordinal":
        return _ordinal_distance(n_v)
    if level == "interval":
        return lambda a, b: float(a - b) ** 2
    return _ratio_distance


def krippendorff_alpha(
    data: Sequence[Sequence[float | None]], level: str = "interval"
) -> float | None:
    """Krippendorff's alpha for ``data`` (rows = raters, columns = units); ``None`` if undefined."""
    if level not in LEVELS:
        raise InvalidInput(
            "alpha-level-unknown", f"{level!r} is not a level; use one of {', '.join(LEVELS)}."
        )
    units = _pairable_units(data)
    # Coincidence matrix o[c, k]: each ordered pair of values within a unit, weighted 1 / (m_u - 1).
    coincidences: Counter[tuple[float, float]] = Counter()
    for values in units:
        weight = 1.0 / (len(values) - 1)
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] += weight
    n_v: Counter[float] = Counter()
    for values in units:
        n_v.update(values)
    n = sum(n_v.values())
    if len(n_v) < 2:
        return None
    delta = _distance(level, n_v)
    observed = sum(w * delta(a, b) for (a, b), w in coincidences.items())
    expected = sum(n_v[a] * n_v[b] * delta(a, b) for a in n_v for b in n_v) / (n - 1)
    if expected == 0:
        return None
    return 1.0 - observed / expected
