"""Every sentence of the validate summary (`python -m analysis validate`, notebook 01): what was read from where,
how each column was read, how much each region and area holds, and every problem found.

At national scale (thousands of regions) the coverage is shown per area, summed over the regions, so that the
summary still fits a screen; `an.coverage(frame)` gives the table per region.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.read.loader import LoadResult
from analysis.read.validate import coverage
from analysis.rules.problems import format_problems

COVERAGE_ROWS = 30  # more region × area rows than this: shown per area


def summary(result: LoadResult) -> str:
    """What was loaded, in a few lines an analyst can read at a glance."""
    frame = result.frame
    lines = []
    for table in result.tables:
        lines.append(f"已读取 {Path(table['file']).name} › {table['sheet']}：{table['indicators']} 个指标；{period_text(table)}")
        if region_text(table):
            lines.append(region_text(table))
        lines += column_readings(table)
    if not frame.empty:
        lines.append(totals_sentence(frame))
        lines.append("")
        lines += coverage_lines(frame)
    errors, warnings = result.errors, [p for p in result.problems if p.severity != "error"]
    if warnings:
        lines += ["", f"警告与说明（{len(warnings)}）：", format_problems(warnings)]
    if errors:
        lines += ["", f"错误（{len(errors)}），请修正后重试：", format_problems(errors)]
    else:
        lines += ["", "校验通过。"]
    return "\n".join(lines)


def totals_sentence(frame: pd.DataFrame) -> str:
    """共 N 个指标，M 个地区；实际值年份：…；设有目标值的指标：… 个（定性目标 … 个）."""
    present = frame[frame["value"].notna()]
    years = sorted(int(y) for y in present.loc[present["kind"] == "actual", "year"].dropna().unique())
    targets = present[present["kind"] == "target"]["indicator_id"].nunique()
    qualitative = frame[(frame["kind"] == "target") & (frame["target_type"] == "qualitative")]["indicator_id"].nunique()
    return (
        f"共 {frame['indicator_id'].nunique()} 个指标，{frame['region'].nunique()} 个地区；"
        f"实际值年份：{'、'.join(map(str, years)) or '无'}；设有目标值的指标：{targets} 个"
        + (f"，定性目标（无数值）：{qualitative} 个" if qualitative else "")
    )


def coverage_lines(frame: pd.DataFrame) -> list[str]:
    """The coverage table per region and area; past COVERAGE_ROWS rows, per area summed over the regions."""
    table = coverage(frame)
    if len(table) <= COVERAGE_ROWS:
        return [table.to_string(index=False)]
    regions = table.groupby("领域", sort=False)["地区"].nunique().rename("地区数")
    by_area = table.groupby("领域", sort=False)[["指标数", "有实际值", "有基期值", "有目标值"]].sum()
    by_area = pd.concat([regions, by_area], axis=1).reset_index()
    by_area.columns = ["领域", "地区数", "地区指标数", "有实际值", "有基期值", "有目标值"]
    head = (f"各地区、各领域的数据情况共 {len(table)} 行，下表按领域汇总（地区指标数 = 各地区指标数之和）；"
            "各地区明细：an.coverage(frame)")
    shown = by_area.head(COVERAGE_ROWS)
    more = [f"另有 {len(by_area) - COVERAGE_ROWS} 个领域未列出。"] if len(by_area) > COVERAGE_ROWS else []
    return [head, shown.to_string(index=False), *more]


def region_text(table: dict) -> str:
    """Where the region of a table without a 地区 column came from."""
    region, how = table.get("region"), table.get("region_from")
    if how == "file":
        return (f"  地区：表中没有地区列，标题中也没有地名，地区取自文件名“{region}”。"
                "如为全国或其他地区，请用 --region 指定（如 --region 福建省；Python 中 region=\"福建省\"），或在标题中写明")
    if how == "national":
        return "  地区：全国（标题为国家级文件，表中没有地区列）"
    if how == "title":
        return f"  地区：{region}（取自标题，表中没有地区列；如不对，请用 --region 指定）"
    if how == "given":
        return f"  地区：{region}（按参数 --region / region= 指定）"
    return ""


def period_text(table: dict) -> str:
    """“规划期：十四五（2020—2025年）” for a table, or why none is known."""
    base, end = table.get("base_year"), table.get("target_year")
    if base is None or end is None:
        return "规划期：未确定" + (f"（目标年份 {end}）" if end else "")
    return f"规划期：{table.get('plan') or '未命名'}（{base}—{end}年）"


def column_readings(table: dict) -> list[str]:
    """The "列的读法" lines: each header and what the loader read it as (实际值 2024 / 基期值 2020 / 忽略 …)."""
    readings = table.get("columns") or []
    if not readings:
        return []
    lines = ["  列的读法："]
    plain = [label for label, meaning in readings if label == meaning]
    if plain:  # recognised text columns, read as their name says
        lines.append(f"    {'、'.join(plain)} → 按列名读取")
    lines += [f"    {label} → {meaning}" for label, meaning in readings if label != meaning]
    return lines
