"""Units and how values in them move: % and 百分点 are rates, whose changes are points; indices move by points.

Ground floor: imports nothing from the package. One rule (`moves_by_points`) decides, for the gap table's required
pace, actual growth and projection, for the trend chart's extrapolation and for the sentences alike, whether a
value changes by a yearly amount in its own unit (percent, 百分点, an index) or by a compound growth rate
(counts and amounts).
"""

from __future__ import annotations

import unicodedata

import numpy as np

PERCENT_UNITS = frozenset({"%", "百分比", "百分点", "个百分点", "pp"})
POINTS_UNIT = "个百分点"


def normalize_unit(unit) -> str:
    """A unit as compared: full-width to half-width, no spaces."""
    return "".join(unicodedata.normalize("NFKC", str(unit or "")).split())


def is_percent_unit(unit) -> bool:
    """%, ％, 百分比 and 百分点: values are rates; differences between them are 百分点 (linear, not compound)."""
    return normalize_unit(unit) in PERCENT_UNITS


def moves_by_points(unit, name="") -> bool:
    """Percentages, 百分点 and indices move by points, not by a growth rate: their required pace, growth and
    projection are linear (an index has 指数 in its unit or ends its name with it: 制造业质量竞争力指数)."""
    return is_percent_unit(unit) or "指数" in str(unit or "") or str(name or "").endswith("指数")


# A share of a whole (合格率, 覆盖率, 占比, 比重, 比例) cannot pass 100 %; a growth rate (增长率, 增速) can.
SHARE_WORDS = ("率", "比例", "比重", "占比")
GROWTH_WORDS = ("增长", "增速", "增幅", "增加", "提高", "下降", "降低")
PERCENT_CEILING = 100.0


def bounded_by_100(unit, name="") -> bool:
    """A rate in % that is a share of a whole (食品监督抽查合格率, 森林覆盖率, 数字经济占GDP比重): its values,
    and so its projection, lie between 0 and 100. Growth rates (居民收入增长率) and 百分点 are not bounded."""
    text = str(name or "")
    return (normalize_unit(unit) in ("%", "百分比") and any(w in text for w in SHARE_WORDS)
            and not any(w in text for w in GROWTH_WORDS))


def bounded_by_100_array(units, names):
    """bounded_by_100 for columns of units and names (decided once per distinct pair)."""
    pairs = list(zip(units, names))
    decided = {pair: bounded_by_100(*pair) for pair in set(pairs)}
    return np.array([decided[pair] for pair in pairs], dtype=bool)


def moves_by_points_array(units, names):
    """moves_by_points for columns of units and names (decided once per distinct pair: names repeat per region)."""
    pairs = list(zip(units, names))
    decided = {pair: moves_by_points(*pair) for pair in set(pairs)}
    return np.array([decided[pair] for pair in pairs], dtype=bool)


def change_unit(unit, name="") -> str:
    """The unit a yearly change is said in: 个百分点 for percent units, the unit itself for other values that move
    by points (an index: 点 when it has no unit), "%" (a growth rate) for counts and amounts."""
    if is_percent_unit(unit):
        return POINTS_UNIT
    if moves_by_points(unit, name):
        return str(unit or "") or "点"
    return "%"


def projection(first, first_year, last, last_year, end_year, by_points):
    """The value at `end_year` if the pace from (first_year, first) to (last_year, last) goes on: the same
    compound rate for counts and amounts, the same yearly change in points when `by_points` or a value is not
    positive. NaN when no time has passed. Works on numbers and, element by element, on numpy arrays
    (the gap table's `projected` and the trend chart use this one rule)."""
    first, last = np.asarray(first, float), np.asarray(last, float)
    span = np.asarray(last_year, float) - np.asarray(first_year, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = (np.asarray(end_year, float) - np.asarray(last_year, float)) / np.where(span > 0, span, np.nan)
        compound = ~np.asarray(by_points, bool) & (first > 0) & (last > 0)
        ratio = last / np.where(compound, first, 1.0)
        out = np.where(compound, last * np.where(compound, ratio, 1.0) ** steps, last + (last - first) * steps)
    return float(out) if out.ndim == 0 else out


def yearly_change(start, end, years, by_points):
    """What it takes (or took) each year to go from `start` to `end` in `years`: the change in points per year
    where `by_points` (or a value is not positive), else the compound growth rate in percent. NaN without time.
    Element by element on numpy arrays; the gap table's required pace and actual growth use this one rule."""
    start, end, years = np.asarray(start, float), np.asarray(end, float), np.asarray(years, float)
    with np.errstate(invalid="ignore", divide="ignore"):
        compound = ~np.asarray(by_points, bool) & (start > 0) & (end > 0)
        rate = 100 * ((end / np.where(compound, start, 1)) ** (1 / np.where(years > 0, years, 1)) - 1)
        out = np.where(years > 0, np.where(compound, rate, (end - start) / np.where(years > 0, years, 1)), np.nan)
    return float(out) if out.ndim == 0 else out


def gap_unit(unit) -> str:
    """The unit a difference is said in: 个百分点 for percent units, the unit itself otherwise."""
    return POINTS_UNIT if is_percent_unit(unit) else str(unit or "")
