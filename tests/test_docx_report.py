"""The Word draft as an official report, read back with python-docx: the title's place and lines, the shape of a
multi-county report (总体情况, 各地区比较, one section per county), captions naming the indicator, the 地区
column, and gap-table columns at least as wide as what they hold."""

import math

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from regions_workbook import INDICATORS, REGIONS, regions_workbook
from sheets import write_workbook

from analysis.assess.gap import assess
from analysis.metadata.fields import GAP_COLUMNS
from analysis.metadata.statuses import status_label
from analysis.read.loader import load_indicators
from analysis.words.regions import leaders_sentence, region_sentence, warnings_sentence
from analysis.words.titles import place_from_title
from analysis.write.docx import write_briefing_docx
from analysis.write.docx_layout import title_lines

EMU_PER_MM = 36000


def test_place_from_the_workbook_title():
    assert place_from_title("景德镇市各县（市、区）“十四五”规划指标监测表") == "景德镇市各县（市、区）"
    assert place_from_title("景德镇市市场监督管理局“十四五”规划主要指标中期进展情况表") == "景德镇市"
    assert place_from_title("浮梁县“十四五”市场监管主要指标表") == "浮梁县"
    assert place_from_title("主要指标表") == ""


def test_title_breaks_between_phrases_into_balanced_lines():
    # In em: 景德镇市各县（市、区） 11, “十四五”规划 7, 主要指标 4, 中期评估报告 6, （2024年） 5 (digits ½).
    # One line (33 em) is too wide for 156 mm at 22 pt (20 em ≈ 155 mm); cutting after 规划 gives 18 | 15 em,
    # after 主要指标 22 | 11 (too wide), after the place 11 | 22 (too wide).
    phrases = ["景德镇市各县（市、区）", "“十四五”规划", "主要指标", "中期评估报告", "（2024年）"]
    assert title_lines(phrases) == ["景德镇市各县（市、区）“十四五”规划", "主要指标中期评估报告（2024年）"]
    # 景德镇市 4, “十四五”规划 7, 主要指标 4, 中期评估报告 6, （2023年） 5 = 26 em: cutting after 规划 gives
    # 11 | 15, after 主要指标 15 | 11 (both longest 15 em); the longer line on top, the words whole.
    assert title_lines(["景德镇市", "“十四五”规划", "主要指标", "中期评估报告", "（2023年）"]) == [
        "景德镇市“十四五”规划主要指标", "中期评估报告（2023年）"]
    assert title_lines(["乐平市", "规划", "报告"]) == ["乐平市规划报告"]  # fits on one line


def _row(region, name, status, actual=1.0, target=2.0):
    row = dict.fromkeys(GAP_COLUMNS, math.nan)
    row.update(indicator_id=name, region=region, name=name, unit="项", year=2023, actual=actual, target=target,
               comparator=">=", target_year=2025, baseline_year=2020, phase="midterm", status=status,
               status_label=status_label(status))
    return row


def test_who_leads_and_who_lags():
    rows = [_row("甲县", "A", "achieved", 3), _row("甲县", "B", "achieved", 3), _row("甲县", "C", "lagging"),
            _row("乙县", "A", "achieved", 3), _row("乙县", "B", "lagging"), _row("乙县", "C", "lagging"),
            _row("丙县", "A", "lagging"), _row("丙县", "B", "lagging"), _row("丙县", "C", "regressing")]
    table = pd.DataFrame(rows, columns=GAP_COLUMNS)
    # Met: 甲县 2, 乙县 1, 丙县 0 → the two highest counts lead, the lowest lags.
    assert leaders_sentence(table) == "按达到目标的指标数，甲县（2项）、乙县（1项）居前，丙县（0项）靠后。"
    # Lagging: 甲县 1, 乙县 2, 丙县 2; regressing: 丙县 1.
    assert warnings_sentence(table) == ("滞后于序时进度的指标最多的是乙县（2项）、丙县（2项）；"
                                        "逆向变化的指标最多的是丙县（1项）。")
    assert region_sentence(table[table["region"] == "甲县"]) == (
        "甲县3项指标均设有目标，达到目标2项；滞后于序时进度的有：C；达到目标的有：A、B。")
    assert leaders_sentence(table[table["region"] == "甲县"]) is None


@pytest.fixture(scope="module")
def county_doc(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("county")
    frame = load_indicators(regions_workbook(tmp / "县区指标.xlsx"))
    table = assess(frame)
    png = tmp / "f.png"
    Image.new("RGB", (40, 20), "white").save(png)
    ids = list(dict.fromkeys(table["indicator_id"]))
    figures = [("grid", "", "", png)] + [("overview", "", region, png) for region in REGIONS]
    figures += [("ranking", ind, "全部地区", png) for ind in ids]
    out = write_briefing_docx(frame, table, tmp / "b.docx", source="资料来源：县区指标.xlsx", figures=figures)
    return Document(out), table


def test_county_report_shape(county_doc):
    doc, _ = county_doc
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "景德镇市各县（市、区）“十四五”规划\n主要指标中期评估报告（2024年）")
    assert [t for s, t in paragraphs if s == "Heading 1"] == ["一、总体情况", "二、各地区比较", "三、分地区情况", "四、说明"]
    assert [t for s, t in paragraphs if s == "Heading 2"] == [f"（{n}）{r}" for n, r in zip("一二三四五", REGIONS)]
    texts = [t for _, t in paragraphs]
    compare, regions = texts.index("二、各地区比较"), texts.index("三、分地区情况")
    assert texts[compare + 1].startswith("按达到目标的指标数，")
    # Drug-store pharmacists (regions_workbook): 昌江区 2.0, 高新区 4.0 in 2024.
    assert "每万人口执业药师数：5个地区中2个已达到2025年目标，最高的是高新区（4人），最低的是昌江区（2人）。" in texts[compare:regions]
    captions = [t for s, t in paragraphs if s == "Caption"]
    assert captions[0] == "图1  各地区各指标评估结论"
    # Figures 2–16: one ranking per indicator, each caption naming it; then one overview per county.
    assert captions[1:16] == [f"图{k}  各地区{name}目标完成情况排名" for k, (_, name, *_) in enumerate(INDICATORS, 2)]
    assert "图17  昌江区各指标目标完成情况总览" in captions
    assert "表1  昌江区主要指标完成情况（2024年）" in captions
    assert captions[-1] == "表6  目标差距表（75项指标）"


def test_county_tables_and_region_column(county_doc):
    doc, _ = county_doc
    tables = doc.tables
    assert len(tables) == 5 + 1  # a short table per county, the whole gap table as the attachment
    assert [c.text for c in tables[0].rows[0].cells] == ["指标名称", "单位", "实际值", "目标值", "尚差", "完成度", "评估结论"]
    attachment = tables[-1]
    assert [c.text for c in attachment.rows[0].cells] == [
        "地区", "指标名称", "单位", "年份", "实际值", "目标值", "尚差", "完成度", "评估结论"]
    body = [[c.text for c in r.cells] for r in attachment.rows[1:]]
    assert sum(1 for r in body if r[0] in REGIONS) == 75
    assert len(body) == 75 + 6  # a 领域 row above each of the 6 areas


def _grid_widths_mm(table):
    grid = table._tbl.find(qn("w:tblGrid"))
    return [int(col.get(qn("w:w"))) / 56.7 for col in grid.findall(qn("w:gridCol"))]


def _font_pt(table):
    return table.rows[1].cells[-1].paragraphs[0].runs[0].font.size.pt


def test_columns_hold_their_contents_on_one_line(county_doc):
    doc, _ = county_doc
    attachment = doc.tables[-1]
    widths = _grid_widths_mm(attachment)
    assert sum(widths) == pytest.approx(156, abs=0.5)  # the text width
    size = _font_pt(attachment)
    assert size in (10.5, 9.0)
    mm = size * 25.4 / 72  # one em
    header = [c.text for c in attachment.rows[0].cells]
    margins = 2.0  # 1 mm each side
    # "2024": 4 digits × ½ em; "滞后于序时进度": 7 em; "100.0%"-like: 4 digits ½ + "." ¼ + "%" 0.83 = 3.08 em;
    # "个工作日" 4 em; region names 3 em.
    need = {"年份": 2.0, "评估结论": 7.0, "完成度": 3.08, "单位": 4.0, "地区": 3.0}
    for name, em in need.items():
        assert widths[header.index(name)] >= em * mm + margins, name
    cells = [[c.text for c in r.cells] for r in attachment.rows[1:]]
    assert any(r[-1] == "滞后于序时进度" for r in cells) and any(r[2] == "个工作日" for r in cells)


def test_indicators_without_an_area_are_under_the_charts_word(tmp_path):
    rows = [["浮梁县“十四五”市场监管主要指标表"], ["指标名称", "单位", "2020年", "2023年", "2025年目标值"],
            ["每万人口执业药师数", "人", 2.0, 2.5, 3.5]]
    frame = load_indicators(write_workbook(tmp_path / "浮梁县.xlsx", {"指标": rows}))
    out = write_briefing_docx(frame, assess(frame), tmp_path / "b.docx", source="资料来源：浮梁县.xlsx")
    paragraphs = [(p.style.name, p.text) for p in Document(out).paragraphs]
    assert ("Heading 2", "（一）其他") in paragraphs
    assert any(t.startswith("其他：1项指标设有") for _, t in paragraphs)
    assert not any("未分类" in t for _, t in paragraphs)


def test_attachment_lists_each_indicators_regions_together(county_doc):
    doc, _ = county_doc
    body = [[c.text for c in r.cells] for r in doc.tables[-1].rows[1:]]
    first = [r for r in body if r[0] in REGIONS][:5]
    assert [r[0] for r in first] == list(REGIONS)
    assert {r[1] for r in first} == {"制造业产品质量合格率"}
