"""Output that could be turned against its reader: cell text stays text in Markdown, HTML, CSV and
the terminal, and a file name cannot inject a heading into index.md."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import corpus
import pytest

from analysis.assess.gap import assess
from analysis.config import BUNDLED_WORKBOOK
from analysis.read.loader import read_indicators
from analysis.rules import textsafe
from analysis.write import safeio
from analysis.write.csvfile import write_csv
from analysis.write.markdown import write_markdown, write_summary
from analysis.write.styler import styled_gap_table

HOSTILE = {
    "A2": "<script>alert(1)</script>市场主体数量",
    "A3": "![x](http://example.invalid/t.png)食品抽验量",
    "A4": "</td></tr></table>食品监督抽查合格率",
    "A5": "# 标题注入\n[链接](http://example.invalid)",
    "A6": "特种设备\u202e万台死亡率\x1b[2J",
}


@pytest.fixture
def hostile(tmp_path: Path):
    path = corpus.write_xlsx(tmp_path / "恶意.xlsx", {corpus.SHEET: corpus.table()})
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for ref, text in HOSTILE.items():
        wb[corpus.SHEET][ref] = text.replace("\x1b", "")  # openpyxl refuses ESC; U+202E it writes
    wb.save(path)
    result = read_indicators(path)
    return result, assess(result.frame)


def test_bidi_override_is_removed_at_reading_with_a_warning(hostile):
    result, table = hostile
    assert not any("\u202e" in str(v) for v in result.frame["name"])
    warnings = [p for p in result.problems if p.severity == "warning" and "控制" in p.found]
    assert [p.cell for p in warnings] == ["A6"] and warnings[0].sheet == corpus.SHEET


def test_markdown_and_summary_escape_images_links_and_html(hostile, tmp_path):
    _, table = hostile
    gap = write_markdown(table, tmp_path / "gap.md").read_text(encoding="utf-8")
    summary = write_summary(table, tmp_path / "summary.md").read_text(encoding="utf-8")
    for text in (gap, summary):
        assert not re.search(r"(?<!\\)<(script|/td)", text)  # every "<" escaped: no raw HTML
        assert not re.search(r"(?<!\\)\[x(?<!\\)\]\(", text)  # no image or link survives
        assert not re.search(r"^#+ 标题注入", text, re.M)  # a name's line break is not a heading
        assert "\\<script\\>" in text or "\\<script>" in text  # shown literally, not dropped
    assert "\u202e" not in gap + summary


def test_styled_table_html_is_escaped(hostile):
    _, table = hostile
    html = styled_gap_table(table).to_html()
    assert "<script>" not in html and "</td></tr></table>食品" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<table") == 1 and html.count("</table>") == 1


def test_csv_text_has_no_controls(tmp_path):
    frame = read_indicators(BUNDLED_WORKBOOK).frame
    table = assess(frame)
    table.loc[table.index[0], "name"] = "=1+1\u202e\x07名称"
    text = write_csv(table, tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1名称" in text and "\x07" not in text and "\u202e" not in text


def test_terminal_text():
    assert textsafe.terminal("\x1b[2J\x1b[H校验通过。\x07") == "校验通过。\\x07"
    assert textsafe.terminal("a\nb", keep_newlines=False) == "a\\nb"
    assert textsafe.terminal("x\u202ey") == "x\\u202ey"
    assert textsafe.strip_ansi("\x1b[0;31mValueError\x1b[0m: 坏") == "ValueError: 坏"


def test_report_failure_message_has_no_ansi_codes():
    from nbclient.exceptions import CellExecutionError

    from analysis.pack.report import _last_line

    exc = CellExecutionError("\x1b[0;31mValueError\x1b[0m: 数据有误\n", "ValueError", "数据有误")
    assert _last_line(exc) == "ValueError: 数据有误"


def test_full_report_with_a_long_name_a_newline_in_the_input_and_other_files(tmp_path: Path):
    """The real command: a 228-byte --out beside the analyst's files, an input whose name holds a line
    break and a heading; then a second run replaces the tool's own pack. Every other file survives."""
    desk = tmp_path / "desk"
    desk.mkdir()
    data = desk / "输入\n# 注入标题.xlsx"
    shutil.copy(BUNDLED_WORKBOOK, data)
    (desk / "notes.txt").write_text("记录\n", encoding="utf-8")
    out = desk / ("简" * 76)
    digest = lambda: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in desk.iterdir() if p.is_file()}  # noqa: E731
    before = digest()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--data", str(data), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", cwd=desk, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert digest() == before
    index = (out / "index.md").read_text(encoding="utf-8")
    assert not re.search(r"^#+ 注入标题", index, re.M)
    manifest = safeio.read_marker(out)
    assert manifest["state"] == "complete" and "summary.md" in manifest["files"]
    assert sorted(manifest["files"]) == [f.as_posix() for f in safeio.pack_files(out)]
    assert sorted(p.name for p in desk.iterdir()) == sorted([data.name, "notes.txt", out.name])  # no staging left
