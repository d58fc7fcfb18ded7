"""The one Styler every notebook table goes through: text left, numbers right, the indicator's own decimals,
comparators as ≥ ＞ ≤ ＜, no bare 0–4 index; checked on the bundled data with values worked out by hand."""

import pandas as pd
import pytest

from analysis.assess.gap import assess
from analysis.assess.rows import status_pivot
from analysis.read.loader import load_indicators
from analysis.read.validate import inputs
from analysis.write.styler import alignment, styled, styled_gap_table

COLUMNS = ["region", "area", "name", "unit", "year", "actual", "comparator", "target", "gap", "completion_pct",
           "status_label"]


@pytest.fixture(scope="module")
def table():
    return assess(load_indicators(inputs(None)))


def shown_rows(styler):
    return {row["指标名称"]: row for row in styler.data.to_dict("records")}


def test_gap_table_numbers_keep_each_indicators_decimals(table):
    rows = shown_rows(styled_gap_table(table[table["target"].notna()], COLUMNS))
    # 2.5 against 3.5: one decimal for the row; gap 3.5 − 2.5 = 1.0; 2.5 / 3.5 = 71.43 % → 71.4%.
    assert [rows["每万人口执业药师数"][h] for h in ("实际值", "目标值", "尚差", "完成度(%)")] == ["2.5", "3.5", "1.0", "71.4%"]
    # 9.75 against 11: the actual's two decimals carry to the target and the gap (11 − 9.75 = 1.25); 88.6%.
    assert [rows["每万人口有效发明专利拥有量"][h] for h in ("实际值", "目标值", "尚差", "完成度(%)")] == ["9.75", "11.00", "1.25", "88.6%"]
    # 62 against 80 items: whole numbers; gap 18; 62 / 80 = 77.5%.
    assert [rows["社会公用计量标准数量"][h] for h in ("实际值", "目标值", "尚差", "完成度(%)")] == ["62", "80", "18", "77.5%"]
    assert rows["每万人口执业药师数"]["数据年份"] == "2023"


def test_comparators_print_as_signs(table):
    targeted = table[table["target"].notna()].copy()
    rows = shown_rows(styled_gap_table(targeted, COLUMNS))
    assert rows["每万人口执业药师数"]["目标比较符"] == "≥"
    assert rows["每万人口高价值发明专利拥有量"]["目标比较符"] == "＞"  # 超4件: strict, full-width as in print
    targeted["comparator"] = ["<=", "<", "==", ">="][: len(targeted)]
    signs = list(styled_gap_table(targeted, COLUMNS).data["目标比较符"])
    assert signs == ["≤", "＜", "=", "≥"][: len(targeted)]
    assert not [s for s in signs if s in (">=", ">", "<=", "<")]


def test_text_reads_from_the_left_and_numbers_from_the_right(table):
    sides = alignment(styled_gap_table(table, COLUMNS))
    assert [h for h, side in sides.items() if side == "left"] == ["地区", "领域", "指标名称", "单位", "目标比较符", "评估结论"]
    assert [h for h, side in sides.items() if side == "right"] == ["数据年份", "实际值", "目标值", "尚差", "完成度(%)"]
    html = styled_gap_table(table, COLUMNS).to_html()
    assert "th.col_heading.col0 {\n  text-align: left;" in html  # the header sits over its column


def test_no_bare_index_and_a_pivot_keeps_its_row_names(table):
    claims = styled(pd.DataFrame({"指标名称": ["甲", "乙"], "报告表述": ["已达到", "有差距"]}, index=[3, 7]))
    assert list(claims.data.columns) == ["指标名称", "报告表述"]
    assert 'class="row_heading' not in claims.to_html() and 'class="blank' not in claims.to_html()
    pivot = styled(status_pivot(table, "area"))
    assert list(pivot.data.columns)[0] == "领域"
    assert alignment(pivot)["领域"] == "left" and alignment(pivot)["合计"] == "right"
    # 23 indicators in the bundled workbook: 3 + 9 + 5 + 6 by area.
    assert list(pivot.data["合计"]) == ["3", "9", "5", "6"]


def test_the_same_table_gives_the_same_html_and_different_tables_differ(table):
    first, again = styled_gap_table(table, COLUMNS).to_html(), styled_gap_table(table, COLUMNS).to_html()
    assert first == again
    assert styled_gap_table(table, COLUMNS[:4]).uuid != styled_gap_table(table, COLUMNS).uuid


def test_text_cells_stay_text(table):
    frame = pd.DataFrame({"指标名称": ["<script>x</script>"], "数值": [2.50]})
    html = styled(frame).to_html()
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert styled(frame).data["数值"].tolist() == ["2.5"]


def test_alignment_travels_inline_for_jupyterlab(table):
    # JupyterLab drops the <style> block of an untrusted output (a notebook fresh from git) but keeps a
    # cell's style attribute: the notebook's HTML must carry the alignment in the cells themselves.
    html = styled_gap_table(table[table["target"].notna()], COLUMNS)._repr_html_()
    assert 'class="data row0 col0" style="text-align: left; white-space: nowrap">景德镇市</td>' in html
    assert 'class="data row0 col5" style="text-align: right; white-space: nowrap">2.5</td>' in html
    assert 'class="col_heading level0 col3" style="text-align: left; white-space: nowrap">单位</th>' in html
    # 指标名称 runs to 14 characters (每万人口高价值发明专利拥有量): it may wrap, but keeps room to.
    assert 'class="data row0 col2" style="text-align: left; min-width: 9em">每万人口执业药师数</td>' in html
    assert html.count('style="text-align:') == 11 * 5  # 11 headers + 4 rows × 11 cells
