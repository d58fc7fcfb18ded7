"""Progress against target: the gap table.

One row per indicator and region (schema.GAP_COLUMNS). The formulas are written out, with the
licensed-pharmacist example worked through, in docs/methodology.md; keep the two in step.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .cells import decimals
from .schema import GAP_COLUMNS, PLAN_BASE_YEAR, STATUS_LABELS

METHODS = ("cn", "eurostat")
# Eurostat's classes of the ratio of actual to required growth, with the status each maps to.
EUROSTAT_CLASSES = [
    (0.95, "on_track", "显著进展"),
    (0.60, "lagging", "进展适中"),
    (0.0, "lagging", "进展不足"),
]


def assess(frame: pd.DataFrame, as_of: int | None = None, method: str = "cn", tolerance: float = 5.0) -> pd.DataFrame:
    """The gap table for a tidy frame from load_indicators().

    as_of: use only values of this year or earlier (default: the latest of each indicator).
    method: "cn" compares progress made towards the target (目标进度) with time elapsed (序时进度),
        within `tolerance` percentage points; "eurostat" uses the ratio of actual to required
        compound annual growth.
    """
    if method not in METHODS:
        raise ValueError(f"未知的评估方法“{method}”，可选：{'、'.join(METHODS)}")
    present = frame[frame["value"].notna()]
    if as_of is not None:
        present = present[(present["kind"] != "actual") | (present["year"] <= as_of)]
    rows = []
    keys = frame[["indicator_id", "region"]].drop_duplicates()
    grouped = {key: g for key, g in present.groupby(["indicator_id", "region"], sort=False)}
    info = frame.drop_duplicates(["indicator_id", "region"]).set_index(["indicator_id", "region"])
    for key in keys.itertuples(index=False, name=None):
        meta = info.loc[key]
        rows.append(_assess_one(key, meta, grouped.get(key), method, tolerance))
    table = pd.DataFrame(rows, columns=GAP_COLUMNS)
    for column in ("year", "target_year", "baseline_year"):
        table[column] = table[column].astype("Int64")
    for column in ("actual", "target", "baseline", "gap"):
        table[column] = table[column].astype(float)
    for column in ("completion_pct", "achievement_pct", "elapsed_pct", "required_growth_pct", "actual_growth_pct"):
        table[column] = table[column].astype(float).round(2)
    return table


def _assess_one(key, meta, values: pd.DataFrame | None, method: str, tolerance: float) -> dict:
    row = dict.fromkeys(GAP_COLUMNS, np.nan)
    row.update(indicator_id=key[0], region=key[1], area=meta["area"], name=meta["name"], unit=meta["unit"])
    row.update(comparator="", year=pd.NA, target_year=pd.NA, baseline_year=pd.NA)
    lower = meta["direction"] == "lower"
    if values is None:
        values = pd.DataFrame(columns=["kind", "year", "value", "comparator"])
    actuals = values[values["kind"] == "actual"].sort_values("year")
    targets = values[values["kind"] == "target"].sort_values("year")
    baselines = values[values["kind"] == "baseline"].sort_values("year")

    if not actuals.empty:
        last = actuals.iloc[-1]
        row.update(actual=float(last["value"]), year=int(last["year"]))
    if not targets.empty:
        later = targets[targets["year"] >= (row["year"] if not actuals.empty else 0)]
        target = (later if not later.empty else targets).iloc[0]
        row.update(target=float(target["value"]), target_year=int(target["year"]), comparator=target["comparator"])
    base = baselines.iloc[0] if not baselines.empty else None
    if base is None:  # no baseline column: the plan's base-year value is the baseline
        at_base = actuals[actuals["year"] == PLAN_BASE_YEAR]
        base = at_base.iloc[0] if not at_base.empty else None
    if base is not None and (actuals.empty or int(base["year"]) < row["year"]):
        row.update(baseline=float(base["value"]), baseline_year=int(base["year"]))

    if actuals.empty:
        return _status(row, "no_data")
    if targets.empty:
        return _status(row, "no_target")
    _measure(row, lower)
    if meets(row["actual"], row["comparator"], row["target"]):
        return _status(row, "achieved")
    if pd.isna(row["baseline"]):
        return _status(row, "not_achieved")
    if method == "eurostat":
        return _eurostat_status(row, lower)
    return _cn_status(row, tolerance)


def meets(actual: float, comparator: str, target: float) -> bool:
    """Whether a value meets its target; strict comparators hold (4.0 does not meet "超4")."""
    return {
        ">=": actual >= target,
        ">": actual > target,
        "<=": actual <= target,
        "<": actual < target,
        "==": math.isclose(actual, target),
    }[comparator or ">="]


def _measure(row: dict, lower: bool) -> None:
    actual, target, baseline = row["actual"], row["target"], row["baseline"]
    met = meets(actual, row["comparator"], target)
    row["gap"] = 0.0 if met else _clean(abs(target - actual))
    row["completion_pct"] = _completion(actual, target, lower, met)
    span = row["target_year"] - (row["baseline_year"] if pd.notna(row["baseline_year"]) else PLAN_BASE_YEAR)
    start = row["baseline_year"] if pd.notna(row["baseline_year"]) else PLAN_BASE_YEAR
    if span > 0:
        row["elapsed_pct"] = 100 * (row["year"] - start) / span
    if pd.notna(baseline):
        if target != baseline:
            row["achievement_pct"] = 100 * (actual - baseline) / (target - baseline)
        elif met:
            row["achievement_pct"] = 100.0
        row["actual_growth_pct"] = _cagr(baseline, actual, row["year"] - row["baseline_year"])
    years_left = row["target_year"] - row["year"]
    if met:
        row["required_growth_pct"] = 0.0
    elif years_left > 0:
        row["required_growth_pct"] = _cagr(actual, target, years_left)


def _completion(actual: float, target: float, lower: bool, met: bool) -> float:
    """actual/target, or target/actual when lower is better; a zero target gives 100 once met."""
    if lower:
        if actual == 0:
            return 100.0 if met else np.nan
        return 100 * target / actual
    if target == 0:
        return 100.0 if met else 0.0
    return 100 * actual / target


def _cagr(start: float, end: float, years: int) -> float:
    """Compound annual growth in percent; undefined for non-positive values or no time."""
    if years <= 0 or start <= 0 or end <= 0:
        return np.nan
    return 100 * ((end / start) ** (1 / years) - 1)


def _cn_status(row: dict, tolerance: float) -> dict:
    """时间过半、任务过半: progress made towards the target against time elapsed."""
    achievement, elapsed = row["achievement_pct"], row["elapsed_pct"]
    if pd.isna(achievement) or pd.isna(elapsed):
        return _status(row, "not_achieved")
    if achievement < 0:
        return _status(row, "regressing")
    if achievement >= elapsed + tolerance:
        return _status(row, "ahead")
    if achievement >= elapsed - tolerance:
        return _status(row, "on_track")
    return _status(row, "lagging")


def _eurostat_status(row: dict, lower: bool) -> dict:
    """Ratio of actual to required compound annual growth (linear where values are not positive)."""
    ratio = growth_ratio(row["baseline"], row["baseline_year"], row["actual"], row["year"], row["target"], row["target_year"])
    if pd.isna(ratio):
        return _status(row, "not_achieved")
    if ratio < 0:
        return _status(row, "regressing", "逆向变化")
    for floor, status, label in EUROSTAT_CLASSES:
        if ratio >= floor:
            return _status(row, status, label)
    return _status(row, "lagging", "进展不足")


def growth_ratio(baseline, baseline_year, actual, year, target, target_year) -> float:
    """Actual growth rate since the baseline divided by the rate needed from baseline to target."""
    if pd.isna(baseline) or year <= baseline_year or target_year <= baseline_year:
        return np.nan
    if baseline > 0 and actual > 0 and target > 0:
        actual_rate = (actual / baseline) ** (1 / (year - baseline_year)) - 1
        needed_rate = (target / baseline) ** (1 / (target_year - baseline_year)) - 1
    else:
        actual_rate = (actual - baseline) / (year - baseline_year)
        needed_rate = (target - baseline) / (target_year - baseline_year)
    if needed_rate == 0:
        return np.nan
    return actual_rate / needed_rate


def _status(row: dict, status: str, label: str | None = None) -> dict:
    row["status"] = status
    row["status_label"] = label or STATUS_LABELS[status]
    return row


def _clean(x: float) -> float:
    """Drop binary floating-point noise: 4 − 3.59 is 0.41, not 0.41000000000000014."""
    return round(x, 10)


# ---------------------------------------------------------------- claims


def check_claims(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each claim the source makes (已提前达到…, 尚存在差距) beside what the numbers can say about it."""
    claims = frame[frame["claim"].fillna("") != ""].drop_duplicates(["indicator_id", "region"])
    merged = claims[["indicator_id", "region", "claim"]].merge(table, on=["indicator_id", "region"], how="left")
    rows = []
    for r in merged.itertuples(index=False):
        rows.append(
            {
                "indicator_id": r.indicator_id,
                "region": r.region,
                "name": r.name,
                "claim": r.claim,
                "status_label": r.status_label,
                "verdict": _verdict(r),
            }
        )
    return pd.DataFrame(rows, columns=["indicator_id", "region", "name", "claim", "status_label", "verdict"])


def _verdict(r) -> str:
    claim = r.claim
    says_met = any(w in claim for w in ("已提前达到", "已达到", "已实现", "提前实现"))
    says_gap = any(w in claim for w in ("差距", "未达到", "滞后"))
    if r.status == "no_target":
        if says_met:
            return "无法核实：报告称已达到规划值，但未给出规划值（表中无2025年目标）"
        return "无目标值，仅作记录"
    if r.status == "no_data":
        return "无法核实：没有实际值"
    achieved = r.status == "achieved"
    places = max(decimals(r.actual), decimals(r.target))
    gap = f"尚差{r.gap:.{places}f}{r.unit}，完成度{r.completion_pct:.1f}%"
    if says_met:
        return "数据支持：已达到目标" if achieved else f"数据不支持：尚未达到目标，{gap}"
    if says_gap:
        return "数据不支持：已达到目标" if achieved else f"数据支持：{gap}"
    return "仅作记录"
