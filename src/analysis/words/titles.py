"""Titles of the briefing: place, plan, 总结评估 / 中期评估 / 年度监测, year."""

from __future__ import annotations

import pandas as pd

from analysis.assess.rows import evaluation_kind, plan_of_table
from analysis.words.indicator import one_line


def default_title(table: pd.DataFrame, plan=None, kind: str = "简报") -> str:
    """景德镇市“十四五”规划主要指标中期评估简报（2023年）: place, plan, 总结评估 / 中期评估 / 年度监测, year."""
    regions = [r for r in table["region"].dropna().unique() if r]
    place = one_line(regions[0]) if len(regions) == 1 else ("各地区" if regions else "")
    p = plan_of_table(table, plan)
    years = table["year"].dropna()
    year = int(years.max()) if len(years) else None
    plan_text = f"{p.label}规划" if p is not None else "规划"
    return f"{place}{plan_text}主要指标{evaluation_kind(table, p)}{kind}" + (f"（{year}年）" if year else "")
