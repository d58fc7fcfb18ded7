"""The key-task ledger in sentences (summary.md, the Word draft, notebook 06)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.assess.ledger import need_confirming, overdue_by_lead, status_counts
from analysis.rules.dates import zh_date
from analysis.rules.textsafe import md_text


def ledger_sentences(tasks: pd.DataFrame) -> list[str]:
    """The ledger in a few sentences: counts by status, then overdue tasks by lead unit."""
    if tasks.empty:
        return ["台账中没有任务。"]
    as_of = tasks.attrs.get("as_of", "")
    day = f"截至{zh_date(dt.date.fromisoformat(as_of))}" if as_of else ""
    counts = status_counts(tasks)
    parts = "、".join(f"{r['完成状态']}{r['任务数']}项" for _, r in counts.iterrows())
    lines = [f"重点任务台账共{len(tasks)}项任务，其中{parts}。"]
    late, unsure = overdue_by_lead(tasks), overdue_by_lead(tasks, need_confirming)
    lead = day + "，" if day else ""
    if late.empty and unsure.empty:
        lines.append(f"{lead}没有已过完成时限而未报完成的任务。")
    if not late.empty:
        lines.append(f"{lead}逾期未完成{int(late['逾期任务数'].sum())}项（报送时已过完成时限）。{_by_lead(late)}。")
    if not unsure.empty:
        # The status was reported before the due date (or undated): the ledger cannot know whether it was met.
        lines.append(f"{lead}已过完成时限、完成情况需核实的有{int(unsure['逾期任务数'].sum())}项。{_by_lead(unsure)}。")
    no_due = int(tasks["due"].isna().sum())
    if no_due:
        lines.append(f"{no_due}项任务未载明完成时限（或为长期任务），不判断是否逾期。")
    return lines


def _by_lead(late: pd.DataFrame) -> str:
    return "；".join(f"{r['牵头单位']}{r['逾期任务数']}项：{r['逾期任务']}" for _, r in late.iterrows())


def ledger_markdown(tasks: pd.DataFrame) -> str:
    """The ledger's section of summary.md."""
    lines = ["## 重点任务推进情况", ""]
    for line in ledger_sentences(tasks):
        lines += [md_text(line), ""]
    return "\n".join(lines)
