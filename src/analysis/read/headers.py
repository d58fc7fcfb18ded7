"""Header rows: which field each label names, where the header is, how each column was read (列的读法)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from analysis.read.cells import EXCEL_ERRORS, normalize_text
from analysis.read.excel import SheetGrid
from analysis.rules.plans import plan_in_text


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


_KIND_ZH = {"actual": "实际值", "baseline": "基期值", "target": "目标值", "midterm_target": "中期目标值"}


def _as_text(column: np.ndarray) -> np.ndarray:
    """A column as text; numbers in text columns (codes, years) become their written form."""
    if pd.api.types.infer_dtype(column, skipna=False) == "string":  # one scan in C (the reader gives Python str)
        return column
    return np.array([v if type(v) is str else _header_text(v) for v in column], dtype=object)
