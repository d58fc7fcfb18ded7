"""The one-screen validation summary shown by `python -m analysis validate` and notebook 01."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import BUNDLED_WORKBOOK
from analysis.read.loader import LoadResult, read_indicators
from analysis.read.tasks import accept_ledger_only
from analysis.rules.problems import format_problems


def validate(paths, regions: dict | None = None, plan=None, base_year=None, target_year=None, strict=False,
             region: str | None = None) -> LoadResult:
    """Load the inputs without raising: the result says what was read and every problem found.

    `plan` / `base_year` / `target_year` / `strict` / `region` as for load_indicators; the 补充数据 sheet is
    checked too, with the rules load_supporting_figures applies. A workbook holding only a key-task
    ledger is valid input (tasks.accept_ledger_only).
    """

    result = read_indicators(paths, regions, plan=plan, base_year=base_year, target_year=target_year, strict=strict,
                             region=region)
    return accept_ledger_only(result)


def coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """Indicators per area and region, with how many have a value, a baseline and a target."""
    columns = ["地区", "领域", "指标数", "有实际值", "有基期值", "有目标值"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    # Counted on group numbers, not by reindexing one groupby's index with another's: pandas fails to align
    # MultiIndexes whose categorical levels have codes of different widths (past 127 regions: int16 vs int8).
    groups = frame.groupby(["region", "area"], sort=False, observed=True, dropna=False)
    number = groups.ngroup().to_numpy()
    keys = groups.size().index
    indicator = pd.factorize(frame["indicator_id"])[0]
    present = frame["value"].notna().to_numpy()
    kind = frame["kind"].astype(object).to_numpy()

    def distinct(mask):
        pairs = pd.unique(pd.Series(number[mask] * (indicator.max() + 1) + indicator[mask]))
        return np.bincount(pairs // (indicator.max() + 1), minlength=len(keys))

    table = pd.DataFrame({"地区": keys.get_level_values(0).astype(object),
                          "领域": keys.get_level_values(1).astype(object),
                          "指标数": distinct(np.ones(len(frame), bool))})
    for name, label in (("actual", "有实际值"), ("baseline", "有基期值"), ("target", "有目标值")):
        table[label] = distinct(present & (kind == name))
    return table[columns]


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
        present = frame[frame["value"].notna()]
        years = sorted(int(y) for y in present.loc[present["kind"] == "actual", "year"].dropna().unique())
        targets = present[present["kind"] == "target"]["indicator_id"].nunique()
        qualitative = frame[(frame["kind"] == "target") & (frame["target_type"] == "qualitative")]["indicator_id"].nunique()
        regions = frame["region"].nunique()
        lines.append(
            f"共 {frame['indicator_id'].nunique()} 个指标，{regions} 个地区；实际值年份：{'、'.join(map(str, years)) or '无'}；"
            f"设有目标值的指标：{targets} 个" + (f"，定性目标（无数值）：{qualitative} 个" if qualitative else "")
        )
        lines.append("")
        lines.append(coverage(frame).to_string(index=False))
    errors, warnings = result.errors, [p for p in result.problems if p.severity != "error"]
    if warnings:
        lines += ["", f"警告与说明（{len(warnings)}）：", format_problems(warnings)]
    if errors:
        lines += ["", f"错误（{len(errors)}），请修正后重试：", format_problems(errors)]
    else:
        lines += ["", "校验通过。"]
    return "\n".join(lines)


def region_text(table: dict) -> str:
    """Where the region of a table without a 地区 column came from, when the analyst did not give it."""
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


def missing_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells left empty or marked "—": which indicator, region, year and kind has no value, and where."""
    gaps = frame[frame["value"].isna()]
    table = gaps[["region", "area", "name", "year", "kind", "cell"]].copy()
    table["kind"] = table["kind"].map({"actual": "实际值", "baseline": "基期值", "target": "目标值", "midterm_target": "中期目标值"})
    table.columns = ["地区", "领域", "指标名称", "年份", "类型", "单元格"]
    return table.reset_index(drop=True)


def inputs(data=None) -> list[Path]:
    """The workbooks a notebook reads: the ones given, or the bundled mid-term data."""
    if data is None:
        return [BUNDLED_WORKBOOK]
    return [Path(p) for p in ([data] if isinstance(data, (str, Path)) else data)]
