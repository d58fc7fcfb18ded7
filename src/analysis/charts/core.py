"""Gap charts for briefings: bullet graph, overview of all indicators, trend with projection.

Every chart function takes ``ax=None`` (a new 16 cm wide figure is made when None) and returns the ax, so charts
can be combined on one figure. Input is the gap table (schema.GAP_COLUMNS) or the tidy frame (schema.TIDY_COLUMNS).
All text an analyst reads is Simplified Chinese. Artists that tests look for carry a ``gid``.
"""

from __future__ import annotations

import math
import os
import uuid
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.charts.fonts import INK, MUTED, RULE, SVG_HASHSALT, ensure_chinese_font
from analysis.metadata.fields import GAP_HEADERS_ZH
from analysis.metadata.statuses import STATUSES
from analysis.metadata.statuses import status as status_of
from analysis.rules import numbers
from analysis.rules.targets import CHART_SIGN
from analysis.rules.targets import lower_is_better as _lower_is_better
from analysis.rules.units import moves_by_points, projection

# A4 Word page: 16 cm of text width.
CM = 1 / 2.54
FIGURE_WIDTH_CM = 16.0
# A4 Word page: 24 cm of text height (with room for a caption); no figure is taller.
MAX_HEIGHT_CM = 24.0

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermilion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

# Bullet graph: qualitative bands in one hue (grey), darkest = furthest from target; dark bar; black target.
BAND_COLORS = ("#cfcfcf", "#e2e2e2", "#f3f3f3")
BAR_COLOR = "#2e3b4e"
TARGET_COLOR = "#000000"
EXPECTED_COLOR = OKABE_ITO["vermilion"]
TREND_COLOR = OKABE_ITO["blue"]

# Share of the target where the first band ends (0–60 % of the target, 60–100 %, beyond).
BAND_SPLIT = 0.6

MINUS = "\u2212"  # Noto Sans SC has the true minus sign; a hyphen looks wrong next to numbers

# Bars in the overview are cut at this percentage so one outlier does not flatten the others.
OVERVIEW_CAP = 200.0


# ---------------------------------------------------------------- small helpers


def _num(value) -> float:
    """A float or NaN from whatever the table holds (None, NA, strings of numbers)."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        return math.nan
    return out


def status_label(status: str) -> str:
    """Chinese label of a status code (metadata.statuses owns it)."""
    return status_of(status).label


def status_style(status: str) -> tuple[str, str]:
    """(fill colour, hatch) of a status; an unknown code is plain grey (metadata.statuses owns them)."""
    style = status_of(status).style
    return style.fill, style.hatch


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def fmt(value: float, digits: int = 2) -> str:
    """Number as briefings print it: at most `digits` decimals (round half up), no trailing zeros, no "-0"."""
    return numbers.fmt(value, digits, trim=True, thousands=True, minus=MINUS)


def pct(value: float, digits: int = 1) -> str:
    """Percentage label such as 71.4% (round half up; typographic minus for negative values)."""
    return numbers.pct(value, digits, minus=MINUS)


def _year(value) -> str:
    year = _num(value)
    return "" if math.isnan(year) else f"{int(year)}年"


def target_text(target: float, comparator: str) -> str:
    """'3.5' for >=, '>4' for >, '≤0' for <=: the comparator only shows when it changes the reading."""
    return f"{CHART_SIGN.get(comparator, '')}{fmt(target)}"


def lower_is_better(comparator: str, direction: str | None = None) -> bool:
    """Direction given explicitly wins; otherwise a ceiling target ("<=", "<") means lower is better (assess owns it)."""
    return _lower_is_better(_text(comparator), direction)


def expected_value(row) -> float:
    """Where 序时进度 says the indicator should be: baseline + elapsed share of the baseline→target way."""
    baseline, target, elapsed = (_num(row.get(k)) for k in ("baseline", "target", "elapsed_pct"))
    if any(math.isnan(v) for v in (baseline, target, elapsed)):
        return math.nan
    return baseline + elapsed / 100 * (target - baseline)


def _pt_below(ax: Axes, points: float) -> transforms.Transform:
    """Axes coordinates shifted down by a fixed number of points (to sit under tick labels and axis label)."""
    return transforms.offset_copy(ax.transAxes, fig=ax.figure, y=-points, units="points")


def _legend_below(ax: Axes, handles, ncol: int, points: float = 30, align: str = "left"):
    # Under the x-axis label; constrained layout makes room for it. Right-aligned when long row labels sit
    # left of the plot, so a wide legend grows into the free space under them instead of off the page.
    return ax.legend(
        handles=handles,
        loc=f"upper {align}",
        bbox_to_anchor=(0 if align == "left" else 1, 0),
        bbox_transform=_pt_below(ax, points),
        ncol=ncol,
        borderaxespad=0,
        handlelength=1.4,
        handletextpad=0.5,
        columnspacing=1.6,
    )


# ---------------------------------------------------------------- figures


def show_inline_as_saved() -> bool:
    """In Jupyter, show figures at their page size, as the pack saves them; returns whether it applied.

    IPython crops inline figures to a tight box by default: it draws every figure twice (a third of a 5-region
    report's notebook time) and can show what the saved file cuts off. Figures here are laid out to fill their
    page, so the uncropped image is the same chart. Does nothing outside IPython's inline backend.
    """
    try:
        from IPython import get_ipython

        if get_ipython() is None or "inline" not in mpl.get_backend():
            return False
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches=None, dpi=150)  # 16 cm at 150 dpi: about the notebook's width
        return True
    except Exception:  # no IPython or an older matplotlib-inline: its default display stands
        return False


show_inline_as_saved()


def figure(kind: str = "bullet", n: int = 1) -> Figure:
    """A Figure 16 cm wide (A4 Word text width); height by kind and `n` (bullets stacked, or overview rows)."""
    ensure_chinese_font()
    heights_cm = {
        "bullet": 1.0 + 4.0 * n,
        "overview": 3.4 + 0.62 * n,
        "trend": 8.5,
        "ranking": 4.2 + 0.62 * n,
        "grid": 5.0 + 0.55 * n,
        "multiples": 3.0 + 4.4 * n,
    }
    if kind not in heights_cm:
        raise ValueError(f"unknown figure kind {kind!r}; expected one of {sorted(heights_cm)}")
    # More air between stacked bullets, so one legend does not read as the next chart's caption.
    engine = ConstrainedLayoutEngine(h_pad=0.1 if kind == "bullet" else 0.04167)
    height = min(heights_cm[kind], MAX_HEIGHT_CM)  # an A4 page: taller content is split by the caller
    return plt.figure(figsize=(FIGURE_WIDTH_CM * CM, height * CM), layout=engine)


def _axes(ax: Axes | None, kind: str, n: int = 1) -> Axes:
    ensure_chinese_font()
    return ax if ax is not None else figure(kind, n).add_subplot()


def add_source(fig_or_ax, text: str):
    """Source footnote at the bottom left of the figure in small grey text; returns the Text.

    Calling it again replaces the footnote instead of stacking a second one.
    """
    fig = fig_or_ax.get_figure(root=True)
    ensure_chinese_font()
    size = 7.0
    for old in [t for t in fig.texts if t.get_gid() == "source"]:
        old.remove()
    # Reserve a strip at the bottom for the footnote: text height plus a little air.
    strip = (size * 2.0 / 72) / fig.get_size_inches()[1]
    note = fig.text(0.01, strip * 0.3, text, ha="left", va="bottom", fontsize=size, color=MUTED, gid="source")
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, strip, 1, 1 - strip))
    else:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, strip + 0.08))
    return note


def save(fig: Figure, path_stem, description: str | None = None) -> list[Path]:
    """Write `<stem>.png` (300 dpi) and `<stem>.svg`, byte-identical on every run, each atomically.

    A temporary file in the same folder is renamed over the target, so a crash never leaves half a file.
    Paper size is kept exactly (no tight bbox): a 16 cm figure pastes into Word at 16 cm. `description`
    (what the figure shows, in words) is stored in both files' title metadata.
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    outputs = [
        (stem.with_name(stem.name + ".png"), "png", {"Software": None}),
        (stem.with_name(stem.name + ".svg"), "svg", {"Date": None}),
    ]
    if description:
        for _, _, metadata in outputs:
            metadata.update({"Title": description, "Description": description})
    written = []
    with mpl.rc_context({"svg.hashsalt": SVG_HASHSALT, "savefig.bbox": "standard", "svg.fonttype": "path"}):
        engine = fig.get_layout_engine()
        try:
            for path, fmt_, metadata in outputs:
                _atomic_savefig(fig, path, fmt_, metadata)
                written.append(path)
                # The layout is solved once (for the PNG); the SVG reuses it: same size, same positions.
                fig.set_layout_engine("none")
        finally:
            fig.set_layout_engine(engine)
    return written


def _atomic_savefig(fig: Figure, path: Path, fmt_: str, metadata: dict) -> None:
    # A unique hidden name in the same folder, so os.replace is an atomic rename on the same filesystem.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        # zlib level 1, not Pillow's 6: a chart (mostly flat colour) encodes in half the time for ~15 % more bytes.
        extra = {"pil_kwargs": {"compress_level": 1}} if fmt_ == "png" else {}
        fig.savefig(tmp, format=fmt_, dpi=300, metadata=metadata, facecolor="white", **extra)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------- bullet graph


# Zoom the bullet scale when every value sits in a narrow band far from zero (rates near 100 %): on a 0–100
# axis a 98 vs 99 gap vanishes and the target line hides the bar's end.
ZOOM_SPREAD = 0.10


def _bullet_scale(values: list[float], target: float, lower: bool) -> tuple[float, float, bool]:
    """Axis limits as (worst end, best end, zoomed): the best end always ends up on the right."""
    finite = [v for v in values if not math.isnan(v)]
    if finite and min(finite) > 0 and (max(finite) - min(finite)) < ZOOM_SPREAD * max(finite):
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
        return f"底纹由深到浅：不足目标的{BAND_SPLIT:.0%}、{BAND_SPLIT:.0%}–100%、达到目标以上"
    return "底纹由深到浅：距目标较远、接近目标、达到目标以上"


def bullet(row, ax: Axes | None = None, direction: str | None = None, title: str | None = None) -> Axes:
    """Stephen Few bullet graph for one indicator (one row of the gap table); returns the ax.

    Bar = actual value, coloured by status (same colours as the overview and the grid), black perpendicular
    line = target, vermilion triangle = where 序时进度 puts it (needs a baseline). For lower-is-better
    indicators the scale is reversed and the bar grows from the worst end, so "better" is always to the right
    and a bar past the target line always means the target is met. When all values sit close together far
    from zero (rates near 100 %), the scale starts near the data and the axis label says so.
    """
    row = pd.Series(row)
    ax = _axes(ax, "bullet")
    actual, target, baseline = (_num(row.get(k)) for k in ("actual", "target", "baseline"))
    comparator = _text(row.get("comparator")).strip()
    lower = lower_is_better(comparator, direction)
    expected = expected_value(row)
    worst, best, zoomed = _bullet_scale([actual, target, baseline, expected], target, lower)

    bands = _bullet_bands(ax, worst, best, target, baseline, lower, zoomed)
    handles = []
    status = _text(row.get("status"))
    if not math.isnan(actual):
        origin = worst if (lower or zoomed) else 0.0
        color, hatch = status_style(status) if status else (BAR_COLOR, "")
        ax.barh(0, actual - origin, left=origin, height=0.34, color=color, hatch=hatch, edgecolor=INK,
                linewidth=0.6, zorder=2, gid="actual")
        said = f"：{_text(row.get('status_label')) or status_label(status)}" if status else ""
        handles.append(Patch(facecolor=color, hatch=hatch, edgecolor=INK, linewidth=0.6,
                             label=f"实际 {fmt(actual)}{_paren(_year(row.get('year')))}{said}"))
    else:
        ax.text(0.5, 0.5, "无数据", transform=ax.transAxes, ha="center", va="center", color=MUTED)
    if not math.isnan(target):
        ax.plot([target, target], [-0.3, 0.3], color=TARGET_COLOR, lw=2.4, solid_capstyle="butt", zorder=3,
                gid="target")
        label = f"目标 {target_text(target, comparator)}{_paren(_year(row.get('target_year')))}"
        handles.append(Line2D([], [], color=TARGET_COLOR, marker="|", ms=11, mew=2.4, ls="", label=label))
    else:
        handles.append(Patch(color=BAND_COLORS[-1], label="无量化目标"))
    if not math.isnan(expected):
        ax.plot([expected], [0.36], marker="v", ms=7, color=EXPECTED_COLOR, mec="white", mew=0.6, ls="",
                zorder=4, clip_on=False, gid="expected")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, marker="v", ms=7, mec="white", ls="",
                              label=f"序时进度 {fmt(expected)}"))

    ax.set_xlim(worst, best)  # worst > best for lower-is-better: matplotlib draws the axis reversed
    ax.set_ylim(-0.5, 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    _drop_impossible_ticks(ax, [actual, target, baseline])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    unit = _text(row.get("unit"))
    notes = [f"单位：{unit}"] if unit else []
    if lower:
        notes.append("越低越好，刻度反向")
    if zoomed:
        notes.append(f"刻度从{fmt(min(worst, best))}起（已放大，不从0开始）")
    ax.set_xlabel("；".join(notes) + (f"\n{bands}" if bands else ""), loc="left", color=MUTED, fontsize=7.5)
    ax.set_title(title if title is not None else _text(row.get("name")))
    _legend_below(ax, handles, ncol=len(handles) or 1, points=38 if bands else 30)
    return ax


def _paren(text: str) -> str:
    return f"（{text}）" if text else ""


def _drop_impossible_ticks(ax: Axes, values: list[float]) -> None:
    """No negative tick labels when every value is non-negative (a tiny margin past 0 is only room)."""
    finite = [v for v in values if not math.isnan(v)]
    if finite and min(finite) >= 0:
        lo, hi = sorted(ax.get_xlim())
        ticks = [t for t in ax.get_xticks() if 0 <= t and lo - 1e-9 <= t <= hi + 1e-9]
        ax.set_xticks(ticks)


# ---------------------------------------------------------------- overview


NO_LINE_START = "）》」』，。、；：！？%"


def _wrap(text: str, width: int = 16) -> list[str]:
    """Chinese names break anywhere, but never put closing punctuation at the start of a line."""
    lines: list[str] = []
    for ch in text:
        if lines and (len(lines[-1]) < width or ch in NO_LINE_START):
            lines[-1] += ch
        else:
            lines.append(ch)
    return lines or [""]


def _row_label(name: str, region: str, width: int = 16) -> list[str]:
    """Indicator name, then "（地区）" on the same line when it fits, else on its own line."""
    lines = _wrap(name, width)
    if region:
        suffix = f"（{region}）"
        if len(lines[-1]) + len(suffix) <= width + 2:
            lines[-1] += suffix
        else:
            lines.append(suffix)
    return lines


def _overview_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Rows with a numeric target, grouped by area then indicator, both in order of first appearance.

    Grouping by indicator keeps the regions of one indicator next to each other.
    """
    has_target = table["target"].map(_num).notna() & table["comparator"].map(_text).str.strip().ne("")
    rows = table[has_target].copy()
    rows["area"] = rows["area"].map(_text).replace("", "其他")
    for col in ("area", "indicator_id"):
        first_seen = {v: i for i, v in enumerate(dict.fromkeys(rows[col]))}
        rows[f"_{col}_rank"] = rows[col].map(first_seen)
    rows["_pos"] = range(len(rows))
    return rows.sort_values(["_area_rank", "_indicator_id_rank", "_pos"])


# Extra height (in row units) for each wrapped line of a row label.
LINE_STEP = 0.55
# Share of the value axis a value label takes (for moving it past a reference line).
LABEL_SPAN = 0.075
# Row units on one overview page: 3.4 cm + 0.62 cm per unit stays within an A4 page's 24 cm.
PAGE_UNITS = 32


def _row_units(rows: pd.DataFrame, several_regions: bool) -> list[float]:
    labels = [_row_label(_text(r["name"]), _text(r["region"]) if several_regions else "") for _, r in rows.iterrows()]
    return [1 + LINE_STEP * (len(lines) - 1) for lines in labels]


def overview_pages(table: pd.DataFrame, units: float = PAGE_UNITS) -> list[tuple[str, pd.DataFrame]]:
    """The overview split into A4 pages: (what the page shows, its rows of the gap table).

    Several regions: one page per region (a region too long for one page continues on the next, by area).
    One region: pages by area. Every page fits `units` row units, so its figure is at most 24 cm tall.
    """
    rows = _overview_rows(table)
    several = table["region"].map(_text).nunique() > 1
    groups = [(_text(r), part) for r, part in rows.groupby("region", sort=False)] if several else [("", rows)]
    pages: list[tuple[str, pd.DataFrame]] = []
    for region, part in groups:
        chunks, current, used = [], [], 0.0
        for _, area_rows in part.groupby("area", sort=False):
            need = sum(_row_units(area_rows, False)) + 1
            if current and used + need > units:
                chunks.append(pd.concat(current))
                current, used = [], 0.0
            current.append(area_rows)
            used += need
        if current:
            chunks.append(pd.concat(current))
        for k, chunk in enumerate(chunks, 1):
            label = region + (f"（{k}/{len(chunks)}）" if len(chunks) > 1 else "")
            pages.append((label, chunk.drop(columns=[c for c in chunk.columns if c.startswith("_")])))
    return pages


def place_and_year(table: pd.DataFrame) -> str:
    """"乐平市2024年" / "5个地区2024年": the place and evaluation year a title names."""
    regions = [r for r in dict.fromkeys(table["region"].map(_text)) if r]
    place = regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")
    years = table["year"].map(_num).dropna()
    return place + (f"{int(years.max())}年" if len(years) else "")


OVERVIEW_TITLE = {"completion_pct": "主要指标完成度", "achievement_pct": "主要指标目标进度"}


def overview_measure(table: pd.DataFrame) -> str:
    """"achievement_pct" (目标进度, judged against 序时进度) when most indicators with a target and a value have a
    baseline to measure it from; else "completion_pct" (完成度, as the bundled report without baselines)."""
    rows = table[table["target"].map(_num).notna() & table["actual"].map(_num).notna()]
    known = rows["achievement_pct"].map(_num).notna().sum()
    return "achievement_pct" if len(rows) and known * 2 >= len(rows) else "completion_pct"


def overview(table: pd.DataFrame, ax: Axes | None = None, measure: str = "completion_pct",
             title: str | None = None) -> Axes:
    """One horizontal bar per indicator with a target, grouped by area, coloured by status; returns the ax.

    `measure` is "completion_pct" (实际/目标) or "achievement_pct" (基期→目标 的进度; overview_measure picks).
    A black line marks 100 %; with 目标进度, a dashed vermilion line (or per-row ticks when years differ) marks
    序时进度, the pace it is judged against (it is not drawn beside 完成度, which is not compared with time).
    Bars past 200 % are cut there and their label keeps the true value. Rows without a target are left out.
    """
    rows = _overview_rows(table)
    areas = list(dict.fromkeys(rows["area"]))
    several_regions = table["region"].map(_text).nunique() > 1
    labels = [_row_label(_text(r["name"]), _text(r["region"]) if several_regions else "") for _, r in rows.iterrows()]
    heights = [1 + LINE_STEP * (len(lines) - 1) for lines in labels]
    ax = _axes(ax, "overview", n=math.ceil(sum(heights)) + len(areas))

    values = rows[measure].map(_num)
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
            elapsed = _num(row.get("elapsed_pct")) if measure == "achievement_pct" else math.nan
            _overview_bar(ax, row, _num(row[measure]), y, lo, hi, span, refs=(100.0, elapsed))
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
    drawn = set(rows.loc[values.notna(), "status"].map(_text))
    present = [s for s in STATUSES if s in drawn]
    # Legend words are the labels the table carries: the method actually used (eurostat: 进展适中 …), the phase (完成).
    shown = rows.loc[values.notna()]
    words = {s: "/".join(dict.fromkeys(shown.loc[shown["status"] == s, "status_label"].map(_text))) for s in present}
    handles = [_status_patch(s, words.get(s)) for s in present] + handles
    _legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=30, align="right")
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
    status = _text(row.get("status"))
    if math.isnan(value):
        # With an actual value the measure is undefined (no baseline, target 0), not missing.
        why = "无数据" if math.isnan(_num(row.get("actual"))) else "无法计算"
        ax.text(0, y, f" {why}", ha="left", va="center", fontsize=7.5, color=MUTED, gid="no-value")
        return
    color, hatch = status_style(status)
    shown = min(max(value, lo), hi)  # cut outliers at the cap; the label tells the true value
    ax.barh(y, shown, height=0.62, color=color, hatch=hatch, edgecolor=status_of(status).style.edge, linewidth=0.6, zorder=2,
            gid=f"bar:{_text(row.get('indicator_id'))}")  # tests and callers find each bar by indicator
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
    shares = {round(e, 6) for e, _ in known}
    if len(shares) == 1:
        e = known[0][0]
        ax.axvline(e, color=EXPECTED_COLOR, lw=1.0, ls=(0, (4, 2)), zorder=4, gid="elapsed")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, lw=1.0, ls=(0, (4, 2)), label=f"序时进度（{e:.0f}%）"))
    else:
        xs, ys = zip(*known)
        ax.plot(xs, ys, ls="", marker="|", ms=12, mew=1.6, color=EXPECTED_COLOR, zorder=4, gid="elapsed")
        handles.append(Line2D([], [], ls="", marker="|", ms=10, mew=1.6, color=EXPECTED_COLOR, label="序时进度"))
    return handles


def _status_patch(status: str, label: str | None = None) -> Patch:
    color, hatch = status_style(status)
    return Patch(facecolor=color, hatch=hatch, edgecolor=status_of(status).style.edge, linewidth=0.6,
                 label=label or status_label(status))


# ---------------------------------------------------------------- trend


def _select(tidy: pd.DataFrame, indicator_id: str, region: str | None) -> pd.DataFrame:
    """The indicator's rows for one region; None means its only region (or the first listed, if several)."""
    rows = tidy[tidy["indicator_id"] == indicator_id]
    if region is None and len(rows):
        region = rows["region"].iloc[0]
    return rows[rows["region"] == region]


def _history(rows: pd.DataFrame) -> pd.DataFrame:
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
    return len(_history(_select(tidy, indicator_id, region))) >= 2


def _target(rows: pd.DataFrame, kind: str):
    """(year, value, comparator) of the latest target of that kind (the last listed, among one year's), or None."""
    year, value = numbers.floats(rows["year"]), numbers.floats(rows["value"])
    ok = np.flatnonzero((rows["kind"].to_numpy() == kind) & ~(np.isnan(year) | np.isnan(value)))
    if not len(ok):
        return None
    last = ok[np.argsort(year[ok], kind="stable")[-1]]
    return int(year[last]), float(value[last]), _text(rows["comparator"].iloc[last] if "comparator" in rows else "").strip()


def _plan_end(rows: pd.DataFrame, latest: int) -> int:
    """The plan's end year the table was read with, when the indicator has no target; else the latest year."""
    ends = pd.to_numeric(rows["plan_target_year"], errors="coerce").dropna() if "plan_target_year" in rows else []
    return int(max(ends)) if len(ends) else latest


def trend(tidy: pd.DataFrame, indicator_id: str, region: str | None = None, ax: Axes | None = None,
          title: str | None = None) -> Axes:
    """Values over the years, the target at its year, and a dashed straight-line projection; returns the ax.

    The projection continues the pace between the first and the latest value to the target year (or the plan's
    end year) by the gap table's rule (rules.units.projection: compound growth for counts and amounts, the yearly
    change for percentages and indices). Needs ``has_trend(...)``.
    """
    rows = _select(tidy, indicator_id, region)
    hist = _history(rows)
    if len(hist) < 2:
        raise ValueError(f"{indicator_id}: fewer than two years of values, no trend to draw (see has_trend)")
    ax = _axes(ax, "trend")
    years, values = hist["year"].to_numpy(int), hist["value"].to_numpy(float)
    target, midterm = _target(rows, "target"), _target(rows, "midterm_target")
    end_year = target[0] if target else _plan_end(rows, int(years[-1]))

    ax.plot(years, values, color=TREND_COLOR, lw=1.6, marker="o", ms=5, zorder=3, gid="actual")
    handles = [Line2D([], [], color=TREND_COLOR, lw=1.6, marker="o", ms=5, label="实际值")]
    base = hist["kind"] == "baseline"
    if base.any():
        ax.plot(years[base], values[base], ls="", marker="o", ms=5, mfc="white", mec=TREND_COLOR, mew=1.4,
                zorder=4, gid="baseline")
        handles.append(Line2D([], [], ls="", marker="o", ms=5, mfc="white", mec=TREND_COLOR, mew=1.4,
                              label="基期值"))
    _label_points(ax, years, values)

    for spec, gid, face, word in ((target, "target", TARGET_COLOR, "目标"), (midterm, "midterm", "white", "中期目标")):
        if spec:
            ty, tv, comp = spec
            ax.axhline(tv, color=RULE, lw=0.8, ls=":", zorder=1)
            ax.plot([ty], [tv], ls="", marker="D", ms=6, mfc=face, mec=TARGET_COLOR, mew=1.2, zorder=5, gid=gid,
                    clip_on=False)
            handles.append(Line2D([], [], ls="", marker="D", ms=6, mfc=face, mec=TARGET_COLOR, mew=1.2,
                                  label=f"{word} {target_text(tv, comp)}（{ty}年）"))
    if end_year > years[-1]:
        # The same rule as the gap table's `projected` (rules.units.projection): compound for counts and amounts,
        # linear for percentages and indices.
        unit = _text(rows["unit"].iloc[0]) if "unit" in rows and len(rows) else ""
        name = _text(rows["name"].iloc[0]) if "name" in rows and len(rows) else ""
        linear = moves_by_points(unit, name)
        projected = projection(values[0], years[0], values[-1], years[-1], end_year, linear)
        ax.plot([years[-1], end_year], [values[-1], projected], color=TREND_COLOR, lw=1.2, ls=(0, (4, 3)),
                zorder=2, gid="projection")
        handles.append(Line2D([], [], color=TREND_COLOR, lw=1.2, ls=(0, (4, 3)),
                              label=f"按{'年均变化' if linear else '年均增速'}外推 {fmt(projected)}（{end_year}年）"))

    first, last = int(years[0]), max(end_year, int(years[-1]))
    ax.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)])
    ax.set_xlim(first - 0.4, last + 0.4)
    ax.margins(y=0.18)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    unit = _text(rows["unit"].iloc[0]) if "unit" in rows and len(rows) else ""
    # Unit written horizontally above the value axis (Chinese charts do not rotate CJK labels).
    ax.set_ylabel(f"单位：{unit}" if unit else "", color=MUTED, rotation=0, ha="left", va="bottom")
    ax.yaxis.set_label_coords(0, 1.02)
    ax.grid(axis="y", color="#ececec", lw=0.6, zorder=0)
    name = _text(rows["name"].iloc[0]) if "name" in rows and len(rows) else str(indicator_id)
    where = _text(rows["region"].iloc[0]) if "region" in rows and len(rows) else ""
    ax.set_title(title if title is not None else name + _paren(where), pad=22 if unit else 6)
    _legend_below(ax, handles, ncol=min(3, len(handles)), points=22)
    return ax


def _label_points(ax: Axes, years: np.ndarray, values: np.ndarray) -> None:
    # Label every point when few, else only the first and the latest, to keep the chart readable.
    idx = range(len(years)) if len(years) <= 8 else (0, len(years) - 1)
    for i in idx:
        ax.annotate(fmt(values[i]), (years[i], values[i]), xytext=(0, 6), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7.5, color=INK, gid="point-label")


# ---------------------------------------------------------------- comparing regions


def _is_dark(color: str) -> bool:
    r, g, b = mpl.colors.to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45


def ranking(table: pd.DataFrame, indicator_id: str, ax: Axes | None = None, city: str | None = None,
            title: str | None = None) -> Axes:
    """Regions ranked on one indicator (dot plot, best at the top); returns the ax.

    Each dot is a region's latest value, coloured by its status; the black line is the target (short ticks
    per row when regions have different targets). The row of `city` (e.g. the whole city's own value) is not
    ranked: it is drawn as a dashed vertical line labelled with its value. Lower-is-better indicators run on a
    reversed scale, so better is always to the right and at the top.
    """
    rows = table[table["indicator_id"] == indicator_id].copy()
    rows["_actual"] = rows["actual"].map(_num)
    city_rows = rows[rows["region"].map(_text) == (city or "\0")]
    rows = rows[(rows["region"].map(_text) != (city or "\0")) & rows["_actual"].notna()]
    comparator = _text(rows["comparator"].iloc[0]).strip() if len(rows) else ""
    direction = _text(rows["direction"].iloc[0]) if "direction" in rows and len(rows) else ""
    lower = lower_is_better(comparator, direction if direction in ("higher", "lower") else None)
    # Best first: the top row is the best region.
    rows = rows.sort_values("_actual", ascending=lower, kind="stable")
    ax = _axes(ax, "ranking", n=max(len(rows), 1))
    n = len(rows)
    ys = np.arange(n)[::-1]  # first (best) row on top
    values = rows["_actual"].to_numpy(float)
    targets = rows["target"].map(_num).to_numpy(float)
    city_value = _num(city_rows["actual"].iloc[0]) if len(city_rows) else math.nan
    scale = [v for v in [*values, *targets, city_value] if not math.isnan(v)]
    lo, hi = (min(scale), max(scale)) if scale else (0.0, 1.0)
    span = (hi - lo) or abs(hi) * 0.1 or 1.0
    end = hi + 0.18 * span
    start = 0.0 if lo >= 0 and lo < 0.5 * hi else lo - 0.12 * span
    if start != 0.0:  # a round number where the (zoomed) scale starts
        ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(start, end)
        start = float(max([t for t in ticks if t <= start], default=start))
    handles = []
    for y, (_, row), v in zip(ys, rows.iterrows(), values):
        color, _ = status_style(_text(row.get("status")))
        ax.plot([end if lower else start, v], [y, y], color=RULE, lw=0.8, zorder=1)  # from the worst end
        ax.plot([v], [y], ls="", marker="o", ms=8, mfc=color, mec=INK, mew=0.7, zorder=3,
                gid=f"dot:{_text(row['region'])}")
        ax.annotate(fmt(v), (v, y), xytext=(-7 if lower else 7, 0), textcoords="offset points", va="center",
                    ha="right" if lower else "left", fontsize=7.5, color=INK, gid="value")
    finite_targets = sorted({round(t, 9) for t in targets if not math.isnan(t)})
    if len(finite_targets) == 1:
        t = finite_targets[0]
        ax.axvline(t, color=TARGET_COLOR, lw=1.6, zorder=2, gid="target")
        year = _year(rows["target_year"].iloc[0]) if len(rows) else ""
        handles.append(Line2D([], [], color=TARGET_COLOR, lw=1.6, label=f"目标 {target_text(t, comparator)}{_paren(year)}"))
    elif finite_targets:
        ax.plot(targets, ys, ls="", marker="|", ms=14, mew=2.0, color=TARGET_COLOR, zorder=2, gid="target")
        handles.append(Line2D([], [], ls="", marker="|", ms=10, mew=2.0, color=TARGET_COLOR, label="目标（各地区）"))
    if not math.isnan(city_value):
        ax.axvline(city_value, color=EXPECTED_COLOR, lw=1.2, ls=(0, (4, 2)), zorder=2, gid="city")
        handles.append(Line2D([], [], color=EXPECTED_COLOR, lw=1.2, ls=(0, (4, 2)), label=f"{city} {fmt(city_value)}"))
    drawn = [s for s in STATUSES if s in set(rows["status"].map(_text))]
    handles = [Line2D([], [], ls="", marker="o", ms=7, mfc=status_style(s)[0], mec=INK, mew=0.7,
                      label=status_label(s)) for s in drawn] + handles
    if n == 0:
        ax.text(0.5, 0.5, "没有可比较的地区数值", transform=ax.transAxes, ha="center", va="center", color=MUTED)
    ax.set_yticks(ys, [f"{k}. {_text(r)}" for k, r in enumerate(rows["region"], 1)])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, max(n, 1) - 0.3)
    ax.set_xlim(end, start) if lower else ax.set_xlim(start, end)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt(x)))
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#ececec", lw=0.6, zorder=0)
    unit = _text(rows["unit"].iloc[0]) if len(rows) else ""
    notes = [f"单位：{unit}"] if unit else []
    if lower:
        notes.append("越低越好，刻度反向")
    if start != 0.0:
        notes.append(f"刻度从{fmt(start)}起，不从0开始")
    ax.set_xlabel("；".join(notes), loc="left", color=MUTED, fontsize=7.5)
    name = _text(rows["name"].iloc[0]) if len(rows) else str(indicator_id)
    year = rows["year"].map(_num).max() if len(rows) else math.nan
    default = f"{name}：各地区排名" + (f"（{int(year)}年）" if not math.isnan(year) else "")
    ax.set_title(title if title is not None else default)
    _legend_below(ax, handles, ncol=min(4, len(handles)) or 1, points=26, align="right")
    return ax


# Indicator rows on one status-grid page (5 cm + 0.55 cm per row stays within 24 cm).
GRID_ROWS = 34


def grid_pages(table: pd.DataFrame, rows_per_page: int = GRID_ROWS) -> list[pd.DataFrame]:
    """The gap table cut into status-grid pages of whole areas, each at most `rows_per_page` indicators."""
    order = list(dict.fromkeys(table["indicator_id"]))
    area_of = dict(zip(table["indicator_id"], table["area"].map(_text)))
    pages, current = [], []
    for area in dict.fromkeys(area_of[i] for i in order):
        ids = [i for i in order if area_of[i] == area]
        while ids:
            if len(current) + len(ids) > rows_per_page and current:
                pages.append(current)
                current = []
            take = ids[: rows_per_page - len(current)]
            current += take
            ids = ids[len(take):]
    if current:
        pages.append(current)
    return [table[table["indicator_id"].isin(ids)] for ids in pages]


def status_grid(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Region × indicator grid of statuses: a coloured cell with a symbol each (readable in grayscale); returns ax.

    Rows are indicators (grouped by area, in table order), columns regions (in table order). An empty cell
    means the region does not report that indicator.
    """
    ids = list(dict.fromkeys(table["indicator_id"]))
    regions = list(dict.fromkeys(table["region"].map(_text)))
    ax = _axes(ax, "grid", n=max(len(ids), 1))
    cell = {(i, _text(r)): _text(s) for i, r, s in zip(table["indicator_id"], table["region"], table["status"])}
    names = dict(zip(table["indicator_id"], table["name"].map(_text)))
    for y, ind in enumerate(ids):
        for x, region in enumerate(regions):
            status = cell.get((ind, region))
            if status is None:
                continue
            color, _ = status_style(status)
            ax.add_patch(mpl.patches.Rectangle((x - 0.46, y - 0.42), 0.92, 0.84, facecolor=color, edgecolor="white",
                                               lw=0.8, zorder=1, gid=f"cell:{ind}:{region}"))
            ax.text(x, y, status_of(status).symbol, ha="center", va="center", fontsize=9, zorder=2,
                    color="white" if _is_dark(color) else INK, gid="symbol")
    ax.set_xlim(-0.5, len(regions) - 0.5)
    ax.set_ylim(len(ids) - 0.5, -0.5)
    ax.set_xticks(range(len(regions)), regions, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(ids)), ["\n".join(_wrap(names.get(i, str(i)), 18)) for i in ids], fontsize=7.5)
    ax.tick_params(length=0)
    for side in ("left", "right", "top", "bottom"):
        ax.spines[side].set_visible(False)
    present = [s for s in STATUSES if s in set(cell.values())]
    handles = [Patch(facecolor=status_style(s)[0], edgecolor="white", label=f"{status_of(s).symbol} {status_label(s)}")
               for s in present]
    ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1, 0), bbox_transform=_pt_below(ax, 6),
              ncol=min(4, len(handles)) or 1, borderaxespad=0, handlelength=1.4, columnspacing=1.2, fontsize=7.5)
    ax.set_title(title if title is not None else place_and_year(table) + "各指标评估结论", pad=8)
    return ax


def small_multiples(tidy: pd.DataFrame, indicator_id: str, table: pd.DataFrame | None = None,
                    regions: list[str] | None = None, fig: Figure | None = None, title: str | None = None) -> Figure:
    """One trend panel per region for one indicator, on a shared value axis, with the target; returns the Figure.

    The panels share both axes, so heights compare across regions. The line is coloured by the region's
    status in `table` (when given); the dotted line and diamond are the target at its year.
    """
    rows_all = tidy[tidy["indicator_id"] == indicator_id]
    by_region = dict(tuple(rows_all.groupby("region", sort=False, observed=True)))  # one split, not one mask per panel
    regions = regions or [r for r in dict.fromkeys(rows_all["region"]) if len(_history(by_region.get(r, rows_all.iloc[:0])))]
    n = max(len(regions), 1)
    ncols = 1 if n == 1 else 2 if n <= 4 else 3 if n <= 9 else 4
    nrows = math.ceil(n / ncols)
    fig = fig or figure("multiples", nrows)
    axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).ravel()
    status = {}
    if table is not None:
        part = table[table["indicator_id"] == indicator_id]
        status = dict(zip(part["region"].map(_text), part["status"].map(_text)))
    first_year, last_year = None, None
    handles = {}
    for ax, region in zip(axes, regions):
        rows = by_region.get(region, rows_all.iloc[:0])
        hist = _history(rows)
        target = _target(rows, "target")
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
        ax.set_title(_text(region), fontsize=8.5, loc="left")
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
    name = _text(rows_all["name"].iloc[0]) if len(rows_all) else str(indicator_id)
    unit = _text(rows_all["unit"].iloc[0]) if len(rows_all) else ""
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
        _legend_below(axes[(nrows - 1) * ncols], ordered, ncol=min(4, len(ordered)), points=22)
    return fig
