"""The pack's tables/ folder: the gap table as CSV, xlsx and Markdown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.write.csvfile import write_csv
from analysis.write.markdown import write_markdown
from analysis.write.xlsx import write_xlsx


def write_gap_table(table: pd.DataFrame, out_dir, **kw) -> dict[str, Path]:
    """Write gap_table.csv, gap_table.xlsx and gap_table.md into out_dir; keywords go to write_xlsx."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "csv": write_csv(table, out / "gap_table.csv"),
        "xlsx": write_xlsx(table, out / "gap_table.xlsx", **kw),
        "md": write_markdown(table, out / "gap_table.md"),
    }
