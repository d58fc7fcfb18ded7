"""The sentences for cells that are no values: not a number, out of range, a date, a formula error, no rows."""

from __future__ import annotations

from analysis.read.excel import SheetGrid
from analysis.read.headers import Header
from analysis.rules.problems import Problem


def _no_rows(file: str, sheet: SheetGrid, header: Header) -> Problem:
    return Problem(
        "error",
        file,
        "找到了指标表的表头，但表头下方没有指标行（有指标名称和数值的行）",
        "表头下方每个指标一行",
        "填入指标数据；如该表不需要，请删除这张工作表",
        sheet.name,
        sheet.cell(header.row + header.height - 1, 0),
    )


def _cell_problem(cell, raw, unit, name, col, sheet, ref, file, is_goal=False) -> Problem:
    """Why a text cell is not a value: not a number at all, a formula error, too large, or another unit."""
    if cell.reason == "excel_error":
        return _other_problem(raw, raw.strip(), name, col, sheet, ref, file)
    if cell.reason == "magnitude":
        return _magnitude_problem(raw, name, col, sheet, ref, file)
    if cell.status == "invalid":
        forms = "数字，如 97.4、97.4%、≥80、超4、1个工作日内"
        if is_goal:
            forms += "；目标还可写 〔13.5〕（累计）、年均增长7%以上、95～98（区间）、稳步提高（定性）、接近7.5"
        return Problem(
            "error",
            file,
            f"“{raw}”不是数值（指标“{name}”，{col.label}）",
            forms + "；没有数据时填“—”或留空",
            "填写确切数值；估计值请在备注中说明",
            sheet.name,
            ref,
        )
    return Problem(
        "error",
        file,
        f"单元格“{raw}”写的单位“{cell.unit}”与该指标的单位“{unit or '（空）'}”不一致",
        f"以“{unit}”为单位的数值" if unit else "在单位列填写单位，数值中不写单位",
        "把数值换算成该行单位，或改正单位列",
        sheet.name,
        ref,
    )


def _magnitude_problem(raw, name, col, sheet, ref, file) -> Problem:
    shown = str(raw) if len(str(raw)) <= 24 else str(raw)[:20] + "…"
    return Problem(
        "error",
        file,
        f"数值“{shown}”超出合理范围（指标“{name}”，{col.label}）",
        "绝对值在 1e-9 到 1e15 之间的数值（或 0）",
        "检查是否多输了位数或粘贴错了单元格；很大的量请换用“万”“亿”为单位",
        sheet.name,
        ref,
    )


def _other_problem(raw, error, name, col, sheet, ref, file) -> Problem:
    """A date, time, true/false or a cached formula error where a number belongs."""
    if error:
        return Problem(
            "error", file, f"单元格是公式错误值“{error}”（指标“{name}”，{col.label}）", "数值，或计算出数值的公式",
            "在 Excel 中改正公式（如除数为 0、查找不到）后保存；没有数据时填“—”", sheet.name, ref,
        )
    if isinstance(raw, bool):
        found, fix = f"单元格是逻辑值 {'TRUE' if raw else 'FALSE'}", "填写数值；没有数据时填“—”"
    else:
        found = f"单元格是日期或时间“{raw}”"
        fix = "Excel 可能把“3-5”“2023.5”之类的输入自动转成了日期：把单元格设为“文本”或“数值”格式后重新输入"
    return Problem("error", file, f"{found}（指标“{name}”，{col.label}）", "数值", fix, sheet.name, ref)
