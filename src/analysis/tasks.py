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

import calendar
import datetime as dt
import json
import re
from importlib import resources
from pathlib import Path

import pandas as pd

from .excel import open_workbook
from .problems import InputError, Problem
from .safeio import save_workbook
from .textsafe import md_text

TASK_COLUMNS = ["area", "task", "lead", "due", "status", "progress", "overdue", "file", "sheet", "cell"]
# Kept beside the contract columns so every reading stays traceable.
EXTRA_COLUMNS = ["due_text", "status_text", "responsible", "source", "note"]
STATUSES = ["已完成", "推进中", "滞后", "未启动"]
# Chinese headers for what analysts read (tasks.xlsx, notebook tables); tasks.csv keeps the English contract.
TASK_HEADERS_ZH = {
    "area": "领域", "task": "任务", "lead": "牵头单位", "due": "完成时限", "status": "完成状态", "progress": "进展情况",
    "overdue": "是否逾期", "file": "文件", "sheet": "工作表", "cell": "单元格", "due_text": "完成时限原文",
    "status_text": "状态原文", "responsible": "责任单位", "source": "来源", "note": "备注",
}
HEADER_ROWS = 20  # a ledger's header is looked for in the first rows of a sheet

ALIASES = json.loads(resources.files(__package__).joinpath("task_aliases.json").read_text("utf-8"))
_LABELS = {re.sub(r"\s+", "", w): field for field, words in ALIASES["columns"].items() for w in words}
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# ---------------------------------------------------------------- as-of date


def parse_as_of(text) -> tuple[int | None, dt.date | None]:
    """`--as-of`: a year means its last day (2024 → 2024-12-31); a date is itself (2023-12-31).

    Returns (year, date); (None, None) when nothing was given. ValueError in Chinese otherwise.
    """
    if text is None or str(text).strip() == "":
        return None, None
    if isinstance(text, dt.datetime):
        return text.year, text.date()
    if isinstance(text, dt.date):
        return text.year, text
    s = str(text).strip()
    if re.fullmatch(r"\d{4}(年)?(底|末|年底|年末)?", s):
        year = int(s[:4])
        return year, dt.date(year, 12, 31)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        try:
            day = dt.date(*map(int, m.groups()))
        except ValueError:
            raise ValueError(f"评估截至日期“{s}”不是有效日期；应为年份（如 2024）或日期（如 2023-12-31）") from None
        return day.year, day
    raise ValueError(f"无法识别评估截至时间“{s}”；应为年份（如 2024，表示该年12月31日）或日期（如 2023-12-31）")


def _as_of_date(as_of) -> dt.date:
    """The date overdue is judged at: the one given (year → its 31 December), else today."""
    _, day = parse_as_of(as_of)
    return day or dt.date.today()


# ---------------------------------------------------------------- due dates


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


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
        return (_month_end(year, month), True) if 1 <= month <= 12 else (None, False)
    if m := re.fullmatch(r"(\d{4})年?(?:第)?([一二三四1-4])季度?(?:末|底)?", s):
        quarter = _NUMERALS[m.group(2)]
        return _month_end(int(m.group(1)), 3 * quarter), True
    if m := re.fullmatch(r"(\d{4})年?([上下])半年(?:末|底)?", s):
        return _month_end(int(m.group(1)), 6 if m.group(2) == "上" else 12), True
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
    day = _as_of_date(as_of)
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
            }
        )
    return records


def holds_ledger(path) -> bool:
    """True when a workbook has a ledger sheet (validate uses this: a ledger-only file is not an error)."""
    problems: list[Problem] = []
    workbook = open_workbook(path, problems)
    return workbook is not None and any(not s.hidden and is_ledger_sheet(s.rows) for s in workbook.sheets)


# ---------------------------------------------------------------- summaries


def status_counts(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks by status (the four statuses in order, then 未注明), with how many are overdue."""
    status = tasks["status"].replace("", "未注明")
    order = STATUSES + ["未注明"]
    counts = pd.DataFrame({"任务数": status.value_counts(), "逾期": status[tasks["overdue"]].value_counts()})
    counts = counts.reindex([s for s in order if s in counts.index]).fillna(0).astype(int)
    counts.index.name = "完成状态"
    return counts.reset_index()


def overdue_by_lead(tasks: pd.DataFrame) -> pd.DataFrame:
    """Overdue tasks per lead unit: lead, count, the tasks with their due dates."""
    late = tasks[tasks["overdue"]]
    rows = []
    # Most overdue first; ties in ledger order.
    for lead, part in late.groupby(late["lead"].replace("", "未注明牵头单位"), sort=False):
        items = "、".join(f"{r.task}（{_zh_date(r.due)}到期）" for r in part.itertuples())
        rows.append({"牵头单位": lead, "逾期任务数": len(part), "逾期任务": items})
    rows.sort(key=lambda r: -r["逾期任务数"])
    return pd.DataFrame(rows, columns=["牵头单位", "逾期任务数", "逾期任务"])


def _zh_date(day) -> str:
    """2023年10月31日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def summary_sentences(tasks: pd.DataFrame) -> list[str]:
    """The ledger in a few sentences: counts by status, then overdue tasks by lead unit."""
    if tasks.empty:
        return ["台账中没有任务。"]
    as_of = tasks.attrs.get("as_of", "")
    day = f"截至{_zh_date(dt.date.fromisoformat(as_of))}" if as_of else ""
    counts = status_counts(tasks)
    parts = "、".join(f"{r['完成状态']}{r['任务数']}项" for _, r in counts.iterrows())
    lines = [f"重点任务台账共{len(tasks)}项任务，其中{parts}。"]
    late = overdue_by_lead(tasks)
    if late.empty:
        lines.append(f"{day}，没有逾期未完成的任务。" if day else "没有逾期未完成的任务。")
    else:
        by_lead = "；".join(f"{r['牵头单位']}{r['逾期任务数']}项：{r['逾期任务']}" for _, r in late.iterrows())
        lines.append(f"{day}，逾期未完成{int(late['逾期任务数'].sum())}项。{by_lead}。")
    no_due = int(tasks["due"].isna().sum())
    if no_due:
        lines.append(f"{no_due}项任务未载明完成时限（或为长期任务），不判断是否逾期。")
    return lines


def summary_markdown(tasks: pd.DataFrame) -> str:
    """The ledger's section of summary.md."""
    lines = ["## 重点任务推进情况", ""]
    for line in summary_sentences(tasks):
        lines += [md_text(line), ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- export

EXPORT_COLUMNS = TASK_COLUMNS + ["due_text", "status_text", "source"]


def export_frame(tasks: pd.DataFrame) -> pd.DataFrame:
    """The ledger as written to tables/tasks.csv: the contract columns, dates as YYYY-MM-DD."""
    out = tasks.reindex(columns=EXPORT_COLUMNS).copy()
    out["due"] = [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in out["due"]]
    out["overdue"] = out["overdue"].map({True: "是", False: "否"})
    out["file"] = [Path(f).name for f in out["file"]]
    return out


def write_tasks(tasks: pd.DataFrame, out_dir) -> list[Path]:
    """tables/tasks.csv (UTF-8 with BOM) and tasks.xlsx into `out_dir`, atomically and deterministically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from .safeio import atomic_write, inert_text

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = export_frame(tasks)
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
