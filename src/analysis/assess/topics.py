"""Turning per-capita gaps into people and patents: the arithmetic behind notebook 04.

The report gives counts (406 registered pharmacists) beside rates (2.5 per 10,000 people); the
population the two imply lets a rate gap be said as a number of people. Every derived figure is
labelled as derived, with how it was computed.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.rules.numbers import fmt, plain, round_half_up


def _wan(people: float) -> str:
    """People in 万 with one decimal and thousands separators: 1,624,000 → "162.4"."""
    return fmt(people / 10_000, 1, thousands=True)


def implied_population(count: float, per_10k: float) -> float:
    """Population (in people) at which `count` gives `per_10k` per 10,000 people."""
    return count / per_10k * 10_000


def find_indicator(table: pd.DataFrame, name: str) -> str | None:
    """The indicator_id whose name is `name` (exactly, else the only one containing it); None if none or unclear."""
    names = table["name"].astype(str)
    exact = table.loc[names == name, "indicator_id"].unique()
    if len(exact):
        return exact[0]
    partial = table.loc[names.str.contains(name, regex=False), "indicator_id"].unique()
    return partial[0] if len(partial) == 1 else None


def _row(table: pd.DataFrame, indicator_id: str, region: str | None) -> pd.Series | None:
    """The gap-table row of one indicator in one region (None: its first region)."""
    rows = table[table["indicator_id"] == indicator_id]
    if region is not None:
        rows = rows[rows["region"] == region]
    return rows.iloc[0] if len(rows) else None


def population_from(figures: pd.DataFrame, item: str, table: pd.DataFrame, indicator_id: str,
                    region: str | None = None) -> float | None:
    """Population implied by a count in the supporting figures and the matching per-10,000 rate of `region`
    (None: the indicator's first region); None when either is missing."""
    if figures.empty or item not in set(figures["item"]):
        return None
    row = _row(table, indicator_id, region)
    if row is None or pd.isna(row["actual"]) or not row["actual"]:
        return None
    count = figures.loc[figures["item"] == item, "value"].iloc[0]
    return implied_population(float(count), float(row["actual"]))


def in_absolute_numbers(table: pd.DataFrame, indicator_id: str, population: float | None, unit: str,
                        region: str | None = None) -> pd.DataFrame:
    """per_capita_gap() for one indicator (in `region`) of the gap table, or a one-line note saying why not."""
    row = _row(table, indicator_id, region)
    if row is None or population is None or pd.isna(row["target"]) or pd.isna(row["actual"]):
        reason = ("数据中没有该指标" if row is None else "没有可用于推算人口的数据" if population is None
                  else "该指标没有目标值" if pd.isna(row["target"]) else "该指标没有实际值")
        return pd.DataFrame([("无法换算", float("nan"), "", reason)], columns=["项目", "数值", "单位", "计算方法"])
    return per_capita_gap(row["actual"], row["target"], population, int(row["target_year"] - row["year"]), unit)


def gap_sentence(result: pd.DataFrame, name: str, unit: str, target_year) -> str:
    """The deep dive's conclusion in words, from the numbers of in_absolute_numbers() (or why there is none)."""
    if result["项目"].iloc[0] == "无法换算":
        return f"{name}无法换算为绝对数：{result['计算方法'].iloc[0]}。"
    values = dict(zip(result["项目"], result["数值"]))
    gap, yearly, growth = values["尚需增加"], values["每年需增加"], values["所需年均增速"]
    year = f"{int(target_year)}年" if pd.notna(target_year) else "目标年"
    if gap <= 0:
        return f"按推算口径，{name}已达到目标所需数量，无需新增。"
    text = f"按推算口径，到{year}{name}还需新增约{math.ceil(gap)}{unit}"
    if pd.notna(yearly):
        text += f"，每年约{math.ceil(yearly)}{unit}"
    if pd.notna(growth):
        text += f"，按每万人口计算需年均增长约{fmt(growth, 1)}%"
    return text + "（推算值，假定人口不变）。"


def per_capita_gap(per_10k_now: float, per_10k_target: float, population: float, years_left: int, unit: str) -> pd.DataFrame:
    """What a per-10,000 target means in absolute numbers, at a constant population.

    Rows: the count now, the count the target needs (rounded up: 568.4 people means 569), the
    difference, and the yearly increase needed to close it by the target year.
    """
    now = per_10k_now * population / 10_000
    needed = per_10k_target * population / 10_000
    gap = math.ceil(needed - 1e-9) - now
    rows = [
        ("当前数量（推算）", now, unit, f"{plain(per_10k_now)} × {_wan(population)}万人 ÷ 1万"),
        ("达到目标所需数量（推算）", math.ceil(needed - 1e-9), unit, f"{plain(per_10k_target)} × {_wan(population)}万人 ÷ 1万 = {fmt(needed, 1, thousands=True)}，向上取整"),
        ("尚需增加", gap, unit, "所需数量 − 当前数量"),
        ("每年需增加", gap / years_left if years_left > 0 else float("nan"), f"{unit}/年", f"尚需增加 ÷ {years_left}年"),
        ("所需年均增速", ((per_10k_target / per_10k_now) ** (1 / years_left) - 1) * 100 if years_left > 0 else float("nan"), "%",
         f"({plain(per_10k_target)} ÷ {plain(per_10k_now)})^(1/{years_left}) − 1，人口不变"),
    ]
    frame = pd.DataFrame(rows, columns=["项目", "数值", "单位", "计算方法"])
    frame["数值"] = frame["数值"].map(lambda v: round_half_up(v, 1))  # shown as it is: one decimal, half up
    return frame


def focus_sentence(table: pd.DataFrame, indicator_id: str | None, wanted: str, region: str | None,
                   population: float | None, count_item: str, given_population: bool = False) -> str:
    """What the deep dive looks at, in words computed from the data (or why it cannot)."""
    if indicator_id is None:
        names = "、".join(list(dict.fromkeys(table["name"].astype(str)))[:5])
        return (f"数据中没有名为“{wanted}”的指标（或有多个名称包含它）：请在参数 INDICATOR 中填写工作簿中的指标名称，"
                f"例如：{names}。")
    row = _row(table, indicator_id, region)
    regions = table.loc[table["indicator_id"] == indicator_id, "region"].unique()
    where = str(row["region"])
    unit = str(row["unit"] or "")
    parts = [f"专题指标：{row['name']}（{where}）"]
    if pd.notna(row["actual"]):
        parts.append(f"实际值{plain(row['actual'])}{unit}（{int(row['year'])}年）")
    if pd.notna(row["target"]):
        parts.append(f"目标{plain(row['target'])}{unit}（{int(row['target_year'])}年）")
    text = "，".join(parts) + "。"
    if len(regions) > 1 and region is None:
        text += f"数据中该指标有{len(regions)}个地区，换算只针对第一个地区（{where}）；换别的地区请设置参数 REGION。"
    if given_population and population:
        text += f"人口采用参数 POPULATION：{_wan(population)}万人。"
    elif population:
        text += (f"人口由补充数据“{count_item}”÷ 每万人口数 × 1万 推算为{_wan(population)}万人"
                 "（推算值，不是报告原文；并假定到目标年人口不变）。")
    else:
        text += (f"工作簿的补充数据中没有“{count_item}”，也没有给出参数 POPULATION，无法把每万人口的差距换算为绝对数；"
                 "可在参数 POPULATION 中填写常住人口（人）。")
    return text
