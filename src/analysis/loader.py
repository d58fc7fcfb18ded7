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

from .cells import COMPARATOR_PREFIXES, is_percent_unit, normalize_text, parse_text
from .config import BUNDLED_WORKBOOK
from .excel import SheetGrid, Workbook, open_workbook
from .problems import InputError, Problem, column_letter
from .schema import PLAN_BASE_YEAR, PLAN_TARGET_YEAR, TIDY_COLUMNS

ALIASES = json.loads(resources.files("analysis").joinpath("header_aliases.json").read_text("utf-8"))
_FIELD_OF = {normalize_text(alias).lower(): f for f, aliases in ALIASES["fields"].items() for alias in aliases}
_SECTION = [re.compile(p) for p in ALIASES["section_row_patterns"]]
_DIRECTION_OF = {normalize_text(v).lower(): d for d, vs in ALIASES["direction_values"].items() for v in vs}
_REGION_IN_TITLE = re.compile(ALIASES["region_in_title"])
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_YEARISH = re.compile(r"(?<!\d)(\d{2,5})年")
_NUMBERING = re.compile(r"^(?:\d{1,3}[、.．](?!\d)|[（(]\d{1,3}[)）])")
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")
VALUE_KINDS = ("baseline", "midterm_target", "target", "actual")
MIDTERM_YEAR = 2023
HEADER_SEARCH_ROWS = 40


@dataclass
class Column:
    """What one column of a table holds: a field ("name", "unit" …) or a value of `kind` in `year`."""

    index: int  # position in the grid row
    label: str  # header text as written, for messages
    field: str  # a key of ALIASES["fields"], "value", "unknown" or "invalid_year"
    kind: str = ""
    year: int | None = None


@dataclass
class LoadResult:
    """Everything read from the inputs: the tidy frame, every problem, and what was read from where."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)  # one entry per sheet read: file, sheet, rows, region

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def load_indicators(paths, regions: dict | None = None) -> pd.DataFrame:
    """Read one or more workbooks into one tidy frame; raise InputError listing every error found.

    `regions` may name the region of a file ({path: "浮梁县"}) when it has no region column; by default
    the region is the place named in the sheet's title, or the file name.
    Warnings and notes travel in `frame.attrs["problems"]`.
    """
    result = read_indicators(paths, regions)
    if not result.ok:
        raise InputError(result.problems)
    return result.frame


def read_indicators(paths, regions: dict | None = None) -> LoadResult:
    """Like load_indicators, but returns the problems instead of raising (for validation screens)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    regions = {str(Path(k)): v for k, v in (regions or {}).items()}
    problems: list[Problem] = []
    frames, tables = [], []
    seen = set()
    for path in paths:
        if Path(path).resolve() in seen:
            problems.append(Problem("note", str(path), "同一文件给出了两次，只读取一次"))
            continue
        seen.add(Path(path).resolve())
        workbook = open_workbook(path, problems)
        if workbook is not None:
            _read_workbook(workbook, regions.get(str(Path(path))), frames, tables, problems)
    frame = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
    frame = _finish(frame, problems)
    frame.attrs["problems"] = [str(p) for p in problems if p.severity != "error"]
    return LoadResult(frame, problems, tables)


def _read_workbook(workbook: Workbook, region: str | None, frames, tables, problems) -> None:
    file = str(workbook.path)
    if not any(_has_content(s) for s in workbook.sheets):
        problems.append(Problem("error", file, "工作簿是空的（没有任何内容）", "至少一张含指标表的工作表", "检查是否发错了文件"))
        return
    found = 0
    for sheet in workbook.sheets:
        if not _has_content(sheet):
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
        frame = _read_table(sheet, header, file, region, problems)
        if frame is not None:
            frames.append(frame)
            tables.append(
                {"file": file, "sheet": sheet.name, "indicators": frame["indicator_id"].nunique(), "rows": len(frame)}
            )
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
    """Which field a header label names. Year-bearing labels become value columns."""
    label = normalize_text(text)
    key = label.lower()
    if not key:
        return Column(index, text, "unknown")
    years = _YEAR.findall(label)
    year = next((int(y) for y in years if 2000 <= int(y) <= 2035), None)
    if year is not None:
        keywords = ALIASES["year_columns"]["keywords"]
        for kind in ALIASES["year_columns"]["order"]:
            if any(word in key for word in keywords[kind]):
                return Column(index, text, "value", kind, year)
    if _YEARISH.search(label) or years:
        return Column(index, text, "invalid_year")
    field_name = _FIELD_OF.get(key) or _FIELD_OF.get(re.sub(r"[(（].*?[)）]", "", key))
    if field_name in ("baseline", "target", "midterm_target"):
        default = {"baseline": PLAN_BASE_YEAR, "target": PLAN_TARGET_YEAR, "midterm_target": MIDTERM_YEAR}
        return Column(index, text, "value", field_name, default[field_name])
    return Column(index, text, field_name or "unknown")


_TYPE_OF = np.frompyfunc(type, 1, 1)


def _as_text(column: np.ndarray) -> np.ndarray:
    """A column as text; numbers in text columns (codes, years) become their written form."""
    types = _TYPE_OF(column)
    if (types == str).all():
        return column
    return np.array([v if type(v) is str else _header_text(v) for v in column], dtype=object)


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
    """A second header line holds labels such as "2022年实际值", never numbers."""
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in raw):
        return False
    return any(classify_label(c).field == "value" for c in children if c)


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


def _read_table(sheet: SheetGrid, header: Header, file: str, region: str | None, problems) -> pd.DataFrame | None:
    cols = {c.field: c for c in header.columns if c.field not in ("value", "unknown", "invalid_year")}
    values = [c for c in header.columns if c.field == "value"]
    _report_header_problems(sheet, header, file, problems)
    if not values:  # every year label was mistyped: reported above, nothing to read
        return None

    start = header.row + header.height
    body = sheet.rows[start:]
    if not body:
        problems.append(Problem("warning", file, "表头下方没有数据行", sheet=sheet.name))
        return None
    width = len(sheet.rows[0])
    grid = np.array(body, dtype=object)
    if grid.ndim != 2:  # ragged rows (hand-made CSV): pad to the sheet's width
        grid = np.array([list(r) + [""] * (width - len(r)) for r in body], dtype=object)
    _fill_vertical_merges(sheet, grid, start)

    def text_col(name):
        if name not in cols:
            return np.full(len(body), "", dtype=object)
        return _as_text(grid[:, cols[name].index])

    names_raw = text_col("name")
    has_value = np.zeros(len(body), dtype=bool)
    numeric = {}
    for col in values:
        types = _TYPE_OF(grid[:, col.index])
        is_num = (types == float) | (types == int)
        is_text = types == str
        is_text[is_text] = [bool(v.strip()) for v in grid[is_text, col.index]]
        numeric[col.index] = (is_num, is_text)
        has_value |= is_num | is_text

    # Classify rows: indicator rows have a name; the rest are sections, footnotes or blanks.
    name_norm = _normalize_unique(names_raw)
    is_indicator = name_norm != ""
    area_of_section = np.full(len(body), None, dtype=object)
    title_text = " ".join(_header_text(v) for row in sheet.rows[: header.row] for v in row if v != "")
    for i in np.flatnonzero(~has_value):
        first = next((_header_text(v) for v in grid[i] if _header_text(v).strip()), "")
        text = normalize_text(first)
        if not text:
            continue
        if _is_footnote(text):
            is_indicator[i] = False
            continue
        if any(p.match(text) for p in _SECTION) or _is_merged_across(sheet, start + i):
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
        problems.append(Problem("warning", file, "表头下方没有指标行", sheet=sheet.name))
        return None

    # Row-level metadata.
    area = pd.Series(area_of_section).ffill().to_numpy()
    if "area" in cols:
        own = _normalize_unique(text_col("area"))
        area = np.where(own != "", own, area)
    area = np.where(pd.isna(area), "", area)
    region_values = _regions(text_col("region") if "region" in cols else None, title_text, file, region, len(body))

    meta = _object_frame(
        {
            "name": name_norm,
            "name_en": [" ".join(t.split()) for t in text_col("name_en")],
            "unit": _normalize_unique(text_col("unit")),
            "area": area,
            "region": region_values,
            "indicator_type": _normalize_unique(text_col("indicator_type")),
            "direction_raw": _normalize_unique(text_col("direction")),
            "comparator_raw": _normalize_unique(text_col("comparator")),
            "claim": text_col("claim"),
            "source": text_col("source"),
            "note": text_col("note"),
            "id_raw": text_col("indicator_id"),
            "row": np.arange(len(body)) + sheet.row0 + start,
        }
    ).iloc[rows]
    meta["row"] = meta["row"].astype(np.int64)
    meta["name"] = meta["name"].map({n: _strip_numbering(n) for n in meta["name"].unique()})
    meta["indicator_id"] = _indicator_ids(meta, file, sheet, cols, problems)
    meta["direction"] = _directions(meta, file, sheet, cols, problems)

    hidden = sorted(r for r in meta["row"] if r in sheet.hidden_rows)
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
        problems.append(Problem("warning", file, "表中没有“单位”列，图表将不显示单位", sheet=sheet.name))

    frame = _tidy_values(sheet, grid, rows, meta, values, numeric, file, problems)
    frame["file"] = file
    frame["sheet"] = sheet.name
    return frame


def _report_lost_formulas(sheet: SheetGrid, header: Header, start: int, file: str, problems) -> None:
    """A formula saved without its result reads as empty (a value lost, or a name): say so, at the cell."""
    kinds = {c.index + sheet.col0: c.field for c in header.columns if c.field not in ("unknown", "invalid_year")}
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
    for col in header.columns:
        cell = sheet.cell(header.row + header.height - 1, col.index)
        if col.field == "invalid_year":
            problems.append(
                Problem(
                    "error",
                    file,
                    f"列标题“{col.label}”中的年份无法识别",
                    "2000–2035 之间的四位年份，如“2022年”“2022年实际值”",
                    "改正列标题中的年份",
                    sheet.name,
                    cell,
                )
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


def _is_merged_across(sheet: SheetGrid, row: int) -> bool:
    return any(r0 == row and c1 - c0 >= 2 for r0, c0, r1, c1 in sheet.merged)


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
    series = pd.Series(texts, dtype=object)
    uniques = series.unique()
    mapping = {u: normalize_text(u) if isinstance(u, str) else "" for u in uniques}
    return series.map(mapping).to_numpy(dtype=object)


def _regions(column, title_text: str, file: str, region: str | None, rows: int):
    """Each row's region: its own region cell, else the file's region, else the place in the title."""
    default = region or _region_from_title(title_text) or Path(file).stem
    if column is None:
        return np.full(rows, default, dtype=object)
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
    ids, known = [], {}
    for raw, name, row in zip(meta["id_raw"].to_numpy(), meta["name"].to_numpy(), meta["row"].to_numpy()):
        if (raw, name) in known:  # names repeat once per region
            ids.append(known[raw, name])
            continue
        key, raw = (raw, name), normalize_text(raw)
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
        known[key] = ids[-1]
    return ids


def stable_id(name: str) -> str:
    """Same name (after normalisation) → same id, in every file and on every run."""
    digest = hashlib.sha1(normalize_text(name).encode("utf-8")).hexdigest()[:10]
    return f"ind_{digest}"


def _directions(meta, file, sheet, cols, problems) -> list[str]:
    directions = []
    for raw, row in zip(meta["direction_raw"].to_numpy(), meta["row"].to_numpy()):
        if not raw:
            directions.append("")  # decided later from the target's comparator
            continue
        direction = _DIRECTION_OF.get(raw.lower())
        if direction is None:
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
            direction = ""
        directions.append(direction)
    return directions


def _tidy_values(sheet, grid, rows, meta, values: list[Column], masks, file, problems) -> pd.DataFrame:
    """One tidy row per indicator row and value column: numbers taken as they are, text parsed."""
    n = len(rows)
    abs_rows = meta["row"].to_numpy()
    units = meta["unit"].to_numpy()
    percent_unit = meta["unit"].map({u: is_percent_unit(u) for u in meta["unit"].unique()}).to_numpy(dtype=bool)
    matrix = np.full((len(values), n), np.nan)
    comparators = np.full((len(values), n), "", dtype=object)
    cells = []
    row_text = (meta["row"] + 1).astype(str).to_numpy(dtype=object)
    for m, col in enumerate(values):
        letter = column_letter(col.index + sheet.col0)
        cells.append(letter + row_text)
        is_num, is_text = masks[col.index][0][rows], masks[col.index][1][rows]
        raw = grid[rows, col.index]
        matrix[m, is_num] = raw[is_num].astype(float)
        # Percentage-formatted numbers show ×100 on screen; the indicator's value is what is shown.
        shown = sheet.percent_cells.get(col.index + sheet.col0)
        if shown is not None:
            scale = is_num & percent_unit & np.isin(abs_rows, shown)
            matrix[m, scale] = np.round(matrix[m, scale] * 100, 10)
        text_at = np.flatnonzero(is_text)
        quick = _quick_numbers(raw[text_at])
        done = ~np.isnan(quick[0])
        matrix[m, text_at[done]], comparators[m, text_at[done]] = quick[0][done], quick[1][done]
        for k in text_at[~done]:
            cell = parse_text(raw[k])
            if cell.status == "number" and (not cell.unit or cell.unit == units[k] or (cell.unit == "%" and percent_unit[k])):
                matrix[m, k], comparators[m, k] = cell.value, cell.comparator
            elif cell.status != "missing":
                problems.append(_cell_problem(cell, raw[k], units[k], meta["name"].iat[k], col, sheet, f"{letter}{abs_rows[k] + 1}", file))
        if col.kind not in ("target", "midterm_target"):
            comparators[m, :] = ""

    goals = [m for m, c in enumerate(values) if c.kind in ("target", "midterm_target")]
    meta["direction"] = _settle_targets(meta, matrix, comparators, goals, [cells[m] for m in goals], sheet, file, problems)
    columns = ["indicator_id", "region", "area", "name", "name_en", "unit", "direction", "indicator_type", "claim", "source", "note"]
    # Indicator-level text repeats once per value column: tile category codes, not 10⁵ string objects.
    data = {c: _tile_categorical(meta[c].to_numpy(dtype=object), len(values)) for c in columns}
    data["year"] = np.repeat([c.year for c in values], n)
    data["kind"] = np.repeat([c.kind for c in values], n).astype(object)
    data["value"] = matrix.ravel()
    data["comparator"] = comparators.ravel()
    data["cell"] = np.concatenate(cells)
    frame = _object_frame(data)
    frame["value"] = frame["value"].astype(float)
    return frame


def _tile_categorical(values: np.ndarray, times: int) -> pd.Categorical:
    codes, categories = pd.factorize(values)
    return pd.Categorical.from_codes(np.tile(codes, times), categories=pd.Index(categories, dtype=object))


def _object_frame(columns: dict) -> pd.DataFrame:
    """A frame whose text columns stay plain Python objects (no string-dtype inference: 10× faster here)."""
    return pd.DataFrame(
        {name: values if isinstance(values, pd.Categorical) else pd.Series(values, dtype=object) for name, values in columns.items()}
    )


# What a comparator word alone means (a 目标比较符 column), from the cell parser's own table.
_COMPARATOR_OF = {**dict(COMPARATOR_PREFIXES), "==": "=="}
# The commonest target forms, parsed without the general parser's per-cell cost.
_QUICK_WORDS = ("≥", ">=", ">", "≤", "<=", "<", "超")
_QUICK = re.compile(r"^\s*(" + "|".join(map(re.escape, sorted(_QUICK_WORDS, key=len, reverse=True))) + r")?\s*(-?\d+(?:\.\d+)?)\s*$")
_QUICK_COMPARATOR = {None: "", **{w: _COMPARATOR_OF[w] for w in _QUICK_WORDS}}


def _quick_numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The commonest text forms ("≥80", "3.5") in one pass; NaN where cells.parse_text must decide."""
    values = np.full(len(texts), np.nan)
    comparators = np.full(len(texts), "", dtype=object)
    for k, text in enumerate(texts):
        match = _QUICK.match(text)
        if match:
            values[k] = float(match.group(2))
            comparators[k] = _QUICK_COMPARATOR[match.group(1)]
    return values, comparators


def _cell_problem(cell, raw, unit, name, col, sheet, ref, file) -> Problem:
    """Why a text cell is not a value: not a number at all, or a number in another unit."""
    if cell.status == "invalid":
        return Problem(
            "error",
            file,
            f"“{raw}”不是数值（指标“{name}”，{col.label}）",
            "数字，如 97.4、97.4%、≥80、超4；没有数据时填“—”或留空",
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


def _settle_targets(meta, matrix, comparators, goals, cells, sheet, file, problems) -> np.ndarray:
    """Comparators and directions complete each other; a target against its direction is an error.

    A target's comparator is the one written in its cell ("≥80", "超4"), else the comparator column,
    else the direction's (≥ when higher is better). The direction is the one written, else the one
    a target implies ("≤0" means lower is better), else higher.
    """
    words = meta["comparator_raw"]
    written = words.map({t: _comparator_word(t) for t in words.unique()}).to_numpy(dtype=object)
    direction = meta["direction"].to_numpy(dtype=object)
    implied_lower = np.zeros(len(direction), dtype=bool)
    for m in goals:
        comparators[m] = np.where(comparators[m] == "", written, comparators[m])
        implied_lower |= np.isin(comparators[m], ["<", "<="]) & ~np.isnan(matrix[m])
    direction = np.where(direction != "", direction, np.where(implied_lower, "lower", "higher")).astype(object)
    lower = direction == "lower"
    names = meta["name"].to_numpy()
    for m, refs in zip(goals, cells):
        present = ~np.isnan(matrix[m])
        comparators[m] = np.where(comparators[m] == "", np.where(lower, "<=", ">="), comparators[m])
        comparators[m, ~present] = ""
        against = present & ((~lower & np.isin(comparators[m], ["<", "<="])) | (lower & np.isin(comparators[m], [">", ">="])))
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
    repeated = pd.Series(key[has_value]).duplicated(keep=False).to_numpy()
    drop = []
    if repeated.any():
        dup = frame[has_value][repeated]
        for _, group in dup.groupby(keys, sort=False):
            drop.extend(_duplicate_problem(group, problems))
    # An empty cell is not a second value: drop blanks where the same key has a number elsewhere.
    blank = np.zeros(len(frame), dtype=bool)
    if pd.Series(key).duplicated().any():
        blank = ~has_value & np.isin(key, key[has_value])
    if drop or blank.any():
        keep = ~blank
        keep[frame.index.get_indexer(drop)] = False
        frame = frame[keep]
    return frame[TIDY_COLUMNS].reset_index(drop=True)


def _row_keys(frame: pd.DataFrame) -> np.ndarray:
    """One integer per (indicator, region, year, kind): comparing integers is fast at national scale."""
    ids = pd.factorize(frame["indicator_id"])[0].astype(np.int64)
    regions = pd.factorize(frame["region"])[0].astype(np.int64)
    years = frame["year"].fillna(0).to_numpy(dtype=np.int64) % 4096
    kinds = pd.factorize(frame["kind"])[0].astype(np.int64)
    return ((ids * (regions.max() + 1) + regions) * 4096 + years) * len(VALUE_KINDS) + kinds


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
    frame["year"] = frame["year"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


SUPPORTING_SHEET = "补充数据"
SUPPORTING_COLUMNS = {"事项": "item", "数值": "value", "单位": "unit", "限定": "qualifier", "年份": "year", "所属方面": "topic", "报告原文": "source"}


def load_supporting_figures(path=None) -> pd.DataFrame:
    """The report's other figures (执业药师 410 / 406 …) from a workbook's 补充数据 sheet (empty if none)."""
    problems: list[Problem] = []
    workbook = open_workbook(path or BUNDLED_WORKBOOK, problems)
    if workbook is None:
        raise InputError(problems)
    sheet = next((s for s in workbook.sheets if s.name == SUPPORTING_SHEET), None)
    if sheet is None:  # other cities' workbooks have no such sheet: nothing to add
        return pd.DataFrame(columns=list(SUPPORTING_COLUMNS.values()))
    header = next(i for i, row in enumerate(sheet.rows) if "事项" in row)
    frame = pd.DataFrame(sheet.rows[header + 1 :], columns=sheet.rows[header]).rename(columns=SUPPORTING_COLUMNS)
    frame = frame[frame["item"] != ""].copy()
    frame["value"] = frame["value"].astype(float)
    frame["year"] = frame["year"].astype(int)
    return frame.reset_index(drop=True)
