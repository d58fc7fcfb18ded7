"""The gap-table workbook as a reader prints it: the 打印表 sheet, the 地区×指标 sheet, page setups, no English
codes, and the streamed (write-only) workbook holding the same cells."""

import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from regions_workbook import REGIONS, regions_workbook

from analysis.assess.gap import assess
from analysis.config import BUNDLED_WORKBOOK
from analysis.read.loader import load_indicators
from analysis.write import xlsx
from analysis.write.xlsx import write_xlsx

CODES = re.compile(r"^(?:[a-z]+(?:_[a-z0-9]+)*|>=|<=|>|<|==)$")  # higher, no_target, midterm, ">=" …


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    table = assess(load_indicators(BUNDLED_WORKBOOK))
    return table, load_workbook(write_xlsx(table, tmp_path_factory.mktemp("x") / "gap.xlsx"))


@pytest.fixture(scope="module")
def regions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("r")
    table = assess(load_indicators(regions_workbook(tmp / "县区.xlsx")))
    return table, load_workbook(write_xlsx(table, tmp / "gap.xlsx"))


def _values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_printable_sheet_headers_and_words(bundled):
    _, wb = bundled
    assert wb.sheetnames == ["目标差距表", "打印表", "说明"]
    rows = _values(wb["打印表"])
    assert rows[0] == ["领域", "指标名称", "单位", "数据年份", "实际值", "目标值", "尚差", "完成度(%)", "评估结论"]
    assert len(rows) == 1 + 23
    # 每万人口执业药师数 2.5 against ≥3.5 (the plan writes 3.5: the sign says how it is compared).
    pharm = next(r for r in rows if r[1] == "每万人口执业药师数")
    assert pharm[2:8] == ["人", 2023, 2.5, "≥3.5", 1.0, pytest.approx(71.43, abs=0.01)]
    assert pharm[8] == "尚未达到目标"
    shown = [v for row in rows[1:] for v in row if isinstance(v, str)]
    assert not [v for v in shown if CODES.match(v)]
    assert "无量化目标" in shown


def test_printable_sheet_print_setup_keeps_10_pt(bundled):
    ws = bundled[1]["打印表"]
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws["B2"].font.sz == 10
    # Fit to width only shrinks what is wider than the page: A4 landscape 297 mm − 2 × 10 mm side margins −
    # 2 × 12.7 mm (0.5 in) = 251.6 mm; an Excel width unit is about 1.9 mm (7 px at 96 dpi): 132 units hold at 100 %.
    total = sum(ws.column_dimensions[c].width for c in "ABCDEFGHI")
    assert total <= 132


def test_full_sheet_and_notes_print_setup(bundled):
    _, wb = bundled
    full = wb["目标差距表"]
    assert full.page_setup.orientation == "landscape" and full.print_title_rows == "$1:$1"
    assert not full.sheet_properties.pageSetUpPr.fitToPage  # 31 columns fitted to a page width would be 4 pt
    header = [c.value for c in full[1]]
    names = [c.value for c in full[get_column_letter(header.index("指标名称") + 1)]]
    row = names.index("每万人口执业药师数") + 1
    # A floor target (≥3.5), higher is better, mid-term (2023 of 2020–2025).
    words = {name: full.cell(row=row, column=header.index(name) + 1).value for name in ("目标比较符", "指标方向", "评估阶段")}
    assert words == {"目标比较符": "≥", "指标方向": "越高越好", "评估阶段": "中期"}
    notes = wb["说明"]
    assert (notes.page_setup.orientation, notes.page_setup.fitToWidth, notes.page_setup.paperSize) == ("portrait", 1, 9)
    assert notes.sheet_properties.pageSetUpPr.fitToPage


def test_several_regions_region_column_and_grid(regions):
    table, wb = regions
    assert wb.sheetnames == ["目标差距表", "打印表", "地区×指标", "说明"]
    printed = _values(wb["打印表"])
    assert printed[0][:3] == ["地区", "领域", "指标名称"] and len(printed[0]) == 10
    assert len(printed) == 1 + 5 * 15
    grid = _values(wb["地区×指标"])
    assert [r[0] for r in grid] == ["地区", *REGIONS]
    assert grid[0][1:4] == ["制造业产品质量合格率", "食品抽检合格率", "品牌建设数量"]
    # 高新区 (k = 4): pharmacists 2.0 + 2 × 0.2 = 2.4 in 2020, + 4 × 0.25 × 1.6 = 4.0 in 2024 ≥ 3.5.
    pharm = grid[0].index("每万人口执业药师数")
    assert grid[5][pharm] == "已达到目标"
    assert not [v for row in grid[1:] for v in row[1:] if isinstance(v, str) and CODES.match(v)]
    assert wb["地区×指标"].print_title_cols == "$A:$A"


def test_streamed_workbook_holds_the_same_cells(regions, tmp_path, monkeypatch):
    table, wb = regions
    monkeypatch.setattr(xlsx, "WRITE_ONLY_ROWS", 10)  # 75 rows: streamed
    streamed = load_workbook(write_xlsx(table, tmp_path / "s.xlsx"))
    assert streamed.sheetnames == wb.sheetnames
    for name in wb.sheetnames:
        assert _values(streamed[name]) == _values(wb[name]), name
    a, b = wb["打印表"], streamed["打印表"]
    assert a.print_title_rows == b.print_title_rows and a.page_setup.fitToWidth == b.page_setup.fitToWidth
    assert [a.column_dimensions[c].width for c in "ABCDEFGHIJ"] == [b.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert a["J3"].fill.fgColor.rgb == b["J3"].fill.fgColor.rgb
    notes_a, notes_b = wb["说明"], streamed["说明"]
    heights = lambda ws: {k: d.height for k, d in ws.row_dimensions.items() if d.height}  # noqa: E731
    assert heights(notes_a) == heights(notes_b)


def test_full_sheet_flags_in_words_and_projections_at_the_indicators_decimals(regions):
    ws = regions[1]["目标差距表"]
    header = [c.value for c in ws[1]]
    met = {ws.cell(row=i, column=header.index("预计能否达标") + 1).value for i in range(2, ws.max_row + 1)}
    assert met == {"是", "否"}  # not TRUE / FALSE
    # 昌江区 制造业产品质量合格率 (row 2): values written with 2 decimals in the workbook (97.0 + … = 96.52).
    projected = ws.cell(row=2, column=header.index("期末预计值") + 1)
    assert projected.number_format == "#,##0.00"
    assert ws.cell(row=2, column=header.index("进度比") + 1).number_format == "0.00"


@pytest.mark.parametrize("streamed", [False, True])
def test_past_csv_only_rows_the_full_table_is_left_to_the_csv(regions, tmp_path, monkeypatch, streamed):
    """Issue 19: at national scale (84,000 rows) the 31-column 目标差距表 is the CSV's alone; 打印表 and 说明 say so."""
    table, _ = regions
    monkeypatch.setattr(xlsx, "CSV_ONLY_ROWS", 74)  # 5 regions × 15 indicators = 75 rows: one past the limit
    if streamed:
        monkeypatch.setattr(xlsx, "WRITE_ONLY_ROWS", 10)
    wb = load_workbook(write_xlsx(table, tmp_path / "big.xlsx"))
    assert wb.sheetnames == ["打印表", "地区×指标", "说明"]
    printed = wb["打印表"]
    note = printed["A1"].value
    assert note.startswith("本表共75行（超过74行），含全部分析列的“目标差距表”不写入本工作簿") and "gap_table.csv" in note
    assert [c.value for c in printed[2]][:3] == ["地区", "领域", "指标名称"]
    assert printed.max_row == 2 + 75 and printed.print_title_rows == "$2:$2" and printed.freeze_panes == "A3"
    assert printed["A3"].value == "昌江区" and printed["C3"].value == "制造业产品质量合格率"
    assert wb["说明"]["A2"].value == note
