"""Export the gap table for analysts: CSV, a styled Excel workbook, Markdown, and Chinese briefing sentences.

Every file is written atomically and deterministically (same table in, same bytes out), and no text
taken from the input can ever become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import math
import numbers
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from . import numbers as _numbers
from . import palette, textsafe
from .assess import DEFAULT_THRESHOLDS
from .assess import meets as _meets
from .safeio import atomic_write, atomic_write_text, inert_text, save_workbook
from .plans import Plan, plan_for_years, resolve_plan
from .schema import COMPARATOR_ZH, GAP_COLUMNS, GAP_HEADERS_ZH, STATUS_LABELS, STATUSES, status_label

PCT_COLUMNS = ("completion_pct", "achievement_pct", "elapsed_pct", "required_growth_pct", "actual_growth_pct")
YEAR_COLUMNS = ("year", "target_year", "baseline_year")
VALUE_COLUMNS = ("actual", "target", "baseline", "gap")
STATUS_COLUMNS = ("status", "status_label")
LOWER_IS_BETTER = ("<=", "<")
# Statuses that judge progress against elapsed time; only these are worth a clause in a sentence.
PROGRESS_STATUSES = ("ahead", "on_track", "lagging", "regressing")
# Statuses a briefing must name indicator by indicator.
WARNING_STATUSES = ("lagging", "regressing", "not_achieved")
MAX_DECIMALS = 6

TABLE_SHEET = "目标差距表"
NOTES_SHEET = "说明"
DEFAULT_SUMMARY_TITLE = "规划指标目标差距评估摘要"
NO_VALUE_MD = "—"

# Status fills: blues for good news, oranges for bad (safe for red-green colour blindness), and
# lightness falling with severity so the order survives grayscale printing. Dark fills get white text.
STATUS_STYLES = {s: (st.fill_hex, st.text_hex) for s, st in palette.STATUS_PALETTE.items()}  # palette.py owns them
HEADER_FILL = "D9E1F2"


COLUMN_NOTES_ZH = {
    "indicator_id": "指标的唯一编号。",
    "region": "指标所属地区。",
    "area": "指标所属的规划领域。",
    "name": "规划文本中的指标名称。",
    "unit": "指标的计量单位；单位为%的指标，“尚差”以百分点计。",
    "year": "实际值所属年份（最新一年数据）。",
    "actual": "数据年份的实际值。",
    "target_year": "规划目标所对应的年份。",
    "target": "规划目标值。",
    "comparator": "目标值的比较方式：>= 不低于，> 超过，<= 不高于，< 低于，== 达到。",
    "baseline_year": "基期（规划起始）年份。",
    "baseline": "基期年份的实际值，用于计算目标进度和实际年均增速。",
    "gap": "实际值距目标值的差额，单位同指标单位。",
    "completion_pct": "实际值÷目标值×100%；越低越好的指标为目标值÷实际值×100%。",
    "achievement_pct": "从基期到目标已完成的进度：（实际值−基期值）÷（目标值−基期值）×100%。",
    "elapsed_pct": "规划期已经过去的时间比例：（数据年份−基期年份）÷（目标年份−基期年份）×100%。",
    "required_growth_pct": "从数据年份到目标年份，为达到目标每年需要的复合增速；负数表示需要下降。",
    "actual_growth_pct": "从基期年份到数据年份的实际复合年均增速。",
    "status": "评估结论的英文代码，便于筛选和程序处理。",
    "status_label": "评估结论，见下方图例。",
    "direction": "越高越好（higher）或越低越好（lower）。",
    "indicator_type": "约束性或预期性。",
    "target_type": "目标类型：level 水平值、cumulative 累计值、annual_rate 年均增速、range 区间、qualitative 定性。",
    "target_high": "区间目标的上限（目标值为下限）。",
    "target_text": "规划表中目标的原文。",
    "phase": "midterm 中期（数据年份早于目标年份）或 final 期末（达到或晚于目标年份）。",
    "pace_ratio": "进度比：目标进度÷序时进度（年均增速目标为实际年均增速÷目标增速）。",
    "projected": "按基期以来的速度延续，目标年份的预计值（数量类按复合增速，%和指数类按线性）；仅中期评估。",
    "projected_met": "预计值能否达到目标。",
    "reported_status": "报送材料中的完成情况原文。",
    "status_agrees": "本表结论与报送完成情况是否一致（无报送结论时为空）。",
}

STATUS_NOTES_ZH = {
    "achieved": "实际值已满足目标要求。",
    "ahead": "尚未达到目标，目标进度快于序时进度。",
    "on_track": "尚未达到目标，目标进度与序时进度基本相当。",
    "lagging": "尚未达到目标，目标进度慢于序时进度。",
    "regressing": "实际值较基期向偏离目标的方向变化。",
    "basically_achieved": "期末未达到目标，但完成度在“基本完成”幅度之内。",
    "not_achieved": "尚未达到目标，且因缺少基期值等无法与序时进度比较；期末评估中为“未完成”。",
    "judge": "定性目标，无法由数据判断方向，需人工判断。",
    "no_target": "规划未设定量化目标。",
    "no_data": "缺少实际值，无法评估。",
}

def method_text_zh(method: str = "cn", band: str = "relative", thresholds: dict | None = None,
                   tolerance: float = 5.0, basically_band: float | None = None, **_ignored) -> str:
    """The 计算方法 text of the 说明 sheet for the method the table was actually assessed with (table.attrs)."""
    limits = {**DEFAULT_THRESHOLDS, **(thresholds or {})}
    lines = [
        "完成度：实际值÷目标值×100%（越低越好的指标为目标值÷实际值×100%）。",
        "目标进度：（实际值−基期值）÷（目标值−基期值）×100%，即从基期出发、到目标为止已走完的路程。",
        "序时进度：（数据年份−基期年份）÷（目标年份−基期年份）×100%，即规划期已经过去的时间比例（“时间过半、任务过半”），最多100%。",
        "单位为%或百分点的指标，尚差、所需和实际年均变化均以百分点计（线性），不按复合增速计算。",
        "状态：已满足目标的为“已达到目标”；较基期向偏离目标方向变化（含已超过目标后又回落、“保持”类目标跌破基期水平）的为“逆向变化”；",
    ]
    if method == "eurostat":
        lines.append("　　其余按欧盟统计局（Eurostat）方法：实际年均增速÷所需年均增速，≥95%为“显著进展”，60%–95%为“进展适中”，0–60%为“进展不足”。")
    elif band == "absolute":
        lines.append(f"　　其余比较目标进度与序时进度：相差不超过{_numbers.plain(tolerance)}个百分点的为“符合序时进度”，高出的为“快于序时进度”，低于的为“滞后于序时进度”。")
    else:
        lines.append(f"　　其余看进度比（目标进度÷序时进度）：≥{_numbers.plain(limits['ahead'])}为“快于序时进度”，"
                     f"{_numbers.plain(limits['on_track'])}–{_numbers.plain(limits['ahead'])}为“符合序时进度”，低于{_numbers.plain(limits['on_track'])}为“滞后于序时进度”。")
    lines.append("　　缺少基期值、无法比较的为“尚未达到目标”；无量化目标、缺少实际值的分别标注为“无量化目标”“无数据”。")
    final = "完成 / 未完成" if basically_band is None else f"完成 / 基本完成（完成度≥{_numbers.plain(basically_band)}%）/ 未完成"
    lines.append(f"数据年份达到或晚于目标年份（期末评估）时，只给出最终结论：{final}。")
    return "\n".join(lines)


METHOD_TEXT_ZH = method_text_zh()


# ---------------------------------------------------------------- values and number formatting


def _clean(v):
    """One cell as a plain Python value; None wherever the value is undefined (NaN, NA, ±inf)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v) if math.isfinite(float(v)) else None
    return str(v)


# Number formatting lives in numbers.py (one owner); these names stay for existing callers.
_decimal = _numbers.to_decimal


def _decimals(x) -> int:
    """How many decimals the data itself carries: 2.5 → 1, 80.0 → 0, 9.75 → 2."""
    if not isinstance(x, (int, float)):  # text in a number column has no precision to carry
        return 0
    return _numbers.decimals(x)


def _fixed(x, places: int) -> str:
    """Round half up (as Chinese statistics do) to exactly `places` decimals; never "-0.0"."""
    return _numbers.fmt(x, places)


def _plain(x, places: int | None = None) -> str:
    """Shortest plain form (no exponent, no trailing zeros): 71.43, 2023, 1, 0.00001."""
    return _numbers.plain(x, places)


def _row_decimals(r: dict) -> int:
    """One precision for a row's actual, target, baseline and gap, so they line up in a table."""
    return max(_decimals(r[c]) for c in ("actual", "target", "baseline"))


def _indicator_decimals(rows: list[dict]) -> dict:
    """One precision per indicator across its regions (97.0 and 97.6 both print with one decimal)."""
    per: dict = {}
    for r in rows:
        per[r["indicator_id"]] = max(per.get(r["indicator_id"], 0), _row_decimals(r))
    return per


def _gap_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Check the column contract; reorder to GAP_COLUMNS if only the order differs."""
    missing = [c for c in GAP_COLUMNS if c not in table.columns]
    extra = [c for c in table.columns if c not in GAP_COLUMNS]
    if missing or extra:
        raise ValueError(f"gap table does not match schema.GAP_COLUMNS: missing {missing}, unexpected {extra}")
    return table[GAP_COLUMNS]


def _records(table: pd.DataFrame) -> list[dict]:
    """Rows as dicts of clean Python values, in the table's order."""
    return [{c: _clean(v) for c, v in row.items()} for row in _gap_frame(table).to_dict("records")]


# ---------------------------------------------------------------- CSV


def _csv_cell(column: str, v) -> str:
    """Text made inert, numbers plain (pct to 2 decimals), undefined as empty."""
    if v is None:
        return ""
    if isinstance(v, str):
        return inert_text(textsafe.clean(v))
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return _plain(v, 2 if column in PCT_COLUMNS else None)


def write_csv(table: pd.DataFrame, path) -> Path:
    """Write the gap table as UTF-8-with-BOM CSV (Excel on Windows then reads the Chinese right)."""
    path = Path(path)
    rows = _records(table)
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(GAP_COLUMNS)
        for r in rows:
            writer.writerow([_csv_cell(c, r[c]) for c in GAP_COLUMNS])
    return path


# ---------------------------------------------------------------- Markdown


def _md_escape(s: str) -> str:
    """Keep a text cell inside its Markdown table cell: escape backslashes and pipes, one line only."""
    return textsafe.md_cell(s)


def _display(column: str, v, places: int) -> str:
    """A value as an analyst reads it: 71.4%, 2023, 2.50 (the row's precision)."""
    if v is None:
        return NO_VALUE_MD
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "是" if v else "否"
    if column in PCT_COLUMNS:
        return _fixed(v, 1) + "%"
    if column in VALUE_COLUMNS:
        return _fixed(v, places)
    return _plain(v)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_table(table: pd.DataFrame) -> str:
    """The gap table as a Markdown table with Chinese headers (numbers right-aligned)."""
    lines = [
        _md_row([GAP_HEADERS_ZH[c] for c in GAP_COLUMNS]),
        _md_row(["--:" if c in PCT_COLUMNS + VALUE_COLUMNS + YEAR_COLUMNS else "---" for c in GAP_COLUMNS]),
    ]
    rows = _records(table)
    per = _indicator_decimals(rows)
    for r in rows:
        places = per[r["indicator_id"]]
        lines.append(_md_row([_md_escape(_display(c, r[c], places)) for c in GAP_COLUMNS]))
    return "\n".join(lines) + "\n"


def write_markdown(table: pd.DataFrame, path) -> Path:
    """Write the gap table as Markdown."""
    path = Path(path)
    atomic_write_text(path, markdown_table(table))
    return path


# ---------------------------------------------------------------- Excel


def _put(cell, value) -> None:
    """The only way a value reaches a cell: strings are forced to string cells, never formulas."""
    value = _clean(value)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", textsafe.clean(value))  # control characters make openpyxl refuse the file
        cell.data_type = "s"  # openpyxl turns "=…" into a formula and "#N/A" into an error otherwise
    elif isinstance(value, float):
        cell.value = float(_decimal(value))  # a copied cell gives 0.41, not 0.41000000000000014
    else:
        cell.value = value


def _text_width(s: str) -> int:
    """Display width: CJK (wide/full-width) characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _number_format(column: str, places: int) -> str | None:
    if column in YEAR_COLUMNS:
        return "0"
    if column in PCT_COLUMNS:
        return "0.0"
    if column in VALUE_COLUMNS:
        return "#,##0" + ("." + "0" * places if places else "")
    return None


def _style_header(ws) -> None:
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    line = Border(bottom=Side(style="thin", color="808080"))
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = bold, fill, line
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _style_status(cell, status) -> None:
    """Colour a status cell by its code; the Chinese label stays in the cell, so colour is never the only cue."""
    if status not in STATUS_STYLES:
        return
    fill, font = STATUS_STYLES[status]
    cell.fill = PatternFill("solid", fgColor=fill)
    cell.font = Font(color=font, bold=status in WARNING_STATUSES)
    cell.alignment = Alignment(horizontal="center")


def _write_table_sheet(ws, rows: list[dict]) -> None:
    widths = {c: _text_width(GAP_HEADERS_ZH[c]) for c in GAP_COLUMNS}
    for j, c in enumerate(GAP_COLUMNS, start=1):
        _put(ws.cell(row=1, column=j), GAP_HEADERS_ZH[c])
    per = _indicator_decimals(rows)
    for i, r in enumerate(rows, start=2):
        places = per[r["indicator_id"]]
        for j, c in enumerate(GAP_COLUMNS, start=1):
            cell = ws.cell(row=i, column=j)
            _put(cell, r[c])
            fmt = _number_format(c, places)
            if fmt and isinstance(r[c], (int, float)):
                cell.number_format = fmt
            if c in STATUS_COLUMNS:
                _style_status(cell, r["status"])
            widths[c] = max(widths[c], _text_width(_display(c, r[c], places)))
    _style_header(ws)
    for j, c in enumerate(GAP_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(max(widths[c] + 2, 6), 50)
    ws.freeze_panes = ws.cell(row=2, column=GAP_COLUMNS.index("name") + 2)  # header row and id…name stay put
    # Printing: A4 landscape, all columns on one page width, the header row repeated on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(GAP_COLUMNS))}{len(rows) + 1}"


def _notes_rows(sources, method_text) -> list[tuple]:
    """The 说明 sheet as (kind, cells) rows: column notes, method, status legend, comparators, sources."""
    rows = [("title", ["目标差距表说明"]), ("blank", []), ("section", ["一、字段说明"])]
    rows.append(("header", ["列名", "字段代码", "含义"]))
    rows += [("row", [GAP_HEADERS_ZH[c], c, COLUMN_NOTES_ZH[c]]) for c in GAP_COLUMNS]
    rows += [("blank", []), ("section", ["二、计算方法"])]
    rows += [("para", [line]) for line in str(method_text or METHOD_TEXT_ZH).splitlines() if line.strip()]
    rows += [("blank", []), ("section", ["三、评估结论图例"]), ("header", ["评估结论", "状态代码", "含义"])]
    rows += [("status", [STATUS_LABELS[s], s, STATUS_NOTES_ZH[s]]) for s in STATUSES]
    rows += [("blank", []), ("section", ["四、目标比较符"]), ("header", ["比较符", "含义"])]
    rows += [("row", [k, v]) for k, v in COMPARATOR_ZH.items()]
    if isinstance(sources, str):
        sources = [sources]
    rows += [("blank", []), ("section", ["五、资料来源"])]
    rows += [("para", [s]) for s in (sources or ["（未提供）"])]
    return rows


NOTES_WIDTHS = (18, 22, 80)


def _wrap(ws, row: int, text: str, width: int) -> None:
    """Excel does not always grow a row for wrapped text by itself: set the height."""
    lines = max(1, math.ceil(_text_width(str(text)) / (width - 2)))
    if lines > 1:
        ws.row_dimensions[row].height = 15 * lines


def _write_notes_sheet(ws, sources, method_text) -> None:
    top = Alignment(wrap_text=True, vertical="top")
    for i, (kind, cells) in enumerate(_notes_rows(sources, method_text), start=1):
        for j, v in enumerate(cells, start=1):
            cell = ws.cell(row=i, column=j)
            _put(cell, v)
            if kind == "title":
                cell.font = Font(bold=True, size=14)
            elif kind == "section":
                cell.font = Font(bold=True, size=12)
            elif kind == "header":
                cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
            elif kind == "status" and j == 1:
                _style_status(cell, cells[1])
        # Method and source lines are not wrapped: they run on over the empty cells to their right.
        # (Merging would wrap them, but openpyxl writes merged ranges in set order: bytes would vary.)
        if len(cells) == 3:
            ws.cell(row=i, column=3).alignment = top
            _wrap(ws, i, cells[2], NOTES_WIDTHS[2])
    for j, width in enumerate(NOTES_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width


def build_workbook(table: pd.DataFrame, *, sources=None, method_text=None) -> Workbook:
    """The styled workbook: 目标差距表 (the table) and 说明 (columns, method, legend, sources)."""
    wb = Workbook()
    ws = wb.active
    ws.title = TABLE_SHEET
    _write_table_sheet(ws, _records(table))
    method_text = method_text or method_text_zh(**table.attrs.get("assess", {}))  # the method actually used
    _write_notes_sheet(wb.create_sheet(NOTES_SHEET), sources, method_text)
    wb.properties.creator = "indicator-gap"
    return wb


def write_xlsx(table: pd.DataFrame, path, *, sources=None, method_text=None) -> Path:
    """Write the styled workbook atomically, byte-identical for the same input."""
    return save_workbook(build_workbook(table, sources=sources, method_text=method_text), path)


# ---------------------------------------------------------------- briefing sentences
#
# The wording rules (README "Wording of the briefing sentences"):
# - mid-term (phase "midterm", data year before the target year): 已达到 / 尚差 / 需年均… / 进度… / 按目前增速，预计…;
# - final (phase "final", data year at or after the target year): 完成 / 基本完成 / 未完成 against the plan's
#   期末目标 (“十四五”期末目标), never 序时进度, no pace and no projection;
# - % and 百分点 units: gaps and paces in 个百分点 (linear), never compound growth; one year left: "2025年需…";
# - "==" overshot: 超出目标; range: 目标区间; cumulative (〔〕): 累计; annual rate: 年均增长目标; qualitative:
#   the direction of change since the base year, or 需人工判断;
# - the bureau's own verdict, where it disagrees with ours: 部门自评为“…”，按数据测算为“…”，请核对。

FINAL_WORDS = {"achieved": "完成", "basically_achieved": "基本完成", "not_achieved": "未完成"}
# Order of the verdict words in counts, and their "all of them" forms.
COUNT_WORDS = ("已达到", "完成", "基本完成", "尚未达到", "未完成", "需人工判断", "暂无数据")
ALL_WORDS = {"已达到": "均已达到", "完成": "均已完成", "基本完成": "均基本完成", "尚未达到": "均未达到",
             "未完成": "均未完成", "需人工判断": "均需人工判断", "暂无数据": "均暂无数据"}
# Statuses a briefing names indicator by indicator (final phase: 未完成 and 基本完成 under those labels).
NAMED_STATUSES = WARNING_STATUSES + ("basically_achieved", "judge")
# Qualitative targets judged by the direction of change since the base year (assess._statuses).
QUALITATIVE_VERDICTS = {"on_track": "符合目标要求", "lagging": "尚无进展", "regressing": "逆向变化"}


def _is_met(r: dict) -> bool:
    """Trust the assessed status; compare the numbers (assess.meets, the one rule) only when there is none."""
    if r["status"] in STATUSES:
        return r["status"] == "achieved"
    if r["actual"] is None or r["target"] is None:
        return False
    high = r.get("target_high")
    return _meets(r["actual"], r["comparator"] or "", r["target"], math.nan if high is None else high)


def _one_line(s: str) -> str:
    return textsafe.one_line(s).strip()


def _name(r: dict, with_region: bool = False) -> str:
    name = _one_line(r["name"] or r["indicator_id"] or "该指标")
    return f"{name}（{r['region']}）" if with_region and r["region"] else name


def _is_pct_unit(unit: str) -> bool:
    return _numbers.is_percent_unit(unit)  # %, ％, 百分比 and 百分点 (numbers.py owns the rule)


def _row(row) -> dict:
    """A gap-table row (dict or Series) as clean Python values; columns it lacks are None."""
    get = row.get if hasattr(row, "get") else (lambda c: getattr(row, c, None))
    return {c: _clean(get(c)) for c in GAP_COLUMNS}


def _is_final(r: dict) -> bool:
    """The final evaluation: the assessed phase, else the data year at or after the target year."""
    if r.get("phase") in ("midterm", "final"):
        return r["phase"] == "final"
    return r["year"] is not None and r["target_year"] is not None and r["year"] >= r["target_year"]


def _type(r: dict) -> str:
    return r.get("target_type") or "level"


def _has_target(r: dict) -> bool:
    """A numeric target, or a qualitative one (稳步提高) judged by direction or by a person."""
    return r["target"] is not None or (_type(r) == "qualitative" and bool(r.get("target_text")))


def _resolve(plan) -> Plan | None:
    try:
        return resolve_plan(plan) if plan else None
    except ValueError:
        return None


def _plan_of(r: dict, plan=None) -> Plan | None:
    """The plan a row's target belongs to: the one given when it ends in the target year, else by the year."""
    ty = r["target_year"]
    if ty is None:
        return None
    given = _resolve(plan)
    if given is not None and given.target_year == int(ty):
        return given
    try:
        return plan_for_years(None, int(ty))
    except ValueError:
        return None


def _plan_period_goal(r: dict, plan=None) -> str:
    """The plan period in a final verdict: “十四五”期末 (a five-year plan), else the target year."""
    p = _plan_of(r, plan)
    if p is not None and p.name.startswith("十"):
        return f"{p.label}期末"
    return f"{_plain(r['target_year'])}年" if r["target_year"] is not None else ""


def _goal(r: dict, plan=None) -> str:
    """What the target is called: 2025年目标 (mid-term), “十四五”期末目标 (final); 累计 / 年均增长 targets say so."""
    ttype, final = _type(r), _is_final(r)
    if ttype == "annual_rate":
        p = _plan_of(r, plan)
        return f"{p.label}年均增长目标" if final and p is not None and p.name.startswith("十") else "年均增长目标"
    if final:
        when = _plan_period_goal(r, plan)
    else:
        when = f"{_plain(r['target_year'])}年" if r["target_year"] is not None else ""
    return f"{when}{'累计' if ttype == 'cumulative' else ''}目标"


def _target_value(r: dict, unit: str) -> str:
    """The target with its own precision: 4件, not 4.00件 next to an actual of 3.59."""
    return f"{_fixed(r['target'], _decimals(r['target']))}{unit}"


def _bound(r: dict, unit: str) -> str:
    """The target as a requirement: 不低于80项, 超过4件, 不高于0起, 区间95～98% (a bare value for "==")."""
    ttype = _type(r)
    if ttype == "range" and r.get("target_high") is not None:
        low, high = r["target"], r["target_high"]
        return f"区间{_fixed(low, _decimals(low))}～{_fixed(high, _decimals(high))}{unit}"
    comparator = r["comparator"] or ""
    word = "" if comparator == "==" else COMPARATOR_ZH.get(comparator, "")
    if ttype == "annual_rate":
        return f"{word}{_fixed(r['target'], _decimals(r['target']))}%"
    return word + _target_value(r, unit)


def _places(r: dict) -> int:
    return max(_decimals(r["actual"]), _decimals(r["target"]), _decimals(r.get("target_high")))


def _rounds_to_zero(x, places: int) -> bool:
    return _decimal(abs(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == 0


def _progress_clause(r: dict) -> str | None:
    """进度滞后于序时进度, 较基期逆向变化; other labels (the Eurostat method's 进展不足) as they are."""
    if r["status"] not in PROGRESS_STATUSES:
        return None
    label = r["status_label"] or STATUS_LABELS[r["status"]]
    if label.endswith("序时进度"):
        return "进度" + label
    return "较基期" + label if label == "逆向变化" else label


def _subject_clauses(r: dict, unit: str) -> list[str]:
    """What a cumulative or annual-rate target is compared with: the change, or the growth, since the base year."""
    ttype = _type(r)
    if ttype == "cumulative" and r["baseline"] is not None:
        change = r["actual"] - r["baseline"]
        word = "增加" if change >= 0 else "减少"
        places = max(_decimals(r["actual"]), _decimals(r["baseline"]))
        return [f"较{_plain(r['baseline_year'])}年累计{word}{_fixed(abs(change), places)}{_numbers.gap_unit(unit)}"]
    if ttype == "annual_rate" and r["actual_growth_pct"] is not None:
        since = f"{_plain(r['baseline_year'])}年以来" if r["baseline_year"] is not None else "基期以来"
        return [f"{since}年均增长{_fixed(r['actual_growth_pct'], 1)}%"]
    return []


def _gap_clause(r: dict, unit: str, final: bool) -> str | None:
    """尚差 / 尚需降低 (mid-term), 距目标差 / 高于目标 (final), 超出目标 ("==" overshot), 低于/高于目标区间."""
    ttype = _type(r)
    gap = r["gap"] if r["gap"] is not None else None
    if gap is None:
        if ttype != "level" or r["actual"] is None:
            return None
        gap = r["target"] - r["actual"]
    places = max(1, _decimals(r["target"])) if ttype == "annual_rate" else _places(r)  # rates to 0.1 point
    if _rounds_to_zero(gap, places):
        return None
    amount = _fixed(abs(gap), places) + ("个百分点" if ttype == "annual_rate" else _numbers.gap_unit(unit))
    subject = r["actual"] if ttype in ("level", "range") else None
    if ttype == "range" and r.get("target_high") is not None and subject is not None:
        return f"{'高于目标区间上限' if subject > r['target_high'] else '低于目标区间下限'}{amount}"
    if r["comparator"] == "==" and subject is not None and subject > r["target"]:
        return f"超出目标{amount}"
    if r["comparator"] in LOWER_IS_BETTER:
        return f"高于目标{amount}" if final else f"尚需降低{amount}"
    return f"距目标差{amount}" if final else f"尚差{amount}"


def _pace_clause(r: dict, unit: str) -> str | None:
    """What it still takes each year: 需年均增长约18.3%; 需年均提高约0.8个百分点; one year left: 2025年需提高0.6个百分点."""
    required, ty, year = r["required_growth_pct"], r["target_year"], r["year"]
    if required is None or ty is None or year is None or ty <= year:
        return None
    left = int(ty - year)
    ttype = _type(r)
    points = _is_pct_unit(unit) and ttype != "annual_rate"
    places = max(1, _places(r)) if points else 1
    if _rounds_to_zero(required, places):
        return None
    amount = _fixed(abs(required), places) + ("个百分点" if points else "%")
    word = ("提高" if required > 0 else "降低") if points else ("增长" if required > 0 else "下降")
    if left == 1:
        return f"{_plain(ty)}年需{word}{amount}"
    return f"今后需年均{word}约{amount}" if ttype == "annual_rate" else f"需年均{word}约{amount}"


def _projection_clause(r: dict, unit: str) -> str | None:
    """按目前增速，预计2025年可达3.1人（难以完成目标）: the anticipated value, mid-term only."""
    projected, ty = r.get("projected"), r["target_year"]
    if projected is None or ty is None or _is_final(r):
        return None
    places = max(_places(r), _decimals(r["baseline"]))
    value = f"{_fixed(projected, places)}{_numbers.gap_unit(unit) if _type(r) == 'cumulative' else unit}"
    if _type(r) == "cumulative":
        text = f"按目前增速，预计{_plain(ty)}年累计可达{value}"
    elif r["comparator"] in LOWER_IS_BETTER + ("==",):
        text = f"按目前增速，预计{_plain(ty)}年为{value}"
    else:
        text = f"按目前增速，预计{_plain(ty)}年可达{value}"
    met = r.get("projected_met")
    if met is None:
        return text
    return text + ("（可以完成目标）" if met else "（难以完成目标）")


def _unmet_clauses(r: dict, unit: str, final: bool, plan=None) -> list[str]:
    """Where the indicator stands against a target it has not met, and (mid-term) what it still takes."""
    ttype, goal = _type(r), _goal(r, plan)
    overshot = r["comparator"] == "==" and r["actual"] is not None and r["actual"] > r["target"]
    if ttype == "annual_rate" and not final and r["gap"] is not None and _rounds_to_zero(r["gap"], _places(r)):
        clauses = [f"年均增速达到{goal}（{_bound(r, unit)}）"]
    elif (r["comparator"] in LOWER_IS_BETTER or r["completion_pct"] is None or ttype in ("range", "annual_rate")
          or overshot):
        clauses = [f"{goal}为{_bound(r, unit)}"]
    else:
        # "目标3.5人的71.4%" reads right for >=; a strict ">" must still say 超过.
        target = _target_value(r, unit) if r["comparator"] in (">=", "==", None) else f"（{_bound(r, unit)}）"
        if ttype == "cumulative":
            target = target.replace(unit, _numbers.gap_unit(unit)) if unit and _is_pct_unit(unit) else target
        clauses = [f"为{goal}{target}的{_fixed(r['completion_pct'], 1)}%"]
    clauses += [c for c in (_gap_clause(r, unit, final),) if c]
    if not final:
        clauses += [c for c in (_pace_clause(r, unit),) if c]
    return clauses


def _qualitative_sentence(r: dict, name: str, unit: str, plan=None) -> str:
    """目标为“稳步提高”：较2020年（96%）提高1.5个百分点，按基期以来变化方向判断为符合目标要求 / 需人工判断."""
    text = _one_line(r.get("target_text") or "")
    head = f"{name}{_fixed(r['actual'], _decimals(r['actual']))}{unit}" if r["actual"] is not None else f"{name}暂无实际值"
    goal = f"目标为“{text}”" if not _is_final(r) else f"{_plan_period_goal(r, plan)}目标为“{text}”"
    if r["actual"] is None:
        return f"{head}，{goal}。"
    if r["status"] == "judge" or r["status"] not in (*FINAL_WORDS, *QUALITATIVE_VERDICTS):
        why = "无基期值可比较" if r["baseline"] is None else "无法按数据判断"
        return f"{head}，{goal}，{why}，需人工判断。"
    change = r["actual"] - r["baseline"]
    places = max(_decimals(r["actual"]), _decimals(r["baseline"]))
    base = f"较{_plain(r['baseline_year'])}年（{_fixed(r['baseline'], _decimals(r['baseline']))}{unit}）" \
        if r["baseline_year"] is not None else f"较基期（{_fixed(r['baseline'], _decimals(r['baseline']))}{unit}）"
    if _rounds_to_zero(change, places):
        moved = "持平"
    else:
        moved = f"{'提高' if change > 0 else '下降'}{_fixed(abs(change), places)}{_numbers.gap_unit(unit)}"
    verdict = FINAL_WORDS.get(r["status"], "未完成") if _is_final(r) else QUALITATIVE_VERDICTS.get(r["status"], "")
    return f"{head}，{goal}：{base}{moved}，按基期以来变化方向判断为{verdict}。"


def _disagreement(r: dict) -> str:
    """部门自评为“已完成”，按数据测算为“滞后于序时进度”，请核对。 (only where the two disagree)"""
    if r.get("status_agrees") is not False or not r.get("reported_status"):
        return ""
    ours = r["status_label"] or status_label(r["status"], "final" if _is_final(r) else "midterm")
    return f"部门自评为“{_one_line(r['reported_status'])}”，按数据测算为“{ours}”，请核对。"


def sentence(row, plan=None) -> str:
    """One Chinese briefing sentence for an indicator, drafted from its numbers.

    `plan`: the plan period ("十四五", a plans.Plan) the final verdict names (“十四五”期末); by default the
    plan that ends in the row's target year.
    """
    r = _row(row)
    return _indicator_sentence(r, plan) + _disagreement(r)


def _indicator_sentence(r: dict, plan=None) -> str:
    name, unit = _name(r), _one_line(r["unit"] or "")
    if _type(r) == "qualitative" and r.get("target_text"):
        return _qualitative_sentence(r, name, unit, plan)
    if r["target"] is None:
        return f"{name}未设定量化目标。"
    if r["actual"] is None:
        return f"{name}暂无实际值，{_goal(r, plan)}为{_bound(r, unit)}。"
    final = _is_final(r)
    lead = [f"{name}{_fixed(r['actual'], _decimals(r['actual']))}{unit}"] + _subject_clauses(r, unit)
    if _is_met(r):
        verb = "完成" if final else "已达到"
        return "，".join(lead) + f"，{verb}{_goal(r, plan)}（{_bound(r, unit)}）。"
    clauses = lead + _unmet_clauses(r, unit, final, plan)
    if final:
        clauses.append(FINAL_WORDS.get(r["status"], "未完成"))
        return "，".join(clauses) + "。"
    clauses += [c for c in (_progress_clause(r),) if c]
    projection = _projection_clause(r, unit)
    return "，".join(clauses) + (f"；{projection}" if projection else "") + "。"


def _area_name(rows: list[dict]) -> str:
    return next((_one_line(r["area"]) for r in rows if r["area"]), "未分类")


def _goal_phrase(targeted: list[dict], plan=None) -> str:
    """"2025年目标" ("“十四五”期末目标") when every target is for the same year and phase, else "目标"."""
    basis = [r for r in targeted if r["actual"] is not None] or targeted  # no data: no phase to speak of
    years = {(r["target_year"], _is_final(r), _type(r) in ("cumulative", "annual_rate")) for r in basis}
    if len(years) == 1 and None not in next(iter(years)):
        first = dict(basis[0], target_type="level")  # the counts speak of targets, whatever their type
        return _goal(first, plan)
    return "量化目标" if all(r["target"] is not None for r in targeted) else "目标"


def _verdict_word(r: dict) -> str:
    """The word a row is counted under: 已达到 / 尚未达到 mid-term, 完成 / 基本完成 / 未完成 final."""
    if r["actual"] is None:
        return "暂无数据"
    if r["status"] == "judge":
        return "需人工判断"
    if _is_final(r):
        return FINAL_WORDS.get(r["status"], "完成" if _is_met(r) else "未完成")
    return "已达到" if _is_met(r) else "尚未达到"


def _counts(rows: list[dict], unit: str = "项") -> str:
    """"其中已达到1项、尚未达到2项"; "均未达到" / "均已完成" when there is one verdict only."""
    words = [_verdict_word(r) for r in rows]
    present = [w for w in COUNT_WORDS if w in words]
    if len(present) == 1:
        return ALL_WORDS[present[0]] if len(words) > 1 else present[0]
    return "其中" + "、".join(f"{w}{words.count(w)}{unit}" for w in present)


def area_sentence(table_for_one_area: pd.DataFrame, plan=None) -> str:
    """One line for an area: how many indicators, how many have targets, met / not met, which lag."""
    rows = _records(table_for_one_area)
    plan = plan or table_for_one_area.attrs.get("assess", {}).get("plan")
    area, n = _area_name(rows), len(rows)
    targeted = [r for r in rows if _has_target(r)]
    if not targeted:
        return f"{area}：{n}项指标{'均' if n > 1 else ''}未设定量化目标。"
    if len(targeted) == n:
        head = f"{n}项指标{'均' if n > 1 else ''}设有"
    else:
        head = f"{n}项指标中，{len(targeted)}项设有"
    text = f"{area}：{head}{_goal_phrase(targeted, plan)}，{_counts(targeted)}"
    with_region = len({r["region"] for r in rows if r["region"]}) > 1
    for label, names in _warnings(targeted, with_region).items():
        text += f"；{label}的有{'、'.join(names)}"
    return text + "。"


def _warnings(rows: list[dict], with_region: bool) -> dict[str, list[str]]:
    """Names of lagging / regressing / unmet (未完成, 基本完成, 需人工判断) indicators under their own label."""
    found: dict[str, list[str]] = {}
    for status in NAMED_STATUSES:
        for r in rows:
            if r["status"] == status and r["actual"] is not None:
                label = r["status_label"] or status_label(status, "final" if _is_final(r) else "midterm")
                found.setdefault(label, []).append(_name(r, with_region))
    return found


def _md_line(s: str) -> str:
    """Stop a sentence that starts like Markdown syntax (#, -, 1.) from becoming a heading or list."""
    return textsafe.md_text(s)


def _groups(frame: pd.DataFrame, column: str) -> list[pd.DataFrame]:
    """Sub-tables by `column` in order of first appearance (missing values form their own group)."""
    return [part for _, part in frame.groupby(column, sort=False, dropna=False)]


def evaluation_kind(table: pd.DataFrame, plan=None) -> str:
    """总结评估 (data at or after the target year), 中期评估 (≥ 40 % of the plan period passed) or 年度监测.

    The latest data year against the plan: 2025 for 十四五 is 总结评估; 2022–2024 中期评估 (2023 is the
    usual mid-term year, and mid-term reviews written in 2023 often stand on 2022 data); 2021 年度监测.
    """
    rows = _records(table)
    years = [r["year"] for r in rows if r["year"] is not None]
    if not years:
        return "评估"
    year = max(years)
    p = _resolve(plan)
    if p is None:
        ends = sorted({r["target_year"] for r in rows if r["target_year"] is not None})
        p = next((_plan_of({"target_year": ty}) for ty in ends if ty >= year), None) or (
            _plan_of({"target_year": ends[-1]}) if ends else None)
    if p is None:
        finals = [_is_final(r) for r in rows if r["target_year"] is not None and r["year"] is not None]
        return "总结评估" if finals and all(finals) else "评估"
    if year >= p.target_year:
        return "总结评估"
    return "中期评估" if p.elapsed_share(year) >= 0.4 else "年度监测"


def plan_of_table(table: pd.DataFrame, plan=None) -> Plan | None:
    """The plan a table is evaluated against: the one given, the one assess was told, else by its target years."""
    p = _resolve(plan) or _resolve(table.attrs.get("assess", {}).get("plan"))
    if p is not None:
        return p
    years = table["target_year"].dropna() if "target_year" in table else pd.Series(dtype=float)
    if years.empty:
        return None
    return _plan_of({"target_year": int(years.mode().iloc[0])})


def default_title(table: pd.DataFrame, plan=None, kind: str = "简报") -> str:
    """景德镇市“十四五”规划主要指标中期评估简报（2023年）: place, plan, 总结评估 / 中期评估 / 年度监测, year."""
    regions = [r for r in table["region"].dropna().unique() if r]
    place = _one_line(regions[0]) if len(regions) == 1 else ("各地区" if regions else "")
    p = plan_of_table(table, plan)
    years = table["year"].dropna()
    year = int(years.max()) if len(years) else None
    plan_text = f"{p.label}规划" if p is not None else "规划"
    return f"{place}{plan_text}主要指标{evaluation_kind(table, p)}{kind}" + (f"（{year}年）" if year else "")


def summary_markdown(table: pd.DataFrame, title: str | None = None, plan=None) -> str:
    """Title, one line per area, then one sentence per indicator with a target, grouped by area.

    `title`: by default from the data (place, plan, 总结评估 / 中期评估 / 年度监测, year).
    """
    frame = _gap_frame(table)
    frame.attrs = dict(table.attrs)
    plan = plan or table.attrs.get("assess", {}).get("plan") or None
    title = title or default_title(frame, plan, "摘要")
    # One region (the usual city report) needs no region headings; rows without a region stay with it.
    by_region = frame["region"].nunique(dropna=True) > 1
    lines = [f"# {textsafe.md_text(title)}", "", "## 总体情况", "", _md_line(overall_sentence(frame, plan)), ""]
    if by_region:
        comparisons = [c for c in (region_comparison(part, plan) for part in _groups(frame, "indicator_id")) if c]
        if comparisons:
            lines += ["## 各地区比较", ""] + [x for c in comparisons for x in (_md_line(c), "")]
    for part in _groups(frame, "region") if by_region else [frame]:
        level = "###" if by_region else "##"
        if by_region:
            lines += [f"## {textsafe.md_text(str(_clean(part['region'].iloc[0]) or '未注明地区'))}", ""]
        lines += _summary_section(part, level, plan)
    return "\n".join(lines).rstrip("\n") + "\n"


def _place(rows: list[dict]) -> str:
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    return regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")


def final_counts(rows: list[dict], unit: str = "个指标", count_unit: str = "个") -> str:
    """"28个指标中完成25个、未完成3个，完成率89.3%" as final evaluations count (rows in the final phase).

    The rate is 完成 ÷ the indicators judged (基本完成 is not 完成); rows without data or needing a person's
    judgement are named after it ("另有暂无数据1个").
    """
    words = [_verdict_word(r) for r in rows]
    judged = [w for w in words if w in ("完成", "基本完成", "未完成")]
    done = judged.count("完成")
    parts = [f"{w}{judged.count(w)}{count_unit}" for w in ("完成", "基本完成", "未完成") if judged.count(w)]
    if judged:
        text = f"{len(judged)}{unit}中{'、'.join(parts)}，完成率{_fixed(done / len(judged) * 100, 1)}%"
    else:
        text = ""
    others = [f"{w}{words.count(w)}{count_unit}" for w in ("需人工判断", "暂无数据") if words.count(w)]
    if others:
        text += ("；另有" if text else "") + "、".join(others)
    return text


def overall_sentence(table: pd.DataFrame, plan=None) -> str:
    """The whole-pack paragraph: how many indicators (and regions), how many with targets, how many met.

    Mid-term: "…6项设有2025年目标，其中已达到2项、尚未达到4项，达标率33.3%；滞后于序时进度2项…".
    Final: "…设有“十四五”期末目标的6个指标中完成4个、未完成2个，完成率66.7%。"
    """
    rows = _records(table)
    plan = plan or table.attrs.get("assess", {}).get("plan") or None
    ids = list(dict.fromkeys(r["indicator_id"] for r in rows))
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    targeted = [r for r in rows if _has_target(r)]
    years = sorted({r["year"] for r in rows if r["year"] is not None})
    when = f"截至{_plain(years[-1])}年，" if years else ""
    where = regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")
    several = len(regions) > 1
    if several:
        head = f"{when}{where}共监测{len(ids)}项指标（{len(rows)}个地区指标）"
    else:
        head = f"{when}{where}共监测{len(ids)}项指标"
    if not targeted:
        return head + "，均未设定量化目标。"
    unit = "个地区指标" if several else "项"
    final = [r for r in targeted if _is_final(r) and r["actual"] is not None]
    midterm = [r for r in targeted if not _is_final(r) and r["actual"] is not None]
    no_data = [r for r in targeted if r["actual"] is None]
    # Rows without data are counted with the final evaluation when every row with data is final.
    (final if final and not midterm else midterm).extend(no_data)
    clauses = []
    if final:
        what = "个地区指标" if several else "个指标"
        counted = final_counts(final, what)
        clauses.append(f"设有{_goal_phrase(final, plan)}的{counted}" if counted[:1].isdigit() else counted)
    if midterm:
        met = sum(r["actual"] is not None and _is_met(r) for r in midterm)
        counted = _counts(midterm, "个" if several else "项")
        text = f"{len(midterm)}{unit}设有{_goal_phrase(midterm, plan)}，{counted}"
        if met and len(midterm) > 1:
            text += f"，达标率{_fixed(met / len(midterm) * 100, 1)}%"
        clauses.append(("其余" if final else "") + text)
        # 尚未达到 is already counted above; the pace statuses (滞后、逆向) are worth their own clause.
        warned = {label: len(names) for label, names in _warnings(midterm, several).items()
                  if label != STATUS_LABELS["not_achieved"]}
        if warned:
            clauses.append("，".join(f"{label}{count}{unit}" for label, count in warned.items()))
    return f"{head}；" + "；".join(clauses) + "。"


def region_comparison(table_for_one_indicator: pd.DataFrame, plan=None) -> str | None:
    """"每万人口执业药师数：5个地区中3个已达到2025年目标，最低的是昌江区（2人）。" (None: fewer than two regions).

    In the final phase: "5个地区中3个完成“十四五”期末目标".
    """
    rows = [r for r in _records(table_for_one_indicator) if r["region"]]
    valued = [r for r in rows if r["actual"] is not None]
    if len({r["region"] for r in rows}) < 2 or not valued:
        return None
    n, name = len(rows), _name(rows[0])
    unit = _one_line(rows[0]["unit"] or "")
    lower = rows[0]["comparator"] in LOWER_IS_BETTER
    worst = (max if lower else min)(valued, key=lambda r: r["actual"])
    best = (min if lower else max)(valued, key=lambda r: r["actual"])
    value = lambda r: f"{r['region']}（{_fixed(r['actual'], _decimals(r['actual']))}{unit}）"  # noqa: E731
    targeted = [r for r in rows if _has_target(r)]
    if targeted:
        met = sum(r["actual"] is not None and _is_met(r) for r in targeted)
        goal = _goal_phrase(targeted, plan)
        final = all(_is_final(r) for r in targeted)
        reached, missed = ("完成", "未完成") if final else ("已达到", "未达到")
        if met == len(targeted) == n:
            verdict = f"{n}个地区均{'已' if final else ''}{reached}{goal}"
        elif met == 0:
            verdict = (f"{n}个地区均{missed}{goal}" if len(targeted) == n
                       else f"{n}个地区中设有目标的{len(targeted)}个均{missed}{goal}")
        else:
            verdict = f"{n}个地区中{met}个{reached}{goal}"
    else:
        verdict = f"{n}个地区均未设定量化目标"
    word = ("最高" if lower else "最低"), ("最低" if lower else "最高")
    return f"{name}：{verdict}，{word[1]}的是{value(best)}，{word[0]}的是{value(worst)}。"


def data_sentence(frame: pd.DataFrame) -> str:
    """What the tidy frame holds, in one sentence computed from it (notebook 01)."""
    if frame.empty:
        return "没有读到任何指标。"
    present = frame[frame["value"].notna()]
    ids = frame["indicator_id"].nunique()
    regions = frame["region"].nunique()
    years = sorted(int(y) for y in present.loc[present["kind"] == "actual", "year"].dropna().unique())
    with_kind = {k: present.loc[present["kind"] == k, "indicator_id"].nunique() for k in ("baseline", "target")}
    span = (f"{years[0]}–{years[-1]}年" if len(years) > 1 else f"{years[0]}年") if years else "无"
    text = f"共{ids}项指标" + (f"、{regions}个地区" if regions > 1 else "") + f"；实际值年份：{span}"
    text += f"；{with_kind['baseline']}项有基期值，{with_kind['target']}项有目标值。"
    if with_kind["baseline"] < ids:
        text += f"没有基期值的{ids - with_kind['baseline']}项无法计算目标进度（只比较实际值与目标）；"
    if with_kind["target"] < ids:
        text += f"没有目标值的{ids - with_kind['target']}项只记录现状，不作判断；"
    if len(years) < 2:
        text += "每个指标只有一个年份，没有趋势可画；"
    return text.rstrip("；") + ("。" if not text.endswith("。") else "")


def missing_sentence(missing: pd.DataFrame) -> str:
    """How many cells are empty, by kind, from validate.missing_values() (notebook 01)."""
    if missing.empty:
        return "没有留空的单元格。"
    kinds = missing["类型"].value_counts(sort=False)
    listed = "、".join(f"{k}{n}个" for k, n in kinds.items())
    return f"共有{len(missing)}个单元格留空或填“—”（{listed}）：表中如实留空，没有推算；补齐后重新运行即可。"


def status_pivot(table: pd.DataFrame, by: str = "area") -> pd.DataFrame:
    """Count of indicators by `by` (area or region) and status, Chinese axis names, statuses best first."""
    labels = {s: STATUS_LABELS.get(s, s) for s in STATUSES}
    frame = _gap_frame(table)
    present = [s for s in STATUSES if s in set(frame["status"])] + [
        s for s in dict.fromkeys(frame["status"]) if s not in STATUSES]
    label_of = {s: (frame.loc[frame["status"] == s, "status_label"].iloc[0] or labels.get(s, s)) for s in present}
    counts = pd.crosstab(frame[by].fillna("未分类"), frame["status"]).reindex(columns=present, fill_value=0)
    counts = counts.reindex(list(dict.fromkeys(frame[by].fillna("未分类"))))
    counts.columns = pd.Index([label_of[s] for s in present], name="评估结论")
    counts.index.name = GAP_HEADERS_ZH.get(by, by)
    counts["合计"] = counts.sum(axis=1)
    return counts


def _summary_section(part: pd.DataFrame, level: str, plan=None) -> list[str]:
    """Area lines, then the indicator sentences under one heading per area (areas without targets skipped)."""
    areas = _groups(part, "area")
    lines = [f"{level} 分领域概况", ""]
    lines += [line for area in areas for line in (_md_line(area_sentence(area, plan)), "")]
    sentences = []
    for area in areas:
        rows = [(row, r) for (_, row), r in zip(area.iterrows(), _records(area)) if _has_target(r)]
        if rows:
            sentences += [f"{level}# {textsafe.md_text(_area_name(_records(area)))}", ""]
            sentences += [line for row, _ in rows for line in (_md_line(sentence(row, plan)), "")]
    return lines + ([f"{level} 分指标情况", ""] + sentences if sentences else [])


def write_summary(table: pd.DataFrame, path, title: str | None = None, plan=None) -> Path:
    """Write summary.md (the briefing draft) atomically; the title by default from the data (default_title)."""
    path = Path(path)
    atomic_write_text(path, summary_markdown(table, title, plan))
    return path


def write_gap_table(table: pd.DataFrame, out_dir, **kw) -> dict[str, Path]:
    """Write gap_table.csv, gap_table.xlsx and gap_table.md into out_dir; keywords go to write_xlsx."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "csv": write_csv(table, out / "gap_table.csv"),
        "xlsx": write_xlsx(table, out / "gap_table.xlsx", **kw),
        "md": write_markdown(table, out / "gap_table.md"),
    }


def styled_gap_table(table: pd.DataFrame, columns: list[str] | None = None):
    """The gap table for display in a notebook: Chinese headers, numbers as in the exports, a fixed uuid.

    The fixed uuid keeps the HTML identical between runs, so nbval can compare it.
    """
    shown = _gap_frame(table)[columns or GAP_COLUMNS].copy()
    rows = _records(table)
    per = _indicator_decimals(rows)
    places = {i: per[r["indicator_id"]] for i, r in zip(shown.index, rows)}
    for column in shown.columns:
        if column in PCT_COLUMNS or column in VALUE_COLUMNS or column in YEAR_COLUMNS or shown[column].dtype == "boolean":
            shown[column] = [
                _display(column, _clean(v), places[i]) for i, v in zip(shown.index, shown[column])
            ]
    shown = shown.rename(columns=GAP_HEADERS_ZH).astype(object).fillna("").map(textsafe.clean)
    # Every text cell HTML-escaped: a name holding <script> or </td> stays text in the notebook and in
    # its nbconvert HTML.
    return shown.style.set_uuid("gap_table").hide(axis="index").format(escape="html")
