"""Issue 19: the Word draft at scale (write_briefing_docx(many_regions=True), which write_pack asks for above
pack/plan.py's FEW_REGIONS): its cost follows the indicators, not the regions. Read back with python-docx from a
100-region × 3-indicator pack written by scale_workbook."""

import re

import pytest
from docx import Document

from analysis.assess.gap import assess
from analysis.pack.briefing import write_pack
from analysis.read.loader import load_indicators
from analysis.words.regions import spread_sentence
from scale_workbook import region_name, scale_workbook


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("docx100")
    frame = load_indicators(scale_workbook(tmp / "各县.xlsx", 100, 3))
    write_pack(frame, assess(frame), tmp / "pack", source="资料来源：测试")
    return Document(tmp / "pack" / "briefing.docx")


def texts(doc):
    return [p.text for p in doc.paragraphs if p.text.strip()]


def test_no_paragraph_or_table_per_region_and_indicator(draft):
    lines = texts(draft)
    # Regions are named only at the ends of each indicator's sentence (best and worst): 3 sentences, none per region.
    named = [t for t in lines if "第0" in t]
    assert len(named) == 3 and all(t.count("县（") == 2 for t in named)
    assert not draft.tables  # no per-region table, no attached gap table of 300 rows
    assert not [t for t in lines if t.startswith("附件")]
    assert "五、分地区情况" not in lines and "四、分地区情况" not in lines


def test_a_distribution_and_a_ranking_figure_per_indicator(draft):
    captions = [t for t in texts(draft) if re.match(r"图\d+  ", t)]
    # 1 counts by area × status, 5 status-grid pages (100 regions in pages of 20), 3 × (distribution, ranking).
    assert len(draft.inline_shapes) == 12 == len(captions)
    for name in ("制造业产品质量合格率", "食品抽检合格率", "品牌建设数量"):
        assert sum(name in c and "分布" in c for c in captions) == 1
        assert sum(name in c and "排名" in c for c in captions) == 1
    assert "各领域评估结论统计" in captions[0]


def test_the_per_indicator_sentence_counts_by_hand(draft):
    lines = texts(draft)
    # 品牌建设数量 2024: 18 + 7.2·s, s = 2k/99 − 1; ≥25 needs s ≥ 0.972, i.e. k = 98, 99 (25.05, 25.2): 2 regions;
    # symmetric in s, so the median is 18; best the last county (25.2), worst the first (10.8).
    assert "品牌建设数量：100个地区中2个已达到目标，中位数18个，最高的是第0100县（25.2个），最低的是第0001县（10.8个）。" in lines
    # 制造业产品质量合格率 2024: 98.2 + 1.08·s ≥ 99 needs s ≥ 0.7407: k ≥ 87 (13), and k = 86 gives 98.996,
    # which the workbook's two decimals make 99.00: 14 regions. Median of k = 49, 50 (98.19, 98.21): 98.2.
    sentence = next(t for t in lines if t.startswith("制造业产品质量合格率："))
    assert sentence.startswith("制造业产品质量合格率：100个地区中14个已达到目标，中位数98.2%，最高的是第0100县")


def test_overall_and_area_paragraphs_are_counts(draft):
    lines = texts(draft)
    assert any(t.startswith("截至2024年，100个地区共监测3项指标（300个地区指标）") for t in lines)
    area = next(t for t in lines if t.startswith("质量提升："))
    assert area.startswith("质量提升：3项指标、300个地区指标，设有目标的300个中")
    assert region_name(0) not in area


def test_one_sentence_points_to_the_tables(draft):
    lines = texts(draft)
    pointer = [t for t in lines if "tables/gap_table.xlsx" in t]
    assert len(pointer) == 1
    assert "tables/gap_table.csv" in pointer[0] and "300个地区指标" in pointer[0]


def test_spread_sentence_none_met_and_ties(tmp_path):
    frame = load_indicators(scale_workbook(tmp_path / "各县.xlsx", 100, 8))
    table = assess(frame)
    patents = table[table["name"] == "每万人口有效发明专利拥有量"]
    # 2024: 4.0 + 2·0.5·s + 0.5·4·(1 + 0.4·s) = 6 + 1.8·s, at most 7.8 < 8: no region meets it; median 6.
    assert spread_sentence(patents) == ("每万人口有效发明专利拥有量：100个地区均未达到目标，中位数6件，"
                                        "最高的是第0100县（7.8件），最低的是第0001县（4.2件）。")
    # 企业开办时间 (lower is better) 2024: 3 + 1.0·s − 2·(1 + 0.4·s) = 1 + 0.2·s; the first two counties give
    # 0.8 and 0.804, both 0.80 in the workbook's two decimals: a tie, said as 等2个地区. ≤1 needs s ≤ 0: k ≤ 49 (50)
    # and k = 50 (1.002) rounds to 1.00: 51 regions.
    opening = spread_sentence(table[table["name"] == "企业开办时间"])
    assert opening.startswith("企业开办时间：100个地区中51个已达到目标，中位数1个工作日，最低的是第0001县等2个地区（0.8个工作日）")
    # One region with a value is no spread.
    assert spread_sentence(patents.head(1)) is None
