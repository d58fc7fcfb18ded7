"""Regions ranked on one indicator: a dot per region, best at the top, the target, the city's own value."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.charts.fonts import INK, MUTED, RULE
from analysis.charts.style import (EXPECTED_COLOR, GRID, LABEL_GAP, TARGET_COLOR, as_num, as_text, axes_for,
                                   data_per_point, fmt, label_offset, legend_below, lower_is_better, paren,
                                   status_style, status_words, target_text, text_points, year_text)
from analysis.metadata.statuses import STATUSES
from analysis.rules import numbers


def ranking(table: pd.DataFrame, indicator_id: str, ax: Axes | None = None, city: str | None = None,
            title: str | None = None) -> Axes:
    """Regions ranked on one indicator (dot plot, best at the top); returns the ax.

    Each dot is a region's latest value, coloured by its status; the black line is the target (short ticks
    per row when regions have different targets). The row of `city` (e.g. the whole city's own value) is not
    ranked: it is drawn as a dashed vertical line labelled with its value. Lower-is-better indicators run on a
    reversed scale, so better is always to the right and at the top. A value label the target (or the city's
    line) would strike through moves past it.
    """
    rows = table[table["indicator_id"] == indicator_id].copy()
    rows["_actual"] = rows["actual"].map(as_num)
    city_rows = rows[rows["region"].map(as_text) == (city or "\0")]
    rows = rows[(rows["region"].map(as_text) != (city or "\0")) & rows["_actual"].notna()]
    comparator = as_text(rows["comparator"].iloc[0]).strip() if len(rows) else ""
    direction = as_text(rows["direction"].iloc[0]) if "direction" in rows and len(rows) else ""
    lower = lower_is_better(comparator, direction if direction in ("higher", "lower") else None)
    # Best first: the top row is the best region.
    rows = rows.sort_values("_actual", ascending=lower, kind="stable")
    ax = axes_for(ax, "ranking", n=max(len(rows), 1))
    n = len(rows)
    ys = np.arange(n)[::-1]  # first (best) row on top
    values = rows["_actual"].to_numpy(float)
    targets = rows["target"].map(as_num).to_numpy(float)
    city_value = as_num(city_rows["actual"].iloc[0]) if len(city_rows) else math.nan
    start, end = _scale([*values, *targets, city_value])
    for y, (_, row), v in zip(ys, rows.iterrows(), values):
        color, _ = status_style(as_text(row.get("status")))
        ax.plot([end if lower else start, v], [y, y], color=RULE, lw=0.8, zorder=1)  # from the worst end
        ax.plot([v], [y], ls="", marker="o", ms=8, mfc=color, mec=INK, mew=0.7, zorder=3,
                gid=f"dot:{as_text(row['region'])}")
    handles = _targets(ax, rows, targets, ys, comparator)
    if not math.isnan(city_value):
        ax.axvline(city_value, color=EXPECTED_COLOR, lw=1.2, ls=(0, (4, 2)), zorder=2, gid="city")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, lw=1.2, ls=(0, (4, 2)), label=f"{city} {fmt(city_value)}"))
    drawn = [s for s in STATUSES if s in set(rows["status"].map(as_text))]
    handles = [Line2D([], [], ls="", marker="o", ms=7, mfc=status_style(s)[0], mec=INK, mew=0.7,
                      label=status_words(rows, s)) for s in drawn] + handles
    if n == 0:
        ax.text(0.5, 0.5, "没有可比较的地区数值", transform=ax.transAxes, ha="center", va="center", color=MUTED)
    ax.set_yticks(ys, [f"{k}. {as_text(r)}" for k, r in enumerate(rows["region"], 1)])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, max(n, 1) - 0.3)
    ax.set_xlim(end, start) if lower else ax.set_xlim(start, end)
    _value_labels(ax, values, ys, targets, city_value)
    _ranking_axis(ax, rows, lower, start)
    name = as_text(rows["name"].iloc[0]) if len(rows) else str(indicator_id)
    year = rows["year"].map(as_num).max() if len(rows) else math.nan
    default = f"{name}：各地区排名" + (f"（{int(year)}年）" if not math.isnan(year) else "")
    ax.set_title(title if title is not None else default)
    legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=26, align="right")
    return ax


def _scale(numbers_drawn: list[float]) -> tuple[float, float]:
    """(start, end) of the value axis: from 0 when the values are not far from it, else from a round number."""
    scale = [v for v in numbers_drawn if not math.isnan(v)]
    lo, hi = (min(scale), max(scale)) if scale else (0.0, 1.0)
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    end = hi + 0.18 * span
    start = 0.0 if lo >= 0 and lo < 0.5 * hi else lo - 0.12 * span
    if start != 0.0:  # a round number where the (zoomed) scale starts
        ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(start, end)
        start = float(max([t for t in ticks if t <= start], default=start))
    return start, end


def _targets(ax: Axes, rows: pd.DataFrame, targets, ys, comparator: str) -> list:
    """One target line when every region has the same target, else a tick on each row; returns legend entries."""
    finite_targets = sorted({float(numbers.denoise(t)) for t in targets if not math.isnan(t)})
    if len(finite_targets) == 1:
        t = finite_targets[0]
        ax.axvline(t, color=TARGET_COLOR, lw=1.6, zorder=2, gid="target")
        year = year_text(rows["target_year"].iloc[0]) if len(rows) else ""
        return [Line2D([], [], color=TARGET_COLOR, lw=1.6, label=f"目标 {target_text(t, comparator)}{paren(year)}")]
    if finite_targets:
        ax.plot(targets, ys, ls="", marker="|", ms=14, mew=2.0, color=TARGET_COLOR, zorder=2, gid="target")
        return [Line2D([], [], ls="", marker="|", ms=10, mew=2.0, color=TARGET_COLOR, label="目标（各地区）")]
    return []


def _value_labels(ax: Axes, values, ys, targets, city_value: float) -> None:
    # Right of each dot (the stem comes from the left), past the target or the city's line when they would
    # strike the number through.
    for v, y, t in zip(values, ys, targets):
        text = fmt(v)
        rules = [r for r in (t, city_value) if not math.isnan(r)]
        dx = label_offset(ax, v, rules, text_points(text, 7.5) + DOT_RADIUS, axis="x") if rules else LABEL_GAP
        dx = dx if dx > 0 else LABEL_GAP + _past(ax, v, rules)
        ax.annotate(text, (v, y), xytext=(dx + 1, 0), textcoords="offset points", va="center", ha="left",
                    fontsize=7.5, color=INK, gid="value")


DOT_RADIUS = 4.0  # points: half the dot (ms=8)


def _past(ax: Axes, value: float, rules: list[float]) -> float:
    """Points from the value to just past the farthest rule on its right (in display)."""
    per = data_per_point(ax, "x")
    sign = -1.0 if ax.xaxis_inverted() else 1.0
    return max((sign * (r - value) / per for r in rules if sign * (r - value) >= 0), default=0.0)


def _ranking_axis(ax: Axes, rows: pd.DataFrame, lower: bool, start: float) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", **GRID, zorder=0)
    unit = as_text(rows["unit"].iloc[0]) if len(rows) else ""
    notes = [f"单位：{unit}"] if unit else []
    if lower:
        notes.append("越低越好，刻度反向")
    if start != 0.0:
        notes.append(f"刻度从{fmt(start)}起，不从0开始")
    ax.set_xlabel("；".join(notes), loc="left", color=MUTED, fontsize=7.5)
