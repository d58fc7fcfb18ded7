"""Titles of the report (place, plan, 总结评估 / 中期评估 / 年度监测 报告, year, as phrases a title may break between),
and the 资料来源 line under every chart, table and the Word draft."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.assess.rows import evaluation_kind, plan_of_table
from analysis.config import BUNDLED_SOURCE, BUNDLED_WORKBOOK
from analysis.read.excel import workbook_title
from analysis.words.indicator import one_line

# The genre: the bureau's evaluation report (a 简报 is another kind of document).
GENRE = "报告"

# Where a workbook title's place ends: the plan's name, its quotes, or the subject.
_PLACE_END = re.compile(r"[“\"「『(（]?(?:十[一二三四五六七八九]五|[“\"「『]|规划|市场监[督管]|主要指标|指标)")


def workbook_titles(frame: pd.DataFrame) -> list[str]:
    """The titles of the sheets read (the loader keeps them in frame.attrs["tables"]): where a title's place comes from."""
    return [t.get("title", "") for t in frame.attrs.get("tables", []) if isinstance(t, dict)]


def place_from_title(title: str) -> str:
    """"景德镇市各县（市、区）" from "景德镇市各县（市、区）“十四五”规划指标监测表"; "" when the title names none."""
    text = one_line(str(title or "")).strip()
    match = _PLACE_END.search(text)
    place = text[: match.start()] if match else ""
    place = re.sub(r"(?:市场监督管理局|市场监管局)$", "", place).strip()
    return place if len(place) >= 2 else ""


def title_place(table: pd.DataFrame, titles=()) -> str:
    """The place a title names: the one region, else the place the workbook titles share (景德镇市各县（市、区）),
    else 各地区."""
    regions = [r for r in table["region"].dropna().unique() if r]
    if len(regions) == 1:
        return one_line(regions[0])
    places = list(dict.fromkeys(p for p in (place_from_title(t) for t in titles) if p and p not in regions))
    if len(places) == 1:
        return places[0]
    return "各地区" if regions else ""


def title_phrases(table: pd.DataFrame, plan=None, kind: str = GENRE, place: str | None = None, titles=()) -> list[str]:
    """["景德镇市", "“十四五”规划", "主要指标", "中期评估报告", "（2023年）"]: the title's phrases, where a line may break."""
    place = title_place(table, titles) if place is None else place
    p = plan_of_table(table, plan)
    years = table["year"].dropna()
    year = int(years.max()) if len(years) else None
    phrases = [place, f"{p.label}规划" if p is not None else "规划", "主要指标", evaluation_kind(table, p) + kind]
    if year:
        phrases.append(f"（{year}年）")
    return [ph for ph in phrases if ph]


def default_title(table: pd.DataFrame, plan=None, kind: str = GENRE, place: str | None = None, titles=()) -> str:
    """景德镇市“十四五”规划主要指标中期评估报告（2023年）: place, plan, 总结评估 / 中期评估 / 年度监测, year;
    `kind` names another genre (summary.md's 摘要)."""
    return "".join(title_phrases(table, plan, kind, place, titles))


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
