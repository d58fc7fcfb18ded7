"""Trend of one indicator in one region: values over the years, the target at its year, the projection."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from analysis.assess.rows import as_row, row_places
from analysis.charts.fonts import INK, MUTED
from analysis.charts.style import (GRID, TARGET_COLOR, TARGET_RULE, TREND_COLOR, as_text, axes_for, fmt, label_offset,
                                   legend_below, paren, target_text)
from analysis.rules import numbers
from analysis.rules.units import moves_by_points, projection


def select(tidy: pd.DataFrame, indicator_id: str, region: str | None) -> pd.DataFrame:
    """The indicator's rows for one region; None means its only region (or the first listed, if several)."""
    rows = tidy[tidy["indicator_id"] == indicator_id]
    if region is None and len(rows):
        region = rows["region"].iloc[0]
    return rows[rows["region"] == region]


def history(rows: pd.DataFrame) -> pd.DataFrame:
    """Actual and baseline values by year, one per year (the actual wins when both exist): columns kind, year,
    value. Plain arrays, not pandas steps: a pack with several regions asks this hundreds of times."""
    kind = rows["kind"].astype(str).to_numpy()
    year, value = numbers.floats(rows["year"]), numbers.floats(rows["value"])
    ok = ((kind == "actual") | (kind == "baseline")) & ~(np.isnan(year) | np.isnan(value))
    kind, year, value = kind[ok], year[ok], value[ok]
    order = np.lexsort((kind != "actual", year))  # by year, the actual first; stable, so ties keep table order
    kind, year, value = kind[order], year[order], value[order]
    first = np.r_[True, year[1:] != year[:-1]] if len(year) else np.zeros(0, bool)
    return pd.DataFrame({"kind": kind[first], "year": year[first], "value": value[first]})


def has_trend(tidy: pd.DataFrame, indicator_id: str, region: str | None = None) -> bool:
    """True when the indicator has values (actual or baseline) in at least two different years."""
    return len(history(select(tidy, indicator_id, region))) >= 2


def latest_target(rows: pd.DataFrame, kind: str):
    """(year, value, comparator) of the latest target of that kind (the last listed, among one year's), or None."""
    year, value = numbers.floats(rows["year"]), numbers.floats(rows["value"])
    ok = np.flatnonzero((rows["kind"].to_numpy() == kind) & ~(np.isnan(year) | np.isnan(value)))
    if not len(ok):
        return None
    last = ok[np.argsort(year[ok], kind="stable")[-1]]
    comparator = as_text(rows["comparator"].iloc[last] if "comparator" in rows else "").strip()
    return int(year[last]), float(value[last]), comparator


def _plan_end(rows: pd.DataFrame, latest: int) -> int:
    """The plan's end year the table was read with, when the indicator has no target; else the latest year."""
    ends = pd.to_numeric(rows["plan_target_year"], errors="coerce").dropna() if "plan_target_year" in rows else []
    return int(max(ends)) if len(ends) else latest


def trend(tidy: pd.DataFrame, indicator_id: str, region: str | None = None, ax: Axes | None = None,
          title: str | None = None, table: pd.DataFrame | None = None) -> Axes:
    """Values over the years, the target at its year, and a dashed straight-line projection; returns the ax.

    With the gap table, the projection is its row's `projected` (the number the sentences print; none when the
    table has none, e.g. at the plan's end). Without it, the pace between the first and the latest value goes on
    to the target year (or the plan's end year) by the same rule (rules.units.projection: compound growth for
    counts and amounts, the yearly change for percentages and indices). Needs ``has_trend(...)``.
    """
    rows = select(tidy, indicator_id, region)
    hist = history(rows)
    if len(hist) < 2:
        raise ValueError(f"{indicator_id}: fewer than two years of values, no trend to draw (see has_trend)")
    ax = axes_for(ax, "trend")
    years, values = hist["year"].to_numpy(int), hist["value"].to_numpy(float)
    target, midterm = latest_target(rows, "target"), latest_target(rows, "midterm_target")
    end_year = target[0] if target else _plan_end(rows, int(years[-1]))

    ax.plot(years, values, color=TREND_COLOR, lw=1.6, marker="o", ms=5, zorder=3, gid="actual")
    handles = [Line2D([], [], color=TREND_COLOR, lw=1.6, marker="o", ms=5, label="实际值")]
    base = hist["kind"] == "baseline"
    if base.any():
        ax.plot(years[base], values[base], ls="", marker="o", ms=5, mfc="white", mec=TREND_COLOR, mew=1.4,
                zorder=4, gid="baseline")
        handles.append(Line2D([], [], ls="", marker="o", ms=5, mfc="white", mec=TREND_COLOR, mew=1.4,
                              label="基期值"))
    for spec, gid, face, word in ((target, "target", TARGET_COLOR, "目标"), (midterm, "midterm", "white", "中期目标")):
        if spec:
            ty, tv, comp = spec
            ax.axhline(tv, **TARGET_RULE, gid=f"{gid}-rule")
            ax.plot([ty], [tv], ls="", marker="D", ms=6, mfc=face, mec=TARGET_COLOR, mew=1.2, zorder=5, gid=gid,
                    clip_on=False)
            handles.append(Line2D([], [], color=TARGET_COLOR, lw=TARGET_RULE["lw"], ls=TARGET_RULE["ls"], marker="D",
                                  ms=6, mfc=face, mec=TARGET_COLOR, mew=1.2,
                                  label=f"{word} {target_text(tv, comp)}（{ty}年）"))
    if end_year > years[-1]:
        handles += _projection(ax, rows, years, values, end_year, table)
    _trend_axes(ax, rows, years, end_year)
    _label_points(ax, years, values, [spec[1] for spec in (target, midterm) if spec])
    name = as_text(rows["name"].iloc[0]) if "name" in rows and len(rows) else str(indicator_id)
    where = as_text(rows["region"].iloc[0]) if "region" in rows and len(rows) else ""
    ax.set_title(title if title is not None else name + paren(where), pad=22 if ax.get_ylabel() else 6)
    legend_below(ax, handles, ncol=min(3, len(handles)), points=22)
    return ax


def table_projection(table: pd.DataFrame, indicator_id: str, region: str) -> tuple[float, int] | None:
    """The gap table's projection for one indicator and region and the decimals of the row's own values (the
    sentences print it so: 1.2504 beside 1.4 and 2.2 is "1.3"); (NaN, …) when the row has none, None without a row."""
    if table is None or "projected" not in table:
        return None
    rows = table[(table["indicator_id"] == indicator_id) & (table["region"].map(as_text) == as_text(region))]
    if not len(rows):
        return None
    r = as_row(rows.iloc[0])
    return (math.nan if r["projected"] is None else r["projected"]), row_places(r)


def _projection(ax: Axes, rows: pd.DataFrame, years, values, end_year: int, table) -> list:
    unit = as_text(rows["unit"].iloc[0]) if "unit" in rows and len(rows) else ""
    name = as_text(rows["name"].iloc[0]) if "name" in rows and len(rows) else ""
    linear = moves_by_points(unit, name)
    found = table_projection(table, rows["indicator_id"].iloc[0], rows["region"].iloc[0]) if len(rows) else None
    # No gap table: the same rule (rules.units.projection) from the first value, printed as charts print numbers.
    projected, places = found or (projection(values[0], years[0], values[-1], years[-1], end_year, linear), 2)
    if math.isnan(projected):
        return []
    ax.plot([years[-1], end_year], [values[-1], projected], color=TREND_COLOR, lw=1.2, ls=(0, (4, 3)),
            zorder=2, gid="projection")
    return [Line2D([], [], color=TREND_COLOR, lw=1.2, ls=(0, (4, 3)),
                   label=f"按{'年均变化' if linear else '年均增速'}外推 {fmt(projected, places)}（{end_year}年）")]


def _trend_axes(ax: Axes, rows: pd.DataFrame, years, end_year: int) -> None:
    first, last = int(years[0]), max(end_year, int(years[-1]))
    ax.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)])
    ax.set_xlim(first - 0.4, last + 0.4)
    ax.margins(y=0.18)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    unit = as_text(rows["unit"].iloc[0]) if "unit" in rows and len(rows) else ""
    # Unit written horizontally above the value axis (Chinese charts do not rotate CJK labels).
    ax.set_ylabel(f"单位：{unit}" if unit else "", color=MUTED, rotation=0, ha="left", va="bottom")
    ax.yaxis.set_label_coords(0, 1.02)
    ax.grid(axis="y", **GRID, zorder=0)


def _label_points(ax: Axes, years: np.ndarray, values: np.ndarray, rules: list[float]) -> None:
    # Label every point when few, else only the first and the latest, to keep the chart readable; a label the
    # target rule would strike through goes below its point.
    idx = range(len(years)) if len(years) <= 8 else (0, len(years) - 1)
    for i in idx:
        dy = label_offset(ax, values[i], rules, 7.5)
        ax.annotate(fmt(values[i]), (years[i], values[i]), xytext=(0, dy), textcoords="offset points",
                    ha="center", va="bottom" if dy > 0 else "top", fontsize=7.5, color=INK, gid="point-label")
