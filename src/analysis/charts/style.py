"""The shared look of every chart: page size, colours, number labels, titles, legends, the source footnote.

Charts are drawn for an A4 Word page (16 cm of text width, at most 24 cm tall); every chart module takes its
figure from ``figure(kind, n)`` when it is given no ax. Status colours and words come from metadata/statuses.py,
numbers from rules/numbers.py.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import transforms
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from analysis.assess.rows import is_final
from analysis.charts.fonts import MUTED, ensure_chinese_font
from analysis.metadata.statuses import status as status_of
from analysis.rules import numbers
from analysis.rules.targets import CHART_SIGN
from analysis.rules.targets import lower_is_better as _lower_is_better

# A4 Word page: 16 cm of text width.
CM = 1 / 2.54
FIGURE_WIDTH_CM = 16.0
# A4 Word page: 24 cm of text height (with room for a caption); no figure is taller.
MAX_HEIGHT_CM = 24.0

# Okabe–Ito colours (distinguishable with the common colour-vision deficiencies): vermilion for 序时进度 and the
# city's own value, blue for trends; targets are black.
TARGET_COLOR = "#000000"
EXPECTED_COLOR = "#D55E00"
TREND_COLOR = "#0072B2"

MINUS = "\u2212"  # Noto Sans SC has the true minus sign; a hyphen looks wrong next to numbers


def as_num(value) -> float:
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


def as_text(value) -> str:
    """The cell as text; "" for None, NaN and NA."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def fmt(value: float, digits: int = 2) -> str:
    """Number as briefings print it: at most `digits` decimals (round half up), no trailing zeros, no "-0"."""
    return numbers.fmt(value, digits, trim=True, thousands=True, minus=MINUS)


def pct(value: float, digits: int = 1) -> str:
    """Percentage label such as 71.4% (round half up; typographic minus for negative values)."""
    return numbers.pct(value, digits, minus=MINUS)


def year_text(value) -> str:
    """"2023年", or "" when the year is unknown."""
    year = as_num(value)
    return "" if math.isnan(year) else f"{int(year)}年"


def target_text(target: float, comparator: str) -> str:
    """'3.5' for >=, '>4' for >, '≤0' for <=: the comparator only shows when it changes the reading."""
    return f"{CHART_SIGN.get(comparator, '')}{fmt(target)}"


def lower_is_better(comparator: str, direction: str | None = None) -> bool:
    """Direction given explicitly wins; otherwise a ceiling target ("<=", "<") means lower is better (assess owns
    it)."""
    return _lower_is_better(as_text(comparator), direction)


def pt_below(ax: Axes, points: float) -> transforms.Transform:
    """Axes coordinates shifted down by a fixed number of points (to sit under tick labels and axis label)."""
    return transforms.offset_copy(ax.transAxes, fig=ax.figure, y=-points, units="points")


def legend_below(ax: Axes, handles, ncol: int, points: float = 30, align: str = "left"):
    # Under the x-axis label; constrained layout makes room for it. Right-aligned when long row labels sit
    # left of the plot, so a wide legend grows into the free space under them instead of off the page.
    return ax.legend(
        handles=handles,
        loc=f"upper {align}",
        bbox_to_anchor=(0 if align == "left" else 1, 0),
        bbox_transform=pt_below(ax, points),
        ncol=ncol,
        borderaxespad=0,
        handlelength=1.4,
        handletextpad=0.5,
        columnspacing=1.6,
    )


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


def axes_for(ax: Axes | None, kind: str, n: int = 1) -> Axes:
    """The ax given, or the one axes of a new figure of that kind."""
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


def paren(text: str) -> str:
    """"（text）", or "" for no text."""
    return f"（{text}）" if text else ""


NO_LINE_START = "）》」』，。、；：！？%"


def wrap(text: str, width: int = 16) -> list[str]:
    """Chinese names break anywhere, but never put closing punctuation at the start of a line."""
    lines: list[str] = []
    for ch in text:
        if lines and (len(lines[-1]) < width or ch in NO_LINE_START):
            lines[-1] += ch
        else:
            lines.append(ch)
    return lines or [""]


def place_and_year(table: pd.DataFrame) -> str:
    """"乐平市2024年" / "5个地区2024年": the place and evaluation year a title names."""
    regions = [r for r in dict.fromkeys(table["region"].map(as_text)) if r]
    place = regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")
    years = table["year"].map(as_num).dropna()
    return place + (f"{int(years.max())}年" if len(years) else "")


def is_dark(color: str) -> bool:
    """True when white text reads better than ink on this fill."""
    r, g, b = mpl.colors.to_rgb(color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45



def is_final_row(row) -> bool:
    """The row is a final evaluation (at or after the plan's end): assess.rows owns the rule."""
    def clean(key):
        value = row.get(key)
        return None if as_text(value) == "" else value
    return is_final({"phase": as_text(row.get("phase")), "year": clean("year"), "target_year": clean("target_year")})


def all_final(table: pd.DataFrame) -> bool:
    """Every row with a target and a value is a final evaluation (and there is one): the chart speaks the final
    language (a row without a value has no year to judge its phase by)."""
    has = table["target"].map(as_num).notna() & table["actual"].map(as_num).notna() if "target" in table else []
    rows = table[has] if len(table) else table
    return len(rows) > 0 and all(is_final_row(row) for _, row in rows.iterrows())


def status_words(rows: pd.DataFrame, status: str) -> str:
    """The words the table carries for a status (完成 at the plan's end, 已达到目标 before), else its label."""
    if "status_label" in rows:
        said = rows.loc[rows["status"].map(as_text) == status, "status_label"].map(as_text)
        words = [w for w in dict.fromkeys(said) if w]
        if words:
            return "/".join(words)
    return status_label(status)


def data_per_point(ax: Axes, axis: str = "x") -> float:
    """How many data units one typographic point spans on an axis, by the axes' current size and limits
    (an estimate before the layout is solved: used to keep labels clear of reference lines)."""
    width, height = ax.figure.get_size_inches() * ax.get_position().size * 72
    lo, hi = ax.get_xlim() if axis == "x" else ax.get_ylim()
    return abs(hi - lo) / max(width if axis == "x" else height, 1.0)


def text_points(text: str, size: float) -> float:
    """Estimated width of a label in points: CJK characters one em, digits and signs about half."""
    return sum(size if ord(ch) > 0x2E80 else 0.55 * size for ch in text)


# Gridlines are thin, light and solid; a target is a black dotted rule drawn above them (axis zorder is 1.5),
# so a target that falls on a gridline still shows.
GRID = {"color": "#ececec", "lw": 0.6}
TARGET_RULE = {"color": TARGET_COLOR, "lw": 0.9, "ls": (0, (1, 1.6)), "zorder": 2.6}
LABEL_GAP = 6.0  # points between a point and its value label


def label_offset(ax: Axes, value: float, rules: list[float], size: float, axis: str = "y") -> float:
    """Offset in points (positive: above / right) that keeps a value label of font `size` clear of reference
    rules (targets) across its axis: its usual side when free, else the other side, else just past the rule."""
    per = data_per_point(ax, axis)
    sign = -1.0 if (axis == "y" and ax.yaxis_inverted()) or (axis == "x" and ax.xaxis_inverted()) else 1.0
    extent = 1.3 * size if axis == "y" else size  # the label's height, or its estimated width

    def crosses(offset):
        far = offset + (extent if offset > 0 else -extent)
        lo, hi = sorted((value + sign * offset * per, value + sign * far * per))
        return any(lo - per <= r <= hi + per for r in rules)

    for offset in (LABEL_GAP, -LABEL_GAP):
        if not crosses(offset):
            return offset
    # Both sides blocked: past the farthest rule on the usual side.
    past = max((sign * (r - value) / per for r in rules if sign * (r - value) >= 0), default=0.0)
    return past + 2.0
