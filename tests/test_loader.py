"""The generic loader on the layouts analysts really receive, built cell by cell in each test."""

import math

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.read.loader import classify_label, load_indicators, read_indicators, stable_id
from analysis.rules.problems import InputError
from analysis.collect.template import write_template
from sheets import write_workbook


def value(frame, name, kind, year=None, region=None):
    rows = frame[(frame["name"] == name) & (frame["kind"] == kind)]
    if year is not None:
        rows = rows[rows["year"] == year]
    if region is not None:
        rows = rows[rows["region"] == region]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(
    "label, field, kind, year",
    [
        ("指标名称", "name", "", None),
        ("指  标", "name", "", None),
        ("单位", "unit", "", None),
        ("计量单位", "unit", "", None),
        ("2020年基期值", "value", "baseline", 2020),
        ("基期(2020年)", "value", "baseline", 2020),
        ("基期（2020年）", "value", "baseline", 2020),
        ("2022年实际值", "value", "actual", 2022),
        ("2022年完成值", "value", "actual", 2022),
        ("2022年", "value", "actual", 2022),
        ("２０２２年", "value", "actual", 2022),
        ("2025年目标值", "value", "target", 2025),
        ("规划目标(2025年)", "value", "target", 2025),
        ("2025年规划值", "value", "target", 2025),
        ("目标值", "value", "target", None),  # the year comes from the table's plan period
        ("年均/累计", "value", "target", None),
        ("完成情况", "reported_status", "", None),
        ("评估结论", "reported_status", "", None),
        ("2025年", "value", "actual", 2025),  # bare: an actual unless the table is a plan table
        ("1995年实际值", "value", "actual", 1995),
        ("#DIV/0!", "excel_error", "", None),
        ("2023年中期目标", "value", "midterm_target", 2023),
        ("指标属性", "indicator_type", "", None),
        ("属性", "indicator_type", "", None),
        ("备注", "note", "", None),
        ("说明", "note", "", None),
        ("县（市、区）", "region", "", None),
        ("地区", "region", "", None),
        ("中期完成情况2022年实际值", "value", "actual", 2022),
        ("20222年", "invalid_year", "", None),
        ("1989年实际值", "invalid_year", "", None),
        ("2051年目标值", "invalid_year", "", None),
        ("责任单位", "responsible", "", None),
        ("完全陌生的列", "unknown", "", None),
    ],
)
def test_header_wordings_map_to_fields(label, field, kind, year):
    column = classify_label(label)
    assert (column.field, column.kind, column.year) == (field, kind, year)


def government_table(path, title="浮梁县市场监督管理局“十四五”规划指标完成情况表"):
    """Title and subtitle rows, a two-row merged header, section rows, a footnote: as sent around."""
    rows = [
        [title],
        ["填报单位：（盖章）", None, None, None, "单位：见各行"],
        [],
        ["序号", "指  标", "计量单位", "指标属性", "基期(2020年)", "中期完成情况", None, "规划目标(2025年)", "备注"],
        [None, None, None, None, None, "2021年", "2022年实际值", None, None],
        ["一、优化营商环境"],
        [1, "市场主体\n数量", "万户", "预期性", 12.1, "13.0万户", 14.2, "≥15", None],
        [2, " 企业开办“一日办结”率 ", "%", "预期性", 0.9, 0.95, 0.99, "不低于99%", "全省第1"],
        [],
        ["（二）知识产权保护运用"],
        [3, "每万人口高价值发明专利拥有量", "件", "预期性", "—", "２.９", "3.59", "超4", None],
        [4, "特种设备万台死亡率", "人/万台", "约束性", 0.2, "暂无", 0.1, "≤0.15", None],
        [5, "商标有效注册量", "万件", "预期性", "/", "-", "3.59", None, "已提前达到"],
        ["注：1.本表数据截至2022年底。2.“—”表示无数据。"],
    ]
    merges = ["A1:I1", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:G4", "H4:H5", "I4:I5", "A6:I6", "A10:I10", "A14:I14"]
    formats = {"E8": "0%", "F8": "0.0%", "G8": "0.0%"}
    return write_workbook(path, {"指标表": rows}, {"指标表": merges}, {"指标表": formats})


def test_government_layout_reads_every_cell_form(tmp_path):
    frame = load_indicators(government_table(tmp_path / "fuliang.xlsx"))

    assert set(frame["region"]) == {"浮梁县"}  # the place named in the title
    assert set(frame["area"]) == {"优化营商环境", "知识产权保护运用"}  # from section rows
    entities = value(frame, "市场主体数量", "actual", 2021)  # line break removed from the name
    assert entities["value"] == 13.0 and entities["unit"] == "万户"  # "13.0万户": unit text matches the row
    assert entities["cell"] == "F7"
    assert value(frame, "市场主体数量", "baseline", 2020)["value"] == 12.1
    target = value(frame, "市场主体数量", "target", 2025)
    assert (target["value"], target["comparator"]) == (15.0, ">=")

    # Percentage-formatted cells hold 0.99 and show 99 %: the unit is %, so the value is 99.
    assert value(frame, "企业开办“一日办结”率", "actual", 2022)["value"] == pytest.approx(99.0)
    assert value(frame, "企业开办“一日办结”率", "actual", 2021)["value"] == pytest.approx(95.0)
    assert value(frame, "企业开办“一日办结”率", "baseline", 2020)["value"] == pytest.approx(90.0)
    assert value(frame, "企业开办“一日办结”率", "target", 2025)["comparator"] == ">="
    assert value(frame, "企业开办“一日办结”率", "target", 2025)["value"] == 99.0

    patents = "每万人口高价值发明专利拥有量"
    assert math.isnan(value(frame, patents, "baseline", 2020)["value"])  # "—" is missing, never 0
    assert value(frame, patents, "actual", 2021)["value"] == 2.9  # full-width digits
    strict = value(frame, patents, "target", 2025)
    assert (strict["value"], strict["comparator"]) == (4.0, ">")  # "超4": strictly more than 4

    deaths = value(frame, "特种设备万台死亡率", "target", 2025)
    assert (deaths["value"], deaths["comparator"], deaths["direction"]) == (0.15, "<=", "lower")
    assert math.isnan(value(frame, "特种设备万台死亡率", "actual", 2021)["value"])  # 暂无
    assert value(frame, "特种设备万台死亡率", "actual", 2021)["indicator_type"] == "约束性"

    trademarks = frame[frame["name"] == "商标有效注册量"]
    assert trademarks.loc[trademarks["kind"] == "baseline", "value"].isna().all()  # "/"
    assert trademarks.loc[trademarks["year"] == 2021, "value"].isna().all()  # "-"
    assert set(trademarks["note"]) == {"已提前达到"}
    # Footnote and blank rows are not indicators.
    assert frame["name"].nunique() == 5


def test_one_row_header_year_columns_and_region_column(tmp_path):
    rows = [
        ["全市各县区2022年指标对比"],
        ["地区", "指标名称", "单位", "2020年", "2021年", "2022年", "2025年目标值"],
        ["浮梁县", "每万人口执业药师数", "人", 2.0, 2.2, 2.4, 3.5],
        ["乐平市", "每万人口执业药师数", "人", 1.8, "1,9", 2.1, 3.5],
    ]
    # "1,9" is not a number in any accepted form (a thousands separator needs three digits).
    result = read_indicators(write_workbook(tmp_path / "counties.xlsx", {"Sheet1": rows}))
    assert [p.cell for p in result.errors] == ["E4"]
    assert "1,9" in result.errors[0].found

    rows[3][4] = 1.9
    frame = load_indicators(write_workbook(tmp_path / "counties.xlsx", {"Sheet1": rows}))
    assert sorted(frame["region"].unique()) == ["乐平市", "浮梁县"]
    assert value(frame, "每万人口执业药师数", "actual", 2020, "乐平市")["value"] == 1.8
    # Same name → same id in every region and file.
    assert frame["indicator_id"].nunique() == 1
    assert frame["indicator_id"].iloc[0] == stable_id("每万人口执业药师数")


def test_stable_id_is_file_name_safe_and_ignores_spacing():
    first = stable_id("每万人口执业药师数")
    assert first == stable_id(" 每万人口\n执业药师数 ")
    assert first.startswith("ind_") and first.replace("_", "").isalnum() and first.isascii()


def test_several_files_combine_with_a_region_each(tmp_path):
    a = government_table(tmp_path / "a.xlsx", "浮梁县“十四五”指标")
    b = government_table(tmp_path / "b.xlsx", "乐平市“十四五”指标")
    frame = load_indicators([a, b])
    assert sorted(frame["region"].unique()) == ["乐平市", "浮梁县"]
    ids = frame.groupby("region")["indicator_id"].apply(frozenset)
    assert ids["乐平市"] == ids["浮梁县"]
    # A region given by the caller wins over the title.
    frame = load_indicators([a], regions={a: "昌江区"})
    assert set(frame["region"]) == {"昌江区"}


def test_same_indicator_twice_with_different_values_names_both_places(tmp_path):
    rows = [["指标名称", "单位", "2022年"], ["市场主体数量", "万户", 14.2]]
    a = write_workbook(tmp_path / "a.xlsx", {"表1": rows})
    b = write_workbook(tmp_path / "b.xlsx", {"表1": [rows[0], ["市场主体数量", "万户", 14.5]]})
    with pytest.raises(InputError) as caught:
        load_indicators([a, b], regions={a: "景德镇市", b: "景德镇市"})
    message = str(caught.value)
    assert "a.xlsx › 表1 › C2" in message and "b.xlsx › 表1 › C2" in message
    assert "14.2" in message and "14.5" in message
    # The same value twice is not an error.
    b2 = write_workbook(tmp_path / "b2.xlsx", {"表1": rows})
    frame = load_indicators([a, b2], regions={a: "景德镇市", b2: "景德镇市"})
    assert len(frame) == 1


def test_narrative_and_hidden_sheets_are_skipped_with_a_note(tmp_path):
    path = write_workbook(
        tmp_path / "mixed.xlsx",
        {
            "重点任务": [["序号", "任务", "进展"], [1, "筹建检测中心", "已建成"]],
            "指标": [["指标名称", "单位", "2022年"], ["市场主体数量", "万户", 14.2]],
        },
    )
    result = read_indicators(path)
    assert result.ok
    notes = [p for p in result.problems if p.sheet == "重点任务"]
    assert notes and notes[0].severity == "note"
    assert result.frame["name"].tolist() == ["市场主体数量"]


def test_template_round_trip(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    wb = load_workbook(path)
    ws = wb["指标"]
    validations = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"正向,逆向"' in validations.values()
    assert '"约束性,预期性"' in validations.values()
    assert any("优化营商环境" in f for f in validations.values())
    assert "填写说明" in wb.sheetnames
    ws.append(["pharmacists_per_10k", "市场安全监管", "每万人口执业药师数", "Licensed pharmacists", "人", "正向", "预期性",
               "—", None, None, 2.5, None, None, 3.5, "≥", "景德镇市", "中期评估报告", None])
    ws.append([None, "知识产权保护运用", "每万人口高价值发明专利拥有量", None, "件", None, None,
               None, None, None, 3.59, None, None, "超4", None, "景德镇市", None, None])
    wb.save(path)
    frame = load_indicators(path)
    pharmacists = value(frame, "每万人口执业药师数", "actual", 2023)
    assert pharmacists["indicator_id"] == "pharmacists_per_10k"
    assert (pharmacists["value"], pharmacists["area"], pharmacists["region"]) == (2.5, "市场安全监管", "景德镇市")
    assert value(frame, "每万人口执业药师数", "target", 2025)["comparator"] == ">="
    assert value(frame, "每万人口高价值发明专利拥有量", "target", 2025)["comparator"] == ">"
    assert frame.loc[frame["name"] == "每万人口高价值发明专利拥有量", "indicator_id"].iloc[0].startswith("ind_")
    with pytest.raises(FileExistsError):
        write_template(path)


def test_frame_has_the_documented_columns(tmp_path):
    frame = load_indicators(government_table(tmp_path / "t.xlsx"))
    for column in ["indicator_id", "region", "area", "name", "unit", "year", "value", "kind"]:
        assert column in frame.columns
    assert set(frame["kind"]) <= {"actual", "baseline", "target", "midterm_target"}
    assert pd.api.types.is_float_dtype(frame["value"])
