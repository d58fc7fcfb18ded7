"""Published plan targets, transcribed cell by cell from source texts read in the search index.

Rule for this module: every cell comes from a source text that was actually read (the URL and the
retrieval note are beside each builder and in the sheet). Nothing is typed from memory.

What the index held (searched 2026 with the `search` tool, corpora pages/docs/code, and the GitHub
file index): none of the published indicator *boxes* themselves (十四五纲要专栏1, the national
"十四五"知识产权保护和运用规划 box, provincial market-regulation plan boxes). The stored pages are
the first ~1,500 characters of each page, and the plans' boxes sit deep inside long pages; the
Anhui, Zhejiang and Guangdong market-regulation plans were found but only their opening sections
could be read. The two builders below are the two target sets whose full text could be read:

1. `county_market_regulation_targets`: the "到2025年" paragraph of a county market-regulation
   implementation plan, every target in it, wording kept (1个工作日内, 5批次/千人以上, 88%以上 …).
2. `public_service_plan_targets`: the 2025 targets of the national《"十四五"公共服务规划》as
   Xinhua reported them on its publication day (大于90%, 约1000万张 …).

Both sources state targets in sentences, not in a box. The layout (one row per target, a
"2025年目标" column) is ours, the way an analyst pastes such a paragraph into a sheet; the name and
target cells are the source's words, split only at the verb (达到 / 压缩到 / 达 / 将 …). Neither
source gives base-year values, so there is no base column: nothing is invented to fill one.
The earlier from-memory boxes (纲要专栏1 and the IP plan box) were removed.
"""

from __future__ import annotations

from pathlib import Path

from sheets import write_workbook

WEIXI_URL = "http://www.weixi.gov.cn/zfxxgk_weixi/zhengcewenjian/zcwj/202411/20241115_220078.html"
WEIXI_TITLE = "维西傈僳族自治县人民政府关于印发《维西县贯彻“十四五”市场监管现代化规划实施方案》的通知（维政发〔2024〕60号，2024年11月14日）"

PUBLIC_SERVICE_URL = "http://qutaogo.com/sjtt/2022/0110/70355.html"
PUBLIC_SERVICE_TITLE = "《“十四五”公共服务规划》10日发布（新华社记者安蓓，2022年1月10日；转载页为繁体，此处按简体录入）"

# Every transcribed cell, with the words of the source that give it (checked against the page text).
SOURCE_SENTENCES = {
    WEIXI_URL: (
        "到2025年，……企业平均开办时间压缩到1个工作日内，全县市场主体数达到1.96万户；……稳步实现食品检验量达"
        "5批次/千人以上，全县社会公众食品安全满意度达到88%以上，药械化抽检合格率达到90%以上；质量水平显著提升，"
        "公共服务质量满意度达到75%以上；消费者投诉举报按时办结率达到95%；市场主体创新活力充分激发，每万人口发明"
        "专利拥有量达到1件以上，商标有效注册量达到1600件以上；"
    ),
    PUBLIC_SERVICE_URL: (
        "根据规划，2025年我国学前教育毛入园率将大于90%，高中阶段教育毛入学率大于92%，每千人口拥有3岁以下婴幼儿"
        "托位数4.5个。2025年我国人均预期寿命达78.3岁，养老机构护理型床位占比达55%，新建城区、居住（小）区配套建设"
        "养老服务设施达标率100%，基本养老保险参保率达95%，养老服务床位总量约1000万张。人均体育场地面积2.6平方米。"
    ),
}


def county_market_regulation_targets(path: Path) -> Path:
    """The nine 2025 targets of 维西县's market-regulation implementation plan (all of them, in order)."""
    rows = [
        ["维西县贯彻“十四五”市场监管现代化规划实施方案　2025年目标"],
        ["序号", "指标", "2025年目标"],
        [1, "企业平均开办时间", "1个工作日内"],
        [2, "全县市场主体数", "1.96万户"],
        [3, "食品检验量", "5批次/千人以上"],
        [4, "全县社会公众食品安全满意度", "88%以上"],
        [5, "药械化抽检合格率", "90%以上"],
        [6, "公共服务质量满意度", "75%以上"],
        [7, "消费者投诉举报按时办结率", "95%"],
        [8, "每万人口发明专利拥有量", "1件以上"],
        [9, "商标有效注册量", "1600件以上"],
        [f"来源：{WEIXI_TITLE}，{WEIXI_URL}。原文为一段文字，逐项录入，措辞未改。"],
    ]
    return write_workbook(path, {"目标": rows}, {"目标": ["A1:C1", "A12:C12"]})


def public_service_plan_targets(path: Path) -> Path:
    """The nine 2025 targets the Xinhua report quotes from the national 十四五 public-service plan."""
    rows = [
        ["“十四五”公共服务规划　2025年目标（新华社报道所列）"],
        ["指标", "2025年目标"],
        ["学前教育毛入园率", "大于90%"],
        ["高中阶段教育毛入学率", "大于92%"],
        ["每千人口拥有3岁以下婴幼儿托位数", "4.5个"],
        ["人均预期寿命", "78.3岁"],
        ["养老机构护理型床位占比", "55%"],
        ["新建城区、居住（小）区配套建设养老服务设施达标率", "100%"],
        ["基本养老保险参保率", "95%"],
        ["养老服务床位总量", "约1000万张"],
        ["人均体育场地面积", "2.6平方米"],
        [f"来源：{PUBLIC_SERVICE_TITLE}，{PUBLIC_SERVICE_URL}。规划原表未能读到，只录报道原句中的目标值。"],
    ]
    return write_workbook(path, {"目标": rows}, {"目标": ["A1:B1", "A12:B12"]})
