"""Every table in a notebook goes through one pandas Styler: text left, numbers right, no index, stable HTML.

JupyterLab right-aligns every table cell; a reader scans 地区, 指标名称 and 评估结论 from the left and compares
numbers on the right. The gap table's numbers print as in the exports (the indicator's own decimals, 71.4%,
comparators as ≥ ＞ ≤ ＜); any other frame's numbers in their shortest form (3, 2023, 0.5).
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype
from pandas.io.formats.style import Styler

from analysis.assess.rows import clean_value, gap_frame, indicator_places, records
from analysis.metadata.fields import GAP_COLUMNS, GAP_FIELD, GAP_HEADERS_ZH
from analysis.rules import textsafe
from analysis.rules.numbers import plain
from analysis.rules.targets import COMPARATOR_SIGN
from analysis.write.display import display

# Gap-table column kinds that hold numbers (right-aligned); text, code and flag columns read from the left.
NUMBER_KINDS = ("value", "percent", "ratio", "year")
LEFT, RIGHT = "left", "right"


class Table(Styler):
    """A Styler whose plain-text form is the table itself (not "<Styler at 0x…>", which changes every run),
    and whose cells carry their alignment inline: JupyterLab drops an untrusted output's <style> block (a
    notebook opened from git is untrusted) but keeps a cell's own style attribute."""

    def __repr__(self) -> str:
        return self.data.to_string(index=False)

    def _repr_html_(self) -> str:
        sides = alignment(self)
        columns = list(self.data.columns)
        inline = {i: _cell_style(sides.get(c, LEFT), self.data[c]) for i, c in enumerate(columns)}
        return _CELL.sub(lambda m: f'{m.group(0)[:-1].rstrip()} style="{inline[int(m.group(2))][m.group(1)]}">',
                         self.to_html())


# A body cell or column header of Styler.to_html(): <td id="…" class="data row0 col3" > / class="col_heading level0 col3"
_CELL = re.compile(r'<(td|th) id="[^"]*" class="(?:data row\d+|col_heading level0) col(\d+)" ?>')
NOWRAP_CHARS = 8  # a column whose cells are all this short never breaks a line (地区, 单位, 评估结论, numbers)
SHORT_HEADER = 5  # 地区, 单位, 目标比较符, 缺报指标数 stay on one line; 所需年均增速(%) may wrap
LONG_TEXT_MIN = "9em"  # a column of longer text (指标名称, 报告表述) keeps room for a few words a line


def _cell_style(side: str, column: pd.Series) -> dict:
    """The inline style of a column's cells ("td") and header ("th"): headers may wrap, short cells never."""
    longest = max((len(str(v)) for v in column), default=0)
    fit = "white-space: nowrap" if longest <= NOWRAP_CHARS else f"min-width: {LONG_TEXT_MIN}"
    header = "; white-space: nowrap" if len(str(column.name)) <= SHORT_HEADER else ""
    return {"td": f"text-align: {side}; {fit}", "th": f"text-align: {side}{header}"}


def styled(frame: pd.DataFrame, numbers: list[str] | None = None):
    """Any table for a notebook: index shown as columns only when it names rows (a pivot's 领域), text
    left and numbers right (header with its column), numbers in their shortest form, cells HTML-escaped.

    numbers: the columns to right-align when the frame's cells are already text (the gap table's).
    """
    shown = _with_index_as_columns(frame)
    right = set(numbers if numbers is not None else [c for c in shown.columns if _is_number(shown[c])])
    for column in shown.columns:
        if column in right and _is_number(shown[column]):
            shown[column] = [plain(clean_value(v)) if clean_value(v) is not None else "" for v in shown[column]]
    shown = shown.astype(object).where(shown.notna(), "").map(textsafe.clean)
    styles = []
    for i, column in enumerate(shown.columns):
        side = RIGHT if column in right else LEFT
        styles += [{"selector": f"td.col{i}", "props": [("text-align", side)]},
                   {"selector": f"th.col_heading.col{i}", "props": [("text-align", side)]}]
    return (Table(shown).set_uuid(_uuid(shown)).hide(axis="index").set_table_styles(styles)
            .format(escape="html"))


def alignment(styler) -> dict:
    """{header: "left" | "right"} as the Styler's CSS sets it (what the tests and a reader check)."""
    columns = list(styler.data.columns)
    sides = {}
    for rule in styler.table_styles:
        if rule["selector"].startswith("td.col"):
            sides[columns[int(rule["selector"].removeprefix("td.col"))]] = dict(rule["props"])["text-align"]
    return sides


def styled_gap_table(table: pd.DataFrame, columns: list[str] | None = None, limit: int | None = None):
    """The gap table for a notebook: Chinese headers, each indicator's own decimals, 71.4%, ≥ ＞ ≤ ＜.

    limit: only the first rows (each indicator's decimals still counted over all its regions)."""
    columns = columns or GAP_COLUMNS
    rows = records(table)
    per = indicator_places(rows)
    if limit is not None:
        table, rows = table.iloc[:limit], rows[:limit]
    shown = gap_frame(table)[columns].copy()
    places = {i: per[r["indicator_id"]] for i, r in zip(shown.index, rows)}
    for column in shown.columns:
        if GAP_FIELD[column].kind in NUMBER_KINDS or shown[column].dtype == "boolean":
            shown[column] = [display(column, clean_value(v), places[i]) for i, v in zip(shown.index, shown[column])]
    if "comparator" in shown.columns:
        shown["comparator"] = [COMPARATOR_SIGN.get(str(v), "") if clean_value(v) else "" for v in shown["comparator"]]
    numbers = [GAP_HEADERS_ZH[c] for c in columns if GAP_FIELD[c].kind in NUMBER_KINDS]
    return styled(shown.rename(columns=GAP_HEADERS_ZH).reset_index(drop=True), numbers=numbers)


def _with_index_as_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A RangeIndex (0, 1, 2 …) says nothing and is dropped; a named index (领域 of a pivot) becomes columns."""
    shown = frame.copy()
    if any(name is not None for name in shown.index.names):
        shown = shown.reset_index()
    else:
        shown = shown.reset_index(drop=True)
    shown.columns = [str(c) for c in shown.columns]  # a pivot's column level name (评估结论) is not a header
    return shown


def _is_number(column: pd.Series) -> bool:
    return is_numeric_dtype(column) and not is_bool_dtype(column)


def _uuid(shown: pd.DataFrame) -> str:
    """The same table gives the same HTML id on every run (nbval compares it); different tables differ,
    so one table's column rules never reach another's cells."""
    key = repr((list(shown.columns), shown.shape, shown.head(3).to_numpy().tolist()))
    return "t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
