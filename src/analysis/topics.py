"""Turning per-capita gaps into people and patents: the arithmetic behind notebook 04.

The report gives counts (406 registered pharmacists) beside rates (2.5 per 10,000 people); the
population the two imply lets a rate gap be said as a number of people. Every derived figure is
labelled as derived, with how it was computed.
"""

from __future__ import annotations

import math

import pandas as pd


def implied_population(count: float, per_10k: float) -> float:
    """Population (in people) at which `count` gives `per_10k` per 10,000 people."""
    return count / per_10k * 10_000


def population_from(figures: pd.DataFrame, item: str, table: pd.DataFrame, indicator_id: str) -> float | None:
    """Population implied by a count in the supporting figures and the matching per-10,000 rate."""
    counts = figures.set_index("item")["value"] if not figures.empty else pd.Series(dtype=float)
    rates = table.set_index("indicator_id")["actual"]
    if item not in counts or indicator_id not in rates or pd.isna(rates[indicator_id]):
        return None
    return implied_population(counts[item], rates[indicator_id])


def in_absolute_numbers(table: pd.DataFrame, indicator_id: str, population: float | None, unit: str) -> pd.DataFrame:
    """per_capita_gap() for one indicator of the gap table, or a one-line note saying why it cannot be done."""
    rows = table[table["indicator_id"] == indicator_id]
    if rows.empty or population is None or rows["target"].isna().all():
        reason = "数据中没有该指标" if rows.empty else ("没有可用于推算人口的数据" if population is None else "该指标没有目标值")
        return pd.DataFrame([("无法换算", float("nan"), "", reason)], columns=["项目", "数值", "单位", "计算方法"])
    row = rows.iloc[0]
    return per_capita_gap(row["actual"], row["target"], population, int(row["target_year"] - row["year"]), unit)


def per_capita_gap(per_10k_now: float, per_10k_target: float, population: float, years_left: int, unit: str) -> pd.DataFrame:
    """What a per-10,000 target means in absolute numbers, at a constant population.

    Rows: the count now, the count the target needs (rounded up: 568.4 people means 569), the
    difference, and the yearly increase needed to close it by the target year.
    """
    now = per_10k_now * population / 10_000
    needed = per_10k_target * population / 10_000
    gap = math.ceil(needed - 1e-9) - now
    rows = [
        ("当前数量（推算）", now, unit, f"{per_10k_now:g} × {population / 10_000:,.1f}万人 ÷ 1万"),
        ("达到目标所需数量（推算）", math.ceil(needed - 1e-9), unit, f"{per_10k_target:g} × {population / 10_000:,.1f}万人 ÷ 1万 = {needed:,.1f}，向上取整"),
        ("尚需增加", gap, unit, "所需数量 − 当前数量"),
        ("每年需增加", gap / years_left if years_left > 0 else float("nan"), f"{unit}/年", f"尚需增加 ÷ {years_left}年"),
        ("所需年均增速", ((per_10k_target / per_10k_now) ** (1 / years_left) - 1) * 100 if years_left > 0 else float("nan"), "%",
         f"({per_10k_target:g} ÷ {per_10k_now:g})^(1/{years_left}) − 1，人口不变"),
    ]
    frame = pd.DataFrame(rows, columns=["项目", "数值", "单位", "计算方法"])
    frame["数值"] = frame["数值"].round(1)
    return frame
