"""Indicator rows: names, units (from the name or the cells), ids, directions, and what a name says a target means."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.read.arrays import _filled, _pair_codes, _per_distinct
from analysis.read.cells import MISSING_MARKERS, _normalized, normalize_text, parse_target, parse_text
from analysis.read.excel import SheetGrid
from analysis.read.headers import (
    ALIASES,
    Column,
    Header,
    _DIRECTION_OF,
    _NUMBERING,
    _SAFE_ID,
    _SPACED_NUMBERING,
    _SPACES_ONLY,
    _as_text,
    _header_text,
)
from analysis.rules.problems import Problem, column_letter


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


def _clean_text(text: str) -> str:
    """A name as written (full-width brackets, Ⅲ kept): only spaces, line breaks and zero-width characters go."""
    return _SPACES_ONLY.sub("", text) if isinstance(text, str) else ""


def _clean_name(text: str) -> str:
    """An indicator name as written, less a box's own numbering before a space ("12. 3岁以下…" is "3岁以下…")."""
    return _clean_text(_SPACED_NUMBERING.sub("", text)) if isinstance(text, str) else ""


def _strip_numbering(name: str) -> str:
    return _NUMBERING.sub("", name)


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
