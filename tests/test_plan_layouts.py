"""Plan tables laid out as bureaus publish and track them, for any plan period (issue 8).

Every expectation is written by hand from the table in the test: which column is base, actual or
target, which year, which plan, and how each cell form reads.
"""


import pytest

from analysis.read.loader import load_indicators, read_indicators
from analysis.words.validation import summary
from sheets import kinds_by_year, row, write_workbook


# ------------------------------------------------------------------ plan periods and bare years


def test_fifteenth_plan_monitoring_table_base_2025_actuals_2026_2027_target_2030(tmp_path):
    rows = [
        ["景德镇市“十五五”市场监管规划主要指标监测表"],
        ["序号", "指标", "单位", "2025年", "2026年", "2027年", "2030年", "属性"],
        [1, "每万人口高价值发明专利拥有量", "件", 5.1, 5.6, 6.2, 8.0, "预期性"],
        [2, "食品抽检合格率", "%", 98.0, 98.2, 98.5, "≥98.5", "约束性"],
    ]
    frame = load_indicators(write_workbook(tmp_path / "十五五.xlsx", {"指标": rows}))
    name = "每万人口高价值发明专利拥有量"
    # 十五五 named in the title: its end year 2030 is the target, the first bare year 2025 the base.
    assert kinds_by_year(frame, name) == [(2025, "baseline"), (2026, "actual"), (2027, "actual"), (2030, "target")]
    assert row(frame, name, "baseline")["value"] == 5.1
    assert row(frame, name, "target")["value"] == 8.0 and row(frame, name, "target")["target_type"] == "level"
    assert row(frame, "食品抽检合格率", "target")["comparator"] == ">="
    assert set(frame["plan"]) == {"十五五"}
    assert set(frame["plan_base_year"]) == {2025} and set(frame["plan_target_year"]) == {2030}


def test_fifteenth_plan_table_with_explicit_headers_needs_no_title(tmp_path):
    rows = [
        ["指标名称", "单位", "2025年基期值", "2026年实际值", "2027年实际值", "2030年目标值"],
        ["市场主体数量", "万户", 16.0, 16.8, 17.5, 20],
    ]
    frame = load_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert kinds_by_year(frame, "市场主体数量") == [(2025, "baseline"), (2026, "actual"), (2027, "actual"), (2030, "target")]
    assert set(frame["plan"]) == {"十五五"}  # 2025 → 2030 is the 15th plan's period


def published_plan_table(tracking=False):
    """序号 | 指标 | 单位 | 2020年 | 2025年 | 属性, as plans print their indicator box (FIELD-NOTES)."""
    header = ["序号", "指标", "单位", "2020年", "2025年", "属性"]
    rows = [
        [1, "市场主体总量", "万户", 12.1, 16, "预期性"],
        [2, "每万人口发明专利拥有量", "件", 7.2, 11, "预期性"],
        [3, "特种设备万台死亡率", "人/万台", 0.2, "≤0.15", "约束性"],
    ]
    if tracking:  # the bureau's tracking columns appended after the printed box
        header += ["2021年", "2022年", "2023年", "2024年"]
        rows[0] += [13.0, 14.2, 15.2, 15.9]
        rows[1] += [7.9, 8.6, 9.75, None]
        rows[2] += [0.18, 0.1, 0, 0]
    return [header] + rows


@pytest.mark.parametrize("tracking", [False, True])
def test_published_bare_2020_2025_table_reads_2025_as_the_target(tmp_path, tracking):
    path = write_workbook(tmp_path / "plan.xlsx", {"主要指标": published_plan_table(tracking)})
    result = read_indicators(path)
    assert result.ok, result.errors
    frame = result.frame
    expected = [(2020, "baseline"), (2025, "target")]
    if tracking:
        expected = [(2020, "baseline"), (2021, "actual"), (2022, "actual"), (2023, "actual"), (2024, "actual"), (2025, "target")]
    assert kinds_by_year(frame, "市场主体总量") == expected
    assert row(frame, "每万人口发明专利拥有量", "target")["value"] == 11
    deaths = row(frame, "特种设备万台死亡率", "target")
    assert (deaths["value"], deaths["comparator"], deaths["direction"]) == (0.15, "<=", "lower")
    assert set(frame["plan"]) == {"十四五"}
    # Three targets: validate no longer says "设有目标值的指标：0 个", and says how 2025年 was read.
    text = summary(result)
    assert "设有目标值的指标：3 个" in text
    assert "2025年 → 目标值 2025（规划表" in text and "2020年 → 基期值 2020" in text
    if tracking:
        assert "2023年 → 实际值 2023" in text


def test_final_evaluation_table_with_2025_actuals_and_the_bureaus_verdict(tmp_path):
    rows = [
        ["“十四五”规划主要指标完成情况（总结评估）"],
        ["指标", "单位", "2020年", "2025年目标值", "2025年实际值", "完成情况"],
        ["每万人口发明专利拥有量", "件", 7.2, 11, 12.3, "已完成"],
        ["食品抽检合格率", "%", 97.0, "≥98", 97.6, "基本完成"],
    ]
    frame = load_indicators(write_workbook(tmp_path / "final.xlsx", {"表": rows}))
    # An explicit target column: the bare 2020年 is an actual, 2025年实际值 an actual, 2025年目标值 the target.
    assert kinds_by_year(frame, "每万人口发明专利拥有量") == [(2020, "actual"), (2025, "actual"), (2025, "target")]
    assert row(frame, "每万人口发明专利拥有量", "actual", 2025)["value"] == 12.3
    assert row(frame, "食品抽检合格率", "target")["comparator"] == ">="
    assert set(frame.loc[frame["name"] == "食品抽检合格率", "reported_status"]) == {"基本完成"}
    assert set(frame.loc[frame["name"] == "每万人口发明专利拥有量", "reported_status"]) == {"已完成"}
    assert (set(frame["plan"]), set(frame["plan_base_year"]), set(frame["plan_target_year"])) == ({"十四五"}, {2020}, {2025})


def yearless(path, with_actual=True):
    header = ["指标名称", "单位", "基期值"] + (["2026年实际值"] if with_actual else []) + ["目标值"]
    body = ["市场主体数量", "万户", 16.0] + ([16.8] if with_actual else []) + [20]
    return write_workbook(path, {"表": [header, body]})


def test_headers_without_years_take_the_plan_parameter(tmp_path):
    path = yearless(tmp_path / "t.xlsx", with_actual=False)
    frame = load_indicators(path, plan="十五五")
    assert kinds_by_year(frame, "市场主体数量") == [(2025, "baseline"), (2030, "target")]
    assert set(frame["plan"]) == {"十五五"}
    frame = load_indicators(path, plan="十四五")
    assert kinds_by_year(frame, "市场主体数量") == [(2020, "baseline"), (2025, "target")]
    frame = load_indicators(path, base_year=2015, target_year=2020)  # 十三五, by its years
    assert kinds_by_year(frame, "市场主体数量") == [(2015, "baseline"), (2020, "target")]
    assert set(frame["plan"]) == {"十三五"}
    # The reading is said, naming the header and the year used.
    result = read_indicators(path, plan="十五五")
    assert any("“目标值”没有写年份，读作 2030 年目标值" in p.found and p.cell == "D1" for p in result.problems)


def test_headers_without_years_and_without_a_plan(tmp_path):
    # No year anywhere and no plan: an error at each header cell saying how to fix it, never 2020/2025.
    result = read_indicators(yearless(tmp_path / "t.xlsx", with_actual=False))
    errors = {p.cell: p for p in result.errors}
    assert set(errors) == {"C1", "D1"}
    assert "plan=" in errors["D1"].fix
    # With a 2026 actual the 15th plan is inferred, with a warning naming header and year.
    result = read_indicators(yearless(tmp_path / "t2.xlsx"))
    assert result.ok
    assert kinds_by_year(result.frame, "市场主体数量") == [(2025, "baseline"), (2026, "actual"), (2030, "target")]
    warnings = [p for p in result.warnings if "没有写年份" in p.found]
    assert [(p.cell, "2030" in p.found) for p in warnings if "目标值" in p.found] == [("E1", True)]
    # Strict mode refuses the assumption.
    assert not read_indicators(yearless(tmp_path / "t3.xlsx"), strict=True).ok


def test_a_plan_named_in_the_title_says_which_bare_column_is_the_end(tmp_path):
    rows = [["浮梁县“十四五”指标跟踪表"], ["指标", "单位", "2020年", "2021年", "2022年", "2023年", "2024年", "2025年"],
            ["市场主体数量", "万户", 1.0, 1.1, 1.2, 1.3, 1.4, 1.6]]
    frame = load_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert row(frame, "市场主体数量", "target")["year"] == 2025
    assert row(frame, "市场主体数量", "baseline")["year"] == 2020
    # The analyst makes the reading explicit by writing the kind in the header.
    rows[1][7] = "2025年实际值"
    frame = load_indicators(write_workbook(tmp_path / "t2.xlsx", {"表": rows}))
    assert (frame["kind"] == "target").sum() == 0
    assert row(frame, "市场主体数量", "actual", 2025)["value"] == 1.6


def test_a_tracking_table_is_not_a_plan_table(tmp_path):
    # 2021–2023 are neither a plan's base and end nor five years apart: all actuals.
    rows = [["指标", "单位", "2021年", "2022年", "2023年"], ["市场主体数量", "万户", 1.1, 1.2, 1.3]]
    frame = load_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert set(frame["kind"]) == {"actual"}


def test_years_beyond_the_old_2000_2035_window(tmp_path):
    rows = [["指标名称", "单位", "1995年实际值", "2040年目标值"], ["市场主体数量", "万户", 0.5, 30]]
    frame = load_indicators(write_workbook(tmp_path / "t.xlsx", {"表": rows}))
    assert kinds_by_year(frame, "市场主体数量") == [(1995, "actual"), (2040, "target")]
