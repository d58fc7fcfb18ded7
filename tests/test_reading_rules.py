"""Reading rules added after the published tables were tried (units in cells, note rows, period headers,
negative ranges, footnote marks a 注 row dates). Every expectation is written by hand from the table built
in the test."""

import math

import pytest

from analysis.read.loader import classify_label, read_indicators
from analysis.words.validation import summary
from sheets import kinds_by_year, row, write_workbook


# ------------------------------------------------------------------ a unit written in a value cell


def test_unit_written_in_cells_becomes_the_rows_unit_with_a_note(tmp_path):
    rows = [
        ["指标", "2023年实际值", "2025年目标值"],
        ["市场主体数", "1.52万户", "1.96万户"],  # both cells write 万户: the row's unit
        ["食品抽检合格率", 0.974, "98%以上"],  # B3 shown as 97.4 % (percent style) → 97.4 once the unit is %
        ["企业开办时间", "1.5个工作日", "1个工作日内"],
    ]
    path = write_workbook(tmp_path / "t.xlsx", {"表": rows}, formats={"表": {"B3": "0.0%"}})
    result = read_indicators(path)
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame
    assert (row(frame, "市场主体数", "actual")["value"], row(frame, "市场主体数", "actual")["unit"]) == (1.52, "万户")
    assert row(frame, "市场主体数", "target")["value"] == 1.96
    assert row(frame, "市场主体数", "target")["note"] == "单位取自目标单元格 C2"
    assert row(frame, "市场主体数", "actual")["note"] == "单位取自实际值单元格 B2"
    # 0.974 shown as 97.4 %: ×100 because the unit (taken from C3) is %.
    assert row(frame, "食品抽检合格率", "actual")["value"] == 97.4
    assert (row(frame, "食品抽检合格率", "target")["value"], row(frame, "食品抽检合格率", "target")["comparator"]) == (98.0, ">=")
    startup = row(frame, "企业开办时间", "target")
    assert (startup["value"], startup["comparator"], startup["unit"], startup["direction"]) == (1.0, "<=", "个工作日", "lower")
    notes = [p.found for p in result.problems if "取自数值单元格" in p.found]
    assert len(notes) == 1 and notes[0].startswith("表中没有“单位”列，3 个指标的单位取自数值单元格中写的单位：")
    # B3 is a number with no unit, read in the % its row's C3 writes: said, at the cell.
    bare = [p for p in result.warnings if "没有写单位" in p.found]
    assert len(bare) == 1 and bare[0].cell == "B3" and "B3（按“%”）" in bare[0].found


def test_cells_of_one_row_writing_different_units_stay_errors(tmp_path):
    rows = [["指标", "2023年实际值", "2025年目标值"], ["市场主体数", "15000户", "1.96万户"], ["商标注册量", "1200件", "1600件以上"]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    errors = {p.cell: p.found for p in result.errors}
    assert set(errors) == {"B2", "C2"}  # the other row agrees with itself (件)
    assert errors["B2"] == "指标“市场主体数”同一行的数值写了不同的单位：B2“15000户”、C2“1.96万户”"
    frame = result.frame
    assert math.isnan(row(frame, "市场主体数", "actual")["value"]) and math.isnan(row(frame, "市场主体数", "target")["value"])
    assert row(frame, "市场主体数", "actual")["unit"] == ""
    assert (row(frame, "商标注册量", "target")["value"], row(frame, "商标注册量", "target")["unit"]) == (1600.0, "件")


def test_an_empty_unit_cell_takes_the_cells_unit_and_a_filled_one_still_rules(tmp_path):
    rows = [["指标", "单位", "2023年实际值", "2025年目标值"], ["市场主体数", None, 1.5, "1.96万户"], ["商标注册量", "件", 1200, "16万件"]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert row(result.frame, "市场主体数", "target")["unit"] == "万户"
    assert any(p.found.startswith("单位列为空，1 个指标的单位取自数值单元格") for p in result.problems)
    # The unit column says 件: "16万件" is another unit, an error at D3 as before.
    assert [(p.cell, p.found) for p in result.errors] == [("D3", "单元格“16万件”写的单位“万件”与该指标的单位“件”不一致")]


def test_approximate_target_with_a_unit_keeps_its_number_and_says_so(tmp_path):
    rows = [["指标", "2025年目标"], ["养老服务床位总量", "约1000万张"], ["人均预期寿命", "78.3岁左右"]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert result.ok
    beds = row(result.frame, "养老服务床位总量", "target")
    assert (beds["value"], beds["unit"], beds["target_text"]) == (1000.0, "万张", "约1000万张")
    assert "近似目标（“约”）" in beds["note"]
    life = row(result.frame, "人均预期寿命", "target")
    assert (life["value"], life["unit"]) == (78.3, "岁") and "左右" in life["note"]
    assert {p.cell for p in result.warnings if "近似目标" in p.found} == {"B2", "B3"}


# ------------------------------------------------------------------ note rows under a table


def test_source_and_note_rows_merged_across_a_two_column_table_are_no_indicators(tmp_path):
    rows = [
        ["指标", "2025年目标"],
        ["教育"],  # merged A2:B2, no value: a section row (area), not an indicator
        ["学前教育毛入园率", "大于90%"],
        ["资料来源 国家发展改革委"],  # merged, no colon
        ["数据来源 新华社"],  # merged, no colon
        ["来源：新华社报道"],  # not merged, with its colon
        ["注 〔〕内为5年累计数"],  # merged
    ]
    merges = {"表": ["A2:B2", "A4:B4", "A5:B5", "A7:B7"]}
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}, merges))
    frame = result.frame
    assert list(frame["name"]) == ["学前教育毛入园率"]
    assert list(frame["area"]) == ["教育"]  # the note rows below set no area and are no indicators


def test_an_unmerged_name_starting_with_laiyuan_stays_an_indicator(tmp_path):
    rows = [["指标", "2023年实际值"], ["来源地检验批次", None], ["食品抽检量", 5]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert list(result.frame["name"]) == ["来源地检验批次", "食品抽检量"]  # no colon, not merged: a name


# ------------------------------------------------------------------ headers over a period


@pytest.mark.parametrize(
    "label, kind, year, hint, span",
    [
        ("2021—2025年累计", "target", 2025, "cumulative", (2021, 2025)),
        ("2021-2025年年均增长", "target", 2025, "annual_rate", (2021, 2025)),
        ("2026～2030年累计", "target", 2030, "cumulative", (2026, 2030)),
        ("“十四五”累计", "target", 2025, "cumulative", (2021, 2025)),
        ("十五五时期年均增长", "target", 2030, "annual_rate", (2026, 2030)),
        ("十四五目标值", "target", 2025, "", (2021, 2025)),
    ],
)
def test_a_header_over_a_period_is_a_target_of_its_end_year(label, kind, year, hint, span):
    column = classify_label(label)
    assert (column.field, column.kind, column.year, column.hint, column.span) == ("value", kind, year, hint, span)


def test_a_period_header_of_actuals_or_backwards_is_not_read_as_its_first_year():
    assert classify_label("2021—2023年累计完成").field == "span_actual"  # ignored, with a warning
    assert classify_label("2025—2021年").field == "invalid_year"
    assert classify_label("2021-2025年完成情况").field == "reported_status"
    assert classify_label("2020-2021学年").field == "span_actual"  # a season, not a plan period
    base = classify_label("基期(2018-2020年平均)")  # a base over years: the base of its last year, said
    assert (base.kind, base.year, base.span, base.how) == ("baseline", 2020, None, "基期值按末年 2020 年读取（列名写的是 2018—2020 年）")
    assert classify_label("2020-2021年累计").year == 2021  # worded: a cumulative target over two years


def test_published_box_with_a_cumulative_period_column(tmp_path):
    rows = [
        ["类别", "指标", "2020年", "2025年", "2021—2025年累计", "属性"],
        ["创新", "研发经费投入增长（%）", "—", "—", "〔7〕", "预期性"],
        ["创新", "每万人口高价值发明专利拥有量（件）", 6.3, 12, "—", "预期性"],
    ]
    result = read_indicators(write_workbook(tmp_path / "box.xlsx", {"表": rows}))
    assert result.ok, [str(p) for p in result.errors]
    frame = result.frame
    # No title, no parameter: the period column gives 2020 → 2025, so 2025年 is the target, 2020年 the base.
    assert kinds_by_year(frame, "每万人口高价值发明专利拥有量") == [(2020, "baseline"), (2025, "target")]
    assert row(frame, "每万人口高价值发明专利拥有量", "target")["value"] == 12.0
    rd = row(frame, "研发经费投入增长", "target", 2025)
    assert (rd["value"], rd["target_type"], rd["target_text"], rd["unit"]) == (7.0, "cumulative", "〔7〕", "%")
    assert set(frame["plan"]) == {"十四五"} and set(frame["plan_base_year"]) == {2020}
    readings = dict(result.tables[0]["columns"])
    assert readings["2021—2025年累计"].startswith("目标值 2025（累计）")
    assert "基期取 2020 年" in readings["2021—2025年累计"]


def test_plan_named_period_header_dates_the_yearless_ones(tmp_path):
    rows = [["指标", "单位", "基期值", "目标值", "“十四五”累计"], ["新增市场主体", "万户", 10, 15, "〔25〕"]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    frame = result.frame
    # 基期值 → 2020, 目标值 → 2025 (from the “十四五” column, not a guess: a note, no warning).
    assert kinds_by_year(frame, "新增市场主体") == [(2020, "baseline"), (2025, "target")]
    target = row(frame, "新增市场主体", "target")
    assert (target["value"], target["target_type"]) == (15.0, "level") and "另有目标“〔25〕”" in target["note"]
    assert not result.warnings
    assert any("读作 2020 年基期值（按列““十四五”累计”的期间 2021—2025 年）" in p.found for p in result.problems)


def test_a_period_column_of_actuals_is_ignored_with_a_warning(tmp_path):
    rows = [["指标", "单位", "2020年基期值", "2021—2023年累计完成", "2025年目标值"], ["新增市场主体", "万户", 10, 35, 15]]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert kinds_by_year(result.frame, "新增市场主体") == [(2020, "baseline"), (2025, "target")]
    assert [p.cell for p in result.warnings if "多年合计的实际值" in p.found] == ["D1"]
    assert dict(result.tables[0]["columns"])["2021—2023年累计完成"].startswith("忽略（2021—2023年多年合计的实际值")


# ------------------------------------------------------------------ negative ranges


def test_negative_range_targets_read_as_ranges(tmp_path):
    rows = [
        ["指标", "单位", "2023年实际值", "2025年目标值"],
        ["居民消费价格涨幅偏离", "%", -2, "-3～-1"],
        ["库存周转天数变化", "天", -1, "−5至−2"],
        ["含糊的区间", "%", 1, "-3-1"],  # -3 to 1, or a mistyped -3～-1? refused at its cell
    ]
    result = read_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    price = row(result.frame, "居民消费价格涨幅偏离", "target")
    assert (price["target_type"], price["value"], price["target_high"], price["comparator"]) == ("range", -3.0, -1.0, "")
    stock = row(result.frame, "库存周转天数变化", "target")
    assert (stock["target_type"], stock["value"], stock["target_high"]) == ("range", -5.0, -2.0)
    assert [p.cell for p in result.errors] == ["D4"]


# ------------------------------------------------------------------ footnote marks a 注 row dates


def dated_marks_table(path):
    rows = [
        ["景德镇市“十四五”市场监管规划指标"],
        ["指标", "单位", "2020年基期值", "2023年实际值", "2025年目标值"],
        ["每万人口发明专利拥有量", "件", "6.3*", 8.1, 10],
        ["食品抽检量", "批次/千人", "4.2①", 5.0, 6],
        ["商标注册量", "件", "1200②", 1500, 1600],  # ② is explained, but not as a year
        ["市场主体数", "万户", 12.1, 13.0, 15],
        ["注：带*的为2019年数据；①为2019年数值；②为修订后数据。"],
    ]
    return write_workbook(path, {"表": rows}, {"表": ["A1:E1", "A7:E7"]})


def test_a_mark_dated_by_a_note_row_keeps_the_value_and_says_the_year(tmp_path):
    result = read_indicators(dated_marks_table(tmp_path / "t.xlsx"))
    assert result.ok
    frame = result.frame
    patents = row(frame, "每万人口发明专利拥有量", "baseline")
    # kept as the base, never merged into the number, and with its own year (issue 17: a 2019 value is no 2020 one)
    assert (int(patents["year"]), patents["value"]) == (2019, 6.3)
    assert "按表注“带*的为2019年数据”，此数为 2019 年数据，基期值按 2019 年计" in patents["note"]
    food = row(frame, "食品抽检量", "baseline")
    assert food["value"] == 4.2 and "①为2019年数值" in food["note"] and "2019 年数据" in food["note"]
    marks = row(frame, "商标注册量", "baseline")
    assert marks["value"] == 1200.0 and "2019" not in marks["note"]  # ② is not dated
    warned = {p.cell: p.found for p in result.warnings if "这些是 2019 年数据" in p.found}
    assert set(warned) == {"C3", "C4"}
    assert warned["C3"] == "“2020年基期值”列中 C3 带脚注标记“*”，表注“带*的为2019年数据”：这些是 2019 年数据，按 2019 年基期值读取（保留其本身的年份）"


def test_dated_marks_show_in_the_validate_summary(tmp_path):
    result = read_indicators(dated_marks_table(tmp_path / "t.xlsx"))
    text = summary(result)
    assert "    2020年基期值 → 基期值 2020；其中 C3 为 2019 年数据（表注“带*的为2019年数据”）；其中 C4 为 2019 年数据（表注“①为2019年数值”）" in text
    assert "单元格 C3：“2020年基期值”列中 C3 带脚注标记“*”" in text


def test_dated_marks_are_errors_in_strict_mode(tmp_path):
    result = read_indicators(dated_marks_table(tmp_path / "t.xlsx"), strict=True)
    assert {"C3", "C4"} <= {p.cell for p in result.errors if "这些是 2019 年数据" in p.found}
