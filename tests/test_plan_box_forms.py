"""Each cell and header form of issue 17, one by one, with hand-written readings.

The cells are those the 十五五 boxes of tests/province_tables.py print (third-party transcriptions, see there).
The headers `2030年目标/年均` and `2030年（年均）` were named in the issue but found in no stored copy
(docs/province_tables_findings.md): the small tables below that use them are made up here, not transcribed.
"""

import math
import subprocess
import sys

import pytest

from analysis.read.basecells import parse_base
from analysis.read.cells import parse_target
from analysis.read.loader import classify_label, load_indicators, read_indicators
from analysis.words.validation import summary
from sheets import row, write_workbook

# text → (value, comparator, unit, target_type, high, base, base_year)
TARGETS = [
    ("5%左右", (5.0, "", "%", "", None, None, None)),  # the comparator comes later, from the direction
    ("年均 5—5.5%", (5.0, "", "%", "range", 5.5, None, None)),
    ("年均增长5—5.5%", (5.0, "", "%", "range", 5.5, None, None)),
    ("年均 10% 左右", (10.0, "", "%", "annual_rate", None, None, None)),
    ("13000 亿元左右", (13000.0, "", "亿元", "", None, None, None)),
    ("80 岁以上", (80.0, ">=", "岁", "", None, None, None)),
    ("缩小至 1.77（2025 年 1.81）", (1.77, "<=", "", "", None, 1.81, 2025)),
    ("78% 左右（2025 年约 76%）", (78.0, "", "%", "", None, 76.0, 2025)),
    ("3.5% 以上（全社会研发经费年均增长 7.5%）", (3.5, ">=", "%", "", None, None, None)),
    ("力争达到5%左右", (5.0, ">=", "%", "", None, None, None)),
    ("［25—27］", (25.0, "", "", "cumulative", 27.0, None, None)),
    ("【350左右】", (350.0, "", "", "cumulative", None, None, None)),
    ("4.5-5,努力争取更好结果", (4.5, "", "", "range", 5.0, None, None)),
    ("2.1∶1左右", (2.1, "", "", "", None, None, None)),
    (">46.5∗", (46.5, ">", "", "", None, None, None)),  # ∗ (U+2217) is a footnote mark, not a unit
    ("“十五五”年均增长\n5.0左右", (5.0, "", "", "annual_rate", None, None, None)),
    ("提高 1 个百分点以上", (1.0, ">=", "百分点", "cumulative", None, None, None)),
]


@pytest.mark.parametrize("text, expected", TARGETS)
def test_target_cell_forms(text, expected):
    t = parse_target(text)
    assert t.status == "number"
    assert (t.value, t.comparator, t.unit, t.target_type, t.high, t.base, t.base_year) == expected


@pytest.mark.parametrize("text", ["完成省下达目标", "完成国家审核衔接后确定的目标", "［完成国家审核衔接后确定的目标］",
                                  "达到国家要求", "稳中有升", "完成省定目标"])
def test_targets_deferred_to_a_review_are_qualitative(text):
    assert parse_target(text).status == "qualitative"


# text → (status, value, comparator, unit, year)
BASES = [
    ("5.0%（2025）", ("number", 5.0, "", "%", 2025)),
    ("21.5\n（2024年）", ("number", 21.5, "", "", 2024)),
    ("8%左右", ("number", 8.0, "", "%", None)),
    ("6左右∗", ("number", 6.0, "", "", None)),
    ("预计2.65%", ("number", 2.65, "", "%", None)),
    ("预计≥10%", ("number", 10.0, ">=", "%", None)),
    ("“十四五”年均增长4.0", ("number", 4.0, "", "", None)),
    ("2.21∶1", ("number", 2.21, "", "", None)),
    ("与经济增长基本同步", ("words", None, "", "", None)),
    ("迈上4万亿元新台阶(2030)", ("words", None, "", "", 2030)),
    ("8358/244", ("invalid", None, "", "", None)),
    ("12.3.4", ("invalid", None, "", "", None)),
]


@pytest.mark.parametrize("text, expected", BASES)
def test_base_cell_forms(text, expected):
    b = parse_base(text)
    assert (b.status, b.value, b.comparator, b.unit, b.year) == expected


@pytest.mark.parametrize("label, kind, year, hint, estimate", [
    ("2030 年/年均", "target", 2030, "level_or_rate", False),
    ("2030年目标/年均", "target", 2030, "level_or_rate", False),
    ("2030年（年均）", "target", 2030, "level_or_rate", False),
    ("2025 年(含预估)", "actual", 2025, "", True),  # bare: the plan's base in a plan table (below)
    ("2025年\n预计", "actual", 2025, "", True),
    ("2023年累计完成", "actual", 2023, "", False),  # an actual summed up, not a target
])
def test_header_forms(label, kind, year, hint, estimate):
    col = classify_label(label)
    assert (col.field, col.kind, col.year, col.hint, col.estimate) == ("value", kind, year, hint, estimate)


def _made_up_box(path, target_header):
    """A made-up box (not transcribed: see the module's doc) with the header `target_header`."""
    rows = [["示例省国民经济和社会发展第十五个五年规划纲要"], ["指标", "单位", "2025年(含预估)", target_header],
            ["常住人口城镇化率", "%", "63.6", "68左右"],
            ["地区生产总值增长", "%", "5.5", "5以上"],
            ["研发经费投入", "亿元", "1000", "年均10%"],
            ["城镇调查失业率", "%", "5.2", "<5.5"]]
    return write_workbook(path, {"表": rows})


@pytest.mark.parametrize("header", ["2030年目标/年均", "2030年（年均）"])
def test_made_up_box_with_a_target_or_rate_header(tmp_path, header):
    result = read_indicators(_made_up_box(tmp_path / "box.xlsx", header))
    assert result.ok
    frame = result.frame
    # base column: 2025, an estimate; the region from the (made-up) title
    assert set(frame["region"]) == {"示例省"}
    assert row(frame, "常住人口城镇化率", "baseline", 2025)["value"] == 63.6
    got = {n: (row(frame, n, "target", 2030)["value"], row(frame, n, "target", 2030)["target_type"],
               row(frame, n, "target", 2030)["comparator"])
           for n in ("常住人口城镇化率", "地区生产总值增长", "研发经费投入", "城镇调查失业率")}
    assert got == {
        "常住人口城镇化率": (68.0, "level", ">="),  # a level target, approximate
        "地区生产总值增长": (5.0, "annual_rate", ">="),  # the name says a growth (增长, in %): a rate
        "研发经费投入": (10.0, "annual_rate", ">="),  # the cell says 年均: 10 % a year of a level in 亿元
        "城镇调查失业率": (5.5, "level", "<"),  # a level's ceiling, every year
    }
    text = summary(result)
    assert "    2025年(含预估) → 基期值 2025（列名注明含预估：数值为预计数）（规划表中唯一的年份列是规划期基期 2025 年，读作基期值）" in text
    assert f"    {header} → 目标值 2030（水平目标；单元格写“年均”或指标为增速的读作年均增速）" in text
    assert "单元格 D4：“" + header + "”列中的“5以上”（指标“地区生产总值增长”）：指标名称表明是增速，目标按年均增速读取" in text


# ---- the region: from the title, else --region / region= ----

def _placeless(path):
    rows = [["指标", "2025年", "2030年目标"], ["每万人口高价值发明专利拥有量", "13.7", "20"]]
    return write_workbook(path, {"表": rows})


def test_region_parameter_names_a_placeless_table(tmp_path):
    path = _placeless(tmp_path / "t1b_ip_plan_tracking.xlsx")
    assert set(load_indicators(path)["region"]) == {"t1b_ip_plan_tracking"}  # said in the summary, with the fix
    assert set(load_indicators(path, region="福建省")["region"]) == {"福建省"}
    # regions={file: name} still names that one file
    assert set(load_indicators(path, regions={str(path): "浙江省"}, region="福建省")["region"]) == {"浙江省"}
    text = summary(read_indicators(path))
    assert "请用 --region 指定（如 --region 福建省" in text


def test_region_on_the_command_line(tmp_path):
    path = _placeless(tmp_path / "t1b_ip_plan_tracking.xlsx")
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(path), "--region", "福建省"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0
    assert "  地区：福建省（按参数 --region / region= 指定）" in run.stdout


def test_a_province_title_names_the_province(tmp_path):
    rows = [["福建省国民经济和社会发展第十五个五年规划纲要（2026—2030年）"], ["指标", "2025年基期", "2030年目标"],
            ["常住人口城镇化率", "72.6%", "75%"]]
    result = read_indicators(write_workbook(tmp_path / "fj.xlsx", {"专栏1": rows}))
    assert set(result.frame["region"]) == {"福建省"}
    assert "  地区：福建省（取自标题" in summary(result)
    assert math.isclose(row(result.frame, "常住人口城镇化率", "baseline", 2025)["value"], 72.6)
