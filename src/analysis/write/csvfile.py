"""The gap table as CSV: UTF-8 with BOM (Excel on Windows reads the Chinese right), English contract headers."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from analysis.assess.rows import records
from analysis.metadata.fields import GAP_COLUMNS, gap_columns
from analysis.rules import textsafe
from analysis.rules.numbers import plain
from analysis.write.display import PCT_COLUMNS
from analysis.write.safeio import atomic_write, inert_text

RATIO_COLUMNS = gap_columns("ratio")


def _csv_cell(column: str, v) -> str:
    """Text made inert, numbers plain (pct to 2 decimals, ratios to 4), undefined as empty."""
    if v is None:
        return ""
    if isinstance(v, str):
        return inert_text(textsafe.clean(v))
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return plain(v, 2 if column in PCT_COLUMNS else 4 if column in RATIO_COLUMNS else None)


def write_csv(table: pd.DataFrame, path) -> Path:
    """Write the gap table as UTF-8-with-BOM CSV (Excel on Windows then reads the Chinese right)."""
    path = Path(path)
    rows = records(table)
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(GAP_COLUMNS)
        for r in rows:
            writer.writerow([_csv_cell(c, r[c]) for c in GAP_COLUMNS])
    return path
