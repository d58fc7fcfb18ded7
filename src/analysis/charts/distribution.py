"""Charts for many regions (a province's counties, the nation's): one figure per indicator whatever the count.

    distribution(table, indicator_id)   the regions' latest values as a histogram stacked by status, with the
                                        target line, the median and the share that has met the target
    top_bottom(table, indicator_id, n)  the best and the worst `n` regions by name (the rest are in a table file)
    status_counts(table, by="area")     region-indicators counted by area (or province) × status
    status_grid_page(table)             the region × indicator grid with upright region names, for pages of
                                        many region columns

Every function takes ``ax=None`` (a new 16 cm wide figure is made when None) and returns the ax. Input is the gap
table (schema.GAP_COLUMNS).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.charts.fonts import INK, MUTED, RULE
from analysis.charts.grid import status_grid
from analysis.charts.style import (
    EXPECTED_COLOR,
    TARGET_COLOR,
    as_num,
    as_text,
    axes_for,
    fmt,
    is_dark,
    legend_below,
    lower_is_better,
    paren,
    pct,
    status_label,
    status_style,
    target_text,
    year_text,
)
from analysis.metadata.fields import NO_AREA_ZH
from analysis.metadata.statuses import STATUSES

MET = "achieved"  # the status that counts as "has met the target"
MEDIAN_COLOR = EXPECTED_COLOR
BINS_MIN, BINS_MAX = 8, 30  # histogram bars: about √n, within these bounds


def _regions_of(table: pd.DataFrame, indicator_id: str, city: str | None = None) -> pd.DataFrame:
    """The indicator's rows with a latest value (`_actual`), the city's own row left out."""
    rows = table[table["indicator_id"] == indicator_id].copy()
    rows["_actual"] = rows["actual"].map(as_num)
    keep = rows["_actual"].notna() & (rows["region"].map(as_text) != (city or "\0"))
    return rows[keep]


def _lower(rows: pd.DataFrame) -> bool:
    comparator = as_text(rows["comparator"].iloc[0]).strip() if len(rows) else ""
    direction = as_text(rows["direction"].iloc[0]) if "direction" in rows and len(rows) else ""
    return lower_is_better(comparator, direction if direction in ("higher", "lower") else None)


def _one_target(rows: pd.DataFrame) -> float:
    """The target when every region has the same one, else NaN."""
    targets = {t for t in rows["target"].map(as_num) if not math.isnan(t)}
    return targets.pop() if len(targets) == 1 else math.nan


def met_share(rows: pd.DataFrame) -> tuple[int, int]:
    """(regions that have met the target, regions with a value): the verdict of the gap table."""
    return int((rows["status"].map(as_text) == MET).sum()), len(rows)


def _target_handle(rows: pd.DataFrame, target: float) -> Line2D:
    comparator = as_text(rows["comparator"].iloc[0]).strip()
    year = year_text(rows["target_year"].iloc[0])
    return Line2D([], [], color=TARGET_COLOR, lw=1.6, label=f"目标 {target_text(target, comparator)}{paren(year)}")


def _target_handles(rows: pd.DataFrame, target: float, ax: Axes, zorder: int) -> list:
    """The target line when every region shares one; else a legend line saying that each region has its own
    (their range), so that a chart without a target line never looks like a chart without targets."""
    if not math.isnan(target):
        ax.axvline(target, color=TARGET_COLOR, lw=1.6, zorder=zorder, gid="target")
        return [_target_handle(rows, target)]
    targets = rows["target"].map(as_num).dropna()
    if targets.empty:
        return []
    words = f"各地区目标不同（{fmt(targets.min())}～{fmt(targets.max())}），按各自目标判断"
    return [Line2D([], [], linestyle="none", label=words)]


def _notes(rows: pd.DataFrame, lower: bool, extra: str = "") -> str:
    unit = as_text(rows["unit"].iloc[0]) if len(rows) else ""
    notes = [f"单位：{unit}"] if unit else []
    if lower:
        notes.append("越低越好")
    return "；".join(notes + ([extra] if extra else []))


def _title(rows: pd.DataFrame, indicator_id: str, what: str) -> str:
    name = as_text(rows["name"].iloc[0]) if len(rows) else str(indicator_id)
    year = rows["year"].map(as_num).max() if len(rows) else math.nan
    return f"{name}：{what}" + (f"（{int(year)}年）" if not math.isnan(year) else "")


def _edges(values: np.ndarray) -> np.ndarray:
    """Histogram bin edges over the values (a target far away does not coarsen the bars), about √n bars."""
    lo, hi = float(values.min()), float(values.max())
    if hi == lo:
        lo, hi = lo - (abs(lo) * 0.05 or 1.0), hi + (abs(hi) * 0.05 or 1.0)
    bins = int(min(BINS_MAX, max(BINS_MIN, math.sqrt(len(values)))))
    return np.linspace(lo, hi, bins + 1)


def distribution(table: pd.DataFrame, indicator_id: str, ax: Axes | None = None, city: str | None = None,
                 title: str | None = None) -> Axes:
    """How the regions' latest values of one indicator spread: a histogram whose bars are stacked by status, the
    target (black line, when all regions share it), the median (dashed) and the share that has met the target;
    returns the ax. The cost is the same for 20 regions or 2,800."""
    rows = _regions_of(table, indicator_id, city)
    ax = axes_for(ax, "trend")
    values = rows["_actual"].to_numpy(float)
    if not len(values):
        ax.text(0.5, 0.5, "没有可比较的地区数值", transform=ax.transAxes, ha="center", va="center", color=MUTED)
        ax.set_title(title if title is not None else _title(rows, indicator_id, "各地区分布"))
        return ax
    target, lower = _one_target(rows), _lower(rows)
    status = rows["status"].map(as_text).to_numpy()
    present = [s for s in STATUSES if s in set(status)] + sorted(set(status) - set(STATUSES))
    parts = [values[status == s] for s in present]
    colors = [status_style(s)[0] for s in present]
    ax.hist(parts, bins=_edges(values), stacked=True, color=colors, edgecolor=INK, linewidth=0.4,
            zorder=2, gid="bars")
    handles = [Patch(facecolor=c, edgecolor=INK, lw=0.4, label=status_label(s)) for s, c in zip(present, colors)]
    handles += _target_handles(rows, target, ax, 3)
    median = float(np.median(values))
    ax.axvline(median, color=MEDIAN_COLOR, lw=1.2, ls=(0, (4, 2)), zorder=3, gid="median")
    handles.append(Line2D([], [], color=MEDIAN_COLOR, lw=1.2, ls=(0, (4, 2)), label=f"中位数 {fmt(median)}"))
    _share_note(ax, rows, values, target, lower)
    ax.margins(y=0.18)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.set_ylabel("地区数", color=MUTED, fontsize=7.5)
    ax.set_xlabel(_notes(rows, lower), loc="left", color=MUTED, fontsize=7.5)
    ax.grid(axis="y", color="#ececec", lw=0.6, zorder=0)
    ax.set_title(title if title is not None else _title(rows, indicator_id, "各地区分布"))
    legend_below(ax, handles, ncol=min(4, len(handles)), points=26)
    return ax


def _share_note(ax: Axes, rows: pd.DataFrame, values: np.ndarray, target: float, lower: bool) -> None:
    """"100个地区中14个已达到目标（14.0%）" in the top corner away from the target line, on a white ground; the
    scale reads better-to-the-right (reversed when lower is better) and always shows the target."""
    scale = [*values, target] if not math.isnan(target) else list(values)
    lo, hi = min(scale), max(scale)
    pad = 0.04 * ((hi - lo) or abs(hi) or 1.0)
    ax.set_xlim(hi + pad, lo - pad) if lower else ax.set_xlim(lo - pad, hi + pad)
    where = 0.5 if math.isnan(target) else (target - lo) / ((hi - lo) or 1.0)
    right = (where < 0.5) != lower  # the target sits on the left of the drawn axis: the note goes right
    met, n = met_share(rows)
    ax.text(0.99 if right else 0.01, 0.97, f"{n}个地区中{met}个已达到目标（{pct(100 * met / n)}）",
            transform=ax.transAxes, ha="right" if right else "left", va="top", fontsize=8, color=INK, zorder=6,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5}, gid="met_share")


def ranked(table: pd.DataFrame, indicator_id: str, city: str | None = None) -> pd.DataFrame:
    """The regions with a value of one indicator, best first (1 = best), with their place in `rank`."""
    rows = _regions_of(table, indicator_id, city)
    rows = rows.sort_values("_actual", ascending=_lower(rows), kind="stable")
    return rows.assign(rank=np.arange(1, len(rows) + 1))


def top_bottom(table: pd.DataFrame, indicator_id: str, n: int = 10, ax: Axes | None = None,
               city: str | None = None, title: str | None = None, table_file: str = "") -> Axes:
    """The best `n` and the worst `n` regions of one indicator by name, as a dot plot (best at the top, a gap row
    standing for the regions in between); dots coloured by status, the target and the median as lines.
    `table_file` names the file holding the full ranking (said under the axis). Returns the ax."""
    rows = ranked(table, indicator_id, city)
    total = len(rows)
    cut = total > 2 * n + 1
    shown = pd.concat([rows.iloc[:n], rows.iloc[-n:]]) if cut else rows
    ax = axes_for(ax, "ranking", n=max(len(shown) + cut, 1))
    lower = _lower(rows)
    ys = np.arange(len(shown) + cut)[::-1].astype(float)
    if cut:
        ys = np.delete(ys, n)  # the row in the middle stands for the regions left out
    values = shown["_actual"].to_numpy(float)
    target = _one_target(rows)
    scale = [*values, target] if not math.isnan(target) else list(values)
    lo, hi = (min(scale), max(scale)) if scale else (0.0, 1.0)
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    start, end = lo - 0.12 * span, hi + 0.18 * span
    for y, v, s in zip(ys, values, shown["status"].map(as_text)):
        ax.plot([end if lower else start, v], [y, y], color=RULE, lw=0.8, zorder=1)
        ax.plot([v], [y], ls="", marker="o", ms=7, mfc=status_style(s)[0], mec=INK, mew=0.7, zorder=3, gid="dot")
        ax.annotate(fmt(v), (v, y), xytext=(-7 if lower else 7, 0), textcoords="offset points", va="center",
                    ha="right" if lower else "left", fontsize=7, color=INK, gid="value")
    labels = [f"{k}. {as_text(r)}" for k, r in zip(shown["rank"], shown["region"])]
    ticks = list(ys)
    if cut:
        ticks.insert(n, float(len(shown) - n))
        labels.insert(n, f"……（中间{total - 2 * n}个地区略）")
    ax.set_yticks(ticks, labels, fontsize=7.5)
    handles = _dot_handles(shown)
    handles += _target_handles(rows, target, ax, 2)
    if total:
        median = float(np.median(rows["_actual"]))
        ax.axvline(median, color=MEDIAN_COLOR, lw=1.2, ls=(0, (4, 2)), zorder=2, gid="median")
        handles.append(Line2D([], [], color=MEDIAN_COLOR, lw=1.2, ls=(0, (4, 2)), label=f"中位数 {fmt(median)}"))
    _ranking_axes(ax, lower, start, end, len(ticks))
    more = f"完整排名见 {table_file}" if table_file and cut else ""
    ax.set_xlabel(_notes(rows, lower, more), loc="left", color=MUTED, fontsize=7.5)
    what = f"排名前{n}位和后{n}位（共{total}个地区）" if cut else "各地区排名"
    ax.set_title(title if title is not None else _title(rows, indicator_id, what))
    legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=26, align="right")
    return ax


def _dot_handles(rows: pd.DataFrame) -> list:
    drawn = [s for s in STATUSES if s in set(rows["status"].map(as_text))]
    return [Line2D([], [], ls="", marker="o", ms=7, mfc=status_style(s)[0], mec=INK, mew=0.7,
                   label=status_label(s)) for s in drawn]


def _ranking_axes(ax: Axes, lower: bool, start: float, end: float, n: int) -> None:
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, max(n, 1) - 0.3)
    ax.set_xlim(end, start) if lower else ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#ececec", lw=0.6, zorder=0)


def status_counts(table: pd.DataFrame, by: str = "area", ax: Axes | None = None, title: str | None = None,
                  what: str = "领域") -> Axes:
    """Region-indicators counted by `by` (the area, or a province column) × status: one stacked bar per group,
    the count written in each segment wide enough to hold it; returns the ax. Past one page of status grid this
    is what the grid says, at any number of regions."""
    groups = [g if g else NO_AREA_ZH for g in dict.fromkeys(table[by].map(as_text))]
    status = table["status"].map(as_text)
    keys = table[by].map(as_text).replace("", NO_AREA_ZH)
    counts = pd.crosstab(keys, status).reindex(index=groups, fill_value=0)
    present = [s for s in STATUSES if s in counts.columns] + sorted(set(counts.columns) - set(STATUSES))
    ax = axes_for(ax, "ranking", n=max(len(groups), 1))
    ys = np.arange(len(groups))[::-1]
    left = np.zeros(len(groups))
    total = counts.sum(axis=1).to_numpy(float)
    for s in present:
        width = counts[s].to_numpy(float)
        color = status_style(s)[0]
        ax.barh(ys, width, left=left, height=0.62, color=color, edgecolor="white", lw=0.6, label=status_label(s),
                gid=f"count:{s}")
        for y, x0, w, t in zip(ys, left, width, total):
            if w and w / max(t, 1) >= 0.06:
                ax.text(x0 + w / 2, y, fmt(w), ha="center", va="center", fontsize=7,
                        color="white" if is_dark(color) else INK)
        left += width
    ax.set_yticks(ys, groups, fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, max(total.max() if len(total) else 1, 1) * 1.02)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(f"地区指标数（每个地区的每项指标计1个）；按{what}分组", loc="left", color=MUTED, fontsize=7.5)
    ax.set_title(title if title is not None else f"各{what}评估结论（{table['region'].nunique()}个地区）")
    handles = [Patch(facecolor=status_style(s)[0], edgecolor="white", label=status_label(s)) for s in present]
    legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=26, align="right")
    return ax


def status_grid_page(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """The status grid of a page of many region columns: the region names stand upright, so 20 fit in 16 cm."""
    ax = status_grid(table, ax=ax, title=title)
    plt.setp(ax.get_xticklabels(), rotation=90, ha="center", va="bottom", fontsize=7)
    return ax
