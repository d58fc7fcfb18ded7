"""Target and base cells beyond the plain number: period totals, 年均/累计 columns, bases in words or brackets, comparators and directions."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.read.arrays import _one_of, _per_distinct
from analysis.read.basecells import parse_base
from analysis.read.cells import _COMPARATOR_OF, parse_text
from analysis.read.headers import _SPACES_ONLY
from analysis.read.names import names_lower_better
from analysis.read.table import TableValues
from analysis.rules.numbers import general as _fmt
from analysis.rules.problems import Problem


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


# A 注 row giving a footnote mark's year: "带*的为2019年数据", "①为2019年数值", "注1：2019年数据".
_MARK = r"(?:[*＊※†‡]+|[\u2460-\u249b\u24ea\u2776-\u2793]|[(（][0-9０-９]{1,2}[)）]|[\[［][0-9０-９]{1,2}[\]］]|注[0-9０-９]{1,2})"
# "〔17.7〕" (a five-year total, as plan boxes print it), possibly with a footnote mark after it.
# A name that says its numbers are totals over a plan period: "知识产权使用费进出口总额(5年累计)" (the unit,
# "(亿元,5年累计)", has already left the name).
_PERIOD_TOTAL_NAME = re.compile(r"[(（][^()（）]*累计[)）]$")


def _period_totals(t: TableValues) -> None:
    """An indicator whose name says "(5年累计)": its targets are totals over the plan (target_type cumulative, judged
    from 0), its yearly values are read as totals to date, and a number in the base-year column is the last
    plan's total, not a level of that year: kept out of the baseline, said at its cell (as for 〔17.7〕)."""
    values, matrix, comparators, types, notes, names, cells = t.values, t.matrix, t.comparators, t.types, t.notes, t.names, t.cells
    sheet, file, options = t.sheet, t.file, t.options
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


def _bracket_bases(t: TableValues, found: list) -> list:
    """Base values written in target cells' brackets, for rows whose base column gives none: (tidy row, year, value, note)."""
    values, matrix, n, options, file, sheet, names = t.values, t.matrix, t.matrix.shape[1], t.options, t.file, t.sheet.name, t.names
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


_TWO_VALUES = re.compile(r"^\d+(?:\.\d+)?/\d+(?:\.\d+)?$")


def _worded_base(t: TableValues, at: tuple, raw, unit, percent, ref) -> bool:
    """A base cell with words around its number (basecells.parse_base): its number, comparator and own year are
    read, its words kept in the row's note and said; a base in words only, or one naming a later year, is set
    aside with a warning. False when the cell holds no such form (the caller refuses it)."""
    col, name = t.values[at[0]], t.names[at[1]]
    matrix, comparators, years, notes, options, file, sheet = t.matrix, t.comparators, t.years, t.notes, t.options, t.file, t.sheet.name
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


def _actual_notes(t: TableValues, at: tuple, cell, raw, ref) -> None:
    """An actual written with a footnote mark or a bound: read, and said."""
    (m, k), name, notes, options, file, sheet = at, t.names[at[1]], t.notes, t.options, t.file, t.sheet.name
    if cell.footnote:
        notes.setdefault((m, k), []).append(f"脚注标记“{cell.footnote}”已去除")
        options.choice("note", file, f"“{raw}”（指标“{name}”）末尾的脚注标记“{cell.footnote}”已去除，按 {_fmt(cell.value)} 读取", sheet, ref)
    if cell.comparator:
        strict = len(cell.comparator) == 1  # ">" or "<": more or less than the number, not equal to it
        bound = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "==": "等于"}[cell.comparator]
        notes.setdefault((m, k), []).append(f"原文“{raw}”：实际值{bound} {_fmt(cell.value)}")
        found = f"实际值写作“{raw}”（指标“{name}”），按 {_fmt(cell.value)} 读取，比较符 {cell.comparator} 保留在 comparator 列"
        if strict:
            found += f"；实际值大于/小于 {_fmt(cell.value)}，并不等于它，评估时按 {_fmt(cell.value)} 计会偏保守"
        options.choice("warning" if strict else "note", file, found, sheet, ref, "如有确切数值，请填写确切数值")


def _merge_rate_columns(t: TableValues) -> None:
    """A 年均/累计 column beside the end-year target column: one target per indicator, the other kept as a note.

    The level target wins when it has a number; otherwise the rate/cumulative one does.
    """
    values, matrix, comparators, highs, types, texts = t.values, t.matrix, t.comparators, t.highs, t.types, t.texts
    notes, cells = t.notes, t.cells
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




def _settle_targets(t: TableValues, meta) -> np.ndarray:
    """Comparators and directions complete each other; a target against its direction is an error.

    A target's comparator is the one written in its cell ("≥80", "超4"), else the comparator column,
    else the direction's (≥ when higher is better). The direction is the one written, else the one
    a target implies ("≤0" means lower is better), else higher.
    """
    matrix, comparators, goals, sheet, file, problems = t.matrix, t.comparators, t.goals, t.sheet, t.file, t.options.problems
    cells = [t.cells[m] for m in goals]
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


def _comparator_word(text: str) -> str:
    """"≥", "超" or "不低于" alone → its comparator; "" when empty or not a comparator."""
    return _COMPARATOR_OF.get(text) or (parse_text(text + "0").comparator if text else "")
