"""Province and city 十五五 main-indicator tables as they are published (issue 17), cell by cell, with sources.

Rule for this module (as in published_tables.py): every cell comes from a source text that was actually
read; its repository, path and commit are beside each builder and in the sheet's 来源 row. Nothing is typed
from memory, nothing is filled in: a cell the source leaves "—" stays "—", a row the source leaves out stays
out. Every table here is a **third-party transcription** (none is the official page itself); which kind is
said per table.

Where the tables were found (searched 2026 with the `find_string`, `search`, `find_files` and `read_file`
tools; the snapshots were then read with `fetch` + git):

A. Provincial outlines, from the knowledge base that also gave the national box (published_tables.py):
   repo jingjason1998-cloud/DSTE-Prototype, public/kb/docs/regions/<省>.html, commit
   bbdb5bbd8cca9c2537f1d7cca6dde4a75498d23f. Each province page has a "二、主要目标" table that is the
   knowledge base's *excerpt* of the outline's main-indicator box (9–14 of the box's 20–29 rows), in the
   knowledge base's own column layout; several of the official boxes are images that the knowledge base read
   by eye (it says so: "图片表格转录", "引用前建议复核原图"). So these are third-party excerpts of
   transcriptions. Four are kept: 福建 (指标 | 2025年基期 | 2030年目标 | 属性), 安徽 (指标 | 2025 年(含预估) |
   2030 年/年均 | 属性), 浙江 (指标 | 2030 年目标 | 属性: targets only) — the three layouts of issue 17 — and
   重庆 (指标 | 2025年 | 2030年目标 | 属性). Not kept: pages whose table is the knowledge base's own summary
   with "→" between base and target in one cell (湖南, 河北) or a single free-text target column (北京, 上海,
   天津, 吉林, 广东, 山东: the 北京 and 上海 boxes are taken below from fuller copies).

B. City outlines, from repo milaotou001/policy-funding-radar, data/reports/plans/, commit
   b6b788213b82ff2a12e87658e1f113d83206e514: copies of the official full texts, saved by that project
   (HTML pages as downloaded, and .txt extractions). Six main-indicator boxes are kept, whole:
   - 上海 (sh-15th.html: the municipal portal's page as saved, the box a real HTML <table>; the page says
     发布日期 2026-02-10, 来源 解放日报; 2026年2月7日市十六届人大四次会议批准);
   - 广州 (gz-15th.html: the page https://www.gz.gov.cn/zwgk/fggw/szfwj/content/post_10833640.html as saved,
     穗府〔2026〕4号, 2026年5月21日印发, the box a real HTML <table> with its rowspan/colspan);
   - 杭州 (hz-15th.html: https://zfgb.hangzhou.gov.cn/10/104220263/t114220263044/530374.shtml as saved,
     2026年3月19日; the box as the page's text, one cell a line);
   - 北京 (bj-15th.txt: a text extraction of the PDF, 2026年1月29日市十六届人大四次会议批准);
   - 南京 (nj-15th.txt: a text extraction, cells separated by four spaces, merged cells left empty);
   - 苏州 (su-15th.txt: a text extraction of the PDF, 苏州市人民政府 二〇二六年四月).
   The saving project names no URL for the 北京, 南京, 苏州 texts. For the three text extractions the cell
   boundaries and merges are inferred from the text's layout (each builder says how); the cell texts are
   the extraction's. In a PDF extraction a line break inside a cell is a wrap of the printed column, so
   wrapped lines are joined ("…占地区生" + "产总值比重(%)"); where the source has a real line break inside a
   cell (an HTML <br> or paragraph, or the page text of 杭州 and the 南京 text) it is kept as "\n".
   Characters are kept as the copies have them (ASCII "(%)" and "," in the 北京 text, "∗" U+2217, "∶" U+2236,
   full-width "＞" beside ASCII ">", spaces around numbers in the 苏州 text).

C. Not found: no 十五五 market-regulation (市场监管), IP (知识产权), drug-safety (药品安全) or quality (质量)
   plan table of any province or city is in the indexes (find_string "市场监管“十五五”", "十五五”市场监管",
   "药品安全“十五五”", "知识产权“十五五”规划", "市场监管现代化“十五五”", "质量强国“十五五”", "食品安全抽检合格率" …;
   the pages corpus keeps only each page's first ~1,500 characters, never the box). The market-regulation rows
   that are here: 北京's 29. 食品药品安全 (食品安全抽检合格率 / 药品抽检合格率, 约束性) and the
   高价值发明专利 rows of every table.

How a bureau receives such a box is the layout here: the document's title in row 1 (taken from the same
source: its title page or page title), the box's own caption in row 2 when it has one, the header row(s),
every body row with the box's category cells merged down as printed, the 注 lines under the table as
merged rows, and a 来源 row naming the copy. Merges a text extraction cannot show are stated per builder.

Expectations (EXPECTED[...]) are hand-written from the source cells, not from the loader: how each row
should be read as its source means it. Conventions, the suite's own (tests/test_published_boxes.py):
"左右"/"约" keep the number as an approximate target with ">=" (or "<=" where lower is better); "以上" and
"≥" are ">=", ">"/"＞" is ">", "以内"/"≤" "<=", "<"/"＜" "<"; a 年均 target is `annual_rate`; a number in
〔〕 ［］ 【】 [] is `cumulative` where the table's 注 or header says so; "a—b" / "a-b" is a `range` (value a,
high b, no comparator); words without a number are `qualitative`. A row's reading that needs knowledge not
written in its cells (lower-is-better with no "≤", a total not marked as one) says so in `why`.
Keys are the names as the suite should keep them (spaces, line breaks, the box's numbering and a trailing unit
bracket gone); a parent name over sub-rows is joined to the sub-row's with "——", as in the national box's
transcription (any name keeping both is right). Names and areas are meant to be compared without whitespace;
an area's bracket width and leading "一、" are cosmetic.
tests/test_province_tables.py asserts these against the loader, row by row; docs/province_tables_findings.md keeps the
counts before and after the loader work of issue 17.
"""

from __future__ import annotations

from pathlib import Path

from sheets import write_workbook

KB_REPO = "jingjason1998-cloud/DSTE-Prototype"
KB_COMMIT = "bbdb5bbd8cca9c2537f1d7cca6dde4a75498d23f"
PLANS_REPO = "milaotou001/policy-funding-radar"
PLANS_COMMIT = "b6b788213b82ff2a12e87658e1f113d83206e514"


def expect(unit, base=None, target=None, comparator=">=", target_type="level", *, high=None, approximate=False,
           lower=False, words="", base_year=2025, base_note="", indicator_type="预期性", area="", also=(),
           why=""):
    """One row's reading as its source means it.

    unit: the row's unit ("" when it has none); base: the base-year value (None: no base value);
    target: the 2030 target's number (None for qualitative targets); comparator "" for range/qualitative;
    high: a range's upper end; words: words beyond the number that must be kept (in target_text or a note);
    base_note: what the base cell says beyond its number (estimate, bound, another year);
    also: further targets written in the same row (text); why: the reason for an unusual reading.
    """
    return {
        "unit": unit, "base_year": base_year, "base": base, "base_note": base_note,
        "target_year": 2030, "target": target, "comparator": comparator, "target_type": target_type,
        "target_high": high, "approximate": approximate, "direction": "lower" if lower else "higher",
        "words": words, "indicator_type": indicator_type, "area": area, "also": tuple(also), "why": why,
    }


def qualitative(unit, base=None, text="", **kw):
    """A target in words only (value NaN); `text` the words to keep."""
    return expect(unit, base, None, "", "qualitative", words=text, **kw)


def _kb_source(province: str) -> str:
    return (f"来源：第三方转录（知识库摘录）{KB_REPO} public/kb/docs/regions/{province}.html（commit {KB_COMMIT[:12]}）"
            "，“二、主要目标”表；该表为知识库从规划纲要主要指标表中摘录的部分指标，原表部分为图片、系读图转录。")


def _plans_source(path: str, original: str) -> str:
    return f"来源：第三方存档 {PLANS_REPO} {path}（commit {PLANS_COMMIT[:12]}），{original}"


def _merge_down(rows, col: int, first: int, last: int, merges: list, letter: str) -> None:
    """Merge column `letter` (index col) from Excel row first to last, keeping only the top value."""
    if last > first:
        merges.append(f"{letter}{first}:{letter}{last}")
        for r in range(first + 1, last + 1):
            rows[r - 1][col] = None


# ====================================================================== A. provincial outlines (knowledge base)

FUJIAN_TITLE = "福建省国民经济和社会发展第十五个五年规划纲要（2026—2030年）"
FUJIAN_ROWS = [
    ["地区生产总值年均增长", "5.0%（2025）", "5%左右", "预期性"],
    ["常住人口城镇化率", "72.6%", "75%", "预期性"],
    ["全社会研发经费投入年均增长", "8%左右", "10%", "预期性"],
    ["工业战略性新兴产业产值占规上工业产值比重", "29.1%*", ">30%", "预期性"],
    ["海洋生产总值", "—", ">1.3万亿元，年均增速高于GDP增速1个百分点以上", "预期性"],
    ["文旅经济增加值", "6500亿元", "9000亿元左右", "预期性"],
    ["数字经济核心产业增加值年均增长", "—", ">8%", "预期性"],
    ["森林覆盖率", "65.85%", "65.88%", "约束性"],
    ["粮食综合生产能力", "520.9万吨", "522万吨", "约束性"],
    ["能源综合生产能力", "5966万吨标准煤", "8000万吨标准煤", "约束性"],
]


def fujian_box(path: Path) -> Path:
    """福建: 10 of the 24 rows of 专栏1 主要指标, as the knowledge base lists them (third-party, read from an image).

    KB page public/kb/docs/regions/福建.html: 全称《福建省国民经济和社会发展第十五个五年规划纲要（2026—2030年）》，
    2026年1月31日省十四届人大四次会议批准，2026年3月20日省政府门户网站全文发布 (official URL given there:
    https://www.fujian.gov.cn/zwgk/ghjh/zcqfzgh/202604/t20260402_7118825.htm). "专栏1 主要指标" is an image on
    the official page; the KB says its values were read from the image. The KB gives no 注 for the "*" of 29.1%*.
    """
    rows = [[FUJIAN_TITLE], ["专栏1 主要指标"], ["指标", "2025年基期", "2030年目标", "属性"], *[list(r) for r in FUJIAN_ROWS],
            [_kb_source("福建")]]
    n = len(rows)
    return write_workbook(path, {"专栏1": rows}, {"专栏1": ["A1:D1", "A2:D2", f"A{n}:D{n}"]})


ANHUI_TITLE = "安徽省国民经济和社会发展第十五个五年规划纲要"
ANHUI_ROWS = [
    ["地区生产总值增长", "5.5%", "年均 5—5.5%", "预期性"],
    ["常住人口城镇化率", "63.6%", "68% 左右", "预期性"],
    ["进出口总额", "10136 亿元", "13000 亿元左右", "预期性"],
    ["全社会研发经费投入增长", "7.6%", "年均 10% 左右", "预期性"],
    ["每万人口高价值发明专利拥有量", "13.7 件", "20 件左右", "预期性"],
    ["数字经济核心产业企业营收占规上企业收入比重", "14.3%", "15% 左右", "预期性"],
    ["人均预期寿命", "79.5 岁", "80 岁以上", "预期性"],
    ["粮食综合生产能力", "838.6 亿斤", "880 亿斤以上", "约束性"],
    ["森林覆盖率", "—", "28.06% 以上", "约束性"],
]


def anhui_box(path: Path) -> Path:
    """安徽: 9 of the 22 rows of 表1 (third-party excerpt), header "2025 年(含预估)" and "2030 年/年均".

    KB page public/kb/docs/regions/安徽.html: 《安徽省国民经济和社会发展第十五个五年规划纲要》，2026年2月9日省十四届
    人大四次会议批准，2026年3月14日省政府印发 (https://www.ah.gov.cn/public/1681/565504401.html); the KB names the
    box 表1"安徽省'十五五'经济社会发展主要指标"（共 22 项）: written here with the usual “” marks.
    """
    rows = [[ANHUI_TITLE], ["表1 安徽省“十五五”经济社会发展主要指标"], ["指标", "2025 年(含预估)", "2030 年/年均", "属性"],
            *[list(r) for r in ANHUI_ROWS], [_kb_source("安徽")]]
    n = len(rows)
    return write_workbook(path, {"表1": rows}, {"表1": ["A1:D1", "A2:D2", f"A{n}:D{n}"]})


ZHEJIANG_TITLE = "浙江省国民经济和社会发展第十五个五年规划纲要"
ZHEJIANG_ROWS = [
    ["GDP 年均增长", "5% 左右", "预期性"],
    ["研发投入强度", "3.5% 以上（全社会研发经费年均增长 7.5%）", "预期性"],
    ["常住人口城镇化率", "78% 左右（2025 年约 76%）", "预期性"],
    ["居民人均可支配收入", "9 万元左右，增长与 GDP 同步", "预期性"],
    ["城乡居民收入倍差", "缩小至 1.77（2025 年 1.81）", "预期性"],
    ["货物和服务贸易进出口总额占全国份额", "12% 左右", "预期性"],
    ["数字经济核心产业增加值占 GDP 比重", "14%", "预期性"],
    ["战略性新兴产业增加值占规上工业增加值比重", "38%", "预期性"],
    ["人均预期寿命", "83 岁", "预期性"],
    ["粮食综合生产能力", "300 亿斤", "约束性"],
]


def zhejiang_box(path: Path) -> Path:
    """浙江: 10 main targets as the knowledge base tabulates them (targets only; third-party excerpt).

    KB page public/kb/docs/regions/浙江.html: 《浙江省国民经济和社会发展第十五个五年规划纲要》2026年1月17日省十四届
    人大四次会议通过，2026年2月10日省政府办公厅发布 (official PDF named there). The table has no caption in the KB
    (its section is "二、主要目标"); base values appear only inside two target cells, in brackets.
    """
    rows = [[ZHEJIANG_TITLE], ["指标", "2030 年目标", "属性"], *[list(r) for r in ZHEJIANG_ROWS], [_kb_source("浙江")]]
    n = len(rows)
    return write_workbook(path, {"主要目标": rows}, {"主要目标": ["A1:C1", f"A{n}:C{n}"]})


CHONGQING_TITLE = "重庆市“十五五”规划纲要"
CHONGQING_ROWS = [
    ["地区生产总值", "迈上4万亿元新台阶(2030)", "年均增长5—5.5%", "预期性"],
    ["人均地区生产总值", "10.59万元", "14万元", "预期性"],
    ["研发经费投入强度", "预计2.65%", "3.25%", "预期性"],
    ["常住人口城镇化率", "73.02%", "75%左右", "预期性"],
    ["战略性新兴产业增加值占规上工业增加值比重", "36.3%", "39%左右", "预期性"],
    ["数字经济核心产业增加值占GDP比重", "预计≥10%", "13%", "预期性"],
    ["居民消费率", "—", "46%", "预期性"],
    ["人均预期寿命", "—", "80.5岁", "预期性"],
    ["城乡居民人均可支配收入比", "2.21∶1", "2.1∶1左右", "预期性"],
    ["粮食综合生产能力", "预计1112.5万吨", "≥1131.5万吨", "约束性"],
]


def chongqing_box(path: Path) -> Path:
    """重庆: 10 of the 24 rows of 专栏1 (third-party excerpt), 指标 | 2025年 | 2030年目标 | 属性.

    KB page public/kb/docs/regions/重庆.html ("重庆市\"十五五\"规划纲要要点"; 渝府发〔2026〕7号, 2026-02-12 印发,
    https://www.cq.gov.cn/zwgk/zfxxgkml/szfwj/qtgw/202602/t20260214_15446304.html). The KB gives the document
    only as 重庆市"十五五"规划纲要 and the box as 专栏1; the title rows say no more than that. Its first row holds
    a 2030 level in the 2025 column ("迈上4万亿元新台阶(2030)") — kept where the KB puts it.
    """
    rows = [[CHONGQING_TITLE], ["专栏1"], ["指标", "2025年", "2030年目标", "属性"], *[list(r) for r in CHONGQING_ROWS],
            [_kb_source("重庆")]]
    n = len(rows)
    return write_workbook(path, {"专栏1": rows}, {"专栏1": ["A1:D1", "A2:D2", f"A{n}:D{n}"]})


# ====================================================================== B. city outlines (saved official texts)

SHANGHAI_TITLE = "上海市国民经济和社会发展第十五个五年规划纲要"
SHANGHAI_CAPTION = "表1 上海“十五五”经济社会发展主要指标"
# 序号, 指标, 单位, 属性, 2030年, 年均［累计］ — the 20 body rows of the <table>
SHANGHAI_ROWS = [
    ["1", "地区生产总值年均增速", "%", "预期性", "—", "力争达到5%左右"],
    ["2", "全员劳动生产率", "万元/人", "预期性", "> 52", "—"],
    ["3", "数字经济核心产业增加值占地区生产总值比重", "%", "预期性", "> 20", "—"],
    ["4", "金融市场交易总额", "万亿元", "预期性", "＞4500", "—"],
    ["5", "服务贸易进出口额", "亿美元", "预期性", "＞3000", "—"],
    ["6", "航空货邮年吞吐量", "万吨", "预期性", "470左右", "—"],
    ["7", "全社会研发经费支出相当于地区生产总值比例", "%", "预期性", "> 5.0", "—"],
    ["8", "每万人口高价值发明专利拥有量", "件", "预期性", "85左右", "—"],
    ["9", "主要劳动年龄人口受过高等教育的比例", "%", "预期性", "60左右", "—"],
    ["10", "城镇调查失业率", "%", "预期性", "—", "< 5.0"],
    ["11", "全市居民人均可支配收入年均增速", "%", "预期性", "—", "与经济增长同步"],
    ["12", "新增供应保障性租赁住房", "万套（间）", "预期性", "—", "［25—27］"],
    ["13", "养老机构护理型床位占比", "%", "预期性", "＞75", "—"],
    ["14", "社区公共服务设施15分钟步行\n可达覆盖率", "%", "预期性", "95", "—"],
    ["15", "单位生产总值二氧化碳排放降低", "%", "约束性", "—", "［完成国家审核衔接后确定的目标］"],
    ["16", "非化石能源占能源消费总量比重", "%", "约束性", "—", "［完成国家审核衔接后确定的目标］"],
    ["17", "细颗粒物（PM2.5）浓度", "微克/立方米", "约束性", "完成国家审核衔接后确定的目标", "—"],
    ["18", "地表水优良水体比例", "%", "约束性", "完成国家审核衔接后确定的目标", "—"],
    ["19", "生活垃圾回收利用率", "%", "约束性", "50", "—"],
    ["20", "单位生产总值生产安全事故死亡率", "人/\n亿元", "约束性", "< 0.006", "—"],
]


def shanghai_box(path: Path) -> Path:
    """上海: 表1, all 20 rows; a two-row header ("“十五五”目标" over "2030年 | 年均［累计］"), targets only.

    data/reports/plans/sh-15th.html (the portal page as saved: 发布日期 2026-02-10, 来源 解放日报). The header cells
    序号/指标/单位/属性 are merged down two rows and "“十五五”目标" across two columns, as in the <table>. Line
    breaks inside cells 14 (name) and 20 (unit) are the source's (two paragraphs in the cell). The caption stands
    above the table in the page; no 注 follows it (the page's "部分指标解释" come at the end of the document).
    """
    rows = [[SHANGHAI_TITLE], [SHANGHAI_CAPTION],
            ["序号", "指标", "单位", "属性", "“十五五”目标", None],
            [None, None, None, None, "2030年", "年均［累计］"],
            *[list(r) for r in SHANGHAI_ROWS],
            [_plans_source("data/reports/plans/sh-15th.html", "上海市人民政府门户网站页面存档（发布日期 2026-02-10，来源：解放日报）。")]]
    n = len(rows)
    merges = ["A1:F1", "A2:F2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", f"A{n}:F{n}"]
    return write_workbook(path, {"主要指标": rows}, {"主要指标": merges})


GUANGZHOU_TITLE = "广州市国民经济和社会发展第十五个五年规划纲要"
GUANGZHOU_CAPTION = "专栏1\u00a0\u00a0“十五五”时期经济社会发展主要指标"  # two no-break spaces, as in the page
# 类别, 指标, 指标（细分）, 单位, 2025年完成值, 2030年目标值, 属性 — None where the <table> merges the cell away.
GUANGZHOU_ROWS = [
    ["经济发展", "1. 地区生产总值年均增长", None, "%", "“十四五”年均增长4.0", "“十五五”年均增长5.0左右", "预期性"],
    ["经济发展", "2. 全员劳动生产率", None, "万元/人", "28", "36", "预期性"],
    ["经济发展", "3. 工业总产值", None, "万亿元", "2.5", "3", "预期性"],
    ["经济发展", "4. “15+8”产业增加值占地区生产总值比重*", None, "%", "58.6", "67.5", "预期性"],
    ["经济发展", "5. 数字经济核心产业增加值占地区生产总值比重", None, "%", "15.0", "18.0", "预期性"],
    ["经济发展", "6. 社会消费品零售总额年均增长", None, "%", "“十四五”年均增长4.1", "“十五五”年均增长\n5.0左右", "预期性"],
    ["经济发展", "7. 海洋生产总值*", None, "亿元", "5231", "7300", "预期性"],
    ["科技创新", "8. 全社会研发经费支出占地区生产总值比重", None, "%", "3.4", "4.0左右", "预期性"],
    ["科技创新", "9. 企业研发经费支出占全社会研发经费支出比重", None, "%", "66", "70", "预期性"],
    ["科技创新", "10. 每万人高价值发明专利拥有量", None, "件", "43.9", "60", "预期性"],
    ["对外开放", "11. 商品进出口总值年均增长", None, "%", "“十四五”年均增长5.4", "“十五五”年均增长\n6.0左右", "预期性"],
    ["对外开放", "12. 服务外包合同执行额", None, "亿美元", "200", "240", "预期性"],
    ["对外开放", "13. 机场旅客/货邮吞吐量", None, "万人次/\n万吨", "8358/244", "11000/350", "预期性"],
    ["对外开放", "14. 港口货物/集装箱吞吐量", None, "亿吨/\n万标箱", "6.99/2805", "7.4/3100", "预期性"],
    ["绿色低碳", "15. 单位地区生产总值二氧化碳排放降低", None, "%", "2021-2024年累计降低8.2", "完成省下达目标", "约束性"],
    ["绿色低碳", "16. 细颗粒物（PM2.5）年均浓度", None, "微克/立方米", "21.5", "≤20", "约束性"],
    ["绿色低碳", "17. 地表水优良水体比例*", None, "%", "100", "完成省下达目标", "约束性"],
    ["绿色低碳", "18. 森林覆盖率", None, "%", "41.65", "完成省下达目标", "约束性"],
    ["民生福祉", "19. 常住人口城镇化率", None, "%", "87.56", "88", "预期性"],
    ["民生福祉", "20. 累计城镇新增就业人数", None, "万人", "“十四五”\n累计新增160", "完成省下达目标", "预期性"],
    ["民生福祉", "21. 常住居民人均可支配收入年均增速", None, "%", "“十四五”年均增长5.0", "与经济增长同步", "预期性"],
    ["民生福祉", "22. 城乡居民人均可支配收入比值", None, "—", "1.99", "1.9", "预期性"],
    ["民生福祉", "23. 普通高中入学率", None, "%", "57.61", "≥70", "预期性"],
    ["民生福祉", "24. 每千人口拥有医护人员数", "每千人口拥有执业（助理）医师数", "人", "4.45", "4.50", "预期性"],
    ["民生福祉", None, "每千人口拥有注册护士数", "人", "5.21", "5.30", None],
    ["民生福祉", "25. 养老机构认知障碍照护床位数", None, "张", "5500", "≥7000", "预期性"],
    ["民生福祉", "26. 3岁以下婴幼儿入托率", None, "%", "10", "20", "预期性"],
    ["民生福祉", "27. 人均预期寿命", None, "岁", "84.38", "≥85", "预期性"],
    ["安全保障", "28. 电力电源装机规模", None, "万千瓦", "1624", "2050", "预期性"],
    ["安全保障", "29. 单位地区生产总值生产安全事故死亡率", None, "人/百亿元", "0.61", "完成省下达目标", "约束性"],
]
GUANGZHOU_NOTES = [
    "注：1.“15+8”产业是指15个战略性产业和8个现代服务业，其中15个战略性产业包括智能网联与新能源汽车、超高清视频与新型显示、"
    "生物医药与健康、绿色石化与新材料、软件与互联网、智能装备与机器人6个新兴支柱产业，人工智能、半导体与集成电路、新能源与新型储能、"
    "低空经济与航空航天、生物制造5个战略先导产业，以及时尚消费品、轨道交通、船舶与海洋工程、智能建造与工业化建筑4个特色优势产业；"
    "8个现代服务业包括现代金融、科技服务、专业服务3个追赶先进类行业，以及现代商贸、物流与供应链、会展、文化创意、旅游休闲5个保持位势类行业。",
    "2. 根据《海洋及相关产业分类》（GB/T 20794—2021），海洋生产总值分为三个层级，第一层级是海洋经济核心层，包括海洋渔业、沿海滩涂种植业、"
    "海洋水产品加工业、海洋油气业、海洋矿业、海洋盐业、海洋船舶工业、海洋工程装备制造业、海洋化工业、海洋药物和生物制品业、海洋工程建筑业、"
    "海洋电力业、海水淡化与综合利用业、海洋交通运输业、海洋旅游业；第二层级是海洋经济支持层，包括海洋科研教育、海洋公共管理服务；"
    "第三层级是海洋经济外围层，包含海洋上游相关产业、海洋下游相关产业。",
    "3. 地表水优良水体比例是指国控、省控断面地表水优良水体比例，“十四五”时期广州国控、省控断面20个，2024年起优良比例已达100%，"
    "“十五五”时期国家、省将根据实际情况对广州地表水考核断面进行调整，“地表水优良水体比例”与“十四五”时期相比统计范围发生变化。",
]


def guangzhou_box(path: Path) -> Path:
    """广州: 专栏1, all 29 indicators (30 rows), merges exactly as the page's <table> has them.

    data/reports/plans/gz-15th.html = https://www.gz.gov.cn/zwgk/fggw/szfwj/content/post_10833640.html as saved
    (穗府〔2026〕4号，2026年5月21日印发，2026-05-29 发布). The caption is the table's first row (colspan 7); the
    header's 指标 spans two columns, each name cell spans both except 24., whose parent name is merged down over
    its two sub-rows (with its 属性); the 类别 cells are merged down their rows. The three 注 paragraphs follow
    the table on the page (they explain the "*" of rows 4, 7, 17; they date nothing).
    """
    rows = [[GUANGZHOU_TITLE], [GUANGZHOU_CAPTION],
            ["类别", "指标", None, "单位", "2025年\n完成值", "2030年\n目标值", "属性"],
            *[list(r) for r in GUANGZHOU_ROWS],
            *[[note] for note in GUANGZHOU_NOTES],
            [_plans_source("data/reports/plans/gz-15th.html",
                           "广州市人民政府门户网站页面存档 https://www.gz.gov.cn/zwgk/fggw/szfwj/content/post_10833640.html（穗府〔2026〕4号）。")]]
    merges = ["A1:G1", "A2:G2", "B3:C3"]
    first = 4  # the first body row in Excel numbering
    for i, r in enumerate(GUANGZHOU_ROWS):
        if r[2] is None:
            merges.append(f"B{first + i}:C{first + i}")
    nurse = first + 23  # 24. 每千人口拥有医护人员数: two sub-rows
    for letter in ("B", "G"):
        merges.append(f"{letter}{nurse}:{letter}{nurse + 1}")
    start = first
    for i in range(1, len(GUANGZHOU_ROWS) + 1):
        if i == len(GUANGZHOU_ROWS) or GUANGZHOU_ROWS[i][0] != GUANGZHOU_ROWS[start - first][0]:
            _merge_down(rows, 0, start, first + i - 1, merges, "A")
            start = first + i
    last_body = first + len(GUANGZHOU_ROWS) - 1
    for k in range(len(GUANGZHOU_NOTES) + 1):
        merges.append(f"A{last_body + 1 + k}:G{last_body + 1 + k}")
    return write_workbook(path, {"专栏1": rows}, {"专栏1": merges})


BEIJING_TITLE = "北京市国民经济和社会发展第十五个五年规划纲要"
BEIJING_CAPTION = "“十五五”时期经济社会发展主要指标"
# 类别, 序号, 指标, 指标（细分）, 2025年, 2030年目标, 属性 (PDF text; wrapped lines joined)
BEIJING_ROWS = [
    ["创新发展(5项)", "1", "全社会研究与试验发展经费支出占地区生产总值比重(%)", None, "6左右∗", ">6", "预期性"],
    ["创新发展(5项)", "2", "每万人口高价值发明专利拥有量(件)", None, "180.7", "240左右", "预期性"],
    ["创新发展(5项)", "3", "地区生产总值年均增速(%)", None, "5.4", "4.5-5,努力争取更好结果", "预期性"],
    ["创新发展(5项)", "4", "全员劳动生产率(万元/人)", None, ">46.5∗", "58左右", "预期性"],
    ["创新发展(5项)", "5", "数字经济增加值年均增速(%)", None, "8.7", "8左右", "预期性"],
    ["协调发展(5项)", "6", "城市副中心和平原新城地区生产总值年均增速(%)", None, "—", ">5", "预期性"],
    ["协调发展(5项)", "7", "轨道交通站点500米范围人口和岗位覆盖率(%)", None, "23.86", "25.7", "预期性"],
    ["协调发展(5项)", "8", "生产生活用水总量(亿立方米)", None, "25.02", "<30", "约束性"],
    ["协调发展(5项)", "9", "城乡建设用地规模(平方公里)", None, "<2760∗", "<2760", "约束性"],
    ["协调发展(5项)", "10", "常住人口规模(万人)", None, "2180", "≤2300", "约束性"],
    ["绿色发展(6项)", "11", "绿色经济重点产业收入年均增速(%)", None, "—", "6左右", "预期性"],
    ["绿色发展(6项)", "12", "细颗粒物年均浓度(微克/立方米)", None, "27", "达到国家要求", "约束性"],
    ["绿色发展(6项)", "13", "彩化率(%)", None, "23.2", "24.2", "约束性"],
    ["绿色发展(6项)", "14", "优良水体比例(%)", None, "—", "达到国家要求", "约束性"],
    ["绿色发展(6项)", "15", "单位地区生产总值二氧化碳排放降幅(%)", None, "—", "完成经国家审核衔接后确定的目标", "约束性"],
    ["绿色发展(6项)", "16", "非化石能源占能源消费总量比重(%)", None, "—", "完成经国家审核衔接后确定的目标", "约束性"],
    ["开放发展(4项)", "17", "北京口岸出入境人数占全国比重(%)", None, "3.08", "3.8左右", "预期性"],
    ["开放发展(4项)", "18", "实际利用外资规模(亿美元)", None, "68.7", "【350左右】", "预期性"],
    ["开放发展(4项)", "19", "服务贸易年均增速(%)", None, "4.9", "5左右", "预期性"],
    ["开放发展(4项)", "20", "外资研发中心数量(家)", None, "332", "500左右", "预期性"],
    ["共享发展(6项)", "21", "全市居民人均可支配收入年均增速(%)", None, "4.4", "与经济增长同步", "预期性"],
    ["共享发展(6项)", "22", "城镇调查失业率(%)", None, "4.1", "<5", "预期性"],
    ["共享发展(6项)", "23", "养老机构护理型床位占比(%)", None, "68", "73", "预期性"],
    ["共享发展(6项)", "24", "3岁以下婴幼儿入托率提高(百分点)", None, "—", "【15左右】", "预期性"],
    ["共享发展(6项)", "25", "生活垃圾回收利用率(%)", None, "43", ">46", "约束性"],
    ["共享发展(6项)", "26", "人均接受文化场馆服务次数(次)", None, "6.691∗", ">8.5", "预期性"],
    ["安全稳定(3项)", "27", "单位地区生产总值生产安全事故死亡率(人/百亿元)", None, "0.6", "<0.6", "约束性"],
    ["安全稳定(3项)", "28", "十万常住人口火灾死亡率", None, "0.25", "≤0.25", "预期性"],
    ["安全稳定(3项)", "29", "食品药品安全", "食品安全抽检合格率(%)", ">98.5∗", ">98.7", "约束性"],
    ["安全稳定(3项)", None, None, "药品抽检合格率(%)", ">99∗", ">99", None],
]
BEIJING_NOTES = [
    "注:1.【 】为5年累计数,带∗为预计数。",
    "2.城市副中心和平原新城地区生产总值年均增速、绿色经济重点产业收入年均增速、优良水体比例、单位地区生产总值二氧化碳排放降幅、"
    "非化石能源占能源消费总量比重尚无2025年数据。",
    "3.3岁以下婴幼儿入托率提高指标为一定周期入托率提高的百分点,2025年入托率为10.14%。",
]


def beijing_box(path: Path) -> Path:
    """北京: the main-indicator table, all 29 indicators (30 rows), from a text extraction of the PDF.

    data/reports/plans/bj-15th.txt (2026年1月29日北京市第十六届人民代表大会第四次会议批准; the KB names the official
    page https://www.beijing.gov.cn/zhengce/zhengcefagui/202604/t20260407_4576089.html). Inferred from the text's
    layout, not visible in it: the 类别 cells ("创新\\n发展\\n(5项)" → "创新发展(5项)") merged down their rows, and
    29. 食品药品安全 as a parent name merged over two sub-rows, each with its own 指标 cell, 序号 and 属性 merged
    (so 指标 spans two columns, as in the 广州 <table>). The header repeated at the page break ("— 12 —") is left
    out. The three 注 lines are separate rows, as printed.
    """
    rows = [[BEIJING_TITLE], [BEIJING_CAPTION],
            ["类别", "序号", "指标", None, "2025年", "2030年目标", "属性"],
            *[list(r) for r in BEIJING_ROWS],
            *[[note] for note in BEIJING_NOTES],
            [_plans_source("data/reports/plans/bj-15th.txt", "北京市规划纲要 PDF 的文本提取（存档未注明网址）；单元格合并按版式推定。")]]
    merges = ["A1:G1", "A2:G2", "C3:D3"]
    first = 4
    for i, r in enumerate(BEIJING_ROWS):
        if r[3] is None and r[2] is not None:
            merges.append(f"C{first + i}:D{first + i}")
    food = first + 28  # 29. 食品药品安全: two sub-rows
    for letter in ("B", "C", "G"):
        merges.append(f"{letter}{food}:{letter}{food + 1}")
    start = first
    for i in range(1, len(BEIJING_ROWS) + 1):
        if i == len(BEIJING_ROWS) or BEIJING_ROWS[i][0] != BEIJING_ROWS[start - first][0]:
            _merge_down(rows, 0, start, first + i - 1, merges, "A")
            start = first + i
    last_body = first + len(BEIJING_ROWS) - 1
    for k in range(len(BEIJING_NOTES) + 1):
        merges.append(f"A{last_body + 1 + k}:G{last_body + 1 + k}")
    return write_workbook(path, {"主要指标": rows}, {"主要指标": merges})


HANGZHOU_TITLE = "杭州市国民经济和社会发展第十五个五年规划纲要"
HANGZHOU_CAPTION = "“十五五”时期经济社会发展主要指标"
# 类别, 序号, 指标名称, 指标（细分）, 2025年预计, 2030年目标, 年均/累计, 属性
HANGZHOU_ROWS = [
    ["经济发展\n（7项）", "1", "地区生产总值（GDP）增长（%）", None, "5.2左右", "—", "5以上", "预期性"],
    ["经济发展\n（7项）", "2", "全员劳动生产率（万元/人）", None, "29.6", "35", "—", "预期性"],
    ["经济发展\n（7项）", "3", "常住人口城镇化率（%）", None, "85", "86", "—", "预期性"],
    ["经济发展\n（7项）", "4", "货物和服务贸易进出口总额占全省份额（%）", None, "21.5\n（2024年）", "22", "—", "预期性"],
    ["经济发展\n（7项）", "5", "单位GDP建设用地使用面积（平方米/万元）", None, "10.04", "8.8", "—", "预期性"],
    ["经济发展\n（7项）", "6", "规模以上人工智能核心产业营业收入（亿元）", None, "4500", "6000", "—", "预期性"],
    ["经济发展\n（7项）", "7", "数字贸易额（亿元）", None, "3350", "5000", "—", "预期性"],
    ["创新驱动\n（4项）", "8", "研究与试验发展（R&D）经费支出与地区生产总值之比（%）", None, "4左右", "4.5", "—", "预期性"],
    ["创新驱动\n（4项）", "9", "每万人高价值发明专利拥有量（件）", None, "63.7", "78", "—", "预期性"],
    ["创新驱动\n（4项）", "10", "数字经济核心产业增加值占GDP比重（%）", None, "29.5", "32", "—", "预期性"],
    ["创新驱动\n（4项）", "11", "战略性新兴产业增加值占规模以上工业增加值比重（%）", None, "45.7", "47.5", "—", "预期性"],
    ["民生福祉\n（10项）", "12", "城镇新增就业人数（万人）", None, "31.4", "＞25", "[125]", "预期性"],
    ["民生福祉\n（10项）", "13", "居民人均可支配收入增长（%）", None, "与经济增长基本同步", "—", "与经济增长同步", "预期性"],
    ["民生福祉\n（10项）", "14", "劳动年龄人口平均受教育年限（年）", None, "—", "12.6", "—", "约束性"],
    ["民生福祉\n（10项）", "15", "每千人口拥有医护人员数", "执业医师数（人）", "4.9", "5.0", "—", "预期性"],
    ["民生福祉\n（10项）", None, None, "注册护士数（人）", "5.92", "6.02", "—", "预期性"],
    ["民生福祉\n（10项）", "16", "养老机构护理型床位占比（%）", None, "71", "75", "—", "预期性"],
    ["民生福祉\n（10项）", "17", "3岁以下婴幼儿入托率提高（百分点）", None, "—", "—", "[5]", "预期性"],
    ["民生福祉\n（10项）", "18", "人均预期寿命（岁）", None, "84.18", "84.3", "—", "预期性"],
    ["民生福祉\n（10项）", "19", "文化及相关产业增加值（亿元）", None, "3600", "5000", "—", "预期性"],
    ["民生福祉\n（10项）", "20", "家庭可支配收入（按三口之家计算）10万—50万元群体比例（%）", None, "—", "稳步\n提高", "—", "预期性"],
    ["民生福祉\n（10项）", "21", "城乡居民收入倍差", None, "1.62", "1.58\n左右", "—", "预期性"],
    ["绿色低碳\n（6项）", "22", "单位GDP二氧化碳排放降低（%）", None, "—", "—", "完成省下达目标", "约束性"],
    ["绿色低碳\n（6项）", "23", "单位GDP用水量下降率（%）", None, "—", "—", "完成省下达目标", "约束性"],
    ["绿色低碳\n（6项）", "24", "非化石能源占能源消费总量比重（%）", None, "20", "完成省下达目标", "—", "约束性"],
    ["绿色低碳\n（6项）", "25", "城市细颗粒物（PM2.5）平均浓度（微克/立方米）", None, "29", "完成省下达目标", "—", "约束性"],
    ["绿色低碳\n（6项）", "26", "优良水体比例（%）", None, "—", "完成省下达目标", "—", "约束性"],
    ["绿色低碳\n（6项）", "27", "森林覆盖率（%）", None, "65.7", "＞65", "—", "约束性"],
    ["安全保障\n（2项）", "28", "粮食综合生产能力（亿斤）", None, "32", "32", "—", "约束性"],
    ["安全保障\n（2项）", "29", "能源综合生产能力（万吨标煤）", None, "340", "400", "—", "约束性"],
]
HANGZHOU_NOTE = "备注：[ ]内数据为累计数。"


def hangzhou_box(path: Path) -> Path:
    """杭州: the main-indicator table, all 29 indicators (30 rows), 2025年预计 | 2030年目标 | 年均/累计.

    data/reports/plans/hz-15th.html = https://zfgb.hangzhou.gov.cn/10/104220263/t114220263044/530374.shtml as
    saved (杭州市人民政府, 2026年3月19日; PubDate 2026-04-14). The page gives the table as text, one cell a line;
    cells are counted per row (7 after the name) to place them, and a cell that the page breaks over two lines
    ("21.5\\n（2024年）", "稳步\\n提高", "1.58\\n左右", and the header's "2025年\\n预计") is one cell with its break.
    Merges inferred: 类别 down its rows; 15.'s 序号 and parent name over its two sub-rows (指标名称 spanning two
    columns, as in the 广州 <table>).
    """
    rows = [[HANGZHOU_TITLE], [HANGZHOU_CAPTION],
            ["类别", "序号", "指标名称", None, "2025年\n预计", "2030年\n目标", "年均/\n累计", "属性"],
            *[list(r) for r in HANGZHOU_ROWS], [HANGZHOU_NOTE],
            [_plans_source("data/reports/plans/hz-15th.html",
                           "杭州市人民政府门户网站页面存档 https://zfgb.hangzhou.gov.cn/10/104220263/t114220263044/530374.shtml。")]]
    merges = ["A1:H1", "A2:H2", "C3:D3"]
    first = 4
    for i, r in enumerate(HANGZHOU_ROWS):
        if r[3] is None:
            merges.append(f"C{first + i}:D{first + i}")
    doctors = first + 14  # 15. 每千人口拥有医护人员数
    for letter in ("B", "C"):
        merges.append(f"{letter}{doctors}:{letter}{doctors + 1}")
    start = first
    for i in range(1, len(HANGZHOU_ROWS) + 1):
        if i == len(HANGZHOU_ROWS) or HANGZHOU_ROWS[i][0] != HANGZHOU_ROWS[start - first][0]:
            _merge_down(rows, 0, start, first + i - 1, merges, "A")
            start = first + i
    last_body = first + len(HANGZHOU_ROWS) - 1
    merges += [f"A{last_body + 1}:H{last_body + 1}", f"A{last_body + 2}:H{last_body + 2}"]
    return write_workbook(path, {"主要指标": rows}, {"主要指标": merges})


NANJING_TITLE = "南京市国民经济和社会发展第十五个五年规划纲要"
NANJING_CAPTION = "专栏2  “十五五”经济社会发展主要指标"  # two spaces, as in the text
# 分类, 序号, 指标, 指标（细分）, 属性, 2030年目标值 (None: an empty, merged cell in the extraction)
NANJING_ROWS = [
    ["经济强", "1", "地区生产总值（GDP）年均增长率（%）", None, "预期性", "5以上"],
    ["经济强", "2", "制造业增加值占比（%）", None, "预期性", "基本稳定"],
    ["经济强", "3", "全社会研发经费投入年均增长（%）", None, "预期性", "7.5"],
    ["经济强", "4", "每万人口拥有高价值发明专利数（件）", None, "预期性", "120"],
    ["经济强", "5", "全员劳动生产率（万元）", None, "预期性", "48"],
    ["经济强", "6", "规上数字经济核心产业企业营业收入占比（%）", None, "预期性", "24"],
    ["经济强", "7", "规上生产性服务业营业收入年均增速（%）", None, "预期性", "6"],
    ["百姓富", "8", "居民人均可支配收入增长", None, "预期性", "与经济增长\n保持同步"],
    ["百姓富", "9", "人均预期寿命（岁）", None, "预期性", "≥85"],
    ["百姓富", "10", "每千人口拥有医护\n人员数", "执业（助理）医师数（人）", "预期性", "5"],
    ["百姓富", None, None, "注册护士数（人）", "预期性", "5.5"],
    ["百姓富", "11", "3岁以下婴幼儿入托率（%）", None, "预期性", "20"],
    ["百姓富", "12", "养老机构护理型床位占比（%）", None, "预期性", "85"],
    ["环境美", "13", "单位地区生产总值二氧化碳排放降低（%）", None, "约束性", "完成省定目标"],
    ["环境美", "14", "地表水国考断面优良水体比例（%）", None, "约束性", "完成省定目标"],
    ["环境美", "15", "细颗粒物（PM2.5）年均浓度（微克/立方米）", None, "约束性", "完成省定目标"],
    ["环境美", "16", "森林覆盖率（%）", None, "约束性", "完成省定目标"],
    ["社会文明程度高", "17", "新增就业参保大学生人数（万人）", None, "预期性", "完成省定目标"],
    ["社会文明程度高", "18", "劳动年龄人口平均受教育年限（年）", None, "约束性", "13.5"],
    ["社会文明程度高", "19", "文化产业增加值占GDP比重（%）", None, "预期性", "6.5左右"],
    ["社会文明程度高", "20", "旅游业总收入（亿元）", None, "预期性", "3300"],
    ["社会文明程度高", "21", "南京至都市圈内成员城市1小时通达率（%）", None, "预期性", "100"],
    ["城市安全韧性", "22", "耕地保有量（万公顷）", None, "约束性", "完成省定目标"],
    ["城市安全韧性", "23", "粮食综合生产能力（万吨）", None, "约束性", "＞100"],
    ["城市安全韧性", "24", "生产安全事故", "起数下降（%）", "约束性", "〔20〕"],
    ["城市安全韧性", None, None, "死亡人数下降（%）", None, "〔16〕"],
]
NANJING_NOTE = "注：带〔〕数据表示“十五五”期间累计变化情况"


def nanjing_box(path: Path) -> Path:
    """南京: 专栏2, all 24 indicators (26 rows), 2030年目标值 only.

    data/reports/plans/nj-15th.txt (a text extraction; no URL in the archive). Its table rows are cells
    separated by four spaces, with the merged-away cells left empty: so the 分类 cells merge down their rows,
    10. and 24. have a parent name merged over two sub-rows (指标 spanning two columns), and 24.'s 属性 is merged
    over both (the second is empty). Line breaks kept as the text has them (in 8.'s target and 10.'s parent).
    """
    rows = [[NANJING_TITLE], [NANJING_CAPTION],
            ["分类", "序号", "指标", None, "属性", "2030年目标值"],
            *[list(r) for r in NANJING_ROWS], [NANJING_NOTE],
            [_plans_source("data/reports/plans/nj-15th.txt", "南京市规划纲要全文的文本提取（存档未注明网址）。")]]
    merges = ["A1:F1", "A2:F2", "C3:D3"]
    first = 4
    for i, r in enumerate(NANJING_ROWS):
        if r[3] is None:
            merges.append(f"C{first + i}:D{first + i}")
    for top in (first + 9, first + 24):  # 10. 每千人口拥有医护人员数, 24. 生产安全事故
        merges += [f"B{top}:B{top + 1}", f"C{top}:C{top + 1}"]
    merges.append(f"E{first + 24}:E{first + 25}")  # 24.'s 约束性 covers both sub-rows
    start = first
    for i in range(1, len(NANJING_ROWS) + 1):
        if i == len(NANJING_ROWS) or NANJING_ROWS[i][0] != NANJING_ROWS[start - first][0]:
            _merge_down(rows, 0, start, first + i - 1, merges, "A")
            start = first + i
    last_body = first + len(NANJING_ROWS) - 1
    merges += [f"A{last_body + 1}:F{last_body + 1}", f"A{last_body + 2}:F{last_body + 2}"]
    return write_workbook(path, {"专栏2": rows}, {"专栏2": merges})


SUZHOU_TITLE = "苏州市国民经济和社会发展第十五个五年规划纲要"
SUZHOU_CAPTION = "表 1 “十五五”经济社会发展主要指标"
# 序号, 指 标, 2030 年目标, 属性; a one-cell row is a section row (merged across the table)
SUZHOU_ROWS = [
    ["一、经济强（12 项）"],
    ["1", "地区生产总值年均增长（%）", "5 左右", "预期性"],
    ["2", "全员劳动生产率年均增长（%）", "高于地区生产总值年均增长", "预期性"],
    ["3", "全社会研发经费支出占地区生产总值比重（%）", "4.8 左右", "预期性"],
    ["4", "每万人口高价值发明专利拥有量（件）", "80", "预期性"],
    ["5", "规上工业增加值率（%）", "提高 1 个百分点以上", "预期性"],
    ["6", "制造业增加值占地区生产总值比重（%）", "＞40", "预期性"],
    ["7", "高新技术产业产值占规上工业总产值比重（%）", "＞60", "预期性"],
    ["8", "规上数字经济核心产业营业收入占规上企业营业收入比重（%）", "32.5", "预期性"],
    ["9", "金融业增加值占地区生产总值比重（%）", "稳中有升", "预期性"],
    ["10", "生产性服务业增加值占服务业增加值比重（%）", "62", "预期性"],
    ["11", "服务贸易进出口年均增长（%）", "10 左右", "预期性"],
    ["12", "粮食综合生产能力（亿斤）", "＞19", "约束性"],
    ["二、百姓富（7 项）"],
    ["13", "居民人均可支配收入年均增速（%）", "与地区生产总值增长同步", "预期性"],
    ["14", "城镇新增就业人数（万人）", "175", "预期性"],
    ["15", "普通高中招生计划占比（%）", "＞80", "预期性"],
    ["16", "3 岁以下婴幼儿入托率（%）", "25", "预期性"],
    ["17", "养老机构护理型床位占比（%）", "＞75", "预期性"],
    ["18", "居民重大慢病过早死亡率（%）", "＜6", "预期性"],
    ["19", "人均预期寿命（岁）", "85 左右", "预期性"],
    ["三、环境美（6 项）"],
    ["20", "单位地区生产总值二氧化碳排放下降率（%）", "完成省定目标", "约束性"],
    ["21", "单位地区生产总值建设用地使用面积下降率（%）", "18", "预期性"],
    ["22", "单位地区生产总值用水量下降率（%）", "完成省定目标", "约束性"],
    ["23", "细颗粒物（PM2.5）年均浓度（微克/立方米）", "28 左右", "约束性"],
    ["24", "地表水优良水体比例（%）", "完成省定目标", "约束性"],
    ["25", "森林覆盖率（%）", "≥7.64", "约束性"],
    ["四、社会文明程度高（5 项）"],
    ["26", "劳动年龄人口平均受教育年限（年）", "12.6", "约束性"],
    ["27", "新增大专及以上学历人才（万人）", "150", "预期性"],
    ["28", "文化产业增加值占地区生产总值比重（%）", "＞6", "预期性"],
    ["29", "法治建设满意度（分）", "93", "预期性"],
    ["30", "生产安全事故死亡人数下降率（%）", "完成省定目标", "约束性"],
]


def suzhou_box(path: Path) -> Path:
    """苏州: 表 1, all 30 indicators under 4 section rows, 2030 年目标 only.

    data/reports/plans/su-15th.txt (a text extraction of the PDF: 苏州市人民政府，二〇二六年四月; no URL in the
    archive). Cells are separated by single spaces in the extraction; each row is 序号, a name ending in its
    unit bracket, the target, and 属性, so the cuts are unambiguous. The spaces inside "5 左右", "2030 年目标",
    "（12 项）" are the extraction's. 8.'s name wraps over two printed lines (joined). The header repeated at the
    page break ("— 13 —") is left out.
    """
    rows = [[SUZHOU_TITLE], [SUZHOU_CAPTION], ["序号", "指 标", "2030 年目标", "属性"], *[list(r) for r in SUZHOU_ROWS],
            [_plans_source("data/reports/plans/su-15th.txt", "苏州市规划纲要 PDF 的文本提取（存档未注明网址）。")]]
    merges = ["A1:D1", "A2:D2"]
    first = 4
    for i, r in enumerate(SUZHOU_ROWS):
        if len(r) == 1:
            merges.append(f"A{first + i}:D{first + i}")
    n = len(rows)
    merges.append(f"A{n}:D{n}")
    return write_workbook(path, {"表1": rows}, {"表1": merges})


# ====================================================================== hand-written expectations

AMBITIOUS = "the bracket's words are a second statement; they must stay with the target, not become its unit or base"

EXPECTED_FUJIAN = {
    "地区生产总值年均增长": expect(
        "%", 5.0, 5.0, ">=", "annual_rate", approximate=True, base_note="（2025）: the year restated, it is the column's",
        why="a …年均增长 row in a plain target column: an annual rate; 5.0%（2025） is the 2025 growth, the bracket repeats the year"),
    "常住人口城镇化率": expect("%", 72.6, 75.0),
    "全社会研发经费投入年均增长": expect(
        "%", 8.0, 10.0, ">=", "annual_rate", base_note="approximate base (8%左右)",
        why="a 年均增长 row: 10% a year; the base is itself approximate"),
    "工业战略性新兴产业产值占规上工业产值比重": expect(
        "%", 29.1, 30.0, ">", base_note="footnote mark * removed; the excerpt carries no 注 saying what it marks",
        why="29.1%*: the mark must not change the number; what it dates is unknown here (the KB's excerpt dropped the 注)"),
    "海洋生产总值": expect(
        "万亿元", None, 1.3, ">", words="年均增速高于GDP增速1个百分点以上",
        also=("年均增速高于GDP增速1个百分点以上 (a relative rate, qualitative)",),
        why="a level (>1.3万亿元) and, after the comma, a second target in words; no base (—)"),
    "文旅经济增加值": expect("亿元", 6500.0, 9000.0, approximate=True),
    "数字经济核心产业增加值年均增长": expect(
        "%", None, 8.0, ">", "annual_rate", why="issue 17's row: a 年均增长 name, >8% in the target column, no base"),
    "森林覆盖率": expect("%", 65.85, 65.88, indicator_type="约束性"),
    "粮食综合生产能力": expect("万吨", 520.9, 522.0, indicator_type="约束性"),
    "能源综合生产能力": expect("万吨标准煤", 5966.0, 8000.0, indicator_type="约束性"),
}

EXPECTED_ANHUI = {
    "地区生产总值增长": expect(
        "%", 5.5, 5.0, "", "range", high=5.5, words="年均", base_note="含预估 (header): may be an estimate",
        why="年均 5—5.5%: an annual-rate range in the 2030 年/年均 column (target_type annual_rate with a range would "
            "be as right; what matters: low 5, high 5.5, a rate, not a 2030 level)"),
    "常住人口城镇化率": expect("%", 63.6, 68.0, approximate=True, base_note="含预估"),
    "进出口总额": expect("亿元", 10136.0, 13000.0, approximate=True, base_note="含预估",
                       why="13000 亿元左右: a space between number and unit, then 左右"),
    "全社会研发经费投入增长": expect(
        "%", 7.6, 10.0, ">=", "annual_rate", approximate=True, base_note="含预估",
        why="年均 10% 左右 in the 2030 年/年均 column: the word 年均 makes it a rate"),
    "每万人口高价值发明专利拥有量": expect("件", 13.7, 20.0, approximate=True, base_note="含预估"),
    "数字经济核心产业企业营收占规上企业收入比重": expect("%", 14.3, 15.0, approximate=True, base_note="含预估"),
    "人均预期寿命": expect("岁", 79.5, 80.0, ">=", base_note="含预估", why="80 岁以上: 以上 after the unit is >="),
    "粮食综合生产能力": expect("亿斤", 838.6, 880.0, ">=", indicator_type="约束性", base_note="含预估"),
    "森林覆盖率": expect("%", None, 28.06, ">=", indicator_type="约束性", why="no base (—); 28.06% 以上"),
}

EXPECTED_ZHEJIANG = {
    "GDP年均增长": expect("%", None, 5.0, ">=", "annual_rate", approximate=True, why="targets only: no base column"),
    "研发投入强度": expect(
        "%", None, 3.5, ">=", words="（全社会研发经费年均增长 7.5%）",
        also=("全社会研发经费年均增长 7.5% (another indicator's annual rate)",),
        why="issue 17's cell: 3.5% 以上 is the target; " + AMBITIOUS),
    "常住人口城镇化率": expect(
        "%", 76.0, 78.0, approximate=True, base_note="from the target cell's bracket: 2025 年约 76% (approximate)",
        words="（2025 年约 76%）",
        why="the only base value of the row is inside the target cell; read as its source means, it is the 2025 "
            "base (约: approximate); at the least it must not be lost or taken for the target"),
    "居民人均可支配收入": expect(
        "万元", None, 9.0, approximate=True, words="增长与 GDP 同步",
        also=("增长与 GDP 同步 (qualitative)",), why="a level of about 9 万元 and a growth target in words"),
    "城乡居民收入倍差": expect(
        "", 1.81, 1.77, "<=", lower=True, words="缩小至", base_note="from the target cell's bracket: 2025 年 1.81",
        why="缩小至 1.77: reduce to, a ceiling, lower is better; the 2025 base 1.81 is in the bracket; a ratio, no unit"),
    "货物和服务贸易进出口总额占全国份额": expect("%", None, 12.0, approximate=True),
    "数字经济核心产业增加值占GDP比重": expect("%", None, 14.0),
    "战略性新兴产业增加值占规上工业增加值比重": expect("%", None, 38.0),
    "人均预期寿命": expect("岁", None, 83.0),
    "粮食综合生产能力": expect("亿斤", None, 300.0, indicator_type="约束性"),
}

EXPECTED_CHONGQING = {
    "地区生产总值": expect(
        "%", None, 5.0, "", "range", high=5.5, words="年均增长",
        also=("迈上4万亿元新台阶(2030): a 2030 level, ≥ 4 万亿元, written in the 2025 column",),
        why="the 2025 column holds a 2030 target in words with its year in brackets: no 2025 base value; the "
            "2030 column an annual-rate range 5—5.5 %. Two units in one row (万亿元, %) are the source's, no error"),
    "人均地区生产总值": expect("万元", 10.59, 14.0),
    "研发经费投入强度": expect("%", 2.65, 3.25, base_note="预计: an estimate"),
    "常住人口城镇化率": expect("%", 73.02, 75.0, approximate=True),
    "战略性新兴产业增加值占规上工业增加值比重": expect("%", 36.3, 39.0, approximate=True),
    "数字经济核心产业增加值占GDP比重": expect(
        "%", 10.0, 13.0, base_note="预计≥10%: an estimate and a bound (at least 10) on the base",
        why="the base keeps its comparator ≥ and the word 预计"),
    "居民消费率": expect("%", None, 46.0),
    "人均预期寿命": expect("岁", None, 80.5),
    "城乡居民人均可支配收入比": expect(
        "", 2.21, 2.1, "<=", lower=True, approximate=True,
        why="2.21∶1 → 2.1∶1左右: a ratio written with ∶ (U+2236); the number is the first term; the gap is to "
            "narrow (target below base), lower is better — not written in the cells"),
    "粮食综合生产能力": expect("万吨", 1112.5, 1131.5, ">=", indicator_type="约束性", base_note="预计: an estimate"),
}

EXPECTED_SHANGHAI = {
    "地区生产总值年均增速": expect(
        "%", None, 5.0, ">=", "annual_rate", approximate=True, words="力争达到",
        why="in the 年均［累计］ column; 力争达到…左右 keeps its words"),
    "全员劳动生产率": expect("万元/人", None, 52.0, ">", why="'> 52': ASCII > with a space"),
    "数字经济核心产业增加值占地区生产总值比重": expect("%", None, 20.0, ">"),
    "金融市场交易总额": expect("万亿元", None, 4500.0, ">", why="＞4500: full-width"),
    "服务贸易进出口额": expect("亿美元", None, 3000.0, ">"),
    "航空货邮年吞吐量": expect("万吨", None, 470.0, approximate=True),
    "全社会研发经费支出相当于地区生产总值比例": expect("%", None, 5.0, ">"),
    "每万人口高价值发明专利拥有量": expect("件", None, 85.0, approximate=True),
    "主要劳动年龄人口受过高等教育的比例": expect("%", None, 60.0, approximate=True),
    "城镇调查失业率": expect(
        "%", None, 5.0, "<", lower=True,
        why="< 5.0 in the 年均 column: below 5 each year, as the national box's <5.5 — a level's ceiling to hold in "
            "every year, not a growth rate (issue 17: a rate of unemployment has no word of change in its name)"),
    "全市居民人均可支配收入年均增速": qualitative("%", text="与经济增长同步"),
    "新增供应保障性租赁住房": expect(
        "万套（间）", None, 25.0, "", "cumulative", high=27.0,
        why="［25—27］ in the 年均［累计］ column: the header says ［］ is a five-year total, so a cumulative range "
            "(target_type cumulative with a high end, no comparator: 25 to 27 over 2026–2030, judged on the change since "
            "the base, from 0)"),
    "养老机构护理型床位占比": expect("%", None, 75.0, ">"),
    "社区公共服务设施15分钟步行可达覆盖率": expect("%", None, 95.0, why="the line break inside the name goes"),
    "单位生产总值二氧化碳排放降低": qualitative(
        "%", text="［完成国家审核衔接后确定的目标］", indicator_type="约束性",
        why="brackets (a total) around words: no number; judged by hand"),
    "非化石能源占能源消费总量比重": qualitative("%", text="［完成国家审核衔接后确定的目标］", indicator_type="约束性"),
    "细颗粒物（PM2.5）浓度": qualitative(
        "微克/立方米", text="完成国家审核衔接后确定的目标", indicator_type="约束性", lower=True,
        why="lower is better for a concentration — not written in the cell"),
    "地表水优良水体比例": qualitative("%", text="完成国家审核衔接后确定的目标", indicator_type="约束性"),
    "生活垃圾回收利用率": expect("%", None, 50.0, indicator_type="约束性"),
    "单位生产总值生产安全事故死亡率": expect(
        "人/亿元", None, 0.006, "<", lower=True, indicator_type="约束性", why="the unit's line break goes: 人/亿元"),
}

_GZ_PAST = "“十四五”年均: the last plan's 2021–2025 average, read as the 2025 base rate with the words kept"
EXPECTED_GUANGZHOU = {
    "地区生产总值年均增长": expect(
        "%", 4.0, 5.0, ">=", "annual_rate", approximate=True, words="“十五五”年均增长", base_note=_GZ_PAST,
        area="经济发展", why="both cells say which period their rate averages; the numbering 1. goes from the name"),
    "全员劳动生产率": expect("万元/人", 28.0, 36.0, area="经济发展"),
    "工业总产值": expect("万亿元", 2.5, 3.0, area="经济发展"),
    "“15+8”产业增加值占地区生产总值比重*": expect(
        "%", 58.6, 67.5, area="经济发展",
        why="the * after the name points to 注1 (a definition, no date); names are kept as written"),
    "数字经济核心产业增加值占地区生产总值比重": expect("%", 15.0, 18.0, area="经济发展"),
    "社会消费品零售总额年均增长": expect(
        "%", 4.1, 5.0, ">=", "annual_rate", approximate=True, words="“十五五”年均增长", base_note=_GZ_PAST,
        area="经济发展", why="the target cell breaks its line before 5.0左右"),
    "海洋生产总值*": expect("亿元", 5231.0, 7300.0, area="经济发展", why="* → 注2, a definition"),
    "全社会研发经费支出占地区生产总值比重": expect("%", 3.4, 4.0, approximate=True, area="科技创新"),
    "企业研发经费支出占全社会研发经费支出比重": expect("%", 66.0, 70.0, area="科技创新"),
    "每万人高价值发明专利拥有量": expect("件", 43.9, 60.0, area="科技创新"),
    "商品进出口总值年均增长": expect(
        "%", 5.4, 6.0, ">=", "annual_rate", approximate=True, words="“十五五”年均增长", base_note=_GZ_PAST,
        area="对外开放"),
    "服务外包合同执行额": expect("亿美元", 200.0, 240.0, area="对外开放"),
    "机场旅客吞吐量": expect(
        "万人次", 8358.0, 11000.0, area="对外开放",
        why="row 13. 机场旅客/货邮吞吐量 holds two indicators: unit 万人次/万吨 and values 8358/244 → 11000/350 pair "
            "up by position; not a unit 万人次/万吨 nor a number 8358/244"),
    "机场货邮吞吐量": expect("万吨", 244.0, 350.0, area="对外开放", why="the second half of row 13"),
    "港口货物吞吐量": expect("亿吨", 6.99, 7.4, area="对外开放", why="row 14, first half (亿吨/万标箱, 6.99/2805 → 7.4/3100)"),
    "港口集装箱吞吐量": expect("万标箱", 2805.0, 3100.0, area="对外开放", why="row 14, second half"),
    "单位地区生产总值二氧化碳排放降低": qualitative(
        "%", None, "完成省下达目标", indicator_type="约束性", area="绿色低碳",
        base_note="2021-2024年累计降低8.2: the last plan's total to 2024, no 2025 base (a warning, not an error)",
        why="the base cell is a cumulative change over 2021–2024 (the hyphen is a year span, not a range)"),
    "细颗粒物（PM2.5）年均浓度": expect(
        "微克/立方米", 21.5, 20.0, "<=", lower=True, indicator_type="约束性", area="绿色低碳"),
    "地表水优良水体比例*": qualitative(
        "%", 100.0, "完成省下达目标", indicator_type="约束性", area="绿色低碳",
        base_note="注3: the monitored sections change in the new plan (base not comparable)"),
    "森林覆盖率": qualitative("%", 41.65, "完成省下达目标", indicator_type="约束性", area="绿色低碳"),
    "常住人口城镇化率": expect("%", 87.56, 88.0, area="民生福祉"),
    "累计城镇新增就业人数": qualitative(
        "万人", None, "完成省下达目标", area="民生福祉",
        base_note="“十四五”累计新增160: the last plan's five-year total, no 2025 level",
        why="a 累计 name: a period total; the 160 is 2021–2025's, like the IP plan's 19600"),
    "常住居民人均可支配收入年均增速": qualitative("%", 5.0, "与经济增长同步", area="民生福祉", base_note=_GZ_PAST),
    "城乡居民人均可支配收入比值": expect(
        "", 1.99, 1.9, "<=", lower=True, area="民生福祉",
        why="unit cell — means no unit; a ratio to narrow (target below base): lower is better, not written"),
    "普通高中入学率": expect("%", 57.61, 70.0, ">=", area="民生福祉"),
    "每千人口拥有医护人员数——每千人口拥有执业（助理）医师数": expect(
        "人", 4.45, 4.5, area="民生福祉",
        why="24. has a parent name merged over two sub-rows; any name keeping the sub-row's words is right"),
    "每千人口拥有医护人员数——每千人口拥有注册护士数": expect("人", 5.21, 5.3, area="民生福祉",
                                                   why="属性 merged from the row above: 预期性"),
    "养老机构认知障碍照护床位数": expect("张", 5500.0, 7000.0, ">=", area="民生福祉"),
    "3岁以下婴幼儿入托率": expect("%", 10.0, 20.0, area="民生福祉", why="26. 3岁…: the 26. is numbering, the 3 is in the name"),
    "人均预期寿命": expect("岁", 84.38, 85.0, ">=", area="民生福祉"),
    "电力电源装机规模": expect("万千瓦", 1624.0, 2050.0, area="安全保障"),
    "单位地区生产总值生产安全事故死亡率": qualitative(
        "人/百亿元", 0.61, "完成省下达目标", indicator_type="约束性", area="安全保障", lower=True),
}

_BJ_EST = "∗ = 预计数 (注1): an estimate; the mark goes from the number"
EXPECTED_BEIJING = {
    "全社会研究与试验发展经费支出占地区生产总值比重": expect(
        "%", 6.0, 6.0, ">", area="创新发展(5项)", base_note="6左右∗: approximate and an estimate (注1)",
        why="the PDF wraps the name over two lines; the unit is the trailing (%)"),
    "每万人口高价值发明专利拥有量": expect("件", 180.7, 240.0, approximate=True, area="创新发展(5项)"),
    "地区生产总值年均增速": expect(
        "%", 5.4, 4.5, "", "range", high=5.0, words="努力争取更好结果", area="创新发展(5项)",
        why="4.5-5,努力争取更好结果: an annual-rate range (4.5 to 5; positive numbers, so the hyphen is no minus) with "
            "words; a 年均增速 row"),
    "全员劳动生产率": expect(
        "万元/人", 46.5, 58.0, approximate=True, area="创新发展(5项)",
        base_note=">46.5∗: a bound (more than 46.5) and an estimate; the base keeps its comparator"),
    "数字经济增加值年均增速": expect("%", 8.7, 8.0, ">=", "annual_rate", approximate=True, area="创新发展(5项)"),
    "城市副中心和平原新城地区生产总值年均增速": expect(
        "%", None, 5.0, ">", "annual_rate", area="协调发展(5项)", base_note="— : 注2 says no 2025 data yet"),
    "轨道交通站点500米范围人口和岗位覆盖率": expect("%", 23.86, 25.7, area="协调发展(5项)"),
    "生产生活用水总量": expect(
        "亿立方米", 25.02, 30.0, "<", lower=True, indicator_type="约束性", area="协调发展(5项)",
        why="<30: a ceiling; lower is better"),
    "城乡建设用地规模": expect(
        "平方公里", 2760.0, 2760.0, "<", lower=True, indicator_type="约束性", area="协调发展(5项)",
        base_note="<2760∗: a bound on the base, and an estimate", why="keep under 2760; the base is itself written as a bound"),
    "常住人口规模": expect("万人", 2180.0, 2300.0, "<=", lower=True, indicator_type="约束性", area="协调发展(5项)"),
    "绿色经济重点产业收入年均增速": expect(
        "%", None, 6.0, ">=", "annual_rate", approximate=True, area="绿色发展(6项)", base_note="— : 注2"),
    "细颗粒物年均浓度": qualitative(
        "微克/立方米", 27.0, "达到国家要求", indicator_type="约束性", area="绿色发展(6项)", lower=True),
    "彩化率": expect("%", 23.2, 24.2, indicator_type="约束性", area="绿色发展(6项)"),
    "优良水体比例": qualitative("%", None, "达到国家要求", indicator_type="约束性", area="绿色发展(6项)"),
    "单位地区生产总值二氧化碳排放降幅": qualitative(
        "%", None, "完成经国家审核衔接后确定的目标", indicator_type="约束性", area="绿色发展(6项)"),
    "非化石能源占能源消费总量比重": qualitative(
        "%", None, "完成经国家审核衔接后确定的目标", indicator_type="约束性", area="绿色发展(6项)"),
    "北京口岸出入境人数占全国比重": expect("%", 3.08, 3.8, approximate=True, area="开放发展(4项)"),
    "实际利用外资规模": expect(
        "亿美元", 68.7, 350.0, ">=", "cumulative", approximate=True, area="开放发展(4项)",
        why="【350左右】: 注1 says 【】 is a five-year total; the 68.7 is 2025's yearly amount"),
    "服务贸易年均增速": expect("%", 4.9, 5.0, ">=", "annual_rate", approximate=True, area="开放发展(4项)"),
    "外资研发中心数量": expect("家", 332.0, 500.0, approximate=True, area="开放发展(4项)"),
    "全市居民人均可支配收入年均增速": qualitative("%", 4.4, "与经济增长同步", area="共享发展(6项)"),
    "城镇调查失业率": expect("%", 4.1, 5.0, "<", lower=True, area="共享发展(6项)"),
    "养老机构护理型床位占比": expect("%", 68.0, 73.0, area="共享发展(6项)"),
    "3岁以下婴幼儿入托率提高": expect(
        "百分点", None, 15.0, ">=", "cumulative", approximate=True, area="共享发展(6项)",
        why="【15左右】 a five-year increase in 百分点 (注1, 注3: the 2025 rate is 10.14%, in the note)"),
    "生活垃圾回收利用率": expect("%", 43.0, 46.0, ">", indicator_type="约束性", area="共享发展(6项)"),
    "人均接受文化场馆服务次数": expect("次", 6.691, 8.5, ">", area="共享发展(6项)", base_note=_BJ_EST),
    "单位地区生产总值生产安全事故死亡率": expect(
        "人/百亿元", 0.6, 0.6, "<", lower=True, indicator_type="约束性", area="安全稳定(3项)",
        why="the unit is in the name's trailing brackets (人/百亿元)"),
    "十万常住人口火灾死亡率": expect(
        "", 0.25, 0.25, "<=", lower=True, area="安全稳定(3项)", why="no unit written anywhere in the row"),
    "食品药品安全——食品安全抽检合格率": expect(
        "%", 98.5, 98.7, ">", indicator_type="约束性", area="安全稳定(3项)",
        base_note=">98.5∗: a bound and an estimate",
        why="29. 食品药品安全, a parent over two sub-rows; 属性 merged over both (约束性)"),
    "食品药品安全——药品抽检合格率": expect(
        "%", 99.0, 99.0, ">", indicator_type="约束性", area="安全稳定(3项)", base_note=">99∗: a bound and an estimate"),
}

EXPECTED_HANGZHOU = {
    "地区生产总值（GDP）增长": expect(
        "%", 5.2, 5.0, ">=", "annual_rate", area="经济发展（7项）",
        base_note="5.2左右 under the header 2025年预计: approximate estimate",
        why="5以上 in the 年均/累计 column; the 2030 column is —"),
    "全员劳动生产率": expect("万元/人", 29.6, 35.0, area="经济发展（7项）"),
    "常住人口城镇化率": expect("%", 85.0, 86.0, area="经济发展（7项）"),
    "货物和服务贸易进出口总额占全省份额": expect(
        "%", 21.5, 22.0, area="经济发展（7项）", base_note="（2024年）: this base is 2024 data, said in its own cell",
        why="the value stays in the base column and its real year is said (as for the 注-dated marks)"),
    "单位GDP建设用地使用面积": expect(
        "平方米/万元", 10.04, 8.8, "<=", lower=True, area="经济发展（7项）",
        why="land used per unit GDP, to fall from 10.04 to 8.8: lower is better — not written in the cells; read as a "
            "floor (>=) it would be already met"),
    "规模以上人工智能核心产业营业收入": expect("亿元", 4500.0, 6000.0, area="经济发展（7项）"),
    "数字贸易额": expect("亿元", 3350.0, 5000.0, area="经济发展（7项）"),
    "研究与试验发展（R&D）经费支出与地区生产总值之比": expect(
        "%", 4.0, 4.5, area="创新驱动（4项）", base_note="4左右: approximate estimate"),
    "每万人高价值发明专利拥有量": expect("件", 63.7, 78.0, area="创新驱动（4项）"),
    "数字经济核心产业增加值占GDP比重": expect("%", 29.5, 32.0, area="创新驱动（4项）"),
    "战略性新兴产业增加值占规模以上工业增加值比重": expect("%", 45.7, 47.5, area="创新驱动（4项）"),
    "城镇新增就业人数": expect(
        "万人", 31.4, 25.0, ">", area="民生福祉（10项）", also=("[125]: a five-year total (备注), cumulative ≥ 125",),
        why="＞25 in 2030 and [125] over the plan: both are targets; the end-year one is kept, the total noted"),
    "居民人均可支配收入增长": qualitative(
        "%", None, "与经济增长同步", area="民生福祉（10项）", base_note="与经济增长基本同步: a base in words, no number"),
    "劳动年龄人口平均受教育年限": expect("年", None, 12.6, indicator_type="约束性", area="民生福祉（10项）"),
    "每千人口拥有医护人员数——执业医师数": expect(
        "人", 4.9, 5.0, area="民生福祉（10项）", why="15. parent merged over two sub-rows; the sub-row alone is no name"),
    "每千人口拥有医护人员数——注册护士数": expect("人", 5.92, 6.02, area="民生福祉（10项）"),
    "养老机构护理型床位占比": expect("%", 71.0, 75.0, area="民生福祉（10项）"),
    "3岁以下婴幼儿入托率提高": expect(
        "百分点", None, 5.0, ">=", "cumulative", area="民生福祉（10项）", why="[5] in 年均/累计: 备注 says [ ] is cumulative"),
    "人均预期寿命": expect("岁", 84.18, 84.3, area="民生福祉（10项）"),
    "文化及相关产业增加值": expect("亿元", 3600.0, 5000.0, area="民生福祉（10项）"),
    "家庭可支配收入（按三口之家计算）10万—50万元群体比例": qualitative(
        "%", None, "稳步提高", area="民生福祉（10项）",
        why="稳步提高 (a direction: up); the name holds a range 10万—50万元 and an inner bracket that is no unit"),
    "城乡居民收入倍差": expect(
        "", 1.62, 1.58, "<=", lower=True, approximate=True, area="民生福祉（10项）",
        why="1.58\\n左右: the line break is inside the cell; a gap to narrow: lower is better, not written"),
    "单位GDP二氧化碳排放降低": qualitative("%", None, "完成省下达目标", indicator_type="约束性", area="绿色低碳（6项）"),
    "单位GDP用水量下降率": qualitative("%", None, "完成省下达目标", indicator_type="约束性", area="绿色低碳（6项）"),
    "非化石能源占能源消费总量比重": qualitative("%", 20.0, "完成省下达目标", indicator_type="约束性", area="绿色低碳（6项）"),
    "城市细颗粒物（PM2.5）平均浓度": qualitative(
        "微克/立方米", 29.0, "完成省下达目标", indicator_type="约束性", area="绿色低碳（6项）", lower=True),
    "优良水体比例": qualitative("%", None, "完成省下达目标", indicator_type="约束性", area="绿色低碳（6项）"),
    "森林覆盖率": expect(
        "%", 65.7, 65.0, ">", indicator_type="约束性", area="绿色低碳（6项）",
        why="＞65 below the 65.7 base: a floor to stay above, met now"),
    "粮食综合生产能力": expect("亿斤", 32.0, 32.0, indicator_type="约束性", area="安全保障（2项）"),
    "能源综合生产能力": expect("万吨标煤", 340.0, 400.0, indicator_type="约束性", area="安全保障（2项）"),
}

EXPECTED_NANJING = {
    "地区生产总值（GDP）年均增长率": expect("%", None, 5.0, ">=", "annual_rate", area="经济强", why="targets only"),
    "制造业增加值占比": qualitative("%", None, "基本稳定", area="经济强", why="keep the level: 基本稳定"),
    "全社会研发经费投入年均增长": expect("%", None, 7.5, ">=", "annual_rate", area="经济强"),
    "每万人口拥有高价值发明专利数": expect("件", None, 120.0, area="经济强"),
    "全员劳动生产率": expect("万元", None, 48.0, area="经济强"),
    "规上数字经济核心产业企业营业收入占比": expect("%", None, 24.0, area="经济强"),
    "规上生产性服务业营业收入年均增速": expect("%", None, 6.0, ">=", "annual_rate", area="经济强"),
    "居民人均可支配收入增长": qualitative("", None, "与经济增长保持同步", area="百姓富",
                                   why="the cell breaks its line: 与经济增长\\n保持同步; no unit in the name"),
    "人均预期寿命": expect("岁", None, 85.0, ">=", area="百姓富"),
    "每千人口拥有医护人员数——执业（助理）医师数": expect(
        "人", None, 5.0, area="百姓富", why="10. parent '每千人口拥有医护\\n人员数' merged over two sub-rows"),
    "每千人口拥有医护人员数——注册护士数": expect("人", None, 5.5, area="百姓富"),
    "3岁以下婴幼儿入托率": expect("%", None, 20.0, area="百姓富"),
    "养老机构护理型床位占比": expect("%", None, 85.0, area="百姓富"),
    "单位地区生产总值二氧化碳排放降低": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="环境美"),
    "地表水国考断面优良水体比例": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="环境美"),
    "细颗粒物（PM2.5）年均浓度": qualitative(
        "微克/立方米", None, "完成省定目标", indicator_type="约束性", area="环境美", lower=True),
    "森林覆盖率": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="环境美"),
    "新增就业参保大学生人数": qualitative("万人", None, "完成省定目标", area="社会文明程度高"),
    "劳动年龄人口平均受教育年限": expect("年", None, 13.5, indicator_type="约束性", area="社会文明程度高"),
    "文化产业增加值占GDP比重": expect("%", None, 6.5, approximate=True, area="社会文明程度高"),
    "旅游业总收入": expect("亿元", None, 3300.0, area="社会文明程度高"),
    "南京至都市圈内成员城市1小时通达率": expect("%", None, 100.0, area="社会文明程度高",
                                      why="the 1 in 1小时 is part of the name"),
    "耕地保有量": qualitative("万公顷", None, "完成省定目标", indicator_type="约束性", area="城市安全韧性"),
    "粮食综合生产能力": expect("万吨", None, 100.0, ">", indicator_type="约束性", area="城市安全韧性"),
    "生产安全事故——起数下降": expect(
        "%", None, 20.0, ">=", "cumulative", indicator_type="约束性", area="城市安全韧性",
        why="〔20〕: the 注 says 〔〕 is the change over the plan; a fall of 20 % (the name says 下降, so higher is "
            "better for the number); the sub-row alone (起数下降) is no name"),
    "生产安全事故——死亡人数下降": expect(
        "%", None, 16.0, ">=", "cumulative", indicator_type="约束性", area="城市安全韧性",
        why="属性 merged from the row above"),
}

EXPECTED_SUZHOU = {
    "地区生产总值年均增长": expect("%", None, 5.0, ">=", "annual_rate", approximate=True, area="一、经济强（12项）",
                                 why="'5 左右': a space before 左右 (the extraction's)"),
    "全员劳动生产率年均增长": qualitative("%", None, "高于地区生产总值年均增长", area="一、经济强（12项）"),
    "全社会研发经费支出占地区生产总值比重": expect("%", None, 4.8, approximate=True, area="一、经济强（12项）"),
    "每万人口高价值发明专利拥有量": expect("件", None, 80.0, area="一、经济强（12项）"),
    "规上工业增加值率": expect(
        "百分点", None, 1.0, ">=", "cumulative", words="提高 1 个百分点以上", area="一、经济强（12项）",
        why="a change of at least 1 百分点 over the plan (no base in the table): not a level of 1 %, and 个 is no unit"),
    "制造业增加值占地区生产总值比重": expect("%", None, 40.0, ">", area="一、经济强（12项）"),
    "高新技术产业产值占规上工业总产值比重": expect("%", None, 60.0, ">", area="一、经济强（12项）"),
    "规上数字经济核心产业营业收入占规上企业营业收入比重": expect("%", None, 32.5, area="一、经济强（12项）"),
    "金融业增加值占地区生产总值比重": qualitative("%", None, "稳中有升", area="一、经济强（12项）"),
    "生产性服务业增加值占服务业增加值比重": expect("%", None, 62.0, area="一、经济强（12项）"),
    "服务贸易进出口年均增长": expect("%", None, 10.0, ">=", "annual_rate", approximate=True, area="一、经济强（12项）"),
    "粮食综合生产能力": expect("亿斤", None, 19.0, ">", indicator_type="约束性", area="一、经济强（12项）"),
    "居民人均可支配收入年均增速": qualitative("%", None, "与地区生产总值增长同步", area="二、百姓富（7项）"),
    "城镇新增就业人数": expect(
        "万人", None, 175.0, area="二、百姓富（7项）",
        why="read as written, a level: it is likely a five-year total (about 35 万 a year) but the table does not say so"),
    "普通高中招生计划占比": expect("%", None, 80.0, ">", area="二、百姓富（7项）"),
    "3岁以下婴幼儿入托率": expect("%", None, 25.0, area="二、百姓富（7项）", why="'3 岁': the space goes; 16 is in 序号"),
    "养老机构护理型床位占比": expect("%", None, 75.0, ">", area="二、百姓富（7项）"),
    "居民重大慢病过早死亡率": expect("%", None, 6.0, "<", lower=True, area="二、百姓富（7项）", why="＜6: full-width <"),
    "人均预期寿命": expect("岁", None, 85.0, approximate=True, area="二、百姓富（7项）"),
    "单位地区生产总值二氧化碳排放下降率": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="三、环境美（6项）"),
    "单位地区生产总值建设用地使用面积下降率": expect(
        "%", None, 18.0, area="三、环境美（6项）",
        why="a decline rate of 18 % (likely over the plan; not marked as a total): read as written"),
    "单位地区生产总值用水量下降率": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="三、环境美（6项）"),
    "细颗粒物（PM2.5）年均浓度": expect(
        "微克/立方米", None, 28.0, "<=", lower=True, approximate=True, indicator_type="约束性", area="三、环境美（6项）",
        why="28 左右 for a concentration: about 28, lower is better (not written)"),
    "地表水优良水体比例": qualitative("%", None, "完成省定目标", indicator_type="约束性", area="三、环境美（6项）"),
    "森林覆盖率": expect("%", None, 7.64, ">=", indicator_type="约束性", area="三、环境美（6项）"),
    "劳动年龄人口平均受教育年限": expect("年", None, 12.6, indicator_type="约束性", area="四、社会文明程度高（5项）"),
    "新增大专及以上学历人才": expect(
        "万人", None, 150.0, area="四、社会文明程度高（5项）", why="likely over the plan; not marked as a total"),
    "文化产业增加值占地区生产总值比重": expect("%", None, 6.0, ">", area="四、社会文明程度高（5项）"),
    "法治建设满意度": expect("分", None, 93.0, area="四、社会文明程度高（5项）"),
    "生产安全事故死亡人数下降率": qualitative(
        "%", None, "完成省定目标", indicator_type="约束性", area="四、社会文明程度高（5项）"),
}

# Per table: the builder, the region its title names, the plan period, and the rows as the source means them.
TABLES = {
    "fujian": {"build": fujian_box, "region": "福建省", "period": (2025, 2030), "expected": EXPECTED_FUJIAN,
               "source": f"{KB_REPO} public/kb/docs/regions/福建.html", "kind": "third-party excerpt (KB), read from an image"},
    "anhui": {"build": anhui_box, "region": "安徽省", "period": (2025, 2030), "expected": EXPECTED_ANHUI,
              "source": f"{KB_REPO} public/kb/docs/regions/安徽.html", "kind": "third-party excerpt (KB)"},
    "zhejiang": {"build": zhejiang_box, "region": "浙江省", "period": (2025, 2030), "expected": EXPECTED_ZHEJIANG,
                 "source": f"{KB_REPO} public/kb/docs/regions/浙江.html", "kind": "third-party excerpt (KB)"},
    "chongqing": {"build": chongqing_box, "region": "重庆市", "period": (2025, 2030), "expected": EXPECTED_CHONGQING,
                  "source": f"{KB_REPO} public/kb/docs/regions/重庆.html", "kind": "third-party excerpt (KB)"},
    "shanghai": {"build": shanghai_box, "region": "上海市", "period": (2025, 2030), "expected": EXPECTED_SHANGHAI,
                 "source": f"{PLANS_REPO} data/reports/plans/sh-15th.html", "kind": "third-party copy of the official page (HTML table)"},
    "guangzhou": {"build": guangzhou_box, "region": "广州市", "period": (2025, 2030), "expected": EXPECTED_GUANGZHOU,
                  "source": f"{PLANS_REPO} data/reports/plans/gz-15th.html", "kind": "third-party copy of the official page (HTML table)"},
    "beijing": {"build": beijing_box, "region": "北京市", "period": (2025, 2030), "expected": EXPECTED_BEIJING,
                "source": f"{PLANS_REPO} data/reports/plans/bj-15th.txt", "kind": "third-party text extraction of the PDF"},
    "hangzhou": {"build": hangzhou_box, "region": "杭州市", "period": (2025, 2030), "expected": EXPECTED_HANGZHOU,
                 "source": f"{PLANS_REPO} data/reports/plans/hz-15th.html", "kind": "third-party copy of the official page (table as text)"},
    "nanjing": {"build": nanjing_box, "region": "南京市", "period": (2025, 2030), "expected": EXPECTED_NANJING,
                "source": f"{PLANS_REPO} data/reports/plans/nj-15th.txt", "kind": "third-party text extraction"},
    "suzhou": {"build": suzhou_box, "region": "苏州市", "period": (2025, 2030), "expected": EXPECTED_SUZHOU,
               "source": f"{PLANS_REPO} data/reports/plans/su-15th.txt", "kind": "third-party text extraction of the PDF"},
}
