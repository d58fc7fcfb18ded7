"""A collection round over returns built here: valid, with errors, missing, duplicate, wrong region, not Excel."""

import hashlib
import os

import pytest
from openpyxl import load_workbook
from sheets import write_workbook

from analysis.__main__ import main
from analysis.collect.notebook import collection_round, round_plan
from analysis.collect.round import collect, write_outputs
from analysis.read.loader import load_indicators
from analysis.read.validate import inputs
from analysis.rules.plans import PLANS
from analysis.rules.problems import UserError
from analysis.collect.template import write_region_forms

HEADER = ["指标名称", "单位", "2020年基期值", "2023年", "2025年目标值", "地区"]
MTIME = 1700000000  # 2023-11-14 22:13:20 UTC


def form(path, region, pharm=2.5, food=98.0, title=None):
    rows = ([[title]] if title else []) + [
        HEADER if region else HEADER[:-1],
        *[[name, unit, base, value, target] + ([region] if region else []) for name, unit, base, value, target in
          [("每万人口执业药师数", "人", 2.0, pharm, 3.5), ("食品抽检合格率", "%", 97.0, food, 98)]],
    ]
    return write_workbook(path, {"指标": rows})


@pytest.fixture
def returns(tmp_path):
    folder = tmp_path / "returns"
    folder.mkdir()
    form(folder / "昌江区.xlsx", "昌江区")  # valid, complete
    form(folder / "珠山区.xlsx", "珠山区", pharm="两点五")  # an error in D2 (column D is 2023年, row 2 the first indicator)
    form(folder / "乐平市_1.xlsx", "乐平市")  # duplicate
    form(folder / "乐平市_2.xlsx", "乐平市", pharm=2.6)
    form(folder / "浮梁县.xlsx", "高新区")  # named 浮梁县 but holds 高新区: not on the list
    form(folder / "昌南新区.xlsx", None, food="—")  # region from the file name; one indicator missing
    (folder / "说明.xlsx").write_text("这不是 Excel 文件", encoding="utf-8")  # not Excel
    for p in folder.iterdir():
        os.utime(p, (MTIME, MTIME))
    return folder


REGIONS = ["昌江区", "珠山区", "乐平市", "昌南新区", "浮梁县", "浮梁县北"]


def test_round_rows(returns, tmp_path):
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in returns.iterdir()}
    result = collect(returns, REGIONS)
    when = __import__("datetime").datetime.fromtimestamp(MTIME).strftime("%Y-%m-%d %H:%M")
    rows = [[r[k] for k in ("地区", "文件", "修改时间", "状态", "错误数", "缺报指标数")] for r in result.rows]
    assert rows == [
        ["昌江区", "昌江区.xlsx", when, "合格", 0, 0],
        ["珠山区", "珠山区.xlsx", when, "有错误", 1, 1],  # “两点五” is no number: an error, and no value
        ["乐平市", "乐平市_1.xlsx、乐平市_2.xlsx", when + "、" + when, "重复报送", 2, 0],
        ["昌南新区", "昌南新区.xlsx", when, "合格", 0, 1],  # 食品抽检合格率 2023 is “—”
        ["浮梁县", "", "", "未报送", 0, 0],
        ["浮梁县北", "", "", "未报送", 0, 0],
        ["高新区", "浮梁县.xlsx", when, "名单外地区", 1, 0],
        ["（未识别）", "说明.xlsx", when, "名单外地区", 2, 0],
    ]
    assert "D2" == str([p for p in result.problems if "珠山区" in p.file and p.severity == "error"][0].cell)
    assert any("文件名显示为“浮梁县”，但表内地区为“高新区”" in p.found for p in result.problems)
    assert any("按文件名认定为“昌南新区”" in p.found for p in result.problems)
    assert any("不是 Excel 文件" in p.found for p in result.problems if p.file.endswith("说明.xlsx"))
    assert not result.complete
    written = write_outputs(result, tmp_path / "out")
    assert [p.name for p in written] == ["报送情况.xlsx", "汇总.xlsx", "错误清单.xlsx"]
    # Only the two valid returns (昌江区, 昌南新区) are merged, and the merge loads as indicators.
    merged = load_indicators(tmp_path / "out" / "汇总.xlsx")
    assert sorted(merged["region"].unique()) == ["昌南新区", "昌江区"]
    pharm = merged[(merged["region"] == "昌江区") & (merged["kind"] == "actual") & (merged["year"] == 2023) & (merged["name"] == "每万人口执业药师数")]
    assert pharm["value"].tolist() == [2.5]
    sheet = load_workbook(tmp_path / "out" / "报送情况.xlsx")["报送情况"]
    assert [c.value for c in sheet[1]] == ["地区", "文件", "修改时间", "状态", "错误数", "缺报指标数", "主要错误"]
    assert sheet.max_row == 1 + 8
    # Returns are only read.
    assert digest == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in returns.iterdir()}


def test_exit_codes(tmp_path, capsys):
    folder = tmp_path / "r"
    folder.mkdir()
    form(folder / "a.xlsx", "昌江区")
    form(folder / "b.xlsx", "珠山区")
    assert main(["collect", str(folder), "--regions", "昌江区,珠山区", "--out", str(tmp_path / "o1")]) == 0
    assert main(["collect", str(folder), "--regions", "昌江区,珠山区,乐平市", "--out", str(tmp_path / "o2")]) == 1
    assert (tmp_path / "o2" / "汇总.xlsx").exists() and (tmp_path / "o2" / "错误清单.xlsx").exists()
    assert "乐平市：未报送" in capsys.readouterr().out


def test_forms_prefilled_and_locked(tmp_path):
    plan = form(tmp_path / "plan.xlsx", "景德镇市")
    paths = write_region_forms(tmp_path / "forms", ["昌江区", "珠山区"], plan="十四五", year=2024,
                               plan_frame=load_indicators(plan))
    assert [p.name for p in paths] == ["昌江区_指标报送表_2024.xlsx", "珠山区_指标报送表_2024.xlsx"]
    wb = load_workbook(paths[0])
    ws = wb["指标"]
    header = [c.value for c in ws[1]]
    # 十四五: base 2020, years 2021–2025, target 2025.
    assert header[7:14] == ["2020年基期值", "2021年", "2022年", "2023年", "2024年", "2025年", "2025年目标值"]
    col = {h: i + 1 for i, h in enumerate(header)}
    assert ws.cell(2, col["指标名称"]).value == "每万人口执业药师数"
    assert (ws.cell(2, col["2020年基期值"]).value, ws.cell(2, col["2023年"]).value, ws.cell(2, col["2025年目标值"]).value) == (2, 2.5, 3.5)
    assert ws.cell(2, col["地区"]).value == "昌江区"
    assert ws.protection.sheet
    assert ws.cell(2, col["地区"]).protection.locked and ws.cell(2, col["2023年"]).protection.locked
    assert not ws.cell(2, col["2024年"]).protection.locked
    rules = [(str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation]
    assert rules == [("L2:L3", 'OR(ISNUMBER(L2),L2="—")')]
    assert "填写说明" in wb.sheetnames
    # A filled-in form is read back for its region.
    ws.cell(2, col["2024年"]).value = 2.8
    wb.save(paths[0])
    frame = load_indicators(paths[0])
    got = frame[(frame["kind"] == "actual") & (frame["year"] == 2024) & (frame["name"] == "每万人口执业药师数")]
    assert got[["region", "value"]].values.tolist() == [["昌江区", 2.8]]
    with pytest.raises(FileExistsError):
        write_region_forms(tmp_path / "forms", ["昌江区"], plan="十四五", year=2024)


def test_fifteenth_plan_form_years(tmp_path):
    (path,) = write_region_forms(tmp_path, ["昌江区"], plan="十五五", year=2026)
    header = [c.value for c in load_workbook(path)["指标"][1]]
    assert header[7:14] == ["2025年基期值", "2026年", "2027年", "2028年", "2029年", "2030年", "2030年目标值"]


def test_the_notebook_round_takes_its_plan_from_the_parameter_or_the_data(tmp_path):
    frame = load_indicators(inputs(None))  # the bundled plan workbook: targets for 2025
    assert round_plan(None, frame) == PLANS["十四五"]  # 2025 targets → 十四五 (2020—2025)
    assert round_plan("十五五", frame) == PLANS["十五五"]
    assert (round_plan("2021-2027", frame).base_year, round_plan("2021-2027", frame).target_year) == (2021, 2027)
    with pytest.raises(UserError, match="PLAN 未给出"):
        round_plan(None, frame.iloc[0:0])


def test_the_notebook_round_on_the_example_returns(tmp_path):
    regions = ["昌江区", "珠山区", "乐平市", "浮梁县"]
    view = collection_round(None, regions, plan=None, year=2024, out=tmp_path / "round")
    # The example: first region good; second writes 约15万 for a number; third sends twice; fourth sends
    # nothing; 高新区 is not on the list; 扫描件.xlsx is not Excel at all.
    rows = {r["地区"]: (r["状态"], r["错误数"]) for r in view.result.rows}
    assert rows == {"昌江区": ("合格", 0), "珠山区": ("有错误", 1), "乐平市": ("重复报送", 2), "浮梁县": ("未报送", 0),
                    "（未识别）": ("名单外地区", 2), "高新区": ("名单外地区", 1)}
    assert view.files == ["乐平市_更正.xlsx", "乐平市_第一次.xlsx", "扫描件.xlsx", "昌江区_指标报送表_2024.xlsx",
                          "珠山区_指标报送表_2024.xlsx", "高新区_指标报送表_2024.xlsx"]
    assert sorted(p.name for p in view.written) == ["报送情况.xlsx", "汇总.xlsx", "错误清单.xlsx"]
    merged = view.merged()
    assert set(merged.frame["region"]) == {"昌江区"}  # only the one valid return is merged
    assert "尚有地区未报送" in merged.parts[0]
    again = collection_round(None, regions, year=2024, out=tmp_path / "round")  # the folder is ours: replaced
    assert again.out == view.out and (tmp_path / "round" / "汇总.xlsx").is_file()
