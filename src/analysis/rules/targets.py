"""Targets: which way is better, whether a value meets a target, how far it lies from one, how comparators read.

Ground floor: imports nothing from the package. The one place that knows the comparators (">=", ">", "<=", "<",
"==") and what they mean: every module that asks "is it met", "is lower better", "how does ≤ print" asks here.
"""

from __future__ import annotations

import math

import numpy as np

HIGHER = (">=", ">")  # floors: higher is better
LOWER = ("<=", "<")  # ceilings: lower is better
COMPARATORS = (*HIGHER, *LOWER, "==")
# How a comparator reads in Chinese sentences and the xlsx legend.
COMPARATOR_ZH = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "==": "达到"}
# How it prints beside a number in tables (full-width strict signs read as Chinese typesetting does) …
COMPARATOR_SIGN = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "==": "="}
# The signs the blank template's drop-down offers (what an analyst types; the loader reads each as above).
TEMPLATE_SIGNS = ["≥", ">", "≤", "<", "="]
# … and on a chart's target label, where ≥ is the default reading and goes unsaid ("3.5", ">4", "≤0").
CHART_SIGN = {">=": "", ">": ">", "<=": "≤", "<": "<", "==": "="}


def default_comparator(lower: bool) -> str:
    """The comparator a target without one has: ≤ when lower is better, ≥ otherwise."""
    return "<=" if lower else ">="


def is_ceiling(comparator) -> bool:
    """A "<=" or "<" target: the value must stay at or below it."""
    return str(comparator or "").strip() in LOWER


def is_strict(comparator) -> bool:
    """A ">" or "<" target: reaching the value itself is not enough (4.0 does not meet 超4)."""
    return str(comparator or "").strip() in (">", "<")


def lower_is_better(comparator: str | None = None, direction: str | None = None) -> bool:
    """The one rule: a direction given explicitly wins; otherwise a ceiling target ("<=", "<") means lower is better."""
    if direction:
        if direction not in ("higher", "lower"):
            raise ValueError(f"direction must be 'higher' or 'lower', not {direction!r}")
        return direction == "lower"
    return is_ceiling(comparator)


def meets(actual, comparator: str, target, target_high=math.nan) -> bool:
    """Whether a value meets its target; strict comparators hold (4.0 does not meet "超4").

    A range target (comparator "" with `target_high`) is met inside [target, target_high];
    "==" is met within floating-point noise. No value or no target is never met.
    """
    return bool(meets_array(np.array([actual], float), np.array([comparator or ""], object), np.array([target], float),
                       np.array([target_high], float))[0])


def meets_array(a, comp, t, high):
    """Vectorised meets (comparator "" means ">=" unless a range bound is given)."""
    with np.errstate(invalid="ignore"):
        is_range = (comp == "") & ~np.isnan(high)
        out = np.select(
            [is_range, comp == ">", comp == "<=", comp == "<", comp == "=="],
            [(a >= t) & (a <= high), a > t, a <= t, a < t, np.isclose(a, t, rtol=1e-9, atol=1e-12)],
            default=a >= t,
        )
    return out & ~np.isnan(a) & ~np.isnan(t)


def distance_array(x, comp, t, high):
    """How far x lies from the values that meet the target (0 inside), in the indicator's unit."""
    with np.errstate(invalid="ignore"):
        is_range = (comp == "") & ~np.isnan(high)
        return np.select(
            [is_range, np.isin(comp, (*HIGHER, "")), np.isin(comp, LOWER), comp == "=="],
            [np.maximum(t - x, 0) + np.maximum(x - high, 0), np.maximum(t - x, 0), np.maximum(x - t, 0), np.abs(x - t)],
            default=np.nan,
        )
