"""Issue 22: workbooks with more regions than an int8 (127) or int16 (32,767) category code holds.

pandas gives a categorical column int8 codes up to 127 categories, int16 up to 32,767 and int32 beyond; operations
that align two indexes built from categoricals of different code widths failed inside pandas ("Buffer dtype
mismatch, expected 'const int8_t' but got 'short'") and locked every province out of validate and report.
"""

import importlib
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import Workbook

import analysis as an
from analysis.__main__ import main

TITLE = "某省各县（市、区）“十四五”规划指标监测表"
HEADER = ["地区", "领域", "指标名称", "单位", "2020年", "2021年", "2022年", "2023年", "2025年目标"]
# Two indicators in two areas; the second is lower-is-better. Values are the same in every region, so the
# expected gap-table numbers are known by hand: 97.0 → 97.6 against ≥99 at 3 of 5 years (60 % of the time).
INDICATORS = [("质量安全", "食品抽检合格率", "%", [97.0, 97.2, 97.4, 97.6], "≥99"),
              ("营商环境", "企业开办时间", "个工作日", [3.0, 2.5, 2.0, 1.5], "≤1")]


def county(k: int) -> str:
    return f"第{k:05d}县"


def workbook(path, regions: int, indicators=INDICATORS):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("县区指标")
    ws.append([TITLE])
    ws.append(HEADER)
    for k in range(regions):
        for area, name, unit, values, target in indicators:
            ws.append([county(k), area, name, unit, *values, target])
    wb.save(path)
    return path


@pytest.mark.parametrize("regions", [1, 127, 128, 129, 300, 33_000])
def test_validate_and_assess_across_code_widths(tmp_path, regions):
    path = workbook(tmp_path / f"{regions}.xlsx", regions)
    result = an.validate([path])
    assert result.ok, result.errors[:3]
    frame = result.frame
    assert frame["region"].nunique() == regions

    cover = an.coverage(frame)
    assert len(cover) == 2 * regions
    assert cover[["指标数", "有实际值", "有目标值"]].sum().tolist() == [2 * regions] * 3
    # 有基期值 the way assess finds a base: the 2020 actual of a 十四五 table (97.0 and 3.0 in every region)
    assert cover["有基期值"].sum() == 2 * regions
    assert list(cover["地区"].iloc[:2]) == [county(0), county(0)]
    if regions <= 300:  # the one-screen summary of a province (a nation's is the scale issue's)
        text = an.summary(result)
        assert "校验通过" in text and f"{regions} 个地区" in text

    table = an.assess(frame)
    assert len(table) == 2 * regions
    food = table[table["name"] == "食品抽检合格率"]
    # (97.6 − 97.0) ÷ (99 − 97.0) = 30 % of the way at (2023 − 2020) ÷ 5 = 60 % of the time: 进度比 0.5
    assert food["achievement_pct"].round(6).eq(30.0).all() and food["elapsed_pct"].eq(60.0).all()
    assert food["pace_ratio"].round(6).eq(0.5).all() and food["status"].eq("lagging").all()
    days = table[table["name"] == "企业开办时间"]
    # (3.0 − 1.5) ÷ (3.0 − 1) = 75 % of the way at 60 % of the time: 进度比 1.25
    assert days["direction"].eq("lower").all() and days["pace_ratio"].round(6).eq(1.25).all()
    assert list(table["region"].iloc[[0, -1]]) == [county(0), county(regions - 1)]

    pivot = an.status_pivot(table, by="region")
    assert len(pivot) == regions and pivot["合计"].eq(2).all()
    claims = an.check_claims(frame, table)
    assert claims.empty


def test_validate_command_on_300_regions(tmp_path):
    path = workbook(tmp_path / "300县.xlsx", 300)
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "校验通过" in run.stdout and "300 个地区" in run.stdout


def test_an_internal_fault_names_its_step_and_blames_the_suite(tmp_path, monkeypatch, capsys):
    path = workbook(tmp_path / "5.xlsx", 5)
    validate_module = importlib.import_module("analysis.words.validation")  # the summary's own reference

    def broken(frame):
        raise ValueError("Buffer dtype mismatch")

    monkeypatch.setattr(validate_module, "coverage", broken)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("程序内部错误（不是工作簿的问题）：在“生成校验摘要”这一步出错：Buffer dtype mismatch（ValueError）")
    assert "请把这条信息和 --debug 的输出发给维护者" in err and "Traceback" not in err


def test_input_errors_stay_sentences_not_internal_errors(tmp_path, capsys):
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"not a workbook")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert "程序内部错误" not in out.out + out.err


@pytest.mark.slow
@pytest.mark.parametrize("regions", [127, 128, 300])
def test_report_and_every_notebook_across_code_widths(tmp_path, regions):
    path = workbook(tmp_path / f"{regions}县.xlsx", regions, INDICATORS[:1])
    out = tmp_path / "pack"
    run = subprocess.run([sys.executable, "-m", "analysis", "report", "--data", str(path), "--out", str(out)],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stderr
    import nbformat

    notebooks = sorted((out / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == 5
    for nb_path in notebooks:
        nb = nbformat.read(nb_path, as_version=4)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (nb_path.name, errors[:1])
    gap = pd.read_csv(out / "tables" / "gap_table.csv")
    assert len(gap) == regions and gap["status"].eq("lagging").all()
