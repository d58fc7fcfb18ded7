"""The briefing pack: gap tables, summary sentences and figures, written in one place.

Notebook 05 calls write_pack(); `python -m analysis report` runs the notebooks and so writes the
same pack. Everything is written into a staging folder that replaces the previous pack only when
complete, so a failure halfway leaves the last good pack as it was.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import charts, export
from .config import BUNDLED_SOURCE, BUNDLED_WORKBOOK, DATA_PROCESSED
from .safeio import pack_files, staged_dir


def source_note(paths) -> str:
    """The footnote under every chart: the report for the bundled data, else the input files' names."""
    paths = [Path(p) for p in paths]
    if [p.resolve() for p in paths] == [BUNDLED_WORKBOOK.resolve()]:
        return BUNDLED_SOURCE
    return "资料来源：" + "、".join(p.name for p in paths)


def pack_dir(out=None) -> Path:
    """Where notebook 05 writes the pack: the folder given, or data/processed/briefing (regenerated)."""
    return Path(out) if out else DATA_PROCESSED / "briefing"


def figure_stem(kind: str, indicator_id: str, number: int | None = None) -> str:
    """File name of an indicator's figure (ids are file-name safe); with several regions, a running number."""
    return f"{kind}_{indicator_id}" + (f"_{number:03d}" if number is not None else "")


def targeted(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the gap table that have a target (and so a bullet graph)."""
    return table[table["target"].notna()]


def trend_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(indicator, region) pairs with two or more years of values: those get a trend chart."""
    keys = frame[["indicator_id", "region"]].drop_duplicates().itertuples(index=False, name=None)
    return [(i, r) for i, r in keys if charts.has_trend(frame, i, r)]


def write_figures(frame: pd.DataFrame, table: pd.DataFrame, out_dir, source: str = BUNDLED_SOURCE) -> list[Path]:
    """Overview, one bullet graph per indicator with a target, and trends where they exist (PNG + SVG)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    several = table["region"].nunique() > 1
    written = []

    def save(ax, stem):
        charts.add_source(ax, source)
        written.extend(charts.save(ax.figure, out / stem))
        plt.close(ax.figure)

    if not targeted(table).empty:
        save(charts.overview(table), "overview")
    for i, (_, row) in enumerate(targeted(table).iterrows()):
        title = f"{row['name']}（{row['region']}）" if several else None
        save(charts.bullet(row, title=title), figure_stem("bullet", row["indicator_id"], i if several else None))
    for i, (indicator, region) in enumerate(trend_keys(frame)):
        save(charts.trend(frame, indicator, region), figure_stem("trend", indicator, i if several else None))
    return written


def write_pack(frame: pd.DataFrame, table: pd.DataFrame, out_dir, *, source: str = BUNDLED_SOURCE, title: str | None = None, tasks=None) -> list[Path]:
    """Write tables/, figures/ and summary.md into out_dir, replacing a previous pack only once complete.

    Returns the written files, relative to out_dir.
    """
    out = Path(out_dir)
    inputs = frame["file"].dropna().unique() if "file" in frame.columns else ()
    with staged_dir(out, inputs=inputs) as staging:
        export.write_gap_table(table, staging / "tables", sources=[source])
        export.write_summary(table, staging / "summary.md", **({"title": title} if title else {}))
        figures = write_figures(frame, table, staging / "figures", source)
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
