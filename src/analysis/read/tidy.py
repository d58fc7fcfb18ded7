"""The tidy frame: one row per indicator row and value column, then one value per indicator, region, year and kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.metadata.fields import TIDY_COLUMNS
from analysis.read.arrays import _as_floats, _filled, _repeat_categorical, _tile_categorical
from analysis.read.cellproblems import _cell_problem, _magnitude_problem, _other_problem
from analysis.read.cells import (
    Cell,
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    _quick_numbers,
    normalize_text,
    parse_target,
    parse_text,
)
from analysis.read.headers import Column, _KIND_ZH, _KIND_ZH_SHORT, _header_text
from analysis.read.names import _CellUnits, _untyped_targets
from analysis.read.table import TableValues, _Options
from analysis.read.targets import (
    _BRACKETED_TOTAL,
    _TWO_VALUES,
    _actual_notes,
    _bracket_bases,
    _marked_year,
    _merge_rate_columns,
    _period_totals,
    _settle_targets,
    _worded_base,
)
from analysis.rules.numbers import general as _fmt
from analysis.rules.numbers import percent_shown
from analysis.rules.problems import Problem, column_letter
from analysis.rules.units import is_percent_unit


@dataclass
class _Rows:
    """Per indicator row (k) of the table being read: where it is, its unit, whether that unit is a %."""

    row: np.ndarray  # the sheet row, 0-based
    text: np.ndarray  # the sheet row as shown ("5"), for cell references
    unit: np.ndarray
    percent: np.ndarray  # bool: the unit is a percentage


@dataclass
class _ColumnCells:
    """One value column (m) being read: its header, letter and raw cells (one per indicator row)."""

    m: int
    col: Column
    letter: str
    raw: np.ndarray
    is_goal: bool


def _tidy_values(sheet, grid, rows, meta, values: list[Column], masks, file, options: _Options,
                 cell_units: _CellUnits | None = None, marks: dict | None = None, readings: dict | None = None) -> dict:
    """One tidy row per indicator row and value column: numbers taken as they are, text parsed.

    `cell_units`: units taken from value cells (notes, conflicting rows); `marks`: footnote marks a 注 row
    dates ("带*的为2019年数据"); `readings` receives what the 列的读法 adds for such cells, by column index.
    """
    cell_units = cell_units or _CellUnits()
    marks = marks or {}
    n = len(rows)
    abs_rows = meta["row"].to_numpy()
    percent_unit = meta["unit"].map({u: is_percent_unit(u) for u in meta["unit"].unique()}).to_numpy(dtype=bool)
    row_text = np.array(list(map(str, (abs_rows + 1).tolist())), dtype=object)
    at = _Rows(abs_rows, row_text, meta["unit"].to_numpy(), percent_unit)
    t = _table_values(values, n, meta["name"].to_numpy(), cell_units, sheet, file, options)
    every_row = n == len(grid)  # rows is then 0 … n - 1
    bracket_bases = []  # (m, k, Target, cell) for base values written inside target cells
    for m, col in enumerate(values):
        if every_row:  # the usual table: no section or note rows, nothing to pick
            (is_num, is_text, is_other), raw = masks[col.index], grid[:, col.index]
        else:
            is_num, is_text, is_other = (mask[rows] for mask in masks[col.index])
            raw = grid[rows, col.index]
        c = _ColumnCells(m, col, column_letter(col.index + sheet.col0), raw, col.kind in ("target", "midterm_target"))
        t.cells.append(c.letter + at.text)
        _read_numbers(t, c, at, is_num, is_other)
        _read_texts(t, c, at, is_text, cell_units, marks, readings, bracket_bases)
        if c.is_goal:
            _type_targets(t, c, at)
        else:
            t.texts[m, :] = ""
    _period_totals(t)
    _merge_rate_columns(t)
    meta["direction"] = _settle_targets(t, meta)
    for m in t.goals:  # a range has no comparator: value is its low end, target_high its high end
        t.comparators[m, (t.types[m] == "range") | ~np.isnan(t.highs[m])] = ""
    return _tidy_columns(t, meta, n, bracket_bases)


def _table_values(values: list[Column], n: int, names, cell_units: _CellUnits, sheet, file, options) -> TableValues:
    """Empty value arrays for the table (one row per value column, one column per indicator row)."""
    shape = (len(values), n)
    # Each value's own year: the column's, unless a base cell says it is another year's ("21.5（2024年）", "10.5*").
    years = np.repeat(np.array([c.year for c in values], dtype=np.int64), n).reshape(shape)
    notes: dict[tuple[int, int], list[str]] = {key: list(v) for key, v in cell_units.notes.items()}
    return TableValues(values, np.full(shape, np.nan), _filled(shape, ""), np.full(shape, np.nan), _filled(shape, ""),
                       _filled(shape, ""), years, notes, names, [], sheet, file, options)


def _read_numbers(t: TableValues, c: _ColumnCells, at: _Rows, is_num, is_other) -> None:
    """The column's number cells (sizes checked), and its cells that are neither number nor text."""
    m, col, raw, sheet, names = c.m, c.col, c.raw, t.sheet, t.names
    matrix = t.matrix
    matrix[m, is_num] = _as_floats(raw[is_num])
    # Percentage-formatted numbers show ×100 on screen; the indicator's value is what is shown.
    shown = sheet.percent_cells.get(col.index + sheet.col0)
    if shown is not None:
        scale = is_num & at.percent & np.isin(at.row, shown)
        matrix[m, scale] = percent_shown(matrix[m, scale])
    size = np.abs(matrix[m, is_num])
    insane = np.flatnonzero(is_num)[~((size == 0) | ((size >= MIN_MAGNITUDE) & (size <= MAX_MAGNITUDE)))]
    for k in insane:
        t.options.problems.append(_magnitude_problem(raw[k], names[k], col, sheet, f"{c.letter}{at.row[k] + 1}", t.file))
        matrix[m, k] = np.nan
    for k in np.flatnonzero(is_other):
        ref = f"{c.letter}{at.row[k] + 1}"
        error = sheet.error_cells.get((at.row[k], col.index + sheet.col0))
        t.options.problems.append(_other_problem(raw[k], error, names[k], col, sheet, ref, t.file))
    if c.is_goal:
        shown_values = pd.Series(matrix[m, is_num])
        t.texts[m, is_num] = shown_values.map({v: _fmt(v) for v in shown_values.unique()}).to_numpy(dtype=object)


def _read_texts(t: TableValues, c: _ColumnCells, at: _Rows, is_text, cell_units: _CellUnits, marks: dict,
                readings: dict | None, bracket_bases: list) -> None:
    """The column's text cells: plain numbers at once, the rest parsed one by one (targets, bounds, notes, marks)."""
    m, raw, names, options = c.m, c.raw, t.names, t.options
    matrix, comparators, texts = t.matrix, t.comparators, t.texts
    text_at = np.flatnonzero(is_text)
    quick = _quick_numbers(raw[text_at])
    done = ~np.isnan(quick[0])
    if not c.is_goal:  # a bound on an actual ("超4") is read with a note: the general path says so
        done &= quick[1] == ""
    matrix[m, text_at[done]], comparators[m, text_at[done]] = quick[0][done], quick[1][done]
    if c.is_goal:
        texts[m, text_at] = raw[text_at]
    dated: dict[tuple, list[str]] = {}  # (mark, year, note) → cells a 注 row says hold that year's data
    for k in text_at[~done]:
        ref = f"{c.letter}{at.row[k] + 1}"
        if c.is_goal:
            found = parse_target(raw[k])
            cell = found.cell or parse_text(raw[k])
        else:
            cell = parse_text(raw[k])
            found = None
        status = found.status if found else cell.status
        unit = found.unit if found else cell.unit
        mark = found.footnote if found else cell.footnote
        if mark and marks and status in ("number", "qualitative"):
            _marked_cell(t, c, k, _marked_year(mark, marks), mark, ref, dated)
        # a change in 百分点 of a % indicator; a yearly growth in % of a level in any unit ("年均10%" of 亿元)
        points = found is not None and ((unit == "百分点" and found.target_type == "cumulative" and at.percent[k])
                                        or (unit == "%" and found.target_type == "annual_rate"))
        if status == "number" and (not unit or unit == at.unit[k] or (unit == "%" and at.percent[k]) or points):
            if found:
                matrix[m, k], comparators[m, k] = found.value, found.comparator
                t.types[m, k] = found.target_type
                if found.high is not None:
                    t.highs[m, k] = found.high
                if found.base is not None:  # "78%左右（2025年约76%）": the base, in the target's bracket
                    bracket_bases.append((m, k, found, ref))
                for note in found.notes:
                    t.notes.setdefault((m, k), []).append(note)
                    severity = "warning" if note.startswith("近似") else "note"
                    options.choice(severity, t.file, f"目标“{raw[k]}”（指标“{names[k]}”）：{note}，按 {_fmt(found.value)} 读取", t.sheet.name, ref)
            else:
                matrix[m, k], comparators[m, k] = cell.value, cell.comparator
                _actual_notes(t, (m, k), cell, raw[k], ref)
        elif status == "qualitative":
            t.types[m, k] = "qualitative"
            options.choice("note", t.file, f"目标“{raw[k]}”（指标“{names[k]}”）是定性目标，没有数值，评估时按变化方向判断或需人工判断", t.sheet.name, ref)
        else:
            _unread_cell(t, c, k, at, cell, status, unit, ref, cell_units)
    _report_dated(t, c, dated, readings)


def _marked_cell(t: TableValues, c: _ColumnCells, k: int, year, mark: str, ref: str, dated: dict) -> None:
    """A cell whose footnote mark a 注 row dates to another year: noted, and a base keeps that year."""
    col = c.col
    if year is not None and year[0] != col.year:
        own = col.kind == "baseline" and year[0] < col.year  # a base keeps its own year
        t.notes.setdefault((c.m, k), []).append(
            f"按表注“{year[1]}”，此数为 {year[0]} 年数据，"
            + (f"基期值按 {year[0]} 年计" if own else f"按 {col.year} 年{_KIND_ZH_SHORT[col.kind]}读取")
        )
        if own:
            t.years[c.m, k] = year[0]
        dated.setdefault((mark, *year), []).append(ref)


def _unread_cell(t: TableValues, c: _ColumnCells, k: int, at: _Rows, cell, status: str, unit, ref: str,
                 cell_units: _CellUnits) -> None:
    """A text cell that is neither a number in the row's unit nor a qualitative target: said, or read another way."""
    m, col, raw, names, units, options, file, sheet = c.m, c.col, c.raw, t.names, at.unit, t.options, t.file, t.sheet
    notes, problems = t.notes, options.problems
    if k in cell_units.conflicts:
        problems.append(
            Problem("error", file, f"指标“{names[k]}”同一行的数值写了不同的单位：{cell_units.conflicts[k]}",
                    "同一指标的数值用同一个单位", "把数值换算成同一单位；或在“单位”列写明单位，数值中不写单位",
                    sheet.name, ref)
        )
        t.texts[m, k] = ""
    elif status == "number":  # a unit other than the row's
        problems.append(_cell_problem(Cell("number", unit=unit), raw[k], units[k], names[k], col, sheet, ref, file, c.is_goal))
        t.texts[m, k] = ""
    elif status != "missing" and not c.is_goal and col.kind == "baseline" and _BRACKETED_TOTAL.match(raw[k].strip()):
        # A plan box's base column printing 〔17.7〕: the last plan's five-year total, not a level of
        # the base year. Kept out of the numbers (a cumulative target is judged on the change since
        # the base year, from 0), said at its cell, never an error that blocks the table.
        notes.setdefault((m, k), []).append(f"“{raw[k].strip()}”为上一规划期累计数，未作基期值")
        options.choice(
            "warning", file,
            f"“{raw[k].strip()}”（指标“{names[k]}”，“{col.label}”列）是〔〕内的累计数（上一规划期5年累计），"
            f"不是 {col.year} 年的水平值，未作为基期值读取",
            sheet.name, ref, f"累计目标按规划期内的累计变化评估，不需要基期水平；如有 {col.year} 年的水平值，可另列填写",
        )
    elif status != "missing" and col.kind == "baseline" and _worded_base(t, (m, k), raw[k], units[k], at.percent[k], ref):
        pass  # "8%左右", "5.0%（2025）", "预计2.65%", "与经济增长基本同步": read, or set aside, and said
    elif status != "missing" and "/" in units[k] and _TWO_VALUES.match(normalize_text(raw[k])):
        # "8358/244" under the unit "万人次/万吨": two indicators share the row; not guessed apart, said
        notes.setdefault((m, k), []).append(f"原文“{raw[k]}”是两个指标的数值（单位“{units[k]}”），未读取")
        options.choice("warning", file, f"“{raw[k]}”（指标“{names[k]}”，单位“{units[k]}”）是同一行中两个指标的数值，未读取",
                       sheet.name, ref, "把两个指标拆成两行，各写各的名称、单位和数值")
        t.texts[m, k] = ""
    elif status != "missing":
        problems.append(_cell_problem(cell, raw[k], units[k], names[k], col, sheet, ref, file, c.is_goal))
        t.texts[m, k] = ""


def _report_dated(t: TableValues, c: _ColumnCells, dated: dict, readings: dict | None) -> None:
    """One sentence per footnote mark a 注 row dates in this column, and its line in 列的读法."""
    col = c.col
    for (mark, year, words), refs in dated.items():
        kind = _KIND_ZH_SHORT[col.kind]
        listed = "、".join(refs[:10]) + ("等" if len(refs) > 10 else "")
        kept = f"按 {year} 年{kind}读取（保留其本身的年份）" if col.kind == "baseline" and year < col.year else f"仍按 {col.year} 年{kind}读取"
        t.options.choice(
            "warning", t.file,
            f"“{col.label}”列中 {listed} 带脚注标记“{mark}”，表注“{words}”：这些是 {year} 年数据，{kept}",
            t.sheet.name, refs[0], f"如有 {col.year} 年数据，请改填；否则请在解读时说明这些{kind}是 {year} 年的",
        )
        if readings is not None:
            readings[col.index] = "；".join(filter(None, [readings.get(col.index), f"其中 {listed} 为 {year} 年数据（表注“{words}”）"]))


def _type_targets(t: TableValues, c: _ColumnCells, at: _Rows) -> None:
    """The target types the cells left open: from the column's header and the indicator's name, each said."""
    m, col, raw, names, options = c.m, c.col, c.raw, t.names, t.options
    matrix, types = t.matrix, t.types
    present = ~np.isnan(matrix[m]) | (types[m] == "qualitative")
    # 〔〕 marks the cumulative ones of a 年均/累计 column (typed by the parser); the rest by the column and the
    # indicator's name (a growth rate is a rate in any column; a level's bound in a 年均 column holds every year)
    untyped = present & (types[m] == "")
    types[m, untyped] = _untyped_targets(col, names[untyped], at.percent[untyped])
    if col.hint in ("", "level_or_rate"):
        for k in np.flatnonzero(untyped & (types[m] == "annual_rate")):
            t.notes.setdefault((m, k), []).append("指标名称表明是增速：按年均增速读取")
            options.choice("note", t.file, f"“{col.label}”列中的“{_header_text(raw[k])}”（指标“{names[k]}”）：指标名称表明是增速，"
                           "目标按年均增速读取", t.sheet.name, t.cells[m][k])
    if col.hint in ("annual_rate", "rate_or_cumulative"):
        for k in np.flatnonzero(untyped & (types[m] == "level") & ~np.isnan(matrix[m])):
            t.notes.setdefault((m, k), []).append("水平指标：按每年都须守住的界限读取，不作年均增速")
            options.choice("note", t.file, f"“{col.label}”列中的“{_header_text(raw[k])}”（指标“{names[k]}”）是水平指标的界限："
                           "按每年都须守住的上限或下限读取，不作年均增速", t.sheet.name, t.cells[m][k])
    t.texts[m, ~present] = ""


def _tidy_columns(t: TableValues, meta: pd.DataFrame, n: int, bracket_bases: list) -> dict:
    """The tidy columns, value column after value column (row m * n + k)."""
    values = t.values
    columns = ["indicator_id", "region", "area", "name", "name_en", "unit", "direction", "indicator_type", "claim", "source", "reported_status"]
    # Indicator-level text repeats once per value column: tile category codes, not 10⁵ string objects.
    data = {c: _tile_categorical(meta[c].to_numpy(dtype=object), len(values)) for c in columns}
    data["year"] = t.years.ravel()
    data["kind"] = _repeat_categorical([c.kind for c in values], n)
    data["value"] = t.matrix.ravel()
    data["comparator"] = t.comparators.ravel()
    data["target_type"] = t.types.ravel()
    data["target_high"] = t.highs.ravel()
    data["target_text"] = t.texts.ravel()
    note = np.tile(meta["note"].to_numpy(dtype=object), len(values))
    for (m, k), extra in t.notes.items():
        note[m * n + k] = "；".join(([note[m * n + k]] if note[m * n + k] else []) + extra)
    data["note"] = note
    data["cell"] = np.concatenate(t.cells)
    data["bracket_bases"] = _bracket_bases(t, bracket_bases)
    return data


def _finish(frame: pd.DataFrame, problems) -> pd.DataFrame:
    """Combine pieces: types, column order, and one value per indicator, region, year and kind."""
    if frame.empty:
        return _empty_frame()
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    keys = ["indicator_id", "region", "year", "kind"]
    key = _row_keys(frame)
    has_value = frame["value"].notna().to_numpy()
    if np.bincount(key).max(initial=0) <= 1:  # every key once (the usual case): nothing to check
        if list(frame.columns) == TIDY_COLUMNS and frame.index.equals(pd.RangeIndex(len(frame))):
            return frame  # already in order (one table): no copy
        return frame[TIDY_COLUMNS].reset_index(drop=True)
    repeated = pd.Series(key[has_value]).duplicated(keep=False).to_numpy()
    drop = []
    if repeated.any():
        dup = frame[has_value][repeated]
        for _, group in dup.groupby(keys, sort=False):
            drop.extend(_duplicate_problem(group, problems))
    # An empty cell is not a second value: drop blanks where the same key has a number (or a
    # qualitative target) elsewhere, and repeated blanks.
    blank = np.zeros(len(frame), dtype=bool)
    if pd.Series(key).duplicated().any():
        filled = has_value | (frame["target_text"].astype(object).to_numpy() != "")
        blank = ~filled & (np.isin(key, key[filled]) | pd.Series(key).duplicated().to_numpy())
    if drop or blank.any():
        keep = ~blank
        keep[frame.index.get_indexer(drop)] = False
        frame = frame[keep]
    return frame[TIDY_COLUMNS].reset_index(drop=True)


def _row_keys(frame: pd.DataFrame) -> np.ndarray:
    """One small integer per (indicator, region, year, kind), numbered 0 … (distinct combinations of the
    parts): comparing and counting integers is fast at national scale."""
    key = np.zeros(len(frame), dtype=np.int64)
    for column in ("indicator_id", "region", "year", "kind"):
        part = frame[column]
        if isinstance(part.dtype, pd.CategoricalDtype):  # its codes already number its values (-1: missing)
            codes, count = part.cat.codes.to_numpy(dtype=np.int64), len(part.cat.categories)
        elif column == "year" and part.dtype == "Int64" and part.notna().all() and len(part):
            years = part.to_numpy(dtype=np.int64)
            codes, count = years - years.min(), int(years.max() - years.min()) + 1
        else:
            codes, uniques = pd.factorize(part)
            count = len(uniques)
        key = key * (count + 1) + codes + 1
    return pd.factorize(key)[0] if key.max(initial=0) > 8 * len(key) + 1024 else key


def _duplicate_problem(group: pd.DataFrame, problems) -> list:
    """The same indicator, region, year and kind in several places: an error if the values differ."""
    first = group.iloc[0]
    places = "；".join(f"{Path(r.file).name} › {r.sheet} › {r.cell}" for r in group.itertuples())
    if group["value"].nunique() > 1:
        problems.append(
            Problem(
                "error",
                first["file"],
                f"指标“{first['name']}”（{first['region']}，{first['year']}年，{_KIND_ZH[first['kind']]}）"
                f"出现了不同的数值：{'、'.join(_fmt(v) for v in group['value'])}，位置：{places}",
                "同一指标、地区、年份只有一个数值",
                "核对后删去错误的一处",
                first["sheet"],
                first["cell"],
            )
        )
    else:
        problems.append(Problem("note", first["file"], f"指标“{first['name']}”在多处给出相同数值，只保留一处：{places}"))
    return list(group.index[1:])


def _empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in TIDY_COLUMNS})
    for column in ("year", "plan_base_year", "plan_target_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "target_high"):
        frame[column] = frame[column].astype(float)
    return frame
