"""The gap table as a styled Excel workbook: 目标差距表 and 说明 (columns, method, legend, sources).

Written atomically and byte-identically for the same table; no text from the input can become a formula."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from analysis.assess.rows import clean_value, indicator_places, records
from analysis.metadata.fields import DIRECTION_ZH, GAP_COLUMNS, GAP_FIELD, GAP_HEADERS_ZH, TARGET_TYPE_ZH
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
    if column in VALUE_COLUMNS:
        return "#,##0" + ("." + "0" * places if places else "")
    return None


def _style_header(ws) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    line = Border(bottom=Side(style="thin", color="808080"))
    for cell in ws[1]:
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


def _write_table_sheet(ws, rows: list[dict]) -> None:
    widths = {c: text_width(GAP_HEADERS_ZH[c]) for c in GAP_COLUMNS}
    for j, c in enumerate(GAP_COLUMNS, start=1):
        put(ws.cell(row=1, column=j), GAP_HEADERS_ZH[c])
    per = indicator_places(rows)
    for i, r in enumerate(rows, start=2):
        places = per[r["indicator_id"]]
        for j, c in enumerate(GAP_COLUMNS, start=1):
            cell = ws.cell(row=i, column=j)
            put(cell, CODE_WORDS[c].get(r[c], r[c]) if c in CODE_WORDS else r[c])
            fmt = _number_format(c, places)
            if fmt and isinstance(r[c], (int, float)):
                cell.number_format = fmt
            if c in STATUS_COLUMNS:
                style_status(cell, r["status"])
            widths[c] = max(widths[c], text_width(display(c, r[c], places)))
    _style_header(ws)
    for j, c in enumerate(GAP_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(widths[c] + 2, 6), 50)
    ws.freeze_panes = ws.cell(row=2, column=GAP_COLUMNS.index("name") + 2)  # header row and id…name stay put
    # Printing: this sheet is for analysis (31 columns would print at about 4 pt on one page width); it prints
    # landscape at full size on as many pages as it needs, the header row repeated. The 打印表 is the one to print.
    _print_setup(ws, fit_width=False)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(GAP_COLUMNS))}{len(rows) + 1}"


def _print_setup(ws, title_rows: str | None = "1:1", fit_width: bool = True) -> None:
    """A4 landscape, all columns on one page width (as many pages down as needed), the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1 if fit_width else 0
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = fit_width
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _print_target(r: dict, places: int):
    """The target as a reader writes it: the plan's text, else ≥ / ≤ and the value (never the code ">="); a bare
    number stays a number."""
    written = r.get("target_text")
    if isinstance(written, str) and written.strip():
        return written.strip()
    if r.get("target") is None:
        return None
    sign = COMPARATOR_SIGN.get(r.get("comparator") or "", "")
    return sign + display("target", r["target"], places) if sign else r["target"]


def _write_print_sheet(ws, rows: list[dict], several: bool) -> None:
    """The printable table: Chinese headers, the columns a reader needs, statuses as words, readable when printed."""
    columns = [c for c in PRINT_COLUMNS if several or c != "region"]
    font = Font(size=PRINT_FONT_PT)
    widths = {c: text_width(GAP_HEADERS_ZH[c]) for c in columns}
    for j, c in enumerate(columns, start=1):
        put(ws.cell(row=1, column=j), GAP_HEADERS_ZH[c])
    per = indicator_places(rows)
    wrap = Alignment(wrap_text=True, vertical="center")
    middle = Alignment(vertical="center")
    right = Alignment(horizontal="right", vertical="center")
    for i, r in enumerate(rows, start=2):
        places = per[r["indicator_id"]]
        for j, c in enumerate(columns, start=1):
            cell = ws.cell(row=i, column=j)
            value = _print_target(r, places) if c == "target" else r[c]
            put(cell, value)
            cell.font = font
            number = _number_format(c, places)
            if number and isinstance(value, (int, float)):
                cell.number_format = number
            cell.alignment = wrap if c in PRINT_MAX_WIDTH else (right if c == "target" else middle)
            if c == "status_label":
                style_status(cell, r["status"])
                cell.font = Font(size=PRINT_FONT_PT, color=cell.font.color, bold=cell.font.b)
            shown = value if c == "target" else display(c, r[c], places)
            widths[c] = max(widths[c], text_width(str(shown if shown is not None else "")))
    _style_header(ws)
    for j, c in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(widths[c] + 2, 6), PRINT_MAX_WIDTH.get(c, 24))
    ws.freeze_panes = "A2"
    _print_setup(ws)


def _write_grid_sheet(ws, rows: list[dict]) -> None:
    """Regions as rows, indicators as columns, each cell the status in words (coloured as in the table)."""
    regions = list(dict.fromkeys(r["region"] for r in rows))
    indicators = list(dict.fromkeys(r["indicator_id"] for r in rows))
    names = {r["indicator_id"]: r["name"] for r in rows}
    put(ws.cell(row=1, column=1), GAP_HEADERS_ZH["region"])
    for j, ind in enumerate(indicators, start=2):
        put(ws.cell(row=1, column=j), names[ind])
        ws.column_dimensions[get_column_letter(j)].width = 14
    ws.column_dimensions["A"].width = max(8, max(text_width(str(g)) for g in regions) + 2)
    cells = {(r["region"], r["indicator_id"]): r for r in rows}
    for i, region in enumerate(regions, start=2):
        put(ws.cell(row=i, column=1), region)
        for j, ind in enumerate(indicators, start=2):
            r = cells.get((region, ind))
            if r is not None:
                cell = ws.cell(row=i, column=j)
                put(cell, r["status_label"])
                style_status(cell, r["status"])
    _style_header(ws)
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "B2"
    _print_setup(ws, fit_width=len(indicators) <= 20)
    ws.print_title_cols = "A:A"


def _notes_rows(sources, method_text) -> list[tuple]:
    """The 说明 sheet as (kind, cells) rows: column notes, method, status legend, comparators, sources."""
    rows = [("title", ["目标差距表说明"]), ("blank", []), ("section", ["一、字段说明"])]
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


def _write_notes_sheet(ws, sources, method_text) -> None:
    top = Alignment(wrap_text=True, vertical="top")
    for i, (kind, cells) in enumerate(_notes_rows(sources, method_text), start=1):
        for j, v in enumerate(cells, start=1):
            cell = ws.cell(row=i, column=j)
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
        if len(cells) == 3:
            ws.cell(row=i, column=3).alignment = top
            _wrap(ws, i, cells[2], NOTES_WIDTHS[2])
    for j, width in enumerate(NOTES_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    # Portrait A4, the three columns (120 characters) on one page width.
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5


def build_workbook(table: pd.DataFrame, *, sources=None, method_text=None) -> Workbook:
    """The styled workbook: 目标差距表 (the full table, for analysis), 打印表 (what a reader prints), 地区×指标
    (with several regions) and 说明 (columns, method, legend, sources)."""
    wb = Workbook()
    ws = wb.active
    ws.title = TABLE_SHEET
    rows = records(table)
    _write_table_sheet(ws, rows)
    several = len({r["region"] for r in rows if r["region"]}) > 1
    _write_print_sheet(wb.create_sheet(PRINT_SHEET), rows, several)
    if several:
        _write_grid_sheet(wb.create_sheet(GRID_SHEET), rows)
    method_text = method_text or method_text_zh(**table.attrs.get("assess", {}))  # the method actually used
    _write_notes_sheet(wb.create_sheet(NOTES_SHEET), sources, method_text)
    wb.properties.creator = "indicator-gap"
    return wb


def write_xlsx(table: pd.DataFrame, path, *, sources=None, method_text=None) -> Path:
    """Write the styled workbook atomically, byte-identical for the same input."""
    return save_workbook(build_workbook(table, sources=sources, method_text=method_text), path)
