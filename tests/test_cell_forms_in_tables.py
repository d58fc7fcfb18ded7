"""Cell forms of real plan tables, read inside workbooks (issues 7 and 8): target types, footnote marks,
bounds, names as written, units from names, and cells that used to be misread without a word."""

import datetime
import math
import re
import zipfile

import pytest

from analysis.read.loader import load_supporting_figures, read_indicators, stable_id
from analysis.rules.problems import InputError
from analysis.words.validation import summary
from sheets import row, write_workbook


def patch_cells(path, cells: dict):
    """Replace cells of the first sheet by raw XML, as Excel would have saved them (cached errors, huge numbers)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, inner in cells.items():
        xml, count = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', f'<c r="{ref}"{inner}</c>', xml, count=1)
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


# ------------------------------------------------------------------ target types


def test_target_forms_of_plan_tables(tmp_path):
    rows = [
        ["指标", "单位", "2020年基期值", "2025年目标值", "年均/累计", "属性"],
        ["研发经费投入增长", "%", 10.3, None, ">7", "预期性"],
        ["新增城镇就业", "万人", None, None, "〔55〕", "预期性"],
        ["地区生产总值增长", "%", 2.3, "保持在合理区间、各年度视情提出", None, "预期性"],
        ["食品抽检合格率", "%", 97.0, "95～98", None, "约束性"],
        ["药品抽检合格率", "%", 98.0, "95-98", None, "约束性"],
        ["市场主体活跃度", "%", 70.0, "稳步提高", None, "预期性"],
        ["全省营商环境评价", "位次", 3, "保持全省前列", None, "预期性"],
        ["企业开办时间", "个工作日", 3, "1个工作日内", None, "约束性"],
        ["质量竞争力指数", "", 84.0, "接近87", None, "预期性"],
        ["规上工业增加值", "%", 6.0, "年均增长7%以上", None, "预期性"],
        ["发明专利拥有量", "件", 7.2, "11.6*", "〔4.4〕", "预期性"],
    ]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame

    def target(name):
        t = row(frame, name, "target", 2025)
        return t["target_type"], None if math.isnan(t["value"]) else t["value"], t["comparator"], t["target_text"]

    # A value in the 年均 column is an annual rate; 〔〕 a five-year cumulative value.
    assert target("研发经费投入增长") == ("annual_rate", 7.0, ">", ">7")
    assert target("新增城镇就业") == ("cumulative", 55.0, ">=", "〔55〕")
    assert target("地区生产总值增长") == ("qualitative", None, "", "保持在合理区间、各年度视情提出")
    assert target("食品抽检合格率") == ("range", 95.0, "", "95～98")
    assert row(frame, "食品抽检合格率", "target")["target_high"] == 98.0
    assert target("药品抽检合格率")[:3] == ("range", 95.0, "") and row(frame, "药品抽检合格率", "target")["target_high"] == 98.0
    assert target("市场主体活跃度") == ("qualitative", None, "", "稳步提高")
    assert target("全省营商环境评价") == ("qualitative", None, "", "保持全省前列")
    # "1个工作日内": ≤ 1 个工作日 (the unit matches the row), lower is better.
    assert target("企业开办时间") == ("level", 1.0, "<=", "1个工作日内")
    assert row(frame, "企业开办时间", "target")["direction"] == "lower"
    # Approximate: the number, with a note.
    assert target("质量竞争力指数") == ("level", 87.0, ">=", "接近87")
    assert "近似目标" in row(frame, "质量竞争力指数", "target")["note"]
    assert target("规上工业增加值") == ("annual_rate", 7.0, ">=", "年均增长7%以上")
    # Both a level target and a cumulative one for the same indicator: the level target stays, the other is noted.
    patents = row(frame, "发明专利拥有量", "target")
    assert (patents["value"], patents["target_type"]) == (11.6, "level")
    assert "〔4.4〕" in patents["note"] and "脚注标记“*”" in patents["note"]
    # Non-target rows have no target fields.
    base = frame[frame["kind"] == "baseline"]
    assert set(base["target_type"]) == {""} and set(base["target_text"]) == {""} and base["target_high"].isna().all()
    # validate counts the qualitative ones apart; none of these blocks the report.
    assert "定性目标（无数值）：3 个" in summary(result)
    # strict: the choices (qualitative, approximate, footnote) become errors.
    strict = read_indicators(write_workbook(tmp_path / "s.xlsx", {"表": rows}), strict=True)
    assert {p.cell for p in strict.errors} >= {"D4", "D7", "D8", "D10", "D12"}


def test_unreadable_target_says_how_to_write_it(tmp_path):
    rows = [["指标", "单位", "2025年目标值"], ["市场主体数量", "万户", "待定"]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    (error,) = result.errors
    assert error.cell == "C2" and "待定" in error.found and "〔13.5〕" in error.expected and "稳步提高" in error.expected


# ------------------------------------------------------------------ footnote marks and bounds


def test_footnote_marks_and_bounds_on_actuals(tmp_path):
    rows = [
        ["指标", "单位", "2023年实际值", "2025年目标值"],
        ["研发投入强度", "%", "6.3①", 7],
        ["发明专利拥有量", "件", "11.6*", 12],
        ["智慧监管入驻率", "%", "98%以上", 99],
        ["高价值发明专利拥有量", "件", "超4", 5],
        ["商标拥有量", "件", "2284注1", 2300],
    ]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame
    assert row(frame, "研发投入强度", "actual")["value"] == 6.3  # not 6.31
    assert row(frame, "发明专利拥有量", "actual")["value"] == 11.6  # not a unit "*"
    assert row(frame, "商标拥有量", "actual")["value"] == 2284  # not 22841
    notes = {p.cell: p for p in result.problems if p.severity != "error"}
    assert "①" in notes["C2"].found and "*" in notes["C3"].found and "注1" in notes["C6"].found
    # 98%以上: 98 with its bound kept; 超4 is not silently 4.
    rate = row(frame, "智慧监管入驻率", "actual")
    assert (rate["value"], rate["comparator"]) == (98.0, ">=") and "不低于 98" in rate["note"]
    strict = row(frame, "高价值发明专利拥有量", "actual")
    assert (strict["value"], strict["comparator"]) == (4.0, ">")
    assert notes["C5"].severity == "warning" and "并不等于它" in notes["C5"].found


# ------------------------------------------------------------------ names and units


def test_names_keep_their_typography_and_ids_stay_stable(tmp_path):
    rows = [
        ["指标", "2023年实际值", "2025年目标值"],
        ["每千人口拥有执业（助理）医师数", 3.1, 3.5],
        ["地表水达到或好于Ⅲ类水体比例（%）", 85.0, 90],
        ["每万人口高价值发明专利拥有量（件）", 3.59, "超4"],
    ]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    frame = result.frame
    names = list(dict.fromkeys(frame["name"]))
    # As written: full-width brackets and Ⅲ kept; a unit in brackets at the end becomes the unit.
    assert names == ["每千人口拥有执业（助理）医师数", "地表水达到或好于Ⅲ类水体比例", "每万人口高价值发明专利拥有量"]
    units = dict(zip(frame["name"], frame["unit"]))
    assert units["地表水达到或好于Ⅲ类水体比例"] == "%" and units["每万人口高价值发明专利拥有量"] == "件"
    assert units["每千人口拥有执业（助理）医师数"] == ""  # （助理） is no unit
    # ids come from the normalised name: the same as for the ASCII spelling, as before.
    ids = dict(zip(frame["name"], frame["indicator_id"]))
    assert ids["每千人口拥有执业（助理）医师数"] == stable_id("每千人口拥有执业(助理)医师数")
    assert ids["每万人口高价值发明专利拥有量"] == stable_id("每万人口高价值发明专利拥有量")


# ------------------------------------------------------------------ cells misread without a word (issue 7)


def test_dates_times_booleans_in_value_cells_are_errors_at_their_cell(tmp_path):
    rows = [
        ["指标名称", "单位", "2023年实际值", "2025年目标值"],
        ["市场主体数量", "万户", datetime.date(2023, 3, 5), 18],
        ["食品抽验量", "批次/千人/年", 4.95, datetime.date(2025, 5, 1)],
        ["合格率", "%", True, 98],
        ["办结时间", "天", datetime.time(10, 30), 1],
    ]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    errors = {p.cell: p.found for p in result.errors}
    assert set(errors) == {"C2", "D3", "C4", "C5"}
    assert "日期" in errors["C2"] and "日期" in errors["D3"] and "逻辑值" in errors["C4"] and "时间" in errors["C5"]


def test_cached_formula_errors_are_errors_in_values_and_headers(tmp_path):
    rows = [["指标名称", "单位", "2023年实际值", 0], ["市场主体数量", "万户", 0, 18], ["食品抽验量", "件", 4.95, 5]]
    path = write_workbook(tmp_path / "t.xlsx", {"表": rows})
    patch_cells(path, {"C2": ' t="e"><f>A1/0</f><v>#DIV/0!</v>', "D1": ' t="e"><f>1/0</f><v>#DIV/0!</v>'})
    result = read_indicators(path)
    errors = {p.cell: p.found for p in result.errors}
    assert "#DIV/0!" in errors["C2"] and "公式错误值" in errors["C2"]
    assert "#DIV/0!" in errors["D1"] and "列标题" in errors["D1"]  # not an "unknown column" warning
    # The same in a CSV, where the error is text.
    csv = tmp_path / "t.csv"
    csv.write_text("指标名称,单位,2023年实际值,#N/A\n市场主体数量,万户,#DIV/0!,18\n", encoding="utf-8")
    errors = {p.cell: p.found for p in read_indicators(csv).errors}
    assert "#DIV/0!" in errors["C2"] and "#N/A" in errors["D1"]


def test_numbers_the_report_cannot_draw_are_refused_by_validate(tmp_path):
    rows = [["指标名称", "单位", "2023年实际值", "2025年目标值"], ["a", "件", 1, 1e308], ["b", "件", 5e-324, 3], ["c", "件", 1, 2]]
    path = write_workbook(tmp_path / "t.xlsx", {"表": rows})
    patch_cells(path, {"C4": ' t="n"><v>' + "1" * 400 + "</v>"})
    errors = {p.cell: p.found for p in read_indicators(path).errors}
    assert set(errors) == {"D2", "C3", "C4"} and all("超出合理范围" in e for e in errors.values())


def test_a_header_without_rows_is_an_error(tmp_path):
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": [["指标名称", "单位", "2023年实际值"]]}))
    assert not result.ok
    assert any("没有指标行" in p.found for p in result.errors)


def test_supporting_sheet_is_checked_by_validate_with_the_rules_report_uses(tmp_path):
    table = [["指标名称", "单位", "2023年实际值"], ["市场主体数量", "万户", 15.2]]
    good = [["事项", "数值", "单位", "限定", "年份"], ["执业药师总数", 410, "名", "", 2023]]
    path = write_workbook(tmp_path / "ok.xlsx", {"表": table, "补充数据": good})
    assert read_indicators(path).ok
    assert load_supporting_figures(path)["value"].tolist() == [410.0]
    text = write_workbook(tmp_path / "text.xlsx", {"表": table, "补充数据": [good[0], ["执业药师总数", "四百一十", "名", "", 2023]]})
    errors = read_indicators(text).errors
    assert [(p.sheet, p.cell) for p in errors] == [("补充数据", "B2")]
    with pytest.raises(InputError):
        load_supporting_figures(text)
    headless = write_workbook(tmp_path / "headless.xlsx", {"表": table, "补充数据": [["执业药师总数", 410, "名"]]})
    errors = read_indicators(headless).errors
    assert len(errors) == 1 and "找不到表头" in errors[0].found and errors[0].sheet == "补充数据"
    with pytest.raises(InputError):
        load_supporting_figures(headless)
