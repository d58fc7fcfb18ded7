"""Overview of all indicators with a target: one bar each (完成度 or 目标进度), grouped by area, coloured by status,
with the 100 % line and, beside 目标进度, 序时进度."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.charts.fonts import INK, MUTED, RULE
from analysis.charts.style import (EXPECTED_COLOR, all_final, as_num, as_text, axes_for, is_final_row, legend_below,
                                   pct, place_and_year, status_label, status_style, wrap)
from analysis.metadata.fields import GAP_HEADERS_ZH
from analysis.metadata.statuses import STATUSES
from analysis.metadata.statuses import status as status_of
from analysis.rules import numbers

# Bars are cut at this percentage so one outlier does not flatten the others.
OVERVIEW_CAP = 200.0


def row_label(name: str, region: str, width: int = 16) -> list[str]:
    """Indicator name, then "（地区）" on the same line when it fits, else on its own line."""
    lines = wrap(name, width)
    if region:
        suffix = f"（{region}）"
        if len(lines[-1]) + len(suffix) <= width + 2:
            lines[-1] += suffix
        else:
            lines.append(suffix)
    return lines


def overview_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Rows with a numeric target, grouped by area then indicator, both in order of first appearance.

    Grouping by indicator keeps the regions of one indicator next to each other.
    """
    has_target = table["target"].map(as_num).notna() & table["comparator"].map(as_text).str.strip().ne("")
    rows = table[has_target].copy()
    rows["area"] = rows["area"].map(as_text).replace("", "其他")
    for col in ("area", "indicator_id"):
        first_seen = {v: i for i, v in enumerate(dict.fromkeys(rows[col]))}
        rows[f"_{col}_rank"] = rows[col].map(first_seen)
    rows["_pos"] = range(len(rows))
    return rows.sort_values(["_area_rank", "_indicator_id_rank", "_pos"])


# Extra height (in row units) for each wrapped line of a row label.
LINE_STEP = 0.55
# Share of the value axis a value label takes (for moving it past a reference line).
LABEL_SPAN = 0.075


def row_units(rows: pd.DataFrame, several_regions: bool) -> list[float]:
    """How many row units each row takes (one, plus LINE_STEP for each wrapped line of its label)."""
    labels = [row_label(as_text(r["name"]), as_text(r["region"]) if several_regions else "")
              for _, r in rows.iterrows()]
    return [1 + LINE_STEP * (len(lines) - 1) for lines in labels]


OVERVIEW_TITLE = {"completion_pct": "主要指标完成度", "achievement_pct": "主要指标目标进度"}


def overview_measure(table: pd.DataFrame) -> str:
    """"achievement_pct" (目标进度, judged against 序时进度) when most indicators with a target and a value have a
    baseline to measure it from; else "completion_pct" (完成度, as the bundled report without baselines). At the
    plan's end always 完成度: the final verdict (完成 / 未完成) is the value against the target, not a pace."""
    if all_final(table):
        return "completion_pct"
    rows = table[table["target"].map(as_num).notna() & table["actual"].map(as_num).notna()]
    known = rows["achievement_pct"].map(as_num).notna().sum()
    return "achievement_pct" if len(rows) and known * 2 >= len(rows) else "completion_pct"


def overview(table: pd.DataFrame, ax: Axes | None = None, measure: str = "completion_pct",
             title: str | None = None) -> Axes:
    """One horizontal bar per indicator with a target, grouped by area, coloured by status; returns the ax.

    `measure` is "completion_pct" (实际/目标) or "achievement_pct" (基期→目标 的进度; overview_measure picks).
    A black line marks 100 %; with 目标进度, a dashed vermilion line (or per-row ticks when years differ) marks
    序时进度, the pace it is judged against (it is not drawn beside 完成度, which is not compared with time).
    Bars past 200 % are cut there and their label keeps the true value. Rows without a target are left out.
    """
    rows = overview_rows(table)
    areas = list(dict.fromkeys(rows["area"]))
    several_regions = table["region"].map(as_text).nunique() > 1
    labels = [row_label(as_text(r["name"]), as_text(r["region"]) if several_regions else "")
              for _, r in rows.iterrows()]
    heights = [1 + LINE_STEP * (len(lines) - 1) for lines in labels]
    ax = axes_for(ax, "overview", n=math.ceil(sum(heights)) + len(areas))

    values = rows[measure].map(as_num)
    finite = values.dropna()
    lo = max(min(0.0, finite.min() if len(finite) else 0.0), -OVERVIEW_CAP)
    hi = min(max(100.0, finite.max() if len(finite) else 100.0), OVERVIEW_CAP)
    span = hi - lo

    # Walk down from the top: each area gets a one-unit header row, each indicator a row as tall as its label.
    top, ticks, elapsed_pts = 0.5, [], []
    for area in areas:
        _area_header(ax, area, top - 0.5, first=(area == areas[0]))
        top -= 1
        for i in np.flatnonzero((rows["area"] == area).to_numpy()):
            row, y = rows.iloc[i], top - heights[i] / 2
            ticks.append(y)
            # 序时进度 is a reference for 目标进度 only: a completion bar (A/T) past it says nothing about the pace.
            paced = measure == "achievement_pct" and not is_final_row(row)  # no 序时进度 at the plan's end
            elapsed = as_num(row.get("elapsed_pct")) if paced else math.nan
            _overview_bar(ax, row, as_num(row[measure]), y, lo, hi, span, refs=(100.0, elapsed))
            elapsed_pts.append((elapsed, y))
            top -= heights[i]

    if rows.empty:
        ax.text(0.5, 0.5, "没有带量化目标的指标", transform=ax.transAxes, ha="center", va="center", color=MUTED)
    ax.set_ylim(min(top, -0.5), 0.5)
    ax.set_xlim(lo - (0.16 * span if lo < 0 else 0), hi + 0.13 * span)
    ax.set_yticks(ticks, ["\n".join(lines) for lines in labels])  # rows are sorted by area: same order
    ax.tick_params(axis="y", length=0, pad=4)
    ax.spines["left"].set_visible(False)
    ax.axvline(0, color=INK, lw=0.6, zorder=3)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: pct(x, 0)))
    ax.set_xlabel(GAP_HEADERS_ZH.get(measure, measure).replace("(%)", "（%）"), loc="left", color=MUTED)

    handles = _reference_lines(ax, elapsed_pts)
    # Legend only for statuses that actually have a bar on this chart.
    drawn = set(rows.loc[values.notna(), "status"].map(as_text))
    present = [s for s in STATUSES if s in drawn]
    # Legend words are the labels the table carries: the method actually used (eurostat: 进展适中 …), the phase (完成).
    shown = rows.loc[values.notna()]
    words = {s: "/".join(dict.fromkeys(shown.loc[shown["status"] == s, "status_label"].map(as_text))) for s in present}
    handles = [_status_patch(s, words.get(s)) for s in present] + handles
    legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=30, align="right")
    ax.set_title(title if title is not None else place_and_year(table) + OVERVIEW_TITLE[measure])
    return ax


def _area_header(ax: Axes, area: str, y: float, first: bool) -> None:
    # Area name on its own row inside the plot, with a hairline above each group except the first.
    trans = transforms.blended_transform_factory(ax.transAxes, ax.transData)
    ax.text(0.0, y, area, transform=trans, ha="left", va="center", fontsize=8.5, color=INK, gid="area",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0}, zorder=5)
    if not first:
        ax.axhline(y + 0.5, color=RULE, lw=0.6, zorder=1)


def _label_x(shown: float, refs, span: float) -> float:
    """Where a value label starts: after the bar, or after a reference line it would otherwise cross."""
    width = LABEL_SPAN * span  # room a label like "71.4%" takes on the value axis
    x = shown
    for ref in sorted(r for r in refs if not math.isnan(r)):
        if x - 0.01 * span <= ref < x + width:
            x = ref
    return x


def _overview_bar(ax: Axes, row, value: float, y: float, lo: float, hi: float, span: float, refs=()) -> None:
    status = as_text(row.get("status"))
    if math.isnan(value):
        # With an actual value the measure is undefined (no baseline, target 0), not missing.
        why = "无数据" if math.isnan(as_num(row.get("actual"))) else "无法计算"
        ax.text(0, y, f" {why}", ha="left", va="center", fontsize=7.5, color=MUTED, gid="no-value")
        return
    color, hatch = status_style(status)
    shown = min(max(value, lo), hi)  # cut outliers at the cap; the label tells the true value
    ax.barh(y, shown, height=0.62, color=color, hatch=hatch, edgecolor=status_of(status).style.edge, linewidth=0.6,
            zorder=2, gid=f"bar:{as_text(row.get('indicator_id'))}")  # tests and callers find each bar by indicator
    cut = "»" if shown != value else ""
    # White backing keeps the number legible where it crosses the 序时进度 or 100 % line.
    at = _label_x(shown, refs, span) if shown >= 0 else shown  # 序时进度 ticks and the 100 % line never cut it
    ax.annotate(f"{pct(value)}{cut}", (at, y), xytext=(3 if shown >= 0 else -3, 0), textcoords="offset points",
                ha="left" if shown >= 0 else "right", va="center", fontsize=7.5, color=INK, gid="value", zorder=6,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85})


def _reference_lines(ax: Axes, elapsed_pts: list[tuple[float, float]]) -> list:
    """100 % line always; 序时进度 as one dashed line when all rows share it, else a tick per row."""
    ax.axvline(100, color=INK, lw=0.9, zorder=4, gid="reference-100")
    handles = [Line2D([], [], color=INK, lw=0.9, label="100%（达到目标）")]
    known = [(e, y) for e, y in elapsed_pts if not math.isnan(e)]
    if not known:
        return handles
    shares = {float(numbers.denoise(e)) for e, _ in known}
    if len(shares) == 1:
        e = known[0][0]
        ax.axvline(e, color=EXPECTED_COLOR, lw=1.0, ls=(0, (4, 2)), zorder=4, gid="elapsed")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, lw=1.0, ls=(0, (4, 2)), label=f"序时进度（{pct(e, 0)}）"))
    else:
        xs, ys = zip(*known)
        ax.plot(xs, ys, ls="", marker="|", ms=12, mew=1.6, color=EXPECTED_COLOR, zorder=4, gid="elapsed")
        handles.append(Line2D([], [], ls="", marker="|", ms=10, mew=1.6, color=EXPECTED_COLOR, label="序时进度"))
    return handles


def _status_patch(status: str, label: str | None = None) -> Patch:
    color, hatch = status_style(status)
    return Patch(facecolor=color, hatch=hatch, edgecolor=status_of(status).style.edge, linewidth=0.6,
                 label=label or status_label(status))
