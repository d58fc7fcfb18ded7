"""The key-task ledger judged: tasks counted by status, overdue (逾期) and past-due-to-confirm tasks by lead unit,
the ledger's default as-of year."""

from __future__ import annotations

import pandas as pd

from analysis.read.tasks import EXTRA_COLUMNS, STATUSES, TASK_COLUMNS, read_tasks
from analysis.rules.dates import zh_date


# The date a task's status was reported (a ledger column, when the reader finds one): without it, nobody can say
# whether a task past its due date was finished late or is simply not yet reported.
STATUS_DATE = "status_date"


def past_due(tasks: pd.DataFrame) -> pd.Series:
    """Tasks not reported finished whose due date lies before the as-of date (the reader's `overdue` flag)."""
    return tasks["overdue"].astype(bool) if "overdue" in tasks else pd.Series(False, index=tasks.index)


def overdue(tasks: pd.DataFrame) -> pd.Series:
    """逾期: past due, and the status (not finished) was reported after the due date. A status reported before the
    due date ("预计2023年10月底前完成", written in spring) says nothing about the due date: those tasks are past due,
    to be confirmed (need_confirming), never 逾期."""
    if STATUS_DATE not in tasks or "due" not in tasks:
        return pd.Series(False, index=tasks.index)
    reported = pd.to_datetime(tasks[STATUS_DATE], errors="coerce")
    due = pd.to_datetime(tasks["due"], errors="coerce")
    return past_due(tasks) & reported.notna() & due.notna() & (reported > due)


def need_confirming(tasks: pd.DataFrame) -> pd.Series:
    """已过完成时限，完成情况需核实: past due, but no status reported after the due date."""
    return past_due(tasks) & ~overdue(tasks)


def status_counts(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks by status (the four statuses in order, then 未注明), with how many are overdue (逾期, confirmed)."""
    status = tasks["status"].replace("", "未注明")
    order = STATUSES + ["未注明"]
    counts = pd.DataFrame({"任务数": status.value_counts(), "逾期": status[overdue(tasks)].value_counts()})
    counts = counts.reindex([s for s in order if s in counts.index]).fillna(0).astype(int)
    counts.index.name = "完成状态"
    return counts.reset_index()


def overdue_by_lead(tasks: pd.DataFrame, which=overdue) -> pd.DataFrame:
    """Overdue tasks (逾期, confirmed) per lead unit: lead, count, the tasks with their due dates.
    `which=need_confirming`: the tasks past due whose completion is to be confirmed, the same way."""
    late = tasks[which(tasks)]
    rows = []
    # Most overdue first; ties in ledger order.
    for lead, part in late.groupby(late["lead"].replace("", "未注明牵头单位"), sort=False):
        items = "、".join(f"{r.task}（{zh_date(r.due)}到期）" for r in part.itertuples())
        rows.append({"牵头单位": lead, "逾期任务数": len(part), "逾期任务": items})
    rows.sort(key=lambda r: -r["逾期任务数"])
    return pd.DataFrame(rows, columns=["牵头单位", "逾期任务数", "逾期任务"])


def data_year(table: pd.DataFrame) -> int | None:
    """The latest data year of a gap table or tidy frame (its actual values): the ledger's default as-of year,
    so the same input gives the same overdue flags on any day."""
    if "kind" in table:
        table = table[table["kind"] == "actual"]
    years = pd.to_numeric(table["year"], errors="coerce").dropna() if "year" in table else pd.Series(dtype=float)
    return int(years.max()) if len(years) else None


def ledger_for_pack(frame: pd.DataFrame, table: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """The ledger in the workbooks the indicators came from, overdue as of `as_of` (a year or a date, e.g. the
    report's --as-of), by default the end of the table's latest year.

    (The pack is judged at the data year, so the same input gives the same pack on any day.)
    """
    files = [f for f in dict.fromkeys(frame["file"]) if isinstance(f, str) and f] if "file" in frame else []
    as_of = as_of if as_of not in (None, "") else data_year(table)
    frame_tasks, _ = read_tasks(files, as_of) if files else (pd.DataFrame(columns=TASK_COLUMNS + EXTRA_COLUMNS), [])
    return frame_tasks
