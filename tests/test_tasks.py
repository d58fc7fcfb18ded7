"""The key-task ledger: due-date forms, statuses, overdue as of a date, the bundled ledger, the pack files."""

import datetime as dt

import pandas as pd
import pytest
from sheets import write_workbook

from analysis import config
from analysis.read.tasks import load_tasks, normalise_status, parse_due
from analysis.rules.dates import parse_as_of
from analysis.assess.ledger import need_confirming, overdue, status_counts
from analysis.words.tasks import ledger_sentences
from analysis.write.tasks import write_tasks
from analysis.read.validate import validate

SEED = config.PROJECT_ROOT.parent / "shared" / "seed"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023年10月底", dt.date(2023, 10, 31)),  # last day of October
        ("2023年12月", dt.date(2023, 12, 31)),
        ("2024年2月底前", dt.date(2024, 2, 29)),  # leap year
        ("2025年底", dt.date(2025, 12, 31)),
        ("2025年", dt.date(2025, 12, 31)),
        ("2023年第三季度", dt.date(2023, 9, 30)),  # quarter 3 ends with September
        ("2023年一季度", dt.date(2023, 3, 31)),
        ("2023年上半年", dt.date(2023, 6, 30)),
        ("2023年下半年", dt.date(2023, 12, 31)),
        ("2023-12-15", dt.date(2023, 12, 15)),
        ("2023年11月20日", dt.date(2023, 11, 20)),
        (dt.datetime(2023, 8, 1), dt.date(2023, 8, 1)),  # a date cell
    ],
)
def test_due_date_forms(text, expected):
    assert parse_due(text) == (expected, True)


@pytest.mark.parametrize("text", ["长期", "持续推进", "常态化", "", None, "—"])
def test_no_due_date(text):
    assert parse_due(text) == (None, True)


def test_unreadable_due_date_is_not_guessed():
    assert parse_due("明年") == (None, False)
    assert parse_due("2023年13月") == (None, False)


def test_as_of_year_or_date():
    assert parse_as_of("2024") == (2024, dt.date(2024, 12, 31))
    assert parse_as_of("2023-12-31") == (2023, dt.date(2023, 12, 31))
    assert parse_as_of("2023/6/30") == (2023, dt.date(2023, 6, 30))
    assert parse_as_of(None) == (None, None)
    with pytest.raises(ValueError, match="2023-12-31"):
        parse_as_of("去年")
    with pytest.raises(ValueError, match="不是有效日期"):
        parse_as_of("2023-02-30")


@pytest.mark.parametrize(
    "words, status",
    [("已完成", "已完成"), ("已全面完成", "已完成"), ("正在推进中", "推进中"), ("稳步推进", "推进中"),
     ("进度滞后", "滞后"), ("尚未启动", "未启动"), ("已基本完成指标任务", "推进中"), ("大部分投入运行", "推进中")],
)
def test_statuses_normalised(words, status):
    assert normalise_status(words) == status


@pytest.fixture
def ledger(tmp_path):
    rows = [
        ["2023年重点任务推进台账"],
        ["序 号", "任务名称", "牵头单位", "责任单位", "时间节点", "进展情况", "完成状态"],
        ["一、食品安全"],
        [1, "网红餐厅接入明厨亮灶", "食品科", "", "2023年10月底", "已接入6家", "推进中"],
        [2, "学校食堂明厨亮灶", "食品科", "", "2023年6月", "覆盖率100%", "已完成"],
        ["二、知识产权"],
        [3, "专利质押融资入园惠企", "", "知识产权科", "长期", "持续开展", "推进中"],
        [4, "保护中心升格", "知识产权科", "", "2023年第三季度", "", "滞后"],
        [5, "地理标志申报", "知识产权科", "", "2024年上半年", "", "未启动"],
        [6, "计量标准建标", "计量科", "", "明年", "", "研究中"],
    ]
    return write_workbook(tmp_path / "台账.xlsx", {"台账": rows})


def test_ledger_read_with_overdue_as_of_a_date(ledger):
    tasks = load_tasks(ledger, as_of="2023-09-30")
    assert list(tasks.columns[:10]) == ["area", "task", "lead", "due", "status", "progress", "overdue", "file", "sheet", "cell"]
    assert tasks["area"].tolist() == ["食品安全", "食品安全", "知识产权", "知识产权", "知识产权", "知识产权"]
    assert tasks["lead"].tolist() == ["食品科", "食品科", "知识产权科", "知识产权科", "知识产权科", "计量科"]  # 责任单位 when no 牵头单位
    assert tasks["cell"].tolist() == ["B4", "B5", "B7", "B8", "B9", "B10"]
    assert tasks["status"].tolist() == ["推进中", "已完成", "推进中", "滞后", "未启动", ""]
    # As of 30 Sep 2023: task 1 due 31 Oct (not yet), task 2 done, task 3 no due date,
    # task 4 due 30 Sep (due on the day is not before it), task 5 due 30 Jun 2024, task 6 date unreadable.
    assert tasks["overdue"].tolist() == [False, False, False, False, False, False]
    # As of the year end: 1 (31 Oct < 31 Dec, 推进中) and 4 (30 Sep, 滞后) are overdue.
    late = load_tasks(ledger, as_of=2023)
    assert late["overdue"].tolist() == [True, False, False, True, False, False]
    # Two warnings: the due date “明年” and the status “研究中”, each at its cell.
    problems = late.attrs["problems"]
    assert len(problems) == 2
    assert "台账.xlsx › 工作表“台账” › 单元格 E10" in problems[0] and "明年" in problems[0]
    assert "单元格 G10" in problems[1] and "研究中" in problems[1]
    assert ledger_sentences(late) == [
        "重点任务台账共6项任务，其中已完成1项、推进中2项、滞后1项、未启动1项、未注明1项。",
        # No status date in this ledger: past due is not 逾期, it is to be confirmed (issue 18).
        "截至2023年12月31日，已过完成时限、完成情况需核实的有2项。食品科1项：网红餐厅接入明厨亮灶（2023年10月31日到期）；"
        "知识产权科1项：保护中心升格（2023年9月30日到期）。",
        "2项任务未载明完成时限（或为长期任务），不判断是否逾期。",
    ]


def test_overdue_only_when_the_status_was_reported_after_the_due_date():
    # As of 2023-12-31 both tasks are past due (31 Oct) and not finished. 甲 was reported 15 Nov (after the due
    # date, still 推进中) → 逾期; 乙 was reported 1 Apr ("预计10月底前完成") → 已过完成时限，完成情况需核实.
    tasks = pd.DataFrame({
        "area": ["食品安全"] * 2, "task": ["甲", "乙"], "lead": ["食品科", "食品科"],
        "due": pd.to_datetime(["2023-10-31", "2023-10-31"]), "status": ["推进中", "推进中"], "progress": ["", ""],
        "overdue": [True, True], "status_date": pd.to_datetime(["2023-11-15", "2023-04-01"]),
    })
    tasks.attrs["as_of"] = "2023-12-31"
    assert overdue(tasks).tolist() == [True, False] and need_confirming(tasks).tolist() == [False, True]
    assert ledger_sentences(tasks) == [
        "重点任务台账共2项任务，其中推进中2项。",
        "截至2023年12月31日，逾期未完成1项（报送时已过完成时限）。食品科1项：甲（2023年10月31日到期）。",
        "截至2023年12月31日，已过完成时限、完成情况需核实的有1项。食品科1项：乙（2023年10月31日到期）。",
    ]
    assert status_counts(tasks)["逾期"].tolist() == [1]


def test_pack_files_are_stable(ledger, tmp_path):
    tasks = load_tasks(ledger, as_of=2023)
    first = [p.read_bytes() for p in write_tasks(tasks, tmp_path / "a")]
    second = [p.read_bytes() for p in write_tasks(tasks, tmp_path / "b")]
    assert first == second
    assert first[0].startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    csv = pd.read_csv(tmp_path / "a" / "tasks.csv", encoding="utf-8-sig", keep_default_na=False)
    assert csv.columns[:10].tolist() == ["area", "task", "lead", "due", "status", "progress", "overdue", "file", "sheet", "cell"]
    assert csv.loc[0, ["due", "overdue", "file"]].tolist() == ["2023-10-31", "是", "台账.xlsx"]


def test_a_ledger_only_workbook_validates(ledger):
    result = validate([ledger])
    assert result.ok, result.errors
    assert any("重点任务台账" in str(p) for p in result.problems)


def test_workbook_without_ledger_or_indicators_is_still_an_error(tmp_path):
    path = write_workbook(tmp_path / "x.xlsx", {"说明": [["随便写点什么"], ["没有表头"]]})
    assert not validate([path]).ok


def test_bundled_ledger_is_the_reports():
    tasks = load_tasks(config.BUNDLED_WORKBOOK, as_of="2023-12-31")
    assert len(tasks) == 12
    assert tasks.attrs["problems"] == []
    dated = tasks[tasks["due"].notna()].set_index("task")["due"].dt.strftime("%Y-%m-%d").to_dict()
    # Only three due dates are in the report: 10月底 (网红餐厅), 11月底 (九集小镇), 2025年前 (示范城市).
    assert dated == {
        "10家网红餐厅接入“互联网+明厨亮灶智慧监管”": "2023-10-31",
        "九集小镇50%以上餐饮企业接入“明厨亮灶”平台": "2023-11-30",
        "达到食品安全治理示范城市创建标准": "2025-12-31",
    }
    assert tasks["overdue"].sum() == 2  # the two 明厨亮灶 steps, not reported finished, due before 31 Dec 2023
    if SEED.exists():
        text = "".join(p.read_text("utf-8") for p in SEED.glob("*.txt"))
        for sentence in tasks["source"]:
            assert sentence and sentence in text
        for words in tasks["status_text"]:
            assert words in text  # the status in the report's own words
