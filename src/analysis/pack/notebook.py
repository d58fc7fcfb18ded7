"""What a cell of notebooks 01–05 calls: one function per step, returning what the cell shows.

Each returns something that displays itself — a Styler, or a `Shown` (sentences and tables in order) — so a
notebook is calls and prose. The library's other functions stay in their subpackages; `analysis/__init__.py`
offers these by name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.assess.gap import check_claims
from analysis.assess.ledger import ledger_for_pack
from analysis.assess.rows import status_pivot
from analysis.assess.topics import find_indicator, focus_sentence, gap_sentence, in_absolute_numbers, population_from
from analysis.metadata.fields import CLAIM_HEADERS_ZH
from analysis.pack.params import accepts, check_data, check_plan, load_and_assess
from analysis.read.loader import load_supporting_figures
from analysis.read.tasks import TASK_HEADERS_ZH
from analysis.read.validate import coverage as coverage_table
from analysis.read.validate import inputs, missing_values
from analysis.read.validate import validate as validate_inputs
from analysis.words.data import data_sentence, missing_sentence
from analysis.words.overview import (COVERAGE_FRAME, by_region_sentence, counts_marks_sentence, first_rows_sentence,
                                     top_bottom_sentence)
from analysis.words.tasks import ledger_sentences
from analysis.write.display import Shown
from analysis.write.styler import styled, styled_gap_table
from analysis.write.tasks import ledger_table

LEDGER_COLUMNS = ["area", "task", "lead", "due", "status", "overdue"]
SCREEN_ROWS = 20  # with many regions (pack.plan.FEW_REGIONS) a notebook table shows this many rows; files hold all


def _drawing():
    """(briefing, charts), imported when a step first needs them: matplotlib takes about a second to load,
    and `python -m analysis validate` imports this package without drawing anything."""
    import analysis.charts as charts  # deferred: matplotlib only for the steps that draw
    from analysis.pack import briefing  # deferred: it imports matplotlib too
    return briefing, charts


def load(data=None, as_of=None, method="cn", plan=None, region=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the parameters, read the workbooks and assess them: (tidy frame, gap table)."""
    return load_and_assess(data, as_of, method, plan, region)


def validate(data=None, plan=None, region=None):
    """Check DATA and PLAN, read and validate the workbooks: the result (problems, readings, .frame).

    region: the place name of tables whose title names none (REGION), as for load()."""
    named = {"region": region} if region and accepts(validate_inputs, "region") else {}
    return validate_inputs(inputs(check_data(data)), plan=check_plan(plan), **named)


def coverage(frame: pd.DataFrame) -> Shown:
    """What was read, in one sentence, and a table of indicators per region and area with values present."""
    table = coverage_table(frame)
    if not _many(frame) or len(table) <= SCREEN_ROWS:
        return Shown([data_sentence(frame), styled(table)], table)
    first = first_rows_sentence(len(table), SCREEN_ROWS, frame["region"].nunique(), COVERAGE_FRAME)
    return Shown([data_sentence(frame), first, styled(table.head(SCREEN_ROWS))], table)


def missing(frame: pd.DataFrame) -> Shown:
    """Empty cells counted by area and kind; `.frame` lists every one with its cell."""
    cells = missing_values(frame)
    parts = [missing_sentence(cells)]
    if len(cells):
        parts.append(styled(cells.pivot_table(index="领域", columns="类型", values="指标名称", aggfunc="count",
                                              fill_value=0, sort=False, observed=True)))
    return Shown(parts, cells)


def _many(table: pd.DataFrame) -> bool:
    """More regions than a city's handful: tables show a screenful, the files hold the rest."""
    return _drawing()[0].scale_of(table).many


def gap_table(table: pd.DataFrame, columns: list[str] | None = None, targeted: bool = False):
    """The gap table (only indicators with a target when `targeted`), Chinese headers, numbers as exported;
    with many regions a sentence and the first SCREEN_ROWS rows (the pack's tables/gap_table.xlsx holds all)."""
    briefing, _ = _drawing()
    rows = briefing.targeted(table) if targeted else table
    if not _many(table) or len(rows) <= SCREEN_ROWS:
        return styled_gap_table(rows, columns)
    first = styled_gap_table(rows, columns, limit=SCREEN_ROWS)
    return Shown([first_rows_sentence(len(rows), SCREEN_ROWS, table["region"].nunique()), first], rows)


def status_counts(table: pd.DataFrame) -> Shown:
    """Indicators per status, by area, and by region when the data has several (with many regions a sentence
    saying where each region's results are instead of a row per region)."""
    parts = [styled(status_pivot(table, "area"))]
    regions = table["region"].nunique()
    if regions > 1:
        parts.append(by_region_sentence(regions) if _many(table) else styled(status_pivot(table, "region")))
    return Shown(parts)


def claims(frame: pd.DataFrame, table: pd.DataFrame):
    """The report's own claims (“已提前达到规划值”) beside what the data shows."""
    found = check_claims(frame, table).drop(columns="indicator_id")
    return styled(found.rename(columns=CLAIM_HEADERS_ZH))


def show_figures(frame: pd.DataFrame, table: pd.DataFrame, data=None, source=None) -> None:
    """Say which charts the data gives, and draw them as the pack saves them (with their source line)."""
    briefing, _ = _drawing()
    figures = briefing.plan_figures(frame, table)
    note = briefing.source_note(inputs(check_data(data)), source)
    print(briefing.figures_sentence(frame, table, figures))
    print(marks_sentence(table))
    for item in briefing.shown_in_notebook(figures, table):
        briefing.show(item, note)
    rest = briefing.not_shown_sentence(figures, table)
    if rest:
        print(rest)


def marks_sentence(table: pd.DataFrame) -> str:
    """What the marks on this data's charts mean: 序时进度 is drawn only where a baseline gives it."""
    briefing, charts = _drawing()
    if _many(table):  # notebook 03 shows only the counts by area and status
        return counts_marks_sentence()
    targeted = briefing.targeted(table)
    if charts.overview_measure(table) == "achievement_pct":
        text = "总览显示目标进度（基期到目标已走过的比例），竖实线为100%，虚线或短竖线为序时进度。"
    else:
        text = "总览显示完成度（实际值÷目标值），竖实线为100%（达到目标）；多数指标没有基期值，总览不画序时进度。"
    paced = sum(1 for _, row in targeted.iterrows() if pd.notna(charts.expected_value(row)))
    text += "子弹图中横条为实际值（颜色和纹理表示评估结论），黑色短竖线为目标"
    if paced == len(targeted) and paced:
        return text + "，三角为序时进度应达到的水平。"
    if paced:
        return text + f"；{paced}个有基期值的指标另有三角，标出序时进度应达到的水平。"
    return text + "；数据没有基期值，子弹图不画序时进度。"


def topic(table: pd.DataFrame, data, indicator: str, count_item: str, population=None, region=None,
          unit: str = "人") -> Shown:
    """A per-10,000 indicator's gap in people (or items): what is looked at, the numbers, one sentence."""
    found = find_indicator(table, indicator)
    people = population
    if people is None and found:
        people = population_from(load_supporting_figures(inputs(check_data(data))[0]), count_item, table, found, region)
    numbers = in_absolute_numbers(table, found, people, unit, region)
    target_year = table.loc[table["indicator_id"] == found, "target_year"].max()
    return Shown([focus_sentence(table, found, indicator, region, people, count_item, population is not None),
                  styled(numbers), gap_sentence(numbers, indicator, unit, target_year)], numbers)


def compare_regions(frame: pd.DataFrame, table: pd.DataFrame, indicator: str) -> None:
    """The indicator's ranking across regions and its small multiples; a sentence when there is one region."""
    _, charts = _drawing()
    found = find_indicator(table, indicator)
    if found and _many(table):  # the pack's two figures of it: the distribution and the top / bottom regions
        from analysis.charts import distribution  # deferred: matplotlib only for the steps that draw
        from analysis.pack.plan import RANKINGS_FILE, TOP_BOTTOM  # deferred: plan imports the charts
        print(top_bottom_sentence(table["region"].nunique(), TOP_BOTTOM, RANKINGS_FILE))
        distribution.distribution(table, found)
        distribution.top_bottom(table, found, TOP_BOTTOM, table_file=RANKINGS_FILE)
    elif found and table["region"].nunique() > 1:
        charts.ranking(table, found)
        charts.small_multiples(frame, found, table)
    else:
        print("数据只有一个地区（或没有找到该指标），没有地区比较图。")


def ledger(frame: pd.DataFrame, table: pd.DataFrame | None = None, as_of=None) -> Shown:
    """The key-task ledger in the same workbooks, overdue as of `as_of` (default: the end of the data year)."""
    tasks = ledger_for_pack(frame, frame if table is None else table, as_of)
    shown = ledger_table(tasks)[LEDGER_COLUMNS].rename(columns=TASK_HEADERS_ZH) if len(tasks) else None
    return Shown([*ledger_sentences(tasks), None if shown is None else styled(shown)], tasks)


class Written(list):
    """The pack's files (relative paths); a notebook shows them as one sentence counted by folder."""

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(_drawing()[0].files_sentence(self))


def write_pack(frame: pd.DataFrame, table: pd.DataFrame, out=None, *, source=None, tasks=None, svg: bool = False,
               per_region: bool | None = None) -> Written:
    """Write the briefing pack (tables, figures, summary.md, the Word draft) into `out`
    (default data/processed/briefing), replacing the previous one only once complete; `svg` adds an SVG of
    each figure, `per_region` each region's pages (None: while the regions are few)."""
    briefing, _ = _drawing()
    files = sorted({Path(f) for f in frame["file"].dropna()}) if "file" in frame else []
    note = briefing.source_note(files or inputs(None), source)
    tasks = getattr(tasks, "frame", tasks)
    return Written(briefing.write_pack(frame, table, briefing.pack_dir(out), source=note, tasks=tasks,
                                       svg=svg, per_region=per_region))


def sentences(table: pd.DataFrame) -> str:
    """What summary.md holds, as Markdown: 总体情况, areas, regions, a line per indicator while regions are few."""
    briefing, _ = _drawing()
    return briefing.summary_text(table)


__all__ = ["load", "validate", "coverage", "missing", "gap_table", "status_counts", "claims", "show_figures",
           "topic", "compare_regions", "ledger", "write_pack", "sentences"]
