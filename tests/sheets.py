"""Building small workbooks for tests, cell by cell, as analysts' tools would write them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def write_workbook(path, sheets: dict, merges: dict | None = None, formats: dict | None = None, hidden_rows=None, text_cells=None) -> Path:
    """sheets: {sheet name: list of rows}; merges: {sheet: ["A1:C1", …]}; formats: {sheet: {"D5": "0.0%"}}.

    text_cells: {sheet: {"B5": "=1+1"}} stores text that looks like a formula as text, as Excel does
    for a cell typed with a leading apostrophe.
    """
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
        for ref, text in (text_cells or {}).get(name, {}).items():
            ws[ref].value = text
            ws[ref].data_type = "s"
    wb.save(path)
    return Path(path)


def row(frame, name, kind, year=None):
    """The one tidy row of an indicator (by name) of a kind (and year); fails showing what is there."""
    rows = frame[(frame["name"] == name) & (frame["kind"] == kind)]
    if year is not None:
        rows = rows[rows["year"] == year]
    assert len(rows) == 1, rows[["name", "kind", "year", "value"]]
    return rows.iloc[0]


def kinds_by_year(frame, name):
    """[(year, kind), …] of an indicator: how its columns were read."""
    part = frame[frame["name"] == name]
    return sorted((int(y), k) for y, k in zip(part["year"], part["kind"]))
