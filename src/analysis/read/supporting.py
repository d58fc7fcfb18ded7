"""The 补充数据 sheet: the report's other figures (事项 | 数值 | 单位 | 限定 | 年份 …)."""

from __future__ import annotations

import pandas as pd

from analysis.config import BUNDLED_WORKBOOK
from analysis.read.cells import normalize_text, parse_cell
from analysis.read.excel import SheetGrid, open_workbook
from analysis.read.headers import HEADER_SEARCH_ROWS, YEAR_MAX, YEAR_MIN, _header_text
from analysis.read.names import _clean_text
from analysis.rules.problems import InputError, Problem


SUPPORTING_SHEET = "补充数据"
SUPPORTING_COLUMNS = {"事项": "item", "数值": "value", "单位": "unit", "限定": "qualifier", "年份": "year", "所属方面": "topic", "报告原文": "source"}


def load_supporting_figures(path=None) -> pd.DataFrame:
    """The report's other figures (执业药师 410 / 406 …) from a workbook's 补充数据 sheet (empty if none).

    Checked with the same rules as validate applies (read_indicators checks this sheet too): a
    missing header or a value that is not a number raises InputError naming the cell.
    """
    problems: list[Problem] = []
    workbook = open_workbook(path or BUNDLED_WORKBOOK, problems)
    if workbook is None:
        raise InputError(problems)
    sheet = next((s for s in workbook.sheets if s.name == SUPPORTING_SHEET), None)
    if sheet is None:  # other cities' workbooks have no such sheet: nothing to add
        return pd.DataFrame(columns=list(SUPPORTING_COLUMNS.values()))
    frame = _read_supporting(sheet, str(workbook.path), problems)
    if frame is None or any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return frame


def _read_supporting(sheet: SheetGrid, file: str, problems) -> pd.DataFrame | None:
    """The 补充数据 sheet: header 事项 | 数值 | 单位 | 限定 | 年份 | …; every value a number, every year a year."""
    labels = [[normalize_text(_header_text(v)) for v in row] for row in sheet.rows[:HEADER_SEARCH_ROWS]]
    header = next((i for i, row in enumerate(labels) if "事项" in row and "数值" in row), None)
    if header is None:
        problems.append(
            Problem("error", file, "“补充数据”工作表找不到表头", "一行表头，包含“事项”“数值”（以及“单位”“限定”“年份”“所属方面”“报告原文”）",
                    "按原样恢复表头行；不需要补充数据时可删除这张工作表", sheet.name)
        )
        return None
    where = {label: j for j, label in enumerate(labels[header]) if label in SUPPORTING_COLUMNS}
    records = []
    for i, row in enumerate(sheet.rows[header + 1 :], start=header + 1):
        get = lambda label: row[where[label]] if label in where and where[label] < len(row) else ""
        item = _clean_text(_header_text(get("事项")))
        if not item:
            continue
        record = {SUPPORTING_COLUMNS[label]: _header_text(get(label)).strip() for label in where}
        record["item"] = item
        value, year = get("数值"), get("年份")
        cell = parse_cell(value)
        if cell.status != "number" or cell.comparator or (cell.unit and cell.unit != normalize_text(record.get("unit", ""))):
            problems.append(
                Problem("error", file, f"补充数据“{item}”的数值“{value}”不是数值", "数字，如 410、98（以上、约等限定词写在“限定”列）",
                        "改为数字", sheet.name, sheet.cell(i, where["数值"]))
            )
            continue
        record["value"] = cell.value
        if "年份" in where:
            year_cell = parse_cell(year)
            if year_cell.status != "number" or not float(year_cell.value).is_integer() or not YEAR_MIN <= year_cell.value <= YEAR_MAX:
                problems.append(
                    Problem("error", file, f"补充数据“{item}”的年份“{year}”无法识别", f"{YEAR_MIN}–{YEAR_MAX} 之间的四位年份",
                            "填写数据所属年份，如 2023", sheet.name, sheet.cell(i, where["年份"]))
                )
                continue
            record["year"] = int(year_cell.value)
        records.append(record)
    frame = pd.DataFrame(records, columns=list(SUPPORTING_COLUMNS.values()))
    frame["value"] = frame["value"].astype(float)
    if "年份" in where:
        frame["year"] = frame["year"].astype(int)
    return frame.reset_index(drop=True)
