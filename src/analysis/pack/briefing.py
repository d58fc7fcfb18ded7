"""The briefing pack: gap tables, summary sentences and figures, written in one place.

Notebook 05 calls write_pack(); `python -m analysis report` runs the notebooks and so writes the
same pack. Everything is written into a staging folder that replaces the previous pack only when
complete, so a failure halfway leaves the last good pack as it was.

Which figures, and their file names: pack/plan.py; drawing them (in parallel processes): pack/render.py.
Each PNG and SVG carries its own description (title metadata), which index.md lists in words.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from analysis import charts
from analysis.assess.ledger import ledger_for_pack
from analysis.config import DATA_PROCESSED
from analysis.pack.params import accepts
from analysis.pack.plan import (  # noqa: F401  (the names notebooks and tests reach as an.briefing.*)
    ALL_REGIONS,
    KIND_ZH,
    RANKINGS_FILE,
    STEM_CHARS,
    Figure,
    figure_refs,
    figure_stem,
    figure_stems,
    plan_figures,
    safe_stem,
    scale_of,
    targeted,
    trend_keys,
)
from analysis.pack.render import Rendering, save_figure, save_figures  # noqa: F401
from analysis.pack.scale import summary_at_scale, write_rankings, write_region_folders
from analysis.rules.textsafe import md_link_text, md_text, md_url
from analysis.words.tasks import ledger_markdown
from analysis.words.titles import default_title, source_note, workbook_titles
from analysis.write.csvfile import write_csv
from analysis.write.docx import write_briefing_docx
from analysis.write.markdown import summary_markdown, write_summary
from analysis.write.safeio import atomic_write_text, pack_files, staged_dir
from analysis.write.tables import write_gap_table
from analysis.write.tasks import write_tasks
from analysis.write.xlsx import write_xlsx


def pack_dir(out=None) -> Path:
    """Where notebook 05 writes the pack: the folder given, or data/processed/briefing (regenerated)."""
    return Path(out) if out else DATA_PROCESSED / "briefing"




def figure_index(folder) -> list[str]:
    """Markdown list lines for index.md: each figure's PNG (and SVG) with what it shows, in words."""
    from PIL import Image

    folder = Path(folder)
    lines = []
    for png in sorted(folder.glob("*.png")):
        with Image.open(png) as im:
            described = im.text.get("Description") or im.text.get("Title") or ""
        svg = png.with_suffix(".svg")
        base = f"{folder.name}/{png.name}"
        link = f"[{md_link_text(png.name)}]({md_url(base)})"
        if svg.exists():
            link += f"（[SVG]({md_url(folder.name + '/' + svg.name)})）"
        lines.append(f"- {md_text(described or png.stem)}：{link}")
    return lines


def write_pack(frame: pd.DataFrame, table: pd.DataFrame, out_dir, *, source: str | None = None,
               title: str | None = None, city: str | None = None, tasks=None, svg: bool = False,
               per_region: bool | None = None) -> list[Path]:
    """Write tables/, figures/ and summary.md into out_dir, replacing a previous pack only once complete.

    Figures are PNG at 300 dpi; `svg=True` (`report --svg`) adds an SVG of each. The pack's shape follows the
    number of regions (plan.Scale, docs/scale.md): above plan.FEW_REGIONS, distributions and top / bottom
    rankings per indicator, tables/rankings.csv and a summary without a sentence per region and indicator;
    `per_region` (None: only while the regions are few) writes each region's pages into regions/<地区>/.

    `source`: the footnote under every chart and table; None: from the workbooks read (source_note).
    `title`: summary.md's title; None: from the data and the workbooks' titles (the place they name).
    Returns the written files, relative to out_dir.
    """
    out = Path(out_dir)
    inputs = frame["file"].dropna().unique() if "file" in frame.columns else ()
    source = source_note(inputs, source)
    title = title or default_title(table, table.attrs.get("assess", {}).get("plan") or None, "摘要",
                                   titles=workbook_titles(frame))
    scale = scale_of(table, per_region)
    with staged_dir(out, inputs=inputs) as staging:
        plan = plan_figures(frame, table, city, per_region)
        # The helper processes start on the figures now, while this process writes the tables.
        with Rendering(plan, staging / "figures", source, svg=svg) as rendering:
            _write_tables(table, staging / "tables", source, scale)
            _write_summary(table, staging, title, scale, city)
            rendering.finish()
        if scale.many and scale.per_region:
            write_region_folders(table, staging, source, svg=svg)
        figures = figure_refs(plan, staging / "figures")
        _write_word_and_tasks(frame, table, staging, figures, source, tasks, scale)
        files = pack_files(staging)
    return files


def _write_tables(table: pd.DataFrame, folder: Path, source: str, scale) -> None:
    """The gap table as CSV, xlsx and Markdown; with many regions CSV and xlsx only (a Markdown table of 84,000
    rows pastes nowhere: 23 MB of the national pack)."""
    if not scale.many:
        write_gap_table(table, folder, sources=[source])
        return
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(table, folder / "gap_table.csv")
    write_xlsx(table, folder / "gap_table.xlsx", sources=[source])


def summary_text(table: pd.DataFrame, title: str | None = None) -> str:
    """What summary.md holds, for a notebook to print: with many regions the short form (summary_at_scale), never
    a sentence per region and indicator (84,000 of them at national scale)."""
    if scale_of(table).many:
        return summary_at_scale(table, title)
    return summary_markdown(table, **({"title": title} if title else {}))


def _write_summary(table: pd.DataFrame, staging: Path, title: str | None, scale, city: str | None) -> None:
    """summary.md (a sentence per region and indicator only while the regions are few), and with many regions
    tables/rankings.csv."""
    if not scale.many:
        write_summary(table, staging / "summary.md", **({"title": title} if title else {}))
        return
    atomic_write_text(staging / "summary.md", summary_at_scale(table, title))
    write_rankings(table, staging / RANKINGS_FILE, city)


def _write_word_and_tasks(frame, table, staging: Path, figures, source: str, tasks=None, scale=None) -> None:
    """briefing.docx, and tables/tasks.{csv,xlsx} when the inputs hold a key-task ledger (wordfile, tasks).

    With many regions the draft is asked (`many_regions=True`, once write_briefing_docx takes it) for its short
    shape: no sentence per region and indicator, the distribution and ranking figures, the full table left to
    tables/gap_table.xlsx."""

    tasks = ledger_for_pack(frame, table) if tasks is None else tasks
    if len(tasks):
        write_tasks(tasks, staging / "tables")
        summary = staging / "summary.md"
        if summary.exists():

            atomic_write_text(summary, summary.read_text("utf-8").rstrip("\n") + "\n\n" + ledger_markdown(tasks))
    extra = {"many_regions": True} if scale is not None and scale.many and accepts(write_briefing_docx, "many_regions") else {}
    write_briefing_docx(frame, table, staging / "briefing.docx", source=source, figures=figures, tasks=tasks, **extra)


def show(item: Figure, source: str) -> None:
    """Draw one planned figure with its source line, display it in the notebook and close it: a page showing
    21 figures would otherwise keep them all open (matplotlib warns past 20 and holds their memory)."""
    from IPython.display import display

    drawn = item.draw()
    fig = drawn if isinstance(drawn, plt.Figure) else drawn.get_figure(root=True)
    charts.add_source(fig, source)
    display(fig)
    plt.close(fig)


def figures_sentence(frame: pd.DataFrame, table: pd.DataFrame, figures: list[Figure]) -> str:
    """What the charts below are, counted from the data they were planned on."""
    regions = table["region"].nunique()
    text = f"数据有{table['indicator_id'].nunique()}项指标" + (f"、{regions}个地区" if regions > 1 else "")
    text += f"；共{_counted(figures)}。" if figures else "；没有可画的图。"
    if not trend_keys(frame):
        years = sorted(pd.to_numeric(frame.loc[frame["kind"] == "actual", "year"], errors="coerce").dropna().astype(int).unique())
        when = f"（{'、'.join(map(str, years))}年）" if years else ""
        text += f"每个指标只有一个年份的数值{when}，因此没有趋势图；填入各年数值后会自动生成。"
    return text


def files_sentence(files: list[Path]) -> str:
    """How many files the pack holds, by folder (the full list is in index.md)."""
    counts: dict[str, int] = {}
    for f in files:
        top = Path(f).parts[0] if len(Path(f).parts) > 1 else Path(f).name
        counts[top] = counts.get(top, 0) + 1
    return f"已写入 {len(files)} 个文件：" + "，".join(f"{k} {n} 个" for k, n in counts.items()) + "。"


def shown_in_notebook(figures: list[Figure], table: pd.DataFrame) -> list[Figure]:
    """The figures notebook 03 displays: all of them for one region; for several regions the overview pages
    and the status grid, the page a director reads first. Each indicator's ranking and small multiples go to
    the pack (and the Word draft); notebook 04 shows the deep-dive indicator's. Drawing them inline as well
    was a third of the 5-region report's time."""
    if table["region"].nunique() <= 1:
        return figures
    if scale_of(table).many:  # many regions: the counts by area and status (one figure); the rest is in the pack
        return [f for f in figures if f.stem.startswith("status_counts")]
    return [f for f in figures if f.kind in ("overview", "grid")]


def _counted(figures: list[Figure]) -> str:
    """"总览1幅、子弹图4幅": the figures counted by chart type, in plan order."""
    kinds: dict[str, int] = {}
    for f in figures:
        kinds[KIND_ZH.get(f.kind, f.kind)] = kinds.get(KIND_ZH.get(f.kind, f.kind), 0) + 1
    return "、".join(f"{k}{n}幅" for k, n in kinds.items())


def not_shown_sentence(figures: list[Figure], table: pd.DataFrame) -> str:
    """What the pack holds beyond the figures shown in notebook 03 ("" when it shows them all)."""
    shown = {f.stem for f in shown_in_notebook(figures, table)}
    hidden = [f for f in figures if f.stem not in shown]
    if not hidden:
        return ""
    return f"另有{_counted(hidden)}只写入简报材料包（figures/ 文件夹，逐幅列在 index.md 中），这里不逐幅显示；专题指标的图见 04。"
