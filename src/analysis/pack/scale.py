"""The parts of the pack that change with many regions (above plan.FEW_REGIONS): a summary a reader can take in,
the full ranking as a table file, and the per-region folders (--per-region).

At national scale (2,800 regions × 30 indicators = 84,000 rows) summary.md keeps one paragraph per indicator and per
area, never a sentence per region and indicator: the full tables are in tables/ (gap_table.*, rankings.csv).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis.assess.rows import gap_frame, records
from analysis.charts.distribution import ranked
from analysis.charts.style import as_text
from analysis.pack.plan import RANKINGS_FILE, REGIONS_FOLDER, region_pages, safe_stem
from analysis.pack.render import save_figures
from analysis.rules import textsafe
from analysis.words.overview import overall_sentence, region_comparison
from analysis.words.titles import default_title
from analysis.write.csvfile import _csv_cell
from analysis.write.markdown import groups, md_line, summary_markdown
from analysis.write.safeio import atomic_write, atomic_write_text

# The reader's columns only (the rest, and the indicator_id to join on, are in gap_table.csv): at national scale every
# column costs about a megabyte of the pack's 50.
RANKING_COLUMNS = ["name", "rank", "region", "actual", "status_label"]


def summary_at_scale(table: pd.DataFrame, title: str | None = None, plan=None) -> str:
    """summary.md for many regions: the overall paragraph, one comparison per indicator (how many regions met
    its target, the best and the worst), one paragraph per area, and where the full tables are."""
    frame = gap_frame(table)
    frame.attrs = dict(table.attrs)
    plan = plan or table.attrs.get("assess", {}).get("plan") or None
    title = title or default_title(frame, plan, "摘要")
    lines = [f"# {textsafe.md_text(title)}", "", "## 总体情况", "", md_line(overall_sentence(frame, plan)), ""]
    comparisons = [c for c in (region_comparison(part, plan) for part in groups(frame, "indicator_id")) if c]
    if comparisons:
        lines += ["## 各地区比较", ""] + [x for c in comparisons for x in (md_line(c), "")]
    # Per area the counts sentence (area_sentence names the regions behind each status: 2.8 MB at 2,800 regions).
    lines += ["## 分领域概况", ""]
    for area in groups(frame, "area"):
        name = as_text(area["area"].iloc[0]) or "未分类"
        lines += [md_line(f"{name}：{overall_sentence(area, plan)}"), ""]
    n = frame["region"].nunique()
    lines += ["## 完整表格", "",
              md_line(f"{n}个地区的逐项结果见 tables/gap_table.xlsx（及 .csv）；各指标的完整地区排名见 {RANKINGS_FILE}。"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_rankings(table: pd.DataFrame, path, city: str | None = None) -> Path:
    """Every region's place on every indicator (1 = best; lower-is-better indicators ranked from the lowest), as
    UTF-8-with-BOM CSV with the gap table's contract headers plus `rank`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(RANKING_COLUMNS)
        for ind in dict.fromkeys(table["indicator_id"]):
            rows = ranked(table, ind, city)
            for r, rank in zip(records(rows.drop(columns=["_actual", "rank"])), rows["rank"]):
                writer.writerow([int(rank) if c == "rank" else _csv_cell(c, r[c]) for c in RANKING_COLUMNS])
    return path


def write_region_folders(table: pd.DataFrame, out: Path, source: str, *, svg: bool = False,
                         plan=None) -> list[Path]:
    """regions/<地区>/: the region's overview page(s) and its summary.md, the pages drawn in parallel processes."""
    folder = Path(out) / REGIONS_FOLDER
    files = save_figures(region_pages(table), folder, source, svg=svg)
    for region, part in table.groupby("region", sort=False):
        path = folder / safe_stem(region) / "summary.md"
        atomic_write_text(path, summary_markdown(part, plan=plan))
        files.append(path)
    return files
