"""Defaults never narrate the bundled data (issue 15): without `source` or `title`, the pack and the Word draft
take them from the workbook that was read."""

from docx import Document
from sheets import write_workbook

from analysis.assess.gap import assess
from analysis.config import BUNDLED_SOURCE
from analysis.pack.briefing import write_pack
from analysis.read.loader import load_indicators
from analysis.write.docx import write_briefing_docx

TITLE = "乐平市“十五五”市场监管规划指标监测表"


def workbook(tmp_path):
    rows = [[TITLE], ["指标名称", "单位", "2025年", "2026年", "2030年目标值"], ["食品抽检合格率", "%", 97.0, 97.5, 99.0]]
    return write_workbook(tmp_path / "乐平.xlsx", {"指标": rows})


def test_draft_and_pack_name_the_workbook_not_the_bundled_report(tmp_path):
    frame = load_indicators(workbook(tmp_path))
    table = assess(frame)
    texts = [p.text for p in Document(write_briefing_docx(frame, table, tmp_path / "d.docx")).paragraphs]
    assert f"资料来源：{TITLE}" in texts and not any(BUNDLED_SOURCE in t for t in texts)
    write_pack(frame, table, tmp_path / "pack")
    summary = (tmp_path / "pack" / "summary.md").read_text("utf-8")
    assert summary.startswith("# 乐平市“十五五”规划主要指标年度监测摘要（2026年）")
    assert BUNDLED_SOURCE not in (tmp_path / "pack" / "tables" / "gap_table.md").read_text("utf-8")
