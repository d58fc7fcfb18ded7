"""The notebook suite: committed as executed, thin, parameterised; the report command builds the pack."""

import ast
import csv
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook

from analysis import config
from analysis.pack.params import ParameterError, check_data
from analysis.pack.report import execute, notebooks
from analysis.rules.problems import set_debug
from analysis.rules.textsafe import strip_ansi
from sheets import write_workbook

SUITE = notebooks()


def test_suite_is_numbered_and_complete():
    assert [p.name[:2] for p in SUITE] == ["01", "02", "03", "04", "05", "06"]


@pytest.mark.parametrize("path", SUITE, ids=lambda p: p.name)
def test_every_code_cell_was_executed_in_order(path):
    # nbval does not compare a cell whose execution_count is null: a notebook saved without outputs would pass.
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert None not in counts, f"{path.name}: cells never run"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: not run top to bottom in one kernel: {counts}"
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("path", SUITE, ids=lambda p: p.name)
def test_notebooks_are_thin_and_parameterised(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    names = {t.id for node in ast.walk(ast.parse(tagged[0].source)) if isinstance(node, ast.Assign) for t in node.targets}
    assert {"DATA", "AS_OF", "OUT", "METHOD"} <= names
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    tree = ast.parse(code)
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))], "logic belongs in the library"
    assert any(c.cell_type == "markdown" for c in nb.cells)
    # Outputs never carry this machine's paths (CI clones elsewhere).
    assert str(config.PROJECT_ROOT) not in nbformat.writes(nb)


def county_workbook(path):
    """A county's government-layout workbook the suite has never seen: several years, a baseline, targets."""
    rows = [
        ["乐平市市场监督管理局“十四五”规划指标监测表"],
        ["序号", "指  标", "计量单位", "属性", "2020年基期值", "2021年", "2022年", "2023年", "2025年规划值", "说明"],
        ["一、质量强市"],
        [1, "每万人口有效发明专利拥有量", "件", "预期性", 4.0, 4.6, 5.1, 5.9, 8, None],
        [2, None, "%", "预期性", 0.9, 0.91, 0.92, 0.935, "≥95%", None],
        ["二、安全监管"],
        [3, "食品安全事故", "起", "约束性", 2, 1, 3, 2, "不超过0", None],
        [4, "市场主体数量", "万户", "预期性", 8.0, "８.４", "—", 9.1, None, "未设目标"],
        ["注：2023年为快报数。"],
    ]
    formats = {"E5": "0%", "F5": "0%", "G5": "0%", "H5": "0.0%"}
    name = {"指标": {"B5": '=HYPERLINK("http://x","制造业产品质量合格率")'}}  # text that looks like a formula
    return write_workbook(path, {"指标": rows}, {"指标": ["A1:J1", "A3:J3", "A6:J6", "A9:J9"]}, {"指标": formats}, text_cells=name)


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def county_pack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("county")
    data = county_workbook(tmp / "leping.xlsx")
    before = sha256(data)
    out = tmp / "pack"
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--data", str(data), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert sha256(data) == before, "the input workbook was modified"
    return run, out


def test_report_on_an_unseen_county_workbook(county_pack):
    run, out = county_pack
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "[5/5]" in run.stdout and str(out.name) in run.stdout
    for name in ["index.md", "summary.md", "tables/gap_table.csv", "tables/gap_table.xlsx", "tables/gap_table.md",
                 "figures/overview.png", "notebooks/05_简报导出.ipynb"]:
        assert (out / name).is_file(), name
    assert not list((out / "figures").glob("*.svg"))  # SVG only with --svg
    bullets = sorted(p.name for p in (out / "figures").glob("bullet_*.png"))
    trends = sorted(p.name for p in (out / "figures").glob("trend_*.png"))
    assert len(bullets) == 3 and len(trends) == 4  # three targets; four indicators with several years


def test_report_csv_numbers(county_pack):
    _, out = county_pack
    raw = (out / "tables" / "gap_table.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {r["name"]: r for r in csv.DictReader(raw.decode("utf-8-sig").splitlines())}
    patents = rows["每万人口有效发明专利拥有量"]
    # 4.0 (2020) → 5.9 (2023) towards 8: gap 2.1; completion 5.9/8 = 73.75 %; achievement 1.9/4 = 47.5 %
    # against 序时进度 60 %: 进度比 47.5/60 = 0.79, within the default band [0.75, 1.3) → on_track.
    assert (patents["actual"], patents["target"], patents["gap"]) == ("5.9", "8", "2.1")
    assert (patents["completion_pct"], patents["achievement_pct"], patents["elapsed_pct"]) == ("73.75", "47.5", "60")
    assert patents["status"] == "on_track" and patents["region"] == "乐平市"
    # Percentage-formatted cells: 93.5 % against ≥ 95 %: achievement (93.5 − 90)/(95 − 90) = 70 %;
    # 进度比 70/60 = 1.17 < 1.3 → on_track.
    quality = rows["'=HYPERLINK(\"http://x\",\"制造业产品质量合格率\")"]
    assert (quality["actual"], quality["target"], quality["achievement_pct"], quality["status"]) == ("93.5", "95", "70", "on_track")
    # Lower is better: 2 accidents (baseline 2) against ≤ 0: no progress at all, 进度比 0 < 0.75 → lagging;
    # completion 0/2 = 0 %.
    accidents = rows["食品安全事故"]
    assert (accidents["comparator"], accidents["completion_pct"], accidents["achievement_pct"], accidents["status"]) == ("<=", "0", "0", "lagging")
    assert rows["市场主体数量"]["status"] == "no_target" and rows["市场主体数量"]["actual"] == "9.1"


def test_report_xlsx_has_no_formula_from_input_text(county_pack):
    _, out = county_pack
    wb = load_workbook(out / "tables" / "gap_table.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == '=HYPERLINK("http://x","制造业产品质量合格率")' for c in cells)


def test_report_on_invalid_input_stops_and_keeps_the_previous_pack(county_pack, tmp_path):
    _, out = county_pack
    before = {p: sha256(p) for p in out.rglob("*") if p.is_file()}
    bad = write_workbook(tmp_path / "bad.xlsx", {"表": [["指标名称", "单位", "2022年"], ["市场主体数量", "万户", "约九成"]]})
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--data", str(bad), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 1
    assert "bad.xlsx › 工作表“表” › 单元格 C2" in run.stderr and "约九成" in run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert {p: sha256(p) for p in out.rglob("*") if p.is_file()} == before


def test_a_mistyped_data_path_shows_the_sentence_alone_in_the_notebook():
    # Run in a real kernel as JupyterLab would: the project's own error renders itself (UserError's
    # _render_traceback_), so the cell shows the Chinese sentence and no Python frames.
    nb = execute(SUITE[1], {"DATA": ["指标数椐.xlsx"]}, allow_errors=True)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    error = errors[0]  # the cells after it fail only for want of its names (Run All in JupyterLab stops here)
    assert error.ename == "ParameterError"
    shown = strip_ansi("\n".join(error.traceback))
    assert shown.startswith("参数 DATA 中的文件“指标数椐.xlsx”不存在（在文件夹“")
    assert str(config.NOTEBOOKS) in shown  # a relative path is looked up beside the notebook
    assert len(error.traceback) == 1
    assert not re.search(r"Traceback|File \"|\.py\b|line \d+|-{5,}", shown)


def test_debugging_shows_the_frames_under_the_sentence():
    with pytest.raises(ParameterError) as caught:
        check_data("指标数椐.xlsx")
    exc = caught.value
    assert exc._render_traceback_() == [str(exc)]
    set_debug(True)
    try:
        frames = exc._render_traceback_()
    finally:
        set_debug(False)
    assert frames[0] == "Traceback (most recent call last):"
    assert any("params.py" in line for line in frames) and frames[-1].endswith(str(exc))
