"""The key-task ledger (重点任务台账): tasks and projects with a lead unit, a due date and a status.

A plan's evaluation reports tasks as well as numbers (筹建先进陶瓷分析检测中心, 明厨亮灶 by the end of
October 2023 …). `load_tasks` reads ledger sheets wherever they are (a workbook may hold indicators,
a ledger or both) into a frame with the columns `TASK_COLUMNS`. Header wordings, status words and
"no due date" words are data (task_aliases.json), like the indicator headers.

Due dates are read in the forms people write them: "2023年10月底" (last day of October),
"2023年12月", "2025年底", "2023年第三季度" (30 September), "2023年上半年" (30 June), a date cell or
"2023-12-31"; "长期" / "持续推进" mean no due date. A task is `overdue` when it is not 已完成 and its
due date is before the as-of date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis.read.excel import open_workbook
from analysis.rules.dates import as_of_date, month_end
from analysis.rules.problems import InputError, Problem

TASK_COLUMNS = ["area", "task", "lead", "due", "status", "progress", "overdue", "file", "sheet", "cell"]
# Kept beside the contract columns so every reading stays traceable.
EXTRA_COLUMNS = ["due_text", "status_text", "responsible", "source", "note", "status_date"]
STATUSES = ["已完成", "推进中", "滞后", "未启动"]
# Chinese headers for what analysts read (tasks.xlsx, notebook tables); tasks.csv keeps the English contract.
TASK_HEADERS_ZH = {
    "area": "领域", "task": "任务", "lead": "牵头单位", "due": "完成时限", "status": "完成状态", "progress": "进展情况",
    "overdue": "是否逾期", "file": "文件", "sheet": "工作表", "cell": "单元格", "due_text": "完成时限原文",
    "status_text": "状态原文", "responsible": "责任单位", "source": "来源", "note": "备注", "status_date": "报送日期",
}
HEADER_ROWS = 20  # a ledger's header is looked for in the first rows of a sheet

ALIASES = json.loads(resources.files("analysis.metadata").joinpath("task_aliases.json").read_text("utf-8"))
_LABELS = {re.sub(r"\s+", "", w): field for field, words in ALIASES["columns"].items() for w in words}
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# ---------------------------------------------------------------- due dates


def parse_due(value) -> tuple[dt.date | None, bool]:
    """A due date as written → (date, understood). No due date ("长期", empty) is (None, True)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None, True
    if isinstance(value, dt.datetime):
        return value.date(), True
    if isinstance(value, dt.date):
        return value, True
    s = re.sub(r"\s+", "", str(value))
    if s == "" or s in ("—", "-", "/", "无"):
        return None, True
    if any(word in s for word in ALIASES["no_due"]):
        return None, True
    s = re.sub(r"(之前|以前|前|内)$", "", s)
    if m := re.fullmatch(r"(\d{4})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})日?", s):
        try:
            return dt.date(*map(int, m.groups())), True
        except ValueError:
            return None, False
    if m := re.fullmatch(r"(\d{4})(?:年|[-/.])(\d{1,2})月?(?:底|末|份)?", s):
        year, month = map(int, m.groups())
        return (month_end(year, month), True) if 1 <= month <= 12 else (None, False)
    if m := re.fullmatch(r"(\d{4})年?(?:第)?([一二三四1-4])季度?(?:末|底)?", s):
        quarter = _NUMERALS[m.group(2)]
        return month_end(int(m.group(1)), 3 * quarter), True
    if m := re.fullmatch(r"(\d{4})年?([上下])半年(?:末|底)?", s):
        return month_end(int(m.group(1)), 6 if m.group(2) == "上" else 12), True
    if m := re.fullmatch(r"(\d{4})(?:年)?(?:年底|年末|底|末)?", s):
        return dt.date(int(m.group(1)), 12, 31), True
    return None, False


def normalise_status(text: str) -> str:
    """The status words as written → 已完成 / 推进中 / 滞后 / 未启动 ("" when none applies)."""
    s = re.sub(r"\s+", "", str(text or ""))
    if s in STATUSES:
        return s
    for word, status in ALIASES["statuses"]:
        if word in s:
            return status
    return ""


# ---------------------------------------------------------------- reading


def _label(value) -> str | None:
    return _LABELS.get(re.sub(r"\s+", "", str(value or "")))


def find_ledger_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    """(row index, {field: column}) of a ledger's header in the first rows, or None.

    A ledger header has a task column and at least one of lead unit, due date, progress or status.
    """
    for i, row in enumerate(rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for j, value in enumerate(row):
            field = _label(value)
            if field and field not in columns:
                columns[field] = j
        if "task" in columns and set(columns) & {"lead", "responsible", "due", "progress", "status"}:
            return i, columns
    return None


def is_ledger_sheet(rows: list[list]) -> bool:
    return find_ledger_header(rows) is not None


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"[ \t\u3000]+", " ", str(value)).strip()


def read_tasks(paths, as_of=None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read every ledger sheet in `paths`: (frame, problems). Files without a ledger add nothing."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    day = as_of_date(as_of)
    problems: list[Problem] = []
    records = []
    for path in paths:
        workbook = open_workbook(path, problems)
        if workbook is None:
            continue
        for sheet in workbook.sheets:
            if sheet.hidden:
                continue
            found = find_ledger_header(sheet.rows)
            if found is not None:
                records += _read_sheet(sheet, *found, str(workbook.path), problems)
    frame = pd.DataFrame(records, columns=TASK_COLUMNS + EXTRA_COLUMNS)
    frame["due"] = pd.to_datetime(frame["due"])
    due = frame["due"]
    frame["overdue"] = (frame["status"] != "已完成") & due.notna() & (due < pd.Timestamp(day))
    frame["overdue"] = frame["overdue"].astype(bool)
    frame.attrs["as_of"] = day.isoformat()
    return frame, problems


def load_tasks(paths, as_of=None) -> pd.DataFrame:
    """The key-task ledger of `paths` as a frame (`TASK_COLUMNS`, then `EXTRA_COLUMNS`).

    `as_of` is a year (its 31 December), a date or "2023-12-31"; without it, today. Raises
    InputError listing every error (an unreadable file); unrecognised dates and status words are
    warnings, kept in `frame.attrs["problems"]`.
    """
    frame, problems = read_tasks(paths, as_of)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    frame.attrs["problems"] = [str(p) for p in problems]
    return frame


def _read_sheet(sheet, header: int, columns: dict[str, int], file: str, problems) -> list[dict]:
    records = []
    area = ""
    width = max(columns.values()) + 1
    for i in range(header + 1, len(sheet.rows)):
        row = list(sheet.rows[i]) + [None] * width
        get = {field: _text(row[j]) for field, j in columns.items()}
        task = get.get("task", "")
        filled = [v for v in (_text(v) for v in sheet.rows[i]) if v]
        if not task:
            if len(filled) == 1 and re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])", filled[0]):
                area = re.sub(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])", "", filled[0]).strip()
            continue
        if task.startswith(("注：", "注:", "资料来源")):
            continue
        j_due = columns.get("due")
        raw_due = sheet.rows[i][j_due] if j_due is not None and j_due < len(sheet.rows[i]) else None
        due, understood = parse_due(raw_due)
        if not understood:
            problems.append(
                Problem(
                    "warning", file, f"完成时限“{_text(raw_due)}”无法识别为日期，按无时限处理",
                    "如“2023年10月底”“2023年12月”“2025年底”“2023年第三季度”“2023年上半年”“2023-12-31”或“长期”",
                    "改写为上述形式之一", sheet=sheet.name, cell=sheet.cell(i, j_due),
                )
            )
        reported = _status_date(sheet, i, columns.get("status_date"), file, problems)
        status_text = get.get("status", "")
        status = normalise_status(status_text)
        if status_text and not status:
            problems.append(
                Problem(
                    "warning", file, f"完成状态“{status_text}”无法归类", "已完成、推进中、滞后或未启动",
                    "改写为上述四种之一，或把该说法加入 task_aliases.json 的 statuses", sheet=sheet.name,
                    cell=sheet.cell(i, columns["status"]),
                )
            )
        records.append(
            {
                "area": get.get("area") or area,
                "task": task,
                "lead": get.get("lead") or get.get("responsible", ""),
                "due": pd.Timestamp(due) if due else pd.NaT,
                "status": status,
                "progress": get.get("progress", ""),
                "overdue": False,
                "file": file,
                "sheet": sheet.name,
                "cell": sheet.cell(i, columns["task"]),
                "due_text": _text(raw_due),
                "status_text": status_text,
                "responsible": get.get("responsible", ""),
                "source": get.get("source", ""),
                "note": get.get("note", ""),
                "status_date": reported,
            }
        )
    return records


def _status_date(sheet, i: int, j: int | None, file: str, problems) -> pd.Timestamp:
    """The day the row's status was reported (报送日期 column): it decides 逾期 against 需核实. A month or a
    quarter means its last day, as for due dates; an unreadable one is a warning and no date (never guessed)."""
    raw = sheet.rows[i][j] if j is not None and j < len(sheet.rows[i]) else None
    day, understood = parse_due(raw)
    if not understood or (day is None and _text(raw)):
        problems.append(
            Problem(
                "warning", file, f"报送日期“{_text(raw)}”无法识别为日期，按未注明报送日期处理（逾期与否需核实）",
                "如“2023-11-15”“2023年11月”", "改写为日期", sheet=sheet.name, cell=sheet.cell(i, j),
            )
        )
        return pd.NaT
    return pd.Timestamp(day) if day else pd.NaT


def holds_ledger(path) -> bool:
    """True when a workbook has a ledger sheet (validate uses this: a ledger-only file is not an error)."""
    problems: list[Problem] = []
    workbook = open_workbook(path, problems)
    return workbook is not None and any(not s.hidden and is_ledger_sheet(s.rows) for s in workbook.sheets)


# ---------------------------------------------------------------- summaries


# ---------------------------------------------------------------- validation


def accept_ledger_only(result):
    """A workbook holding only a ledger is not an input error: its "no indicator table" error becomes a note.

    `validate` calls this on the loader's result (LoadResult); returns the same object, changed in place.
    """
    with_tables = {str(t["file"]) for t in result.tables}
    kept = []
    for problem in result.problems:
        if (
            problem.severity == "error" and not problem.sheet and not problem.cell
            and problem.file not in with_tables and holds_ledger(problem.file)
        ):
            kept.append(Problem("note", problem.file, "只有重点任务台账，没有指标表：按台账读取（load_tasks）"))
        else:
            kept.append(problem)
    result.problems[:] = kept
    return result
