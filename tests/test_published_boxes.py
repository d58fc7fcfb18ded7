"""What the suite reads from two real published indicator boxes (tests/published_tables.py), checked by hand.

1. 专栏1 of the national 15th-plan outline ("十五五"时期经济社会发展主要指标), laid out as the source shows it:
   类别 | 指标 | 2025 年 | 2030 年 | 年均/累计 | 属性, units in brackets after the names, 〔〕 five-year totals,
   `*` marks dated by the 注 row ("②带 * 的为 2024 年数据"), ">7" and "<5.5" in the 年均/累计 column, "1.45 左右",
   "—" for no value, and three targets in words.
2. The table of the national 15th-plan IP protection and use plan (国发〔2026〕30号): 指标 | 2025 年 | 2030 年,
   "＞22" (full-width), "(亿元,5年累计)" in a name, `*` marks dated by the note under the table.

Expectations are written from the source cells, not from the loader. Before the fixes in this change the
suite read these boxes wrong in five ways (README, "Reading workbooks"): "12. 3 岁以下…" became "12.3岁以下…"; the
units 微克/立方米, 万亿斤, 亿吨标准煤 stayed in the names (no unit); "(亿元,5年累计)" gave no unit; the 注 rows
that date the `*` marks were read as section rows, so 10.5* and 25.1* passed as 2025 values with no word;
"〔17.7〕" in the base column was an error that failed validation; the region was the file name, silently.
"""

import math
import subprocess
import sys

import pytest

from analysis.assess.gap import assess
from analysis.read.loader import read_indicators
from analysis.words.validation import summary
from published_tables import (
    IP_PLAN_ROWS,
    IP_PLAN_TITLE,
    OUTLINE_BOX_FOOTNOTE,
    OUTLINE_BOX_ROWS,
    OUTLINE_BOX_TITLE,
    ip_plan_box,
    national_outline_box,
)
from sheets import row, write_workbook

# ---- 专栏1: each indicator as the box writes it ----
# (name as written minus the numbering, the unit from its brackets, 属性); spaces inside a name go (a name's
# typography stays: ASCII brackets as in the source, "——").
OUTLINE_NAMES = [
    ("国内生产总值(GDP)增长", "%", "预期性"),
    ("全员劳动生产率增长", "%", "预期性"),
    ("常住人口城镇化率", "%", "预期性"),
    ("全社会研发经费投入增长", "%", "预期性"),
    ("每万人口高价值发明专利拥有量", "件", "预期性"),
    ("数字经济核心产业增加值占GDP比重", "%", "预期性"),
    ("城镇调查失业率", "%", "预期性"),
    ("居民人均可支配收入增长", "%", "预期性"),
    ("劳动年龄人口平均受教育年限", "年", "约束性"),
    ("每千人口拥有医护人员数——执业医师数", "人", "预期性"),
    ("每千人口拥有医护人员数——注册护士数", "人", "预期性"),
    ("养老机构护理型床位占比", "%", "预期性"),
    ("3岁以下婴幼儿入托率提高", "百分点", "预期性"),  # "12. 3 岁以下…": 12. is the box's numbering
    ("人均预期寿命", "岁", "预期性"),
    ("单位GDP二氧化碳排放降低", "%", "约束性"),
    ("非化石能源占能源消费总量比重", "%", "约束性"),
    ("地级及以上城市细颗粒物(PM2.5)浓度", "微克/立方米", "约束性"),  # the last brackets are the unit
    ("优良水体比例", "%", "约束性"),
    ("森林覆盖率", "%", "约束性"),
    ("粮食综合生产能力", "万亿斤", "约束性"),
    ("能源综合生产能力", "亿吨标准煤", "约束性"),
]

# Base values in the 2025 年 column (C3…C23), read as 2025 baselines; None where the cell is "—" or 〔〕.
OUTLINE_BASE = {
    "国内生产总值(GDP)增长": 5.0, "全员劳动生产率增长": 6.1, "常住人口城镇化率": 67.9, "全社会研发经费投入增长": 9.1,
    "每万人口高价值发明专利拥有量": 16.0, "数字经济核心产业增加值占GDP比重": 10.5, "城镇调查失业率": 5.2,
    "居民人均可支配收入增长": 5.0, "劳动年龄人口平均受教育年限": 11.3, "每千人口拥有医护人员数——执业医师数": 3.1,
    "每千人口拥有医护人员数——注册护士数": 4.3, "养老机构护理型床位占比": 68.0, "3岁以下婴幼儿入托率提高": None,
    "人均预期寿命": 79.25, "单位GDP二氧化碳排放降低": None, "非化石能源占能源消费总量比重": 21.7,
    "地级及以上城市细颗粒物(PM2.5)浓度": 28.0, "优良水体比例": 80.0, "森林覆盖率": 25.1, "粮食综合生产能力": 1.39,
    "能源综合生产能力": 51.3,
}

# Every 2030 target: (name, cell, value, comparator, target_type, target_text). Column D holds levels
# (the plan-end column), column E (年均/累计) holds rates and 〔〕 totals; "—" cells give no target row value.
OUTLINE_TARGETS = [
    ("常住人口城镇化率", "D5", 71.0, ">=", "level", "71"),
    ("每万人口高价值发明专利拥有量", "D7", 22.0, ">", "level", ">22"),  # strictly more than 22
    ("数字经济核心产业增加值占GDP比重", "D8", 12.5, ">=", "level", "12.5"),
    ("劳动年龄人口平均受教育年限", "D11", 11.7, ">=", "level", "11.7"),
    ("每千人口拥有医护人员数——执业医师数", "D12", 3.7, ">=", "level", "3.7"),
    ("每千人口拥有医护人员数——注册护士数", "D13", 5.1, ">=", "level", "5.1"),
    ("养老机构护理型床位占比", "D14", 73.0, ">=", "level", "73"),
    ("人均预期寿命", "D16", 80.0, ">=", "level", "80"),
    ("非化石能源占能源消费总量比重", "D18", 25.0, ">=", "level", "25"),
    ("地级及以上城市细颗粒物(PM2.5)浓度", "D19", 27.0, "<", "level", "<27"),  # a ceiling: lower is better
    ("优良水体比例", "D20", 85.0, ">=", "level", "85"),
    ("森林覆盖率", "D21", 25.8, ">=", "level", "25.8"),
    ("粮食综合生产能力", "D22", 1.45, ">=", "level", "1.45 左右"),  # 左右: number kept, noted as approximate
    ("能源综合生产能力", "D23", 58.0, ">=", "level", "58"),
    ("全社会研发经费投入增长", "E6", 7.0, ">", "annual_rate", ">7"),  # a rate in the 年均 column
    # a level (a rate of unemployment, no word of change) with a bound in the 年均 column: a ceiling for every year
    ("城镇调查失业率", "E9", 5.5, "<", "level", "<5.5"),
    ("3岁以下婴幼儿入托率提高", "E15", 6.0, ">=", "cumulative", "〔6〕"),  # 〔〕: a five-year total (注①)
    ("单位GDP二氧化碳排放降低", "E17", 17.0, ">=", "cumulative", "〔17〕"),
]
OUTLINE_QUALITATIVE = [
    ("国内生产总值(GDP)增长", "E3", "保持在合理区间、各年度视情提出"),
    ("全员劳动生产率增长", "E4", "高于 GDP 增长"),
    ("居民人均可支配收入增长", "E10", "与 GDP 增长同步"),
]

IP_ROWS = [
    # (name, unit, base 2025 (B), target 2030 (C), comparator, target_text, base dated 2024 by the note, target_type)
    ("每万人口高价值发明专利拥有量", "件", 16.0, 22.0, ">", "＞22", False, "level"),
    ("知识产权(专利)密集型产业增加值占GDP比重", "%", 13.38, 14.6, ">=", "14.60", True, "level"),
    ("版权产业增加值占GDP比重", "%", 7.46, 7.53, ">=", "7.53", True, "level"),
    # "(亿元,5年累计)": a five-year total. B6's 19600 is the 14th plan's total (≈ 5 × 3,900 a year), not a 2025
    # level: set aside with a warning; the target is a total over 2026–2030, judged from 0 (cumulative).
    ("知识产权使用费进出口总额(5年累计)", "亿元", math.nan, 20000.0, ">=", "20000", False, "cumulative"),
    ("地理标志产品直接产值", "亿元", 9690.0, 11000.0, ">=", "11000", True, "level"),
    ("知识产权保护社会满意度", "分", 82.81, 83.9, ">=", "83.90", False, "level"),
]


@pytest.fixture(scope="module")
def outline_file(tmp_path_factory):
    return national_outline_box(tmp_path_factory.mktemp("box") / "十五五纲要专栏1.xlsx")


@pytest.fixture(scope="module")
def outline(outline_file):
    return read_indicators(outline_file)


@pytest.fixture(scope="module")
def ip_file(tmp_path_factory):
    return ip_plan_box(tmp_path_factory.mktemp("ip") / "知识产权十五五规划.xlsx")


@pytest.fixture(scope="module")
def ip(ip_file):
    return read_indicators(ip_file)


def _target(frame, name):
    return row(frame, name, "target", 2030)


# ---------------------------------------------------------------- 专栏1 of the outline


def test_outline_columns_and_plan_period(outline):
    """列的读法: 2025 年 the base (first year column of a plan table), 2030 年 the target, 年均/累计 targets of 2030."""
    text = summary(outline)
    assert "已读取 十五五纲要专栏1.xlsx › 专栏1：21 个指标；规划期：十五五（2025—2030年）" in text
    assert "    类别 → 领域" in text and "    指标 → 指标名称" in text and "    属性 → 指标属性" in text
    assert "    2025 年 → 基期值 2025（规划表首个年份列为基期）；其中 C8、C21 为 2024 年数据（表注“带*的为2024年数据”）" in text
    assert "    2030 年 → 目标值 2030（规划表期末年份列，按标题中的“十五五”）" in text
    assert "    年均/累计 → 目标值 2030（年均或〔〕内累计）（列名无年份，按标题中的“十五五”）" in text
    frame = outline.frame
    assert set(frame["plan"]) == {"十五五"}
    assert set(frame["plan_base_year"]) == {2025} and set(frame["plan_target_year"]) == {2030}
    # no actuals; the two bases the 注 dates to 2024 (C8, C21) keep their own year (issue 17)
    assert set(zip(frame["kind"], frame["year"])) == {("baseline", 2025), ("baseline", 2024), ("target", 2030)}
    assert sorted(frame.loc[frame["year"] == 2024, "cell"]) == ["C21", "C8"]


def test_outline_names_units_types_and_areas(outline):
    frame = outline.frame
    first = frame.drop_duplicates("indicator_id")
    assert list(first["name"]) == [n for n, _, _ in OUTLINE_NAMES]  # 21 rows in the box's order, 10 split in two
    assert list(first["unit"]) == [u for _, u, _ in OUTLINE_NAMES]
    assert list(first["indicator_type"]) == [t for _, _, t in OUTLINE_NAMES]  # 8 约束性, 13 预期性 rows
    assert (first["indicator_type"] == "约束性").sum() == 8
    # the 类别 column: 3 经济发展, 3 创新驱动, 8 民生福祉, 5 绿色低碳, 2 安全保障 (the box's rows)
    assert first["area"].value_counts().to_dict() == {"民生福祉": 8, "绿色低碳": 5, "经济发展": 3, "创新驱动": 3, "安全保障": 2}
    assert not frame["name"].str.startswith(("注", "来源")).any()  # the 注 and 来源 rows are no indicators


def test_outline_base_values_and_dated_marks(outline):
    frame = outline.frame
    for name, value in OUTLINE_BASE.items():
        got = row(frame, name, "baseline")["value"]
        assert (math.isnan(got) if value is None else got == value), (name, got)
    # 10.5* and 25.1*: the 注 row says * marks 2024 data; read as the base with its own year 2024, said at the cell
    for name, cell in (("数字经济核心产业增加值占GDP比重", "C8"), ("森林覆盖率", "C21")):
        base = row(frame, name, "baseline", 2024)
        assert base["cell"] == cell
        assert base["note"] == "按表注“带*的为2024年数据”，此数为 2024 年数据，基期值按 2024 年计；脚注标记“*”已去除"
    # 〔17.7〕 in the base column is the 14th plan's five-year total, not a 2025 level: no base value, a warning
    co2 = row(frame, "单位GDP二氧化碳排放降低", "baseline", 2025)
    assert co2["note"] == "“〔17.7〕”为上一规划期累计数，未作基期值"
    warned = [p for p in outline.problems if p.cell == "C17"]
    assert [p.severity for p in warned] == ["warning"] and "不是 2025 年的水平值" in warned[0].found


def test_outline_targets(outline):
    frame = outline.frame
    for name, cell, value, comparator, ttype, text in OUTLINE_TARGETS:
        t = _target(frame, name)
        got = (t["cell"], t["value"], t["comparator"], t["target_type"], t["target_text"])
        assert got == (cell, value, comparator, ttype, text), name
        assert math.isnan(t["target_high"]), name
    grain = _target(frame, "粮食综合生产能力")
    assert grain["note"] == "近似目标（“左右”）"
    assert _target(frame, "地级及以上城市细颗粒物(PM2.5)浓度")["direction"] == "lower"
    assert _target(frame, "城镇调查失业率")["direction"] == "lower"


def test_outline_qualitative_targets(outline):
    frame = outline.frame
    for name, cell, text in OUTLINE_QUALITATIVE:
        t = _target(frame, name)
        assert (t["cell"], t["target_type"], t["target_text"], t["comparator"]) == (cell, "qualitative", text, "")
        assert math.isnan(t["value"])
    # 18 indicators with a number to meet, 3 in words: 21 with a target of some kind
    assert "设有目标值的指标：18 个，定性目标（无数值）：3 个" in summary(outline)


def test_outline_validates_with_sentences(outline, outline_file):
    assert outline.ok, [f"{p.cell} {p.found}" for p in outline.errors]
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(outline_file)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "校验通过。" in run.stdout and "列的读法：" in run.stdout


def test_outline_region_is_said_to_come_from_the_file_name(outline, outline_file):
    """The title names no place and no national document: the file name is used, and the summary says so."""
    assert set(outline.frame["region"]) == {"十五五纲要专栏1"}
    assert "地区：表中没有地区列，标题中也没有地名，地区取自文件名“十五五纲要专栏1”" in summary(outline)
    given = read_indicators(outline_file, regions={str(outline_file): "全国"})
    assert set(given.frame["region"]) == {"全国"}
    assert "地区取自文件名" not in summary(given)


def test_outline_with_merged_categories_reads_the_same(tmp_path, outline):
    """The printed box merges each 类别 cell over its rows; only the merge differs from the transcription."""
    merged = read_indicators(national_outline_box(tmp_path / "专栏1合并.xlsx", merged_categories=True))
    assert merged.ok
    cols = ["name", "unit", "area", "kind", "year", "value", "comparator", "target_type", "target_text", "cell"]
    assert merged.frame[cols].equals(outline.frame[cols])


def test_outline_assessed_without_actuals_claims_nothing(outline):
    gap = assess(outline.frame)
    assert len(gap) == 21
    assert set(gap["status"]) == {"no_data"}  # a box alone has no actual value: nothing is judged


# ---- the box with a bureau's tracking column appended (values below are TEST INPUTS, not from the source) ----
TRACKED = {  # indicator as written → a 2026 value typed by an analyst
    "3. 常住人口城镇化率(%)": 68.5,
    "4. 全社会研发经费投入增长(%)": 8.0,
    "5. 每万人口高价值发明专利拥有量(件)": 17.5,
    "7. 城镇调查失业率(%)": 5.1,
    "12. 3 岁以下婴幼儿入托率提高(百分点)": 1.0,
    "14. 单位 GDP 二氧化碳排放降低(%)": 3.2,
    "16. 地级及以上城市细颗粒物(PM2.5)浓度(微克/立方米)": 29,
    "1. 国内生产总值(GDP)增长(%)": 4.8,
}


@pytest.fixture(scope="module")
def tracked(tmp_path_factory):
    rows = [[OUTLINE_BOX_TITLE], ["类别", "指标", "2025 年", "2030 年", "年均/累计", "属性", "2026年"]]
    rows += [r + [TRACKED.get(r[1])] for r in OUTLINE_BOX_ROWS] + [[OUTLINE_BOX_FOOTNOTE]]
    path = write_workbook(tmp_path_factory.mktemp("tracked") / "专栏1跟踪.xlsx", {"专栏1": rows},
                          {"专栏1": ["A1:G1", f"A{len(rows)}:G{len(rows)}"]})
    result = read_indicators(path, regions={str(path): "全国"})
    return result, assess(result.frame).set_index("name")


def test_tracked_column_is_an_actual(tracked):
    result, _ = tracked
    assert "    2026年 → 实际值 2026" in summary(result)
    assert set(result.frame["region"]) == {"全国"}


@pytest.mark.parametrize("name, achievement, pace, status", [
    # (68.5 − 67.9) / (71 − 67.9) = 0.6 / 3.1 = 19.35 %; 序时 (2026 − 2025) / (2030 − 2025) = 20 %; 19.35 / 20 = 0.9677 ≥ 0.75
    ("常住人口城镇化率", 19.35, 0.9677, "on_track"),
    # (17.5 − 16) / (22 − 16) = 25 %; 25 / 20 = 1.25 < 1.3 (快于 from 1.3)
    ("每万人口高价值发明专利拥有量", 25.0, 1.25, "on_track"),
    # cumulative, no base level: 3.2 / 17 = 18.82 %; 18.82 / 20 = 0.9412
    ("单位GDP二氧化碳排放降低", 18.82, 0.9412, "on_track"),
    # cumulative 〔6〕: 1.0 / 6 = 16.67 %; 16.67 / 20 = 0.8333
    ("3岁以下婴幼儿入托率提高", 16.67, 0.8333, "on_track"),
])
def test_tracked_levels_and_totals(tracked, name, achievement, pace, status):
    gap = tracked[1].loc[name]
    assert round(gap["achievement_pct"], 2) == achievement
    assert gap["elapsed_pct"] == 20.0
    assert round(gap["pace_ratio"], 4) == pace
    assert (gap["status"], gap["phase"]) == (status, "midterm")


def test_tracked_rates_and_ceilings(tracked):
    gap = tracked[1]
    # >7 in the 年均 column, % unit: the rate is the mean of the yearly values since 2025 = 8.0; 8.0 / 7 = 1.1429
    rd = gap.loc["全社会研发经费投入增长"]
    assert (rd["target_type"], round(rd["pace_ratio"], 4), rd["status"]) == ("annual_rate", 1.1429, "on_track")
    # <5.5 is a ceiling to hold each year (issue 17), not a rate: 5.1 in 2026 holds it
    jobs = gap.loc["城镇调查失业率"]
    assert (jobs["target_type"], jobs["status"]) == ("level", "achieved")
    # PM2.5 <27: 29 is further from 27 than the base 28 was → 逆向变化
    assert gap.loc["地级及以上城市细颗粒物(PM2.5)浓度", "status"] == "regressing"


def test_a_broken_yearly_ceiling_is_never_on_track(tmp_path):
    """Issue 17: 城镇调查失业率 <5.5 in the 年均/累计 column, base 5.2; a 2026 value of 5.8 breaks the ceiling."""
    rows = [[OUTLINE_BOX_TITLE], ["类别", "指标", "2025 年", "2030 年", "年均/累计", "属性", "2026年"]]
    rows += [r + [5.8 if r[1] == "7. 城镇调查失业率(%)" else None] for r in OUTLINE_BOX_ROWS] + [[OUTLINE_BOX_FOOTNOTE]]
    path = write_workbook(tmp_path / "失业率.xlsx", {"专栏1": rows}, {"专栏1": ["A1:G1", f"A{len(rows)}:G{len(rows)}"]})
    result = read_indicators(path)
    assert result.ok
    jobs = assess(result.frame).set_index("name").loc["城镇调查失业率"]
    # 5.8 is 0.3 above the ceiling 5.5 and further from it than the base 5.2 (which held it): moving away
    assert (jobs["target_type"], jobs["status"], round(jobs["gap"], 4)) == ("level", "regressing", 0.3)


# 保持 in “保持在合理区间、各年度视情提出” keeps a band, not the base level: 4.8 against a 5.0 base needs a person.
def test_tracked_gdp_range_in_words_needs_a_person(tracked):
    assert tracked[1].loc["国内生产总值(GDP)增长", "status"] == "judge"


# ---------------------------------------------------------------- the IP plan's table


def test_ip_columns_region_and_plan(ip):
    text = summary(ip)
    assert "已读取 知识产权十五五规划.xlsx › 指标：6 个指标；规划期：十五五（2025—2030年）" in text
    assert "  地区：全国（标题为国家级文件，表中没有地区列）" in text  # 国发〔2026〕30号 in the title
    assert "    2025 年 → 基期值 2025（规划表首个年份列为基期）；其中 B4、B5、B7 为 2024 年数据（表注“带*号为2024年数据”）" in text
    assert "    2030 年 → 目标值 2030（规划表期末年份列，按标题中的“十五五”）" in text
    assert set(ip.frame["region"]) == {"全国"}
    assert ip.ok and "校验通过。" in text


def test_ip_rows(ip):
    frame = ip.frame
    assert list(frame.drop_duplicates("indicator_id")["name"]) == [r[0] for r in IP_ROWS]
    for k, (name, unit, base, target, comparator, text, dated, ttype) in enumerate(IP_ROWS):
        b, t = row(frame, name, "baseline", 2024 if dated else 2025), _target(frame, name)  # a dated base keeps its year
        assert (b["unit"], b["cell"]) == (unit, f"B{k + 3}"), name
        assert b["value"] == base or (math.isnan(base) and math.isnan(b["value"])), name
        assert (t["value"], t["comparator"], t["target_type"], t["target_text"], t["cell"]) == (target, comparator, ttype, text, f"C{k + 3}"), name
        assert ("此数为 2024 年数据" in b["note"]) == dated, name
    assert "为上一规划期累计数，未作基期值" in row(frame, IP_ROWS[3][0], "baseline", 2025)["note"]
    # the table has no 属性 column (the note says all six are 预期性; it is not read into indicator_type)
    assert set(frame["indicator_type"]) == {""}


def test_ip_validate_cli(ip_file):
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(ip_file)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0 and "Traceback" not in run.stdout + run.stderr
    assert "地区：全国" in run.stdout


def test_ip_assessed_without_actuals(ip):
    gap = assess(ip.frame)
    assert list(gap["status"]) == ["no_data"] * 6
    assert list(gap["target"]) == [r[3] for r in IP_ROWS]
    assert [b if not math.isnan(b) else None for b in gap["baseline"]] == [r[2] if not math.isnan(r[2]) else None for r in IP_ROWS]


def test_ip_period_total_said_and_judged_from_zero(ip, ip_file, tmp_path):
    # The warning at B6 says what was set aside and how yearly values are read.
    found = [p for p in ip.problems if p.cell == "B6"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "19600 是上一规划期的累计数" in found[0].found and "各年数值按截至当年的累计数读取" in found[0].found
    # A 2026 tracking value of the total to date (a test input, not a published number): 4,100 of 20,000 is
    # 4100 / 20000 = 20.5 %; 序时 (2026 − 2025) / (2030 − 2025) = 20 %; 20.5 / 20 = 1.025 → on track. Read as a
    # level from the old total it would have been 4,100 < 19,600: a regression.
    rows = [[IP_PLAN_TITLE], ["指标", "2025 年", "2030 年", "2026年"]]
    rows += [r + (["4100"] if r[0].startswith("知识产权使用费") else [None]) for r in IP_PLAN_ROWS]
    rows += [["(均为预期性指标;带*号为 2024 年数据。指标表在官网为图片,已转录)"]]
    path = write_workbook(tmp_path / "ip_tracked.xlsx", {"指标": rows}, {"指标": ["A1:D1", "A9:D9"]})
    gap = assess(read_indicators(path).frame).set_index("name")
    total = gap.loc["知识产权使用费进出口总额(5年累计)"]
    assert (total["target_type"], total["completion_pct"], total["status"]) == ("cumulative", 20.5, "on_track")
    assert math.isclose(total["pace_ratio"], 1.025, abs_tol=1e-3)
