"""Gap charts: one module per chart family, each function `(data, …, ax=None) -> ax`; no file is written here
(analysis.write.figures saves them and cuts long charts into A4 pages).

    bullet.bullet          one indicator against its target (and 序时进度)
    overview.overview      every indicator with a target: 完成度 or 目标进度 by status
    trend.trend            one indicator over the years, with the target and the projection
    ranking.ranking        regions ranked on one indicator
    grid.status_grid       region × indicator statuses
    multiples.small_multiples  one trend panel per region (returns the Figure)
"""

from analysis.charts.bullet import bullet, expected_value, has_bullet
from analysis.charts.grid import status_grid
from analysis.charts.jupyter import show_inline_as_saved
from analysis.charts.multiples import small_multiples
from analysis.charts.overview import OVERVIEW_TITLE, overview, overview_measure
from analysis.charts.ranking import ranking
from analysis.charts.style import (add_source, figure, fmt, lower_is_better, pct, place_and_year, status_label,
                                   status_style, target_text)
from analysis.charts.trend import has_trend, trend

show_inline_as_saved()

__all__ = [
    "OVERVIEW_TITLE",
    "add_source",
    "bullet",
    "expected_value",
    "figure",
    "fmt",
    "has_bullet",
    "has_trend",
    "lower_is_better",
    "overview",
    "overview_measure",
    "pct",
    "place_and_year",
    "ranking",
    "show_inline_as_saved",
    "small_multiples",
    "status_grid",
    "status_label",
    "status_style",
    "target_text",
    "trend",
]
