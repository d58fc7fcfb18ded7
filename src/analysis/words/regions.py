"""Sentences of a multi-region report: who leads and who lags, each region's counts, each indicator's ranking."""

from __future__ import annotations

import pandas as pd

from analysis.assess.rows import as_row, has_target, is_final, is_met, lower_better, records, value_decimals
from analysis.metadata.fields import NO_AREA_ZH
from analysis.metadata.statuses import STATUSES, status_label
from analysis.rules.numbers import fmt
from analysis.words.indicator import one_line
from analysis.words.overview import region_comparison

# Statuses a region's paragraph names indicator by indicator, in this order.
NAMED = ("lagging", "regressing", "not_achieved", "basically_achieved", "judge")


def _regions(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["region"] for r in rows if r["region"]))


def _reached(rows: list[dict]) -> tuple[str, int, int]:
    """("已达到", met, judged) mid-term or ("完成", …) final, over the rows with a target and a value."""
    judged = [r for r in rows if has_target(r) and r["actual"] is not None and r["status"] != "judge"]
    final = bool(judged) and all(is_final(r) for r in judged)
    met = sum(is_met(r) for r in judged)
    return ("完成" if final else "达到目标"), met, len(judged)


def _listed(pairs: list[tuple[str, int]], unit: str) -> str:
    return "、".join(f"{region}（{count}{unit}）" for region, count in pairs)


def leaders_sentence(table: pd.DataFrame) -> str | None:
    """"按达到目标的指标数，高新区（9项）、乐平市（7项）居前，昌江区（2项）靠后。" (None: fewer than two regions).

    Regions are ranked by their count of indicators met (完成, at the plan's end); the first two and the last
    are named, ties named together; equal counts everywhere are said so."""
    rows = records(table)
    regions = _regions(rows)
    if len(regions) < 2:
        return None
    word, counts = "达到目标", []
    for region in regions:
        word, met, _ = _reached([r for r in rows if r["region"] == region])
        counts.append((region, met))
    values = sorted({c for _, c in counts}, reverse=True)
    if len(values) == 1:
        return f"各地区{word}的指标数相同，均为{values[0]}项。"
    top = [p for p in counts if p[1] in values[:2]] if len(values) > 2 else [p for p in counts if p[1] == values[0]]
    bottom = [p for p in counts if p[1] == values[-1]]
    top.sort(key=lambda p: -p[1])
    return f"按{word}的指标数，{_listed(top, '项')}居前，{_listed(bottom, '项')}靠后。"


def warnings_sentence(table: pd.DataFrame) -> str | None:
    """"滞后于序时进度的指标最多的是昌江区（6项）。" for each warning status some region has (None: none)."""
    rows = records(table)
    regions = _regions(rows)
    if len(regions) < 2:
        return None
    parts = []
    for status in ("lagging", "regressing", "not_achieved"):
        counts = [(g, sum(r["status"] == status and r["region"] == g and r["actual"] is not None for r in rows))
                  for g in regions]
        most = max(c for _, c in counts)
        if most:
            label = _label(next(r for r in rows if r["status"] == status))
            parts.append(f"{label}的指标最多的是{_listed([p for p in counts if p[1] == most], '项')}")
    return "；".join(parts) + "。" if parts else None


def _label(r: dict) -> str:
    return r["status_label"] or status_label(r["status"], "final" if is_final(r) else "midterm")


def region_sentence(table_for_one_region: pd.DataFrame) -> str:
    """"昌江区15项指标均设有目标，已达到目标3项；滞后于序时进度的有：A、B；已达到目标的有：C、D、E。" """
    rows = records(table_for_one_region)
    region = one_line(next((r["region"] for r in rows if r["region"]), ""))
    targeted = [r for r in rows if has_target(r)]
    n = len(rows)
    if not targeted:
        return f"{region}{n}项指标{'均' if n > 1 else ''}未设定量化目标。"
    head = f"{n}项指标{'均' if n > 1 else ''}设有目标" if len(targeted) == n else f"{n}项指标中{len(targeted)}项设有目标"
    word, met, judged = _reached(targeted)
    text = f"{region}{head}，{word}{met}项" + (f"（共{judged}项可判断）" if judged < len(targeted) else "")
    for status in NAMED:
        named = [one_line(r["name"]) for r in targeted if r["status"] == status and r["actual"] is not None]
        if named:
            text += f"；{_label(next(r for r in targeted if r['status'] == status))}的有：{'、'.join(named)}"
    done = [one_line(r["name"]) for r in targeted if r["actual"] is not None and r["status"] != "judge" and is_met(r)]
    if done:
        text += f"；{word}的有：{'、'.join(done)}"
    no_data = [one_line(r["name"]) for r in targeted if r["actual"] is None]
    if no_data:
        text += f"；暂无数据的有：{'、'.join(no_data)}"
    return text + "。"


def ranking_sentences(table: pd.DataFrame, plan=None) -> list[tuple[str, str]]:
    """(indicator_id, sentence) for each indicator several regions report: how many met it, the highest, the lowest."""
    out = []
    for ind, part in table.groupby("indicator_id", sort=False):
        text = region_comparison(part, plan)
        if text:
            out.append((ind, text))
    return out


# ---------------------------------------------------------------- many regions: cost follows the indicators


def _value(v: float, unit: str) -> str:
    return f"{fmt(v, value_decimals(v))}{unit}"


def area_counts_sentence(table_for_one_area: pd.DataFrame) -> str:
    """"质量提升：3项指标、300个地区指标，设有目标的300个中已达到目标120个、滞后于序时进度80个。": an area over
    many regions as counts by the assessed verdict (the table's status_label), never region by region."""
    part = table_for_one_area
    area = next((one_line(a) for a in part["area"] if isinstance(a, str) and a), NO_AREA_ZH)
    head = f"{area}：{part['indicator_id'].nunique()}项指标、{len(part)}个地区指标"
    targeted = part[part["target"].notna()]
    if targeted.empty:
        return head + "，均未设定量化目标。"
    valued = targeted[targeted["actual"].notna()]
    rank = {code: k for k, code in enumerate(STATUSES)}  # best first, as the status legends
    ordered = valued.sort_values("status", key=lambda s: s.map(rank).fillna(len(rank)), kind="stable")
    counts = ordered["status_label"].fillna("").map(one_line).value_counts(sort=False)
    parts = [f"{label}{count}个" for label, count in counts.items() if label]
    missing = len(targeted) - len(valued)
    if missing:
        parts.append(f"暂无数据{missing}个")
    return f"{head}，设有目标的{len(targeted)}个中" + "、".join(parts) + "。"


def spread_sentence(table_for_one_indicator: pd.DataFrame) -> str | None:
    """"品牌建设数量：100个地区中45个已达到目标，中位数18个，最高的是第0100县（25.2个），最低的是第0001县
    （10.8个）。" — one indicator over many regions (None: fewer than two regions with a value)."""
    part = table_for_one_indicator
    valued = part[part["actual"].notna()]
    if valued["region"].nunique() < 2:
        return None
    first = as_row(valued.iloc[0])
    unit = one_line(first["unit"] or "")
    name = one_line(first["name"] or first["indicator_id"])
    lower = lower_better(first)
    actual = pd.to_numeric(valued["actual"], errors="coerce")
    best, worst = (actual.idxmin(), actual.idxmax()) if lower else (actual.idxmax(), actual.idxmin())
    n = part["region"].nunique()
    if part["target"].notna().any():
        final = is_final(first)
        word, met = status_label("achieved", "final" if final else "midterm"), int((part["status"] == "achieved").sum())
        verdict = (f"{n}个地区均{'已完成' if final else word}" if met == n == len(part) else
                   f"{n}个地区均{'未完成' if final else '未达到目标'}" if met == 0 else f"{n}个地区中{met}个{word}")
    else:
        verdict = f"{n}个地区均未设定量化目标"

    def at(k) -> str:  # "第0099县（1.2个工作日）", "第0099县等2个地区（…）" when others share the value
        tied = int((actual == actual[k]).sum())
        return f"{one_line(valued.at[k, 'region'])}{f'等{tied}个地区' if tied > 1 else ''}（{_value(float(actual[k]), unit)}）"

    median = float(actual.median())  # of an even count, a mean of two: no more decimals than the data carry
    places = min(value_decimals(median), max(value_decimals(float(v)) for v in actual))
    return (f"{name}：{verdict}，中位数{fmt(median, places)}{unit}，"
            f"{'最低' if lower else '最高'}的是{at(best)}，{'最高' if lower else '最低'}的是{at(worst)}。")


def tables_pointer_sentence(regions: int, rows: int, xlsx: str = "tables/gap_table.xlsx",
                            csv: str = "tables/gap_table.csv", rankings: str = "tables/rankings.csv") -> str:
    """The one sentence that stands for the per-region sections and the full gap table at scale."""
    return (f"{regions}个地区逐项指标的评估结论（共{rows}个地区指标）不在本稿逐一列出：完整目标差距表见{csv}，"
            f"可打印的表和地区×指标表见{xlsx}，各指标的地区排名见{rankings}。")
