"""Command-line options --plan, --base-year/--target-year, --source and --as-of (a year or a date):
what reaches the notebooks, and a Chinese sentence with exit 1 (never a traceback) for bad values.

The report's notebooks are replaced by a recorder (report.execute), so these tests check the injected
parameters without running kernels; the real notebooks run in tests/test_notebooks.py.
"""

import datetime as dt
import subprocess
import sys

import nbformat
import pytest
from sheets import write_workbook

from analysis.pack import params

from analysis.pack import report
from analysis.__main__ import main
from analysis.rules.plans import PLANS

NO_YEAR_HEADER = ["指标名称", "单位", "基期值", "目标值"]  # headers without a year: the plan must say which


@pytest.fixture
def recorded(monkeypatch):
    """Run `report` with every notebook replaced by a recorder of its parameters."""
    calls = []

    def fake_execute(path, params=None):
        calls.append(dict(params))
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(report, "execute", fake_execute)
    return calls


def workbook(tmp_path, header=None, rows=None):
    rows = rows or [["每万人口执业药师数", "人", 2.0, 2.5, 3.5]]
    header = header or ["指标名称", "单位", "2020年", "2023年", "2025年目标值"]
    return write_workbook(tmp_path / "指标.xlsx", {"指标": [header, *rows]})


def test_report_injects_plan_source_and_as_of_date(tmp_path, recorded):
    data = workbook(tmp_path)
    code = main(["report", "--data", str(data), "--out", str(tmp_path / "pack"), "--plan", "十四五",
                 "--source", "市统计局2023年统计公报", "--as-of", "2023-10-31"])
    assert code == 0
    assert recorded, "no notebook ran"
    first = recorded[0]
    assert first["PLAN"] == "十四五"
    assert first["SOURCE"] == "资料来源：市统计局2023年统计公报"  # "资料来源：" added once
    assert (first["AS_OF"], first["AS_OF_DATE"]) == (2023, "2023-10-31")
    assert first["DATA"] == [str(data.resolve())]
    assert all(call == first for call in recorded)  # every notebook gets the same parameters


def test_report_as_of_a_year_means_its_last_day(tmp_path, recorded):
    assert main(["report", "--data", str(workbook(tmp_path)), "--out", str(tmp_path / "pack"), "--as-of", "2024"]) == 0
    assert (recorded[0]["AS_OF"], recorded[0]["AS_OF_DATE"]) == (2024, "2024-12-31")
    assert recorded[0]["PLAN"] is None and recorded[0]["SOURCE"] is None


def test_report_years_instead_of_a_plan_name(tmp_path, recorded):
    data = workbook(tmp_path, NO_YEAR_HEADER + ["2026年"], [["每万人口执业药师数", "人", 3.5, 4.5, 3.7]])
    code = main(["report", "--data", str(data), "--out", str(tmp_path / "pack"),
                 "--base-year", "2025", "--target-year", "2030"])
    assert code == 0
    assert recorded[0]["PLAN"] == "十五五"  # 2025–2030 is the 15th plan: named
    code = main(["report", "--data", str(data), "--out", str(tmp_path / "pack2"),
                 "--base-year", "2024", "--target-year", "2027"])
    assert code == 0
    assert recorded[-1]["PLAN"] == "2024-2027"  # no named plan: years, which PLAN accepts too
    assert params.check_plan("2024-2027").base_year == 2024 and params.check_plan("2024—2027年").target_year == 2027


@pytest.mark.parametrize(
    "option, expected",
    [
        (["--as-of", "2023-13-01"], "不是有效日期"),
        (["--as-of", "明年"], "无法识别评估截至时间"),
        (["--plan", "十六七"], "未知的规划期"),
        (["--base-year", "二〇二五"], "基期年份“二〇二五”不是年份"),
        (["--base-year", "2030", "--target-year", "2025"], "应晚于基期年份"),
        (["--source", "  "], "--source 为空"),
        (["--method", "CNN"], "METHOD"),
    ],
)
def test_report_bad_values_are_a_sentence_and_exit_1(tmp_path, recorded, capsys, option, expected):
    code = main(["report", "--data", str(workbook(tmp_path)), "--out", str(tmp_path / "pack"), *option])
    err = capsys.readouterr().err
    assert code == 1
    assert expected in err and "Traceback" not in err
    assert not recorded  # refused before any notebook ran
    assert not (tmp_path / "pack").exists()


def test_validate_reads_headers_without_years_with_the_plan(tmp_path, capsys):
    data = workbook(tmp_path, NO_YEAR_HEADER + ["2026年"], [["每万人口执业药师数", "人", 3.5, 4.5, 3.7]])
    assert main(["validate", str(data), "--plan", "十五五"]) == 0
    out = capsys.readouterr().out
    # The 列的读法 names base 2025 and target 2030, read by the parameter (without it: guessed from the years).
    assert "基期值 → 基期值 2025（列名无年份，按参数" in out and "目标值 → 目标值 2030（列名无年份，按参数" in out
    assert main(["validate", str(data), "--base-year", "2025", "--target-year", "2030"]) == 0
    assert capsys.readouterr().out == out  # the same reading either way


def test_validate_bad_plan_is_a_sentence(tmp_path, capsys):
    assert main(["validate", str(workbook(tmp_path)), "--plan", "十九五"]) == 1
    err = capsys.readouterr().err
    assert "未知的规划期“十九五”" in err and "十四五" in err and "Traceback" not in err


def test_cli_subprocess_bad_as_of(tmp_path):
    # The real entry point, as an analyst runs it: one Chinese sentence, exit 1.
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--data", str(workbook(tmp_path)), "--as-of", "2023/02/30",
         "--out", str(tmp_path / "pack")],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert run.returncode == 1
    assert "评估截至日期“2023/02/30”不是有效日期" in run.stderr and "Traceback" not in run.stderr


def test_run_parameters_names_known_plans():
    data = []
    for name, plan in PLANS.items():
        assert report.run_parameters(data, plan=plan)["PLAN"] == name
    assert report.run_parameters(data, as_of=dt.date(2023, 6, 30))["AS_OF_DATE"] == "2023-06-30"
    assert report.run_parameters(data)["AS_OF"] is None and report.run_parameters(data)["AS_OF_DATE"] is None


def test_ledger_for_the_pack_as_of_the_date_given(tmp_path):
    from analysis.assess.gap import assess
    from analysis.read.loader import load_indicators
    from analysis.assess.ledger import ledger_for_pack

    ledger = [["序号", "重点任务", "牵头单位", "完成时限", "完成状态"],
              [1, "网红餐厅接入明厨亮灶", "食品科", "2023年10月底", "推进中"]]
    path = write_workbook(tmp_path / "台账.xlsx", {"指标": [["指标名称", "单位", "2020年", "2023年", "2025年目标值"],
                                                          ["每万人口执业药师数", "人", 2.0, 2.5, 3.5]],
                                                 "台账": ledger})
    frame = load_indicators(path)
    table = assess(frame)
    # Due 31 October 2023, not finished: overdue at the end of the data year 2023 (the default) …
    assert ledger_for_pack(frame, table)["overdue"].tolist() == [True]
    # … but not on 30 September 2023 (AS_OF_DATE from --as-of 2023-09-30).
    assert ledger_for_pack(frame, table, "2023-09-30")["overdue"].tolist() == [False]


def test_index_states_the_as_of_year_as_the_summary_does(tmp_path):
    # A pack whose gap table ends in 2024, reported --as-of 2025: index.md must not say a bare "2025" while
    # summary.md says "截至2024年": both read "2025年（最新数据为2024年）" (words.overview.as_of_text).
    pack = tmp_path / "pack"
    (pack / "tables").mkdir(parents=True)
    (pack / "tables" / "gap_table.csv").write_text("\ufeffindicator_id,year\na,2023\nb,2024\n", encoding="utf-8")
    text = report.index_markdown(pack, [tmp_path / "指标.xlsx"], 2025, "cn")
    assert "- 评估截至：2025年（最新数据为2024年）；" in text
    assert "- 评估截至：2024年；" in report.index_markdown(pack, [tmp_path / "指标.xlsx"], None, "cn")
