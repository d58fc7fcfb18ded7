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
from analysis.charts import distribution
from analysis.write import figures as figure_files

# Characters Windows forbids in file names, plus control characters; runs of them become one "_".
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
STEM_CHARS = 40  # Word's insert-picture dialog and Windows paths stay comfortable
ALL_REGIONS = "各地区"
KIND_ZH = {"overview": "总览", "bullet": "子弹图", "trend": "趋势图", "ranking": "地区排名", "grid": "评估结论矩阵",
           "distribution": "分布图"}

# ---------------------------------------------------------------- the pack by scale (docs/scale.md says them)
FEW_REGIONS = 12  # up to this many regions (a city's counties): a page per region, rankings of all regions
TOP_BOTTOM = 10  # above FEW_REGIONS: the regions named at each end of a ranking (the full one: RANKINGS_FILE)
GRID_COLUMNS = 20  # above FEW_REGIONS: region columns on one status-grid page (names upright)
GRID_MAX_PAGES = 6  # past this many status-grid pages: counts by area × status (and by province) instead
RANKINGS_FILE = "tables/rankings.csv"  # every region's place on every indicator, above FEW_REGIONS
REGIONS_FOLDER = "regions"  # per-region pages (--per-region): one folder per region
GROUP_COLUMNS = ("province", "city")  # a gap-table column grouping the regions, aggregated when present


@dataclass(frozen=True)
class Scale:
    """The pack's shape for a number of regions: `many` above FEW_REGIONS; `per_region` pages written or not."""

    regions: int
    per_region: bool

    @property
    def many(self) -> bool:
        return self.regions > FEW_REGIONS


def scale_of(table: pd.DataFrame, per_region: bool | None = None) -> Scale:
    """The Scale of a gap table; `per_region` None: per-region pages only while regions ≤ FEW_REGIONS."""
    regions = int(table["region"].nunique())
    return Scale(regions, regions <= FEW_REGIONS if per_region is None else bool(per_region))


def group_column(table: pd.DataFrame) -> str | None:
    """The column grouping regions (省 / 市) when the table has one with at least two groups, else None."""
    return next((c for c in GROUP_COLUMNS if c in table.columns and table[c].nunique() > 1), None)


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


def plan_figures(frame: pd.DataFrame, table: pd.DataFrame, city: str | None = None,
                 per_region: bool | None = None) -> list[Figure]:
    """Every figure of the pack (figures/), in order; its shape follows the number of regions (Scale).

    One region: the overview (in A4 pages), a bullet graph per indicator with a target, a trend per indicator
    with several years. A few regions (≤ FEW_REGIONS): the overview per region (unless `per_region` is False),
    the region × indicator status grid, and per indicator a ranking of the regions and small-multiple trends
    (one panel per region) — a bullet and a trend per region and indicator would be hundreds of files no
    briefing uses. More regions: the status grid in pages of GRID_COLUMNS regions (past GRID_MAX_PAGES pages,
    counts by area × status), and per indicator its distribution across regions and the top and bottom
    TOP_BOTTOM regions by name; the per-region pages go to regions/ (region_pages) when asked for.
    """
    scale = scale_of(table, per_region)
    figures = _plan_many(table, city) if scale.many else _plan(frame, table, city, scale.per_region)
    origin = (plan_figures, (frame, table, city, per_region))
    for k, item in enumerate(figures):
        item.origin, item.index = origin, k
    return figures


def _overview_figures(table: pd.DataFrame, several: bool) -> list[Figure]:
    """The overview in A4 pages: one page (or more) per region when `several`."""
    figures = []
    pages = figure_files.overview_pages(table)
    measure = charts.overview_measure(table)
    for k, (label, rows) in enumerate(pages, 1):
        stem = "overview" if len(pages) == 1 else f"overview_{k:02d}_{safe_stem(label)}"
        part = label[len(str(rows["region"].iloc[0])):] if several else label  # "（1/2）" when a page continues
        title = charts.place_and_year(rows) + charts.OVERVIEW_TITLE[measure] + part
        figures.append(Figure(stem, f"总览：{title}",
                              lambda rows=rows, title=title: charts.overview(rows, measure=measure, title=title),
                              "overview", region=str(rows["region"].iloc[0]) if several else ""))
    return figures


def _plan(frame: pd.DataFrame, table: pd.DataFrame, city: str | None, per_region: bool = True) -> list[Figure]:
    regions = [r for r in dict.fromkeys(table["region"]) if isinstance(r, str)]
    several = len(regions) > 1
    figures = _overview_figures(table, several) if per_region or not several else []
    if several:
        return figures + _compare_few(frame, table, city, regions)
    stems = figure_stems(table)
    names = dict(zip(table["indicator_id"], table["name"]))
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


def _compare_few(frame: pd.DataFrame, table: pd.DataFrame, city: str | None, regions: list[str]) -> list[Figure]:
    """A few regions: the status grid (pages of indicators), per indicator a ranking and small multiples."""
    figures = []
    stems = figure_stems(table)
    when = charts.place_and_year(table)
    names = dict(zip(table["indicator_id"], table["name"]))
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


def indicator_stems(table: pd.DataFrame) -> dict[str, str]:
    """indicator_id → "<指标名称>_各地区", unique, in table order: the stems of the figures across regions (the
    same as figure_stems gives, without a stem per region and indicator)."""
    first = table.drop_duplicates("indicator_id")
    stems: dict[str, str] = {}
    used: set[str] = set()
    for ind, name in zip(first["indicator_id"], first["name"]):
        label = str(name) if isinstance(name, str) and name.strip() else str(ind)
        stem = base = safe_stem(f"{safe_stem(label, STEM_CHARS - 8)}_{ALL_REGIONS}")
        k = 2
        while stem in used:
            stem = f"{base}_{k}"
            k += 1
        used.add(stem)
        stems[ind] = stem
    return stems


def _plan_many(table: pd.DataFrame, city: str | None) -> list[Figure]:
    """Many regions: the status grid (or counts), then per indicator its distribution and top / bottom ranking."""
    figures = _grid_many(table)
    stems = indicator_stems(table)
    n = table["region"].nunique()
    valued = table.groupby("indicator_id", sort=False)["actual"].count()
    first = table.drop_duplicates("indicator_id")
    for ind, name in zip(first["indicator_id"], first["name"]):
        if valued.get(ind, 0) < 2:
            continue
        figures.append(Figure(figure_stem("distribution", stems[ind]), f"分布图：{name}（{n}个地区）",
                              lambda ind=ind: distribution.distribution(table, ind, city=city), "distribution",
                              ind, ALL_REGIONS))
        figures.append(Figure(figure_stem("ranking", stems[ind]),
                              f"地区排名：{name}（前{TOP_BOTTOM}位和后{TOP_BOTTOM}位，共{n}个地区）",
                              lambda ind=ind: distribution.top_bottom(table, ind, TOP_BOTTOM, city=city,
                                                                      table_file=RANKINGS_FILE),
                              "ranking", ind, ALL_REGIONS))
    return figures


def _grid_many(table: pd.DataFrame) -> list[Figure]:
    """Counts by area × status (and by the province column, when there is one): one figure at any number of
    regions; then the status grid in pages of GRID_COLUMNS regions × the indicators of charts.grid_pages, unless
    that takes more than GRID_MAX_PAGES pages."""
    regions = [r for r in dict.fromkeys(table["region"]) if isinstance(r, str)]
    figures = [Figure("status_counts", f"评估结论统计：各领域（{len(regions)}个地区）",
                      lambda: distribution.status_counts(table), "grid")]
    by = group_column(table)
    if by:
        figures.append(Figure(f"status_counts_{by}", f"评估结论统计：按{GROUP_ZH[by]}（{len(regions)}个地区）",
                              lambda: distribution.status_counts(table, by=by, what=GROUP_ZH[by]), "grid"))
    rows = figure_files.grid_pages(table)
    columns = [regions[k:k + GRID_COLUMNS] for k in range(0, len(regions), GRID_COLUMNS)]
    total = len(rows) * len(columns)
    if total > GRID_MAX_PAGES:
        return figures
    when = charts.place_and_year(table)
    for part in rows:
        for names in columns:
            k = len(figures) - (2 if by else 1) + 1
            page = part[part["region"].isin(names)]
            title = f"{when}各指标评估结论（{k}/{total}）"
            figures.append(Figure(f"status_grid_{k:02d}", f"评估结论矩阵：{title}（{names[0]}至{names[-1]}）",
                                  lambda page=page, title=title: distribution.status_grid_page(page, title=title),
                                  "grid"))
    return figures


GROUP_ZH = {"province": "省份", "city": "地市"}


def region_pages(table: pd.DataFrame) -> list[Figure]:
    """The per-region pages (--per-region): each region's overview in A4 pages, stems "<地区>/overview" (and
    "_02" … when a region needs more than one page), for the REGIONS_FOLDER of the pack."""
    figures = _overview_figures(table, several=True)
    origin = (region_pages, (table,))  # what a helper process plans again
    count: dict[str, int] = {}
    for f in figures:
        count[f.region] = count.get(f.region, 0) + 1
    seen: dict[str, int] = {}
    for k, f in enumerate(figures):
        seen[f.region] = seen.get(f.region, 0) + 1
        f.stem = f"{safe_stem(f.region)}/overview" + (f"_{seen[f.region]:02d}" if count[f.region] > 1 else "")
        f.origin, f.index = origin, k
    return figures


def figure_refs(plan: list[Figure], folder) -> list[tuple[str, str, str, Path]]:
    """(kind, indicator_id, region, PNG path) of each planned figure: what the Word draft embeds, and where."""
    return [(f.kind, f.indicator_id, f.region, Path(folder) / f"{f.stem}.png") for f in plan]

