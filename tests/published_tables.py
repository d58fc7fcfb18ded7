"""Published plan targets and indicator boxes, transcribed cell by cell from source texts actually read.

Rule for this module: every cell comes from a source text that was actually read (the URL or the
repository and path, and the retrieval note, are beside each builder and in the sheet). Nothing is
typed from memory and nothing is invented (a cell the source leaves "—" stays "—").

What the indexes held (searched 2026). The `search` tool's pages corpus stores only the first ~1,500
characters of each page, so the boxes deep inside long plan pages (十四五纲要专栏1, provincial
market-regulation plans) were not readable there. The `find_string` tool over public GitHub files
(first 100,000 characters of each) found one public knowledge base of the 15th plan
(jingjason1998-cloud/DSTE-Prototype, public/kb/) that keeps HTML transcriptions of the plans' indicator
boxes (the official pages print the boxes as images; the knowledge base says so). Two boxes are taken
from it, as it lays them out (header row, category column, marks, the 注 under the table):

1. `national_outline_box`: 专栏1 of the national 15th-plan outline, "十五五"时期经济社会发展主要指标
   (类别 | 指标 | 2025 年 | 2030 年 | 年均/累计 | 属性; 〔〕 totals, * marks, >7, <5.5, 1.45 左右, targets in words).
2. `ip_plan_box`: the indicator table of the national 15th-plan IP protection and use plan, 国发〔2026〕30号
   (指标 | 2025 年 | 2030 年; ＞22, * marks, "(亿元,5年累计)").

Both are third-party transcriptions of images, not the official page text: the knowledge base cites the
official URLs (kept here) and its cells were not compared with the images. A village land-use table found
the same way (金田村, "| 规划指标体系 | 2022年 | 2035年 | 属性 |", find_string id 55129327984) sits as fixed
content inside a plan-document generator's code, with no source named; it was not used.

Two target *lists* stated in sentences (no box) are kept too:

3. `county_market_regulation_targets`: the "到2025年" paragraph of a county market-regulation
   implementation plan, every target in it, wording kept (1个工作日内, 5批次/千人以上, 88%以上 …).
4. `public_service_plan_targets`: the 2025 targets of the national《"十四五"公共服务规划》as
   Xinhua reported them on its publication day (大于90%, 约1000万张 …).

For these two the layout (one row per target, a "2025年目标" column) is ours, the way an analyst pastes
such a paragraph into a sheet; the name and target cells are the source's words, split only at the verb
(达到 / 压缩到 / 达 / 将 …). Neither source gives base-year values, so there is no base column.
The earlier from-memory boxes (纲要专栏1 of the 14th plan and the IP plan box) were removed.
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


# ---- Published indicator boxes (tables as their source lays them out) ----
#
# Found with the `find_string` tool in the GitHub file index (2026): a public knowledge base of the 15th
# plan keeps HTML transcriptions of the plans' indicator boxes (the official pages print these boxes as
# images; the knowledge base says so and transcribed them). Its dashboard.json holds the same 专栏1 rows
# (find_string ids 61057057979 → knowledge.js, 60806144483 → dashboard.json). Each builder below copies
# the HTML table cell by cell: header row, every row in order, every mark (〔〕, *, >, <, ＞, 左右, —), and
# the footnote paragraph under the table. Cells are written as the text the source shows ("67.9" as text,
# the way a table copied from a web page arrives); the knowledge base's own wording beside the table is
# kept in the 来源 row. Nothing is added: the source has no base value for 指标 12 and none is invented.

KB_REPO = "jingjason1998-cloud/DSTE-Prototype"

OUTLINE_BOX_PATH = "public/kb/docs/indicators/main-indicators.html"  # commit bbdb5bbd8cca9c2537f1d7cca6dde4a75498d23f
OUTLINE_BOX_URL = "https://www.news.cn/politics/20260313/085af5de5a4b4268aa7d87d90817df2f/c.html"
OUTLINE_BOX_TITLE = "“十五五”时期经济社会发展主要指标"

IP_PLAN_PATH = "public/kb/docs/policies/知识产权.html"  # commit bbdb5bbd8cca9c2537f1d7cca6dde4a75498d23f
IP_PLAN_URL = "https://www.cnipa.gov.cn/art/2026/7/31/art_3693_207456.html"
IP_PLAN_TITLE = "知识产权保护和运用“十五五”规划(国发〔2026〕30号)"

# The source's own words around each table (verbatim; the tables themselves are in the builders).
BOX_SOURCE_TEXT = {
    OUTLINE_BOX_PATH: (
        "出处:《纲要》第一篇第三章“主要目标”专栏1。共 20 项指标、5 个类别;约束性 8 项(表中“属性”列),其余 12 项为预期性。"
        "新华网全文版中该表为图片,本表为图片转录。"
        " | 表头:类别 | 指标 | 2025 年 | 2030 年 | 年均/累计 | 属性"
        " | 注(原表脚注):①〔〕为 5 年累计数。②带 * 的为 2024 年数据。③全社会研发经费投入增速按不变价格计算。"
        "④粮食综合生产能力指可以稳定达到的粮食产出能力。"
    ),
    IP_PLAN_PATH: (
        "表头:指标 | 2025 年 | 2030 年"
        " | (均为预期性指标;带*号为 2024 年数据。指标表在官网为图片,已转录)"
        " | 全文:国家知识产权局 https://www.cnipa.gov.cn/art/2026/7/31/art_3693_207456.html(转载自中国政府网;公开发布版本有删减)"
        " | 文号:国发〔2026〕30号;国务院 2026-07-27 印发,2026-07-31 发布"
    ),
}

OUTLINE_BOX_FOOTNOTE = (
    "注(原表脚注):①〔〕为 5 年累计数。②带 * 的为 2024 年数据。③全社会研发经费投入增速按不变价格计算。"
    "④粮食综合生产能力指可以稳定达到的粮食产出能力。"
)

# 类别, 指标, 2025 年, 2030 年, 年均/累计, 属性 — the 21 body rows of the HTML table, in order.
OUTLINE_BOX_ROWS = [
    ["经济发展", "1. 国内生产总值(GDP)增长(%)", "5", "—", "保持在合理区间、各年度视情提出", "预期性"],
    ["经济发展", "2. 全员劳动生产率增长(%)", "6.1", "—", "高于 GDP 增长", "预期性"],
    ["经济发展", "3. 常住人口城镇化率(%)", "67.9", "71", "—", "预期性"],
    ["创新驱动", "4. 全社会研发经费投入增长(%)", "9.1", "—", ">7", "预期性"],
    ["创新驱动", "5. 每万人口高价值发明专利拥有量(件)", "16", ">22", "—", "预期性"],
    ["创新驱动", "6. 数字经济核心产业增加值占 GDP 比重(%)", "10.5*", "12.5", "—", "预期性"],
    ["民生福祉", "7. 城镇调查失业率(%)", "5.2", "—", "<5.5", "预期性"],
    ["民生福祉", "8. 居民人均可支配收入增长(%)", "5", "—", "与 GDP 增长同步", "预期性"],
    ["民生福祉", "9. 劳动年龄人口平均受教育年限(年)", "11.3", "11.7", "—", "约束性"],
    ["民生福祉", "10. 每千人口拥有医护人员数——执业医师数(人)", "3.1", "3.7", "—", "预期性"],
    ["民生福祉", "10. 每千人口拥有医护人员数——注册护士数(人)", "4.3", "5.1", "—", "预期性"],
    ["民生福祉", "11. 养老机构护理型床位占比(%)", "68", "73", "—", "预期性"],
    ["民生福祉", "12. 3 岁以下婴幼儿入托率提高(百分点)", "—", "—", "〔6〕", "预期性"],
    ["民生福祉", "13. 人均预期寿命(岁)", "79.25", "80", "—", "预期性"],
    ["绿色低碳", "14. 单位 GDP 二氧化碳排放降低(%)", "〔17.7〕", "—", "〔17〕", "约束性"],
    ["绿色低碳", "15. 非化石能源占能源消费总量比重(%)", "21.7", "25", "—", "约束性"],
    ["绿色低碳", "16. 地级及以上城市细颗粒物(PM2.5)浓度(微克/立方米)", "28", "<27", "—", "约束性"],
    ["绿色低碳", "17. 优良水体比例(%)", "80", "85", "—", "约束性"],
    ["绿色低碳", "18. 森林覆盖率(%)", "25.1*", "25.8", "—", "约束性"],
    ["安全保障", "19. 粮食综合生产能力(万亿斤)", "1.39", "1.45 左右", "—", "约束性"],
    ["安全保障", "20. 能源综合生产能力(亿吨标准煤)", "51.3", "58", "—", "约束性"],
]


def national_outline_box(path: Path, *, merged_categories: bool = False) -> Path:
    """专栏1 of the national 15th-plan outline, as the knowledge base transcribed it from the image.

    repo jingjason1998-cloud/DSTE-Prototype, path public/kb/docs/indicators/main-indicators.html
    (find_string id of its sibling dashboard.json: 60806144483); the box itself: 新华网《纲要》全文
    (OUTLINE_BOX_URL), 专栏1. With merged_categories the 类别 cells of each category are merged
    vertically, as the printed box shows them (the cell texts are the same; only the merge differs).
    """
    header = ["类别", "指标", "2025 年", "2030 年", "年均/累计", "属性"]
    rows = [[OUTLINE_BOX_TITLE], header, *OUTLINE_BOX_ROWS, [OUTLINE_BOX_FOOTNOTE],
            [f"来源：{KB_REPO} {OUTLINE_BOX_PATH}（新华网《纲要》全文版专栏1 图片转录），原载 {OUTLINE_BOX_URL}"]]
    last = len(rows)
    merges = ["A1:F1", f"A{last - 1}:F{last - 1}", f"A{last}:F{last}"]
    if merged_categories:
        first_row = 3  # the first body row in Excel numbering
        start = first_row
        for i in range(1, len(OUTLINE_BOX_ROWS) + 1):
            if i == len(OUTLINE_BOX_ROWS) or OUTLINE_BOX_ROWS[i][0] != OUTLINE_BOX_ROWS[start - first_row][0]:
                end = first_row + i - 1
                if end > start:
                    merges.append(f"A{start}:A{end}")
                    for r in range(start + 1, end + 1):
                        rows[r - 1][0] = None  # a merged range keeps only its top-left value
                start = end + 1
    return write_workbook(path, {"专栏1": rows}, {"专栏1": merges})


IP_PLAN_ROWS = [
    ["每万人口高价值发明专利拥有量(件)", "16", "＞22"],
    ["知识产权(专利)密集型产业增加值占 GDP 比重(%)", "13.38*", "14.60"],
    ["版权产业增加值占 GDP 比重(%)", "7.46*", "7.53"],
    ["知识产权使用费进出口总额(亿元,5年累计)", "19600", "20000"],
    ["地理标志产品直接产值(亿元)", "9690*", "11000"],
    ["知识产权保护社会满意度(分)", "82.81", "83.90"],
]


def ip_plan_box(path: Path) -> Path:
    """The indicator table of the national 15th-plan IP protection and use plan (国发〔2026〕30号).

    repo jingjason1998-cloud/DSTE-Prototype, path public/kb/docs/policies/知识产权.html; the plan:
    IP_PLAN_URL. The knowledge base's transcription has three columns (no 属性 column: its note says all
    six are 预期性); the note under the table is kept as the footnote row.
    """
    rows = [
        [IP_PLAN_TITLE],
        ["指标", "2025 年", "2030 年"],
        *IP_PLAN_ROWS,
        ["(均为预期性指标;带*号为 2024 年数据。指标表在官网为图片,已转录)"],
        [f"来源：{KB_REPO} {IP_PLAN_PATH}，原载 {IP_PLAN_URL}"],
    ]
    return write_workbook(path, {"指标": rows}, {"指标": ["A1:C1", "A9:C9", "A10:C10"]})
