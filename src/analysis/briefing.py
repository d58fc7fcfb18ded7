"""The briefing pack: gap tables, summary sentences and figures, written in one place.

Notebook 05 calls write_pack(); `python -m analysis report` runs the notebooks and so writes the
same pack. Everything is written into a staging folder that replaces the previous pack only when
complete, so a failure halfway leaves the last good pack as it was.

Figure files are named after what they show, the same way for every chart type: `bullet_<指标>_<地区>`,
`trend_<指标>_<地区>` (one region), `ranking_<指标>_各地区`, `trend_<指标>_各地区` (several regions), so the
files of one indicator and region sort together. Each PNG and SVG carries its own description (title
metadata), which index.md lists in words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import matplotlib.pyplot as plt
import pandas as pd

from . import charts, export
from .config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED
from .safeio import pack_files, staged_dir
from .textsafe import md_link_text, md_text, md_url

# Characters Windows forbids in file names, plus control characters; runs of them become one "_".
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
STEM_CHARS = 40  # Word's insert-picture dialog and Windows paths stay comfortable
ALL_REGIONS = "各地区"
KIND_ZH = {"overview": "总览", "bullet": "子弹图", "trend": "趋势图", "ranking": "地区排名", "grid": "评估结论矩阵"}


def source_note(paths, source: str | None = None) -> str:
    """The footnote under every chart: `source` when given; the report for the bundled data; else the
    workbooks' titles (their file names when a workbook has no title row)."""
    if source:
        text = " ".join(str(source).split())
        return text if text.startswith("资料来源") else "资料来源：" + text
    paths = [Path(p) for p in paths]
    if [p.resolve() for p in paths] == [BUNDLED_WORKBOOK.resolve()]:
        return BUNDLED_SOURCE
    return "资料来源：" + "、".join(dict.fromkeys(workbook_title(p) or p.name for p in paths))


def workbook_title(path) -> str:
    """The title row of a workbook's first table (a lone text cell above the header), or ""."""
    from .excel import open_workbook

    problems: list = []
    try:
        workbook = open_workbook(path, problems)
    except Exception:  # a footnote never stops the report: the file name stands in
        return ""
    for sheet in (workbook.sheets if workbook else []):
        for row in sheet.rows[:3]:
            cells = [str(v).strip() for v in row if str(v).strip()]
            if len(cells) == 1 and len(cells[0]) >= 6 and not cells[0].replace(".", "").isdigit():
                return " ".join(cells[0].split())
            if len(cells) > 1:
                break
    return ""


def pack_dir(out=None) -> Path:
    """Where notebook 05 writes the pack: the folder given, or data/processed/briefing (regenerated)."""
    return Path(out) if out else DATA_PROCESSED / "briefing"


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


def plan_figures(frame: pd.DataFrame, table: pd.DataFrame, city: str | None = None) -> list[Figure]:
    """Every figure of the pack, in order.

    One region: the overview (in A4 pages), a bullet graph per indicator with a target, a trend per indicator
    with several years. Several regions: the overview per region, the region × indicator status grid, and per
    indicator a ranking of the regions and small-multiple trends (one panel per region) — a bullet and a trend
    per region and indicator would be hundreds of files no briefing uses.
    """
    figures: list[Figure] = []
    regions = [r for r in dict.fromkeys(table["region"]) if isinstance(r, str)]
    several = len(regions) > 1
    stems = figure_stems(table)
    when = charts.place_and_year(table)
    pages = charts.overview_pages(table)
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
        grid = charts.grid_pages(table)
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
        key = (row["indicator_id"], row["region"])
        figures.append(Figure(figure_stem("bullet", stems[key]), f"子弹图：{row['name']}（{row['region']}）",
                              lambda row=row: charts.bullet(row, title=f"{row['name']}（{row['region']}）"),
                              "bullet", *key))
    for ind, region in trend_keys(frame):
        figures.append(Figure(figure_stem("trend", stems[(ind, region)]), f"趋势图：{names.get(ind, ind)}（{region}）",
                              lambda ind=ind, region=region: charts.trend(frame, ind, region), "trend", ind, region))
    return figures


def write_figures(frame: pd.DataFrame, table: pd.DataFrame, out_dir, source: str = BUNDLED_SOURCE,
                  city: str | None = None) -> list[Path]:
    """Draw and save every planned figure (PNG 300 dpi + SVG, each with its description); returns the files."""
    return save_figures(plan_figures(frame, table, city), out_dir, source)


def figure_refs(plan: list[Figure], folder) -> list[tuple[str, str, str, Path]]:
    """(kind, indicator_id, region, PNG path) of each planned figure: what the Word draft embeds, and where."""
    return [(f.kind, f.indicator_id, f.region, Path(folder) / f"{f.stem}.png") for f in plan]


def save_figures(plan: list[Figure], out_dir, source: str = BUNDLED_SOURCE) -> list[Path]:
    """Draw and save the given figures into `out_dir`; returns the files (PNG and SVG of each)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fig_spec in plan:
        drawn = fig_spec.draw()
        fig = drawn if isinstance(drawn, plt.Figure) else drawn.get_figure(root=True)
        charts.add_source(fig, source)
        written.extend(charts.save(fig, out / fig_spec.stem, description=fig_spec.description))
        plt.close(fig)
    return written


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


def write_pack(frame: pd.DataFrame, table: pd.DataFrame, out_dir, *, source: str = BUNDLED_SOURCE,
               title: str | None = None, city: str | None = None, tasks=None) -> list[Path]:
    """Write tables/, figures/ and summary.md into out_dir, replacing a previous pack only once complete.

    Returns the written files, relative to out_dir.
    """
    out = Path(out_dir)
    inputs = frame["file"].dropna().unique() if "file" in frame.columns else ()
    with staged_dir(out, inputs=inputs) as staging:
        export.write_gap_table(table, staging / "tables", sources=[source])
        export.write_summary(table, staging / "summary.md", **({"title": title} if title else {}))
        plan = plan_figures(frame, table, city)
        save_figures(plan, staging / "figures", source)
        figures = figure_refs(plan, staging / "figures")
        _write_word_and_tasks(frame, table, staging, figures, source, tasks)
        files = pack_files(staging)
    return files


def _write_word_and_tasks(frame, table, staging: Path, figures, source: str, tasks=None) -> None:
    """briefing.docx, and tables/tasks.{csv,xlsx} when the inputs hold a key-task ledger (wordfile, tasks)."""
    from .tasks import ledger_for_pack, write_tasks
    from .wordfile import write_briefing_docx

    tasks = ledger_for_pack(frame, table) if tasks is None else tasks
    if len(tasks):
        write_tasks(tasks, staging / "tables")
        summary = staging / "summary.md"
        if summary.exists():
            from .safeio import atomic_write_text
            from .tasks import summary_markdown

            atomic_write_text(summary, summary.read_text("utf-8").rstrip("\n") + "\n\n" + summary_markdown(tasks))
    write_briefing_docx(frame, table, staging / "briefing.docx", source=source, figures=figures, tasks=tasks)


def draw(item: Figure):
    """Draw one planned figure (a notebook shows exactly what the pack saves); returns its ax or Figure."""
    return item.draw()


def figures_sentence(frame: pd.DataFrame, table: pd.DataFrame, figures: list[Figure]) -> str:
    """What the charts below are, counted from the data they were planned on."""
    kinds: dict[str, int] = {}
    for item in figures:
        kind = item.stem.split("_")[0]
        kind = "grid" if kind == "status" else kind
        kinds[KIND_ZH.get(kind, kind)] = kinds.get(KIND_ZH.get(kind, kind), 0) + 1
    regions = table["region"].nunique()
    text = f"数据有{table['indicator_id'].nunique()}项指标" + (f"、{regions}个地区" if regions > 1 else "")
    text += "；共" + "、".join(f"{k}{n}幅" for k, n in kinds.items()) + "。" if kinds else "；没有可画的图。"
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
    """The figures notebook 03 displays: all of them for one region; without the small-multiple trends for
    several regions (those go to the pack, and notebook 04 shows the deep-dive indicator's)."""
    if table["region"].nunique() <= 1:
        return figures
    return [f for f in figures if not f.stem.startswith("trend_")]
