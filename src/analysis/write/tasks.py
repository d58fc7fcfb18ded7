"""The key-task ledger as files: tables/tasks.csv (UTF-8 with BOM) and tasks.xlsx."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from analysis.assess.ledger import status_counts
from analysis.read.tasks import TASK_COLUMNS, TASK_HEADERS_ZH
from analysis.write.safeio import atomic_write, inert_text, save_workbook

EXPORT_COLUMNS = TASK_COLUMNS + ["due_text", "status_text", "source"]


def ledger_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The ledger as written to tables/tasks.csv: the contract columns, dates as YYYY-MM-DD."""
    out = tasks.reindex(columns=EXPORT_COLUMNS).copy()
    out["due"] = [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in out["due"]]
    out["overdue"] = out["overdue"].map({True: "是", False: "否"})
    out["file"] = [Path(f).name for f in out["file"]]
    return out


def write_tasks(tasks: pd.DataFrame, out_dir) -> list[Path]:
    """tables/tasks.csv (UTF-8 with BOM) and tasks.xlsx into `out_dir`, atomically and deterministically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = ledger_table(tasks)
    csv_path, xlsx_path = out / "tasks.csv", out / "tasks.xlsx"
    text = frame.map(inert_text).to_csv(index=False, lineterminator="\n")
    with atomic_write(csv_path, "w", encoding="utf-8-sig") as handle:
        handle.write(text)
    wb = Workbook()
    ws = wb.active
    ws.title = "重点任务台账"
    ws.append([TASK_HEADERS_ZH[c] for c in frame.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in frame.itertuples(index=False):
        ws.append([inert_text(v) for v in row])
        for cell in ws[ws.max_row]:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHIJKLM", [14, 30, 16, 12, 10, 40, 8, 20, 12, 8, 14, 20, 50]):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C2"
    sheet2 = wb.create_sheet("按状态统计")
    counts = status_counts(tasks)
    sheet2.append(list(counts.columns))
    for row in counts.itertuples(index=False):
        sheet2.append(list(row))
    wb.properties.creator = "indicator-gap"
    save_workbook(wb, xlsx_path)
    return [csv_path, xlsx_path]
