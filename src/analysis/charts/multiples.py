"""Small multiples: one trend panel per region for one indicator, on shared axes, each with its target."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from analysis.charts.fonts import INK
from analysis.charts.style import (TARGET_COLOR, TREND_COLOR, as_text, fmt, figure, legend_below, status_label,
                                   status_style, target_text)
from analysis.charts.trend import history, latest_target
from analysis.metadata.statuses import STATUSES
from analysis.metadata.statuses import status as status_of


def small_multiples(tidy: pd.DataFrame, indicator_id: str, table: pd.DataFrame | None = None,
                    regions: list[str] | None = None, fig: Figure | None = None, title: str | None = None) -> Figure:
    """One trend panel per region for one indicator, on a shared value axis, with the target; returns the Figure.

    The panels share both axes, so heights compare across regions. The line is coloured by the region's
    status in `table` (when given); the dotted line and diamond are the target at its year.
    """
    rows_all = tidy[tidy["indicator_id"] == indicator_id]
    by_region = dict(tuple(rows_all.groupby("region", sort=False, observed=True)))  # one split, not one mask per panel
    regions = regions or [r for r in dict.fromkeys(rows_all["region"]) if len(history(by_region.get(r, rows_all.iloc[:0])))]
    n = max(len(regions), 1)
    ncols = 1 if n == 1 else 2 if n <= 4 else 3 if n <= 9 else 4
    nrows = math.ceil(n / ncols)
    fig = fig or figure("multiples", nrows)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    status = {}
    if table is not None:
        part = table[table["indicator_id"] == indicator_id]
        status = dict(zip(part["region"].map(as_text), part["status"].map(as_text)))
    first_year, last_year = None, None
    handles = {}
    for ax, region in zip(axes, regions):
        rows = by_region.get(region, rows_all.iloc[:0])
        hist = history(rows)
        target = latest_target(rows, "target")
        years, values = hist["year"].to_numpy(float), hist["value"].to_numpy(float)
        # A line needs the palette's outline colour: the pale fills (达到目标 is the lightest) vanish on white.
        line = status_of(status[region]).style.edge if region in status else TREND_COLOR
        color = status_style(status[region])[0] if region in status else TREND_COLOR
        ax.plot(years, values, color=line, lw=1.6, marker="o", ms=4, mfc=color, mec=INK, mew=0.5, zorder=3,
                gid="actual")
        if len(values):
            ax.annotate(fmt(values[-1]), (years[-1], values[-1]), xytext=(0, 5), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7, color=INK)
        if target:
            ty, tv, comp = target
            ax.axhline(tv, color=INK, lw=0.8, ls=":", zorder=1)
            ax.plot([ty], [tv], ls="", marker="D", ms=5, mfc=TARGET_COLOR, mec=TARGET_COLOR, zorder=4, gid="target",
                    clip_on=False)
            handles["target"] = Line2D([], [], ls=":", color=INK, marker="D", ms=5, mfc=TARGET_COLOR,
                                       label=f"目标 {target_text(tv, comp)}（{ty}年）")
            last_year = max(last_year or ty, ty)
        if len(years):
            first_year = min(first_year or years[0], years[0])
            last_year = max(last_year or years[-1], years[-1])
        if region in status:
            handles[status[region]] = Line2D([], [], color=line, lw=1.6, marker="o", ms=4, mfc=color, mec=INK, mew=0.5,
                                             label=status_label(status[region]))
        ax.set_title(as_text(region), fontsize=8.5, loc="left")
        ax.grid(axis="y", color="#ececec", lw=0.6, zorder=0)
        ax.tick_params(labelsize=7)
    for k, ax in enumerate(axes[len(regions):], len(regions)):
        ax.set_visible(False)
        if k - ncols >= 0:  # the panel above an empty slot shows the years itself
            axes[k - ncols].xaxis.set_tick_params(labelbottom=True)
    if first_year is not None:
        ticks = list(range(int(first_year), int(last_year) + 1))
        step = 1 if len(ticks) <= 6 else 2
        axes[0].set_xticks(ticks[::step], [str(y) for y in ticks[::step]])
        axes[0].set_xlim(first_year - 0.5, last_year + 0.5)
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    axes[0].margins(y=0.2)
    name = as_text(rows_all["name"].iloc[0]) if len(rows_all) else str(indicator_id)
    unit = as_text(rows_all["unit"].iloc[0]) if len(rows_all) else ""
    fig.suptitle(title if title is not None else f"{name}：各地区历年变化" + (f"（单位：{unit}）" if unit else ""),
                 fontsize=10)
    ordered = [handles[k] for k in [*STATUSES, "target"] if k in handles]
    if ordered and len(regions) < len(axes):
        # An empty slot in the last row holds the legend.
        spare = axes[len(regions)]
        spare.set_visible(True)
        spare.axis("off")
        spare.legend(handles=ordered, loc="center left", fontsize=7.5, frameon=False)
    elif ordered:
        legend_below(axes[(nrows - 1) * ncols], ordered, ncol=min(4, len(ordered)), points=22)
    return fig
