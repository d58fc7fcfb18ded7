"""Claims the source makes (已提前达到…, 尚存在差距) checked against what the gap table's numbers can say."""

from __future__ import annotations

import pandas as pd

from analysis.rules.numbers import fmt, places_for
from analysis.rules.units import gap_unit

CLAIM_COLUMNS = ["indicator_id", "region", "name", "claim", "status_label", "verdict"]


def check_claims(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Each claim the source makes (已提前达到…, 尚存在差距) beside what the numbers can say about it."""
    claims = frame[frame["claim"].fillna("") != ""].drop_duplicates(["indicator_id", "region"])
    merged = claims[["indicator_id", "region", "claim"]].merge(table, on=["indicator_id", "region"], how="left")
    rows = [{"indicator_id": r.indicator_id, "region": r.region, "name": r.name, "claim": r.claim,
             "status_label": r.status_label, "verdict": _verdict(r)} for r in merged.itertuples(index=False)]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _verdict(r) -> str:
    claim = r.claim
    says_met = any(w in claim for w in ("已提前达到", "已达到", "已实现", "提前实现"))
    says_gap = any(w in claim for w in ("差距", "未达到", "滞后"))
    if r.status == "no_target":
        if says_met:
            return "无法核实：报告称已达到规划值，但未给出规划值（表中无目标值）"
        return "无目标值，仅作记录"
    if r.status == "no_data":
        return "无法核实：没有实际值"
    achieved = r.status == "achieved"
    gap = f"尚差{fmt(r.gap, places_for(r.actual, r.target))}{gap_unit(r.unit)}，完成度{fmt(r.completion_pct, 1)}%"
    if says_met:
        return "数据支持：已达到目标" if achieved else f"数据不支持：尚未达到目标，{gap}"
    if says_gap:
        return "数据不支持：已达到目标" if achieved else f"数据支持：{gap}"
    return "仅作记录"
