"""One generic loader for indicator tables in the layouts analysts really receive.

A layout is described by data (header_aliases.json), not by code per file: the header row is found
by its labels, wherever it is; one- and two-row headers are read the same way; section rows
("一、优化营商环境") set the area of the rows below; footnotes and blank rows are ignored. Every
value becomes one row of a tidy frame (schema.TIDY_COLUMNS) that remembers its file, sheet and cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.metadata.fields import TIDY_COLUMNS
from analysis.read.arrays import _constant_categorical, _filled, _object_frame, _per_distinct, _value_types
from analysis.read.cellproblems import _no_rows
from analysis.read.cells import _normalize_unique, _normalized, normalize_text
from analysis.read.excel import SheetGrid, Workbook, open_workbook
from analysis.read.headers import (
    ALIASES,
    Header,
    YEAR_MAX,
    YEAR_MIN,
    _SECTION,
    _as_text,
    _column_readings,
    _header_text,
    classify_label,
    find_header,
)
from analysis.read.names import (
    _clean_name,
    _clean_text,
    _directions,
    _indicator_ids,
    _spanned_names,
    _strip_numbering,
    _unit_text,
    _units_from_cells,
    _units_from_names,
    stable_id,
)
from analysis.read.periods import _settle_years
from analysis.read.regions import _region_name, _regions, region_default
from analysis.read.supporting import SUPPORTING_SHEET, _read_supporting, load_supporting_figures
from analysis.read.table import LoadResult, _Options
from analysis.read.targets import _YEAR_NOTE, _with_bracket_bases, _year_marks
from analysis.read.tasks import accept_ledger_only
from analysis.read.tidy import _empty_frame, _finish, _tidy_values
from analysis.rules.plans import PLANS, resolve_plan
from analysis.rules.problems import InputError, Problem, column_letter

# The loader's API, wherever its parts now live (callers import these names from here).
__all__ = ["LoadResult", "SUPPORTING_SHEET", "classify_label", "find_header", "load_indicators", "load_supporting_figures",
           "read_indicators", "region_default", "stable_id"]




def load_indicators(paths, regions: dict | None = None, plan=None, base_year=None, target_year=None, strict=False,
                    region: str | None = None) -> pd.DataFrame:
    """Read one or more workbooks into one tidy frame; raise InputError listing every error found.

    `regions` may name the region of a file ({path: "浮梁县"}) when it has no region column; by default
    the region is the place named in the sheet's title, or the file name. `region="福建省"` names the region of
    every file that `regions` does not name (the command line's --region).
    `plan` ("十四五", "十五五", a plans.Plan) or `base_year` / `target_year` give the plan period for
    headers that carry no year ("基期值", "目标值") and say which bare year column is the plan's end;
    years written in a header always win. `strict=True` turns every reading choice the loader made
    (an assumed year, an approximate or qualitative target, a bound on an actual, a footnote mark
    removed) into an error.
    Warnings and notes travel in `frame.attrs["problems"]`; how each column was read in `frame.attrs["tables"]`.
    """
    result = read_indicators(paths, regions, plan=plan, base_year=base_year, target_year=target_year, strict=strict,
                             region=region)
    accept_ledger_only(result)  # a key-task ledger beside the indicator tables is input, as validate says
    if not result.ok:
        raise InputError(result.problems)
    result.frame.attrs["problems"] = [str(p) for p in result.problems if p.severity != "error"]
    return result.frame


def read_indicators(paths, regions: dict | None = None, plan=None, base_year=None, target_year=None, strict=False,
                    region: str | None = None) -> LoadResult:
    """Like load_indicators, but returns the problems instead of raising (for validation screens)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    regions = {str(Path(k)): v for k, v in (regions or {}).items()}
    problems: list[Problem] = []
    try:
        period = resolve_plan(plan, base_year, target_year)
    except ValueError as exc:
        problems.append(Problem("error", "", f"规划期参数无法使用：{exc}", "plan=\"十四五\" 或 base_year=2020, target_year=2025"))
        return LoadResult(_empty_frame(), problems, [])
    options = _Options(period, strict, problems)
    frames, tables = [], []
    seen = set()
    for path in paths:
        if Path(path).resolve() in seen:
            problems.append(Problem("note", str(path), "同一文件给出了两次，只读取一次"))
            continue
        seen.add(Path(path).resolve())
        workbook = open_workbook(path, problems)
        if workbook is not None:
            _read_workbook(workbook, regions.get(str(Path(path))) or _region_name(region), frames, tables, options)
    frame = (pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]) if frames else _empty_frame()
    frame = _finish(frame, problems)
    if frame.empty and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem("error", "", "没有读到任何指标", "表头下方至少有一行指标（有指标名称和数值）", "检查是否选错了文件或工作表")
        )
    frame.attrs["problems"] = [str(p) for p in problems if p.severity != "error"]
    frame.attrs["tables"] = tables
    return LoadResult(frame, problems, tables)


def _read_workbook(workbook: Workbook, region: str | None, frames, tables, options: _Options) -> None:
    problems = options.problems
    file = str(workbook.path)
    if not any(_has_content(s) for s in workbook.sheets):
        problems.append(Problem("error", file, "工作簿是空的（没有任何内容）", "至少一张含指标表的工作表", "检查是否发错了文件"))
        return
    found = 0
    for sheet in workbook.sheets:
        if not _has_content(sheet):
            continue
        if sheet.name == SUPPORTING_SHEET:
            _read_supporting(sheet, file, problems)
            continue
        if sheet.hidden:
            problems.append(
                Problem("warning", file, "隐藏的工作表，未读取", sheet=sheet.name, fix="如需纳入分析，请在 Excel 中取消隐藏该工作表")
            )
            continue
        header = find_header(sheet)
        if header is None:
            problems.append(Problem("note", file, "未找到指标表表头，已跳过该工作表（如说明、重点任务等文字表）", sheet=sheet.name))
            continue
        found += 1
        table = {"file": file, "sheet": sheet.name, "indicators": 0, "rows": 0}
        frame = _read_table(sheet, header, file, region, options, table)
        if frame is not None:
            frames.append(frame)
            table.update(indicators=frame["indicator_id"].nunique(), rows=len(frame))
        if "columns" in table:
            tables.append(table)
    if not found and not any(p.severity == "error" and p.file == file for p in problems):
        problems.append(
            Problem(
                "error",
                file,
                "找不到指标表的表头",
                "表头行包含“指标名称”（或“指标”）以及年份列（如“2022年实际值”）或目标列（如“2025年目标值”）",
                "在表头中使用上述列名；可用 python -m analysis template 生成标准模板",
            )
        )


def _has_content(sheet: SheetGrid) -> bool:
    return any(v not in ("", None) for row in sheet.rows for v in row)


# ---------------------------------------------------------------- table body


@dataclass
class _Body:
    """The rows below a table's header, as one grid, and the header's named columns."""

    grid: np.ndarray  # object, one row per sheet row below the header
    cols: dict  # field → headers.Column (value columns excluded)
    start: int  # the first body row, in sheet.rows

    def text_col(self, name):
        if name not in self.cols:
            return _filled(len(self.grid), "")
        return _as_text(self.grid[:, self.cols[name].index])

    def per_distinct(self, name, function):
        """function(text) over a column, once per distinct text; a column the table lacks is all function("")."""
        if name not in self.cols:
            return _filled(len(self.grid), function(""))
        return _per_distinct(self.text_col(name), function)


def _read_table(sheet: SheetGrid, header: Header, file: str, region: str | None, options: _Options, table: dict) -> pd.DataFrame | None:
    problems = options.problems
    cols = {c.field: c for c in header.columns if c.field not in ("value", "unknown", "invalid_year", "excel_error", "span_actual")}
    _report_header_problems(sheet, header, file, problems)
    title_text = " ".join(_header_text(v) for row in sheet.rows[: header.row] for v in row if v != "")
    table["title"] = title_text  # the place a report's title names (景德镇市各县（市、区）)
    period = _settle_years(sheet, header, title_text, file, options)
    table.update(plan=period.name if period and period.name in PLANS else "", base_year=period and period.base_year,
                 target_year=period and period.target_year, columns=_column_readings(header))
    values = [c for c in header.columns if c.field == "value" and c.year is not None]
    if not values:  # every year label was mistyped or unknowable: reported above, nothing to read
        return None
    body = _table_body(sheet, header, cols)
    if body is None:
        problems.append(_no_rows(file, sheet, header))
        return None
    names_raw = _spanned_names(sheet, header, cols["name"], body.grid, body.text_col("name"))
    numeric, has_value = _value_cells(sheet, body, values)
    name_clean, is_indicator, area_of_section, footnotes = _classify_rows(sheet, body, values, names_raw, has_value, file, problems)
    _report_lost_formulas(sheet, header, body.start, file, problems)
    rows = np.flatnonzero(is_indicator)
    if rows.size == 0:
        problems.append(_no_rows(file, sheet, header))
        return None
    meta = _row_meta(sheet, body, rows, name_clean, area_of_section, title_text, file, region, table, problems)
    from_names = int((meta["unit"] != "").sum()) if "unit" not in cols else 0
    cell_units = _units_from_cells(meta, body.grid, rows, values, numeric, sheet, file, "unit" in cols, options)
    _report_rows_and_units(sheet, meta, "unit" in cols, from_names, file, problems)

    readings = {}
    data = _tidy_values(sheet, body.grid, rows, meta, values, numeric, file, options, cell_units, _year_marks(footnotes), readings)
    if readings:  # cells a 注 row says are another year's data: in 列的读法 too
        table["columns"] = _column_readings(header, readings)
    return _table_frame(data, file, sheet, table)


def _table_body(sheet: SheetGrid, header: Header, cols: dict) -> _Body | None:
    """The rows below the header as one object grid, vertical merges filled; None when there are none."""
    start = header.row + header.height
    body = sheet.rows[start:]
    if not body:
        return None
    width = len(sheet.rows[0])
    grid = np.array(body, dtype=object)
    if grid.ndim != 2:  # ragged rows (hand-made CSV): pad to the sheet's width
        grid = np.array([list(r) + [""] * (width - len(r)) for r in body], dtype=object)
    _fill_vertical_merges(sheet, grid, start)
    return _Body(grid, cols, start)


def _value_cells(sheet: SheetGrid, body: _Body, values: list) -> tuple[dict, np.ndarray]:
    """Per value column, which cells are numbers, text or neither; and which rows hold any value."""
    n = len(body.grid)
    has_value = np.zeros(n, dtype=bool)
    numeric = {}
    for col in values:
        is_num, is_text, is_other = _value_types(body.grid[:, col.index])
        for i, j in sheet.error_cells:  # cached formula errors read as "": a value is there
            if j - sheet.col0 == col.index and 0 <= i - sheet.row0 - body.start < n:
                is_other[i - sheet.row0 - body.start] = True
        numeric[col.index] = (is_num, is_text, is_other)
        has_value |= is_num | is_text | is_other
    return numeric, has_value


def _classify_rows(sheet: SheetGrid, body: _Body, values: list, names_raw, has_value, file: str, problems):
    """Indicator rows have a name; the rest are sections (their area), footnotes (kept as written) or blanks."""
    grid, cols, start = body.grid, body.cols, body.start
    name_norm, name_clean = _per_distinct(names_raw, _normalized, _clean_name)
    is_indicator = name_norm != ""
    area_of_section = _filled(len(grid), None)
    footnotes = []  # the texts of 注 / 来源 rows, as written (they may define footnote marks: "带*的为2019年数据")
    name_at, value_at = cols["name"].index, {c.index for c in values}
    for i in np.flatnonzero(~has_value):
        first = next((_header_text(v) for v in grid[i] if _header_text(v).strip()), "")
        text = normalize_text(first)
        if not text:
            continue
        merges = _row_merges(sheet, start + i)
        # A merged row that dates a footnote mark ("(带*号为2024年数据)") is a 注 row whatever its first word.
        if _is_footnote(text) or (merges and (_MERGED_FOOTNOTE.match(text) or _YEAR_NOTE.search(text))):
            is_indicator[i] = False
            footnotes.append(first)
            continue
        # A row merged across three columns, or across the name and a value column (no value can be there),
        # is a section row, never an indicator.
        across = any(c1 - c0 >= 2 or (c0 <= name_at <= c1 and any(c0 <= j <= c1 for j in value_at)) for c0, c1 in merges)
        if any(p.match(text) for p in _SECTION) or across:
            area_of_section[i] = _strip_section_number(text)
            is_indicator[i] = False
    unnamed = np.flatnonzero(~is_indicator & has_value)
    for i in unnamed[:20]:
        problems.append(
            Problem(
                "error",
                file,
                "这一行有数值但没有指标名称",
                "每个有数值的行都填写指标名称",
                "补上指标名称，或删除这一行",
                sheet.name,
                sheet.cell(start + i, cols["name"].index),
            )
        )
    return name_clean, is_indicator, area_of_section, footnotes


def _row_meta(sheet: SheetGrid, body: _Body, rows, name_clean, area_of_section, title_text: str, file: str,
              region: str | None, table: dict, problems) -> pd.DataFrame:
    """Per indicator row: name, unit, area, region, id, direction and the other text columns."""
    cols, n = body.cols, len(body.grid)
    text_col, per_distinct = body.text_col, body.per_distinct
    area = pd.Series(area_of_section).ffill().to_numpy()
    if "area" in cols:
        own = _normalize_unique(text_col("area"))
        area = np.where(own != "", own, area)
    area = np.where(pd.isna(area), "", area)
    region_values = _regions(text_col("region") if "region" in cols else None, title_text, file, region, n)
    if "region" not in cols:  # where the one region of the table came from, for the validate summary
        table["region"], table["region_from"] = region_default(title_text, file, region)

    meta = _object_frame(
        {
            "name": name_clean,
            "name_en": per_distinct("name_en", lambda t: " ".join(t.split())),
            "unit": per_distinct("unit", _unit_text),
            "area": area,
            "region": region_values,
            "indicator_type": per_distinct("indicator_type", _normalized),
            "direction_raw": per_distinct("direction", _normalized),
            "comparator_raw": per_distinct("comparator", _normalized),
            "claim": text_col("claim"),
            "source": text_col("source"),
            "note": text_col("note"),
            "reported_status": per_distinct("reported_status", _clean_text),
            "id_raw": text_col("indicator_id"),
            "row": np.arange(n) + sheet.row0 + body.start,
        }
    ).iloc[rows]
    meta["row"] = meta["row"].astype(np.int64)
    meta["name"] = meta["name"].map({name: _strip_numbering(name) for name in meta["name"].unique()})
    _units_from_names(meta)
    meta["indicator_id"] = _indicator_ids(meta, file, sheet, cols, problems)
    meta["direction"] = _directions(meta, file, sheet, cols, problems)
    return meta


def _report_rows_and_units(sheet: SheetGrid, meta: pd.DataFrame, has_unit_col: bool, from_names: int, file: str, problems) -> None:
    """Hidden indicator rows (read as usual) and indicators without a unit, said."""
    hidden = sorted(r for r in meta["row"] if r in sheet.hidden_rows) if sheet.hidden_rows else []
    if hidden:
        problems.append(
            Problem(
                "warning",
                file,
                f"有 {len(hidden)} 个隐藏行（第 {', '.join(str(r + 1) for r in hidden[:10])} 行），已照常读取",
                sheet=sheet.name,
                fix="隐藏行中的指标也会计入分析；如不应计入，请删除这些行",
            )
        )
    missing_unit = meta.loc[meta["unit"] == "", "name"].tolist()
    if has_unit_col and missing_unit:
        problems.append(Problem("warning", file, f"{len(missing_unit)} 个指标没有单位：{'、'.join(missing_unit[:5])}", sheet=sheet.name))
    if not has_unit_col:
        if from_names:
            problems.append(Problem("note", file, f"表中没有“单位”列，{from_names} 个指标的单位取自指标名称末尾的括号（如“（件）”）", sheet=sheet.name))
        if missing_unit:
            problems.append(Problem("warning", file, "表中没有“单位”列，" + f"{len(missing_unit)} 个指标没有单位，图表将不显示单位", sheet=sheet.name))


def _table_frame(data: dict, file: str, sheet: SheetGrid, table: dict) -> pd.DataFrame:
    """The table's tidy frame: its columns plus those constant per table, in the final order."""
    # Constant per table: one category each, not 10⁵ string objects.
    size = len(data["value"])
    data["file"] = _constant_categorical(file, size)
    data["sheet"] = _constant_categorical(sheet.name, size)
    data["plan"] = _constant_categorical(table["plan"], size)
    for column, year in (("plan_base_year", table["base_year"]), ("plan_target_year", table["target_year"])):
        data[column] = pd.arrays.IntegerArray(np.full(size, year or 0, dtype=np.int64), np.full(size, year is None))
    frame = _object_frame({column: data[column] for column in TIDY_COLUMNS})  # built once, in the final order
    return _with_bracket_bases(frame, data["bracket_bases"])


def _report_lost_formulas(sheet: SheetGrid, header: Header, start: int, file: str, problems) -> None:
    """A formula saved without its result reads as empty (a value lost, or a name): say so, at the cell."""
    kinds = {c.index + sheet.col0: c.field for c in header.columns if c.field not in ("unknown", "invalid_year", "span_actual")}
    for i, j in sheet.formulas_without_value:
        if j in kinds and i >= sheet.row0 + start:
            what = "数值" if kinds[j] == "value" else "文字"
            problems.append(
                Problem(
                    "error",
                    file,
                    "公式没有保存计算结果（该文件可能由程序生成，未经 Excel 计算保存）",
                    f"{what}，或带有已保存结果的公式",
                    f"在 Excel 中打开该文件，按 F9 重新计算后保存；或把公式改为{what}",
                    sheet.name,
                    f"{column_letter(j)}{i + 1}",
                )
            )


def _report_header_problems(sheet: SheetGrid, header: Header, file: str, problems) -> None:
    for (i, j), error in sheet.error_cells.items():
        if header.row <= i - sheet.row0 < header.row + header.height:
            problems.append(
                Problem(
                    "error",
                    file,
                    f"列标题是公式错误值“{error}”，这一列无法读取",
                    "文字列名，如“2024年实际值”",
                    "在 Excel 中改正该公式，或把列名直接写成文字",
                    sheet.name,
                    f"{column_letter(j)}{i + 1}",
                )
            )
    for col in header.columns:
        cell = sheet.cell(header.row + header.height - 1, col.index)
        if col.field == "excel_error":
            problems.append(
                Problem("error", file, f"列标题是公式错误值“{col.label}”，这一列无法读取", "文字列名，如“2024年实际值”",
                        "在 Excel 中改正该公式，或把列名直接写成文字", sheet.name, cell)
            )
        elif col.field == "invalid_year":
            problems.append(
                Problem(
                    "error",
                    file,
                    f"列标题“{col.label}”中的年份无法识别",
                    f"{YEAR_MIN}–{YEAR_MAX} 之间的四位年份，如“2022年”“2022年实际值”",
                    "改正列标题中的年份",
                    sheet.name,
                    cell,
                )
            )
        elif col.field == "span_actual":
            problems.append(
                Problem("warning", file, f"列“{col.label}”是{col.how}，已忽略", "逐年的实际值列，如“2023年实际值”",
                        "评估按逐年实际值计算：如需纳入，请把各年数值分列填写", sheet.name, cell)
            )
        elif col.field == "unknown" and normalize_text(col.label):
            problems.append(
                Problem("warning", file, f"未识别的列“{col.label}”，已忽略", "header_aliases.json 中列出的列名之一", "如该列应参与分析，请改用标准列名", sheet.name, cell)
            )


def _fill_vertical_merges(sheet: SheetGrid, grid: np.ndarray, start: int) -> None:
    """A cell merged down several rows (region, area, unit) applies to each of them."""
    for r0, c0, r1, c1 in sheet.merged:
        i0, i1, j = r0 - sheet.row0 - start, r1 - sheet.row0 - start, c0 - sheet.col0
        if r1 > r0 and i0 >= 0 and 0 <= j < grid.shape[1]:
            grid[i0 + 1 : i1 + 1, j] = grid[i0, j]


def _row_merges(sheet: SheetGrid, row: int) -> list[tuple[int, int]]:
    """Column ranges (grid positions) of the cells merged across columns that start in `row`."""
    return [(c0 - sheet.col0, c1 - sheet.col0) for r0, c0, r1, c1 in sheet.merged if r0 == row and c1 > c0]


# A row merged across the table that starts so is a note under it ("来源：…", "资料来源", "数据来源", "注1."),
# never an indicator; unmerged, only the footnote_prefixes of header_aliases.json (with their colon) are.
_MERGED_FOOTNOTE = re.compile(r"^(?:来源|资料来源|数据来源|出处|(?:注|附注|说明|备注)(?:[:：.、\d①-⑳(（]|$))")


def _is_footnote(text: str) -> bool:
    return any(text.startswith(normalize_text(p)) for p in ALIASES["footnote_prefixes"])


def _strip_section_number(text: str) -> str:
    for pattern in _SECTION:
        text = pattern.sub("", text, count=1)
    return text.strip()
