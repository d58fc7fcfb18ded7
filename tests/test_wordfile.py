"""The Word draft read back with python-docx: layout, fonts, headings, sentences, figures, the gap table."""

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length
from sheets import write_workbook

from analysis.assess.gap import assess
from analysis.pack.briefing import figure_refs, plan_figures, save_figures, write_pack
from analysis.read.loader import load_indicators
from analysis.read.tasks import load_tasks
from analysis.write.docx import write_briefing_docx

HEADER = ["指标名称", "单位", "2020年", "2023年", "2025年目标值", "领域"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx")
    rows = [
        ["浮梁县“十四五”市场监管主要指标表"],
        HEADER,
        ["每万人口执业药师数", "人", 2.0, 2.5, 3.5, "市场安全监管"],  # behind
        ["食品抽检合格率", "%", 97.0, 98.5, "≥98", "市场安全监管"],  # met
        ["社会公用计量标准", "项", 50, 62, 80, "质量强省基础"],  # behind
        ["地理标志产品", "个", 1, 2, "—", "知识产权保护运用"],  # no target
    ]
    ledger = [
        ["序号", "重点任务", "牵头单位", "完成时限", "完成状态"],
        [1, "网红餐厅接入明厨亮灶", "食品科", "2023年10月底", "推进中"],
        [2, "学校食堂明厨亮灶", "食品科", "2023年6月", "已完成"],
    ]
    path = write_workbook(tmp / "浮梁县.xlsx", {"指标": rows, "台账": ledger})
    frame = load_indicators(path)
    table = assess(frame)
    plan = plan_figures(frame, table)
    save_figures(plan, tmp / "figures", "资料来源：浮梁县.xlsx")
    figures = figure_refs(plan, tmp / "figures")
    tasks = load_tasks(path, as_of=2023)
    out = write_briefing_docx(frame, table, tmp / "b.docx", source="资料来源：浮梁县.xlsx", figures=figures, tasks=tasks)
    return frame, table, figures, tasks, out, tmp


def test_layout_and_east_asian_fonts(data):
    doc = Document(data[4])
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    # Text area 156 × 225 mm: 210 − 28 − 26 = 156; 297 − 37 − 35 = 225.
    assert round(Length(section.page_width - section.left_margin - section.right_margin).mm) == 156
    assert round(Length(section.page_height - section.top_margin - section.bottom_margin).mm) == 225
    fonts = {}
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = doc.styles[name]
        fonts[name] = (style.element.rPr.rFonts.get(qn("w:eastAsia")), style.font.size.pt)
    assert fonts == {
        "Normal": ("仿宋_GB2312", 16.0),  # 3号
        "Title": ("方正小标宋简体", 22.0),  # 2号
        "Heading 1": ("黑体", 16.0),
        "Heading 2": ("楷体_GB2312", 16.0),
    }


def test_contents_from_the_data(data):
    doc = Document(data[4])
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    texts = [t for _, t in paragraphs]
    # The bureau's genre (评估报告, not 简报), broken between phrases: 浮梁县“十四五”规划主要指标 is 14 em,
    # 中期评估报告（2023年） 11 em; at 22 pt the 156 mm line holds 20 em, the whole title (25 em) does not.
    assert paragraphs[0] == ("Title", "浮梁县“十四五”规划主要指标\n中期评估报告（2023年）")
    assert paragraphs[1] == ("主送", "主送：（请填写主送机关）")
    headings1 = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings1 == ["一、总体情况", "二、分领域情况", "三、重点任务推进情况", "四、说明"]
    headings2 = [t for s, t in paragraphs if s == "Heading 2"]
    assert headings2 == ["（一）市场安全监管", "（二）质量强省基础", "（三）知识产权保护运用"]
    # 4 indicators, 3 with targets: 1 met (98.5 ≥ 98), 2 not yet (the shared 总体情况 sentence of summary.md).
    assert texts[3].startswith("截至2023年，浮梁县共监测4项指标；3项设有2025年目标，")
    assert "已达到1项" in texts[3] and "尚未达到2项" in texts[3]
    # Pharmacists: 2.5 / 3.5 = 71.4 %, gap 1.0; the one needing attention comes before the met one.
    pharm = next(i for i, t in enumerate(texts) if t.startswith("每万人口执业药师数2.5人"))
    food = next(i for i, t in enumerate(texts) if t.startswith("食品抽检合格率98.5%"))
    assert pharm < food
    assert "71.4%" in texts[pharm] and "尚差1.0人" in texts[pharm]
    # The ledger as of 2023-12-31: 1 of 2 tasks past due (31 Oct, 推进中), no status date: to be confirmed, not 逾期.
    assert "重点任务台账共2项任务，其中已完成1项、推进中1项。" in texts
    assert any(t.startswith("截至2023年12月31日，已过完成时限、完成情况需核实的有1项。食品科1项") for t in texts)
    # Every indicator with data has its sentence, the one without a target too.
    assert any(t.startswith("地理标志产品") for t in texts)
    # The tasks by lead unit are in the ledger's sentences (body text), never a heading without a number.
    assert not any(s.startswith("Heading") and "牵头单位" in t for s, t in paragraphs)
    captions = [t for s, t in paragraphs if s == "Caption"]
    assert captions[0] == "图1  各指标目标完成情况总览"
    assert [c.split("  ")[0] for c in captions] == ["图1", "图2", "图3", "图4", "表1"]
    assert captions[-1] == "表1  目标差距表（4项指标）"
    assert "资料来源：浮梁县.xlsx" in texts


def test_signature_attachment_and_page_numbers(data):
    doc = Document(data[4])
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    notes = paragraphs.index(("Heading 1", "四、说明"))
    attach = paragraphs.index(("Normal", "附件：目标差距表（4项指标）"))
    signature = [i for i, (s, _) in enumerate(paragraphs) if s == "落款"]
    marker = paragraphs.index(("附件标记", "附件"))
    # 说明 < 附件说明 < 落款 (unit, then date) < the attachment on its own page.
    assert notes < attach < signature[0] < signature[1] < marker
    assert [paragraphs[i][1] for i in signature] == ["（请填写发文单位）", "（请填写成文日期：××××年××月××日）"]
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "<w:instrText" in xml and " PAGE " in xml and 'w:fldCharType="begin"' in xml
        assert footer.paragraphs[0].text == "— 1 —"
    assert section.footer.paragraphs[0].alignment == 2  # odd pages: right
    assert section.even_page_footer.paragraphs[0].alignment == 0  # even pages: left


def test_pictures_at_text_width(data):
    doc = Document(data[4])
    shapes = doc.inline_shapes
    # Overview + 3 bullet graphs (one per indicator with a target).
    assert len(shapes) == 4
    assert all(round(s.width.mm, 1) == 155.0 for s in shapes)


def test_gap_table_as_word_table(data):
    doc = Document(data[4])
    (grid,) = doc.tables
    rows = [[c.text for c in r.cells] for r in grid.rows]
    assert rows[0] == ["指标名称", "单位", "年份", "实际值", "目标值", "尚差", "完成度", "评估结论"]
    # A row across the table for each of the 3 areas above its indicators: 1 + 3 + 4 rows.
    assert len(rows) == 1 + 3 + 4
    assert rows[1] == ["市场安全监管"] * 8  # one cell merged across the 8 columns
    pharm = next(r for r in rows if r[0] == "每万人口执业药师数")
    assert pharm[1:7] == ["人", "2023", "2.5", "3.5", "1.0", "71.4%"]
    food = next(r for r in rows if r[0] == "食品抽检合格率")
    assert food[4] in ("98.0", "≥98") and food[7] == "已达到目标"  # "≥98" once the loader keeps target_text
    gi = next(r for r in rows if r[0] == "地理标志产品")
    assert gi[4:7] == ["—", "—", "—"]
    trpr = [r._tr.trPr for r in grid.rows]
    assert trpr[0].find(qn("w:tblHeader")) is not None  # repeated at the top of each page
    # Rows kept whole: w:cantSplit on every body row, not on the repeated header (with both on the header row,
    # LibreOffice 7.4 drew only the first data row; this form renders all 75 rows of the 5-region table).
    assert trpr[0].find(qn("w:cantSplit")) is None
    assert all(t is not None and t.find(qn("w:cantSplit")) is not None for t in trpr[1:])
    number_cell = grid.rows[2].cells[3].paragraphs[0]
    assert number_cell.alignment == 2  # WD_ALIGN_PARAGRAPH.RIGHT


def test_same_input_same_bytes(data):
    frame, table, figures, tasks, out, tmp = data
    again = write_briefing_docx(frame, table, tmp / "c.docx", source="资料来源：浮梁县.xlsx", figures=figures, tasks=tasks)
    assert again.read_bytes() == out.read_bytes()


def test_pack_has_docx_and_ledger(data, tmp_path):
    frame, table = data[0], data[1]
    files = {p.as_posix() for p in write_pack(frame, table, tmp_path / "pack", source="资料来源：浮梁县.xlsx")}
    assert {"briefing.docx", "tables/tasks.csv", "tables/tasks.xlsx"} <= files
    csv = pd.read_csv(tmp_path / "pack" / "tables" / "tasks.csv", encoding="utf-8-sig", keep_default_na=False)
    assert csv["overdue"].tolist() == ["是", "否"]  # as of the end of the data year 2023
    assert "## 重点任务推进情况" in (tmp_path / "pack" / "summary.md").read_text("utf-8")
