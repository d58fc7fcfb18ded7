"""One generic loader for indicator tables in the layouts analysts really receive.

A layout is described by data (header_aliases.json), not by code per file: the header row is found
by its labels, wherever it is; one- and two-row headers are read the same way; section rows
("一、优化营商环境") set the area of the rows below; footnotes and blank rows are ignored. Every
value becomes one row of a tidy frame (schema.TIDY_COLUMNS) that remembers its file, sheet and cell.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import BUNDLED_WORKBOOK
from analysis.metadata.fields import TIDY_COLUMNS
from analysis.read.cells import (
    COMPARATOR_PREFIXES,
    EXCEL_ERRORS,
    MAX_MAGNITUDE,
    MISSING_MARKERS,
    MIN_MAGNITUDE,
    Cell,
    normalize_text,
    parse_cell,
    parse_target,
    parse_text,
    sane_magnitude,
)
from analysis.read.basecells import parse_base
from analysis.read.excel import SheetGrid, Workbook, open_workbook
from analysis.read.tasks import accept_ledger_only
from analysis.rules.plans import PLANS, Plan, plan_for_years, plan_in_text, resolve_plan
from analysis.rules.problems import InputError, Problem, column_letter
from analysis.rules.units import is_percent_unit

ALIASES = json.loads(resources.files("analysis.metadata").joinpath("header_aliases.json").read_text("utf-8"))
_FIELD_OF = {normalize_text(alias).lower(): f for f, aliases in ALIASES["fields"].items() for alias in aliases}
_SECTION = [re.compile(p) for p in ALIASES["section_row_patterns"]]
_DIRECTION_OF = {normalize_text(v).lower(): d for d, vs in ALIASES["direction_values"].items() for v in vs}
_REGION_IN_TITLE = re.compile(ALIASES["region_in_title"])
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_YEARISH = re.compile(r"(?<!\d)(\d{2,5})年")
_NUMBERING = re.compile(r"^(?:\d{1,3}[、.．](?!\d)|[（(]\d{1,3}[)）])")
# "12. 3岁以下婴幼儿入托率" (a box's own numbering, then a space): the space says the number is no decimal.
_SPACED_NUMBERING = re.compile(r"^\s*\d{1,3}[、.．]\s+(?=\S)")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
VALUE_KINDS = ("baseline", "midterm_target", "target", "actual")
HEADER_SEARCH_ROWS = 40
# Years a header may carry: plans from the 8th (1991–1995) to beyond the 2035 远景 goals.
YEAR_MIN, YEAR_MAX = 1990, 2050
_BARE_SUFFIXES = {normalize_text(s) for s in ALIASES["year_columns"]["bare_suffixes"]}
_ESTIMATE_SUFFIXES = {normalize_text(s) for s in ALIASES["year_columns"]["estimate_suffixes"]}
_ACTUAL_WORDS = ("实际", "完成", "现状")
_RATE_HINTS = [(hint, normalize_text(w)) for hint, words in ALIASES["year_columns"]["rate_or_cumulative"].items() for w in words]
_SPACES_ONLY = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


@dataclass
class Column:
    """What one column of a table holds: a field ("name", "unit" …) or a value of `kind` in `year`."""

    index: int  # position in the grid row
    label: str  # header text as written, for messages
    field: str  # a key of ALIASES["fields"], "value", "unknown", "invalid_year" or "excel_error"
    kind: str = ""
    year: int | None = None  # None until the table's plan period gives it (a header without a year)
    bare: bool = False  # a bare year ("2025年"): an actual, or the plan's base/end year in a plan table
    hint: str = ""  # "cumulative", "annual_rate" or "rate_or_cumulative" for 累计/年均 target columns
    how: str = ""  # why the column was read so, when it was not written in the header itself
    assumed: bool = False  # the year was inferred (not in the header, the title or a parameter)
    estimate: bool = False  # the header says its numbers are estimates ("2025年预计", "2025 年(含预估)")
    span: tuple | None = None  # (first, last) year of a header over a period ("2021—2025年累计", "“十四五”累计")


@dataclass
class LoadResult:
    """Everything read from the inputs: the tidy frame, every problem, and what was read from where."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)  # per sheet read: file, sheet, indicators, rows, plan, columns

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


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


@dataclass
class _Options:
    """What the caller asked for, and where reading choices are recorded."""

    plan: Plan | None
    strict: bool
    problems: list

    def choice(self, severity: str, file: str, found: str, sheet: str = "", cell: str = "", fix: str = "") -> None:
        """A reading the loader chose (not an error in the input): an error in strict mode."""
        if self.strict:
            severity = "error"
            fix = (fix + "；" if fix else "") + "严格模式下，请把该单元格写成确切的数值或明确的列名"
        self.problems.append(Problem(severity, file, found, fix=fix, sheet=sheet, cell=cell))


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


# ---------------------------------------------------------------- header


@dataclass
class Header:
    row: int  # grid row of the (first) header line
    height: int  # 1 or 2 lines
    columns: list[Column]


def classify_label(text: str, index: int = 0) -> Column:
    """Which field a header label names. Year-bearing labels become value columns.

    A header without a year ("目标值", "基期值", "年均/累计") is a value column whose year the table's
    plan period gives later (`_settle_years`); a bare year ("2025年") is marked `bare`.
    """
    label = normalize_text(text)
    key = label.lower()
    if not key:
        return Column(index, text, "unknown")
    if label in EXCEL_ERRORS:
        return Column(index, text, "excel_error")
    span = _YEAR_SPAN.search(label)
    if span:
        first, last = int(span.group(1)), int(span.group(2))
        if YEAR_MIN <= first < last <= YEAR_MAX:
            return _span_column(index, text, label[: span.start()] + label[span.end() :], first, last)
        return Column(index, text, "invalid_year")
    years = _YEAR.findall(label)
    year = next((int(y) for y in years if YEAR_MIN <= int(y) <= YEAR_MAX), None)
    if year is not None:
        rest = _YEAR.sub("", label, count=1)
        if rest in _BARE_SUFFIXES:
            return Column(index, text, "value", "actual", year, bare=True)
        if rest.removeprefix("年") in _ESTIMATE_SUFFIXES:
            return Column(index, text, "value", "actual", year, bare=True, estimate=True)
        keywords = ALIASES["year_columns"]["keywords"]
        hint = _rate_hint(key)
        if hint and not any(w in key for w in (*keywords["baseline"], *keywords["midterm_target"], *_ACTUAL_WORDS)):
            return Column(index, text, "value", "target", year, hint=hint)  # "2030 年/年均", "2030年（年均）"
        for kind in ALIASES["year_columns"]["order"]:
            if any(word in key for word in keywords[kind]):
                return Column(index, text, "value", kind, year, hint=_rate_hint(key) if kind == "target" else "")
    if _YEARISH.search(label) or years:
        return Column(index, text, "invalid_year")
    field_name = _FIELD_OF.get(key) or _FIELD_OF.get(re.sub(r"[(（].*?[)）]", "", key))
    named = _PLAN_IN_LABEL.search(label)
    if named and field_name is None:  # "“十四五”累计", "十五五目标值": the plan named in the header gives the period
        rest = label[: named.start()] + label[named.end() :]
        if rest and (_FIELD_OF.get(rest.lower()) in ("target", "baseline") or _rate_hint(rest.lower())):
            plan = plan_in_text(named.group(0))
            if _FIELD_OF.get(rest.lower()) == "baseline":
                return Column(index, text, "value", "baseline", plan.base_year, how=f"列名中的“{plan.name}”：基期 {plan.base_year} 年")
            return _span_column(index, text, rest, plan.base_year + 1, plan.target_year, f"列名中的“{plan.name}”")
    if field_name in ("baseline", "target", "midterm_target"):
        return Column(index, text, "value", field_name, None, hint=_rate_hint(key) if field_name == "target" else "")
    hint = _rate_hint(key)
    if field_name is None and hint:
        return Column(index, text, "value", "target", None, hint=hint)
    return Column(index, text, field_name or "unknown")


# A period in a header: "2021—2025年累计", "2021-2025年年均增长", "2021年～2025年".
_YEAR_SPAN = re.compile(r"(?<!\d)(\d{4})年?(?:—+|–|-|~|〜|至|到)(\d{4})(?!\d)年?")
# A plan named in a header ("“十四五”累计", "十五五时期年均增长"), with its quotes and the words around it.
_PLAN_IN_LABEL = re.compile(r"[“”\"'‘’《]?十[二三四五]五[“”\"'‘’》]?(?:规划|时期|期间|期末|末)?")
_SPAN_ACTUAL_WORDS = ("实际", "完成", "现状")


def _span_column(index: int, text: str, rest: str, first: int, last: int, source: str = "") -> Column:
    """A header over a period: a target of its end year, the year before its start the base.

    "2021—2025年累计" and "“十四五”累计" are cumulative over the period, "…年均增长" annual rates, "…目标"
    a level at the end year, a bare period of three years or more cumulative; "2021—2023年累计完成" (an
    actual summed over years) and a bare two-year season ("2020-2021学年") are not read (with a warning).
    """
    key = rest.lower()
    field_name = _FIELD_OF.get(key)
    if field_name and field_name not in ("baseline", "target", "midterm_target", "note"):
        return Column(index, text, field_name)  # "2021—2025年完成情况": the bureau's verdict
    period = f"{source}（{first}—{last}年）" if source else f"{first}—{last}年"
    targets = ALIASES["year_columns"]["keywords"]["target"]
    if any(w in key for w in ALIASES["year_columns"]["keywords"]["baseline"]):  # "基期(2018-2020年平均)"
        return Column(index, text, "value", "baseline", last, how=f"基期值按末年 {last} 年读取（列名写的是 {first}—{last} 年）")
    if any(w in key for w in _SPAN_ACTUAL_WORDS) and not any(w in key for w in targets):
        return Column(index, text, "span_actual", year=last, span=(first, last), how=f"{period}多年合计的实际值")
    worded = _rate_hint(key) or any(w in key for w in targets)
    if not worded and last - first < 2:
        # A bare period of two years ("2020-2021学年", "2019—2020年度") is a season, not a plan period: not read.
        return Column(index, text, "span_actual", year=last, span=(first, last), how=f"{first}—{last}年跨年度的数值")
    hint = _rate_hint(key) or ("" if any(w in key for w in targets) else "cumulative")
    what = {"cumulative": "累计", "annual_rate": "年均", "rate_or_cumulative": "年均或累计", "level_or_rate": "目标或年均", "": "目标"}[hint]
    how = f"{period}{what}：目标年份取期末 {last} 年，基期取 {first - 1} 年"
    return Column(index, text, "value", "target", last, hint=hint, how=how, span=(first, last))


def _rate_hint(key: str) -> str:
    """年均 → annual_rate, 累计 → cumulative, both ("年均/累计") → decided per cell ("〔〕" is cumulative)."""
    hints = {hint for hint, word in _RATE_HINTS if word in key}
    if "level_or_rate" in hints:  # "2030年/年均": a level, or a rate where the cell or the name says so
        return "rate_or_cumulative" if "cumulative" in hints else "level_or_rate"
    if len(hints) > 1:
        return "rate_or_cumulative"
    return hints.pop() if hints else ""


_TYPE_OF = np.frompyfunc(type, 1, 1)


def _as_text(column: np.ndarray) -> np.ndarray:
    """A column as text; numbers in text columns (codes, years) become their written form."""
    if pd.api.types.infer_dtype(column, skipna=False) == "string":  # one scan in C (the reader gives Python str)
        return column
    return np.array([v if type(v) is str else _header_text(v) for v in column], dtype=object)


def _value_types(column: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which cells of a value column hold a number, text that is not blank, or something else (a date,
    a time, true/false). A column of numbers only, or of text only (the usual cases), is settled by one
    scan that stops at the first other type (the reader gives Python floats and ints, never numpy numbers)."""
    kind = pd.api.types.infer_dtype(column, skipna=False)
    if kind in ("floating", "integer", "mixed-integer-float"):
        return np.ones(len(column), dtype=bool), np.zeros(len(column), dtype=bool), np.zeros(len(column), dtype=bool)
    if kind == "string":
        return np.zeros(len(column), dtype=bool), _not_blank(column), np.zeros(len(column), dtype=bool)
    types = _TYPE_OF(column)
    is_num = (types == float) | (types == int)
    is_text = types == str
    is_text[is_text] = _not_blank(column[is_text])
    is_other = ~(is_num | (types == str) | (types == type(None)))  # dates, times, booleans
    return is_num, is_text, is_other


def _filled(shape, value) -> np.ndarray:
    """np.full(shape, value, dtype=object), 5× faster (every element is the same object, as with np.full)."""
    array = np.empty(shape, dtype=object)
    array.fill(value)
    return array


def _not_blank(texts: np.ndarray) -> np.ndarray:
    """Which texts hold more than white space (one strip per cell costs less than finding the distinct ones)."""
    return np.fromiter((bool(v.strip()) for v in texts), dtype=bool, count=len(texts))


def _header_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _is_table_header(columns: list[Column]) -> bool:
    """An indicator column and a value column; a mistyped year still marks a value column (reported later)."""
    fields = {c.field for c in columns}
    return "name" in fields and bool(fields & {"value", "invalid_year"})


def find_header(sheet: SheetGrid) -> Header | None:
    """The first row (or pair of rows) whose labels name an indicator column and a value column."""
    rows = sheet.rows
    for i in range(min(HEADER_SEARCH_ROWS, len(rows))):
        texts = [_header_text(v) for v in rows[i]]
        single = [classify_label(t, j) for j, t in enumerate(texts)]
        if i + 1 < len(rows):
            children = [_header_text(v) for v in rows[i + 1]]
            parents = _spread_parents(sheet, i, texts, children)
            # A title row above a one-line header is not a parent line: a parent line names a field itself.
            names_a_field = any(c.field not in ("unknown", "invalid_year") for c in single)
            if names_a_field and _looks_like_subheader(children, rows[i + 1]):
                combined = [
                    classify_label(parents[j] + children[j] if children[j] else parents[j], j) for j in range(len(texts))
                ]
                for col, parent, child in zip(combined, parents, children):
                    col.label = f"{parent} / {child}" if parent and child else (child or parent)
                if _is_table_header(combined):
                    return Header(i, 2, combined)
        if _is_table_header(single):
            return Header(i, 1, single)
    return None


def _looks_like_subheader(children: list[str], raw: list) -> bool:
    """A second header line holds labels such as "2022年实际值", never numbers: not "1. 地区生产总值年均增长" nor
    "“十五五”年均增长5.0左右" (a body row under a one-line header whose 指标 is merged over two columns)."""
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw):
        return False
    if any(_DIGIT.search(_NOT_A_NUMBER_IN_LABEL.sub("", normalize_text(c))) for c in children if c):
        return False
    return any(classify_label(c).field == "value" for c in children if c)


_DIGIT = re.compile(r"\d")
# Digits a header label may hold: years, periods, a plan's name, "5年累计".
_NOT_A_NUMBER_IN_LABEL = re.compile(r"(?<!\d)\d{4}(?!\d)|\d年累计|十[二三四五]五")


def _spread_parents(sheet: SheetGrid, i: int, texts: list[str], children: list[str]) -> list[str]:
    """A parent label merged across columns ("中期完成情况" over two year columns) applies to each."""
    parents = list(texts)
    row = sheet.row0 + i
    merged = False
    for r0, c0, r1, c1 in sheet.merged:
        if r0 <= row <= r1 and c1 > c0:
            merged = True
            text = texts[c0 - sheet.col0] if 0 <= c0 - sheet.col0 < len(texts) else ""
            for c in range(max(c0, sheet.col0), min(c1, sheet.col0 + len(texts) - 1) + 1):
                parents[c - sheet.col0] = text
    if not merged:  # CSV or unmerged layouts: a blank parent over a sub-label continues the one on its left
        for j in range(1, len(parents)):
            if not parents[j] and children[j] and parents[j - 1] and children[j - 1]:
                parents[j] = parents[j - 1]
    return parents


# ---------------------------------------------------------------- table body


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

    start = header.row + header.height
    body = sheet.rows[start:]
    if not body:
        problems.append(_no_rows(file, sheet, header))
        return None
    width = len(sheet.rows[0])
    grid = np.array(body, dtype=object)
    if grid.ndim != 2:  # ragged rows (hand-made CSV): pad to the sheet's width
        grid = np.array([list(r) + [""] * (width - len(r)) for r in body], dtype=object)
    _fill_vertical_merges(sheet, grid, start)

    def text_col(name):
        if name not in cols:
            return _filled(len(body), "")
        return _as_text(grid[:, cols[name].index])

    def per_distinct(name, function):
        """function(text) over a column, once per distinct text; a column the table lacks is all function("")."""
        if name not in cols:
            return _filled(len(body), function(""))
        return _per_distinct(text_col(name), function)

    names_raw = _spanned_names(sheet, header, cols["name"], grid, text_col("name"))
    has_value = np.zeros(len(body), dtype=bool)
    numeric = {}
    for col in values:
        is_num, is_text, is_other = _value_types(grid[:, col.index])
        for i, j in sheet.error_cells:  # cached formula errors read as "": a value is there
            if j - sheet.col0 == col.index and 0 <= i - sheet.row0 - start < len(body):
                is_other[i - sheet.row0 - start] = True
        numeric[col.index] = (is_num, is_text, is_other)
        has_value |= is_num | is_text | is_other

    # Classify rows: indicator rows have a name; the rest are sections, footnotes or blanks.
    name_norm, name_clean = _per_distinct(names_raw, _normalized, _clean_name)
    is_indicator = name_norm != ""
    area_of_section = _filled(len(body), None)
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

    _report_lost_formulas(sheet, header, start, file, problems)
    rows = np.flatnonzero(is_indicator)
    if rows.size == 0:
        problems.append(_no_rows(file, sheet, header))
        return None

    # Row-level metadata.
    area = pd.Series(area_of_section).ffill().to_numpy()
    if "area" in cols:
        own = _normalize_unique(text_col("area"))
        area = np.where(own != "", own, area)
    area = np.where(pd.isna(area), "", area)
    region_values = _regions(text_col("region") if "region" in cols else None, title_text, file, region, len(body))
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
            "row": np.arange(len(body)) + sheet.row0 + start,
        }
    ).iloc[rows]
    meta["row"] = meta["row"].astype(np.int64)
    meta["name"] = meta["name"].map({n: _strip_numbering(n) for n in meta["name"].unique()})
    _units_from_names(meta)
    meta["indicator_id"] = _indicator_ids(meta, file, sheet, cols, problems)
    meta["direction"] = _directions(meta, file, sheet, cols, problems)
    from_names = int((meta["unit"] != "").sum()) if "unit" not in cols else 0
    cell_units = _units_from_cells(meta, grid, rows, values, numeric, sheet, file, "unit" in cols, options)

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
    if "unit" in cols and missing_unit:
        problems.append(Problem("warning", file, f"{len(missing_unit)} 个指标没有单位：{'、'.join(missing_unit[:5])}", sheet=sheet.name))
    if "unit" not in cols:
        if from_names:
            problems.append(Problem("note", file, f"表中没有“单位”列，{from_names} 个指标的单位取自指标名称末尾的括号（如“（件）”）", sheet=sheet.name))
        if missing_unit:
            problems.append(Problem("warning", file, "表中没有“单位”列，" + f"{len(missing_unit)} 个指标没有单位，图表将不显示单位", sheet=sheet.name))

    marks = _year_marks(footnotes)
    readings = {}
    data = _tidy_values(sheet, grid, rows, meta, values, numeric, file, options, cell_units, marks, readings)
    if readings:  # cells a 注 row says are another year's data: in 列的读法 too
        table["columns"] = _column_readings(header, readings)
    # Constant per table: one category each, not 10⁵ string objects.
    size = len(data["value"])
    data["file"] = _constant_categorical(file, size)
    data["sheet"] = _constant_categorical(sheet.name, size)
    data["plan"] = _constant_categorical(table["plan"], size)
    for column, year in (("plan_base_year", table["base_year"]), ("plan_target_year", table["target_year"])):
        data[column] = pd.arrays.IntegerArray(np.full(size, year or 0, dtype=np.int64), np.full(size, year is None))
    frame = _object_frame({column: data[column] for column in TIDY_COLUMNS})  # built once, in the final order
    return _with_bracket_bases(frame, data["bracket_bases"])


def _with_bracket_bases(frame: pd.DataFrame, extra: list) -> pd.DataFrame:
    """The frame, plus one baseline row per base value found in a target cell's bracket (copied from its target row)."""
    if not extra:
        return frame
    frame = frame.astype({c: object for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)})
    rows = frame.iloc[[at for at, *_ in extra]].copy()
    rows["kind"], rows["year"] = "baseline", [year for _, year, _, _ in extra]
    rows["value"] = [value for _, _, value, _ in extra]
    rows["comparator"], rows["target_type"], rows["target_high"], rows["target_text"] = "", "", np.nan, ""
    rows["note"] = [note for *_, note in extra]
    return pd.concat([frame, rows], ignore_index=True)


# A unit written at the end of a name: "每万人口高价值发明专利拥有量（件）", "市场主体数量(万户)", "合格率(%)".
_UNIT_IN_NAME = re.compile(r"^(?P<name>.+?)[(（](?P<unit>[^()（）\d]{1,8})[)）]$")
_UNIT_CHARS = set("%‰件个户人元亿万千百十台家项次批起天年岁日时分秒张条座所辆吨米克升度册部份株位处例倍点名辆套间床平方公里千瓦/·微斤亩立")
_UNIT_WORDS = ("标准煤", "标煤", "美元", "公顷", "标箱")  # "亿吨标准煤": a unit word whose characters are not units on their own
# "(亿元,5年累计)": a unit, then what the number is (a five-year total): the unit leaves, the rest stays in the name.
_QUALIFIED_UNIT_IN_NAME = re.compile(r"^(?P<name>.+?)(?P<open>[(（])(?P<unit>[^()（）\d,，]{1,8})[,，](?P<rest>[^()（）]{1,12})(?P<close>[)）])$")


def _is_unit(text: str) -> bool:
    for word in _UNIT_WORDS:
        text = text.replace(word, "")
    return all(ch in _UNIT_CHARS for ch in text)


def _units_from_names(meta: pd.DataFrame) -> None:
    """Where a row has no unit, a unit in brackets at the end of its name is its unit (and leaves the name)."""
    names, units = meta["name"].to_numpy(dtype=object), meta["unit"].to_numpy(dtype=object)
    codes, pairs = _pair_codes(names, units)
    split = []
    for name, unit in pairs:  # once per distinct (name, unit): names repeat once per region
        match = None if unit else _UNIT_IN_NAME.match(name)
        qualified = None if unit or match else _QUALIFIED_UNIT_IN_NAME.match(name)
        if match and _is_unit(normalize_text(match.group("unit"))):
            split.append((match.group("name"), normalize_text(match.group("unit"))))
        elif qualified and _is_unit(normalize_text(qualified.group("unit"))):
            q = qualified.group
            split.append((q("name") + q("open") + q("rest") + q("close"), normalize_text(q("unit"))))
        else:
            split.append((name, unit))
    if split != pairs:
        meta["name"] = np.array([n for n, _ in split], dtype=object)[codes]
        meta["unit"] = np.array([u for _, u in split], dtype=object)[codes]


@dataclass
class _CellUnits:
    """Units taken from value cells for rows that have none: notes per (value column, row), conflicting rows."""

    notes: dict = field(default_factory=dict)  # (m, k) → ["单位取自目标单元格 C4"]
    conflicts: dict = field(default_factory=dict)  # k → "C4“1.96万户”、D4“15000户”"


# A cell that is not a number (a missing marker, words). Not "\0": numpy compares strings with trailing NULs
# stripped, so "\0" would equal "" and a missing "—" would pass as a unit (it did, on the bundled 指数 row).
_NOT_A_NUMBER = "<not a number>"


def _target_unit(text: str) -> str:
    target = parse_target(text)
    return target.unit if target.status == "number" else _NOT_A_NUMBER


def _actual_unit(text: str) -> str:
    cell = parse_text(text)
    return cell.unit if cell.status == "number" else _NOT_A_NUMBER


def _units_from_cells(meta, grid, rows, values, masks, sheet, file, has_unit_column, options) -> _CellUnits:
    """A row with no unit (no 单位 column, or its unit cell empty) takes the unit written in its value cells
    ("1.96万户", "88%以上", "大于90%", "1个工作日内"), said in a note naming the cell; value cells of one row
    that write different units stay errors (`conflicts`). Work is per distinct text, and only on rows without a unit.
    """
    found = _CellUnits()
    units = meta["unit"].to_numpy(dtype=object)
    empty = np.flatnonzero(units == "")
    if empty.size == 0 or not values:
        return found
    at = rows[empty]
    written = _filled((len(values), empty.size), _NOT_A_NUMBER)  # "" a number without a unit
    for m, col in enumerate(values):
        is_num, is_text, _ = (mask[at] for mask in masks[col.index])
        written[m, is_num] = ""
        texts = np.flatnonzero(is_text)
        if texts.size:
            read = _target_unit if col.kind in ("target", "midterm_target") else _actual_unit
            written[m, texts] = _per_distinct(grid[at[texts], col.index], read)
    ms, ks = np.nonzero((written != _NOT_A_NUMBER) & (written != ""))
    if ks.size == 0:
        return found
    cells = pd.DataFrame({"k": ks, "m": ms, "unit": written[ms, ks]})
    distinct = cells.groupby("k", sort=False)["unit"].nunique()
    abs_rows = meta["row"].to_numpy()[empty]
    ref = lambda m, k: f"{column_letter(values[m].index + sheet.col0)}{abs_rows[k] + 1}"
    raw = lambda m, k: _header_text(grid[at[k], values[m].index])
    for k in distinct.index[distinct.to_numpy() > 1]:
        part = cells[cells["k"] == k]
        found.conflicts[empty[k]] = "、".join(f"{ref(m, k)}“{raw(m, k)}”" for m in part["m"])
    adopt = cells[cells["k"].isin(distinct.index[distinct.to_numpy() == 1])]
    if adopt.empty:
        return found
    first = adopt.drop_duplicates("k")
    units = units.copy()
    units[empty[first["k"].to_numpy()]] = first["unit"].to_numpy()
    meta["unit"] = units
    kind_of = {"target": "目标", "midterm_target": "中期目标", "actual": "实际值", "baseline": "基期值"}
    for m, k in zip(adopt["m"].to_numpy(), adopt["k"].to_numpy()):
        found.notes[(m, empty[k])] = [f"单位取自{kind_of[values[m].kind]}单元格 {ref(m, k)}"]
    where = "表中没有“单位”列" if not has_unit_column else "单位列为空"
    shown = "、".join(f"{ref(m, k)}“{raw(m, k)}”→{u}" for m, k, u in first[["m", "k", "unit"]].to_numpy()[:5])
    options.problems.append(
        Problem("note", file, f"{where}，{len(first)} 个指标的单位取自数值单元格中写的单位：{shown}" + ("等" if len(first) > 5 else ""),
                sheet=sheet.name)
    )
    # Numbers without a unit in a row whose unit came from another cell are read in that unit: said, at the cells.
    taken = np.zeros(empty.size, dtype=bool)
    taken[first["k"].to_numpy()] = True
    bare_m, bare_k = np.nonzero((written == "") & taken)
    if bare_k.size:
        unit_of = dict(zip(first["k"].to_numpy(), first["unit"].to_numpy()))
        listed = "、".join(f"{ref(m, k)}（按“{unit_of[k]}”）" for m, k in zip(bare_m[:10], bare_k[:10]))
        options.choice(
            "warning", file,
            f"{bare_k.size} 个数值没有写单位，按同一行其他单元格写的单位读取：{listed}" + ("等" if bare_k.size > 10 else ""),
            sheet.name, ref(bare_m[0], bare_k[0]), "在“单位”列写明单位，数值中不写单位",
        )
    return found


def _pair_codes(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, list[tuple]]:
    """A code per row for the pair (first, second), and the distinct pairs in order of appearance."""
    a, a_uniques = _factorize(first)
    b, b_uniques = _factorize(second)
    codes, keys = pd.factorize(a.astype(np.int64) * (len(b_uniques) + 1) + b)
    pairs = [(a_uniques[k // (len(b_uniques) + 1)], b_uniques[k % (len(b_uniques) + 1)]) for k in keys]
    return codes, pairs


def _clean_text(text: str) -> str:
    """A name as written (full-width brackets, Ⅲ kept): only spaces, line breaks and zero-width characters go."""
    return _SPACES_ONLY.sub("", text) if isinstance(text, str) else ""


def _clean_name(text: str) -> str:
    """An indicator name as written, less a box's own numbering before a space ("12. 3岁以下…" is "3岁以下…")."""
    return _clean_text(_SPACED_NUMBERING.sub("", text)) if isinstance(text, str) else ""


def _per_distinct(texts: np.ndarray, function, *more):
    """function(text) for each text of a column, computed once per distinct value (names repeat per region).
    With more functions, a tuple of such columns, from one search for the distinct values."""
    texts = np.asarray(texts, dtype=object)
    if texts.size > 1000 and isinstance(texts[0], str) and (texts == texts[0]).all():  # one text (a blank column)
        results = [_filled(texts.size, f(texts[0])) for f in (function, *more)]
    else:
        codes, uniques = _factorize(texts)
        results = [np.array([f(u) for u in uniques], dtype=object)[codes] for f in (function, *more)]
    return tuple(results) if more else results[0]


def _factorize(values) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize(values, use_na_sentinel=False) (None and NaN are values of their own): the same codes
    and uniques, by the default path (half the time) when there is no missing value, the usual case."""
    values = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(values)
    if codes.size and codes.min() < 0:
        return pd.factorize(values, use_na_sentinel=False)
    return codes, uniques


def _no_rows(file: str, sheet: SheetGrid, header: Header) -> Problem:
    return Problem(
        "error",
        file,
        "找到了指标表的表头，但表头下方没有指标行（有指标名称和数值的行）",
        "表头下方每个指标一行",
        "填入指标数据；如该表不需要，请删除这张工作表",
        sheet.name,
        sheet.cell(header.row + header.height - 1, 0),
    )


_HINT_ZH = {
    "cumulative": "（累计）", "annual_rate": "（年均）", "rate_or_cumulative": "（年均或〔〕内累计）",
    "level_or_rate": "（水平目标；单元格写“年均”或指标为增速的读作年均增速）",
}
_KIND_ZH_SHORT = {"actual": "实际值", "baseline": "基期值", "target": "目标值", "midterm_target": "中期目标值"}
_FIELD_ZH = {
    "indicator_id": "指标代码", "area": "领域", "name": "指标名称", "name_en": "英文名称", "unit": "单位",
    "direction": "指标方向", "indicator_type": "指标属性", "comparator": "目标比较符", "region": "地区",
    "source": "来源", "claim": "报告表述", "note": "备注", "reported_status": "单位自评结论（reported_status）",
}


def _column_readings(header: Header, extra: dict | None = None) -> list[tuple[str, str]]:
    """Header → how it was read, for the validate summary's "列的读法" (`extra`: more, by column index)."""
    readings = []
    for col in header.columns:
        label = " ".join(str(col.label).split())
        if not label:
            continue
        if col.field == "value":
            if col.year is None:
                meaning = f"忽略（{_KIND_ZH_SHORT[col.kind]}列没有年份，且无法确定规划期）"
            else:
                meaning = f"{_KIND_ZH_SHORT[col.kind]} {col.year}"
                if col.hint:
                    meaning += _HINT_ZH[col.hint]
                if col.estimate:
                    meaning += "（列名注明含预估：数值为预计数）"
                if col.how:
                    meaning += f"（{col.how}）"
                if extra and col.index in extra:
                    meaning += f"；{extra[col.index]}"
        elif col.field in ALIASES["ignored_fields"]:
            meaning = "忽略（不参与分析）"
        elif col.field == "unknown":
            meaning = "忽略（未识别的列名）"
        elif col.field == "invalid_year":
            meaning = "无法读取（年份无法识别）"
        elif col.field == "excel_error":
            meaning = "无法读取（公式错误值）"
        elif col.field == "span_actual":
            meaning = f"忽略（{col.how}；评估按逐年实际值计算）"
        else:
            meaning = _FIELD_ZH.get(col.field, col.field)
        readings.append((label, meaning))
    return readings


def _settle_years(sheet: SheetGrid, header: Header, title_text: str, file: str, options: _Options) -> Plan | None:
    """The table's plan period, and a year and kind for every value column (the rule in README).

    1. Years written in headers win ("2025年目标值", "基期(2020年)").
    2. The plan period comes from those headers, else the `plan` parameter, else the plan named in the
       title or sheet name ("十五五"), else the bare years of a plan table, else the plan holding the
       latest actual year (an assumption, said as a warning).
    3. Bare years: with an explicit target column they are actuals. Without one, the plan's end-year
       column is the target and the first bare year before it the base; when the plan is not known,
       a table whose first and last bare years are a plan's base and end years (2020年 … 2025年), or whose
       first two bare years are five years apart (2020年 | 2025年 | 2021年 …), is such a plan table.
    4. Headers without a year take the period's years (基期 → base, 目标/年均/累计 → end, 中期 → middle).
    """
    values = [c for c in header.columns if c.field == "value"]
    explicit_targets = [c for c in values if c.kind == "target" and c.hint in ("", "level_or_rate") and not c.bare and not c.span]
    dated = lambda kind: next((c.year for c in values if c.kind == kind and c.year is not None and not c.bare and not c.span), None)
    base, end = dated("baseline"), dated("target")
    # A header over a period ("2021—2025年累计", "“十四五”累计") gives the period: its end, and the year before its start.
    spanned = next((c for c in values if c.span), None)
    named_by = ""
    known = options.plan
    if known is not None:
        named_by = "按参数 plan/base_year/target_year"
    else:
        known = plan_in_text(title_text + " " + sheet.name)
        if known is not None:
            named_by = f"按标题中的“{known.name}”"
    bare = [c for c in values if c.bare]
    if not explicit_targets and bare:
        years = [c.year for c in bare]
        plan_end = None
        if end is None and known is not None and known.target_year in years:
            plan_end, why = known.target_year, f"规划表期末年份列，{named_by}"
        elif end is None and spanned is not None and spanned.span[1] in years:
            plan_end, why = spanned.span[1], f"规划表期末年份列，与“{spanned.label}”列的期末一致"
        elif end is None and known is None:
            first, last = years[0], max(years)
            if any(p.base_year == first and p.target_year == last for p in PLANS.values()):
                plan_end, why = last, f"规划表：首列 {first} 年为基期、末列 {last} 年为期末，表中无单独目标列"
            elif len(years) >= 2 and years[1] - years[0] == 5:
                plan_end, why = years[1], f"规划表：{years[0]} 年与 {years[1]} 年两列相隔五年，其后为跟踪年份，表中无单独目标列"
        if plan_end is not None:
            for c in bare:
                if c.year == plan_end:
                    c.kind, c.how = "target", why
                    break
            end = plan_end
            if base is None:
                first_bare = next((c for c in bare if c.kind == "actual" and c.year < plan_end), None)
                if first_bare is not None:
                    first_bare.kind, first_bare.how = "baseline", "规划表首个年份列为基期"
                    base = first_bare.year
        else:
            for c in bare:
                c.how = "只写年份的列按实际值读取" if explicit_targets or end is not None else "只写年份的列按实际值读取；表中没有目标列"
    elif bare:
        for c in bare:
            c.how = "表中另有目标列，只写年份的列为实际值"
    if spanned is not None:
        base = spanned.span[0] - 1 if base is None else base
        end = spanned.span[1] if end is None else end
        if known is None:
            named_by = f"按列“{spanned.label}”的期间 {spanned.span[0]}—{spanned.span[1]} 年"
    # The period: headers, then parameter, then title, then the plans the written years belong to.
    period = None
    if base is not None and end is not None and end > base:
        period = plan_for_years(base, end)
        if known is not None and (known.base_year, known.target_year) == (base, end):
            period = known
    elif known is not None and (base is None or base == known.base_year) and (end is None or end == known.target_year):
        period = known
    elif base is not None or end is not None:
        try:
            period = plan_for_years(base, end)
            named_by = f"按表头年份推定为“{period.name}”"
        except ValueError:
            period = None
        if period is not None and known is not None and (base in (None, known.base_year)) and (end in (None, known.target_year)):
            period = known
    if period is not None and base is None:
        _base_year_columns(values, period)
    yearless = [c for c in values if c.year is None]
    assumed = False
    if period is None and yearless:
        actual_years = [c.year for c in values if c.kind == "actual" and c.year is not None]
        if actual_years:
            latest = max(actual_years)
            period = next((p for p in PLANS.values() if p.target_year - p.base_year == 5 and p.base_year < latest <= p.target_year), None)
            if period is not None:
                named_by, assumed = f"由实际值年份 {latest} 推定为“{period.name}”", True
    for c in yearless:
        cell = sheet.cell(header.row + header.height - 1, c.index)
        if period is None:
            options.problems.append(
                Problem(
                    "error",
                    file,
                    f"列标题“{c.label}”没有写年份，也无法确定规划期",
                    "带年份的列名，如“2025年目标值”“基期(2020年)”",
                    "在列名中写明年份；或读取时给出规划期：load_indicators(..., plan=\"十五五\")，命令行 --plan 十五五",
                    sheet.name,
                    cell,
                )
            )
            continue
        if c.kind == "baseline":
            c.year = period.base_year
        elif c.kind == "midterm_target":
            c.year = period.base_year + -(-(period.target_year - period.base_year) // 2)
        else:
            c.year = period.target_year
        c.how, c.assumed = f"列名无年份，{named_by}", assumed
        options.choice(
            "warning" if assumed else "note",
            file,
            f"列“{c.label}”没有写年份，读作 {c.year} 年{_KIND_ZH_SHORT[c.kind]}（{named_by}）",
            sheet.name,
            cell,
            f"如不对，请把列名写成“{c.year}年{_KIND_ZH_SHORT[c.kind]}”那样带年份的形式，或给出 plan 参数",
        )
    return period


def _base_year_columns(values: list[Column], period: Plan) -> None:
    """A plan box's only year column before its targets is the plan's base year ("2025年", "2025年⏎预计",
    "2025 年(含预估)", "2025年⏎完成值" beside "2030年目标"): its numbers are the base, not a tracked actual."""
    actuals = [c for c in values if c.kind == "actual" and c.year is not None and not c.span]
    ends = [c for c in values if c.kind == "target" and c.year == period.target_year]
    if not actuals or not ends or any(c.year != period.base_year for c in actuals):
        return
    for c in actuals:
        c.kind = "baseline"
        c.how = f"规划表中唯一的年份列是规划期基期 {c.year} 年，读作基期值"


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


def _strip_numbering(name: str) -> str:
    return _NUMBERING.sub("", name)


def _normalize_unique(texts: np.ndarray) -> np.ndarray:
    """normalize_text over a column, computed once per distinct value (names repeat across regions)."""
    return _per_distinct(texts, _normalized)


def _unit_text(text) -> str:
    """A unit cell, normalised; "—" (the box's "no unit") is no unit."""
    unit = _normalized(text)
    return "" if unit.lower() in MISSING_MARKERS else unit


def _spanned_names(sheet: SheetGrid, header: Header, name: Column, grid: np.ndarray, names: np.ndarray) -> np.ndarray:
    """A 指标 header merged over two columns: a parent name merged down over sub-rows in the first column and each
    sub-row's own name in the second ("每千人口拥有医护人员数" | "执业医师数（人）") make one name, joined by "——"."""
    row = sheet.row0 + header.row
    span = next((c1 - sheet.col0 for r0, c0, r1, c1 in sheet.merged
                 if r0 <= row <= r1 and c0 - sheet.col0 == name.index and c1 > c0), None)
    if span is None:
        return names
    parts = [names] + [_as_text(grid[:, j]) for j in range(name.index + 1, min(span, grid.shape[1] - 1) + 1)]
    joined = []
    for texts in zip(*parts):
        kept = [t for t in texts if t.strip()]
        joined.append("——".join(dict.fromkeys(kept)) if kept else texts[0])
    return np.array(joined, dtype=object)


def _normalized(text) -> str:
    return normalize_text(text) if isinstance(text, str) else ""


# A title naming a national document (国发〔2026〕30号, 国务院…, 全国…): its table is the country's, 全国.
_NATIONAL_TITLE = re.compile(r"国发〔|国发\[|国办发|国务院|全国|中华人民共和国|国民经济和社会发展第.{1,3}个五年规划纲要")


def _region_name(region) -> str | None:
    """The region= parameter as a place name (spaces and line breaks gone), or None when not given."""
    name = normalize_text(str(region)) if region is not None else ""
    return name or None


def region_default(title_text: str, file: str, region: str | None) -> tuple[str, str]:
    """(region, how it was found) for rows without a region cell: the given one › a place in the title ›
    全国 for a national document's title › the file name (said in the validate summary)."""
    if region:
        return region, "given"
    place = _region_from_title(title_text)
    if place:
        return place, "title"
    if _NATIONAL_TITLE.search(normalize_text(title_text)):
        return "全国", "national"
    return Path(file).stem, "file"


def _regions(column, title_text: str, file: str, region: str | None, rows: int):
    """Each row's region: its own region cell, else the file's region, else the place in the title."""
    default = region_default(title_text, file, region)[0]
    if column is None:
        return _filled(rows, default)
    values = _normalize_unique(column)
    return np.where(values != "", values, default)


def _region_from_title(title_text: str) -> str:
    title = re.sub(r"\d{4}年|[“”\"'《》]", "", normalize_text(title_text))
    for match in _REGION_IN_TITLE.finditer(title):
        name = match.group(1)
        if name[0] not in "全本我各":
            return name
    return ""


def _indicator_ids(meta, file, sheet, cols, problems) -> list[str]:
    """The id written in the table, made safe for file names, or one derived from the name."""
    codes, pairs = _pair_codes(meta["id_raw"].to_numpy(), meta["name"].to_numpy())
    first_row = meta["row"].to_numpy()[np.unique(codes, return_index=True)[1]]
    ids = []
    for (raw, name), row in zip(pairs, first_row):  # once per distinct pair: names repeat once per region
        raw = normalize_text(raw)
        if raw:
            safe = _SAFE_ID.sub("_", raw).strip("_")
            if safe != raw:
                problems.append(
                    Problem(
                        "warning",
                        file,
                        f"指标代码“{raw}”含有不能用于文件名的字符，已改为“{safe}”",
                        "字母、数字、下划线、点或连字符",
                        sheet=sheet.name,
                        cell=f"{column_letter(cols['indicator_id'].index + sheet.col0)}{row + 1}",
                    )
                )
            ids.append(safe or stable_id(name))
        else:
            ids.append(stable_id(name))
    return np.array(ids, dtype=object)[codes]


def stable_id(name: str) -> str:
    """Same name (after normalisation) → same id, in every file and on every run."""
    digest = hashlib.sha1(normalize_text(name).encode("utf-8")).hexdigest()[:10]
    return f"ind_{digest}"


def _directions(meta, file, sheet, cols, problems) -> list[str]:
    raws = meta["direction_raw"].to_numpy()
    # "" is decided later from the target's comparator; None: not a direction word
    directions = _per_distinct(raws, lambda raw: _DIRECTION_OF.get(raw.lower(), "?") if raw else "")
    for k in np.flatnonzero(directions == "?"):
        raw, row = raws[k], meta["row"].iloc[k]
        problems.append(
            Problem(
                "error",
                file,
                f"指标方向“{raw}”无法识别",
                "正向/逆向（或 越高越好/越低越好）",
                "改为“正向”（越高越好）或“逆向”（越低越好）；不确定时留空，按目标比较符判断",
                sheet=sheet.name,
                cell=f"{column_letter(cols['direction'].index + sheet.col0)}{row + 1}",
            )
        )
        directions[k] = ""
    return directions


# A 注 row giving a footnote mark's year: "带*的为2019年数据", "①为2019年数值", "注1：2019年数据".
_MARK = r"(?:[*＊※†‡]+|[\u2460-\u249b\u24ea\u2776-\u2793]|[(（][0-9０-９]{1,2}[)）]|[\[［][0-9０-９]{1,2}[\]］]|注[0-9０-９]{1,2})"
# "〔17.7〕" (a five-year total, as plan boxes print it), possibly with a footnote mark after it.
# A name that says its numbers are totals over a plan period: "知识产权使用费进出口总额(5年累计)" (the unit,
# "(亿元,5年累计)", has already left the name).
_PERIOD_TOTAL_NAME = re.compile(r"[(（][^()（）]*累计[)）]$")


def _period_totals(values, matrix, comparators, types, notes, names, cells, sheet, file, options) -> None:
    """An indicator whose name says "(5年累计)": its targets are totals over the plan (target_type cumulative, judged
    from 0), its yearly values are read as totals to date, and a number in the base-year column is the last
    plan's total, not a level of that year: kept out of the baseline, said at its cell (as for 〔17.7〕)."""
    totals = _per_distinct(names, lambda t: isinstance(t, str) and bool(_PERIOD_TOTAL_NAME.search(t))).astype(bool)
    if not totals.any():
        return
    said = set()
    for m, col in enumerate(values):
        if col.kind in ("target", "midterm_target"):
            types[m, totals & (types[m] == "level")] = "cumulative"
        elif col.kind == "baseline":
            for k in np.flatnonzero(totals & ~np.isnan(matrix[m])):
                notes.setdefault((m, k), []).append(f"“{_fmt(matrix[m, k])}”为上一规划期累计数，未作基期值")
                options.choice(
                    "warning", file,
                    f"指标“{names[k]}”是规划期累计数：“{col.label}”列的 {_fmt(matrix[m, k])} 是上一规划期的累计数，"
                    f"不是 {col.year} 年的水平值，未作为基期值读取；目标按规划期累计评估，各年数值按截至当年的累计数读取",
                    sheet.name, cells[m][k],
                    "如表中各年数值是当年数而不是累计数，请改填截至当年的累计数（或另列“累计”列）",
                )
                matrix[m, k], comparators[m, k] = np.nan, ""
                said.add(k)
    for k in np.flatnonzero(totals):
        if k not in said:  # no base number to set aside: the reading is still said once
            goal = next((m for m, c in enumerate(values) if c.kind == "target" and types[m, k] == "cumulative"), None)
            if goal is not None:
                options.choice(
                    "note", file,
                    f"指标“{names[k]}”是规划期累计数：目标按规划期累计评估，各年数值按截至当年的累计数读取",
                    sheet.name, cells[goal][k], "如表中各年数值是当年数而不是累计数，请改填截至当年的累计数",
                )


_BRACKETED_TOTAL = re.compile(r"^[〔【［\[]\s*[-+]?\d+(?:\.\d+)?\s*[〕】］\]]\s*[*＊]?$")
_YEAR_NOTE = re.compile(
    r"(?:带有|带|标有|标注|标|加|有)?[“\"‘']?(?P<mark>" + _MARK + r")[”\"’']?号?(?:的|者|处)?(?:数据|数值|指标|值)?"
    r"(?:均为|为|是|系|:|：)?(?P<year>(?:19|20)\d{2})年度?的?(?:数据|数值|统计数|值|数)"
)
_MARK_KEY = str.maketrans({"＊": "*", "（": "(", "）": ")", "［": "[", "］": "]", **{chr(0xFF10 + d): str(d) for d in range(10)}})


def _year_marks(footnotes: list[str]) -> dict:
    """{footnote mark: (year, the note's words)} from the table's 注 rows ("注：带*的为2019年数据")."""
    marks = {}
    for text in footnotes:
        for match in _YEAR_NOTE.finditer(_SPACES_ONLY.sub("", text)):
            marks[match.group("mark").translate(_MARK_KEY)] = (int(match.group("year")), match.group(0))
    return marks


def _marked_year(mark: str, marks: dict):
    """(year, note) when a cell's footnote mark is one a 注 row dates; None otherwise."""
    key = mark.translate(_MARK_KEY)
    return marks.get(key) or next((v for m, v in marks.items() if m in key), None)


def _tidy_values(sheet, grid, rows, meta, values: list[Column], masks, file, options: _Options,
                 cell_units: _CellUnits | None = None, marks: dict | None = None, readings: dict | None = None) -> dict:
    """One tidy row per indicator row and value column: numbers taken as they are, text parsed.

    `cell_units`: units taken from value cells (notes, conflicting rows); `marks`: footnote marks a 注 row
    dates ("带*的为2019年数据"); `readings` receives what the 列的读法 adds for such cells, by column index.
    """
    problems = options.problems
    cell_units = cell_units or _CellUnits()
    marks = marks or {}
    n = len(rows)
    abs_rows = meta["row"].to_numpy()
    units = meta["unit"].to_numpy()
    names = meta["name"].to_numpy()
    percent_unit = meta["unit"].map({u: is_percent_unit(u) for u in meta["unit"].unique()}).to_numpy(dtype=bool)
    matrix = np.full((len(values), n), np.nan)
    comparators = _filled((len(values), n), "")
    highs = np.full((len(values), n), np.nan)
    types = _filled((len(values), n), "")
    texts = _filled((len(values), n), "")
    # Each value's own year: the column's, unless a base cell says it is another year's ("21.5（2024年）", "10.5*").
    years = np.repeat(np.array([c.year for c in values], dtype=np.int64), n).reshape(len(values), n)
    notes: dict[tuple[int, int], list[str]] = {key: list(v) for key, v in cell_units.notes.items()}
    every_row = n == len(grid)  # rows is then 0 … n - 1
    cells = []
    bracket_bases = []  # (m, k, Target, cell) for base values written inside target cells
    row_text = np.array(list(map(str, (abs_rows + 1).tolist())), dtype=object)
    for m, col in enumerate(values):
        letter = column_letter(col.index + sheet.col0)
        cells.append(letter + row_text)
        is_goal = col.kind in ("target", "midterm_target")
        if every_row:  # the usual table: no section or note rows, nothing to pick
            (is_num, is_text, is_other), raw = masks[col.index], grid[:, col.index]
        else:
            is_num, is_text, is_other = (mask[rows] for mask in masks[col.index])
            raw = grid[rows, col.index]
        matrix[m, is_num] = _as_floats(raw[is_num])
        # Percentage-formatted numbers show ×100 on screen; the indicator's value is what is shown.
        shown = sheet.percent_cells.get(col.index + sheet.col0)
        if shown is not None:
            scale = is_num & percent_unit & np.isin(abs_rows, shown)
            matrix[m, scale] = np.round(matrix[m, scale] * 100, 10)
        size = np.abs(matrix[m, is_num])
        insane = np.flatnonzero(is_num)[~((size == 0) | ((size >= MIN_MAGNITUDE) & (size <= MAX_MAGNITUDE)))]
        for k in insane:
            problems.append(_magnitude_problem(raw[k], names[k], col, sheet, f"{letter}{abs_rows[k] + 1}", file))
            matrix[m, k] = np.nan
        for k in np.flatnonzero(is_other):
            ref = f"{letter}{abs_rows[k] + 1}"
            error = sheet.error_cells.get((abs_rows[k], col.index + sheet.col0))
            problems.append(_other_problem(raw[k], error, names[k], col, sheet, ref, file))
        if is_goal:
            shown_values = pd.Series(matrix[m, is_num])
            texts[m, is_num] = shown_values.map({v: _fmt(v) for v in shown_values.unique()}).to_numpy(dtype=object)
        text_at = np.flatnonzero(is_text)
        quick = _quick_numbers(raw[text_at])
        done = ~np.isnan(quick[0])
        if not is_goal:  # a bound on an actual ("超4") is read with a note: the general path says so
            done &= quick[1] == ""
        matrix[m, text_at[done]], comparators[m, text_at[done]] = quick[0][done], quick[1][done]
        if is_goal:
            texts[m, text_at] = raw[text_at]
        dated: dict[tuple, list[str]] = {}  # (mark, year, note) → cells a 注 row says hold that year's data
        for k in text_at[~done]:
            ref = f"{letter}{abs_rows[k] + 1}"
            if is_goal:
                found = parse_target(raw[k])
                cell = found.cell or parse_text(raw[k])
            else:
                cell = parse_text(raw[k])
                found = None
            status = found.status if found else cell.status
            unit = found.unit if found else cell.unit
            mark = found.footnote if found else cell.footnote
            if mark and marks and status in ("number", "qualitative"):
                year = _marked_year(mark, marks)
                if year is not None and year[0] != col.year:
                    own = col.kind == "baseline" and year[0] < col.year  # a base keeps its own year
                    notes.setdefault((m, k), []).append(
                        f"按表注“{year[1]}”，此数为 {year[0]} 年数据，"
                        + (f"基期值按 {year[0]} 年计" if own else f"按 {col.year} 年{_KIND_ZH_SHORT[col.kind]}读取")
                    )
                    if own:
                        years[m, k] = year[0]
                    dated.setdefault((mark, *year), []).append(ref)
            # a change in 百分点 of a % indicator; a yearly growth in % of a level in any unit ("年均10%" of 亿元)
            points = found is not None and ((unit == "百分点" and found.target_type == "cumulative" and percent_unit[k])
                                            or (unit == "%" and found.target_type == "annual_rate"))
            if status == "number" and (not unit or unit == units[k] or (unit == "%" and percent_unit[k]) or points):
                if found:
                    matrix[m, k], comparators[m, k] = found.value, found.comparator
                    types[m, k] = found.target_type
                    if found.high is not None:
                        highs[m, k] = found.high
                    if found.base is not None:  # "78%左右（2025年约76%）": the base, in the target's bracket
                        bracket_bases.append((m, k, found, ref))
                    for note in found.notes:
                        notes.setdefault((m, k), []).append(note)
                        severity = "warning" if note.startswith("近似") else "note"
                        options.choice(severity, file, f"目标“{raw[k]}”（指标“{names[k]}”）：{note}，按 {_fmt(found.value)} 读取", sheet.name, ref)
                else:
                    matrix[m, k], comparators[m, k] = cell.value, cell.comparator
                    _actual_notes(cell, raw[k], names[k], m, k, notes, options, file, sheet.name, ref)
            elif status == "qualitative":
                types[m, k] = "qualitative"
                options.choice("note", file, f"目标“{raw[k]}”（指标“{names[k]}”）是定性目标，没有数值，评估时按变化方向判断或需人工判断", sheet.name, ref)
            elif k in cell_units.conflicts:
                problems.append(
                    Problem("error", file, f"指标“{names[k]}”同一行的数值写了不同的单位：{cell_units.conflicts[k]}",
                            "同一指标的数值用同一个单位", "把数值换算成同一单位；或在“单位”列写明单位，数值中不写单位",
                            sheet.name, ref)
                )
                texts[m, k] = ""
            elif status == "number":  # a unit other than the row's
                problems.append(_cell_problem(Cell("number", unit=unit), raw[k], units[k], names[k], col, sheet, ref, file, is_goal))
                texts[m, k] = ""
            elif status != "missing" and not is_goal and col.kind == "baseline" and _BRACKETED_TOTAL.match(raw[k].strip()):
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
            elif status != "missing" and col.kind == "baseline" and _worded_base(
                    raw[k], units[k], percent_unit[k], names[k], col, (m, k), ref, matrix, comparators, years, notes,
                    options, file, sheet.name):
                pass  # "8%左右", "5.0%（2025）", "预计2.65%", "与经济增长基本同步": read, or set aside, and said
            elif status != "missing" and "/" in units[k] and _TWO_VALUES.match(normalize_text(raw[k])):
                # "8358/244" under the unit "万人次/万吨": two indicators share the row; not guessed apart, said
                notes.setdefault((m, k), []).append(f"原文“{raw[k]}”是两个指标的数值（单位“{units[k]}”），未读取")
                options.choice("warning", file, f"“{raw[k]}”（指标“{names[k]}”，单位“{units[k]}”）是同一行中两个指标的数值，未读取",
                               sheet.name, ref, "把两个指标拆成两行，各写各的名称、单位和数值")
                texts[m, k] = ""
            elif status != "missing":
                problems.append(_cell_problem(cell, raw[k], units[k], names[k], col, sheet, ref, file, is_goal))
                texts[m, k] = ""
        for (mark, year, words), refs in dated.items():
            kind = _KIND_ZH_SHORT[col.kind]
            listed = "、".join(refs[:10]) + ("等" if len(refs) > 10 else "")
            kept = f"按 {year} 年{kind}读取（保留其本身的年份）" if col.kind == "baseline" and year < col.year else f"仍按 {col.year} 年{kind}读取"
            options.choice(
                "warning", file,
                f"“{col.label}”列中 {listed} 带脚注标记“{mark}”，表注“{words}”：这些是 {year} 年数据，{kept}",
                sheet.name, refs[0], f"如有 {col.year} 年数据，请改填；否则请在解读时说明这些{kind}是 {year} 年的",
            )
            if readings is not None:
                readings[col.index] = "；".join(filter(None, [readings.get(col.index), f"其中 {listed} 为 {year} 年数据（表注“{words}”）"]))
        if is_goal:
            present = ~np.isnan(matrix[m]) | (types[m] == "qualitative")
            # 〔〕 marks the cumulative ones of a 年均/累计 column (typed by the parser); the rest by the column and the
            # indicator's name (a growth rate is a rate in any column; a level's bound in a 年均 column holds every year)
            untyped = present & (types[m] == "")
            types[m, untyped] = _untyped_targets(col, names[untyped], percent_unit[untyped])
            if col.hint in ("", "level_or_rate"):
                for k in np.flatnonzero(untyped & (types[m] == "annual_rate")):
                    notes.setdefault((m, k), []).append("指标名称表明是增速：按年均增速读取")
                    options.choice("note", file, f"“{col.label}”列中的“{_header_text(raw[k])}”（指标“{names[k]}”）：指标名称表明是增速，"
                                   "目标按年均增速读取", sheet.name, cells[m][k])
            if col.hint in ("annual_rate", "rate_or_cumulative"):
                for k in np.flatnonzero(untyped & (types[m] == "level") & ~np.isnan(matrix[m])):
                    notes.setdefault((m, k), []).append("水平指标：按每年都须守住的界限读取，不作年均增速")
                    options.choice("note", file, f"“{col.label}”列中的“{_header_text(raw[k])}”（指标“{names[k]}”）是水平指标的界限："
                                   "按每年都须守住的上限或下限读取，不作年均增速", sheet.name, cells[m][k])
            texts[m, ~present] = ""
        else:
            texts[m, :] = ""

    _period_totals(values, matrix, comparators, types, notes, names, cells, sheet, file, options)
    _merge_rate_columns(values, matrix, comparators, highs, types, texts, notes, names, cells, sheet, file, options)
    goals = [m for m, c in enumerate(values) if c.kind in ("target", "midterm_target")]
    meta["direction"] = _settle_targets(meta, matrix, comparators, goals, [cells[m] for m in goals], sheet, file, problems)
    for m in goals:  # a range has no comparator: value is its low end, target_high its high end
        comparators[m, (types[m] == "range") | ~np.isnan(highs[m])] = ""
    columns = ["indicator_id", "region", "area", "name", "name_en", "unit", "direction", "indicator_type", "claim", "source", "reported_status"]
    # Indicator-level text repeats once per value column: tile category codes, not 10⁵ string objects.
    data = {c: _tile_categorical(meta[c].to_numpy(dtype=object), len(values)) for c in columns}
    data["year"] = years.ravel()
    data["kind"] = _repeat_categorical([c.kind for c in values], n)
    data["value"] = matrix.ravel()
    data["comparator"] = comparators.ravel()
    data["target_type"] = types.ravel()
    data["target_high"] = highs.ravel()
    data["target_text"] = texts.ravel()
    note = np.tile(meta["note"].to_numpy(dtype=object), len(values))
    for (m, k), extra in notes.items():
        note[m * n + k] = "；".join(([note[m * n + k]] if note[m * n + k] else []) + extra)
    data["note"] = note
    data["cell"] = np.concatenate(cells)
    data["bracket_bases"] = _bracket_bases(bracket_bases, values, matrix, n, options, file, sheet.name, names)
    return data


def _bracket_bases(found: list, values: list[Column], matrix: np.ndarray, n: int, options, file: str, sheet: str, names) -> list:
    """Base values written in target cells' brackets, for rows whose base column gives none: (tidy row, year, value, note)."""
    has_base = np.zeros(n, dtype=bool)
    for m, col in enumerate(values):
        if col.kind == "baseline":
            has_base |= ~np.isnan(matrix[m])
    extra = []
    for m, k, target, ref in found:
        if has_base[k]:
            options.choice("note", file, f"目标单元格括号内的“{target.base_text}”（指标“{names[k]}”）未用：表中另有基期值", sheet, ref)
            continue
        note = f"基期值取自目标单元格 {ref} 括号内的“{target.base_text}”"
        extra.append((m * n + k, target.base_year, target.base, note))
        options.choice("note", file, f"指标“{names[k]}”的基期值取自目标单元格括号内的“{target.base_text}”：{target.base_year} 年 {_fmt(target.base)}",
                       sheet, ref)
        has_base[k] = True
    return extra


_NAME_WORDS = {key: [normalize_text(w) for w in words] for key, words in ALIASES["indicator_names"].items() if key != "_doc"}


def names_a_rate(name: str, percent: bool) -> bool:
    """The name says the indicator is a growth rate ("…年均增长", "…增速", "GDP增长" in %): its targets are annual rates."""
    key = normalize_text(name)
    return any(w in key for w in _NAME_WORDS["annual_rate"]) or (percent and key.endswith(tuple(_NAME_WORDS["annual_rate_endings"])))


def names_a_change(name: str) -> bool:
    """The name says the indicator is a growth or change (增长, 降低, 提高 …), not a level (率, 比重, 浓度 …)."""
    key = normalize_text(name)
    return any(w in key for w in _NAME_WORDS["change"])


def names_lower_better(name: str) -> bool:
    """A level to bring down (倍差, 浓度, 使用面积 …), and no word of change (…下降率 is to rise)."""
    key = normalize_text(name)
    return any(w in key.replace("比重", "") for w in _NAME_WORDS["lower_is_better"]) and not names_a_change(key)


def _untyped_targets(col: Column, names: np.ndarray, percent: np.ndarray) -> np.ndarray:
    """The target type of cells whose own text says none: by the column's hint and each indicator's name."""
    out = _filled(len(names), "level")
    if col.hint == "cumulative":
        out[:] = "cumulative"
        return out
    for k, (name, pct) in enumerate(zip(names, percent)):
        if names_a_rate(name, bool(pct)):
            out[k] = "annual_rate"
        elif col.hint in ("annual_rate", "rate_or_cumulative") and names_a_change(name):
            out[k] = "annual_rate"
    return out


_TWO_VALUES = re.compile(r"^\d+(?:\.\d+)?/\d+(?:\.\d+)?$")


def _worded_base(raw, unit, percent, name, col, at, ref, matrix, comparators, years, notes, options, file, sheet) -> bool:
    """A base cell with words around its number (basecells.parse_base): its number, comparator and own year are
    read, its words kept in the row's note and said; a base in words only, or one naming a later year, is set
    aside with a warning. False when the cell holds no such form (the caller refuses it)."""
    base = parse_base(raw)
    if base.status == "invalid" or (base.status == "number" and base.unit and base.unit != unit and not (base.unit == "%" and percent)):
        return False
    m, k = at
    shown = " ".join(str(raw).split())
    if base.status == "words" or (base.year is not None and base.year > col.year):
        why = f"写的是 {base.year} 年的情况" if base.year is not None and base.year > col.year else "没有可读取的数值"
        notes.setdefault(at, []).append(f"原文“{shown}”{why}，未作基期值")
        options.choice("warning", file, f"基期单元格“{shown}”（指标“{name}”）{why}，未作为基期值读取", sheet, ref,
                       f"如有 {col.year} 年的数值，请另行填写")
        return True
    matrix[m, k], comparators[m, k] = base.value, base.comparator
    words = list(base.words)
    if base.year is not None and base.year < col.year:
        years[m, k] = base.year
        words.append(f"基期值按 {base.year} 年计")
    if base.footnote:
        words.append(f"脚注标记“{base.footnote}”已去除")
    notes.setdefault(at, []).append(f"原文“{shown}”：" + "；".join(words))
    options.choice("note", file, f"基期单元格“{shown}”（指标“{name}”）按 {_fmt(base.value)} 读取：{'；'.join(words)}", sheet, ref)
    return True


def _as_floats(values: np.ndarray) -> np.ndarray:
    try:
        return values.astype(float)
    except OverflowError:  # an integer of hundreds of digits: refused later as out of range
        return np.array([_as_float(v) for v in values], dtype=float)


def _as_float(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return float("inf")


def _actual_notes(cell, raw, name, m, k, notes, options, file, sheet, ref) -> None:
    """An actual written with a footnote mark or a bound: read, and said."""
    if cell.footnote:
        notes.setdefault((m, k), []).append(f"脚注标记“{cell.footnote}”已去除")
        options.choice("note", file, f"“{raw}”（指标“{name}”）末尾的脚注标记“{cell.footnote}”已去除，按 {_fmt(cell.value)} 读取", sheet, ref)
    if cell.comparator:
        strict = cell.comparator in (">", "<")
        bound = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "==": "等于"}[cell.comparator]
        notes.setdefault((m, k), []).append(f"原文“{raw}”：实际值{bound} {_fmt(cell.value)}")
        found = f"实际值写作“{raw}”（指标“{name}”），按 {_fmt(cell.value)} 读取，比较符 {cell.comparator} 保留在 comparator 列"
        if strict:
            found += f"；实际值大于/小于 {_fmt(cell.value)}，并不等于它，评估时按 {_fmt(cell.value)} 计会偏保守"
        options.choice("warning" if strict else "note", file, found, sheet, ref, "如有确切数值，请填写确切数值")


def _merge_rate_columns(values, matrix, comparators, highs, types, texts, notes, names, cells, sheet, file, options) -> None:
    """A 年均/累计 column beside the end-year target column: one target per indicator, the other kept as a note.

    The level target wins when it has a number; otherwise the rate/cumulative one does.
    """
    for r, rate in enumerate(values):
        if not rate.hint or rate.kind != "target":
            continue
        for m, level in enumerate(values):
            if m == r or level.kind != "target" or level.hint or level.year != rate.year:
                continue
            has_rate = texts[r] != ""
            has_level = texts[m] != ""
            for k in np.flatnonzero(has_rate & has_level):
                keep, drop = (m, r) if not np.isnan(matrix[m, k]) or np.isnan(matrix[r, k]) else (r, m)
                notes.setdefault((keep, k), []).append(f"另有目标“{texts[drop, k]}”（{cells[drop][k]}）")
                matrix[drop, k], highs[drop, k], comparators[drop, k], types[drop, k], texts[drop, k] = np.nan, np.nan, "", "", ""


def _repeat_categorical(values: list, times: int) -> pd.Categorical:
    """[a, b] → a, a, …, b, b, … (each `times` times) as category codes."""
    codes, categories = pd.factorize(np.array(values, dtype=object))
    return pd.Categorical.from_codes(np.repeat(codes, times), categories=pd.Index(categories, dtype=object))


def _constant_categorical(value, times: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(times, dtype=np.int8), categories=pd.Index([value], dtype=object))


def _tile_categorical(values: np.ndarray, times: int) -> pd.Categorical:
    if values.size and isinstance(values[0], str) and (values == values[0]).all():  # a column the table lacks
        return pd.Categorical.from_codes(np.zeros(values.size * times, dtype=np.int8), categories=pd.Index(values[:1], dtype=object))
    codes, categories = pd.factorize(values)
    return pd.Categorical.from_codes(np.tile(codes, times), categories=pd.Index(categories, dtype=object))


def _object_frame(columns: dict) -> pd.DataFrame:
    """A frame whose text columns stay plain Python objects (no string-dtype inference: 10× faster here);
    numbers and categoricals keep their own types. The arrays are taken over, not copied (the callers
    build them for the frame and never touch them again), and not stacked into blocks (25× faster)."""
    def column(values):
        if isinstance(values, (pd.Categorical, pd.api.extensions.ExtensionArray)):
            return values
        if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
            return pd.Series(values, copy=False)
        return pd.Series(values, dtype=object, copy=False)

    return pd.DataFrame({name: column(values) for name, values in columns.items()}, copy=False)


# What a comparator word alone means (a 目标比较符 column), from the cell parser's own table.
_COMPARATOR_OF = {**dict(COMPARATOR_PREFIXES), "==": "=="}
# The commonest target forms, parsed without the general parser's per-cell cost.
_QUICK_WORDS = ("≥", ">=", ">", "≤", "<=", "<", "超")
_QUICK = re.compile(r"^\s*(" + "|".join(map(re.escape, sorted(_QUICK_WORDS, key=len, reverse=True))) + r")?\s*(-?\d+(?:\.\d+)?)\s*$")
_QUICK_COMPARATOR = {None: "", **{w: _COMPARATOR_OF[w] for w in _QUICK_WORDS}}


def _quick_numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The commonest text forms ("≥80", "3.5") in one pass; NaN where cells.parse_text must decide."""
    codes, uniques = _factorize(texts)
    values = np.full(len(uniques), np.nan)
    comparators = _filled(len(uniques), "")
    for k, text in enumerate(uniques):  # once per distinct text: targets such as "≥95" repeat across regions
        match = _QUICK.match(text)
        if match and sane_magnitude(value := float(match.group(2))):  # "1e400" as 400 digits: the general path refuses it
            values[k] = value
            comparators[k] = _QUICK_COMPARATOR[match.group(1)]
    return values[codes], comparators[codes]


def _cell_problem(cell, raw, unit, name, col, sheet, ref, file, is_goal=False) -> Problem:
    """Why a text cell is not a value: not a number at all, a formula error, too large, or another unit."""
    if cell.reason == "excel_error":
        return _other_problem(raw, raw.strip(), name, col, sheet, ref, file)
    if cell.reason == "magnitude":
        return _magnitude_problem(raw, name, col, sheet, ref, file)
    if cell.status == "invalid":
        forms = "数字，如 97.4、97.4%、≥80、超4、1个工作日内"
        if is_goal:
            forms += "；目标还可写 〔13.5〕（累计）、年均增长7%以上、95～98（区间）、稳步提高（定性）、接近7.5"
        return Problem(
            "error",
            file,
            f"“{raw}”不是数值（指标“{name}”，{col.label}）",
            forms + "；没有数据时填“—”或留空",
            "填写确切数值；估计值请在备注中说明",
            sheet.name,
            ref,
        )
    return Problem(
        "error",
        file,
        f"单元格“{raw}”写的单位“{cell.unit}”与该指标的单位“{unit or '（空）'}”不一致",
        f"以“{unit}”为单位的数值" if unit else "在单位列填写单位，数值中不写单位",
        "把数值换算成该行单位，或改正单位列",
        sheet.name,
        ref,
    )


def _magnitude_problem(raw, name, col, sheet, ref, file) -> Problem:
    shown = str(raw) if len(str(raw)) <= 24 else str(raw)[:20] + "…"
    return Problem(
        "error",
        file,
        f"数值“{shown}”超出合理范围（指标“{name}”，{col.label}）",
        "绝对值在 1e-9 到 1e15 之间的数值（或 0）",
        "检查是否多输了位数或粘贴错了单元格；很大的量请换用“万”“亿”为单位",
        sheet.name,
        ref,
    )


def _other_problem(raw, error, name, col, sheet, ref, file) -> Problem:
    """A date, time, true/false or a cached formula error where a number belongs."""
    if error:
        return Problem(
            "error", file, f"单元格是公式错误值“{error}”（指标“{name}”，{col.label}）", "数值，或计算出数值的公式",
            "在 Excel 中改正公式（如除数为 0、查找不到）后保存；没有数据时填“—”", sheet.name, ref,
        )
    if isinstance(raw, bool):
        found, fix = f"单元格是逻辑值 {'TRUE' if raw else 'FALSE'}", "填写数值；没有数据时填“—”"
    else:
        found = f"单元格是日期或时间“{raw}”"
        fix = "Excel 可能把“3-5”“2023.5”之类的输入自动转成了日期：把单元格设为“文本”或“数值”格式后重新输入"
    return Problem("error", file, f"{found}（指标“{name}”，{col.label}）", "数值", fix, sheet.name, ref)


def _settle_targets(meta, matrix, comparators, goals, cells, sheet, file, problems) -> np.ndarray:
    """Comparators and directions complete each other; a target against its direction is an error.

    A target's comparator is the one written in its cell ("≥80", "超4"), else the comparator column,
    else the direction's (≥ when higher is better). The direction is the one written, else the one
    a target implies ("≤0" means lower is better), else higher.
    """
    written = _per_distinct(meta["comparator_raw"].to_numpy(dtype=object), _comparator_word)
    direction = meta["direction"].to_numpy(dtype=object)
    implied_lower = np.zeros(len(direction), dtype=bool)
    for m in goals:
        comparators[m] = np.where(comparators[m] == "", written, comparators[m])
        implied_lower |= _one_of(comparators[m], "<", "<=") & ~np.isnan(matrix[m])
    names = meta["name"].to_numpy()
    # A level to bring down by its name (倍差, 浓度 …) with no bound written either way: lower is better, said once.
    implied_higher = np.zeros(len(direction), dtype=bool)
    for m in goals:
        implied_higher |= _one_of(comparators[m], ">", ">=") & ~np.isnan(matrix[m])
    by_name = (direction == "") & ~implied_lower & ~implied_higher & _per_distinct(names, names_lower_better).astype(bool)
    for name in dict.fromkeys(names[by_name]):
        problems.append(Problem("note", file, f"指标“{name}”的名称表明是越低越好的指标（如倍差、浓度、单位产出占用），表中未写比较符：按越低越好读取，目标为上限",
                                sheet=sheet.name, fix="如不对，请在“指标方向”列写明“正向”"))
    implied_lower |= by_name
    implied = np.array(["higher", "lower"], dtype=object)[implied_lower.astype(np.intp)]
    direction = np.where(direction != "", direction, implied)
    lower = direction == "lower"
    for m, refs in zip(goals, cells):
        present = ~np.isnan(matrix[m])
        comparators[m] = np.where(comparators[m] == "", np.where(lower, "<=", ">="), comparators[m])
        comparators[m, ~present] = ""
        against = present & ((~lower & _one_of(comparators[m], "<", "<=")) | (lower & _one_of(comparators[m], ">", ">=")))
        for k in np.flatnonzero(against):
            wanted = "≤、<、不超过、不高于" if lower[k] else "≥、>、超、不低于"
            problems.append(
                Problem(
                    "error",
                    file,
                    f"指标“{names[k]}”的目标（{comparators[m, k]}{_fmt(matrix[m, k])}）与指标方向"
                    f"（{'越低越好' if lower[k] else '越高越好'}）矛盾",
                    f"与方向一致的比较符：{wanted}",
                    "改正目标的比较符或指标方向",
                    sheet.name,
                    refs[k],
                )
            )
    return direction


def _one_of(texts: np.ndarray, *words: str) -> np.ndarray:
    """np.isin(texts, words) for an object array of short strings, without sorting objects."""
    found = texts == words[0]
    for word in words[1:]:
        found |= texts == word
    return found


def _comparator_word(text: str) -> str:
    """"≥", "超" or "不低于" alone → its comparator; "" when empty or not a comparator."""
    return _COMPARATOR_OF.get(text) or (parse_text(text + "0").comparator if text else "")


def _fmt(value: float) -> str:
    return f"{value:g}"


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


_KIND_ZH = {"actual": "实际值", "baseline": "基期值", "target": "目标值", "midterm_target": "中期目标值"}


def _empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in TIDY_COLUMNS})
    for column in ("year", "plan_base_year", "plan_target_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "target_high"):
        frame[column] = frame[column].astype(float)
    return frame


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
