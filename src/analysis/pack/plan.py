"""Which figures the pack holds: their file stems, descriptions and how to draw each (the plan).

Figure files are named after what they show, the same way for every chart type: `bullet_<指标>_<地区>`,
`trend_<指标>_<地区>` (one region), `ranking_<指标>_各地区`, `trend_<指标>_各地区` (several regions), so the
files of one indicator and region sort together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis import charts
from analysis.write import figures as figure_files

# Characters Windows forbids in file names, plus control characters; runs of them become one "_".
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
STEM_CHARS = 40  # Word's insert-picture dialog and Windows paths stay comfortable
ALL_REGIONS = "各地区"
KIND_ZH = {"overview": "总览", "bullet": "子弹图", "trend": "趋势图", "ranking": "地区排名", "grid": "评估结论矩阵"}


def safe_stem(text: str, limit: int = STEM_CHARS) -> str:
    """A file-name stem any Windows, macOS or Linux folder accepts: no \\ / : * ? " < > |, no control
    characters or spaces, no trailing dot, at most `limit` characters."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _UNSAFE.sub("_", text).strip("._ ")
    return text[:limit].rstrip("._ ") or "指标"


def figure_stems(table: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(indicator_id, region) → stem "<指标名称>_<地区>", unique, in table order; with several regions each
    indicator also gets (indicator_id, "各地区") → "<指标名称>_各地区" for the charts comparing regions."""
    several = table["region"].nunique() > 1
    stems: dict[tuple[str, str], str] = {}
    used: set[str] = set()

    def claim(key, words):
        stem = base = safe_stem(words)
        k = 2
        while stem in used:  # two indicators with the same name: numbered in table order
            stem = f"{base}_{k}"
            k += 1
        used.add(stem)
        stems[key] = stem

    for ind, name, region in zip(table["indicator_id"], table["name"], table["region"]):
        label = str(name) if isinstance(name, str) and name.strip() else str(ind)
        short = safe_stem(label, STEM_CHARS - 8)
        if several and (ind, ALL_REGIONS) not in stems:
            claim((ind, ALL_REGIONS), f"{short}_{ALL_REGIONS}")
        if (ind, region) not in stems:
            claim((ind, region), f"{short}_{region}" if isinstance(region, str) and region else short)
    return stems


def figure_stem(kind: str, stem: str) -> str:
    """File stem of one figure: the chart type, then the indicator-and-region stem shared by every type."""
    return f"{kind}_{stem}"


def targeted(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the gap table that have a target (and so a bullet graph)."""
    return table[table["target"].notna()]


def trend_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(indicator, region) pairs with two or more years of values: those get a trend chart.

    One pass over the frame (values that are numbers, of actual or baseline rows, counted by distinct year),
    in the order the pairs first appear.
    """
    rows = frame[frame["kind"].isin(["actual", "baseline"])]
    value = pd.to_numeric(rows["value"], errors="coerce")
    year = pd.to_numeric(rows["year"], errors="coerce")
    ok = rows.assign(_year=year)[value.notna() & year.notna()]
    counts = ok.groupby(["indicator_id", "region"], sort=False, observed=True)["_year"].nunique()
    order = frame[["indicator_id", "region"]].drop_duplicates().itertuples(index=False, name=None)
    return [key for key in order if counts.get(key, 0) >= 2]


@dataclass
class Figure:
    """One figure of the pack: file stem, what it shows in words, how to draw it, and what it is of
    (`kind`: overview, grid, ranking, bullet, trend; the indicator and region where it has one)."""

    stem: str
    description: str
    draw: Callable[[], object]
    kind: str = ""
    indicator_id: str = ""
    region: str = ""
    # Where it was planned: (frame, table, city) of its plan_figures() call and its place in that plan, so a
    # worker process can plan the same figure again (the draw lambda itself cannot be sent to a process).
    origin: tuple | None = field(default=None, repr=False, compare=False)
    index: int = field(default=-1, repr=False, compare=False)


def plan_figures(frame: pd.DataFrame, table: pd.DataFrame, city: str | None = None) -> list[Figure]:
    """Every figure of the pack, in order.

    One region: the overview (in A4 pages), a bullet graph per indicator with a target, a trend per indicator
    with several years. Several regions: the overview per region, the region × indicator status grid, and per
    indicator a ranking of the regions and small-multiple trends (one panel per region) — a bullet and a trend
    per region and indicator would be hundreds of files no briefing uses.
    """
    figures = _plan(frame, table, city)
    origin = (frame, table, city)
    for k, item in enumerate(figures):
        item.origin, item.index = origin, k
    return figures


def _plan(frame: pd.DataFrame, table: pd.DataFrame, city: str | None) -> list[Figure]:
    figures: list[Figure] = []
    regions = [r for r in dict.fromkeys(table["region"]) if isinstance(r, str)]
    several = len(regions) > 1
    stems = figure_stems(table)
    when = charts.place_and_year(table)
    pages = figure_files.overview_pages(table)
    measure = charts.overview_measure(table)
    for k, (label, rows) in enumerate(pages, 1):
        stem = "overview" if len(pages) == 1 else f"overview_{k:02d}_{safe_stem(label)}"
        part = label[len(str(rows["region"].iloc[0])):] if several else label  # "（1/2）" when a page continues
        title = charts.place_and_year(rows) + charts.OVERVIEW_TITLE[measure] + part
        figures.append(Figure(stem, f"总览：{title}",
                              lambda rows=rows, title=title: charts.overview(rows, measure=measure, title=title),
                              "overview", region=str(rows["region"].iloc[0]) if several else ""))
    names = dict(zip(table["indicator_id"], table["name"]))
    if several:
        grid = figure_files.grid_pages(table)
        for k, part in enumerate(grid, 1):
            stem = "status_grid" if len(grid) == 1 else f"status_grid_{k:02d}"
            title = f"{when}各指标评估结论" + (f"（{k}/{len(grid)}）" if len(grid) > 1 else "")
            figures.append(Figure(stem, f"评估结论矩阵：{title}（{len(regions)}个地区）",
                                  lambda part=part, title=title: charts.status_grid(part, title=title), "grid"))
        with_trend = {ind for ind, _ in trend_keys(frame)}
        for ind in dict.fromkeys(table["indicator_id"]):
            stem, name = stems[(ind, ALL_REGIONS)], names[ind]
            if table.loc[table["indicator_id"] == ind, "actual"].notna().sum() > 1:
                figures.append(Figure(figure_stem("ranking", stem), f"地区排名：{name}（{'、'.join(regions)}）",
                                      lambda ind=ind: charts.ranking(table, ind, city=city), "ranking", ind, ALL_REGIONS))
            if ind in with_trend:
                figures.append(Figure(figure_stem("trend", stem), f"趋势图（分地区）：{name}（{'、'.join(regions)}）",
                                      lambda ind=ind: charts.small_multiples(frame, ind, table), "trend", ind, ALL_REGIONS))
        return figures
    for _, row in targeted(table).iterrows():
        if not charts.has_bullet(row):  # no value: nothing to draw against the target
            continue
        key = (row["indicator_id"], row["region"])
        figures.append(Figure(figure_stem("bullet", stems[key]), f"子弹图：{row['name']}（{row['region']}）",
                              lambda row=row: charts.bullet(row, title=f"{row['name']}（{row['region']}）"),
                              "bullet", *key))
    for ind, region in trend_keys(frame):
        figures.append(Figure(figure_stem("trend", stems[(ind, region)]), f"趋势图：{names.get(ind, ind)}（{region}）",
                              lambda ind=ind, region=region: charts.trend(frame, ind, region, table=table),
                              "trend", ind, region))
    return figures



def figure_refs(plan: list[Figure], folder) -> list[tuple[str, str, str, Path]]:
    """(kind, indicator_id, region, PNG path) of each planned figure: what the Word draft embeds, and where."""
    return [(f.kind, f.indicator_id, f.region, Path(folder) / f"{f.stem}.png") for f in plan]

