"""A blank indicator workbook in the project's own layout, with drop-down lists and instructions.

The template is read by the same generic loader as government tables: its headers are among the
aliases in header_aliases.json, nothing about it is special-cased.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from .safeio import atomic_write

AREAS = ["优化营商环境", "市场安全监管", "质量强省基础", "知识产权保护运用"]
DIRECTIONS = ["正向", "逆向"]
TYPES = ["约束性", "预期性"]
COMPARATORS = ["≥", ">", "≤", "<", "="]
YEARS = [2021, 2022, 2023, 2024, 2025]

COLUMNS = (
    ["指标代码", "领域", "指标名称", "英文名称", "单位", "指标方向", "指标属性", "2020年基期值"]
    + [f"{y}年" for y in YEARS]
    + ["2025年目标值", "目标比较符", "地区", "来源", "备注"]
)
ROWS = 200  # rows prepared with drop-down lists

# (field, worked example, what to write)
INSTRUCTIONS = [
    ("指标代码", "pharmacists_per_10k", "可选。英文字母、数字、下划线；留空时按指标名称自动生成，同名指标代码相同"),
    ("领域", "市场安全监管", "从下拉列表选择；也可填写其他领域名称"),
    ("指标名称", "每万人口执业药师数", "必填，与规划文本一致"),
    ("英文名称", "Licensed pharmacists per 10,000 people", "可选，供英文报告使用"),
    ("单位", "人", "按规划文本填写，如 %、件、万户；同一指标各年单位一致"),
    ("指标方向", "正向", "正向＝越高越好，逆向＝越低越好；留空时按目标比较符判断，默认正向"),
    ("指标属性", "预期性", "约束性或预期性；不清楚时留空"),
    ("2020年基期值", "—", "规划基期值；没有时填“—”或留空，切勿填0"),
    ("2021年…2025年", "2023年：2.5", "各年实际值；百分比可写 97.4 或 97.4%，也可用百分比格式的单元格"),
    ("2025年目标值", "3.5", "规划目标；可写“≥80”“超4”“不低于80”“不超过0”等"),
    ("目标比较符", "≥", "可选；目标值中已写比较符时不必再填"),
    ("地区", "景德镇市", "可选；留空时用表格标题中的地名或文件名"),
    ("来源", "中期评估报告：目前每万人口执业药师数为2.5人……", "数据出处，便于核对"),
    ("备注", "执业药师410名，已注册406名", "其他说明"),
]

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_template(path) -> Path:
    """Write a blank template to `path` (never over an existing file)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} 已存在，未覆盖。请换一个文件名。")
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "D2"
    for col, width in zip(range(1, len(COLUMNS) + 1), [18, 16, 30, 30, 10, 10, 10, 12] + [9] * 5 + [12, 10, 10, 30, 20]):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    _drop_down(ws, "领域", AREAS, strict=False)
    _drop_down(ws, "指标方向", DIRECTIONS)
    _drop_down(ws, "指标属性", TYPES)
    _drop_down(ws, "目标比较符", COMPARATORS)
    _instructions(wb.create_sheet("填写说明"))
    wb.properties.creator = "indicator-gap"
    with atomic_write(path, "wb") as handle:
        wb.save(handle)
    return path


def _drop_down(ws, header: str, choices: list[str], strict: bool = True) -> None:
    letter = ws.cell(1, COLUMNS.index(header) + 1).column_letter
    rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    rule.showErrorMessage = strict
    rule.errorTitle = "请从列表中选择"
    rule.error = f"{header}可选：{'、'.join(choices)}"
    rule.promptTitle = header
    rule.prompt = "从下拉列表中选择"
    rule.showInputMessage = True
    ws.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{ROWS + 1}")


def _instructions(ws) -> None:
    ws.append(["填写说明（本页不参与计算）"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["1. 每个指标填一行；在“指标”工作表中填写，不要改动第一行的列名。"])
    ws.append(["2. 没有数据的单元格填“—”或留空，不要填0；0 表示真实的零。"])
    ws.append(["3. 填好后在命令行运行：python -m analysis validate 文件名.xlsx，按提示修改。"])
    ws.append([])
    ws.append(["字段", "示例（每万人口执业药师数）", "说明"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for row in INSTRUCTIONS:
        ws.append(list(row))
    for letter, width in zip("ABC", [16, 44, 70]):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
