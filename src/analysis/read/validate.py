"""Validation as data: what was read and every problem found (`validate`), coverage per region and area, the cells
left empty. The sentences of the validate summary are in words/validation.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import BUNDLED_WORKBOOK
from analysis.read.loader import LoadResult, read_indicators
from analysis.read.tasks import accept_ledger_only
from analysis.rules.plans import plan_for_years


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
    table["有实际值"] = distinct(present & (kind == "actual"))
    table["有基期值"] = distinct(present & has_base(frame, kind))
    table["有目标值"] = distinct(present & (kind == "target"))
    return table[columns]


def has_base(frame: pd.DataFrame, kind: np.ndarray) -> np.ndarray:
    """Rows that give a base value the way assess finds one: a 基期值 row, or the actual of the plan's base year
    (the table's plan, else the plan ending in the indicator's target year: 2025 → 2020)."""
    year = frame["year"].to_numpy(dtype=float, na_value=np.nan)
    base_year = frame["plan_base_year"].to_numpy(dtype=float, na_value=np.nan)
    unknown = np.isnan(base_year)
    if unknown.any():
        targets = frame[kind == "target"].groupby(["indicator_id", "region"], observed=True, sort=False)["year"].max()
        ends = {ty: _base_of(ty) for ty in pd.unique(targets.dropna())}
        derived = targets.map(ends)
        keys = pd.MultiIndex.from_arrays([frame["indicator_id"].astype(object), frame["region"].astype(object)])
        looked = derived.reindex(keys).to_numpy(dtype=float, na_value=np.nan) if len(derived) else np.full(len(frame), np.nan)
        base_year = np.where(unknown, looked, base_year)
    with np.errstate(invalid="ignore"):
        return (kind == "baseline") | ((kind == "actual") & (year == base_year))


def _base_of(target_year) -> float:
    try:
        return float(plan_for_years(None, int(target_year)).base_year)
    except ValueError:
        return np.nan


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
