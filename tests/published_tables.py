"""Two published plan indicator boxes, transcribed as the plans print them (layout, wording, marks).

Each builder writes the box into a workbook the way an analyst pastes it from the PDF: the title row,
the header row, a category column merged down its rows, bare year columns, the 年均/累计 column,
units in brackets after the names, footnote marks and the box's 注 row. The source is in the sheet.

What could be checked: the public search index used for this work did not hold the boxes themselves,
only reports quoting their figures. Values confirmed by those reports are listed in CONFIRMED with the
page that states them; the other cells are transcribed from the published boxes (URL below) and are
used here only to test the reading, never as data for a report.
"""

from __future__ import annotations

from pathlib import Path

from sheets import write_workbook

OUTLINE_URL = "http://www.gov.cn/xinwen/2021-03/13/content_5592681.htm"  # 十四五规划和2035年远景目标纲要
IP_PLAN_URL = "http://www.gov.cn/zhengce/content/2021-10/28/content_5647274.htm"  # 国发〔2021〕20号

CONFIRMED = {
    "GDP 2020 2.3, target 保持在合理区间、各年度视情提出": "http://www.wufengnews.com/content/show?catid=147741&newsid=695183",
    "研发经费投入 年均增长7%以上; 数字经济核心产业增加值占GDP比重 7.8 → 10": "http://shlanke.com/a/guoneizixun/2021/0720/274939.html",
    "每万人口高价值发明专利拥有量 target 12 件": "http://news.hcygmm.com/zhishi/14769.html",
    "专利密集型产业增加值占GDP比重 target 13%": "http://niita.cn/news/view?class=60&id=25570",
    "知识产权使用费年进出口总额 2020 3194.4 亿元": "http://news.hcygmm.com/zhishi/14769.html",
    "IP plan: 8 项预期性指标": "https://epaper.gmw.cn/gmrb/html/2024-03/30/nw.D110000gmrb_20240330_3-04.htm",
}


def outline_box(path: Path) -> Path:
    """专栏1 of the 14th five-year plan outline (a selection of its 20 rows, in its layout)."""
    rows = [
        ["专栏1　“十四五”时期经济社会发展主要指标"],
        ["类别", "指标", "2020年", "2025年", "年均/累计", "属性"],
        ["经济发展", "1.国内生产总值（GDP）增长（%）", 2.3, "保持在合理区间、各年度视情提出", "—", "预期性"],
        [None, "2.全员劳动生产率增长（%）", 2.5, "高于GDP增长", "—", "预期性"],
        [None, "3.常住人口城镇化率（%）", "60.6*", 65, "—", "预期性"],
        ["创新驱动", "4.全社会研发经费投入增长（%）", "—", "—", ">7、力争投入强度高于“十三五”时期实际", "预期性"],
        [None, "5.每万人口高价值发明专利拥有量（件）", 6.3, 12, "—", "预期性"],
        [None, "6.数字经济核心产业增加值占GDP比重（%）", 7.8, 10, "—", "预期性"],
        ["民生福祉", "7.城镇调查失业率（%）", 5.2, "<5.5", "—", "预期性"],
        [None, "8.每千人口拥有执业（助理）医师数（人）", 2.9, 3.2, "—", "预期性"],
        [None, "9.人均预期寿命（岁）", "77.3*", "—", "〔1〕", "预期性"],
        ["绿色生态", "10.单位GDP能源消耗降低（%）", "—", "—", "〔13.5〕", "约束性"],
        [None, "11.地表水达到或好于Ⅲ类水体比例（%）", 83.4, 85, "—", "约束性"],
        ["安全保障", "12.粮食综合生产能力（亿吨）", "—", ">6.5", "—", "约束性"],
        ["注：①〔〕内为5年累计数。②带*的为2019年数据。"],
        [f"来源：{OUTLINE_URL}（专栏1，节选）"],
    ]
    merges = ["A1:F1", "A3:A5", "A6:A8", "A9:A11", "A12:A13", "A15:F15", "A16:F16"]
    return write_workbook(path, {"主要指标": rows}, {"主要指标": merges})


def ip_plan_box(path: Path) -> Path:
    """专栏 of the national 14th-plan IP protection and use plan: eight 预期性 indicators."""
    rows = [
        ["“十四五”知识产权发展主要指标"],
        ["指标", "2020年", "2025年", "属性"],
        ["每万人口高价值发明专利拥有量（件）", 6.3, 12, "预期性"],
        ["海外发明专利授权量（万件）", 4, 9, "预期性"],
        ["知识产权质押融资登记金额（亿元）", 2180, 3200, "预期性"],
        ["知识产权使用费年进出口总额（亿元）", 3194.4, 3500, "预期性"],
        ["专利密集型产业增加值占GDP比重（%）", "11.6①", 13, "预期性"],
        ["版权产业增加值占GDP比重（%）", "7.39①", 7.5, "预期性"],
        ["知识产权保护社会满意度（分）", 80.05, 82, "预期性"],
        ["知识产权民事一审案件服判息诉率（%）", 85.38, 85, "预期性"],
        ["注：①为2019年数值。"],
        [f"来源：{IP_PLAN_URL}"],
    ]
    return write_workbook(path, {"专栏": rows}, {"专栏": ["A1:D1", "A11:D11", "A12:D12"]})
