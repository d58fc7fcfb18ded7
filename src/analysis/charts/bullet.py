"""Bullet graph (Stephen Few) of one indicator: the actual value as a bar on qualitative bands, the target as a
line, where 序时进度 puts the indicator as a triangle."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.charts.fonts import INK, MUTED
from analysis.charts.style import (EXPECTED_COLOR, TARGET_COLOR, as_num, as_text, axes_for, fmt, is_final_row,
                                   legend_below, lower_is_better, paren, pct, status_label, status_style,
                                   target_text, year_text)
from analysis.rules.units import gap_unit

# Qualitative bands in one hue (grey), darkest = furthest from target; a dark bar when the row has no status.
BAND_COLORS = ("#cfcfcf", "#e2e2e2", "#f3f3f3")
BAR_COLOR = "#2e3b4e"

# Share of the target where the first band ends (0–60 % of the target, 60–100 %, beyond).
BAND_SPLIT = 0.6


def expected_value(row) -> float:
    """Where 序时进度 says the indicator should be: baseline + elapsed share of the baseline→target way."""
    baseline, target, elapsed = (as_num(row.get(k)) for k in ("baseline", "target", "elapsed_pct"))
    if any(math.isnan(v) for v in (baseline, target, elapsed)):
        return math.nan
    return baseline + elapsed / 100 * (target - baseline)


# Zoom the bullet scale when every value sits in a narrow band far from zero (rates near 100 %): on a 0–100
# axis a 98 vs 99 gap vanishes and the target line hides the bar's end.
ZOOM_SPREAD = 0.10


def _bullet_scale(values: list[float], target: float, lower: bool) -> tuple[float, float, bool]:
    """Axis limits as (worst end, best end, zoomed): the best end always ends up on the right."""
    finite = [v for v in values if not math.isnan(v)]
    # One value alone (no target, no baseline) is no band to zoom into: its bar starts at 0.
    if len(finite) > 1 and min(finite) > 0 and (max(finite) - min(finite)) < ZOOM_SPREAD * max(finite):
        lo, hi = min(finite), max(finite)
        span = (hi - lo) or abs(hi) * 0.05 or 1.0
        start = max(0.0, lo - 0.45 * span)
        if lower:
            return hi + 0.15 * span, lo - 0.12 * span, True
        return start, hi + 0.15 * span, True
    lo, hi = min(finite + [0.0]), max(finite + [0.0])
    span = (hi - lo) or abs(hi) or 1.0
    if lower:
        # Worst end = the largest value plus room; best end just beyond the target (the "better" band).
        return hi + 0.15 * span, min(finite, default=0.0) - 0.06 * span, False
    # Room on the left for negative bars, or for a target at the very start of the scale (e.g. growth ≥ 0).
    room = lo < 0 or (not math.isnan(target) and target <= lo)
    return lo - (0.04 * span if room else 0.0), hi + 0.1 * span, False


def _bullet_bands(ax: Axes, worst: float, best: float, target: float, baseline: float, lower: bool,
                  zoomed: bool = False) -> str:
    """Shade: far from target (darkest), nearing it, beyond it (lightest); returns what the shades mean."""
    if math.isnan(target):
        ax.axvspan(worst, best, color=BAND_COLORS[-1], lw=0, zorder=0, gid="band-0")
        return ""
    # Bands measure the way from a natural origin to the target: zero for higher-is-better targets above zero,
    # the baseline (or the worst end) for lower-is-better ones, the scale's start when the scale is zoomed.
    from_zero = not lower and target > 0 and not zoomed
    origin = 0.0 if from_zero else worst
    if lower and not math.isnan(baseline) and baseline > target:
        origin = baseline
    split = origin + BAND_SPLIT * (target - origin)
    edges = [worst, split, target, best]
    for i, (a, b) in enumerate(zip(edges[:-1], edges[1:])):
        if a != b:
            ax.axvspan(a, b, color=BAND_COLORS[i], lw=0, zorder=0, gid=f"band-{i}")
    if from_zero:
        return f"底纹由深到浅：不足目标的{pct(BAND_SPLIT * 100, 0)}、{pct(BAND_SPLIT * 100, 0)}–100%、达到目标以上"
    return "底纹由深到浅：距目标较远、接近目标、达到目标以上"


def has_bullet(row) -> bool:
    """An indicator gets a bullet graph when it has a value: a target with nothing to compare is no chart."""
    return not math.isnan(as_num(pd.Series(row).get("actual")))


def bullet(row, ax: Axes | None = None, direction: str | None = None, title: str | None = None) -> Axes:
    """Stephen Few bullet graph for one indicator (one row of the gap table); returns the ax.

    Bar = actual value, coloured by status (same colours as the overview and the grid), black perpendicular
    line = target, vermilion triangle = where 序时进度 puts it (needs a baseline; not at the plan's end, where
    the legend says how far the value is from the target instead). For lower-is-better indicators the scale is
    reversed and the bar grows from the worst end, so "better" is always to the right and a bar past the target
    line always means the target is met. When all values sit close together far from zero (rates near 100 %),
    the scale starts near the data and the axis label says so. Needs ``has_bullet(row)``.
    """
    row = pd.Series(row)
    if not has_bullet(row):
        raise ValueError(f"{as_text(row.get('name'))}: no value, no bullet graph to draw (see has_bullet)")
    ax = axes_for(ax, "bullet")
    actual, target, baseline = (as_num(row.get(k)) for k in ("actual", "target", "baseline"))
    comparator = as_text(row.get("comparator")).strip()
    lower = lower_is_better(comparator, direction)
    final = is_final_row(row)
    expected = math.nan if final else expected_value(row)
    worst, best, zoomed = _bullet_scale([actual, target, baseline, expected], target, lower)

    bands = _bullet_bands(ax, worst, best, target, baseline, lower, zoomed)
    handles = [_actual_bar(ax, row, actual, worst if (lower or zoomed) else 0.0, final)]
    if not math.isnan(target):
        ax.plot([target, target], [-0.3, 0.3], color=TARGET_COLOR, lw=2.4, solid_capstyle="butt", zorder=3,
                gid="target")
        label = f"目标 {target_text(target, comparator)}{paren(year_text(row.get('target_year')))}"
        handles.append(Line2D([], [], color=TARGET_COLOR, marker="|", ms=11, mew=2.4, ls="", label=label))
    elif as_text(row.get("status")) != "no_target":  # else the bar's own legend entry says 无量化目标 already
        handles.append(Patch(color=BAND_COLORS[-1], label=status_label("no_target")))
    if not math.isnan(expected):
        ax.plot([expected], [0.36], marker="v", ms=7, color=EXPECTED_COLOR, mec="white", mew=0.6, ls="",
                zorder=4, clip_on=False, gid="expected")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, marker="v", ms=7, mec="white", ls="",
                              label=f"序时进度 {fmt(expected)}"))
    _bullet_axis(ax, row, worst, best, [actual, target, baseline], lower, zoomed, bands)
    ax.set_title(title if title is not None else as_text(row.get("name")))
    legend_below(ax, handles, ncol=len(handles) or 1, points=BANDS_LEGEND_POINTS if bands else 30)
    return ax


# The axis label holds two lines (unit; what the shades mean) with air between them, then the legend.
NOTE_LINE_SPACING = 1.7
BANDS_LEGEND_POINTS = 48


def _actual_bar(ax: Axes, row, actual: float, origin: float, final: bool) -> Patch:
    """The bar from the scale's origin to the actual value; returns its legend entry (at the plan's end with
    how far the value is from the target: 距目标差 …)."""
    status = as_text(row.get("status"))
    color, hatch = status_style(status) if status else (BAR_COLOR, "")
    ax.barh(0, actual - origin, left=origin, height=0.34, color=color, hatch=hatch, edgecolor=INK,
            linewidth=0.6, zorder=2, gid="actual")
    said = f"：{as_text(row.get('status_label')) or status_label(status)}" if status else ""
    gap = as_num(row.get("gap"))
    if final and status != "achieved" and not math.isnan(gap) and gap > 0:
        said += f"，距目标差{fmt(gap)}{gap_unit(as_text(row.get('unit')))}"
    return Patch(facecolor=color, hatch=hatch, edgecolor=INK, linewidth=0.6,
                 label=f"实际 {fmt(actual)}{paren(year_text(row.get('year')))}{said}")


def _bullet_axis(ax: Axes, row, worst: float, best: float, values: list[float], lower: bool, zoomed: bool,
                 bands: str) -> None:
    ax.set_xlim(worst, best)  # worst > best for lower-is-better: matplotlib draws the axis reversed
    ax.set_ylim(-0.5, 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    _drop_impossible_ticks(ax, values)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    unit = as_text(row.get("unit"))
    notes = [f"单位：{unit}"] if unit else []
    if lower:
        notes.append("越低越好，刻度反向")
    if zoomed:
        notes.append(f"刻度从{fmt(min(worst, best))}起（已放大，不从0开始）")
    ax.set_xlabel("；".join(notes) + (f"\n{bands}" if bands else ""), loc="left", color=MUTED, fontsize=7.5,
                  linespacing=NOTE_LINE_SPACING)


def _drop_impossible_ticks(ax: Axes, values: list[float]) -> None:
    """No negative tick labels when every value is non-negative (a tiny margin past 0 is only room)."""
    finite = [v for v in values if not math.isnan(v)]
    if finite and min(finite) >= 0:
        lo, hi = sorted(ax.get_xlim())
        ticks = [t for t in ax.get_xticks() if 0 <= t and lo - 1e-9 <= t <= hi + 1e-9]
        ax.set_xticks(ticks)
