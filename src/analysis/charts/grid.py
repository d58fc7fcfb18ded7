"""Region × indicator grid of statuses: a coloured cell with a symbol each (readable in grayscale)."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from analysis.charts.fonts import INK
from analysis.charts.style import as_text, axes_for, is_dark, place_and_year, pt_below, status_style, status_words, wrap
from analysis.metadata.statuses import STATUSES
from analysis.metadata.statuses import status as status_of


def status_grid(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Region × indicator grid of statuses: a coloured cell with a symbol each (readable in grayscale); returns ax.

    Rows are indicators (grouped by area, in table order), columns regions (in table order). An empty cell
    means the region does not report that indicator.
    """
    ids = list(dict.fromkeys(table["indicator_id"]))
    regions = list(dict.fromkeys(table["region"].map(as_text)))
    ax = axes_for(ax, "grid", n=max(len(ids), 1))
    cell = {(i, as_text(r)): as_text(s) for i, r, s in zip(table["indicator_id"], table["region"], table["status"])}
    names = dict(zip(table["indicator_id"], table["name"].map(as_text)))
    for y, ind in enumerate(ids):
        for x, region in enumerate(regions):
            status = cell.get((ind, region))
            if status is None:
                continue
            color, _ = status_style(status)
            ax.add_patch(mpl.patches.Rectangle((x - 0.46, y - 0.42), 0.92, 0.84, facecolor=color, edgecolor="white",
                                               lw=0.8, zorder=1, gid=f"cell:{ind}:{region}"))
            ax.text(x, y, status_of(status).symbol, ha="center", va="center", fontsize=9, zorder=2,
                    color="white" if is_dark(color) else INK, gid="symbol")
    ax.set_xlim(-0.5, len(regions) - 0.5)
    ax.set_ylim(len(ids) - 0.5, -0.5)
    ax.set_xticks(range(len(regions)), regions, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(ids)), ["\n".join(wrap(names.get(i, str(i)), 18)) for i in ids], fontsize=7.5)
    ax.tick_params(length=0)
    for side in ("left", "right", "top", "bottom"):
        ax.spines[side].set_visible(False)
    present = [s for s in STATUSES if s in set(cell.values())]
    handles = [Patch(facecolor=status_style(s)[0], edgecolor="white",
                     label=f"{status_of(s).symbol} {status_words(table, s)}")
               for s in present]
    ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1, 0), bbox_transform=pt_below(ax, 6),
              ncol=min(4, len(handles)) or 1, borderaxespad=0, handlelength=1.4, columnspacing=1.2, fontsize=7.5)
    ax.set_title(title if title is not None else place_and_year(table) + "各指标评估结论", pad=8)
    return ax
