"""Progress against target: the gap table.

One row per indicator and region (metadata.fields.GAP_FIELDS), computed column-wise over all indicators at once
(no Python loop per indicator: a national county table of 84,000 rows takes well under a second).
Every rule is written out with a worked example in docs/methodology.md; keep the two in step.

The stages: assess.inputs picks what each row is computed from, assess.measure computes its numbers (nothing is
rounded: numbers are rounded only when shown, by rules.numbers), assess.status judges it, assess.claims checks
the source's claims. The rules other stages share live on the ground floor: rules.targets (is a target met,
which way is better), rules.units (which values move by points, the projection), rules.plans (plan periods).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.assess.claims import check_claims
from analysis.assess.inputs import gather, text
from analysis.assess.measure import growth_ratio, measure
from analysis.assess.status import DEFAULT_THRESHOLDS, agreement, reported_class, statuses
from analysis.metadata.fields import GAP_COLUMNS
from analysis.rules.numbers import denoise
from analysis.rules.plans import Plan, resolve_plan

METHODS = ("cn", "eurostat")
BANDS = ("relative", "absolute")


def assess(
    frame: pd.DataFrame,
    as_of: int | None = None,
    method: str = "cn",
    *,
    band: str = "relative",
    thresholds: dict | None = None,
    tolerance: float = 5.0,
    plan: str | Plan | None = None,
    basically_band: float | None = None,
) -> pd.DataFrame:
    """The gap table for a tidy frame from load_indicators().

    as_of: use only actual values of this year or earlier (default: the latest of each indicator).
    method: "cn" compares progress made towards the target (目标进度) with time elapsed (序时进度);
        "eurostat" uses the ratio of actual to required compound annual growth.
    band: "relative" (default) judges the 进度比 = 目标进度 ÷ 序时进度 against `thresholds`
        (default DEFAULT_THRESHOLDS, {"ahead": 1.3, "on_track": 0.75}); "absolute" uses ± `tolerance` points.
    plan: the plan period ("十四五", "十五五", a plans.Plan) for tables whose years are unknown;
        otherwise the frame's plan columns, its baseline rows, or the plan ending in the target year.
    basically_band: in the final phase, a target missed with 完成度 ≥ this many percent is 基本完成
        (e.g. 95); None (default) keeps the verdict to 完成 / 未完成.
    """
    limits = _checked(method, band, thresholds)
    chosen = resolve_plan(plan)
    d = gather(frame, as_of, chosen)
    m = measure(d)
    y, t_year = d["y"], d["t_year"]
    phase = np.where(np.isnan(y) | np.isnan(t_year), "", np.where(y >= t_year, "final", "midterm"))
    judged = dict(method=method, band=band, limits=limits, tolerance=tolerance, basically_band=basically_band)
    status, labels = statuses(m, phase, d, judged)
    table = _table(d, m, phase, status, labels)
    # How the table was judged, for the 说明 sheet and chart legends (exports describe the method actually used),
    # and the as-of year it was asked for (words.overview.as_of_text says it the same way everywhere).
    table.attrs["assess"] = {"method": method, "band": band, "thresholds": limits, "tolerance": tolerance,
                             "basically_band": basically_band, "plan": chosen.name if chosen else "",
                             "as_of": as_of}
    return table


def _checked(method: str, band: str, thresholds: dict | None) -> dict:
    """The thresholds to judge with; ValueError in Chinese for an unknown method or band or disordered limits."""
    if method not in METHODS:
        raise ValueError(f"未知的评估方法“{method}”，可选：{'、'.join(METHODS)}")
    if band not in BANDS:
        raise ValueError(f"未知的进度判断方式“{band}”，可选：relative（进度比）、absolute（百分点容差）")
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    if not limits["ahead"] >= limits["on_track"] >= 0:
        raise ValueError(f"进度比阈值应满足 ahead ≥ on_track ≥ 0，收到 {limits}")
    return limits


def _years(values) -> pd.arrays.IntegerArray:
    return pd.array(values, dtype="Float64").astype("Int64")


def _table(d: dict, m: dict, phase, status, labels) -> pd.DataFrame:
    meta = d["meta"]
    reported = text(meta["reported_status"]).to_numpy()
    columns = {
        "indicator_id": meta["indicator_id"].to_numpy(),
        "region": meta["region"].to_numpy(),
        "area": meta["area"].to_numpy(),
        "name": meta["name"].to_numpy(),
        "unit": d["unit"].to_numpy(),
        "year": _years(d["y"]),
        "actual": d["actual"],
        "target_year": _years(d["shown_t_year"]),
        "target": d["target"],
        "comparator": d["comparator"],
        "baseline_year": _years(d["b_year"]),
        "baseline": d["baseline"],
        "gap": m["gap"],
        "completion_pct": denoise(m["completion"]),
        "achievement_pct": denoise(m["achievement"]),
        "elapsed_pct": denoise(m["elapsed"]),
        "required_growth_pct": denoise(m["required"]),
        "actual_growth_pct": denoise(m["growth"]),
        "status": status,
        "status_label": labels,
        "direction": np.where(d["lower"], "lower", "higher"),
        "indicator_type": text(meta["indicator_type"]).to_numpy(),
        "target_type": d["ttype"],
        "target_high": d["t_high"],
        "target_text": d["t_text"],
        "phase": phase,
        "pace_ratio": denoise(m["pace"]),
        "projected": denoise(m["projected"]),
        "projected_met": _bool_array(m["projected_met"], ~np.isnan(m["projected"])),
        "reported_status": reported,
        "status_agrees": agreement(status, reported),
    }
    return pd.DataFrame(columns, columns=GAP_COLUMNS)


def _bool_array(values, known) -> pd.arrays.BooleanArray:
    return pd.array([bool(v) if k else pd.NA for v, k in zip(values, known)], dtype="boolean")


__all__ = ["assess", "growth_ratio", "check_claims", "reported_class", "DEFAULT_THRESHOLDS"]
