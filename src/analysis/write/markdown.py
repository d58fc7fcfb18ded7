"""Markdown: the gap table, and summary.md (the briefing sentences under their headings)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.assess.rows import clean_value, gap_frame, has_target, indicator_places, records
from analysis.metadata.fields import GAP_COLUMNS, GAP_HEADERS_ZH
from analysis.rules import textsafe
from analysis.words.indicator import sentence
from analysis.words.overview import _area_name, area_sentence, area_values_sentence, overall_sentence, region_comparison
from analysis.words.titles import default_title
from analysis.write.display import PCT_COLUMNS, VALUE_COLUMNS, YEAR_COLUMNS, display
from analysis.write.safeio import atomic_write_text


def _md_escape(s: str) -> str:
    """Keep a text cell inside its Markdown table cell: escape backslashes and pipes, one line only."""
    return textsafe.md_cell(s)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_table(table: pd.DataFrame) -> str:
    """The gap table as a Markdown table with Chinese headers (numbers right-aligned)."""
    lines = [
        _md_row([GAP_HEADERS_ZH[c] for c in GAP_COLUMNS]),
        _md_row(["--:" if c in PCT_COLUMNS + VALUE_COLUMNS + YEAR_COLUMNS else "---" for c in GAP_COLUMNS]),
    ]
    rows = records(table)
    per = indicator_places(rows)
    for r in rows:
        places = per[r["indicator_id"]]
        lines.append(_md_row([_md_escape(display(c, r[c], places)) for c in GAP_COLUMNS]))
    return "\n".join(lines) + "\n"


def write_markdown(table: pd.DataFrame, path) -> Path:
    """Write the gap table as Markdown."""
    path = Path(path)
    atomic_write_text(path, markdown_table(table))
    return path


def md_line(s: str) -> str:
    """Stop a sentence that starts like Markdown syntax (#, -, 1.) from becoming a heading or list."""
    return textsafe.md_text(s)


def groups(frame: pd.DataFrame, column: str) -> list[pd.DataFrame]:
    """Sub-tables by `column` in order of first appearance (missing values form their own group)."""
    return [part for _, part in frame.groupby(column, sort=False, dropna=False)]


def _summary_section(part: pd.DataFrame, level: str, plan=None) -> list[str]:
    """Area lines, then under one heading per area every indicator with data: the values of those without a
    target in one line, then a sentence for each indicator with a target (areas with neither skipped)."""
    areas = groups(part, "area")
    lines = [f"{level} 分领域概况", ""]
    lines += [line for area in areas for line in (md_line(area_sentence(area, plan)), "")]
    sentences = []
    for area in areas:
        # Every indicator with data is named: those without a target in one line by value, then one sentence
        # for each indicator with a target.
        values = area_values_sentence(area)
        rows = [(row, r) for (_, row), r in zip(area.iterrows(), records(area)) if has_target(r)]
        if rows or values:
            sentences += [f"{level}# {textsafe.md_text(_area_name(records(area)))}", ""]
            sentences += [md_line(values), ""] if values else []
            sentences += [line for row, _ in rows for line in (md_line(sentence(row, plan)), "")]
    return lines + ([f"{level} 分指标情况", ""] + sentences if sentences else [])


def summary_markdown(table: pd.DataFrame, title: str | None = None, plan=None) -> str:
    """Title, one line per area, then one sentence per indicator with a target, grouped by area.

    `title`: by default from the data (place, plan, 总结评估 / 中期评估 / 年度监测, year).
    """
    frame = gap_frame(table)
    frame.attrs = dict(table.attrs)
    plan = plan or table.attrs.get("assess", {}).get("plan") or None
    title = title or default_title(frame, plan, "摘要")
    # One region (the usual city report) needs no region headings; rows without a region stay with it.
    by_region = frame["region"].nunique(dropna=True) > 1
    lines = [f"# {textsafe.md_text(title)}", "", "## 总体情况", "", md_line(overall_sentence(frame, plan)), ""]
    if by_region:
        comparisons = [c for c in (region_comparison(part, plan) for part in groups(frame, "indicator_id")) if c]
        if comparisons:
            lines += ["## 各地区比较", ""] + [x for c in comparisons for x in (md_line(c), "")]
    for part in groups(frame, "region") if by_region else [frame]:
        level = "###" if by_region else "##"
        if by_region:
            lines += [f"## {textsafe.md_text(str(clean_value(part['region'].iloc[0]) or '未注明地区'))}", ""]
        lines += _summary_section(part, level, plan)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_summary(table: pd.DataFrame, path, title: str | None = None, plan=None) -> Path:
    """Write summary.md (the briefing draft) atomically; the title by default from the data (default_title)."""
    path = Path(path)
    atomic_write_text(path, summary_markdown(table, title, plan))
    return path
