"""Indicator workbooks in the project's own layout: the blank template, and the collection forms.

The template is read by the same generic loader as government tables: its headers are among the
aliases in header_aliases.json, nothing about it is special-cased. Its year columns come from a
plan (plans.py): base year, each year of the period, the target year.

For the yearly collection round (`python -m analysis template --regions …`), `write_region_forms`
writes one workbook per region: the region filled in and locked, the indicators, units, targets
and earlier years pre-filled from a plan workbook, only the cells to report left open, with data
validation (a number or “—”), and an instructions sheet.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from analysis.rules.plans import Plan, resolve_plan
from analysis.rules.targets import TEMPLATE_SIGNS
from analysis.write.safeio import save_workbook

AREAS = ["优化营商环境", "市场安全监管", "质量强省基础", "知识产权保护运用"]
DIRECTIONS = ["正向", "逆向"]
TYPES = ["约束性", "预期性"]
COMPARATORS = TEMPLATE_SIGNS
DEFAULT_PLAN = "十四五"  # the blank template's plan when none is given (the CLI passes the current one)


def columns_for(plan: Plan) -> list[str]:
    """The template's headers for a plan: base-year column, one per year, the target column."""
    years = range(plan.base_year + 1, plan.target_year + 1)
    return (
        ["指标代码", "领域", "指标名称", "英文名称", "单位", "指标方向", "指标属性", f"{plan.base_year}年基期值"]
        + [f"{y}年" for y in years]
        + [f"{plan.target_year}年目标值", "目标比较符", "地区", "来源", "备注"]
    )


COLUMNS = columns_for(resolve_plan(DEFAULT_PLAN))
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


def _new_sheet(plan: Plan):
    columns = columns_for(plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "D2"
    years = plan.target_year - plan.base_year
    for col, width in zip(range(1, len(columns) + 1), [18, 16, 30, 30, 10, 10, 10, 12] + [9] * years + [12, 10, 10, 30, 20]):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    return wb, ws, columns


def _save(wb, path: Path) -> Path:
    return save_workbook(wb, path)


def write_template(path, plan=DEFAULT_PLAN) -> Path:
    """Write a blank template for `plan` (a name such as 十五五, or a Plan) to `path` (never over an existing file)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} 已存在，未覆盖。请换一个文件名。")
    plan = resolve_plan(plan)
    wb, ws, columns = _new_sheet(plan)
    _drop_down(ws, columns, "领域", AREAS, strict=False)
    _drop_down(ws, columns, "指标方向", DIRECTIONS)
    _drop_down(ws, columns, "指标属性", TYPES)
    _drop_down(ws, columns, "目标比较符", COMPARATORS)
    _instructions(wb.create_sheet("填写说明"))
    return _save(wb, path)


def _drop_down(ws, columns: list[str], header: str, choices: list[str], strict: bool = True) -> None:
    letter = ws.cell(1, columns.index(header) + 1).column_letter
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


# ---------------------------------------------------------------- the collection round

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells a region fills in
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}
FORM_PASSWORD = ""  # sheet protection keeps accidental edits out, it is not security: no password


def form_name(region: str, year: int | None) -> str:
    """File name of a region's form: 昌江区_指标报送表_2026.xlsx."""
    return f"{region}_指标报送表" + (f"_{year}" if year else "") + ".xlsx"


def _plan_rows(frame, region: str | None) -> list[dict]:
    """One dict per indicator of the plan workbook (for `region` when it has rows of its own)."""
    if frame is None or frame.empty:
        return []
    if region is not None and region in set(frame["region"]):
        frame = frame[frame["region"] == region]
    else:
        first = frame["region"].iloc[0]
        frame = frame[frame["region"] == first]  # a city-wide plan: the same indicators for every region
    rows = []
    for indicator, part in frame.groupby("indicator_id", sort=False):
        head = part.iloc[0]
        row = {"指标代码": indicator if not str(indicator).startswith("ind_") else "", "领域": head["area"],
               "指标名称": head["name"], "英文名称": head.get("name_en", ""), "单位": head["unit"],
               "指标方向": "逆向" if head["direction"] == "lower" else "正向", "指标属性": head.get("indicator_type", "")}
        for r in part.itertuples():
            if r.value != r.value:  # NaN: nothing to pre-fill
                continue
            if r.kind == "baseline":
                row[f"{int(r.year)}年基期值"] = r.value
            elif r.kind == "actual":
                row[f"{int(r.year)}年"] = r.value
            elif r.kind == "target":
                row[f"{int(r.year)}年目标值"] = r.value
                row["目标比较符"] = SYMBOLS.get(r.comparator, "")
        rows.append(row)
    return rows


def write_region_forms(out_dir, regions: list[str], *, plan=None, year: int | None = None, plan_frame=None) -> list[Path]:
    """One collection form per region in `out_dir` (never over an existing file); returns their paths.

    `plan_frame`: a tidy frame (load_indicators of the plan workbook) whose indicators, units,
    targets and earlier years are pre-filled and locked; `year`: the year to report (its column is
    the one left open; without it every year column is open).
    """
    plan = resolve_plan(plan) or resolve_plan(DEFAULT_PLAN)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / form_name(region, year) for region in regions]
    existing = [p.name for p in paths if p.exists()]
    if existing:
        raise FileExistsError(f"{'、'.join(existing)} 已存在，未覆盖。请换一个输出文件夹。")
    if year is not None and not plan.base_year < year <= plan.target_year:
        raise ValueError(f"报送年份 {year} 不在{plan.label}规划期（{plan.base_year + 1}—{plan.target_year}年）内")
    for region, path in zip(regions, paths):
        _write_form(path, region, plan, year, _plan_rows(plan_frame, region))
    return paths


def _write_form(path: Path, region: str, plan: Plan, year: int | None, rows: list[dict]) -> None:
    wb, ws, columns = _new_sheet(plan)
    open_years = [f"{year}年"] if year else [f"{y}年" for y in range(plan.base_year + 1, plan.target_year + 1)]
    n = len(rows) if rows else ROWS
    for i in range(n):
        values = rows[i] if rows else {}
        ws.append([values.get(c, region if c == "地区" else None) for c in columns])
    col = {c: j + 1 for j, c in enumerate(columns)}
    for r in range(2, n + 2):
        for c in columns:
            cell = ws.cell(r, col[c])
            editable = c in open_years or c in ("来源", "备注") or (not rows and c not in ("地区",))
            cell.protection = Protection(locked=not editable)
            if c in open_years:
                cell.fill = INPUT_FILL
            elif not editable:
                cell.fill = LOCKED_FILL
    for c in open_years:
        letter = ws.cell(1, col[c]).column_letter
        rule = DataValidation(type="custom", formula1=f'OR(ISNUMBER({letter}2),{letter}2="—")', allow_blank=True)
        rule.showErrorMessage = True
        rule.errorTitle = "请填写数字或“—”"
        rule.error = "只能填写数字（百分比指标填 97.4 或 97.4%），没有数据填“—”，不要填0或文字说明。"
        rule.promptTitle = f"{region} · {c}"
        rule.prompt = "填写数字；没有数据填“—”"
        rule.showInputMessage = True
        ws.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{n + 1}")
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # analysts may widen columns
    _form_instructions(wb.create_sheet("填写说明"), region, plan, year)
    _save(wb, path)


def _form_instructions(ws, region: str, plan: Plan, year: int | None) -> None:
    what = f"{year}年" if year else "各年"
    for line in [
        f"{region}{plan.label}规划指标{what}数据报送表",
        "",
        f"1. 本表只填写黄色单元格（{what}实际值）；地区、指标、单位、目标和往年数据已预填并锁定，请勿改动。",
        "2. 填写数字；百分比指标可写 97.4 或 97.4%。没有数据填“—”，不要填0，也不要写文字说明（说明写在“备注”列）。",
        "3. “来源”列写明数据出处（如统计年报、业务系统），便于核对。",
        "4. 不要增删行列、不要改工作表名和文件名中的地区；如指标有误，请在“备注”中说明并告知市局。",
        "5. 填好后可自查：python -m analysis validate 文件名.xlsx；然后按通知要求报送。",
    ]:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 110
