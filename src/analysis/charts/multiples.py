"""Small multiples: one trend panel per region for one indicator, on shared axes, each with its target."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from analysis.charts.fonts import INK, MUTED
from analysis.charts.style import (GRID, TARGET_COLOR, TARGET_RULE, TREND_COLOR, as_text, figure, fmt, label_offset,
                                   legend_below, status_style, status_words, target_text)
from analysis.charts.trend import history, latest_target
from analysis.metadata.statuses import STATUSES
from analysis.metadata.statuses import status as status_of


def small_multiples(tidy: pd.DataFrame, indicator_id: str, table: pd.DataFrame | None = None,
                    regions: list[str] | None = None, fig: Figure | None = None, title: str | None = None) -> Figure:
    """One trend panel per region for one indicator, on a shared value axis, with the target; returns the Figure.

    The panels share both axes, so heights compare across regions. The line is coloured by the region's
    status in `table` (when given); the dotted rule and diamond are that region's own target at its year, and
    the panel's title names it (regions may have different targets).
    """
    rows_all = tidy[tidy["indicator_id"] == indicator_id]
    by_region = dict(tuple(rows_all.groupby("region", sort=False, observed=True)))  # one split, not one mask per panel
    none = rows_all.iloc[:0]
    regions = regions or [r for r in dict.fromkeys(rows_all["region"]) if len(history(by_region.get(r, none)))]
    n = max(len(regions), 1)
    ncols = 1 if n == 1 else 2 if n <= 4 else 3 if n <= 9 else 4
    nrows = math.ceil(n / ncols)
    fig = fig or figure("multiples", nrows)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    part = table[table["indicator_id"] == indicator_id] if table is not None else None
    status = dict(zip(part["region"].map(as_text), part["status"].map(as_text))) if part is not None else {}
    handles, years, labels = {}, [], []
    for ax, region in zip(axes, regions):
        drawn = _panel(ax, by_region.get(region, rows_all.iloc[:0]), as_text(region), status.get(as_text(region)),
                       part, handles)
        years += drawn[0]
        labels.append((ax, *drawn[1:]))
    for k, ax in enumerate(axes[len(regions):], len(regions)):
        ax.set_visible(False)
        if k - ncols >= 0:  # the panel above an empty slot shows the years itself
            axes[k - ncols].xaxis.set_tick_params(labelbottom=True)
    if years:
        ticks = list(range(int(min(years)), int(max(years)) + 1))
        step = 1 if len(ticks) <= 6 else 2
        axes[0].set_xticks(ticks[::step], [str(y) for y in ticks[::step]])
        axes[0].set_xlim(min(years) - 0.5, max(years) + 0.5)
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    axes[0].margins(y=0.2)
    for ax, point, rules in labels:  # once the shared scale is known: clear of the panel's target
        if point:
            dy = label_offset(ax, point[1], rules, 7)
            ax.annotate(fmt(point[1]), point, xytext=(0, dy), textcoords="offset points", ha="center",
                        va="bottom" if dy > 0 else "top", fontsize=7, color=INK, gid="point-label")
    name = as_text(rows_all["name"].iloc[0]) if len(rows_all) else str(indicator_id)
    unit = as_text(rows_all["unit"].iloc[0]) if len(rows_all) else ""
    fig.suptitle(title if title is not None else f"{name}：各地区历年变化" + (f"（单位：{unit}）" if unit else ""),
                 fontsize=10)
    _legend(fig, axes, len(regions), ncols, nrows, [handles[k] for k in [*STATUSES, "target"] if k in handles])
    return fig


def _panel(ax, rows: pd.DataFrame, region: str, status: str | None, part, handles: dict):
    """One region's line and target; returns (years drawn, latest point or None, the target rules)."""
    hist = history(rows)
    target = latest_target(rows, "target")
    years, values = hist["year"].to_numpy(float), hist["value"].to_numpy(float)
    # A line needs the palette's outline colour: the pale fills (达到目标 is the lightest) vanish on white.
    line = status_of(status).style.edge if status else TREND_COLOR
    color = status_style(status)[0] if status else TREND_COLOR
    ax.plot(years, values, color=line, lw=1.6, marker="o", ms=4, mfc=color, mec=INK, mew=0.5, zorder=3,
            gid="actual")
    drawn, rules = [float(y) for y in years], []
    ax.set_title(region, fontsize=8.5, loc="left")
    if target:
        ty, tv, comp = target
        ax.axhline(tv, **TARGET_RULE, gid="target-rule")
        ax.plot([ty], [tv], ls="", marker="D", ms=5, mfc=TARGET_COLOR, mec=TARGET_COLOR, zorder=4, gid="target",
                clip_on=False)
        ax.set_title(f"目标 {target_text(tv, comp)}（{ty}年）", fontsize=7.5, loc="right", color=MUTED)
        handles["target"] = Line2D([], [], color=TARGET_COLOR, lw=TARGET_RULE["lw"], ls=TARGET_RULE["ls"],
                                   marker="D", ms=5, mfc=TARGET_COLOR, label="目标（数值见各图右上）")
        drawn.append(float(ty))
        rules.append(tv)
    if status:
        handles[status] = Line2D([], [], color=line, lw=1.6, marker="o", ms=4, mfc=color, mec=INK, mew=0.5,
                                 label=status_words(part, status))
    ax.grid(axis="y", **GRID, zorder=0)
    ax.tick_params(labelsize=7)
    point = (years[-1], values[-1]) if len(values) else None
    return drawn, point, rules


def _legend(fig, axes, used: int, ncols: int, nrows: int, handles: list) -> None:
    if handles and used < len(axes):
        # An empty slot in the last row holds the legend.
        spare = axes[used]
        spare.set_visible(True)
        spare.axis("off")
        spare.legend(handles=handles, loc="center left", fontsize=7.5, frameon=False)
    elif handles:
        legend_below(axes[(nrows - 1) * ncols], handles, ncol=min(4, len(handles)), points=22)
