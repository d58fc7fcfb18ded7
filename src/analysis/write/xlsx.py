"""The gap table as a styled Excel workbook: 目标差距表 and 说明 (columns, method, legend, sources).

Written atomically and byte-identically for the same table; no text from the input can become a formula."""

from __future__ import annotations

import math
from copy import copy
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.assess.rows import clean_value, indicator_places, records
from analysis.metadata.fields import DIRECTION_ZH, GAP_COLUMNS, GAP_FIELD, GAP_HEADERS_ZH, TARGET_TYPE_ZH, gap_columns
from analysis.metadata.statuses import PHASE_ZH, STATUS, STATUSES
from analysis.rules import textsafe
from analysis.rules.numbers import to_decimal
from analysis.rules.targets import COMPARATOR_SIGN, COMPARATOR_ZH
from analysis.words.method import METHOD_TEXT_ZH, method_text_zh
from analysis.words.overview import WARNING_STATUSES
from analysis.write.display import PCT_COLUMNS, VALUE_COLUMNS, YEAR_COLUMNS, display, text_width
from analysis.write.safeio import save_workbook

STATUS_COLUMNS = ("status", "status_label")


TABLE_SHEET = "目标差距表"


NOTES_SHEET = "说明"


PRINT_SHEET = "打印表"


# Values in the indicator's unit shown at its own decimals (the projection 20.8492593352 reads 20.8), ratios at theirs.
SHEET_VALUE_COLUMNS = gap_columns("value")
RATIO_COLUMNS = gap_columns("ratio")


WRITE_ONLY_ROWS = 10_000  # past this many rows the workbook is streamed (write-only mode)
# Past this many rows (a province of many counties, the nation: 84,000) the 31-column 目标差距表 is left to
# gap_table.csv beside the workbook: the same rows twice were 36 MB of a 50 MB pack and most of the xlsx time.
CSV_ONLY_ROWS = 10_000


# Codes a reader sees as words in the sheets (the CSV keeps the codes; 状态代码 stays a code, for filtering).
CODE_WORDS = {"comparator": COMPARATOR_SIGN, "direction": DIRECTION_ZH, "phase": PHASE_ZH, "target_type": TARGET_TYPE_ZH}


GRID_SHEET = "地区×指标"


# The columns a reader of the printed table needs (地区 first when several regions), in this order.
PRINT_COLUMNS = ("region", "area", "name", "unit", "year", "actual", "target", "gap", "completion_pct", "status_label")
PRINT_FONT_PT = 10  # fit to width stays at 100 % for these widths: the printed text is 10 pt
PRINT_MAX_WIDTH = {"name": 30, "area": 14, "region": 12}


# Status fills: blues for good news, oranges for bad (safe for red-green colour blindness), and
# lightness falling with severity so the order survives grayscale printing. Dark fills get white text.
HEADER_FILL = "D9E1F2"


def put(cell, value) -> None:
    """The only way a value reaches a cell: strings are forced to string cells, never formulas."""
    value = clean_value(value)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", textsafe.clean(value))  # control characters make openpyxl refuse the file
        cell.data_type = "s"  # openpyxl turns "=…" into a formula and "#N/A" into an error otherwise
    elif isinstance(value, float):
        cell.value = float(to_decimal(value))  # a copied cell gives 0.41, not 0.41000000000000014
    else:
        cell.value = value


def _number_format(column: str, places: int) -> str | None:
    if column in YEAR_COLUMNS:
        return "0"
    if column in PCT_COLUMNS:
        return "0.0"
    if column in VALUE_COLUMNS or column in SHEET_VALUE_COLUMNS:
        return "#,##0" + ("." + "0" * places if places else "")
    if column in RATIO_COLUMNS:
        return "0." + "0" * (GAP_FIELD[column].decimals or 2)
    return None


class _Out:
    """Cells written row by row, in order: ws.cell in a normal workbook, WriteOnlyCell rows appended in
    write-only mode (a national table of 84,000 rows would otherwise hold 2.6 million cell objects)."""

    def __init__(self, ws, write_only: bool):
        self.ws, self.write_only, self.pending, self.row = ws, write_only, [], 0

    def cell(self, row: int, column: int):
        if not self.write_only:
            return self.ws.cell(row=row, column=column)
        if row != self.row:
            self.flush()
            for _ in range(row - self.row - 1):  # blank rows keep their numbers
                self.ws.append([])
            self.row = row
        assert column == len(self.pending) + 1, "write-only cells come left to right"
        cell = WriteOnlyCell(self.ws)
        self.pending.append(cell)
        return cell

    def flush(self) -> None:
        if self.pending:
            self.ws.append(self.pending)
            self.pending = []


class _Styles:
    """Each combination of styles applied once, then its style array copied: openpyxl hashes every Font, Fill and
    Alignment assigned to a cell, which was most of the time of an 84,000-row table."""

    def __init__(self):
        self.arrays: dict = {}

    def apply(self, cell, key, style) -> None:
        array = self.arrays.get(key)
        if array is None:
            style(cell)
            self.arrays[key] = copy(cell._style)
        else:
            cell._style = copy(array)


def _header(out: _Out, headers: list[str], row: int = 1) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    line = Border(bottom=Side(style="thin", color="808080"))
    for j, text in enumerate(headers, start=1):
        cell = out.cell(row, j)
        put(cell, text)
        cell.font, cell.fill, cell.border = bold, fill, line
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def style_status(cell, status) -> None:
    """Colour a status cell by its code; the Chinese label stays in the cell, so colour is never the only cue."""
    if status not in STATUS:
        return
    style = STATUS[status].style
    cell.fill = PatternFill("solid", fgColor=style.fill_hex)
    cell.font = Font(color=style.text_hex, bold=status in WARNING_STATUSES)
    cell.alignment = Alignment(horizontal="center")


def _shown(c: str, r: dict):
    """The cell's value: codes as words, flags as 是 / 否 (not TRUE / FALSE)."""
    if isinstance(r[c], bool):
        return display(c, r[c], 0)
    return CODE_WORDS[c].get(r[c], r[c]) if c in CODE_WORDS else r[c]


def _set_widths(ws, columns, rows: list[dict], per: dict, value_of, limits: dict, default: int = 50) -> None:
    """Column widths from the longest shown text (set before any row: write-only mode needs them first)."""
    widths = {c: text_width(GAP_HEADERS_ZH[c]) for c in columns}
    for r in rows:
        places = per[r["indicator_id"]]
        for c in columns:
            shown = value_of(c, r, places)
            widths[c] = max(widths[c], text_width(str(shown if shown is not None else "")))
    for j, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(widths[c] + 2, 6), limits.get(c, default))


def _write_table_sheet(ws, rows: list[dict], write_only: bool = False) -> None:
    per = indicator_places(rows)
    _set_widths(ws, GAP_COLUMNS, rows, per, lambda c, r, places: display(c, r[c], places), {})
    ws.freeze_panes = get_column_letter(GAP_COLUMNS.index("name") + 2) + "2"  # header row and id…name stay put
    # Printing: this sheet is for analysis (31 columns would print at about 4 pt on one page width); it prints
    # landscape at full size on as many pages as it needs, the header row repeated. The 打印表 is the one to print.
    _print_setup(ws, fit_width=False)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(GAP_COLUMNS))}{len(rows) + 1}"
    out = _Out(ws, write_only)
    _header(out, [GAP_HEADERS_ZH[c] for c in GAP_COLUMNS])
    styles = _Styles()
    for i, r in enumerate(rows, start=2):
        places = per[r["indicator_id"]]
        for j, c in enumerate(GAP_COLUMNS, start=1):
            cell = out.cell(i, j)
            put(cell, _shown(c, r))
            fmt = _number_format(c, places) if isinstance(r[c], (int, float)) else None
            status = r["status"] if c in STATUS_COLUMNS else None
            if fmt or status:
                styles.apply(cell, (fmt, status), lambda cell, fmt=fmt, status=status: _style_table_cell(cell, fmt, status))
    out.flush()


def _style_table_cell(cell, fmt: str | None, status) -> None:
    if fmt:
        cell.number_format = fmt
    if status:
        style_status(cell, status)


def _print_setup(ws, title_rows: str | None = "1:1", fit_width: bool = True) -> None:
    """A4 landscape, all columns on one page width (as many pages down as needed), the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1 if fit_width else 0
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = fit_width
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _is_number(text: str, value) -> bool:
    """"3.5" written for the target 3.5: a bare number, shown with its sign like any other."""
    try:
        return value is not None and float(text.strip()) == value
    except ValueError:
        return False


def _print_target(r: dict, places: int):
    """The target as a reader writes it: the plan's text, else ≥ / ≤ and the value (never the code ">="); a bare
    number stays a number."""
    written = r.get("target_text")
    if isinstance(written, str) and written.strip() and not _is_number(written, r.get("target")):
        return written.strip()
    if r.get("target") is None:
        return None
    sign = COMPARATOR_SIGN.get(r.get("comparator") or "", "")
    return sign + display("target", r["target"], places) if sign else r["target"]


def _print_value(c: str, r: dict, places: int):
    return _print_target(r, places) if c == "target" else r[c]


def csv_only_note(rows: int) -> str:
    """What a workbook past CSV_ONLY_ROWS rows leaves out, and where it is (the top of 打印表 and 说明 say it)."""
    return (f"本表共{rows}行（超过{CSV_ONLY_ROWS}行），含全部分析列的“{TABLE_SHEET}”不写入本工作簿，"
            f"见同一文件夹的 gap_table.csv（UTF-8，可用Excel打开）；本工作簿保留{PRINT_SHEET}、{GRID_SHEET}和{NOTES_SHEET}。")


def _write_print_sheet(ws, rows: list[dict], several: bool, write_only: bool = False, note: str | None = None) -> None:
    """The printable table: Chinese headers, the columns a reader needs, statuses as words, readable when printed;
    `note` (the full table left to the CSV) in a cell above the header row."""
    columns = [c for c in PRINT_COLUMNS if several or c != "region"]
    per = indicator_places(rows)
    _set_widths(ws, columns, rows, per,
                lambda c, r, places: _print_value(c, r, places) if c == "target" else display(c, r[c], places),
                PRINT_MAX_WIDTH, 24)
    top = 2 if note else 1  # the header row
    ws.freeze_panes = f"A{top + 1}"
    _print_setup(ws, f"{top}:{top}")
    out = _Out(ws, write_only)
    if note:
        cell = out.cell(1, 1)
        put(cell, note)
        cell.font = Font(bold=True, size=PRINT_FONT_PT)  # runs on over the empty cells to its right
    _header(out, [GAP_HEADERS_ZH[c] for c in columns], top)
    styles = _Styles()
    for i, r in enumerate(rows, start=top + 1):
        places = per[r["indicator_id"]]
        for j, c in enumerate(columns, start=1):
            cell = out.cell(i, j)
            value = _print_value(c, r, places)
            put(cell, value)
            fmt = _number_format(c, places) if isinstance(value, (int, float)) else None
            status = r["status"] if c == "status_label" and r["status"] in STATUS else None
            styles.apply(cell, (c, fmt, status), lambda cell, c=c, fmt=fmt, status=status: _style_print_cell(cell, c, fmt, status))
    out.flush()


def _style_print_cell(cell, column: str, fmt: str | None, status) -> None:
    """10 pt; names wrap, targets right-aligned, statuses coloured as in the table."""
    cell.font = Font(size=PRINT_FONT_PT)
    if fmt:
        cell.number_format = fmt
    if column in PRINT_MAX_WIDTH:
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    else:
        cell.alignment = Alignment(horizontal="right" if column == "target" else None, vertical="center")
    if status:
        style_status(cell, status)
        cell.font = Font(size=PRINT_FONT_PT, color=STATUS[status].style.text_hex, bold=status in WARNING_STATUSES)


def _write_grid_sheet(ws, rows: list[dict], write_only: bool = False) -> None:
    """Regions as rows, indicators as columns, each cell the status in words (coloured as in the table)."""
    regions = list(dict.fromkeys(r["region"] for r in rows))
    indicators = list(dict.fromkeys(r["indicator_id"] for r in rows))
    names = {r["indicator_id"]: r["name"] for r in rows}
    ws.column_dimensions["A"].width = max(8, max(text_width(str(g)) for g in regions) + 2)
    for j in range(2, len(indicators) + 2):
        ws.column_dimensions[get_column_letter(j)].width = 14
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "B2"
    _print_setup(ws, fit_width=len(indicators) <= 20)
    ws.print_title_cols = "A:A"
    out = _Out(ws, write_only)
    _header(out, [GAP_HEADERS_ZH["region"]] + [names[ind] for ind in indicators])
    cells = {(r["region"], r["indicator_id"]): r for r in rows}
    styles = _Styles()
    for i, region in enumerate(regions, start=2):
        put(out.cell(i, 1), region)
        for j, ind in enumerate(indicators, start=2):
            cell = out.cell(i, j)
            r = cells.get((region, ind))
            if r is not None:
                put(cell, r["status_label"])
                styles.apply(cell, r["status"], lambda cell, status=r["status"]: style_status(cell, status))
    out.flush()


def _notes_rows(sources, method_text, note: str | None = None) -> list[tuple]:
    """The 说明 sheet as (kind, cells) rows: what the workbook leaves to the CSV (`note`), column notes, method,
    status legend, comparators, sources."""
    rows = [("title", ["目标差距表说明"])] + ([("para", [note])] if note else []) + [("blank", []), ("section", ["一、字段说明"])]
    rows.append(("header", ["列名", "字段代码", "含义"]))
    rows += [("row", [GAP_FIELD[c].header, c, GAP_FIELD[c].note]) for c in GAP_COLUMNS]
    rows += [("blank", []), ("section", ["二、计算方法"])]
    rows += [("para", [line]) for line in str(method_text or METHOD_TEXT_ZH).splitlines() if line.strip()]
    rows += [("blank", []), ("section", ["三、评估结论图例"]), ("header", ["评估结论", "状态代码", "含义"])]
    rows += [("status", [STATUS[s].label, s, STATUS[s].note]) for s in STATUSES]
    rows += [("blank", []), ("section", ["四、目标比较符"]), ("header", ["比较符", "含义"])]
    rows += [("row", [k, v]) for k, v in COMPARATOR_ZH.items()]
    if isinstance(sources, str):
        sources = [sources]
    rows += [("blank", []), ("section", ["五、资料来源"])]
    rows += [("para", [s]) for s in (sources or ["（未提供）"])]
    return rows


NOTES_WIDTHS = (18, 22, 80)


def _wrap(ws, row: int, text: str, width: int) -> None:
    """Excel does not always grow a row for wrapped text by itself: set the height."""
    lines = max(1, math.ceil(text_width(str(text)) / (width - 2)))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _write_notes_sheet(ws, sources, method_text, write_only: bool = False, note: str | None = None) -> None:
    for j, width in enumerate(NOTES_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    # Portrait A4, the three columns (120 characters) on one page width.
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    top = Alignment(wrap_text=True, vertical="top")
    out = _Out(ws, write_only)
    for i, (kind, cells) in enumerate(_notes_rows(sources, method_text, note), start=1):
        if len(cells) == 3:
            _wrap(ws, i, cells[2], NOTES_WIDTHS[2])  # before the row is written (write-only mode)
        for j, v in enumerate(cells, start=1):
            cell = out.cell(i, j)
            put(cell, v)
            if kind == "title":
                cell.font = Font(bold=True, size=14)
            elif kind == "section":
                cell.font = Font(bold=True, size=12)
            elif kind == "header":
                cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
            elif kind == "status" and j == 1:
                style_status(cell, cells[1])
            # Method and source lines are not wrapped: they run on over the empty cells to their right.
            # (Merging would wrap them, but openpyxl writes merged ranges in set order: bytes would vary.)
            if j == 3:
                cell.alignment = top
    out.flush()


def _first_sheet(wb: Workbook, title: str, write_only: bool):
    """The workbook's first sheet: a normal workbook starts with one (renamed), a write-only one with none."""
    if write_only:
        return wb.create_sheet(title)
    wb.active.title = title
    return wb.active


def build_workbook(table: pd.DataFrame, *, sources=None, method_text=None) -> Workbook:
    """The styled workbook: 目标差距表 (the full table, for analysis), 打印表 (what a reader prints), 地区×指标
    (with several regions) and 说明 (columns, method, legend, sources). Past WRITE_ONLY_ROWS rows the sheets
    are streamed (openpyxl's write-only mode): the same cells and styles, a fraction of the memory. Past
    CSV_ONLY_ROWS rows 目标差距表 is left to gap_table.csv (csv_only_note, at the top of 打印表 and on 说明)."""
    rows = records(table)
    write_only = len(rows) > WRITE_ONLY_ROWS
    note = csv_only_note(len(rows)) if len(rows) > CSV_ONLY_ROWS else None
    wb = Workbook(write_only=write_only)
    if not note:
        _write_table_sheet(_first_sheet(wb, TABLE_SHEET, write_only), rows, write_only)
    several = len({r["region"] for r in rows if r["region"]}) > 1
    printable = wb.create_sheet(PRINT_SHEET) if not note else _first_sheet(wb, PRINT_SHEET, write_only)
    _write_print_sheet(printable, rows, several, write_only, note)
    if several:
        _write_grid_sheet(wb.create_sheet(GRID_SHEET), rows, write_only)
    method_text = method_text or method_text_zh(**table.attrs.get("assess", {}))  # the method actually used
    _write_notes_sheet(wb.create_sheet(NOTES_SHEET), sources, method_text, write_only, note)
    wb.properties.creator = "indicator-gap"
    return wb


def write_xlsx(table: pd.DataFrame, path, *, sources=None, method_text=None) -> Path:
    """Write the styled workbook atomically, byte-identical for the same input."""
    return save_workbook(build_workbook(table, sources=sources, method_text=method_text), path)
