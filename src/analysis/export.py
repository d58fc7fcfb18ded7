"""Export the gap table for analysts: CSV, a styled Excel workbook, Markdown, and Chinese briefing sentences.

Every file is written atomically and deterministically (same table in, same bytes out), and no text
taken from the input can ever become a spreadsheet formula.
"""

from __future__ import annotations

import csv
import datetime
import math
import numbers
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from . import numbers as _numbers
from . import palette, textsafe
from .assess import meets as _meets
from .safeio import atomic_write, atomic_write_text, inert_text
from .schema import COMPARATOR_ZH, GAP_COLUMNS, GAP_HEADERS_ZH, STATUS_LABELS, STATUSES

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

# Fixed document timestamps and zip entry times, so saving the same table twice gives the same bytes.
FIXED_TIMESTAMP = datetime.datetime(2020, 1, 1, 0, 0, 0)
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)

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
    limits = {"ahead": 1.3, "on_track": 0.7, **(thresholds or {})}
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


class _StableZip(ZipFile):
    """A ZipFile that stamps every entry with one fixed time, so the xlsx bytes do not change per run."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = ZipInfo(zinfo_or_arcname, date_time=ZIP_TIMESTAMP)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16  # what ZipFile gives a plain name
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl streams each worksheet through a temp file; ZipFile.write would stamp its mtime.
        with open(filename, "rb") as src:
            self.writestr(arcname or Path(filename).name, src.read(), compress_type, compresslevel)


def build_workbook(table: pd.DataFrame, *, sources=None, method_text=None) -> Workbook:
    """The styled workbook: 目标差距表 (the table) and 说明 (columns, method, legend, sources)."""
    wb = Workbook()
    ws = wb.active
    ws.title = TABLE_SHEET
    _write_table_sheet(ws, _records(table))
    method_text = method_text or method_text_zh(**table.attrs.get("assess", {}))  # the method actually used
    _write_notes_sheet(wb.create_sheet(NOTES_SHEET), sources, method_text)
    wb.properties.creator = "indicator-gap"
    wb.properties.created = wb.properties.modified = FIXED_TIMESTAMP
    return wb


def write_xlsx(table: pd.DataFrame, path, *, sources=None, method_text=None) -> Path:
    """Write the styled workbook atomically, byte-identical for the same input."""
    path = Path(path)
    wb = build_workbook(table, sources=sources, method_text=method_text)
    with atomic_write(path, "wb") as fh:
        # ExcelWriter directly: openpyxl's save() would stamp "modified" with the current time.
        ExcelWriter(wb, _StableZip(fh, "w", compression=ZIP_DEFLATED)).save()
    return path


# ---------------------------------------------------------------- briefing sentences

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


def _goal(r: dict) -> str:
    return f"{_plain(r['target_year'])}年目标" if r["target_year"] is not None else "目标"


def _target_value(r: dict, unit: str) -> str:
    """The target with its own precision: 4件, not 4.00件 next to an actual of 3.59."""
    return f"{_fixed(r['target'], _decimals(r['target']))}{unit}"


def _bound(r: dict, unit: str) -> str:
    """The target as a requirement: 不低于80项, 超过4件, 不高于0起 (a bare value for "==")."""
    comparator = r["comparator"] or ""
    word = "" if comparator == "==" else COMPARATOR_ZH.get(comparator, "")
    return word + _target_value(r, unit)


def _progress_clause(r: dict) -> str | None:
    """进度滞后于序时进度, 较基期逆向变化; other labels (the Eurostat method's 进展不足) as they are."""
    if r["status"] not in PROGRESS_STATUSES:
        return None
    label = r["status_label"] or STATUS_LABELS[r["status"]]
    if label.endswith("序时进度"):
        return "进度" + label
    return "较基期" + label if label == "逆向变化" else label


def _unmet_clauses(r: dict, unit: str) -> list[str]:
    """Where the indicator stands against a target it has not met yet, and what it still takes."""
    lower = r["comparator"] in LOWER_IS_BETTER
    if lower or r["completion_pct"] is None:
        clauses = [f"{_goal(r)}为{_bound(r, unit)}"]
    else:
        # "目标3.5人的71.4%" reads right for >=; a strict ">" must still say 超过.
        target = _target_value(r, unit) if r["comparator"] in (">=", "==", None) else f"（{_bound(r, unit)}）"
        clauses = [f"为{_goal(r)}{target}的{_fixed(r['completion_pct'], 1)}%"]
    gap = abs(r["gap"] if r["gap"] is not None else r["target"] - r["actual"])
    places = max(_decimals(r["actual"]), _decimals(r["target"]))
    if _decimal(gap).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) != 0:
        gap_unit = "个百分点" if _is_pct_unit(unit) else unit  # a gap between two rates is in points
        clauses.append(f"{'尚需降低' if lower else '尚差'}{_fixed(gap, places)}{gap_unit}")
    if r["required_growth_pct"] is not None:
        word = "下降" if r["required_growth_pct"] < 0 else "增长"
        clauses.append(f"需年均{word}约{_fixed(abs(r['required_growth_pct']), 1)}%")
    return clauses


def sentence(row) -> str:
    """One Chinese briefing sentence for an indicator, drafted from its numbers."""
    r = {c: _clean(row.get(c)) for c in GAP_COLUMNS}
    name, unit = _name(r), _one_line(r["unit"] or "")
    if r["target"] is None:
        return f"{name}未设定量化目标。"
    if r["actual"] is None:
        return f"{name}暂无实际值，{_goal(r)}为{_bound(r, unit)}。"
    actual = f"{name}{_fixed(r['actual'], _decimals(r['actual']))}{unit}"
    if _is_met(r):
        return f"{actual}，已达到{_goal(r)}（{_bound(r, unit)}）。"
    clauses = [actual] + _unmet_clauses(r, unit) + [c for c in [_progress_clause(r)] if c]
    return "，".join(clauses) + "。"


def _area_name(rows: list[dict]) -> str:
    return next((_one_line(r["area"]) for r in rows if r["area"]), "未分类")


def _goal_phrase(targeted: list[dict]) -> str:
    """"2025年目标" when every target is for the same year, else the neutral "量化目标"."""
    years = {r["target_year"] for r in targeted}
    return _goal(targeted[0]) if len(years) == 1 and None not in years else "量化目标"


def area_sentence(table_for_one_area: pd.DataFrame) -> str:
    """One line for an area: how many indicators, how many have targets, met / not met, which lag."""
    rows = _records(table_for_one_area)
    area, n = _area_name(rows), len(rows)
    targeted = [r for r in rows if r["target"] is not None]
    if not targeted:
        return f"{area}：{n}项指标{'均' if n > 1 else ''}未设定量化目标。"
    no_data = sum(r["actual"] is None for r in targeted)
    met = sum(r["actual"] is not None and _is_met(r) for r in targeted)
    unmet = len(targeted) - met - no_data
    if len(targeted) == n:
        head = f"{n}项指标{'均' if n > 1 else ''}设有"
    else:
        head = f"{n}项指标中，{len(targeted)}项设有"
    text = f"{area}：{head}{_goal_phrase(targeted)}，{_met_counts(met, unmet, no_data)}"
    with_region = len({r["region"] for r in rows if r["region"]}) > 1
    for label, names in _warnings(targeted, with_region).items():
        text += f"；{label}的有{'、'.join(names)}"
    return text + "。"


def _met_counts(met: int, unmet: int, no_data: int, unit: str = "项") -> str:
    """"其中已达到1项、尚未达到2项"; "均未达到" / "均已达到" when there is nothing to count on one side."""
    total = met + unmet + no_data
    if no_data == 0 and met == 0:
        return "均未达到" if total > 1 else "尚未达到"
    if no_data == 0 and unmet == 0:
        return "均已达到" if total > 1 else "已达到"
    counts = ([f"已达到{met}{unit}"] if met else []) + ([f"尚未达到{unmet}{unit}"] if unmet else [])
    counts += [f"暂无数据{no_data}{unit}"] if no_data else []
    return "其中" + "、".join(counts)


def _warnings(rows: list[dict], with_region: bool) -> dict[str, list[str]]:
    """Names of lagging / regressing / unmet indicators under their own label (labels differ by method)."""
    found: dict[str, list[str]] = {}
    for status in WARNING_STATUSES:
        for r in rows:
            if r["status"] == status:
                found.setdefault(r["status_label"] or STATUS_LABELS[status], []).append(_name(r, with_region))
    return found


def _md_line(s: str) -> str:
    """Stop a sentence that starts like Markdown syntax (#, -, 1.) from becoming a heading or list."""
    return textsafe.md_text(s)


def _groups(frame: pd.DataFrame, column: str) -> list[pd.DataFrame]:
    """Sub-tables by `column` in order of first appearance (missing values form their own group)."""
    return [part for _, part in frame.groupby(column, sort=False, dropna=False)]


def summary_markdown(table: pd.DataFrame, title: str = DEFAULT_SUMMARY_TITLE) -> str:
    """Title, one line per area, then one sentence per indicator with a target, grouped by area."""
    frame = _gap_frame(table)
    # One region (the usual city report) needs no region headings; rows without a region stay with it.
    by_region = frame["region"].nunique(dropna=True) > 1
    lines = [f"# {textsafe.md_text(title)}", "", "## 总体情况", "", _md_line(overall_sentence(frame)), ""]
    if by_region:
        comparisons = [c for c in (region_comparison(part) for part in _groups(frame, "indicator_id")) if c]
        if comparisons:
            lines += ["## 各地区比较", ""] + [x for c in comparisons for x in (_md_line(c), "")]
    for part in _groups(frame, "region") if by_region else [frame]:
        level = "###" if by_region else "##"
        if by_region:
            lines += [f"## {textsafe.md_text(str(_clean(part['region'].iloc[0]) or '未注明地区'))}", ""]
        lines += _summary_section(part, level)
    return "\n".join(lines).rstrip("\n") + "\n"


def _place(rows: list[dict]) -> str:
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    return regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")


def overall_sentence(table: pd.DataFrame) -> str:
    """The whole-pack paragraph: how many indicators (and regions), how many with targets, how many met."""
    rows = _records(table)
    ids = list(dict.fromkeys(r["indicator_id"] for r in rows))
    regions = list(dict.fromkeys(r["region"] for r in rows if r["region"]))
    targeted = [r for r in rows if r["target"] is not None]
    years = sorted({r["year"] for r in rows if r["year"] is not None})
    when = f"截至{_plain(years[-1])}年，" if years else ""
    where = regions[0] if len(regions) == 1 else (f"{len(regions)}个地区" if regions else "")
    if len(regions) > 1:
        head = f"{when}{where}共监测{len(ids)}项指标（{len(rows)}个地区指标）"
    else:
        head = f"{when}{where}共监测{len(ids)}项指标"
    if not targeted:
        return head + "，均未设定量化目标。"
    met = sum(r["actual"] is not None and _is_met(r) for r in targeted)
    no_data = sum(r["actual"] is None for r in targeted)
    unit = "个地区指标" if len(regions) > 1 else "项"
    counted = _met_counts(met, len(targeted) - met - no_data, no_data, "个" if len(regions) > 1 else "项")
    text = f"{head}；{len(targeted)}{unit}设有{_goal_phrase(targeted)}，{counted}"
    if met and len(targeted) > 1:
        text += f"，达标率{_fixed(met / len(targeted) * 100, 1)}%"
    warned = {label: len(names) for label, names in _warnings(targeted, len(regions) > 1).items()}
    if warned:
        text += "；" + "，".join(f"{label}{count}{unit}" for label, count in warned.items())
    return text + "。"


def region_comparison(table_for_one_indicator: pd.DataFrame) -> str | None:
    """"每万人口执业药师数：5个地区中3个已达到2025年目标，最低的是昌江区（2人）。" (None: fewer than two regions)."""
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
    targeted = [r for r in rows if r["target"] is not None]
    if targeted:
        met = sum(r["actual"] is not None and _is_met(r) for r in targeted)
        goal = _goal_phrase(targeted)
        if met == len(targeted) == n:
            verdict = f"{n}个地区均已达到{goal}"
        elif met == 0:
            verdict = f"{n}个地区均未达到{goal}" if len(targeted) == n else f"{n}个地区中设有目标的{len(targeted)}个均未达到{goal}"
        else:
            verdict = f"{n}个地区中{met}个已达到{goal}"
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


def _summary_section(part: pd.DataFrame, level: str) -> list[str]:
    """Area lines, then the indicator sentences under one heading per area (areas without targets skipped)."""
    areas = _groups(part, "area")
    lines = [f"{level} 分领域概况", ""]
    lines += [line for area in areas for line in (_md_line(area_sentence(area)), "")]
    sentences = []
    for area in areas:
        targeted = area[area["target"].notna()]
        if len(targeted):
            sentences += [f"{level}# {textsafe.md_text(_area_name(_records(area)))}", ""]
            sentences += [line for _, row in targeted.iterrows() for line in (_md_line(sentence(row)), "")]
    return lines + ([f"{level} 分指标情况", ""] + sentences if sentences else [])


def write_summary(table: pd.DataFrame, path, title: str = DEFAULT_SUMMARY_TITLE) -> Path:
    """Write summary.md (the briefing draft) atomically."""
    path = Path(path)
    atomic_write_text(path, summary_markdown(table, title))
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
