"""The Word draft of a final evaluation (总结评估) and of a 15th-plan monitoring year, read back with python-docx.

Workbook: 乐平市, 2020 base, 2023 and 2025 actuals, 2025 targets, the bureau's own 完成情况 column.
"""

import pytest
from docx import Document
from sheets import write_workbook

from analysis.assess.gap import assess
from analysis.read.loader import load_indicators
from analysis.write.docx import write_briefing_docx

ROWS = [
    ["乐平市“十四五”市场监管主要指标完成情况"],
    ["指标名称", "单位", "2020年", "2023年", "2025年", "2025年目标值", "完成情况", "领域"],
    ["每万人口执业药师数", "人", 2.0, 2.5, 3.6, 3.5, "已完成", "市场安全监管"],  # 3.6 ≥ 3.5: 完成
    ["食品抽检合格率", "%", 97.0, 97.5, 97.6, "≥98", "已完成", "市场安全监管"],  # 97.6/98 = 99.6 % ≥ 95: 基本完成
    ["社会公用计量标准", "项", 50, 62, 70, 80, "未完成", "质量强省基础"],  # 70/80 = 87.5 %: 未完成
    ["消费者满意度", "%", 80.0, 82, 83.5, "稳步提高", "", "质量强省基础"],  # up 3.5 points: 完成
]


@pytest.fixture(scope="module")
def final_doc(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("final")
    path = write_workbook(tmp / "乐平市.xlsx", {"指标": ROWS})
    frame = load_indicators(path)
    table = assess(frame, basically_band=95)
    out = write_briefing_docx(frame, table, tmp / "final.docx", source="资料来源：乐平市.xlsx")
    return [(p.style.name, p.text) for p in Document(out).paragraphs]


def test_final_title_and_overall_paragraph(final_doc):
    texts = [t for _, t in final_doc]
    assert final_doc[0] == ("Title", "乐平市“十四五”规划主要指标\n总结评估报告（2025年）")
    assert final_doc[1] == ("主送", "主送：（请填写主送机关）")
    # 4 judged: 完成 2 (药师, 满意度), 基本完成 1, 未完成 1: 2/4 = 50.0 % (the sentence summary.md has too).
    assert texts[3].startswith("截至2025年，乐平市共监测4项指标；")
    assert "完成2个、基本完成1个、未完成1个，完成率50.0%" in texts[3]
    # The bureau says 已完成 for 食品抽检合格率; the data say 基本完成.
    assert texts[4] == "部门自评与按数据测算的结论不一致的指标1项：食品抽检合格率，逐项说明见下文，请核对。"


def test_final_sentences_and_no_pace_language(final_doc):
    texts = [t for _, t in final_doc]
    assert "每万人口执业药师数3.6人，完成“十四五”期末目标（不低于3.5人）。" in texts
    # 98 − 97.6 = 0.4 points; 97.6/98 = 99.59 %.
    assert ("食品抽检合格率97.6%，为“十四五”期末目标98%的99.6%，距目标差0.4个百分点，基本完成。"
            "部门自评为“已完成”，按数据测算为“基本完成”，请核对。") in texts
    assert "社会公用计量标准70项，为“十四五”期末目标80项的87.5%，距目标差10项，未完成。" in texts
    assert ("消费者满意度83.5%，“十四五”期末目标为“稳步提高”：较2020年（80%）提高3.5个百分点，"
            "按基期以来变化方向判断为完成。") in texts
    notes = texts.index("三、说明")
    assert not any("序时进度" in t or "预计" in t for t in texts[:notes])
    # The 说明 describes the method actually used: the relative band and the 基本完成 band of 95 %.
    assert any("完成 / 基本完成（完成度≥95%）/ 未完成" in t for t in texts[notes:])
    assert any("进度比" in t for t in texts[notes:])


def test_fifteenth_plan_monitoring_title(tmp_path):
    rows = [
        ["浮梁县“十五五”市场监管主要指标监测表"],
        ["指标名称", "单位", "2025年", "2026年", "2030年目标值", "领域"],
        ["每万人口执业药师数", "人", 3.5, 3.7, 4.5, "市场安全监管"],
    ]
    path = write_workbook(tmp_path / "浮梁县.xlsx", {"指标": rows})
    frame = load_indicators(path)
    table = assess(frame)
    out = write_briefing_docx(frame, table, tmp_path / "m.docx", source="资料来源：浮梁县.xlsx")
    texts = [p.text for p in Document(out).paragraphs]
    # 2026 of 2025–2030: 1/5 = 20 % of the period → 年度监测.
    assert texts[0] == "浮梁县“十五五”规划主要指标\n年度监测报告（2026年）"
    # 3.7/4.5 = 82.2 %; 4.5 − 3.7 = 0.8; (4.5/3.7)^(1/4) − 1 = 5.01 %; compound projection
    # 3.7 × (3.7/3.5)^4 = 3.7 × 1.2489 = 4.62 ≥ 4.5.
    sentence = next(t for t in texts if t.startswith("每万人口执业药师数3.7人"))
    assert sentence.startswith("每万人口执业药师数3.7人，为2030年目标4.5人的82.2%，尚差0.8人，需年均增长约5.0%，")
    assert sentence.endswith("按目前增速，预计2030年可达4.6人（可以完成目标）。")
