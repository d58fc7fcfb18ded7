"""Hard inputs: every corpus case gets a sentence, never a traceback, and no input file is changed.

Each case is built into tmp_path by tests/corpus.py and checked through the command an analyst runs,
`python -m analysis validate PATH...`: the exit code, the file (and sheet and cell) named, what was
found, what was expected and a suggested fix for every error; sha256 of every file before and after.
A few in-process tests pin down what a subprocess cannot show (a zip bomb is refused before anything
is unpacked; the permission message when the tests run as root).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import corpus
from analysis.read import archive as zipparts, excel
from analysis.read.loader import read_indicators

CASE_PARAMS = [
    pytest.param(case, id=case.name, marks=[pytest.mark.xfail(reason=case.xfail)] if case.xfail else [])
    for case in corpus.CASES
]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def validate(paths: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "analysis", "validate", *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=300,
    )


def digests(root: Path) -> dict:
    """sha256 of every file under root (and the directory tree itself, by listing every path)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir():
            found[str(path)] = "directory"
            continue
        try:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except PermissionError:  # the unreadable-file case, when not running as root
            stat = path.stat()
            found[str(path)] = ("unreadable", stat.st_size, stat.st_mtime_ns, stat.st_mode)
    return found


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("[错误]")]


def _skip_reason(case: corpus.Case) -> str:
    if case.name == "unreadable_file" and IS_ROOT:
        return "running as root: chmod 000 does not stop root from reading (see test_permission_error_message)"
    return ""


def _build_and_run(case: corpus.Case, root: Path):
    """Build the case's files under root/inputs, run the command, and hash everything before and after."""
    inputs = root / "inputs"
    inputs.mkdir()
    paths = case.build(inputs)
    before = digests(root)
    proc = validate(paths, cwd=root)
    return paths, before, digests(root), proc


@pytest.fixture(scope="module")
def corpus_runs(request, tmp_path_factory):
    """The selected cases' commands, started at once on a few threads (each test waits for its own)."""
    selected = {
        item.callspec.params["case"].name
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_corpus_case"
    }
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        yield {
            case.name: pool.submit(_build_and_run, case, tmp_path_factory.mktemp(case.name))
            for case in corpus.CASES
            if case.name in selected and not _skip_reason(case)
        }


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_corpus_case(case: corpus.Case, corpus_runs):
    if _skip_reason(case):
        pytest.skip(_skip_reason(case))
    paths, before, after, proc = corpus_runs[case.name].result()
    output = proc.stdout + proc.stderr

    assert after == before, "an input file was changed, or a file was written next to the inputs"
    assert "Traceback" not in output
    assert proc.returncode == case.code, output
    for path in paths:
        assert path.name in output, output
    for text in case.expect:
        assert text in output, f"{text!r} missing from:\n{output}"
    for text in case.absent:
        assert text not in output, output
    _check_errors(case, output)


def _check_errors(case: corpus.Case, output: str) -> None:
    errors = error_lines(output)
    if case.code == 0:
        assert not errors and "校验通过" in output, output
        return
    assert errors, output
    for line in errors:
        assert "；应为：" in line and "。建议：" in line, f"an error without what was expected or a fix: {line}"
    if case.errors is not None:
        assert len(errors) == case.errors, output
        assert f"错误（{case.errors}）" in output
    for sheet, cell in case.places:
        place = f"工作表“{sheet}” › 单元格 {cell}"
        assert any(place in line for line in errors), f"{place} missing from:\n{output}"


def test_corpus_is_large_enough():
    assert len(corpus.CASES) >= 15
    assert len({case.name for case in corpus.CASES}) == len(corpus.CASES)


def test_several_files_report_every_problem(tmp_path: Path):
    """Problems in different files are all listed in one run, each under its own file name."""
    paths = corpus.not_numbers(tmp_path) + corpus.truncated(tmp_path) + corpus.missing_file(tmp_path)
    before = digests(tmp_path)
    proc = validate(paths, cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert digests(tmp_path) == before
    assert proc.returncode == 1 and "Traceback" not in output
    errors = error_lines(output)
    assert len(errors) == 4, output
    for name in ("指标.xlsx", "截断.xlsx", "不存在.xlsx"):
        assert any(name in line for line in errors)


# ---------------------------------------------------------------- in process


def test_zip_bomb_refused_before_unpacking(tmp_path: Path, monkeypatch):
    (path,) = corpus.zip_bomb(tmp_path)

    def unpacked(*args, **kwargs):
        raise AssertionError("a member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", unpacked)
    monkeypatch.setattr(zipfile.ZipFile, "read", unpacked)
    monkeypatch.setattr(excel, "CalamineWorkbook", None)
    problems = []
    assert excel.open_workbook(path, problems) is None
    assert [p.severity for p in problems] == ["error"]
    assert "压缩炸弹" in problems[0].found and str(zipparts.MAX_UNPACKED_BYTES // 2**20) in problems[0].expected


def test_zip_bomb_limits_are_sane():
    assert zipparts.MAX_UNPACKED_BYTES <= 1024 * 2**20
    assert 50 <= zipparts.MAX_COMPRESSION_RATIO <= 1000


def test_permission_error_message(tmp_path: Path, monkeypatch):
    """What a locked file (open in Excel on Windows) or a file without read permission gives."""
    path = corpus.standard(tmp_path)

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(excel, "open", locked, raising=False)
    problems = []
    assert excel.open_workbook(path, problems) is None
    (problem,) = problems
    assert problem.severity == "error" and "没有权限" in problem.found and problem.fix


def test_encryption_found_by_reader_when_scan_misses(tmp_path: Path, monkeypatch):
    """The byte scan reads the first 4 MB; past that, the cell reader's own password check answers."""
    (path,) = corpus.encrypted(tmp_path)
    monkeypatch.setattr(excel, "_is_encrypted", lambda p: False)
    problems = []
    assert excel.open_workbook(path, problems) is None
    assert "密码" in problems[0].found


@pytest.mark.parametrize(
    "prolog",
    [
        "<!-- " + "x" * 40_000 + " -->\n<!DOCTYPE a [<!ENTITY b 'c'>]>\n",  # DTD past the first chunk
        '<?xml version="1.0"?><?pi data?>\n<!doctype a>\n',
    ],
)
def test_dtd_found_anywhere_in_prolog(tmp_path: Path, prolog: str):
    path = tmp_path / "part.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/a.xml", prolog + "<a>&b;</a>")
        archive.writestr("xl/b.xml", ("\ufeff" + prolog + "<a/>").encode("utf-16-le"))
    with zipfile.ZipFile(path) as archive:
        assert all(zipparts.declares_dtd(archive, info) for info in archive.infolist())


def test_plain_xml_has_no_dtd(tmp_path: Path):
    path = tmp_path / "part.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", '<?xml version="1.0"?>\n<!-- <!DOCTYPE in a comment> -->\n<a>' + "x" * 50_000 + "</a>")
        archive.writestr("b.xml", "<a/>")
        archive.writestr("c.xml", "")
    with zipfile.ZipFile(path) as archive:
        assert not any(zipparts.declares_dtd(archive, info) for info in archive.infolist())


def test_government_layout_values(tmp_path: Path):
    """The odd-but-valid layout reads to the values an analyst sees, with "—" never read as 0."""
    result = read_indicators(corpus.government_layout(tmp_path))
    assert result.ok, result.problems
    frame = result.frame.set_index(["name", "kind"])
    assert frame.loc[("市场主体数量", "actual"), "value"] == 15.2
    assert frame.loc[("企业开办“一日办结”率", "actual"), "value"] == 99
    assert frame.loc[("企业开办“一日办结”率", "target"), "comparator"] == ">="
    assert frame.loc[("食品监督抽查合格率", "target"), "value"] == 98
    assert frame.loc[("特种设备万台死亡率", "target"), "value"] == 0.3
    assert frame.loc[("特种设备万台死亡率", "actual"), "value"] == 0
    assert set(result.frame["direction"][result.frame["name"] == "特种设备万台死亡率"]) == {"lower"}
    present = result.frame[result.frame["value"].notna()]
    assert not ((present["name"] == "市场主体数量") & (present["kind"] == "baseline")).any()
    assert set(result.frame["region"]) == {"景德镇市"}
    assert set(result.frame["area"]) == {"优化营商环境", "市场安全监管"}


def test_hidden_rows_are_read_and_hidden_sheets_skipped(tmp_path: Path):
    rows = read_indicators(corpus.hidden_rows(tmp_path))
    assert 97.4 in set(rows.frame["value"])  # row 4 is hidden and still read
    sheets = read_indicators(corpus.hidden_sheet(tmp_path))
    assert set(sheets.frame["sheet"]) == {corpus.SHEET}
    assert 99 not in set(sheets.frame["value"])  # the hidden sheet's value


def test_old_xls_values(tmp_path: Path):
    result = read_indicators(corpus.real_xls(tmp_path))
    assert result.ok
    actual = result.frame[result.frame["kind"] == "actual"].set_index("name")["value"]
    assert actual["市场主体数量"] == 15.2 and actual["食品抽验量"] == 4.95


@pytest.mark.parametrize("build", [corpus.csv_utf8, corpus.csv_utf8_bom, corpus.csv_gbk, corpus.csv_utf16_tabs])
def test_csv_values_whatever_the_encoding(tmp_path: Path, build):
    result = read_indicators(build(tmp_path))
    assert result.ok
    actual = result.frame[result.frame["kind"] == "actual"].set_index("name")["value"]
    assert actual.to_dict() == {row[0]: row[3] for row in corpus.ROWS}
    assert re.search("编码识别为", " ".join(str(p) for p in result.problems))


def test_far_cells_found_without_a_dimension():
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>' for r in range(1, 4))
    xml = f'<worksheet><sheetData>{rows}<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData></worksheet>'
    assert excel._far_cells(xml.encode()) == ["XFD1048576"]


def test_styled_empty_cells_do_not_count():
    """Formatting far away (cells with a style and no value) is not data; the reader skips it too."""
    xml = '<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    xml += '<row r="1048576"><c r="XFD1048576" s="3"/></row></sheetData></worksheet>'
    assert excel._far_cells(xml.encode()) == []


def test_reader_panic_is_a_sentence(tmp_path: Path, monkeypatch):
    """The cell reader's Rust panics derive from BaseException, which `except Exception` misses."""

    class PanicException(BaseException):
        pass

    def panic(*args, **kwargs):
        raise PanicException("range start index 10486378 out of range for slice of length 4096")

    monkeypatch.setattr(excel, "read_sheets", panic)
    problems = []
    assert excel.open_workbook(corpus.standard(tmp_path), problems) is None
    assert problems[0].severity == "error" and "无法读取工作簿内容" in problems[0].found
