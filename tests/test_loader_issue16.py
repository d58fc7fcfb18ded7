"""Two loader items of issue 16: a huge number written as text is refused like 1e308, and a ledger-only
workbook beside an indicator workbook is accepted by load_indicators as validate accepts it."""

import pytest

from analysis.read.loader import load_indicators, read_indicators
from analysis.read.validate import validate
from analysis.rules.problems import InputError
from sheets import write_workbook

HUGE = "9" * 400  # a 400-digit number, as text


def _table(path, target):
    rows = [["某市“十四五”市场监管规划指标"], ["指标", "单位", "2020年基期值", "2022年实际值", "2025年目标值"],
            ["每万人口发明专利拥有量", "件", 6.3, 8.1, target]]
    return write_workbook(path, {"指标": rows})


@pytest.mark.parametrize("target", [HUGE, "≥" + HUGE, 1e308])
def test_a_huge_target_is_refused_naming_file_sheet_and_cell(tmp_path, target):
    result = read_indicators(_table(tmp_path / "t.xlsx", target))
    errors = [p for p in result.errors if "超出合理范围" in p.found]
    assert len(errors) == 1
    assert (errors[0].file.endswith("t.xlsx"), errors[0].sheet, errors[0].cell) == (True, "指标", "E3")
    assert "每万人口发明专利拥有量" in errors[0].found
    with pytest.raises(InputError):
        load_indicators(tmp_path / "t.xlsx")


def test_a_huge_actual_as_text_is_refused_too(tmp_path):
    rows = [["指标", "单位", "2022年实际值", "2025年目标值"], ["市场主体数", "万户", HUGE, 15]]
    result = read_indicators(write_workbook(tmp_path / "a.xlsx", {"表": rows}))
    assert [p.cell for p in result.errors if "超出合理范围" in p.found] == ["C2"]


def _ledger(path):
    rows = [["2023年重点任务推进台账"], ["序号", "任务名称", "牵头单位", "时间节点", "进展情况", "完成状态"],
            [1, "学校食堂明厨亮灶", "食品科", "2023年6月", "覆盖率100%", "已完成"]]
    return write_workbook(path, {"台账": rows})


def test_a_ledger_only_workbook_beside_the_indicators_is_accepted(tmp_path):
    gov, tasks = _table(tmp_path / "gov.xlsx", 10), _ledger(tmp_path / "tasks.xlsx")
    assert validate([gov, tasks]).ok
    frame = load_indicators([gov, tasks])  # raised "找不到指标表的表头" before
    assert set(frame["name"]) == {"每万人口发明专利拥有量"} and len(frame) == 3
    assert any("只有重点任务台账" in p for p in frame.attrs["problems"])


def test_a_workbook_with_neither_is_still_refused(tmp_path):
    gov = _table(tmp_path / "gov.xlsx", 10)
    other = write_workbook(tmp_path / "x.xlsx", {"说明": [["随便写点什么"], ["没有表头"]]})
    with pytest.raises(InputError, match="找不到指标表的表头"):
        load_indicators([gov, other])
