"""Building small workbooks for tests, cell by cell, as analysts' tools would write them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def write_workbook(path, sheets: dict, merges: dict | None = None, formats: dict | None = None, hidden_rows=None) -> Path:
    """sheets: {sheet name: list of rows}; merges: {sheet: ["A1:C1", …]}; formats: {sheet: {"D5": "0.0%"}}."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for ref, fmt in (formats or {}).get(name, {}).items():
            ws[ref].number_format = fmt
        for r in (hidden_rows or {}).get(name, []):
            ws.row_dimensions[r].hidden = True
    wb.save(path)
    return Path(path)
